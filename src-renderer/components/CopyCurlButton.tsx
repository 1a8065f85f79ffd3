import { Button, CopyButton } from '@mantine/core';
import { IconCheck, IconTerminal2 } from '@tabler/icons-react';
import { toCurl, type CurlRequest } from './curl';

export function CopyCurlButton({ request }: { request: CurlRequest }) {
  return (
    <CopyButton value={toCurl(request)} timeout={1500}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant="default"
          onClick={copy}
          leftSection={copied ? <IconCheck size={14} /> : <IconTerminal2 size={14} />}
        >
          {copied ? 'Copied' : 'Copy as curl'}
        </Button>
      )}
    </CopyButton>
  );
}
