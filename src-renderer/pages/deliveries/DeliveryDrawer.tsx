import { Anchor, Button, Card, Drawer, Group, Stack, Text, Tooltip } from '@mantine/core';
import { redactUrl } from '../../../src-main/api/credentials';
import { CompareButtons } from '../../components/compare/CompareButtons';
import { attemptSubject, previousDelivery } from '../../components/compare/subjects';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { memo, useEffect, useState } from 'react';
import type { OperationName } from '../../../src-main/api/contract';
import type { DeliveryDetail } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { CopyCurlButton } from '../../components/CopyCurlButton';
import { MonoId } from '../../components/MonoId';
import { RelativeTime } from '../../components/RelativeTime';
import { isSignatureHeader } from '../../components/signatureHeaders';
import { ErrorState, LoadingState } from '../../components/States';
import { DeliveryStatusBadge } from '../../components/StatusBadges';
import { useDeliveryDetail } from '../../stores/deliveryDetail';
import { hrefOf, useRouter } from '../../stores/router';
import { useWebhooks } from '../../stores/webhooks';
import { AttemptTimeline } from './AttemptTimeline';
import { RequestResponse } from './RequestResponse';
import { draftOfAttempt } from '../receiver/replayDraft';
import { ReplayWithEditsButton } from '../receiver/ReplayEditor';
import { CANCELLABLE_STATUSES, RETRYABLE_STATUSES } from '../../../src-main/api/schemas';
import { DetailRow } from '../../components/DetailRow';

function SignatureDetails({ d, headers }: { d: DeliveryDetail; headers: Record<string, string> }) {
  const webhook = useWebhooks((s) => s.items.find((w) => w.id === d.webhookId));
  const sent = Object.entries(headers).filter(([n]) => isSignatureHeader(n));
  const rotating =
    webhook?.previousSecret && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > Date.now();
  return (
    <Card withBorder padding="sm" radius="md" role="region" aria-label="Signature">
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          Signature
        </Text>
        <Text size="sm" ff="monospace">
          {webhook?.scheme ?? 'unknown scheme'}
        </Text>
        {rotating && (
          <Text size="xs" c="orange">
            signed with the current and the previous secret (rotation)
          </Text>
        )}
      </Group>
      {webhook?.scheme === 'none' ? (
        <Text size="sm" c="dimmed">
          This webhook does not sign its deliveries.
        </Text>
      ) : sent.length === 0 ? (
        <Text size="sm" c="dimmed">
          No signature headers were recorded.
        </Text>
      ) : (
        <Stack gap={2}>
          {sent.map(([name, value]) => (
            <Group key={name} gap={6} wrap="nowrap" align="flex-start">
              <Text ff="monospace" fz={12} c="dimmed" w={220} style={{ flexShrink: 0 }}>
                {name}
              </Text>
              <Text ff="monospace" fz={12} style={{ wordBreak: 'break-all' }}>
                {value}
              </Text>
            </Group>
          ))}
          <Text size="xs" c="dimmed" mt={4}>
            The signed bytes are exactly the request body shown below.
          </Text>
        </Stack>
      )}
    </Card>
  );
}

export const DeliveryDrawer = memo(function DeliveryDrawer({
  id,
  onClose,
}: {
  id: string | null;
  onClose: () => void;
}) {
  const { detail, error, open, refresh } = useDeliveryDetail();
  const webhooks = useWebhooks((s) => s.items);
  const navigate = useRouter((s) => s.navigate);
  const params = useRouter((s) => s.route.params);
  const [attemptNo, setAttemptNo] = useState<number | null>(null);
  const [busy, setBusy] = useState<OperationName | null>(null);

  useEffect(() => {
    open(id);
    setAttemptNo(null);
  }, [id, open]);

  const act = async (op: 'deliveries.retry' | 'deliveries.redeliver' | 'deliveries.cancel') => {
    if (!detail) return;
    setBusy(op);
    try {
      const r = await client.call(op, { id: detail.id });
      if (op === 'deliveries.redeliver') {
        notifications.show({ color: 'teal', message: 'Redelivered as a new delivery' });
        navigate('deliveries', null, { ...params, delivery: r.id });
      } else {
        notifications.show({
          color: 'teal',
          message: op === 'deliveries.retry' ? 'Retried now' : 'Pending retries cancelled',
        });
        void refresh();
      }
    } catch (e) {
      notifications.show({ color: 'red', title: 'Failed', message: errorText(e) });
    } finally {
      setBusy(null);
    }
  };

  const d = detail && detail.id === id ? detail : null;
  const attempt = d ? (d.attempts.find((a) => a.number === attemptNo) ?? d.attempts[d.attempts.length - 1]) : undefined;
  const webhook = d ? webhooks.find((w) => w.id === d.webhookId) : undefined;
  const curlRequest = attempt
    ? { ...attempt.request, body: d?.body }
    : d && webhook
      ? { method: 'POST', url: redactUrl(webhook.url), headers: { 'content-type': 'application/json' }, body: d.body }
      : null;

  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="min(1100px, 92vw)"
      title={
        d ? (
          <Group gap="xs">
            <Text fw={700} ff="monospace">
              {d.eventType}
            </Text>
            <DeliveryStatusBadge status={d.status} attempt={d.attemptCount} />
          </Group>
        ) : (
          'Delivery'
        )
      }
    >
      {error && <ErrorState error={error} onRetry={() => void refresh()} />}
      {!d && !error && <LoadingState />}
      {d && (
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <DetailRow label="Delivery" labelWidth={70}>
                <MonoId value={d.id} max={40} />
              </DetailRow>
              <DetailRow label="Event" labelWidth={70}>
                <MonoId value={d.eventId} max={40} />
              </DetailRow>
              <DetailRow label="Webhook" labelWidth={70}>
                <Anchor size="sm" href={hrefOf('webhooks', d.webhookId)}>
                  {webhook?.name ?? d.webhookId}
                </Anchor>
              </DetailRow>
              <DetailRow label="Created" labelWidth={70}>
                <RelativeTime at={d.createdAt} size="sm" />
              </DetailRow>
            </Stack>
            <Group gap="xs">
              <Tooltip label="Send the next attempt now" disabled={!RETRYABLE_STATUSES.includes(d.status)}>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconRefresh size={14} />}
                  disabled={!RETRYABLE_STATUSES.includes(d.status)}
                  loading={busy === 'deliveries.retry'}
                  onClick={() => void act('deliveries.retry')}
                >
                  Retry now
                </Button>
              </Tooltip>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconArrowBackUp size={14} />}
                loading={busy === 'deliveries.redeliver'}
                onClick={() => void act('deliveries.redeliver')}
              >
                Redeliver
              </Button>
              <Button
                size="xs"
                variant="default"
                color="red"
                leftSection={<IconPlayerStop size={14} />}
                disabled={!CANCELLABLE_STATUSES.includes(d.status)}
                loading={busy === 'deliveries.cancel'}
                onClick={() => void act('deliveries.cancel')}
              >
                Cancel retries
              </Button>
              {attempt && <ReplayWithEditsButton draft={() => draftOfAttempt(d, attempt, webhook?.scheme ?? null)} />}
              {curlRequest && <CopyCurlButton request={curlRequest} />}
              {attempt && (
                <CompareButtons
                  subject={attemptSubject(d, attempt.number)}
                  previous={() => previousDelivery(d)}
                  previousLabel={`${d.eventType} delivery to this webhook`}
                />
              )}
            </Group>
          </Group>
          <Card withBorder padding="sm" radius="md">
            <Text size="sm" fw={600} mb="xs">
              Attempts ({d.attempts.length})
            </Text>
            {d.attempts.length === 0 ? (
              <Text size="sm" c="dimmed">
                No attempt yet.
              </Text>
            ) : (
              <AttemptTimeline
                delivery={d}
                attempts={d.attempts}
                selected={attempt?.number ?? null}
                onSelect={setAttemptNo}
                webhookEnabled={webhooks.find((w) => w.id === d.webhookId)?.enabled ?? true}
              />
            )}
          </Card>
          <SignatureDetails d={d} headers={attempt?.request.headers ?? {}} />
          {attempt && d.attempts.length > 1 && (
            <Text size="xs" c="dimmed">
              Showing attempt {attempt.number}; pick another in the timeline.
            </Text>
          )}
          <RequestResponse
            attempt={attempt}
            body={d.body}
            signatureHeaders={Object.keys(attempt?.request.headers ?? {}).filter(isSignatureHeader)}
          />
        </Stack>
      )}
    </Drawer>
  );
});
