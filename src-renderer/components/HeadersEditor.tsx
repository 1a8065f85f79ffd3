import { ActionIcon, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { MONO_INPUT } from '../theme/theme';

export type HeaderRows = [string, string][];

export const headerRowsOf = (h: Record<string, string> | undefined): HeaderRows => Object.entries(h ?? {});
/** Rows with an empty name are dropped. */
export const headersOf = (rows: HeaderRows): Record<string, string> =>
  Object.fromEntries(rows.filter(([n]) => n.trim() !== '').map(([n, v]) => [n.trim(), v]));

/** Name/value rows for extra request headers or response headers. */
export function HeadersEditor({ label, description, value, onChange, error }: { label: string; description?: string; value: HeaderRows; onChange: (rows: HeaderRows) => void; error?: string }) {
  const set = (i: number, col: 0 | 1, text: string) => onChange(value.map((row, j) => (j === i ? (col === 0 ? [text, row[1]] : [row[0], text]) : row)));
  return (
    <Input.Wrapper label={label} description={description} error={error}>
      <Stack gap={6} mt={4}>
        {value.map(([name, v], i) => (
          <Group key={i} gap={6} wrap="nowrap">
            <TextInput size="xs" placeholder="Header-Name" value={name} onChange={(e) => set(i, 0, e.currentTarget.value)} styles={MONO_INPUT} style={{ flex: 2 }} aria-label="Header name" />
            <TextInput size="xs" placeholder="value" value={v} onChange={(e) => set(i, 1, e.currentTarget.value)} style={{ flex: 3 }} aria-label="Header value" styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            <ActionIcon variant="subtle" color="gray" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label="Remove header">
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => onChange([...value, ['', '']])} w="fit-content">
          Add header
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
