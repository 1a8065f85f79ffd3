import { Button, Card, Group, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Delivery } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { formatDuration, RelativeTime } from '../../components/RelativeTime';
import { MonoId } from '../../components/MonoId';
import { EmptyState, ErrorState } from '../../components/States';
import { DeliveryStatusBadge, HttpStatusBadge } from '../../components/StatusBadges';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { hrefOf } from '../../stores/router';

const PAGE = 50;

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
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Status</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>Delivery</Table.Th>
              <Table.Th>HTTP</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Duration</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr
                key={d.id}
                className="hb-row"
                onClick={() => {
                  window.location.hash = hrefOf('deliveries', null, { delivery: d.id, webhookId });
                }}
              >
                <Table.Td>
                  <DeliveryStatusBadge status={d.status} />
                </Table.Td>
                <Table.Td>
                  <Text ff="monospace" fz={12}>
                    {d.eventType}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <MonoId value={d.id} copy={false} />
                </Table.Td>
                <Table.Td>
                  <HttpStatusBadge code={d.lastStatusCode} error={d.lastError} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {d.attemptCount}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {formatDuration(d.lastDurationMs)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RelativeTime at={d.createdAt} size="xs" c="dimmed" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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
