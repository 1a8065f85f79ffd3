import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { client } from '../../api/client';
import { errorFor, errorText, fieldErrors } from '../../api/errorText';
import { JsonEditor, jsonEditorValid } from '../../components/JsonEditor';
import { useCatalog } from '../../stores/catalog';
import { currentWorkspaceId } from '../../stores/workspace';
import { MONO_INPUT } from '../../theme/theme';

/** Adds a custom event type (with its sample payload) to the workspace's catalog. */
export function CustomTypeModal({
  opened,
  onClose,
  onAdded,
}: {
  opened: boolean;
  onClose: () => void;
  onAdded: (type: string) => void;
}) {
  const [type, setType] = useState('');
  const [description, setDescription] = useState('');
  const [sample, setSample] = useState('{\n  "id": "obj_123"\n}');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (opened) {
      setErrors({});
      setFormError(null);
    }
  }, [opened]);

  const submit = async () => {
    if (!jsonEditorValid(sample, true)) return;
    try {
      const t = await client.call('events.addCustomType', {
        workspaceId: currentWorkspaceId(),
        type,
        description,
        sample: JSON.parse(sample) as Record<string, unknown>,
      });
      await useCatalog.getState().load();
      onAdded(t.type);
      onClose();
    } catch (e) {
      const f = fieldErrors(e);
      setErrors(f);
      setFormError(Object.keys(f).length ? null : errorText(e));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Custom event type" size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Type"
            placeholder="billing.quota_exceeded"
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
            error={errorFor(errors, 'type')}
            styles={MONO_INPUT}
            data-autofocus
          />
          <TextInput
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errorFor(errors, 'description')}
          />
          <JsonEditor
            label="Sample payload (the event's data)"
            value={sample}
            onChange={setSample}
            error={errorFor(errors, 'sample')}
            minRows={6}
            objectOnly
          />
          {formError && (
            <Text c="red" size="sm">
              {formError}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!jsonEditorValid(sample, true)}>
              Add type
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
