import { Code, Text } from '@mantine/core';
import { useMemo } from 'react';

const MAX_BYTES = 16 * 1024;

/** Classic hex dump: offset, 16 bytes in hex, printable ASCII. */
export function hexDump(bytes: Uint8Array, limit = MAX_BYTES): string {
  const lines: string[] = [];
  const n = Math.min(bytes.length, limit);
  for (let off = 0; off < n; off += 16) {
    const chunk = bytes.subarray(off, Math.min(off + 16, n));
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`);
  }
  return lines.join('\n');
}

export function HexView({ bytes }: { bytes: Uint8Array }) {
  const dump = useMemo(() => hexDump(bytes), [bytes]);
  if (bytes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        (empty body)
      </Text>
    );
  return (
    <>
      <Code block style={{ fontSize: 11, whiteSpace: 'pre', overflowX: 'auto' }}>
        {dump}
      </Code>
      {bytes.length > MAX_BYTES && (
        <Text size="xs" c="dimmed" mt={4}>
          Showing the first {MAX_BYTES / 1024} KiB of {bytes.length.toLocaleString()} bytes.
        </Text>
      )}
    </>
  );
}
