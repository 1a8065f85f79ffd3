/**
 * `hookbench catalog import | export | validate | list`: event types as contracts from the
 * command line. The engine, ajv and the YAML writer load only when a subcommand runs, never for
 * `--help`.
 */
import { Option, type Command } from 'commander';
import { CATALOG_IDS, type CatalogId } from '../../api/catalogTypes';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { defaultDataDir } from '../../engine/defaultDataDir';
import type { CatalogDataOptions } from '../catalog/openCatalogs';
import { action, type CliContext, type RegisterCommand } from '../context';
import { withJsonOption } from '../output';

export interface ImportOptions extends CatalogDataOptions {
  dryRun?: boolean;
  json?: boolean;
}

export interface ExportOptions extends CatalogDataOptions {
  catalog: CatalogId;
  out?: string;
  yaml?: boolean;
}

export interface ValidateOptions extends CatalogDataOptions {
  catalog: CatalogId;
  type?: string;
  json?: boolean;
}

export interface ListOptions extends CatalogDataOptions {
  catalog: CatalogId;
  json?: boolean;
}

const catalogOption = (what: string) =>
  new Option('--catalog <catalog>', what).choices([...CATALOG_IDS]).default('hookbench' satisfies CatalogId);

/** --data-dir and --workspace, as every command that opens a data directory takes them. */
function withDataOptions(cmd: Command, dataDirNote: string): Command {
  return cmd
    .option('--data-dir <dir>', `data directory (default: ${defaultDataDir()}${dataDirNote})`)
    .option('--workspace <id>', `workspace (default: ${DEFAULT_WORKSPACE_ID})`);
}

const READ_NOTE = '; with no data there, the built-in and provider catalogs';

export const registerCatalog: RegisterCommand = (command, ctx) => {
  command.description(
    'Event catalogs as contracts: import an OpenAPI 3.1 (webhooks) or AsyncAPI 2/3 document as the workspace’s own ' +
      'types, export a catalog as OpenAPI 3.1, check a payload against a type’s JSON Schema, list the types. ' +
      `Catalogs: ${CATALOG_IDS.join(', ')}.`,
  );

  const importCmd = command
    .command('import')
    .summary('import an OpenAPI 3.1 or AsyncAPI document’s event types (--dry-run lists the changes)')
    .description(
      'Import the event types of an OpenAPI 3.1 (its webhooks) or AsyncAPI 2.x/3.x document, JSON or YAML, into the ' +
        'workspace’s hookbench catalog: names, descriptions, examples and schemas ($refs resolved). A type imported ' +
        'before is updated in place. Prints what is added, updated or unchanged; an error names the path and line.',
    )
    .argument('<file>', 'the document (.json, .yaml, .yml)')
    .option('--dry-run', 'list what would change and write nothing');
  withJsonOption(withDataOptions(importCmd, ', made if missing'));
  importCmd.action(
    subcommand(ctx, async (file: string, opts: ImportOptions) => (await run()).importDocument(file, opts, ctx)),
  );

  const exportCmd = command
    .command('export')
    .summary('write a catalog as an OpenAPI 3.1 document (JSON or YAML)')
    .description(
      'Write a catalog as an OpenAPI 3.1 document with a webhooks section (the form Svix imports): every type with its ' +
        'description, example and schema. A summary goes to stderr.',
    )
    .addOption(catalogOption('the catalog to export'))
    .option('--out <file>', 'write here, whole or not at all (default: stdout)')
    .option('--yaml', 'write YAML instead of JSON');
  withDataOptions(exportCmd, READ_NOTE);
  exportCmd.action(subcommand(ctx, async (opts: ExportOptions) => (await run()).exportDocument(opts, ctx)));

  const validateCmd = command
    .command('validate')
    .summary('check a JSON payload against a type’s schema (exit 0 valid, 1 invalid)')
    .description(
      'Check a JSON payload against an event type’s schema (the workspace’s own schema for it, else the catalog’s). ' +
        'The type is --type, else the payload’s "type". For a Hookbench type, give its data or the whole ' +
        '{ id, type, timestamp, data } envelope. Exit 0 valid, 1 invalid (each issue on a line with its JSON path), 2 usage.',
    )
    .argument('<file>', 'the JSON payload, or - for stdin')
    .option('--type <type>', 'the event type (default: the payload’s "type")')
    .addOption(catalogOption('the catalog the type is in'));
  withJsonOption(withDataOptions(validateCmd, READ_NOTE));
  validateCmd.action(
    subcommand(ctx, async (file: string, opts: ValidateOptions) => (await run()).validatePayload(file, opts, ctx)),
  );

  const listCmd = command
    .command('list')
    .summary('list a catalog’s event types and where their schemas come from')
    .description(
      'List a catalog’s event types and where each one’s schema comes from (the catalog, the workspace, or none).',
    )
    .addOption(catalogOption('the catalog to list'));
  withJsonOption(withDataOptions(listCmd, READ_NOTE));
  listCmd.action(subcommand(ctx, async (opts: ListOptions) => (await run()).listTypes(opts, ctx)));
};

const run = () => import('../catalog/runCatalog');

/** Commander passes a subcommand's arguments before its options; `action` takes the options. */
function subcommand<A extends unknown[], O>(ctx: CliContext, fn: (...args: [...A, O]) => Promise<number>) {
  return (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const opts = args[args.length - 2] as O;
    const positional = args.slice(0, -2) as A;
    return action<O>(ctx, (o) => fn(...positional, o))(opts, cmd);
  };
}
