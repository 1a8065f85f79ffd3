import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { CATALOG_IDS, type CatalogId } from '../../../src-main/api/catalogTypes';
import type { InboxWithUrl } from '../../../src-main/api/contract';
import { DEFAULT_REJECT_STATUS, DEFAULT_TOLERANCE_SEC } from '../../../src-main/api/receiverSchemas';
import { schemeOptions } from '../../../src-main/api/schemes';
import type { InboxScheme } from '../../../src-main/api/receiverTypes';
import { client } from '../../api/client';
import { errorFor } from '../../api/errorText';
import { useFormSubmit } from '../../api/useFormSubmit';
import { ResponseRuleFields, ruleDraftOf, ruleOf, type RuleDraft } from '../../components/ResponseRuleFields';
import { numberOf } from '../../components/numberText';
import { urlError } from '../../components/UrlError';
import { useInboxes } from '../../stores/inboxes';
import { currentWorkspaceId } from '../../stores/workspace';
import { ForwardRoutesEditor, routeDraftsOf, routesOf, type RouteDraft } from './ForwardRoutesEditor';
import { SecretsEditor } from './SecretsEditor';
import { MONO_INPUT } from '../../theme/theme';
import { catalogTitle, useCatalogList } from '../catalog/catalogQueries';

interface Draft {
  name: string;
  slug: string;
  scheme: InboxScheme;
  secrets: string[];
  /** New inbox only: the provider's secret as pasted (empty: one is generated). */
  secret: string;
  toleranceSec: number | string;
  rule: RuleDraft;
  forwardTo: string;
  routes: RouteDraft[];
  rejectInvalid: boolean;
  rejectStatus: number | string;
  /** The catalog requests are checked against; null: none. */
  catalog: CatalogId | null;
}

const draftOf = (i?: InboxWithUrl): Draft => ({
  name: i?.name ?? '',
  slug: i?.slug ?? '',
  scheme: i?.scheme ?? 'standard',
  secrets: i?.secrets ?? [],
  secret: '',
  toleranceSec: i?.toleranceSec ?? DEFAULT_TOLERANCE_SEC,
  rule: ruleDraftOf(i?.responseRule),
  forwardTo: i?.forwardTo ?? '',
  routes: routeDraftsOf(i?.forwardRoutes),
  rejectInvalid: i?.rejectInvalid != null,
  rejectStatus: i?.rejectInvalid?.status ?? DEFAULT_REJECT_STATUS,
  catalog: i?.catalog ?? null,
});

/** "Check payloads against catalog": none, or one of the catalogs. */
const NO_CATALOG = 'none';

/** Create an inbox (no `inbox`) or change one: scheme, secrets, tolerance, response rule, forward-to and routes. */
export function InboxForm({
  inbox,
  onSaved,
  onCancel,
}: {
  inbox?: InboxWithUrl;
  onSaved?: (i: InboxWithUrl) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(inbox));
  const form = useFormSubmit();
  const catalogs = useCatalogList();
  const { errors, formError, saving } = form;
  useEffect(() => {
    setDraft(draftOf(inbox));
    form.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh draft for another inbox or a saved change, not for every new inbox object
  }, [inbox?.id, inbox?.updatedAt]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  /** Scheme none checks no signature: no secret to paste, nothing to reject. */
  const signs = draft.scheme !== 'none';
  const submit = async () => {
    const common = {
      name: draft.name.trim() || undefined,
      slug: draft.slug.trim() || undefined,
      scheme: draft.scheme,
      toleranceSec: numberOf(draft.toleranceSec),
      responseRule: ruleOf(draft.rule),
      forwardTo: draft.forwardTo.trim() || null,
      forwardRoutes: routesOf(draft.routes),
      rejectInvalid: draft.rejectInvalid ? { status: numberOf(draft.rejectStatus) } : null,
      catalog: draft.catalog,
    };
    await form.submit(async () => {
      const saved = inbox
        ? await client.call('inboxes.update', { id: inbox.id, ...common, secrets: draft.secrets })
        : await client.call('inboxes.create', {
            ...common,
            workspaceId: currentWorkspaceId(),
            secret: signs ? draft.secret.trim() || undefined : undefined,
          });
      useInboxes.getState().upsert(saved);
      notifications.show({
        color: 'teal',
        message: inbox ? `Saved /in/${saved.slug}` : `Created inbox /in/${saved.slug}`,
      });
      onSaved?.(saved);
    });
  };

  const err = (f: string) => errorFor(errors, f);
  const catalogOptions = [
    { value: NO_CATALOG, label: 'none (no schema check)' },
    ...CATALOG_IDS.map((id) => ({ value: id, label: catalogTitle(catalogs.data, id) })),
  ];
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-label={inbox ? 'Inbox settings' : 'New inbox'}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Name"
            placeholder="Stripe test"
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={err('name')}
            data-autofocus
          />
          <TextInput
            label="Slug"
            description="the URL path: /in/<slug>"
            placeholder="from the name"
            value={draft.slug}
            onChange={(e) => set('slug', e.currentTarget.value)}
            error={err('slug')}
            styles={MONO_INPUT}
          />
          <Select
            label="Scheme"
            description={
              draft.scheme === 'auto' ? "auto detects it from each request's headers" : 'how signatures are checked'
            }
            allowDeselect={false}
            data={[...schemeOptions(), { value: 'auto', label: 'auto' }]}
            value={draft.scheme}
            onChange={(v) => v && set('scheme', v as InboxScheme)}
            error={err('scheme')}
          />
          <NumberInput
            label="Timestamp tolerance (s)"
            description="past and future"
            min={0}
            clampBehavior="none"
            value={draft.toleranceSec}
            onChange={(v) => set('toleranceSec', v)}
            error={err('toleranceSec')}
          />
        </SimpleGrid>
        {inbox ? (
          <SecretsEditor
            value={draft.secrets}
            onChange={(v) => set('secrets', v)}
            error={err('secrets')}
            scheme={draft.scheme}
          />
        ) : (
          signs && (
            <TextInput
              label="Secret"
              description={
                draft.scheme === 'auto'
                  ? "Paste the provider's signing secret. Empty: none yet (auto cannot tell which format to generate)."
                  : "Paste the provider's signing secret (Stripe whsec_…, GitHub, Shopify). Empty: one is generated."
              }
              placeholder={draft.scheme === 'auto' ? 'none' : 'empty: generate one'}
              value={draft.secret}
              onChange={(e) => set('secret', e.currentTarget.value)}
              error={err('secret')}
              styles={MONO_INPUT}
              autoComplete="off"
              spellCheck={false}
            />
          )
        )}
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <Checkbox
            mt={6}
            label="Reject invalid signatures"
            description={
              signs
                ? 'Answer requests whose signature is invalid or missing with this status and a JSON reason, as a real handler does. They are logged, not forwarded; the response rule answers valid ones.'
                : 'Scheme none signs nothing, so no request is rejected.'
            }
            checked={draft.rejectInvalid}
            disabled={!signs}
            onChange={(e) => set('rejectInvalid', e.currentTarget.checked)}
            style={{ flex: 1 }}
          />
          <NumberInput
            w={110}
            label="Reject status"
            clampBehavior="none"
            min={400}
            max={599}
            value={draft.rejectStatus}
            onChange={(v) => set('rejectStatus', v)}
            disabled={!signs || !draft.rejectInvalid}
            error={err('rejectInvalid')}
          />
        </Group>
        <Select
          label="Check payloads against catalog"
          description={
            draft.catalog
              ? "Each request gets a schema verdict beside its signature's: its event type's schema, every issue with its JSON path. The answer does not change."
              : "Each request's body can be checked against its event type's schema in a catalog."
          }
          allowDeselect={false}
          data={catalogOptions}
          value={draft.catalog ?? NO_CATALOG}
          onChange={(v) => set('catalog', !v || v === NO_CATALOG ? null : (v as CatalogId))}
          error={err('catalog')}
        />
        <div>
          <Text size="sm" fw={500}>
            Response rule
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            What the inbox answers; failures let you exercise a sender's retries.
          </Text>
          <ResponseRuleFields value={draft.rule} onChange={(r) => set('rule', r)} errors={errors} />
        </div>
        <TextInput
          label="Forward to"
          description={
            draft.routes.length
              ? "Requests no route below matches are re-sent here as received; the sender still gets the rule's response."
              : "Each request is re-sent here as received; the sender still gets the rule's response."
          }
          placeholder="http://localhost:3000/webhooks"
          value={draft.forwardTo}
          onChange={(e) => set('forwardTo', e.currentTarget.value)}
          error={urlError(err('forwardTo'), draft.forwardTo, (url) => {
            set('forwardTo', url);
            form.setErrors(({ forwardTo: _fixed, ...rest }) => rest);
          })}
          styles={MONO_INPUT}
        />
        <ForwardRoutesEditor
          value={draft.routes}
          onChange={(v) => set('routes', v)}
          errors={errors}
          onFixed={(field) => form.setErrors(({ [field]: _fixed, ...rest }) => rest)}
        />
        {formError && (
          <Text c="red" size="sm" role="alert">
            {formError}
          </Text>
        )}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={saving}>
            {inbox ? 'Save inbox' : 'Create inbox'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
