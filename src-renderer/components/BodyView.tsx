import { Code, Group, SegmentedControl, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { CopyIconButton } from './CopyIconButton';
import { HexView } from './HexView';
import { base64ToBytes, prettyJson, textToBytes } from './json';

interface BodyViewProps {
  /** Body as text (null when it is not valid UTF-8). */
  text: string | null;
  /** The exact bytes, when known (received requests). */
  base64?: string;
  truncated?: boolean;
  maxHeight?: number;
}

/** A body with pretty / raw / hex views. Pretty is offered when it is JSON. */
export function BodyView({ text, base64, truncated, maxHeight = 360 }: BodyViewProps) {
  const pretty = useMemo(() => prettyJson(text), [text]);
  const bytes = useMemo(() => (base64 !== undefined ? base64ToBytes(base64) : textToBytes(text ?? '')), [base64, text]);
  const modes = [...(pretty ? ['pretty'] : []), ...(text !== null ? ['raw'] : []), 'hex'];
  const [mode, setMode] = useState<string>(modes[0]!);
  const current = modes.includes(mode) ? mode : modes[0]!;
  const empty = bytes.length === 0;

  return (
    <div>
      <Group justify="space-between" mb={4} gap="xs">
        <SegmentedControl size="xs" value={current} onChange={setMode} data={modes} aria-label="Body view" />
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {bytes.length.toLocaleString()} bytes{truncated ? ' (truncated)' : ''}
          </Text>
          {text !== null && <CopyIconButton value={text} label="Copy body" />}
        </Group>
      </Group>
      <div style={{ maxHeight, overflow: 'auto' }}>
        {empty ? (
          <Text size="sm" c="dimmed">
            (empty body)
          </Text>
        ) : current === 'hex' ? (
          <HexView bytes={bytes} />
        ) : (
          <Code
            block
            style={{ fontSize: 12, whiteSpace: current === 'raw' ? 'pre-wrap' : 'pre', wordBreak: 'break-all' }}
          >
            {current === 'pretty' ? pretty : text}
          </Code>
        )}
      </div>
    </div>
  );
}
