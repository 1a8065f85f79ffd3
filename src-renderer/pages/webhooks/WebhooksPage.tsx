import { ActionIcon, Anchor, Badge, Button, Card, Group, Menu, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconDots, IconInbox, IconPlus } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import type { WebhookListItem } from '../../../src-main/api/contract';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { LocalInboxModal } from '../../components/LocalInboxModal';
import { CutText, PriorityTable, type TableColumn } from '../../components/PriorityTable';
import { RelativeTime } from '../../components/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { DeliveryStatusBadge, EnabledBadge } from '../../components/StatusBadges';
import { hrefOf, useRouter } from '../../stores/router';
import { useWebhooks } from '../../stores/webhooks';
import { percent } from '../dashboard/StatCards';
import { maskedUrl } from './credentialMask';
import { WebhookDetail } from './WebhookDetail';
import { WebhookForm } from './WebhookForm';
import { webhookActions } from './useWebhookActions';

export function Subscriptions({ subs, max = 3 }: { subs: string[]; max?: number }) {
  return (
    <Group gap={4} wrap="nowrap">
      {subs.slice(0, max).map((s) => (
        <Badge key={s} variant="outline" color="gray" size="sm" tt="none" ff="monospace">
          {s}
        </Badge>
      ))}
      {subs.length > max && (
        <Tooltip label={subs.slice(max).join(', ')} multiline maw={320}>
          <Badge variant="light" color="gray" size="sm">
            +{subs.length - max}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

function RowActions({ w, onEdit, onDelete }: { w: WebhookListItem; onEdit: () => void; onDelete: () => void }) {
  return (
    <div onClick={(e) => e.stopPropagation()}>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${w.name}`}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onEdit}>Edit</Menu.Item>
          <Menu.Item onClick={() => void webhookActions.test(w)}>Send test event</Menu.Item>
          <Menu.Item onClick={() => void webhookActions.toggle(w)}>{w.enabled ? 'Disable' : 'Enable'}</Menu.Item>
          <Menu.Item component="a" href={hrefOf('deliveries', null, { webhookId: w.id })}>
            Show deliveries
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={onDelete}>
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}

/** Name, status and the row's actions always show; then the URL and last delivery; counts give way first. */
function webhookColumns(actions: (w: WebhookListItem) => ReactNode): TableColumn<WebhookListItem>[] {
  return [
    {
      key: 'name',
      label: 'Name',
      min: 200,
      grow: 1,
      priority: 0,
      cell: (w) => (
        <>
          <Anchor
            href={hrefOf('webhooks', w.id)}
            fw={500}
            size="sm"
            lineClamp={2}
            title={w.name}
            onClick={(e) => e.stopPropagation()}
          >
            {w.name}
          </Anchor>
          {w.description && (
            <CutText size="xs" c="dimmed">
              {w.description}
            </CutText>
          )}
        </>
      ),
    },
    {
      key: 'status',
      label: 'Status',
      min: 136,
      priority: 0,
      cell: (w) => (
        <Group gap={4} wrap="nowrap">
          <EnabledBadge enabled={w.enabled} reason={w.disabledReason} />
          {w.consecutiveFailures > 0 && (
            <Tooltip label={`${w.consecutiveFailures} consecutive failures`}>
              <Badge color="red" variant="light" size="sm">
                {w.consecutiveFailures}×
              </Badge>
            </Tooltip>
          )}
        </Group>
      ),
    },
    {
      key: 'url',
      label: 'URL',
      min: 220,
      grow: 1.2,
      priority: 1,
      cell: (w) => (
        <>
          <CutText mono>{maskedUrl(w.url)}</CutText>
          <Text size="xs" c="dimmed">
            {w.scheme} · {w.timeoutSec} s timeout
          </Text>
        </>
      ),
    },
    {
      key: 'subscriptions',
      label: 'Subscriptions',
      min: 180,
      priority: 4,
      cell: (w) => <Subscriptions subs={w.subscriptions} max={2} />,
    },
    {
      key: 'success',
      label: 'Success',
      min: 88,
      priority: 3,
      cell: (w) => (
        <Text size="sm" ff="monospace">
          {percent(w.successRate)}
        </Text>
      ),
    },
    {
      key: 'last',
      label: 'Last delivery',
      min: 168,
      priority: 2,
      cell: (w) =>
        w.lastDeliveryStatus ? (
          <Group gap={6} wrap="nowrap">
            <DeliveryStatusBadge status={w.lastDeliveryStatus} />
            <RelativeTime at={w.lastDeliveryAt} size="xs" c="dimmed" />
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            never
          </Text>
        ),
    },
    { key: 'actions', label: 'Actions', header: '', min: 44, priority: 0, cell: actions },
  ];
}

function WebhookList() {
  const { items, loaded, error, load } = useWebhooks();
  const [form, setForm] = useState<{ open: boolean; webhook?: WebhookListItem }>({ open: false });
  const [localOpen, setLocalOpen] = useState(false);
  const [deleting, setDeleting] = useState<WebhookListItem | null>(null);
  const columns = useMemo(
    () =>
      webhookColumns((w) => (
        <RowActions w={w} onEdit={() => setForm({ open: true, webhook: w })} onDelete={() => setDeleting(w)} />
      )),
    [],
  );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Webhooks</Title>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconInbox size={14} />} onClick={() => setLocalOpen(true)}>
            Send to a local inbox
          </Button>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setForm({ open: true })}>
            New webhook
          </Button>
        </Group>
      </Group>
      {error && <ErrorState error={error} onRetry={() => void load()} />}
      <Card withBorder padding={0} radius="md">
        {!loaded ? (
          <LoadingState label="Loading webhooks…" />
        ) : items.length === 0 ? (
          <EmptyState
            title="No webhooks yet"
            action={
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setLocalOpen(true)}>
                  Send to a local inbox
                </Button>
                <Button size="xs" onClick={() => setForm({ open: true })}>
                  New webhook
                </Button>
              </Group>
            }
          >
            A webhook is an endpoint that subscribes to event types. Point one at a local inbox to see what receivers
            get.
          </EmptyState>
        ) : (
          <PriorityTable
            aria-label="Webhooks"
            columns={columns}
            rows={items}
            rowKey={(w) => w.id}
            rowProps={(w) => ({
              className: 'hb-row',
              'data-webhook-id': w.id,
              onClick: () => {
                window.location.hash = hrefOf('webhooks', w.id);
              },
            })}
          />
        )}
      </Card>
      <WebhookForm opened={form.open} webhook={form.webhook} onClose={() => setForm({ open: false })} />
      <LocalInboxModal opened={localOpen} onClose={() => setLocalOpen(false)} />
      <ConfirmDelete
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete webhook"
        onConfirm={async () => deleting && webhookActions.remove(deleting)}
      >
        Delete <b>{deleting?.name}</b> and all of its deliveries? This cannot be undone.
      </ConfirmDelete>
    </Stack>
  );
}

export function WebhooksPage() {
  const id = useRouter((s) => s.route.id);
  return id ? <WebhookDetail id={id} /> : <WebhookList />;
}
