import { Table, Text } from '@mantine/core';
import { CopyIconButton } from './CopyIconButton';

type HeaderList = [string, string][] | Record<string, string>;

const asList = (h: HeaderList): [string, string][] => (Array.isArray(h) ? h : Object.entries(h));

/** Headers as sent or received, in their order, monospace, each value copyable. */
export function HeadersTable({ headers, highlight = [] }: { headers: HeaderList | null | undefined; highlight?: string[] }) {
  const list = headers ? asList(headers) : [];
  if (list.length === 0) return <Text size="sm" c="dimmed">No headers</Text>;
  const marked = new Set(highlight.map((h) => h.toLowerCase()));
  return (
    <Table withRowBorders={false} verticalSpacing={2} style={{ tableLayout: 'fixed' }}>
      <Table.Tbody>
        {list.map(([name, value], i) => (
          <Table.Tr key={`${name}-${i}`} bg={marked.has(name.toLowerCase()) ? 'var(--mantine-color-yellow-light)' : undefined}>
            <Table.Td w="34%" style={{ verticalAlign: 'top' }}>
              <Text ff="monospace" fz={12} c="dimmed" style={{ wordBreak: 'break-all' }}>{name}</Text>
            </Table.Td>
            <Table.Td style={{ verticalAlign: 'top' }}>
              <Text ff="monospace" fz={12} style={{ wordBreak: 'break-all' }}>{value}</Text>
            </Table.Td>
            <Table.Td w={32} style={{ verticalAlign: 'top' }}>
              <CopyIconButton value={value} label={`Copy ${name}`} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
