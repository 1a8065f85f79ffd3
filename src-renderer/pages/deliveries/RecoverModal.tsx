import { Alert, Button, Group, Modal, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { RecoverResult } from '../../../src-main/api/contract';
import { client } from '../../api/client';
import { errorFor } from '../../api/errorText';
import { useFormSubmit } from '../../api/useFormSubmit';
import { useWebhooks } from '../../stores/webhooks';
import { currentWorkspaceId } from '../../stores/workspace';

const HOUR = 3_600_000;
/** How far back to look, as a person picks it. */
const SPANS = [
  { value: '1', label: 'the last hour' },
  { value: '24', label: 'the last 24 hours' },
  { value: '168', label: 'the last 7 days' },
  { value: '720', label: 'the last 30 days' },
  { value: 'custom', label: 'since a date and time…' },
] as const;

const ALL = '__all__';

/** `datetime-local` text (local time) → epoch ms, or null when empty or invalid. */
function localTime(text: string): number | null {
  const ms = text ? new Date(text).getTime() : NaN;
  return Number.isNaN(ms) ? null : ms;
}

/**
 * "Recover failed…": every failed delivery of one webhook (or of every enabled webhook) since
 * a time is queued again — one more attempt each, within each endpoint's limit (Svix's recover).
 */
export function RecoverModal({
  opened,
  onClose,
  webhookId,
}: {
  opened: boolean;
  onClose: () => void;
  webhookId?: string;
}) {
  const webhooks = useWebhooks((w) => w.items);
  const [target, setTarget] = useState<string>(webhookId ?? ALL);
  const [span, setSpan] = useState<string>('24');
  const [since, setSince] = useState('');
  const [progress, setProgress] = useState<{ queued: number; skipped: number } | null>(null);
  const form = useFormSubmit();
  const { errors, formError, saving } = form;

  useEffect(() => {
    if (!opened) return;
    setTarget(webhookId ?? ALL);
    setProgress(null);
    form.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset each time the modal opens or targets another webhook; `form` is new every render
  }, [opened, webhookId]);

  useEffect(
    () =>
      saving ? client.on('recover.progress', (p) => setProgress({ queued: p.queued, skipped: p.skipped })) : undefined,
    [saving],
  );

  const options = [
    { value: ALL, label: 'every enabled webhook' },
    ...webhooks.map((w) => ({ value: w.id, label: w.enabled ? w.name : `${w.name} (disabled)`, disabled: !w.enabled })),
  ];

  const submit = () => {
    const from = span === 'custom' ? localTime(since) : Date.now() - Number(span) * HOUR;
    if (from === null) return void form.setErrors({ since: 'choose the date and time to recover from' });
    return form.submit(async () => {
      const r: RecoverResult = await client.call('deliveries.recover', {
        workspaceId: currentWorkspaceId(),
        webhookId: target === ALL ? undefined : target,
        since: from,
      });
      notifications.show({
        color: r.queued > 0 ? 'teal' : 'gray',
        title:
          r.queued > 0
            ? `Sending ${r.queued.toLocaleString()} failed deliver${r.queued === 1 ? 'y' : 'ies'} again`
            : 'Nothing to recover',
        message:
          r.queued > 0
            ? `One more attempt each, within each endpoint's limit; watch them on this page.${r.skipped ? ` ${r.skipped} skipped (webhook disabled or busy).` : ''}`
            : `No failed delivery in that range${r.skipped ? ` (${r.skipped} of disabled webhooks skipped)` : ''}.`,
      });
      onClose();
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Recover failed deliveries">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        aria-label="Recover failed deliveries"
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Sends every failed delivery again — one more attempt each, within each endpoint&apos;s concurrency limit.
            Use it once an endpoint that was down is back.
          </Text>
          <Select
            label="Webhook"
            data={options}
            value={target}
            onChange={(v) => setTarget(v ?? ALL)}
            allowDeselect={false}
            error={errorFor(errors, 'webhookId')}
          />
          <Select
            label="Failed deliveries created in"
            data={SPANS.map((s) => ({ ...s }))}
            value={span}
            onChange={(v) => setSpan(v ?? '24')}
            allowDeselect={false}
          />
          {span === 'custom' && (
            <TextInput
              type="datetime-local"
              label="Since (local time)"
              value={since}
              onChange={(e) => setSince(e.currentTarget.value)}
              error={errorFor(errors, 'since')}
            />
          )}
          {formError && (
            <Alert color="red" variant="light">
              {formError}
            </Alert>
          )}
          {saving && progress && (
            <Stack gap={4}>
              <Progress value={100} animated aria-label="Queuing" />
              <Text size="xs" c="dimmed" aria-live="polite">
                {progress.queued.toLocaleString()} queued{progress.skipped ? `, ${progress.skipped} skipped` : ''}…
              </Text>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Recover
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
