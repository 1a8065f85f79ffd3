import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { MonoId } from '../../components/MonoId';
import { formatDuration, RelativeTime } from '../../components/RelativeTime';
import { DeliveryStatusBadge, HttpStatusBadge } from '../../components/StatusBadges';
import { useFired } from '../../stores/fired';
import { hrefOf } from '../../stores/router';
import { useWebhooks, webhookName } from '../../stores/webhooks';

/** Events fired from here and each resulting delivery, updating live. */
export function FiredList() {
  const { events, deliveries } = useFired();
  const hooks = useWebhooks((s) => s.items);
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
              <Table>
                <Table.Tbody>
                  {deliveryIds.map((id) => {
                    const d = deliveries[id];
                    if (!d) return null;
                    return (
                      <Table.Tr key={id} data-delivery-id={id}>
                        <Table.Td w={120}>
                          <DeliveryStatusBadge status={d.status} attempt={d.attemptCount} />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" className="hb-ellipsis">
                            {webhookName(hooks, d.webhookId)}
                          </Text>
                        </Table.Td>
                        <Table.Td w={110}>
                          <HttpStatusBadge code={d.lastStatusCode} error={d.lastError} />
                        </Table.Td>
                        <Table.Td w={80}>
                          <Text size="xs" ff="monospace">
                            {formatDuration(d.lastDurationMs)}
                          </Text>
                        </Table.Td>
                        <Table.Td w={70}>
                          <Anchor size="xs" href={hrefOf('deliveries', null, { delivery: id })}>
                            Inspect
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </div>
        ))}
      </Stack>
    </Card>
  );
}
