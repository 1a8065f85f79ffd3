import { Button, Card, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Delivery } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { formatDuration, RelativeTime } from '../../components/RelativeTime';
import { MonoId } from '../../components/MonoId';
import { CutText, PriorityTable, type TableColumn } from '../../components/PriorityTable';
import { EmptyState, ErrorState } from '../../components/States';
import { DeliveryStatusBadge, HttpStatusBadge } from '../../components/StatusBadges';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { hrefOf } from '../../stores/router';

const PAGE = 50;

const mono = (text: string) => (
  <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
    {text}
  </Text>
);

/** The same priorities as the Deliveries table: the id gives way first. */
const COLUMNS: TableColumn<Delivery>[] = [
  { key: 'status', label: 'Status', min: 118, priority: 0, cell: (d) => <DeliveryStatusBadge status={d.status} /> },
  { key: 'event', label: 'Event', min: 248, grow: 1, priority: 0, cell: (d) => <CutText mono>{d.eventType}</CutText> },
  { key: 'id', label: 'Delivery', min: 240, priority: 5, cell: (d) => <MonoId value={d.id} copy={false} max={40} /> },
  {
    key: 'http',
    label: 'HTTP',
    min: 96,
    priority: 2,
    cell: (d) => <HttpStatusBadge code={d.lastStatusCode} error={d.lastError} />,
  },
  { key: 'attempts', label: 'Attempts', min: 100, priority: 3, cell: (d) => mono(String(d.attemptCount)) },
  { key: 'duration', label: 'Duration', min: 100, priority: 4, cell: (d) => mono(formatDuration(d.lastDurationMs)) },
  {
    key: 'created',
    label: 'Created',
    min: 96,
    priority: 0,
    cell: (d) => <RelativeTime at={d.createdAt} size="xs" c="dimmed" />,
  },
];

/** One webhook's deliveries, newest first; the first page follows live, older pages load on demand. */
export function WebhookHistory({ webhookId }: { webhookId: string }) {
  const first = useLiveQuery(() => client.call('webhooks.deliveries', { id: webhookId, limit: PAGE }), [webhookId], {
    refreshOn: ['delivery.updated'],
    throttleMs: 700,
  });
  const [older, setOlder] = useState<Delivery[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setOlder([]);
    setCursor(first.data?.nextCursor ?? null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start over for another webhook or a first page that arrives, not for each refresh of it
  }, [webhookId, first.data === null]);

  const loadMore = async () => {
    const c = cursor ?? first.data?.nextCursor;
    if (!c) return;
    setLoadingMore(true);
    try {
      const page = await client.call('webhooks.deliveries', { id: webhookId, limit: PAGE, cursor: c });
      setOlder((o) => [...o, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const firstIds = new Set(first.data?.items.map((d) => d.id));
  const rows = [...(first.data?.items ?? []), ...older.filter((d) => !firstIds.has(d.id))];
  const more = older.length ? cursor : first.data?.nextCursor;
  return (
    <Card withBorder padding={0} radius="md">
      <Group justify="space-between" px="md" py="xs">
        <Text fw={600} size="sm">
          History
        </Text>
        <Button size="compact-xs" variant="subtle" component="a" href={hrefOf('deliveries', null, { webhookId })}>
          Open in Deliveries
        </Button>
      </Group>
      {(first.error || error) && <ErrorState error={first.error ?? error ?? ''} onRetry={first.refetch} />}
      {rows.length === 0 && !first.loading ? (
        <EmptyState title="No deliveries yet">
          Fire an event this webhook subscribes to, or send a test event.
        </EmptyState>
      ) : (
        <PriorityTable
          aria-label="History"
          columns={COLUMNS}
          rows={rows}
          rowKey={(d) => d.id}
          rowProps={(d) => ({
            className: 'hb-row',
            onClick: () => {
              window.location.hash = hrefOf('deliveries', null, { delivery: d.id, webhookId });
            },
          })}
        />
      )}
      {more && (
        <Group justify="center" p="xs">
          <Button size="xs" variant="subtle" loading={loadingMore} onClick={() => void loadMore()}>
            Load older
          </Button>
        </Group>
      )}
    </Card>
  );
}
