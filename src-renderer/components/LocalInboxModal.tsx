import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { SchemeName } from '../../src-main/api/schemas';
import { schemeOptions } from '../../src-main/api/schemes';
import type { Inbox } from '../../src-main/api/receiverTypes';
import type { Webhook } from '../../src-main/api/types';
import { client } from '../api/client';
import { errorFor } from '../api/errorText';
import { useFormSubmit } from '../api/useFormSubmit';
import { useInboxes } from '../stores/inboxes';
import { useSettings } from '../stores/settings';
import { currentWorkspaceId } from '../stores/workspace';
import { ResponseRuleFields, ruleDraftOf, ruleOf, type RuleDraft } from './ResponseRuleFields';
import { RetryPolicyField, retryDraftOf, retryPolicyOf, type RetryDraft } from './RetryPolicyField';
import { SubscriptionsField } from './SubscriptionsField';

interface Draft {
  name: string;
  scheme: SchemeName;
  subscriptions: string[];
  retry: RetryDraft;
  rule: RuleDraft;
}

/** "Send to a local inbox": an inbox and a webhook to it sharing scheme and secret, in one step. */
export function LocalInboxModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated?: (r: { inbox: Inbox; webhook: Webhook }) => void;
}) {
  const defaultRetry = useSettings((s) => s.settings?.defaultRetryPolicy);
  const fresh = (): Draft => ({
    name: '',
    scheme: 'standard',
    subscriptions: ['*'],
    retry: retryDraftOf(defaultRetry),
    rule: ruleDraftOf(),
  });
  const [draft, setDraft] = useState<Draft>(fresh);
  const form = useFormSubmit();
  const { errors, formError, saving } = form;

  useEffect(() => {
    if (opened) {
      setDraft(fresh());
      form.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh draft each time the modal opens; `form` is a new object every render
  }, [opened]);

  const submit = () =>
    form.submit(async () => {
      const r = await client.call('webhooks.sendToLocalInbox', {
        workspaceId: currentWorkspaceId(),
        name: draft.name.trim() || undefined,
        scheme: draft.scheme,
        subscriptions: draft.subscriptions,
        retryPolicy: retryPolicyOf(draft.retry),
        responseRule: ruleOf(draft.rule),
      });
      void useInboxes.getState().load();
      notifications.show({ color: 'teal', message: `Created inbox /in/${r.inbox.slug} and webhook ${r.webhook.name}` });
      onCreated?.(r);
      onClose();
    });

  return (
    <Modal opened={opened} onClose={onClose} title="Send to a local inbox" size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        aria-label="Send to a local inbox"
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Creates an inbox on the built-in receiver and a webhook pointed at it, sharing the scheme and secret, so
            every delivery arrives verified.
          </Text>
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              placeholder="Local inbox"
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
              error={errorFor(errors, 'name')}
              data-autofocus
            />
            <Select
              label="Signing scheme"
              allowDeselect={false}
              data={schemeOptions()}
              value={draft.scheme}
              onChange={(v) => v && setDraft({ ...draft, scheme: v as SchemeName })}
              error={errorFor(errors, 'scheme')}
            />
          </Group>
          <SubscriptionsField
            value={draft.subscriptions}
            onChange={(v) => setDraft({ ...draft, subscriptions: v })}
            error={errorFor(errors, 'subscriptions')}
          />
          <RetryPolicyField
            value={draft.retry}
            onChange={(v) => setDraft({ ...draft, retry: v })}
            error={errorFor(errors, 'retryPolicy')}
          />
          <div>
            <Text size="sm" fw={500}>
              The inbox answers
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              Script failures to exercise the webhook's retries.
            </Text>
            <ResponseRuleFields
              value={draft.rule}
              onChange={(rule) => setDraft({ ...draft, rule })}
              errors={errors}
              compact
            />
          </div>
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
              Create inbox and webhook
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
