import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Alert } from '../../../src-main/api/types';
import { PriorityTable, type TableColumn } from '../../components/PriorityTable';
import { RelativeTime } from '../../components/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useAlerts } from '../../stores/alerts';
import { hrefOf } from '../../stores/router';
import { useWebhooks, webhookName } from '../../stores/webhooks';

const UnreadDot = () => (
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
);

/** What happened, to which webhook and when always shows; the failure count gives way first. */
function alertColumns(names: (id: string) => string, markRead: (id: string) => void): TableColumn<Alert>[] {
  return [
    { key: 'unread', label: 'Unread', header: '', min: 24, priority: 0, cell: (a) => !a.read && <UnreadDot /> },
    {
      key: 'kind',
      label: 'Kind',
      min: 92,
      priority: 0,
      cell: (a) => (
        <Badge size="sm" color={a.kind === 'disabled' ? 'red' : 'orange'}>
          {a.kind}
        </Badge>
      ),
    },
    {
      key: 'webhook',
      label: 'Webhook',
      min: 200,
      grow: 1,
      priority: 0,
      cell: (a) =>
        a.webhookId ? (
          <Anchor size="sm" href={hrefOf('webhooks', a.webhookId)} lineClamp={2} title={names(a.webhookId)}>
            {names(a.webhookId)}
          </Anchor>
        ) : (
          '—'
        ),
    },
    {
      key: 'message',
      label: 'Message',
      min: 240,
      grow: 2,
      priority: 0,
      // Messages are sentences: they wrap instead of being cut.
      cell: (a) => (
        <Text size="sm" fw={a.read ? 400 : 500}>
          {a.message}
        </Text>
      ),
    },
    {
      key: 'failures',
      label: 'Failures',
      min: 92,
      priority: 1,
      cell: (a) => (
        <Text ff="monospace" size="sm">
          {a.consecutiveFailures}
        </Text>
      ),
    },
    {
      key: 'when',
      label: 'When',
      min: 92,
      priority: 0,
      cell: (a) => <RelativeTime at={a.createdAt} size="xs" c="dimmed" />,
    },
    {
      key: 'action',
      label: 'Mark read',
      header: '',
      min: 92,
      priority: 0,
      cell: (a) =>
        !a.read && (
          <Button size="compact-xs" variant="subtle" onClick={() => markRead(a.id)}>
            Mark read
          </Button>
        ),
    },
  ];
}

export function AlertsPage() {
  const { alerts, unread, loaded, error, load, markRead, markAllRead } = useAlerts();
  const webhooks = useWebhooks((s) => s.items);
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const rows = show === 'unread' ? alerts.filter((a) => !a.read) : alerts;
  const columns = useMemo(
    () =>
      alertColumns(
        (id) => webhookName(webhooks, id),
        (id) => void markRead([id]),
      ),
    [webhooks, markRead],
  );

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
      <Text size="sm" c="dimmed" maw={720}>
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
          <PriorityTable
            aria-label="Alerts"
            columns={columns}
            rows={rows}
            rowKey={(a) => a.id}
            rowProps={(a) => ({
              'data-alert-id': a.id,
              'data-read': a.read,
              style: { fontWeight: a.read ? undefined : 600 },
            })}
          />
        )}
      </Card>
    </Stack>
  );
}
