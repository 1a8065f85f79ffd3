import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useState } from 'react';
import { RelativeTime } from '../../components/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useAlerts } from '../../stores/alerts';
import { hrefOf } from '../../stores/router';
import { useWebhooks, webhookName } from '../../stores/webhooks';

export function AlertsPage() {
  const { alerts, unread, loaded, error, load, markRead, markAllRead } = useAlerts();
  const webhooks = useWebhooks((s) => s.items);
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const rows = show === 'unread' ? alerts.filter((a) => !a.read) : alerts;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={3}>Alerts</Title>
          {unread > 0 && <Badge color="red">{unread} unread</Badge>}
        </Group>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={show}
            onChange={(v) => setShow(v as 'all' | 'unread')}
            data={[
              { value: 'all', label: 'All' },
              { value: 'unread', label: 'Unread' },
            ]}
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconChecks size={14} />}
            disabled={unread === 0}
            onClick={() => void markAllRead()}
          >
            Mark all read
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        A webhook alerts after consecutive failures (thresholds in Settings) and is disabled at the last one. Any
        success resets the count.
      </Text>
      {error && <ErrorState error={error} onRetry={() => void load()} />}
      <Card withBorder padding={0} radius="md">
        {!loaded ? (
          <LoadingState />
        ) : rows.length === 0 ? (
          <EmptyState title={show === 'unread' ? 'No unread alerts' : 'No alerts'}>
            Webhooks that keep failing show up here.
          </EmptyState>
        ) : (
          <Table aria-label="Alerts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={12} />
                <Table.Th>Kind</Table.Th>
                <Table.Th>Webhook</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th>Failures</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr
                  key={a.id}
                  data-alert-id={a.id}
                  data-read={a.read}
                  style={{ fontWeight: a.read ? undefined : 600 }}
                >
                  <Table.Td>
                    {!a.read && (
                      <span
                        aria-label="unread"
                        style={{
                          display: 'inline-block',
                          width: 8,
                          height: 8,
                          borderRadius: 4,
                          background: 'var(--mantine-color-red-6)',
                        }}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" color={a.kind === 'disabled' ? 'red' : 'orange'}>
                      {a.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {a.webhookId ? (
                      <Anchor size="sm" href={hrefOf('webhooks', a.webhookId)}>
                        {webhookName(webhooks, a.webhookId)}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={a.read ? 400 : 500}>
                      {a.message}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {a.consecutiveFailures}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RelativeTime at={a.createdAt} size="xs" c="dimmed" />
                  </Table.Td>
                  <Table.Td>
                    {!a.read && (
                      <Button size="compact-xs" variant="subtle" onClick={() => void markRead([a.id])}>
                        Mark read
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
