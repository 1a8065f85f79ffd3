/**
 * GitHub as a provider: every webhook event and action GitHub documents, sent with the headers
 * GitHub's Hookshot sends (the `github` scheme adds `X-Hub-Signature-256`).
 */
import { headerValue } from '../../signing/headers';
import type { HeaderMap } from '../../signing/types';
import { buildGithubTypes, githubPackageVersions, readGithubPackages, type GithubData } from './githubData';
import type { ProviderCatalog, ProviderType, WireContext } from './provider';
import { derivedNumber, derivedUuid } from './wireIds';

/** Hookshot names its build in its User-Agent; one fixed build, as every hook of a moment sees. */
export const GITHUB_USER_AGENT = 'GitHub-Hookshot/9f4c3a2';

let data: GithubData | null = null;

/** Reads and indexes the packages once; later calls are free. */
export function githubData(): GithubData {
  if (!data) {
    const { schema, examples } = readGithubPackages();
    data = buildGithubTypes(schema, examples);
  }
  return data;
}

let source: string | null = null;

let typeNames: Set<string> | null = null;
function hasType(name: string): boolean {
  typeNames ??= new Set(githubData().types.map((t) => t.type));
  return typeNames.has(name);
}

function objectAt(body: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const v = body?.[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** What the hook is installed on, as GitHub reports it: the repository, else the organization, else the app. */
function installationTarget(ctx: WireContext, body?: Record<string, unknown>): [string, string] {
  const repository = objectAt(body, 'repository')?.id;
  if (typeof repository === 'number') return ['repository', String(repository)];
  const organization = objectAt(body, 'organization')?.id;
  if (typeof organization === 'number') return ['organization', String(organization)];
  const app = objectAt(body, 'installation')?.app_id;
  if (typeof app === 'number') return ['integration', String(app)];
  return ['repository', String(derivedNumber(ctx.webhookId, 'github-target', 9))];
}

export const github: ProviderCatalog = {
  id: 'github',
  title: 'GitHub',
  scheme: 'github',
  get source() {
    source ??=
      `GitHub's own schemas and examples, from the npm packages ${githubPackageVersions()}; ` +
      'actions with no published example get a sample built from the schema around another example of the event';
    return source;
  },
  types(): readonly ProviderType[] {
    return githubData().types;
  },
  materialize(payload) {
    return structuredClone(payload);
  },
  headers(ctx, body) {
    const [targetType, targetId] = installationTarget(ctx, body);
    return {
      'X-GitHub-Event': github.wireEventName(ctx.type),
      'X-GitHub-Delivery': derivedUuid(ctx.eventId, 'github-delivery'),
      'X-GitHub-Hook-ID': String(derivedNumber(ctx.webhookId, 'github-hook', 9)),
      'X-GitHub-Hook-Installation-Target-Type': targetType,
      'X-GitHub-Hook-Installation-Target-ID': targetId,
      'User-Agent': GITHUB_USER_AGENT,
      Accept: '*/*',
    };
  },
  wireEventName(type) {
    return type.split('.')[0];
  },
  typeOfRequest(headers: HeaderMap, body: unknown) {
    const event = headerValue(headers, 'X-GitHub-Event');
    if (!event) return null;
    const action = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).action : undefined;
    if (typeof action === 'string' && hasType(`${event}.${action}`)) return `${event}.${action}`;
    return event;
  },
};
