import { Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconRotateClockwise, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { Stats } from '../../../src-main/api/logTypes';
import { RETRY_PRESETS } from '../../../src-main/api/schemas';
import type { Webhook } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { CopyIconButton } from '../../components/CopyIconButton';
import { HeadersTable } from '../../components/HeadersTable';
import { formatDuration, RelativeTime } from '../../components/RelativeTime';
import { describeDelays } from '../../components/RetryPolicyField';
import { SecretValue } from '../../components/SecretValue';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { EnabledBadge } from '../../components/StatusBadges';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { hrefOf, useRouter } from '../../stores/router';
import { useWebhooks } from '../../stores/webhooks';
import { DeliveriesChart } from '../dashboard/DeliveriesChart';
import { percent, StatCards } from '../dashboard/StatCards';
import { RotateSecretModal } from './RotateSecretModal';
import { webhookActions } from './useWebhookActions';
import { WebhookForm } from './WebhookForm';
import { WebhookHistory } from './WebhookHistory';
import { Subscriptions } from './WebhooksPage';
import { credentialHeaderTest, hasUserinfo } from '../../../src-main/api/credentials';
import { maskedUrl } from './credentialMask';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

function retryText(w: Webhook): string {
  const p = w.retryPolicy;
  const delays = p.delays ?? (p.preset ? RETRY_PRESETS[p.preset] : []);
  return `${p.delays ? 'custom' : p.preset}: ${describeDelays(delays)}${p.jitter ? ', ±20 % jitter' : ''}`;
}

function Configuration({ w, onRotate }: { w: Webhook; onRotate: () => void }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text fw={600} size="sm" mb="sm">
        Configuration
      </Text>
      <Stack gap="sm">
        <Field label="URL">
          {hasUserinfo(w.url) ? (
            <SecretValue secret={w.url} masked={maskedUrl(w.url)} label="URL" />
          ) : (
            <Group gap={4} wrap="nowrap">
              <Text ff="monospace" fz={13} style={{ wordBreak: 'break-all' }}>
                {w.url}
              </Text>
              <CopyIconButton value={w.url} label="Copy URL" />
            </Group>
          )}
        </Field>
        <Field label="Subscriptions">
          <Subscriptions subs={w.subscriptions} max={12} />
        </Field>
        <SimpleGrid cols={2}>
          <Field label="Scheme">
            <Text ff="monospace" fz={13}>
              {w.scheme}
            </Text>
          </Field>
          <Field label="Timeout">
            <Text ff="monospace" fz={13}>
              {w.timeoutSec} s
            </Text>
          </Field>
        </SimpleGrid>
        <Field label="Retry policy">
          <Text size="sm">{retryText(w)}</Text>
        </Field>
        <Field label="Signing secret">
          <SecretValue
            secret={w.secret}
            actions={
              <Button
                size="compact-xs"
                variant="light"
                leftSection={<IconRotateClockwise size={12} />}
                onClick={onRotate}
              >
                Rotate
              </Button>
            }
          />
        </Field>
        {w.previousSecret && w.previousSecretExpiresAt && w.previousSecretExpiresAt > Date.now() && (
          <Field label="Previous secret (still signed with)">
            <SecretValue secret={w.previousSecret} label="previous secret" />
            <Text size="xs" c="dimmed">
              valid until {new Date(w.previousSecretExpiresAt).toLocaleString()}
            </Text>
          </Field>
        )}
        <Field label="Extra headers">
          <HeadersTable headers={w.headers} secret={credentialHeaderTest(w.secretHeaders)} />
        </Field>
        <SimpleGrid cols={2}>
          <Field label="Last success">
            <RelativeTime at={w.lastSuccessAt} size="sm" />
          </Field>
          <Field label="Last failure">
            <RelativeTime at={w.lastFailureAt} size="sm" />
          </Field>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function Statistics({ id }: { id: string }) {
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const stats = useLiveQuery<Stats>(
    () => client.call('webhooks.stats', { id, bucket, from: Date.now() - (bucket === 'hour' ? 24 : 720) * 3600_000 }),
    [id, bucket],
    { refreshOn: ['delivery.updated'], throttleMs: 2000 },
  );
  if (stats.error) return <ErrorState error={stats.error} onRetry={stats.refetch} />;
  return (
    <Stack gap="md">
      <StatCards totals={stats.data?.totals ?? null} />
      <DeliveriesChart stats={stats.data} bucket={bucket} onBucket={setBucket} />
      {stats.data && stats.data.byEventType.length > 0 && (
        <Card withBorder padding="md" radius="md">
          <Text fw={600} size="sm" mb="xs">
            By event type
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Total</Table.Th>
                <Table.Th>Success</Table.Th>
                <Table.Th>Avg attempts</Table.Th>
                <Table.Th>p95</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.data.byEventType.map((e) => (
                <Table.Tr key={e.eventType}>
                  <Table.Td>
                    <Text ff="monospace" fz={12}>
                      {e.eventType}
                    </Text>
                  </Table.Td>
                  <Table.Td>{e.total}</Table.Td>
                  <Table.Td>{percent(e.successRate)}</Table.Td>
                  <Table.Td>{e.avgAttempts?.toFixed(2) ?? '—'}</Table.Td>
                  <Table.Td>{formatDuration(e.p95DurationMs)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}

export function WebhookDetail({ id }: { id: string }) {
  const { items, loaded } = useWebhooks();
  const navigate = useRouter((s) => s.navigate);
  const w = items.find((x) => x.id === id);
  const [editing, setEditing] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (!w) {
    if (!loaded) return <LoadingState />;
    return (
      <EmptyState title="Webhook not found" action={<Anchor href={hrefOf('webhooks')}>Back to webhooks</Anchor>}>
        It may have been deleted, or it belongs to another workspace.
      </EmptyState>
    );
  }
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor href={hrefOf('webhooks')} size="xs">
            <Group gap={2}>
              <IconArrowLeft size={12} />
              Webhooks
            </Group>
          </Anchor>
          <Group gap="xs">
            <Title order={3}>{w.name}</Title>
            <EnabledBadge enabled={w.enabled} reason={w.disabledReason} />
            {w.consecutiveFailures > 0 && (
              <Badge color="red" variant="light">
                {w.consecutiveFailures} consecutive failures
              </Badge>
            )}
          </Group>
          {w.description && (
            <Text size="sm" c="dimmed">
              {w.description}
            </Text>
          )}
          {!w.enabled && w.disabledReason && (
            <Text size="sm" c="red">
              {w.disabledReason}
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconSend size={14} />}
            onClick={() => void webhookActions.test(w)}
          >
            Send test
          </Button>
          <Button size="xs" variant="default" onClick={() => void webhookActions.toggle(w)}>
            {w.enabled ? 'Disable' : 'Enable'}
          </Button>
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button size="xs" variant="light" color="red" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </Group>
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Configuration w={w} onRotate={() => setRotating(true)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Statistics id={w.id} />
        </Grid.Col>
      </Grid>
      <WebhookHistory webhookId={w.id} />
      <WebhookForm opened={editing} webhook={w} onClose={() => setEditing(false)} />
      <RotateSecretModal webhook={w} opened={rotating} onClose={() => setRotating(false)} />
      <ConfirmDelete
        opened={deleting}
        onClose={() => setDeleting(false)}
        title="Delete webhook"
        onConfirm={async () => {
          if (await webhookActions.remove(w)) navigate('webhooks');
        }}
      >
        Delete <b>{w.name}</b> and all of its deliveries? This cannot be undone.
      </ConfirmDelete>
    </Stack>
  );
}
