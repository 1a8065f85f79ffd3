import { Button, Group, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { RelativeTime, formatDuration } from '../../components/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { HttpStatusBadge, VerdictBadge } from '../../components/StatusBadges';
import { useRequests } from '../../stores/requests';

const sizeText = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** The live feed of one inbox (or all, or unrouted): newest first, older pages on demand. */
export function RequestFeed({
  selectedId,
  onSelect,
  emptyHint,
}: {
  selectedId: string | null;
  onSelect: (id: string) => void;
  emptyHint: React.ReactNode;
}) {
  const s = useRequests();
  const [q, setQ] = useState(s.filters.q ?? '');
  useEffect(() => {
    const t = setTimeout(() => {
      if ((s.filters.q ?? '') !== q.trim()) s.setFilters({ ...s.filters, q: q.trim() || undefined });
    }, 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing restarts the wait; the store's filters are read when it fires
  }, [q]);
  const verdict = s.filters.valid === undefined ? 'all' : s.filters.valid ? 'valid' : 'invalid';

  return (
    <div>
      <Group gap="xs" p="xs" justify="space-between">
        <SegmentedControl
          size="xs"
          value={verdict}
          onChange={(v) => s.setFilters({ ...s.filters, valid: v === 'all' ? undefined : v === 'valid' })}
          data={['all', 'valid', 'invalid']}
          aria-label="Verdict filter"
        />
        <TextInput
          size="xs"
          w={220}
          placeholder="Search bodies and headers"
          leftSection={<IconSearch size={14} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-label="Search requests"
        />
      </Group>
      {s.status === 'error' ? (
        <ErrorState error={s.error ?? 'failed'} onRetry={() => void s.reload()} />
      ) : s.status !== 'ready' && s.rows.length === 0 ? (
        <LoadingState label="Loading requests…" />
      ) : s.rows.length === 0 ? (
        <EmptyState title="No requests yet">{emptyHint}</EmptyState>
      ) : (
        <Table aria-label="Received requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Verdict</Table.Th>
              <Table.Th>Request</Table.Th>
              <Table.Th>Answer</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>Took</Table.Th>
              <Table.Th>Received</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.rows.map((r) => (
              <Table.Tr
                key={r.id}
                className="hb-row"
                data-selected={r.id === selectedId}
                data-request-id={r.id}
                onClick={() => onSelect(r.id)}
              >
                <Table.Td>
                  <VerdictBadge request={r} />
                </Table.Td>
                <Table.Td maw={320}>
                  <Text ff="monospace" fz={12} className="hb-ellipsis">
                    {r.method} {r.path}
                    {r.query ? `?${r.query}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <HttpStatusBadge code={r.responseStatus} />
                </Table.Td>
                <Table.Td>
                  <Text fz={12} ff="monospace">
                    {sizeText(r.bodySize)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text fz={12} ff="monospace">
                    {formatDuration(r.durationMs)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RelativeTime at={r.receivedAt} size="xs" c="dimmed" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {s.nextCursor && (
        <Group justify="center" p="xs">
          <Button size="xs" variant="subtle" loading={s.loadingMore} onClick={() => void s.loadMore()}>
            Load older
          </Button>
        </Group>
      )}
    </div>
  );
}
