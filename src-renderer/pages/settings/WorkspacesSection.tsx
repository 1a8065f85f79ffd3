import { ActionIcon, Badge, Button, Group, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { client } from '../../api/client';
import { errorFor, errorText, fieldErrors } from '../../api/errorText';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { useWorkspace } from '../../stores/workspace';
import type { Workspace } from '../../../src-main/api/types';
import { SettingsSection } from './SettingsSection';

/** A workspace call's error in words: the name's own message when the name was refused. */
const nameError = (e: unknown) => errorFor(fieldErrors(e), 'name') ?? errorText(e);

export function WorkspacesSection() {
  const { workspaces, currentId, select, load, create } = useWorkspace();
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<Workspace | null>(null);
  const [error, setError] = useState<string>();

  const rename = async () => {
    if (!editing) return;
    try {
      await client.call('workspaces.rename', { id: editing.id, name: editing.name });
      setEditing(null);
      await load();
    } catch (e) {
      setError(nameError(e));
    }
  };

  return (
    <SettingsSection
      title="Workspaces"
      description="Everything belongs to a workspace: a webhook never receives another workspace's events."
    >
      {() => (
        <>
          <Table>
            <Table.Tbody>
              {workspaces.map((w, i) => (
                <Table.Tr key={w.id}>
                  <Table.Td>
                    {editing?.id === w.id ? (
                      <Group gap={4}>
                        <TextInput
                          size="xs"
                          value={editing.name}
                          onChange={(e) => setEditing({ id: w.id, name: e.currentTarget.value })}
                          error={error}
                          aria-label="Workspace name"
                        />
                        <ActionIcon size="sm" onClick={() => void rename()} aria-label="Save name">
                          <IconCheck size={14} />
                        </ActionIcon>
                      </Group>
                    ) : (
                      <Group gap={6}>
                        <Text size="sm">{w.name}</Text>
                        {w.id === currentId && (
                          <Badge size="xs" variant="light">
                            current
                          </Badge>
                        )}
                        {i === 0 && (
                          <Badge size="xs" variant="outline" color="gray">
                            default
                          </Badge>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text ff="monospace" fz={11} c="dimmed">
                      {w.id}
                    </Text>
                  </Table.Td>
                  <Table.Td w={140}>
                    <Group gap={2} justify="flex-end">
                      {w.id !== currentId && (
                        <Button size="compact-xs" variant="subtle" onClick={() => select(w.id)}>
                          Switch
                        </Button>
                      )}
                      <Tooltip label="Rename">
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          color="gray"
                          onClick={() => {
                            setError(undefined);
                            setEditing({ id: w.id, name: w.name });
                          }}
                          aria-label={`Rename ${w.name}`}
                        >
                          <IconPencil size={14} />
                        </ActionIcon>
                      </Tooltip>
                      {i > 0 && (
                        <Tooltip label="Delete">
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="red"
                            onClick={() => setDeleting(w)}
                            aria-label={`Delete ${w.name}`}
                          >
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group gap="xs">
            <TextInput
              size="xs"
              placeholder="New workspace name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              aria-label="New workspace name"
            />
            <Button
              size="xs"
              variant="default"
              disabled={!name.trim()}
              onClick={async () => {
                try {
                  await create(name);
                  setName('');
                } catch (e) {
                  notifications.show({ color: 'red', message: nameError(e) });
                }
              }}
            >
              Create
            </Button>
          </Group>
          <ConfirmDelete
            opened={deleting !== null}
            onClose={() => setDeleting(null)}
            title="Delete workspace"
            onConfirm={async () => {
              if (!deleting) return;
              try {
                await client.call('workspaces.delete', { id: deleting.id });
                if (deleting.id === currentId) select(workspaces[0]!.id);
                await load();
              } catch (e) {
                notifications.show({ color: 'red', message: errorText(e) });
              }
            }}
          >
            Delete <b>{deleting?.name}</b> with all its webhooks, inboxes and logs? This cannot be undone.
          </ConfirmDelete>
        </>
      )}
    </SettingsSection>
  );
}
