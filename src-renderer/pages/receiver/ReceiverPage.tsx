import { Alert, Badge, Box, Button, Card, Flex, Group, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconInbox, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { InboxWithUrl } from '../../../src-main/api/contract';
import { client } from '../../api/client';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { CopyIconButton } from '../../components/CopyIconButton';
import { CutText } from '../../components/PriorityTable';
import { ExportMenu } from '../../components/ExportMenu';
import { LocalInboxModal } from '../../components/LocalInboxModal';
import { EmptyState, LoadingState } from '../../components/States';
import { useInboxes } from '../../stores/inboxes';
import { useReceiverStatus } from '../../stores/receiverStatus';
import { hrefOf, useRouter } from '../../stores/router';
import { useRequests } from '../../stores/requests';
import { ForwardRoutesList } from './ForwardRoutesEditor';
import { InboxForm } from './InboxForm';
import { InboxList } from './InboxList';
import { RequestDrawer } from './RequestDrawer';
import { RequestFeed } from './RequestFeed';
import { UNROUTED } from '../../../src-main/api/logFilters';

function InboxHeader({ inbox, onDelete }: { inbox: InboxWithUrl; onDelete: () => void }) {
  const rule = inbox.responseRule;
  const scripted = [
    rule.failFirst > 0 && `fails the first ${rule.failFirst}`,
    rule.failurePercent > 0 && `${rule.failurePercent} % failures`,
    rule.delayMs > 0 && `${rule.delayMs} ms delay`,
  ].filter(Boolean);
  return (
    <Card withBorder padding="sm" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <Group gap="xs" wrap="nowrap">
            <CutText fw={700} size="md">
              {inbox.name}
            </CutText>
            <Badge variant="light" tt="none">
              {inbox.scheme}
            </Badge>
            <Badge variant="light" color="gray">
              {inbox.secrets.length} secret{inbox.secrets.length === 1 ? '' : 's'}
            </Badge>
            {inbox.catalog && (
              <Badge
                variant="light"
                color="violet"
                tt="none"
                title="Requests are checked against this catalog's schemas"
              >
                checks {inbox.catalog}
              </Badge>
            )}
          </Group>
          {inbox.url ? (
            <Group gap={4} wrap="nowrap">
              <CutText mono fz={13} data-inbox-url>
                {inbox.url}
              </CutText>
              <CopyIconButton value={inbox.url} label="Copy inbox URL" />
            </Group>
          ) : (
            <Text size="sm" c="red">
              The receiver is not running: this inbox has no URL.
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Answers{' '}
            <Text span ff="monospace">
              {rule.status}
            </Text>
            {scripted.length ? `; ${scripted.join(', ')} (answering ${rule.failStatus})` : ''}
            {inbox.rejectInvalid && (
              <span data-reject-invalid>
                {' '}
                · invalid signatures get{' '}
                <Text span ff="monospace">
                  {inbox.rejectInvalid.status}
                </Text>
              </span>
            )}
            {inbox.forwardTo && (
              <>
                {' '}
                · {inbox.forwardRoutes.length ? 'otherwise forwards' : 'forwards'} to{' '}
                <Text span ff="monospace">
                  {inbox.forwardTo}
                </Text>
              </>
            )}
          </Text>
          <ForwardRoutesList routes={inbox.forwardRoutes} />
        </Stack>
        <Button size="xs" variant="subtle" color="red" onClick={onDelete} style={{ flexShrink: 0 }}>
          Delete inbox
        </Button>
      </Group>
    </Card>
  );
}

export function ReceiverPage() {
  const { items, loaded } = useInboxes();
  const status = useReceiverStatus((s) => s.status);
  const route = useRouter((s) => s.route);
  const navigate = useRouter((s) => s.navigate);
  const setParams = useRouter((s) => s.setParams);
  const filters = useRequests((s) => s.filters);
  const [creating, setCreating] = useState(false);
  const [localOpen, setLocalOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const selected = route.id ?? items[0]?.id ?? 'all';
  const inbox = items.find((i) => i.id === selected);
  const tab = route.params.tab === 'settings' && inbox ? 'settings' : 'feed';
  const requestId = route.params.request ?? null;

  useEffect(() => {
    const inboxId = selected === 'all' ? undefined : selected;
    const s = useRequests.getState();
    if (s.status === 'idle' || s.filters.inboxId !== inboxId) s.setFilters({ inboxId });
  }, [selected]);
  useEffect(() => void useRequests.getState().select(requestId), [requestId]);
  // Load when the page opens; inbox.changed pushes keep the list current after that.
  useEffect(() => void useInboxes.getState().load(), []);

  if (!loaded) return <LoadingState label="Loading inboxes…" />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={3}>Receiver</Title>
          {status?.listening && status.url && (
            <Group gap={2}>
              <Text ff="monospace" size="sm" c="dimmed">
                {status.url}
              </Text>
              <CopyIconButton value={status.url} label="Copy receiver address" />
            </Group>
          )}
        </Group>
        <Group gap="xs">
          <ExportMenu kind="requests" filters={filters} />
          <Button size="xs" variant="default" leftSection={<IconInbox size={14} />} onClick={() => setLocalOpen(true)}>
            Inbox + webhook
          </Button>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            New inbox
          </Button>
        </Group>
      </Group>
      {status && !status.listening && (
        <Alert color="red" variant="light" title="The receiver is not running">
          {status.error ?? 'Check the receiver port in Settings.'}
        </Alert>
      )}
      {/* The inbox list keeps a fixed width; the feed takes the rest, so at 1024 px it has room for its columns. */}
      <Flex gap="md" direction={{ base: 'column', md: 'row' }} align={{ base: 'stretch', md: 'flex-start' }}>
        <Box w={{ base: '100%', md: 232, xl: 280 }} style={{ flexShrink: 0 }}>
          <InboxList inboxes={items} selected={selected} />
          {items.length === 0 && (
            <Text size="sm" c="dimmed" mt="sm">
              No inboxes yet. An inbox verifies signatures and answers with a response you script.
            </Text>
          )}
        </Box>
        <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
          {inbox && <InboxHeader inbox={inbox} onDelete={() => setDeleting(true)} />}
          {route.id && !inbox && route.id !== 'all' && route.id !== UNROUTED && (
            <EmptyState title="Inbox not found">It may have been deleted.</EmptyState>
          )}
          <Card withBorder padding={0} radius="md">
            <Tabs value={tab} onChange={(t) => setParams({ tab: t === 'settings' ? 'settings' : undefined })}>
              <Tabs.List px="xs">
                <Tabs.Tab value="feed">Live feed</Tabs.Tab>
                {inbox && <Tabs.Tab value="settings">Settings</Tabs.Tab>}
              </Tabs.List>
              <Tabs.Panel value="feed">
                <RequestFeed
                  selectedId={requestId}
                  onSelect={(id) => setParams({ request: id })}
                  emptyHint={
                    inbox?.url ? (
                      <>
                        Send a request to{' '}
                        <Text span ff="monospace">
                          {inbox.url}
                        </Text>
                        , or point a webhook at it.
                      </>
                    ) : (
                      'Requests to the receiver appear here live.'
                    )
                  }
                />
              </Tabs.Panel>
              {inbox && (
                <Tabs.Panel value="settings" p="md">
                  <InboxForm inbox={inbox} />
                </Tabs.Panel>
              )}
            </Tabs>
          </Card>
        </Stack>
      </Flex>
      <RequestDrawer id={requestId} onClose={() => setParams({ request: undefined })} />
      <Modal opened={creating} onClose={() => setCreating(false)} title="New inbox" size="lg">
        <InboxForm
          onCancel={() => setCreating(false)}
          onSaved={(i) => {
            setCreating(false);
            navigate('receiver', i.id);
          }}
        />
      </Modal>
      <LocalInboxModal
        opened={localOpen}
        onClose={() => setLocalOpen(false)}
        onCreated={({ inbox: i }) => navigate('receiver', i.id)}
      />
      <ConfirmDelete
        opened={deleting}
        onClose={() => setDeleting(false)}
        title="Delete inbox"
        onConfirm={async () => {
          if (!inbox) return;
          await client.call('inboxes.delete', { id: inbox.id });
          useInboxes.getState().remove(inbox.id);
          navigate('receiver', 'all');
        }}
      >
        Delete <b>{inbox?.name}</b> and every request it received? Senders posting to{' '}
        <Text span ff="monospace">
          /in/{inbox?.slug}
        </Text>{' '}
        will get 404.
      </ConfirmDelete>
      {!items.length && !route.id && (
        <Text size="xs" c="dimmed">
          Tip: <a href={hrefOf('dashboard')}>the dashboard</a> sets up an inbox and a webhook in one click.
        </Text>
      )}
    </Stack>
  );
}
