import { Button, Group, Modal, Select, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorText } from '../../api/errorText';
import { useWorkspace } from '../../stores/workspace';

const NEW = '__new__';

/** `w`: the select's width (the navigation drawer gives it the whole row). */
export function WorkspaceSwitcher({ w = 180 }: { w?: number | string }) {
  const { workspaces, currentId, select, create } = useWorkspace();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();

  const submit = async () => {
    try {
      await create(name);
      setCreating(false);
      setName('');
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <>
      <Select
        size="xs"
        w={w}
        aria-label="Workspace"
        allowDeselect={false}
        value={currentId}
        onChange={(v) => (v === NEW ? setCreating(true) : v && select(v))}
        data={[
          { group: 'Workspaces', items: workspaces.map((w) => ({ value: w.id, label: w.name })) },
          { group: 'Actions', items: [{ value: NEW, label: '+ New workspace…' }] },
        ]}
      />
      <Modal opened={creating} onClose={() => setCreating(false)} title="New workspace" size="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setCreating(false)}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconPlus size={14} />}>
              Create
            </Button>
          </Group>
        </form>
      </Modal>
    </>
  );
}
