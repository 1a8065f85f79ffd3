import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBolt, IconEdit, IconRestore, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import type { CatalogEventType, CatalogId, JsonSchema } from '../../../src-main/api/catalogTypes';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { JsonView } from '../../components/JsonView';
import { ErrorState, LoadingState } from '../../components/States';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { hrefOf } from '../../stores/router';
import { currentWorkspaceId } from '../../stores/workspace';
import { InferModal } from './InferModal';
import { SchemaEditor } from './SchemaEditor';

const FORM_TEXT = {
  envelope: "the event's data (sent inside Hookbench's id / type / timestamp envelope)",
  raw: 'the whole body, sent as it is',
} as const;

export function SchemaOriginBadge({ origin }: { origin: CatalogEventType['schemaOrigin'] }) {
  if (origin === null)
    return (
      <Badge size="sm" variant="light" color="gray" tt="none" data-schema-origin="none">
        no schema
      </Badge>
    );
  return (
    <Badge
      size="sm"
      variant="light"
      color={origin === 'workspace' ? 'violet' : 'blue'}
      tt="none"
      data-schema-origin={origin}
      title={
        origin === 'workspace'
          ? 'Saved, imported or inferred in this workspace: it replaces the catalog’s schema'
          : 'The catalog’s own schema'
      }
    >
      schema: {origin}
    </Badge>
  );
}

/** One type: its schema beside its sample, and the schema's actions (edit, reset, infer). */
export function TypeDetail({
  catalog,
  type,
  onChanged,
}: {
  catalog: CatalogId;
  type: string;
  /** The type's schema changed (the list shows where each schema comes from). */
  onChanged: () => void;
}) {
  const q = useLiveQuery(
    () => client.call('catalogs.type', { workspaceId: currentWorkspaceId(), catalog, type }),
    [catalog, type],
  );
  const [editing, setEditing] = useState(false);
  const [inferring, setInferring] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (q.error) return <ErrorState title={`Could not load ${type}`} error={q.error} onRetry={q.refetch} />;
  const t = q.data && q.data.type === type && q.data.catalog === catalog ? q.data : null;
  if (!t) return <LoadingState label={`Loading ${type}…`} />;

  const saveSchema = async (schema: JsonSchema | null): Promise<void> => {
    await client.call('catalogs.setSchema', { workspaceId: currentWorkspaceId(), catalog, type, schema });
    q.refetch();
    onChanged();
  };
  const reset = async () => {
    setResetting(true);
    setActionError(null);
    try {
      await saveSchema(null);
      notifications.show({ color: 'teal', message: `${type} uses the catalog's schema again` });
    } catch (e) {
      setActionError(errorText(e));
    } finally {
      setResetting(false);
    }
  };

  return (
    <Stack gap="md" miw={0}>
      <Card withBorder padding="md" radius="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} miw={0} style={{ flex: '1 1 360px' }}>
            <Group gap="xs">
              <Text ff="monospace" fw={700} size="lg" style={{ overflowWrap: 'anywhere' }} data-type-title>
                {t.type}
              </Text>
              <Badge variant="light" color="gray" tt="none">
                {t.category}
              </Badge>
              <SchemaOriginBadge origin={t.schemaOrigin} />
              {t.origin !== 'builtin' && t.origin !== 'provider' && (
                <Badge size="sm" variant="outline" color="gray" tt="none">
                  {t.origin}
                </Badge>
              )}
            </Group>
            {t.description && (
              <Text size="sm" c="dimmed">
                {t.description}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              Sample and schema describe {FORM_TEXT[t.form]}.
            </Text>
          </Stack>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconEdit size={14} />}
              onClick={() => setEditing(true)}
              disabled={editing}
            >
              Edit schema
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconSparkles size={14} />}
              onClick={() => setInferring(true)}
            >
              Infer from traffic
            </Button>
            {t.schemaOrigin === 'workspace' && (
              <Button
                size="xs"
                variant="subtle"
                color="orange"
                leftSection={<IconRestore size={14} />}
                loading={resetting}
                onClick={() => void reset()}
              >
                {t.origin === 'builtin' || t.origin === 'provider' ? 'Reset to catalog schema' : 'Remove schema'}
              </Button>
            )}
            <Button
              size="xs"
              variant="subtle"
              component="a"
              href={hrefOf('fire', null, { catalog, type })}
              leftSection={<IconBolt size={14} />}
            >
              Fire
            </Button>
          </Group>
        </Group>
        {actionError && (
          <Alert color="red" variant="light" mt="sm" role="alert">
            {actionError}
          </Alert>
        )}
      </Card>
      {editing ? (
        <SchemaEditor
          type={t.type}
          initial={t.schema}
          onCancel={() => setEditing(false)}
          onSave={async (schema) => {
            await saveSchema(schema);
            setEditing(false);
            notifications.show({ color: 'teal', message: `Saved the schema of ${type} in this workspace` });
          }}
        />
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="sm" radius="md" miw={0}>
          {t.schema ? (
            <JsonView title="Schema" value={t.schema} extra={<SchemaOriginBadge origin={t.schemaOrigin} />} />
          ) : (
            <section aria-label="Schema">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
                Schema
              </Text>
              <Text size="sm" c="dimmed">
                No schema yet: payloads of this type are not checked.{' '}
                <Anchor component="button" size="sm" onClick={() => setEditing(true)}>
                  Write one
                </Anchor>{' '}
                or{' '}
                <Anchor component="button" size="sm" onClick={() => setInferring(true)}>
                  infer it from traffic
                </Anchor>
                .
              </Text>
            </section>
          )}
        </Card>
        <Card withBorder padding="sm" radius="md" miw={0}>
          <JsonView title="Sample" value={t.sample} />
        </Card>
      </SimpleGrid>
      <InferModal
        opened={inferring}
        onClose={() => setInferring(false)}
        eventType={t}
        onSave={async (schema) => {
          await saveSchema(schema);
          setInferring(false);
          notifications.show({ color: 'teal', message: `Saved the inferred schema of ${type}` });
        }}
      />
    </Stack>
  );
}
