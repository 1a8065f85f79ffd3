import { Anchor, Badge, Button, Card, CloseButton, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBolt, IconCheck, IconInbox, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReceivedRequestSummary } from '../../../src-main/api/receiverTypes';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { CopyIconButton } from '../../components/CopyIconButton';
import { DeliveryStatusBadge, HttpStatusBadge, VerdictBadge } from '../../components/StatusBadges';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { useFired } from '../../stores/fired';
import { useGuide } from '../../stores/guide';
import { useInboxes } from '../../stores/inboxes';
import { hrefOf } from '../../stores/router';
import { currentWorkspaceId } from '../../stores/workspace';

const FIRST_EVENT = 'user.created';

function Step({ n, done, title, children }: { n: number; done: boolean; title: string; children?: React.ReactNode }) {
  return (
    <List.Item
      icon={
        <ThemeIcon size={24} radius="xl" color={done ? 'teal' : 'gray'} variant={done ? 'filled' : 'light'}>
          {done ? (
            <IconCheck size={14} />
          ) : (
            <Text size="xs" fw={700}>
              {n}
            </Text>
          )}
        </ThemeIcon>
      }
    >
      <Text fw={600} size="sm">
        {title}
      </Text>
      {children}
    </List.Item>
  );
}

/** The empty workspace's guide: inbox + webhook in one click, fire, see it verified. */
export function FirstRunCard() {
  const guide = useGuide();
  const delivery = useFired((s) => (guide.deliveryId ? s.deliveries[guide.deliveryId] : undefined));
  const [busy, setBusy] = useState<'create' | 'fire' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The inbox's first request after the delivery was made (newest-first pages, so the last match).
  const since = delivery?.createdAt ?? null;
  const arrived = useLiveQuery<ReceivedRequestSummary | null>(
    async () => {
      if (!guide.inbox || since === null) return null;
      const page = await client.call('inboxes.requests', { id: guide.inbox.id, from: since, limit: 20 });
      return page.items[page.items.length - 1] ?? null;
    },
    [guide.inbox?.id, since],
    { refreshOn: ['request.received'], throttleMs: 200 },
  );

  const create = async () => {
    setBusy('create');
    setError(null);
    try {
      const { inbox, webhook } = await client.call('webhooks.sendToLocalInbox', {
        workspaceId: currentWorkspaceId(),
        name: 'Local inbox',
      });
      guide.set({ started: true, inbox, webhook, deliveryId: null });
      void useInboxes.getState().load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const fire = async () => {
    if (!guide.webhook) return;
    setBusy('fire');
    setError(null);
    try {
      const { event, deliveries } = await client.call('events.trigger', {
        workspaceId: currentWorkspaceId(),
        type: FIRST_EVENT,
        webhookIds: [guide.webhook.id],
      });
      useFired.getState().add(event, deliveries);
      guide.set({ deliveryId: deliveries[0]?.id ?? null });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const request = arrived.data;
  const inboxUrl = (guide.inbox as { url?: string | null } | null)?.url ?? null;
  const delivered = delivery?.status === 'success';
  return (
    <Card withBorder padding="lg" radius="md" role="region" aria-label="Getting started">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3}>Send your first webhook</Title>
          <Text size="sm" c="dimmed">
            Three steps, under a minute: everything stays on this machine.
          </Text>
        </div>
        {guide.started && <CloseButton aria-label="Close the guide" onClick={() => guide.set({ dismissed: true })} />}
      </Group>
      <List spacing="lg" mt="md" center={false}>
        <Step n={1} done={guide.webhook !== null} title="Create a local inbox and a webhook to it">
          {guide.inbox && guide.webhook ? (
            <Group gap={6} mt={4}>
              <Text size="sm">Inbox</Text>
              <Text size="sm" ff="monospace">
                {guide.inbox.slug}
              </Text>
              <Text size="sm" c="dimmed">
                ← webhook
              </Text>
              <Anchor size="sm" href={hrefOf('webhooks', guide.webhook.id)}>
                {guide.webhook.name}
              </Anchor>
              <Badge size="xs" variant="light">
                {guide.webhook.scheme}
              </Badge>
            </Group>
          ) : (
            <Stack gap={6} mt={4}>
              <Text size="sm" c="dimmed">
                An inbox on the built-in receiver checks signatures; the webhook signs with the same secret.
              </Text>
              <Button
                w="fit-content"
                leftSection={<IconInbox size={16} />}
                loading={busy === 'create'}
                onClick={() => void create()}
              >
                Create a local inbox and a webhook to it
              </Button>
            </Stack>
          )}
        </Step>
        <Step n={2} done={delivery !== undefined} title={`Fire ${FIRST_EVENT}`}>
          <Group gap="xs" mt={4}>
            <Button
              variant={delivery ? 'default' : 'filled'}
              leftSection={<IconBolt size={16} />}
              disabled={!guide.webhook}
              loading={busy === 'fire'}
              onClick={() => void fire()}
            >
              Fire {FIRST_EVENT}
            </Button>
            {delivery && (
              <Group gap={6} role="group" aria-label="First delivery">
                <DeliveryStatusBadge status={delivery.status} attempt={delivery.attemptCount} />
                <HttpStatusBadge code={delivery.lastStatusCode} error={delivery.lastError} />
              </Group>
            )}
          </Group>
        </Step>
        <Step n={3} done={delivered && request?.valid === true} title="See it delivered and verified">
          {delivery && request ? (
            <Stack gap={6} mt={4}>
              <Group gap={6}>
                <Text size="sm">The inbox received</Text>
                <Text size="sm" ff="monospace">
                  {request.method} {request.path}
                </Text>
                <VerdictBadge request={request} />
              </Group>
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconSearch size={14} />}
                  component="a"
                  href={hrefOf('deliveries', null, { delivery: delivery.id })}
                >
                  Inspect the delivery
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconInbox size={14} />}
                  component="a"
                  href={hrefOf('receiver', guide.inbox?.id, { request: request.id })}
                >
                  Open the inbox
                </Button>
                {inboxUrl && (
                  <Group gap={2}>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {inboxUrl}
                    </Text>
                    <CopyIconButton value={inboxUrl} label="Copy inbox URL" />
                  </Group>
                )}
              </Group>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed" mt={4}>
              The delivery appears here live, then the inbox's verdict on its signature.
            </Text>
          )}
        </Step>
      </List>
      {error && (
        <Text c="red" size="sm" mt="md" role="alert">
          {error}
        </Text>
      )}
    </Card>
  );
}
