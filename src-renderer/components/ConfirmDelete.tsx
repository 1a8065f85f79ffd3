import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';

/** A confirmation for something that cannot be undone. */
export function ConfirmDelete({
  opened,
  onClose,
  title,
  children,
  onConfirm,
  confirmLabel = 'Delete',
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  onConfirm: () => Promise<unknown>;
  confirmLabel?: string;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="sm">
      <Text size="sm">{children}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
              onClose();
            }
          }}
        >
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
