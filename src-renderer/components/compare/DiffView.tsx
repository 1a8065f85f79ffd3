import { Badge, Code, Group, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { DiffResult, HexWindow } from '../../../src-main/api/diffTypes';
import { formatDuration } from '../RelativeTime';

const KIND_COLOR = { added: 'teal', removed: 'red', changed: 'orange', same: 'gray', type_changed: 'grape' } as const;
const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));
const Section = ({ children }: { children: string }) => (
  <Text size="xs" fw={700} c="dimmed" tt="uppercase">
    {children}
  </Text>
);

/**
 * A `diff.compare` result: what the differences imply (causes in red only when the right side is
 * a received request that failed verification: two events simply differ), then headers, body (bytes, JSON by path with key order and whitespace apart from
 * values, text patch) and timing. Shared by compare mode and the replay view.
 */
export function DiffView({ diff }: { diff: DiffResult }) {
  const quietCauses = diff.right.verdict?.valid !== false;
  const headers = diff.headers.changes.filter((c) => c.kind !== 'same' && !c.transport);
  const { body, timing } = diff;
  return (
    <Stack gap="xs">
      {diff.explanations.length > 0 && (
        <List size="sm" spacing={2} aria-label="What the differences imply">
          {diff.explanations.map((e) => (
            <List.Item key={e.kind} c={e.level === 'cause' && !quietCauses ? 'red' : undefined}>
              {e.message}
            </List.Item>
          ))}
        </List>
      )}
      {(diff.methodChanged || diff.pathChanged) && (
        <Text size="sm" ff="monospace">
          {diff.left.method} {diff.left.path} → {diff.right.method} {diff.right.path}
        </Text>
      )}
      <Section>Headers</Section>
      {headers.length === 0 ? (
        <Text size="sm" c="dimmed">
          No header differences{diff.headers.orderChanged ? ' (only their order changed)' : ''}.
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={2} style={{ tableLayout: 'fixed' }} aria-label="Header changes">
          <Table.Tbody>
            {headers.map((c) => (
              <Table.Tr key={c.name} data-header-change={c.kind}>
                <Table.Td w={90}>
                  <Badge size="xs" variant="light" color={KIND_COLOR[c.kind]}>
                    {c.kind}
                  </Badge>
                </Table.Td>
                <Table.Td w="22%">
                  <Text ff="monospace" fz={12} style={{ wordBreak: 'break-all' }}>
                    {c.rightName ?? c.leftName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text ff="monospace" fz={12} c="red" style={{ wordBreak: 'break-all' }}>
                    {c.left.join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text ff="monospace" fz={12} c="teal" style={{ wordBreak: 'break-all' }}>
                    {c.right.join(', ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Section>Body</Section>
      {body.note && (
        <Text size="sm" c="dimmed">
          {body.note}
        </Text>
      )}
      {body.bytes.equal ? (
        <Text size="sm" c="dimmed">
          Same bytes ({body.bytes.leftSize.toLocaleString()}).
        </Text>
      ) : (
        <Text size="sm">
          Bytes differ from offset {body.bytes.firstDifferenceAt}: {body.bytes.leftSize.toLocaleString()} →{' '}
          {body.bytes.rightSize.toLocaleString()} bytes
          {body.json?.valuesEqual ? ' — the JSON values are equal' : ''}
          {body.json?.keyOrderChanges.length ? '; key order changed' : ''}
          {body.json?.whitespaceChanged ? '; whitespace changed' : ''}
          {body.json?.spellingChanged ? '; spelling of values changed (escapes, number form)' : ''}.
        </Text>
      )}
      {body.bytes.context && <HexPair left={body.bytes.context.left} right={body.bytes.context.right} />}
      {body.json && body.json.changes.length > 0 && (
        <Stack gap={2} aria-label="JSON changes">
          {body.json.changes.map((c) => (
            <Group key={c.path} gap={6} wrap="nowrap" data-json-change={c.kind}>
              <Badge size="xs" variant="light" color={KIND_COLOR[c.kind]}>
                {c.kind.replace('_', ' ')}
              </Badge>
              <Code fz={12}>{c.path}</Code>
              <Text ff="monospace" fz={12} style={{ wordBreak: 'break-all' }}>
                {show(c.left)} → {show(c.right)}
              </Text>
            </Group>
          ))}
          {body.json.changesTruncated && (
            <Text size="xs" c="dimmed">
              More changes not shown.
            </Text>
          )}
        </Stack>
      )}
      {body.json && body.json.keyOrderChanges.length > 0 && (
        <Stack gap={2} aria-label="Key order changes">
          {body.json.keyOrderChanges.map((k) => (
            <Text key={k.path} size="xs" ff="monospace">
              {k.path}: {k.left.join(', ')} → {k.right.join(', ')}
            </Text>
          ))}
        </Stack>
      )}
      {body.text && (
        <Code block fz={12}>
          {body.text.patch}
        </Code>
      )}
      <Section>Timing</Section>
      <Text size="sm">
        {new Date(timing.leftAt).toLocaleString()} → {new Date(timing.rightAt).toLocaleString()} (
        {formatGap(timing.gapMs)}); durations{' '}
        {timing.leftDurationMs === null ? '—' : formatDuration(timing.leftDurationMs)} →{' '}
        {timing.rightDurationMs === null ? '—' : formatDuration(timing.rightDurationMs)}
      </Text>
    </Stack>
  );
}

function formatGap(ms: number): string {
  const a = Math.abs(ms);
  const text =
    a < 1000
      ? `${a} ms`
      : a < 120_000
        ? `${(a / 1000).toFixed(1)} s`
        : a < 7_200_000
          ? `${Math.round(a / 60_000)} min`
          : `${(a / 3_600_000).toFixed(1)} h`;
  return ms < 0 ? `${text} apart, the right one first` : `${text} apart`;
}

/** The bytes around the first difference, both sides. */
function HexPair({ left, right }: { left: HexWindow; right: HexWindow }) {
  return (
    <SimpleGrid cols={2} spacing="xs" aria-label="Bytes around the first difference">
      {[left, right].map((w, i) => (
        <Code key={i} block fz={11} style={{ overflowX: 'auto' }}>{`@${w.offset}\n${w.hex}\n${w.ascii}`}</Code>
      ))}
    </SimpleGrid>
  );
}
