import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { Delivery } from '../../../src-main/api/types';
import { MonoId } from '../../components/MonoId';
import { CutText, PriorityTable, type TableColumn } from '../../components/PriorityTable';
import { formatDuration, RelativeTime } from '../../components/RelativeTime';
import { DeliveryStatusBadge, HttpStatusBadge } from '../../components/StatusBadges';
import { useFired } from '../../stores/fired';
import { hrefOf } from '../../stores/router';
import { useWebhooks, webhookName } from '../../stores/webhooks';

function firedColumns(names: (id: string) => string): TableColumn<Delivery>[] {
  return [
    {
      key: 'status',
      label: 'Status',
      min: 120,
      priority: 0,
      cell: (d) => <DeliveryStatusBadge status={d.status} attempt={d.attemptCount} />,
    },
    {
      key: 'webhook',
      label: 'Webhook',
      min: 160,
      grow: 1,
      priority: 0,
      cell: (d) => <CutText>{names(d.webhookId)}</CutText>,
    },
    {
      key: 'http',
      label: 'HTTP',
      min: 100,
      priority: 1,
      cell: (d) => <HttpStatusBadge code={d.lastStatusCode} error={d.lastError} />,
    },
    {
      key: 'duration',
      label: 'Duration',
      min: 76,
      priority: 2,
      cell: (d) => (
        <Text size="xs" ff="monospace">
          {formatDuration(d.lastDurationMs)}
        </Text>
      ),
    },
    {
      key: 'inspect',
      label: 'Inspect',
      min: 70,
      priority: 0,
      cell: (d) => (
        <Anchor size="xs" href={hrefOf('deliveries', null, { delivery: d.id })}>
          Inspect
        </Anchor>
      ),
    },
  ];
}

/** Events fired from here and each resulting delivery, updating live. */
export function FiredList() {
  const { events, deliveries } = useFired();
  const hooks = useWebhooks((s) => s.items);
  const columns = useMemo(() => firedColumns((id) => webhookName(hooks, id)), [hooks]);
  if (events.length === 0) return null;
  return (
    <Card withBorder padding="md" radius="md" role="region" aria-label="Fired events">
      <Text fw={600} size="sm" mb="xs">
        Fired from here
      </Text>
      <Stack gap="sm">
        {events.slice(0, 8).map(({ event, deliveryIds }) => (
          <div key={event.id}>
            <Group gap="xs" mb={4}>
              <Text ff="monospace" fz={12} fw={600}>
                {event.type}
              </Text>
              <MonoId value={event.id} />
              <RelativeTime at={Date.parse(event.timestamp)} size="xs" c="dimmed" />
            </Group>
            {deliveryIds.length === 0 ? (
              <Text size="xs" c="orange">
                No enabled webhook subscribes to this type: nothing was sent.
              </Text>
            ) : (
              <PriorityTable
                aria-label={`Deliveries of ${event.type}`}
                withHeader={false}
                columns={columns}
                rows={deliveryIds.flatMap((id) => deliveries[id] ?? [])}
                rowKey={(d) => d.id}
                rowProps={(d) => ({ 'data-delivery-id': d.id })}
              />
            )}
          </div>
        ))}
      </Stack>
    </Card>
  );
}
