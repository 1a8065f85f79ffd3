import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { fieldErrors, formErrorText } from '../../api/errorText';

/** A card of settings with its own Save; `save` throws the contract's typed error on bad input. */
export function SettingsSection({ title, description, children, save, dirty }: { title: string; description?: string; children: (errors: Record<string, string>) => ReactNode; save?: () => Promise<unknown>; dirty?: boolean }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!save) return;
    setSaving(true);
    setFormError(null);
    try {
      await save();
      setErrors({});
      notifications.show({ color: 'teal', message: `${title} saved` });
    } catch (e) {
      const f = fieldErrors(e);
      setErrors(f);
      setFormError(formErrorText(e, f));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-label={title}>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Text fw={600}>{title}</Text>
        {description && <Text size="sm" c="dimmed" mb="sm">{description}</Text>}
        <Stack gap="sm">{children(errors)}</Stack>
        {formError && <Text c="red" size="sm" mt="xs" role="alert">{formError}</Text>}
        {save && (
          <Group justify="flex-end" mt="sm">
            <Button type="submit" size="xs" loading={saving} disabled={dirty === false}>Save</Button>
          </Group>
        )}
      </form>
    </Card>
  );
}
