import { Alert, Anchor, Badge, Button, Card, Grid, Group, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { CatalogEventType, CatalogTypeSummary } from '../../../src-main/api/catalogTypes';
import type { EventTypeInfo } from '../../../src-main/api/contract';
import { redactUrl } from '../../../src-main/api/credentials';
import { eventTypeNameSchema } from '../../../src-main/api/schemas';
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
import { catalogParam, useCatalogList } from '../catalog/catalogQueries';
import { CatalogBrowser } from './CatalogBrowser';
import { CustomTypeModal } from './CustomTypeModal';
import { FiredList } from './FiredList';
import { FireRefused, PayloadCheck, schemaRefusal, usePayloadCheck, withDetail } from './PayloadCheck';

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** A provider's type as the Fire page's catalog browser lists it (its sample comes with `catalogs.type`). */
const asTypeInfo = (t: CatalogTypeSummary): EventTypeInfo => ({
  type: t.type,
  category: t.category,
  description: t.description,
  sample: {},
  custom: false,
});

function Recipients({ type }: { type: string }) {
  // `events.recipients` takes Hookbench's `category.action` names; a provider's `push` goes to the webhooks subscribed to it or to `*`.
  const named = eventTypeNameSchema.safeParse(type).success;
  const q = useLiveQuery<Webhook[] | null>(
    () =>
      named ? client.call('events.recipients', { workspaceId: currentWorkspaceId(), type }) : Promise.resolve(null),
    [type],
    { refreshOn: ['webhook.changed'], throttleMs: 300 },
  );
  if (!named)
    return (
      <Text size="sm" c="dimmed">
        Delivered to the enabled webhooks that subscribe to{' '}
        <Text span ff="monospace">
          {type}
        </Text>{' '}
        or to{' '}
        <Text span ff="monospace">
          *
        </Text>
        .
      </Text>
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
  const builtin = useCatalog();
  const params = useRouter((s) => s.route.params);
  const setParams = useRouter((s) => s.setParams);
  const catalog = catalogParam(params.catalog);
  const catalogs = useCatalogList();
  // Hookbench's types come with their samples (`events.available`); a provider's from `catalogs.types`.
  const providerTypes = useLiveQuery<CatalogTypeSummary[] | null>(
    () =>
      catalog === 'hookbench'
        ? Promise.resolve(null)
        : client.call('catalogs.types', { workspaceId: currentWorkspaceId(), catalog }),
    [catalog],
  );
  const fromProvider = providerTypes.data?.[0]?.catalog === catalog ? providerTypes.data.map(asTypeInfo) : null;
  const types = catalog === 'hookbench' ? builtin.types : (fromProvider ?? []);
  const loaded = catalog === 'hookbench' ? builtin.loaded : fromProvider !== null || providerTypes.data?.length === 0;
  const error = catalog === 'hookbench' ? builtin.error : providerTypes.error;
  const load = catalog === 'hookbench' ? builtin.load : async () => providerTypes.refetch();
  const selected =
    types.find((t) => t.type === params.type) ??
    (catalog === 'hookbench' ? types.find((t) => t.type === 'user.created') : undefined) ??
    types[0] ??
    null;
  const key = selected ? `${catalog}:${selected.type}` : null;
  // The type in full: its form (what the payload is) and, for a provider, its sample.
  const detail = useLiveQuery<CatalogEventType | null>(
    () =>
      selected
        ? client.call('catalogs.type', { workspaceId: currentWorkspaceId(), catalog, type: selected.type })
        : Promise.resolve(null),
    [key],
  );
  const full = detail.data && `${detail.data.catalog}:${detail.data.type}` === key ? detail.data : null;
  const sample = catalog === 'hookbench' ? selected?.sample : full?.sample;
  const form = full?.form ?? (catalog === 'hookbench' ? 'envelope' : 'raw');
  const [payload, setPayload] = useState('');
  const [payloadFor, setPayloadFor] = useState<string | null>(null);
  const [firing, setFiring] = useState<'fire' | 'anyway' | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [fireError, setFireError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ReturnType<typeof schemaRefusal>>(null);
  const [customOpen, setCustomOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const check = usePayloadCheck(catalog, payloadFor === key ? (selected?.type ?? null) : null, payload);

  // A fresh editor when another type is picked (once its sample is here), not when its sample object is replaced.
  useEffect(() => {
    if (!key || !sample || payloadFor === key) return;
    setPayload(pretty(sample));
    setPayloadFor(key);
    setErrors({});
    setFireError(null);
    setRefusal(null);
  }, [key, sample, payloadFor]);
  useEffect(() => searchRef.current?.focus(), [loaded]);

  const picker = (
    <Select
      size="xs"
      mb={6}
      aria-label="Catalog"
      allowDeselect={false}
      data={(catalogs.data ?? []).map((c) => ({ value: c.id, label: `${c.title} · ${c.typeCount} types` }))}
      value={catalogs.data ? catalog : null}
      placeholder="Hookbench"
      onChange={(v) => v && setParams({ catalog: v === 'hookbench' ? undefined : v, type: undefined })}
    />
  );

  if (error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!loaded) return <LoadingState label="Loading the event catalog…" />;
  if (!selected) return <EmptyState title="The catalog is empty" />;

  const ready = payloadFor === key;
  const valid = ready && jsonEditorValid(payload, true);
  // An edit (typing, or back to the sample) makes the last refusal and errors stale.
  const edit = (text: string) => {
    setPayload(text);
    setErrors({});
    setFireError(null);
    setRefusal(null);
  };
  const fire = async (sendAnyway: boolean) => {
    if (!valid) return;
    setFiring(sendAnyway ? 'anyway' : 'fire');
    setErrors({});
    setFireError(null);
    setRefusal(null);
    try {
      const { event, deliveries } = await client.call('events.trigger', {
        workspaceId: currentWorkspaceId(),
        catalog: catalog === 'hookbench' ? undefined : catalog,
        type: selected.type,
        data: JSON.parse(payload) as Record<string, unknown>,
        sendAnyway: sendAnyway || undefined,
      });
      useFired.getState().add(event, deliveries);
    } catch (e) {
      const refused = schemaRefusal(e);
      if (refused) {
        setRefusal(refused);
        return;
      }
      const f = fieldErrors(e);
      setErrors(f);
      // Only the payload has a field here; an error about anything else is said above the button.
      setFireError(errorFor(f, 'data') ? null : errorText(e));
    } finally {
      setFiring(null);
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
            header={picker}
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
                    onClick={() => sample && edit(pretty(sample))}
                    disabled={!sample}
                  >
                    Reset to sample
                  </Button>
                </Group>
              </Group>
              <JsonEditor
                label={form === 'envelope' ? "Payload (the event's data)" : 'Body (sent as it is)'}
                value={payload}
                onChange={edit}
                error={errorFor(errors, 'data')}
                objectOnly
                minRows={10}
                maxRows={20}
              />
              {ready && <PayloadCheck type={selected.type} {...check} />}
              <Text size="xs" c="dimmed" mt={4}>
                {form === 'envelope' ? (
                  <>
                    Sent as{' '}
                    <Text span ff="monospace">
                      {'{ "id", "type", "timestamp", "data" }'}
                    </Text>
                    ; the id is the receiver's idempotency key.
                  </>
                ) : (
                  <>The whole body, with the headers the provider sends when the webhook's scheme is the provider's.</>
                )}
              </Text>
            </Card>
            <Card withBorder padding="md" radius="md">
              <Group justify="space-between" align="flex-end">
                <Recipients type={selected.type} />
                <Button
                  leftSection={<IconBolt size={16} />}
                  onClick={() => void fire(false)}
                  disabled={!valid}
                  loading={firing === 'fire'}
                >
                  Fire {selected.type}
                </Button>
              </Group>
              {refusal && (
                <FireRefused
                  type={selected.type}
                  refusal={withDetail(refusal, check.verdict)}
                  sending={firing === 'anyway'}
                  onSendAnyway={() => void fire(true)}
                />
              )}
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
        onAdded={(type) => setParams({ catalog: undefined, type })}
      />
    </Stack>
  );
}
