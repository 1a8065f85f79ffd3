import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { redactUrl } from '../../../src-main/api/credentials';
import { IconBolt, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { Webhook } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { errorFor, errorText, fieldErrors } from '../../api/errorText';
import { JsonEditor, jsonEditorValid } from '../../components/JsonEditor';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { useCatalog } from '../../stores/catalog';
import { useFired } from '../../stores/fired';
import { hrefOf, useRouter } from '../../stores/router';
import { currentWorkspaceId } from '../../stores/workspace';
import { CatalogBrowser } from './CatalogBrowser';
import { CustomTypeModal } from './CustomTypeModal';
import { FiredList } from './FiredList';

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

function Recipients({ type }: { type: string }) {
  const q = useLiveQuery<Webhook[]>(
    () => client.call('events.recipients', { workspaceId: currentWorkspaceId(), type }),
    [type],
    { refreshOn: ['webhook.changed'], throttleMs: 300 },
  );
  if (q.error)
    return (
      <Text size="sm" c="red">
        {q.error}
      </Text>
    );
  const hooks = q.data ?? [];
  return (
    <div role="region" aria-label="Recipients">
      <Text size="sm" fw={500} mb={4}>
        Will be delivered to
      </Text>
      {q.data && hooks.length === 0 ? (
        <Text size="sm" c="orange">
          No enabled webhook subscribes to{' '}
          <Text span ff="monospace">
            {type}
          </Text>
          .{' '}
          <Anchor href={hrefOf('webhooks')} size="sm">
            Add one
          </Anchor>
          .
        </Text>
      ) : (
        <Group gap={6}>
          {hooks.map((w) => (
            <Tooltip key={w.id} label={redactUrl(w.url)}>
              <Badge
                component="a"
                href={hrefOf('webhooks', w.id)}
                variant="light"
                tt="none"
                style={{ cursor: 'pointer' }}
              >
                {w.name}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      )}
    </div>
  );
}

export function FireEventPage() {
  const { types, loaded, error, load } = useCatalog();
  const params = useRouter((s) => s.route.params);
  const setParams = useRouter((s) => s.setParams);
  const selected =
    types.find((t) => t.type === params.type) ?? types.find((t) => t.type === 'user.created') ?? types[0] ?? null;
  const [payload, setPayload] = useState('');
  const [firing, setFiring] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [fireError, setFireError] = useState<string | null>(null);
  const [customOpen, setCustomOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (selected) setPayload(pretty(selected.sample));
    setErrors({});
    setFireError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh editor when another type is picked, not when its sample object is replaced
  }, [selected?.type]);
  useEffect(() => searchRef.current?.focus(), [loaded]);

  if (error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!loaded) return <LoadingState label="Loading the event catalog…" />;
  if (!selected) return <EmptyState title="The catalog is empty" />;

  const valid = jsonEditorValid(payload, true);
  const fire = async () => {
    if (!valid) return;
    setFiring(true);
    setErrors({});
    setFireError(null);
    try {
      const { event, deliveries } = await client.call('events.trigger', {
        workspaceId: currentWorkspaceId(),
        type: selected.type,
        data: JSON.parse(payload) as Record<string, unknown>,
      });
      useFired.getState().add(event, deliveries);
    } catch (e) {
      const f = fieldErrors(e);
      setErrors(f);
      // Only the payload has a field here; an error about anything else is said above the button.
      setFireError(errorFor(f, 'data') ? null : errorText(e));
    } finally {
      setFiring(false);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Fire event</Title>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setCustomOpen(true)}>
          Custom event type
        </Button>
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <CatalogBrowser
            types={types}
            selected={selected.type}
            onSelect={(type) => setParams({ type })}
            searchRef={searchRef}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          <Stack gap="md">
            <Card withBorder padding="md" radius="md">
              <Group justify="space-between" align="flex-start" mb="sm">
                <div>
                  <Group gap="xs">
                    <Text ff="monospace" fw={700} size="lg">
                      {selected.type}
                    </Text>
                    <Badge variant="light" color="gray">
                      {selected.category}
                    </Badge>
                    {selected.custom && <Badge variant="light">custom</Badge>}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {selected.description}
                  </Text>
                </div>
                <Group gap="xs">
                  {selected.custom && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} />}
                      onClick={async () => {
                        await client.call('events.removeCustomType', {
                          workspaceId: currentWorkspaceId(),
                          type: selected.type,
                        });
                        setParams({ type: undefined });
                        void load();
                      }}
                    >
                      Remove type
                    </Button>
                  )}
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconRefresh size={14} />}
                    onClick={() => setPayload(pretty(selected.sample))}
                  >
                    Reset to sample
                  </Button>
                </Group>
              </Group>
              <JsonEditor
                label="Payload (the event's data)"
                value={payload}
                onChange={setPayload}
                error={errorFor(errors, 'data')}
                objectOnly
                minRows={10}
                maxRows={20}
              />
              <Text size="xs" c="dimmed" mt={4}>
                Sent as{' '}
                <Text span ff="monospace">
                  {'{ "id", "type", "timestamp", "data" }'}
                </Text>
                ; the id is the receiver's idempotency key.
              </Text>
            </Card>
            <Card withBorder padding="md" radius="md">
              <Group justify="space-between" align="flex-end">
                <Recipients type={selected.type} />
                <Button
                  leftSection={<IconBolt size={16} />}
                  onClick={() => void fire()}
                  disabled={!valid}
                  loading={firing}
                >
                  Fire {selected.type}
                </Button>
              </Group>
              {fireError && (
                <Alert color="red" mt="sm" variant="light">
                  {fireError}
                </Alert>
              )}
            </Card>
            <FiredList />
          </Stack>
        </Grid.Col>
      </Grid>
      <CustomTypeModal
        opened={customOpen}
        onClose={() => setCustomOpen(false)}
        onAdded={(type) => setParams({ type })}
      />
    </Stack>
  );
}
