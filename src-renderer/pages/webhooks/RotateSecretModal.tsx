import { Button, Group, Modal, NumberInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { SCHEME_DESCRIPTORS } from '../../../src-main/api/schemes';
import type { Webhook } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { errorFor } from '../../api/errorText';
import { useFormSubmit } from '../../api/useFormSubmit';
import { numberOf } from '../../components/numberText';
import { rotationNote } from './rotationNote';

/**
 * Rotate a webhook's secret. The grace period is asked for only where it does something: schemes
 * whose requests carry several signatures sign with both secrets during it; the others sign with
 * the new secret alone, so the old one is dropped at once.
 */
export function RotateSecretModal({
  webhook,
  opened,
  onClose,
}: {
  webhook: Webhook;
  opened: boolean;
  onClose: () => void;
}) {
  const [grace, setGrace] = useState<number | string>(24);
  const form = useFormSubmit();
  const overlaps = SCHEME_DESCRIPTORS[webhook.scheme].multipleSignatures;
  const rotate = () =>
    form.submit(async () => {
      const graceHours = overlaps ? numberOf(grace) : 0;
      await client.call('webhooks.rotateSecret', { id: webhook.id, graceHours });
      notifications.show({
        color: 'teal',
        message: graceHours > 0 ? `New secret; the old one stays valid for ${graceHours} h` : 'New secret',
      });
      onClose();
    });
  return (
    <Modal opened={opened} onClose={onClose} title="Rotate secret" size="sm">
      <Text size="sm" mb="sm">
        {rotationNote(webhook.scheme)}
      </Text>
      {overlaps && (
        <NumberInput
          label="Keep the old secret valid for (hours)"
          description="0–720; both secrets sign until then"
          min={0}
          max={720}
          clampBehavior="none"
          value={grace}
          onChange={setGrace}
          error={errorFor(form.errors, 'graceHours')}
        />
      )}
      {form.formError && !errorFor(form.errors, 'graceHours') && (
        <Text c="red" size="sm" mt="xs" role="alert">
          {form.formError}
        </Text>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={form.saving} onClick={() => void rotate()}>
          Rotate
        </Button>
      </Group>
    </Modal>
  );
}
