/**
 * GitHub's types from the npm packages GitHub's Octokit team publishes: every event and action
 * in `@octokit/webhooks-schemas` (definitions `pull_request$opened`, actionless `push$event`),
 * each with its own small self-contained schema, and samples from `@octokit/webhooks-examples`.
 * Read on first use: the two JSON files are about 5 MB.
 */
import { createRequire } from 'node:module';
import type { JsonSchema } from '../../../api/catalogTypes';
import type { ProviderType } from './provider';
import { SampleFitter } from './sampleFitting';
import { SchemaClosure, type Definitions } from './schemaClosure';

export const GITHUB_SCHEMAS_PACKAGE = '@octokit/webhooks-schemas';
export const GITHUB_EXAMPLES_PACKAGE = '@octokit/webhooks-examples';

/** One event as `@octokit/webhooks-examples` lists it. */
export interface GithubEventExamples {
  name: string;
  description: string;
  actions: string[];
  examples: Record<string, unknown>[];
}

interface GithubSchemaDocument {
  $schema: string;
  definitions: Definitions;
}

export interface GithubData {
  types: ProviderType[];
  /** Type name → its schema definition (`pull_request.opened` → `pull_request$opened`). */
  definitionOf: Map<string, string>;
  /** Where each type's sample came from: a published example as is, one completed, or one built. */
  sampleOrigin: Map<string, 'example' | 'completed' | 'built'>;
}

// Not `require`: the command line's bundler would then pull 5 MB of JSON into the bundle.
const load = createRequire(import.meta.url);

export function readGithubPackages(): { schema: GithubSchemaDocument; examples: GithubEventExamples[] } {
  const schema = load(`${GITHUB_SCHEMAS_PACKAGE}/schema.json`) as GithubSchemaDocument;
  const examples = load(GITHUB_EXAMPLES_PACKAGE) as GithubEventExamples[];
  return { schema, examples };
}

/** `@octokit/webhooks-schemas 7.6.1 and @octokit/webhooks-examples 7.6.1` (reads only the package.json files). */
export function githubPackageVersions(): string {
  return [GITHUB_SCHEMAS_PACKAGE, GITHUB_EXAMPLES_PACKAGE]
    .map((p) => `${p} ${(load(`${p}/package.json`) as { version: string }).version}`)
    .join(' and ');
}

/** `pull_request$opened` → `pull_request.opened`; `push$event` → `push`. */
export function typeNameOf(definition: string): string {
  const [event, action] = definition.split('$');
  return action === 'event' ? event : `${event}.${action}`;
}

/** Payload members most events carry: taken from published examples for types that have none. */
const SHARED_MEMBERS = ['repository', 'sender', 'organization', 'installation', 'enterprise'];

/**
 * GitHub's definitions with one generated mistake undone: a definition that closes itself
 * (`additionalProperties: false`) while declaring its properties only inside its `oneOf`
 * branches (secret-scanning-location) refuses every object that has any property. The branches
 * close themselves, so the outer close is dropped. The package's object is not changed.
 */
export function correctedDefinitions(defs: Definitions): Definitions {
  const out: Definitions = { ...defs };
  for (const [name, def] of Object.entries(defs)) {
    const branched = Array.isArray(def.oneOf) || Array.isArray(def.anyOf);
    if (branched && def.additionalProperties === false && !def.properties && !def.patternProperties) {
      const { additionalProperties: _closed, ...open } = def;
      out[name] = open;
    }
  }
  return out;
}

export function buildGithubTypes(schema: GithubSchemaDocument, examples: GithubEventExamples[]): GithubData {
  const defs = correctedDefinitions(schema.definitions);
  const closure = new SchemaClosure(defs, 'definitions', 'http://json-schema.org/draft-07/schema#');
  const fitter = new SampleFitter(defs);
  const byEvent = new Map(examples.map((e) => [e.name, e]));
  const shared: Record<string, unknown> = {};
  for (const member of SHARED_MEMBERS)
    for (const e of examples) {
      const found = e.examples.find((x) => x[member] !== undefined)?.[member];
      if (found !== undefined) {
        shared[member] = found;
        break;
      }
    }

  const types: ProviderType[] = [];
  const definitionOf = new Map<string, string>();
  const sampleOrigin = new Map<string, 'example' | 'completed' | 'built'>();
  for (const definition of Object.keys(defs)
    .filter((d) => d.includes('$'))
    .sort()) {
    const [event, action] = definition.split('$');
    const published = byEvent.get(event);
    const actionless = action === 'event';
    const example = published?.examples.find((x) => actionless || x.action === action);
    const hint = example ?? { ...shared, ...published?.examples[0], ...(actionless ? {} : { action }) };
    const sample = fitter.fit(defs[definition], hint) as Record<string, unknown>;
    const type = typeNameOf(definition);
    const def = defs[definition];
    const description = [def.title, published?.description ?? def.description].filter(Boolean).join(': ');
    types.push({ type, description: String(description), sample, schema: closure.schemaOf(definition) as JsonSchema });
    definitionOf.set(type, definition);
    sampleOrigin.set(
      type,
      !example ? 'built' : JSON.stringify(sample) === JSON.stringify(example) ? 'example' : 'completed',
    );
  }
  return { types, definitionOf, sampleOrigin };
}
