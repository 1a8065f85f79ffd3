import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { customEventTypeSchema, parseInput } from '../../../src-main/api/schemas';
import { client } from '../../api/client';
import { errorFor } from '../../api/errorText';
import { useFormSubmit } from '../../api/useFormSubmit';
import { JsonEditor, jsonEditorValid } from '../../components/JsonEditor';
import { useCatalog } from '../../stores/catalog';
import { currentWorkspaceId } from '../../stores/workspace';
import { MONO_INPUT } from '../../theme/theme';

/**
 * Adds a custom event type (with its sample payload) to the workspace's catalog. A sample that is
 * not a JSON object cannot be sent; the other fields are then checked here, so one submit shows all.
 */
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
  const form = useFormSubmit();
  const { errors, formError, saving } = form;

  useEffect(() => {
    if (opened) form.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- clear the errors each time the modal opens; `form` is new every render
  }, [opened]);

  const submit = () => {
    const input = { workspaceId: currentWorkspaceId(), type, description };
    const sampleOk = jsonEditorValid(sample, true);
    return form.submit(
      async () => {
        const t = await client.call('events.addCustomType', {
          ...input,
          sample: JSON.parse(sample) as Record<string, unknown>,
        });
        await useCatalog.getState().load();
        onAdded(t.type);
        onClose();
      },
      sampleOk
        ? undefined
        : {
            errors: { sample: 'the sample must be a JSON object { … }' },
            checkRest: () => parseInput(customEventTypeSchema, { ...input, sample: {} }),
          },
    );
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
            <Text c="red" size="sm" role="alert">
              {formError}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Add type
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
