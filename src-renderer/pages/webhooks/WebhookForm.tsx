import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { credentialHeaderTest, hasUserinfo } from '../../../src-main/api/credentials';
import { httpUrlSchema, type SchemeName } from '../../../src-main/api/schemas';
import { schemeOptions } from '../../../src-main/api/schemes';
import type { Webhook } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { errorFor, withoutField } from '../../api/errorText';
import { useFormSubmit } from '../../api/useFormSubmit';
import { HeadersEditor } from '../../components/HeadersEditor';
import { RetryPolicyField } from '../../components/RetryPolicyField';
import { SubscriptionsField } from '../../components/SubscriptionsField';
import { urlError } from '../../components/UrlError';
import { useSettings } from '../../stores/settings';
import { currentWorkspaceId } from '../../stores/workspace';
import { isBuiltInCredential, maskedUrl } from './credentialMask';
import { draftOf, emptyDraft, inputOf, type WebhookDraft } from './webhookDraft';
import { MONO_INPUT } from '../../theme/theme';

/** The contract field each draft key is sent as, where the names differ. */
const FIELD_OF: Partial<Record<keyof WebhookDraft, string>> = { retry: 'retryPolicy' };

/**
 * Create (no `webhook`) or edit a webhook. Field errors come from the contract's typed error,
 * every field's at once (the secret's too); numbers are never clamped, the contract names the range.
 */
export function WebhookForm({
  opened,
  onClose,
  webhook,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  webhook?: Webhook;
  onSaved?: (w: Webhook) => void;
}) {
  const defaultRetry = useSettings((s) => s.settings?.defaultRetryPolicy);
  const [draft, setDraft] = useState<WebhookDraft>(() => (webhook ? draftOf(webhook) : emptyDraft(defaultRetry)));
  const form = useFormSubmit();
  const { errors, setErrors, formError, saving } = form;
  // A stored URL's password stays masked until revealed; one being typed is shown.
  const [urlShown, setUrlShown] = useState(!webhook);

  useEffect(() => {
    if (!opened) return;
    setDraft(webhook ? draftOf(webhook) : emptyDraft(defaultRetry));
    setUrlShown(!webhook);
    form.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset each time the form opens or edits another webhook; `form` is new every render
  }, [opened, webhook?.id]);

  const set = <K extends keyof WebhookDraft>(k: K, v: WebhookDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => withoutField(e, FIELD_OF[k] ?? k));
  };

  /** A hint before sending, from the same schema the contract uses. */
  const checkUrl = () => {
    if (!draft.url) return;
    const r = httpUrlSchema.safeParse(draft.url);
    if (!r.success) setErrors((e) => ({ ...e, url: r.error.issues[0]?.message ?? 'not a valid URL' }));
  };

  const submit = () =>
    form.submit(async () => {
      const input = inputOf(draft);
      const saved = webhook
        ? await client.call('webhooks.update', { id: webhook.id, ...input })
        : await client.call('webhooks.create', { ...input, workspaceId: currentWorkspaceId() });
      notifications.show({ color: 'teal', message: webhook ? `Saved ${saved.name}` : `Created ${saved.name}` });
      onSaved?.(saved);
      onClose();
    });

  const err = (f: string) => errorFor(errors, f);
  const urlMasked = !urlShown && hasUserinfo(draft.url);
  const urlToggle = hasUserinfo(draft.url) && (
    <Tooltip label={urlMasked ? 'Reveal the password in the URL' : 'Hide the password in the URL'}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="sm"
        onClick={() => setUrlShown(urlMasked)}
        aria-label={urlMasked ? 'Reveal URL password' : 'Hide URL password'}
      >
        {urlMasked ? <IconEye size={14} /> : <IconEyeOff size={14} />}
      </ActionIcon>
    </Tooltip>
  );
  const secretRows = {
    isSecret: credentialHeaderTest(draft.secretHeaders),
    isFixed: isBuiltInCredential,
    onMark: (name: string, on: boolean) =>
      set(
        'secretHeaders',
        on ? [...draft.secretHeaders, name.toLowerCase()] : draft.secretHeaders.filter((n) => n !== name.toLowerCase()),
      ),
  };
  return (
    <Modal opened={opened} onClose={onClose} title={webhook ? `Edit ${webhook.name}` : 'New webhook'} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        aria-label={webhook ? 'Edit webhook' : 'New webhook'}
      >
        <Stack gap="sm">
          <TextInput
            label="Endpoint URL"
            placeholder="https://example.com/webhooks"
            required
            value={urlMasked ? maskedUrl(draft.url) : draft.url}
            readOnly={urlMasked}
            description={urlMasked ? 'The password in this URL is hidden; reveal it to edit the URL.' : undefined}
            onChange={(e) => set('url', e.currentTarget.value)}
            onBlur={checkUrl}
            error={urlError(err('url'), draft.url, (fixed) => set('url', fixed))}
            styles={MONO_INPUT}
            rightSection={urlToggle || undefined}
            autoComplete="off"
            data-autofocus
          />
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              placeholder="defaults to the URL's host"
              value={draft.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={err('name')}
            />
            <TextInput
              label="Description"
              value={draft.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={err('description')}
            />
          </Group>
          <SubscriptionsField
            value={draft.subscriptions}
            onChange={(v) => set('subscriptions', v)}
            error={err('subscriptions')}
          />
          <Group grow align="flex-start">
            <Select
              label="Signing scheme"
              allowDeselect={false}
              data={schemeOptions()}
              value={draft.scheme}
              onChange={(v) => v && set('scheme', v as SchemeName)}
              error={err('scheme')}
            />
            <NumberInput
              label="Timeout (s)"
              min={1}
              max={120}
              clampBehavior="none"
              value={draft.timeoutSec}
              onChange={(v) => set('timeoutSec', v)}
              error={err('timeoutSec')}
            />
          </Group>
          <TextInput
            label="Secret"
            description={
              webhook
                ? 'Changing it here replaces it at once; use Rotate on the webhook to keep the old one valid for a while.'
                : 'Leave empty to generate one that fits the scheme.'
            }
            placeholder={webhook ? undefined : 'generated'}
            value={draft.secret}
            onChange={(e) => set('secret', e.currentTarget.value)}
            error={err('secret')}
            styles={MONO_INPUT}
            autoComplete="off"
          />
          <RetryPolicyField value={draft.retry} onChange={(v) => set('retry', v)} error={err('retryPolicy')} />
          <HeadersEditor
            label="Extra headers"
            description="Sent with every delivery. Credentials (Authorization, Cookie, Proxy-Authorization, X-Api-Key, and headers you lock) are stored sealed and shown as [redacted] in deliveries and exports."
            value={draft.headers}
            onChange={(v) => set('headers', v)}
            errors={errors}
            field="headers"
            error={[err('headers'), err('secretHeaders')].filter(Boolean).join(' · ') || undefined}
            secret={secretRows}
          />
          <Switch label="Enabled" checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
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
              {webhook ? 'Save' : 'Create webhook'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
