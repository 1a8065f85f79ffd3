import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { CatalogEventType, InferredSchema, JsonSchema } from '../../../src-main/api/catalogTypes';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { JsonView } from '../../components/JsonView';
import { SchemaDiff } from '../../components/SchemaDiff';
import { useInboxes } from '../../stores/inboxes';
import { currentWorkspaceId } from '../../stores/workspace';

/** Where the payloads come from: an inbox's captured requests, or (empty) the deliveries sent of the type. */
const DELIVERIES = '';

/**
 * Learn a schema from traffic, show it beside the current one (or as changes to it) for review,
 * and save it as the type's schema. Nothing is saved until Save.
 */
export function InferModal({
  opened,
  onClose,
  eventType,
  onSave,
}: {
  opened: boolean;
  onClose: () => void;
  eventType: CatalogEventType;
  onSave: (schema: JsonSchema) => Promise<void>;
}) {
  const inboxes = useInboxes((s) => s.items);
  const [source, setSource] = useState<string>(DELIVERIES);
  const [onlyType, setOnlyType] = useState(true);
  const [limit, setLimit] = useState<number | string>(200);
  const [result, setResult] = useState<InferredSchema | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [saving, setSaving] = useState(false);
  const [view, setView] = useState<'side' | 'changes'>('side');

  useEffect(() => {
    if (!opened) return;
    void useInboxes.getState().load();
    setResult(null);
    setError(null);
  }, [opened, eventType.type]);
  // Another source makes the result stale (Save would store what the new source did not give), and an answer still on its way too.
  const run = useRef(0);
  useEffect(() => {
    run.current += 1;
    setResult(null);
    setError(null);
  }, [source, onlyType]);

  const infer = async () => {
    const mine = ++run.current;
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      const fromInbox = source !== DELIVERIES;
      const r = await client.call('catalogs.infer', {
        workspaceId: currentWorkspaceId(),
        inboxId: fromInbox ? source : undefined,
        eventType: !fromInbox || onlyType ? eventType.type : undefined,
        limit: typeof limit === 'number' ? limit : Number(limit) || 200,
      });
      if (mine === run.current) setResult(r);
    } catch (e) {
      if (mine === run.current) setError(errorText(e));
    } finally {
      setRunning(false);
    }
  };
  const save = async () => {
    if (!result) return;
    setSaving(true);
    setError(null);
    try {
      await onSave(result.schema);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Infer the schema of ${eventType.type}`} size="min(1100px, 94vw)">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <Select
            label="Learn from"
            allowDeselect={false}
            data={[
              { value: DELIVERIES, label: `Deliveries sent of ${eventType.type}` },
              ...inboxes.map((i) => ({ value: i.id, label: `Requests captured in ${i.name}` })),
            ]}
            value={source}
            onChange={(v) => setSource(v ?? DELIVERIES)}
            w={320}
            maw="100%"
          />
          <NumberInput label="At most" min={1} max={1000} value={limit} onChange={setLimit} w={110} />
          {source !== DELIVERIES && (
            <Checkbox
              mb={8}
              label={`Only requests of ${eventType.type}`}
              checked={onlyType}
              onChange={(e) => setOnlyType(e.currentTarget.checked)}
            />
          )}
          <Button onClick={() => void infer()} loading={running}>
            Infer schema
          </Button>
        </Group>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        {result && (
          <>
            <Group justify="space-between">
              <Text size="sm" data-sample-count>
                Learnt from {result.sampleCount} payload{result.sampleCount === 1 ? '' : 's'}
                {result.type && result.type !== eventType.type ? ` of ${result.type}` : ''}. Review it, then save it as
                the schema of {eventType.type}.
              </Text>
              <SegmentedControl
                size="xs"
                value={view}
                onChange={(v) => setView(v as 'side' | 'changes')}
                data={[
                  { value: 'side', label: 'Side by side' },
                  { value: 'changes', label: 'Changes' },
                ]}
                aria-label="How to compare"
              />
            </Group>
            {view === 'side' ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {eventType.schema ? (
                  <JsonView title="Current schema" value={eventType.schema} maxHeight={420} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {eventType.type} has no schema yet.
                  </Text>
                )}
                <JsonView title="Inferred schema" value={result.schema} maxHeight={420} />
              </SimpleGrid>
            ) : (
              <SchemaDiff before={eventType.schema} after={result.schema} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button onClick={() => void save()} loading={saving} disabled={result.sampleCount === 0}>
                Save as the schema of {eventType.type}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
