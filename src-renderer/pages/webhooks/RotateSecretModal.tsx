import { Button, Group, Modal, NumberInput, Text } from '@mantine/core';
import { useState } from 'react';
import type { Webhook } from '../../../src-main/api/types';
import { rotationNote } from './rotationNote';
import { webhookActions } from './useWebhookActions';

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
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title="Rotate secret" size="sm">
      <Text size="sm" mb="sm">
        {rotationNote(webhook.scheme)}
      </Text>
      <NumberInput label="Keep the old secret valid for (hours)" min={0} max={720} value={grace} onChange={setGrace} />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          loading={busy}
          onClick={async () => {
            setBusy(true);
            await webhookActions.rotate(webhook, Number(grace) || 0);
            setBusy(false);
            onClose();
          }}
        >
          Rotate
        </Button>
      </Group>
    </Modal>
  );
}
