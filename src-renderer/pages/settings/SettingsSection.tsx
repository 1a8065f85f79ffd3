import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import type { Settings } from '../../../src-main/api/schemas';
import { useFormSubmit } from '../../api/useFormSubmit';

/** For a row of fields whose labels wrap to different heights in a narrow card: inputs line up at the bottom. */
export const ALIGN_INPUTS = { alignItems: 'end' } as const;

/**
 * A section's unsaved edit, started from the stored settings. `saved` starts it again from what
 * its own Save stored; the other sections' drafts are left as they are. While the section is
 * untouched it follows the stored settings (changed over REST, in another tab), so its Save never
 * writes back values that were replaced meanwhile.
 */
export function useSectionDraft<D>(s: Settings, draftOf: (s: Settings) => D) {
  const [draft, setDraft] = useState(() => draftOf(s));
  const [base, setBase] = useState(s);
  if (base !== s) {
    // The stored settings changed: an untouched draft takes the new values (render-time update, as React documents).
    setBase(s);
    if (JSON.stringify(draft) === JSON.stringify(draftOf(base))) setDraft(draftOf(s));
  }
  const saved = (stored: Settings) => setDraft(draftOf(stored));
  return { draft, setDraft, saved };
}

/** A card of settings with its own Save; `save` throws the contract's typed error on bad input. */
export function SettingsSection({
  title,
  description,
  children,
  save,
  dirty,
}: {
  title: string;
  description?: string;
  children: (errors: Record<string, string>) => ReactNode;
  save?: () => Promise<unknown>;
  dirty?: boolean;
}) {
  const form = useFormSubmit();
  const { errors, formError, saving } = form;
  const submit = async () => {
    if (!save) return;
    await form.submit(async () => {
      await save();
      notifications.show({ color: 'teal', message: `${title} saved` });
    });
  };
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-label={title}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Text fw={600}>{title}</Text>
        {description && (
          <Text size="sm" c="dimmed" mb="sm">
            {description}
          </Text>
        )}
        <Stack gap="sm">{children(errors)}</Stack>
        {formError && (
          <Text c="red" size="sm" mt="xs" role="alert">
            {formError}
          </Text>
        )}
        {save && (
          <Group justify="flex-end" mt="sm">
            <Button type="submit" size="xs" loading={saving} disabled={dirty === false}>
              Save
            </Button>
          </Group>
        )}
      </form>
    </Card>
  );
}
