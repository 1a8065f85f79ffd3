import { Button, Card, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { JsonSchema } from '../../../src-main/api/catalogTypes';
import { errorText } from '../../api/errorText';
import { JsonEditor, jsonEditorValid } from '../../components/JsonEditor';

const STARTER: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {},
  required: [],
};

/** Edit a type's schema as JSON; the engine compiles it on save and says what is wrong. */
export function SchemaEditor({
  type,
  initial,
  onSave,
  onCancel,
}: {
  type: string;
  initial: JsonSchema | null;
  onSave: (schema: JsonSchema) => Promise<void>;
  onCancel: () => void;
}) {
  const [text, setText] = useState(() => JSON.stringify(initial ?? STARTER, null, 2));
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const valid = jsonEditorValid(text, true);
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await onSave(JSON.parse(text) as JsonSchema);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder padding="md" radius="md" role="form" aria-label="Edit schema">
      <JsonEditor
        label={`Schema of ${type} (JSON Schema, draft-07 or 2020-12)`}
        value={text}
        onChange={(v) => {
          setText(v);
          setError(undefined);
        }}
        error={error}
        objectOnly
        minRows={12}
        maxRows={28}
      />
      <Group justify="space-between" mt="sm">
        <Text size="xs" c="dimmed">
          Saved in this workspace: it replaces the catalog&apos;s schema until you reset it.
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="xs" onClick={() => void save()} disabled={!valid} loading={saving}>
            Save schema
          </Button>
        </Group>
      </Group>
    </Card>
  );
}
