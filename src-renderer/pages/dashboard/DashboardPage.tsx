import { Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import type { Stats } from '../../../src-main/api/logTypes';
import type { Delivery } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { CopyIconButton } from '../../components/CopyIconButton';
import { CutText, PriorityTable, type TableColumn } from '../../components/PriorityTable';
import { RelativeTime } from '../../components/RelativeTime';
import { ErrorState } from '../../components/States';
import { DeliveryStatusBadge, HttpStatusBadge } from '../../components/StatusBadges';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { useAlerts } from '../../stores/alerts';
import { useGuide } from '../../stores/guide';
import { useInboxes } from '../../stores/inboxes';
import { useReceiverStatus } from '../../stores/receiverStatus';
import { hrefOf } from '../../stores/router';
import { useWebhooks, webhookName } from '../../stores/webhooks';
import { currentWorkspaceId } from '../../stores/workspace';
import { DeliveriesChart } from './DeliveriesChart';
import { FirstRunCard } from './FirstRunCard';
import { StatCards } from './StatCards';

const HOUR = 3600_000;

function failureColumns(names: (id: string) => string): TableColumn<Delivery>[] {
  return [
    {
      key: 'status',
      label: 'Status',
      min: 132,
      priority: 0,
      cell: (d) => <DeliveryStatusBadge status={d.status} attempt={d.attemptCount} />,
    },
    {
      key: 'event',
      label: 'Event',
      min: 248,
      grow: 1,
      priority: 0,
      cell: (d) => <CutText mono>{d.eventType}</CutText>,
    },
    {
      key: 'webhook',
      label: 'Webhook',
      min: 184,
      grow: 1,
      priority: 0,
      cell: (d) => <CutText size="xs">{names(d.webhookId)}</CutText>,
    },
    {
      key: 'http',
      label: 'HTTP',
      min: 96,
      priority: 1,
      cell: (d) => <HttpStatusBadge code={d.lastStatusCode} error={d.lastError} />,
    },
    {
      key: 'updated',
      label: 'Updated',
      min: 96,
      priority: 0,
      cell: (d) => <RelativeTime at={d.updatedAt} size="xs" c="dimmed" />,
    },
  ];
}

function RecentFailures({ rows, names }: { rows: Delivery[]; names: (id: string) => string }) {
  const columns = useMemo(() => failureColumns(names), [names]);
  return (
    <Card withBorder padding="md" radius="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          Recent failures
        </Text>
        <Anchor size="xs" href={hrefOf('deliveries', null, { status: 'failed,retrying' })}>
          All failures
        </Anchor>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No failed or retrying deliveries.{' '}
        </Text>
      ) : (
        <PriorityTable
          aria-label="Recent failures"
          withHeader={false}
          columns={columns}
          rows={rows}
          rowKey={(d) => d.id}
          rowProps={(d) => ({
            className: 'hb-row',
            onClick: () => {
              window.location.hash = hrefOf('deliveries', null, { delivery: d.id });
            },
          })}
        />
      )}
    </Card>
  );
}

function ReceiverCard() {
  const status = useReceiverStatus((s) => s.status);
  const inboxes = useInboxes((s) => s.items);
  return (
    <Card withBorder padding="md" radius="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          Local receiver
        </Text>
        <Badge variant="dot" color={status?.listening ? 'teal' : 'red'}>
          {status?.listening ? 'listening' : 'not running'}
        </Badge>
      </Group>
      {status?.listening && status.url ? (
        <Group gap={4} wrap="nowrap">
          <CutText mono fz="sm">{`${status.url}/in/<slug>`}</CutText>
          <CopyIconButton value={status.url} label="Copy receiver URL" />
        </Group>
      ) : (
        <Text size="sm" c="red">
          {status?.error ?? 'The receiver is not listening. Check the port in Settings.'}
        </Text>
      )}
      <Text size="sm" c="dimmed" mt={4}>
        {inboxes.length} inbox{inboxes.length === 1 ? '' : 'es'} ·{' '}
        <Anchor size="sm" href={hrefOf('receiver')}>
          Open receiver
        </Anchor>
      </Text>
    </Card>
  );
}

function UnreadAlerts() {
  const all = useAlerts((s) => s.alerts);
  const alerts = all.filter((a) => !a.read).slice(0, 4);
  return (
    <Card withBorder padding="md" radius="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          Unread alerts
        </Text>
        <Anchor size="xs" href={hrefOf('alerts')}>
          All alerts
        </Anchor>
      </Group>
      {alerts.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing needs attention.
        </Text>
      ) : (
        <Stack gap={6}>
          {alerts.map((a) => (
            <Group key={a.id} gap={6} wrap="nowrap" align="flex-start">
              <Badge size="xs" color={a.kind === 'disabled' ? 'red' : 'orange'} mt={3}>
                {a.kind}
              </Badge>
              <Text size="xs" style={{ flex: 1 }}>
                {a.message}
              </Text>
              <RelativeTime at={a.createdAt} size="xs" c="dimmed" />
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export function DashboardPage() {
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const webhooks = useWebhooks();
  const inboxesLoaded = useInboxes((s) => s.loaded);
  const guide = useGuide();
  const stats = useLiveQuery<Stats>(
    () =>
      client.call('stats.overview', {
        workspaceId: currentWorkspaceId(),
        bucket,
        from: Date.now() - (bucket === 'hour' ? 24 * HOUR : 30 * 24 * HOUR),
      }),
    [bucket],
    { refreshOn: ['delivery.updated'], throttleMs: 2000 },
  );
  const failures = useLiveQuery<Delivery[]>(
    async () =>
      (
        await client.call('deliveries.list', {
          workspaceId: currentWorkspaceId(),
          status: ['failed', 'retrying'],
          limit: 6,
        })
      ).items,
    [],
    { refreshOn: ['delivery.updated'], throttleMs: 2000 },
  );

  const empty = webhooks.loaded && inboxesLoaded && webhooks.items.length === 0;
  const showGuide = !guide.dismissed && (empty || guide.started);
  const names = useCallback((id: string) => webhookName(webhooks.items, id), [webhooks.items]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Dashboard</Title>
        <Button size="xs" leftSection={<IconBolt size={14} />} component="a" href={hrefOf('fire')}>
          Fire event
        </Button>
      </Group>
      {showGuide && <FirstRunCard />}
      {stats.error && <ErrorState error={stats.error} onRetry={stats.refetch} />}
      <StatCards totals={stats.data?.totals ?? null} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <DeliveriesChart stats={stats.data} bucket={bucket} onBucket={setBucket} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <ReceiverCard />
            <UnreadAlerts />
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <RecentFailures rows={failures.data ?? []} names={names} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
