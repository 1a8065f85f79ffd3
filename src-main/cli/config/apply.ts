/**
 * Applies a loaded config to a workbench through the contract: each inbox is found by its slug
 * and each webhook by its name in the default workspace, created when missing and changed to
 * match otherwise. Every operation's input is planned and checked first; only a config that is
 * valid throughout writes anything.
 */
import { configFileSchema, type ConfigInbox, type ConfigWebhook, type HookbenchConfig } from '../../api/configFile';
import type { InboxWithUrl } from '../../api/contract';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { dispatch } from '../../api/dispatch';
import { HookbenchError, isHookbenchError } from '../../api/errors';
import { inboxCreateSchema, inboxUpdateSchema } from '../../api/receiverSchemas';
import type { Inbox } from '../../api/receiverTypes';
import { parseInput, webhookCreateSchema, webhookUpdateSchema } from '../../api/schemas';
import type { Webhook } from '../../api/types';
import type { Workbench } from '../../engine/workbench';
import { configPath } from './load';

type Step =
  | { op: 'inboxes.create' | 'inboxes.update'; input: Record<string, unknown> }
  | { op: 'webhooks.create' | 'webhooks.update'; input: Record<string, unknown> };

export async function applyConfig(
  wb: Workbench,
  config: HookbenchConfig,
): Promise<{ inboxes: Inbox[]; webhooks: Webhook[] }> {
  const steps = await planConfig(wb, config);
  const inboxes: Inbox[] = [];
  const webhooks: Webhook[] = [];
  for (const step of steps) {
    const result = await dispatch(wb, step.op, step.input);
    if (step.op.startsWith('inboxes.'))
      inboxes.push(result as InboxWithUrl); // with its URL
    else webhooks.push(result as Webhook);
  }
  return { inboxes, webhooks };
}

/** The operations that make the workspace match `config`, each input checked by its operation's schema. */
async function planConfig(wb: Workbench, config: HookbenchConfig): Promise<Step[]> {
  const c = parseInput(configFileSchema, config) as HookbenchConfig;
  const workspaces = await dispatch(wb, 'workspaces.list', {});
  const allInboxes = (
    await Promise.all(workspaces.map((w) => dispatch(wb, 'inboxes.list', { workspaceId: w.id })))
  ).flat();
  const webhooks = await dispatch(wb, 'webhooks.list', { workspaceId: DEFAULT_WORKSPACE_ID });
  return [
    ...c.inboxes.map((inbox, i) => inboxStep(inbox, allInboxes, `inboxes.${i}`)),
    ...c.webhooks.map((webhook, i) => webhookStep(webhook, webhooks, `webhooks.${i}`)),
  ];
}

function inboxStep(c: ConfigInbox, existing: readonly Inbox[], at: string): Step {
  const current = existing.find((i) => i.slug === c.slug);
  if (current && current.workspaceId !== DEFAULT_WORKSPACE_ID)
    throw configError(`${at}.slug`, `"${c.slug}" is the slug of inbox "${current.name}" in another workspace`);
  const fields = {
    slug: c.slug,
    scheme: c.scheme,
    toleranceSec: c.toleranceSec,
    responseRule: c.responseRule,
    rejectInvalid: c.rejectInvalid,
    forwardTo: c.forwardTo,
    forwardRoutes: c.forwardRoutes,
    catalog: c.catalog,
    ...(c.secrets !== undefined && { secrets: c.secrets }),
  };
  return current
    ? checkedStep('inboxes.update', { id: current.id, ...fields, ...(c.name !== undefined && { name: c.name }) }, at)
    : checkedStep('inboxes.create', { ...fields, name: c.name ?? c.slug }, at);
}

function webhookStep(c: ConfigWebhook, existing: readonly Webhook[], at: string): Step {
  const named = existing.filter((w) => w.name === c.name);
  if (named.length > 1)
    throw configError(
      `${at}.name`,
      `${named.length} webhooks are named "${c.name}"; rename all but one so the config can tell them apart`,
    );
  const current = named[0];
  const fields = {
    name: c.name,
    description: c.description,
    url: c.url,
    subscriptions: c.subscriptions,
    enabled: c.enabled,
    scheme: c.scheme,
    headers: c.headers,
    secretHeaders: c.secretHeaders,
    timeoutSec: c.timeoutSec,
    ...(c.retryPolicy !== undefined && { retryPolicy: c.retryPolicy }),
    // The same secret again would end a rotation's grace period for nothing.
    ...(c.secret !== undefined && c.secret !== current?.secret && { secret: c.secret }),
  };
  return current
    ? checkedStep('webhooks.update', { id: current.id, ...fields }, at)
    : checkedStep('webhooks.create', fields, at);
}

const SCHEMAS = {
  'inboxes.create': inboxCreateSchema,
  'inboxes.update': inboxUpdateSchema,
  'webhooks.create': webhookCreateSchema,
  'webhooks.update': webhookUpdateSchema,
} as const;

/** The step, its input checked as its operation will check it; a problem names the config's field. */
function checkedStep(op: Step['op'], input: Record<string, unknown>, at: string): Step {
  try {
    parseInput(SCHEMAS[op], input);
  } catch (e) {
    if (!isHookbenchError(e) || e.code !== 'validation') throw e;
    throw configError(`${at}.${e.field ?? 'input'}`, e.issues?.[0]?.message ?? e.message);
  }
  return { op, input } as Step;
}

function configError(field: string, message: string): HookbenchError {
  return new HookbenchError('validation', `${configPath(field)}: ${message}`, field);
}
