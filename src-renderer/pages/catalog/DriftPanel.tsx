import { Anchor, Card, Table, Text } from '@mantine/core';
import type { CatalogId, DriftRow } from '../../../src-main/api/catalogTypes';
import { client } from '../../api/client';
import { RelativeTime } from '../../components/RelativeTime';
import { LiteBadge } from '../../components/LiteBadge';
import { pointerText } from '../../components/SchemaIssues';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { hrefOf } from '../../stores/router';
import { currentWorkspaceId } from '../../stores/workspace';

/** Drifting types first, then by how many requests broke the schema. */
const byDrift = (a: DriftRow, b: DriftRow) =>
  b.invalid / Math.max(1, b.checked) - a.invalid / Math.max(1, a.checked) || b.invalid - a.invalid;

/** Types whose recent traffic (requests to inboxes bound to the catalog) no longer matches their schema. */
export function DriftPanel({
  catalog,
  title,
  onOpen,
}: {
  catalog: CatalogId;
  title: string;
  onOpen: (type: string) => void;
}) {
  const q = useLiveQuery(
    () => client.call('catalogs.drift', { workspaceId: currentWorkspaceId(), catalog }),
    [catalog],
    {
      refreshOn: ['request.received'],
      throttleMs: 2000,
    },
  );
  if (q.error) return <ErrorState title="Could not check for drift" error={q.error} onRetry={q.refetch} />;
  if (!q.data) return <LoadingState label="Checking recent traffic…" />;
  const rows = [...q.data].sort(byDrift);
  if (rows.length === 0)
    return (
      <EmptyState title={`No ${title} traffic checked yet`}>
        Drift compares the requests an inbox receives with their types&apos; schemas. Bind an inbox to the {title}{' '}
        catalog in its settings on the <Anchor href={hrefOf('receiver')}>Receiver</Anchor> page (“Check payloads against
        catalog”), then send it some requests.
      </EmptyState>
    );
  const drifting = rows.filter((r) => r.invalid > 0).length;
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="sm" mb="xs">
        {drifting === 0
          ? `Every recently checked request matches its schema (${rows.length} type${rows.length === 1 ? '' : 's'}).`
          : `${drifting} of ${rows.length} type${rows.length === 1 ? '' : 's'} recently received payloads that break their schema.`}
      </Text>
      <Table layout="fixed" verticalSpacing={6} aria-label="Drift">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="26%">Type</Table.Th>
            <Table.Th w={120}>Invalid</Table.Th>
            <Table.Th>Example issue</Table.Th>
            <Table.Th w={110}>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.type} data-drift-type={r.type}>
              <Table.Td>
                <Anchor
                  component="button"
                  ff="monospace"
                  fz={12}
                  onClick={() => onOpen(r.type)}
                  style={{ overflowWrap: 'anywhere', textAlign: 'left' }}
                >
                  {r.type}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <LiteBadge color={r.invalid ? 'red' : 'teal'} caseless>
                  {r.invalid} of {r.checked}
                </LiteBadge>
              </Table.Td>
              <Table.Td>
                {r.example ? (
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    <Text span ff="monospace" fz={11} c="red">
                      {pointerText(r.example.path)}
                    </Text>{' '}
                    — {r.example.message}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {r.lastSeenAt !== null ? <RelativeTime at={r.lastSeenAt} size="xs" c="dimmed" /> : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
