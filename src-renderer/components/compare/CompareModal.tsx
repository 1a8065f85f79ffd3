import { Alert, Badge, Card, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DiffResult, DiffSide } from '../../../src-main/api/diffTypes';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { useCompare } from '../../stores/compare';
import { HeadersTable } from '../HeadersTable';
import { LoadingState } from '../States';
import { DiffView } from './DiffView';

/** The two picked messages side by side, with their diff. Mounted once, in the shell. */
export function CompareModal() {
  const open = useCompare((s) => s.open);
  const close = useCompare((s) => s.close);
  const [diff, setDiff] = useState<DiffResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setDiff(null);
    setError(null);
    if (!open) return;
    let live = true;
    client.call('diff.compare', { left: open.left.ref, right: open.right.ref }).then(
      (d) => live && setDiff(d),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [open]);

  return (
    <Modal
      opened={open !== null}
      onClose={close}
      size="min(1400px, 96vw)"
      zIndex={400}
      title={<Text fw={700}>Compare</Text>}
      aria-label="Compare"
    >
      {error && (
        <Alert color="red" variant="light">
          {error}
        </Alert>
      )}
      {!diff && !error && <LoadingState label="Comparing…" />}
      {diff && (
        <Stack gap="sm">
          <Group gap="xs">
            {diff.identical ? (
              <Badge color="gray" variant="light">
                identical
              </Badge>
            ) : (
              <Badge color="orange" variant="light">
                differs
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              left: {diff.left.label} · right: {diff.right.label}
            </Text>
          </Group>
          <Card withBorder padding="sm" radius="md" role="region" aria-label="Differences">
            <DiffView diff={diff} />
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Side side={diff.left} title="Left" />
            <Side side={diff.right} title="Right" />
          </SimpleGrid>
        </Stack>
      )}
    </Modal>
  );
}

function Side({ side, title }: { side: DiffSide; title: string }) {
  return (
    <Card withBorder padding="sm" radius="md" role="region" aria-label={`${title}: ${side.label}`}>
      <Stack gap={6}>
        <Group gap="xs">
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {side.label}
          </Text>
        </Group>
        <Text ff="monospace" fz={13} style={{ wordBreak: 'break-all' }}>
          {side.method} {side.url}
        </Text>
        <HeadersTable headers={side.headers} />
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          Body ({side.bodySize.toLocaleString()} bytes{side.bodyTruncated ? ', cut at the limit' : ''})
        </Text>
        <Text
          ff="monospace"
          fz={12}
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 320, overflow: 'auto' }}
        >
          {side.bodyText ?? `(binary, ${side.bodySize} bytes)`}
        </Text>
      </Stack>
    </Card>
  );
}
