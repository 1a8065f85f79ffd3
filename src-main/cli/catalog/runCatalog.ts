/** What each `hookbench catalog` subcommand does (loaded only when one runs). */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { catalogOperations } from '../../api/contract/catalogs';
import { dispatch } from '../../api/dispatch';
import { isHookbenchError } from '../../api/errors';
import { parseInput } from '../../api/schemas';
import { issueText } from '../../engine/catalogs/schemaValidator';
import { writeFileSafely } from '../../engine/workbench';
import type { ExportOptions, ImportOptions, ListOptions, ValidateOptions } from '../commands/catalog';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, withOptionErrors, type CliContext } from '../context';
import { Output, pad } from '../output';
import { readStream, unreadableReason } from '../readBody';
import { checkPayload, parsePayload, typeToCheck } from './checkPayload';
import { withCatalogs } from './openCatalogs';
import { planLines } from './planLines';

/** A document's text, or a usage error saying why it cannot be read. */
export async function readDocument(file: string, option = ''): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${option}cannot read ${file}: ${unreadableReason(e)}`);
  }
}

export async function importDocument(file: string, opts: ImportOptions, ctx: CliContext): Promise<number> {
  const out = new Output(ctx.io, opts.json === true);
  const document = await readDocument(file);
  return withCatalogs(opts, { writes: true, owner: 'hookbench catalog import' }, async ({ wb, workspaceId }) => {
    let plan;
    try {
      // The operation's own checks (size, emptiness), then the workbench's import, which may read
      // external $ref files beside the document (the operation, open to remote faces, may not).
      const input = parseInput(catalogOperations['catalogs.import'].input, {
        workspaceId,
        document,
        dryRun: opts.dryRun === true,
      });
      plan = await wb.importCatalog(workspaceId, input.document, {
        dryRun: input.dryRun,
        baseDir: dirname(resolve(file)),
      });
    } catch (e) {
      // The document's own faults (not JSON or YAML, not a known format, a $ref that leads
      // nowhere) name their path and line; the file's name goes before them.
      if (isHookbenchError(e) && e.code === 'validation') {
        out.note(`error: ${file}: ${e.issues?.[0]?.message ?? e.message}`);
        return EXIT_USAGE;
      }
      throw e;
    }
    out.result(planLines(file, plan), { file, ...plan });
    return EXIT_OK;
  });
}

export async function exportDocument(opts: ExportOptions, ctx: CliContext): Promise<number> {
  const document = await withCatalogs(
    opts,
    { writes: false, owner: 'hookbench catalog export' },
    async ({ wb, workspaceId }) =>
      (await dispatch(wb, 'catalogs.export', { workspaceId, catalog: opts.catalog })).document,
  );
  const text = opts.yaml ? (await import('./yamlText')).yamlText(document) : `${JSON.stringify(document, null, 2)}\n`;
  const out = opts.out !== undefined ? resolve(opts.out) : undefined;
  if (out !== undefined)
    await withOptionErrors({ path: '--out' }, () =>
      writeFileSafely(out, async (file) => {
        file.write(text);
      }),
    );
  else ctx.io.stdout.write(text);
  const webhooks = document.webhooks;
  const count = webhooks && typeof webhooks === 'object' ? Object.keys(webhooks).length : 0;
  ctx.io.stderr.write(
    `exported ${count} event type${count === 1 ? '' : 's'} of the ${opts.catalog} catalog as OpenAPI 3.1 ` +
      `(${opts.yaml ? 'YAML' : 'JSON'})${out !== undefined ? ` to ${opts.out}` : ''}\n`,
  );
  return EXIT_OK;
}

export async function validatePayload(file: string, opts: ValidateOptions, ctx: CliContext): Promise<number> {
  const out = new Output(ctx.io, opts.json === true);
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readStream(ctx.io.stdin) : await readFile(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${unreadableReason(e)}`);
  }
  const payload = parsePayload(bytes, file === '-' ? 'stdin' : file);
  const type = typeToCheck(opts.type, payload);
  const result = await withCatalogs(
    opts,
    { writes: false, owner: 'hookbench catalog validate' },
    ({ wb, workspaceId }) => checkPayload(wb, workspaceId, opts.catalog, type, payload),
  );
  const what = `${result.type} (${result.catalog}${result.checked === 'data' ? ', its data' : ''})`;
  if (result.status === 'no_schema')
    throw new UsageError(
      `${result.type} has no schema in the ${result.catalog} catalog, so there is nothing to check against ` +
        '(save one from the Catalog page, or import a document that has one)',
    );
  const valid = result.status === 'valid';
  out.result(
    valid
      ? `valid: ${what}`
      : [
          `invalid: ${what}, ${result.issues.length} issue${result.issues.length === 1 ? '' : 's'}`,
          ...result.issues.map((i) => `  ${issueText(i)}`),
        ],
    { valid, ...result },
  );
  return valid ? EXIT_OK : EXIT_FAILED;
}

export async function listTypes(opts: ListOptions, ctx: CliContext): Promise<number> {
  const out = new Output(ctx.io, opts.json === true);
  const types = await withCatalogs(opts, { writes: false, owner: 'hookbench catalog list' }, ({ wb, workspaceId }) =>
    dispatch(wb, 'catalogs.types', { workspaceId, catalog: opts.catalog }),
  );
  const withSchema = types.filter((t) => t.schemaOrigin !== null).length;
  const width = Math.max(0, ...types.map((t) => t.type.length)) + 2;
  const schemaWord = (o: (typeof types)[number]['schemaOrigin']) =>
    o === 'workspace' ? 'schema (workspace)' : o === 'catalog' ? 'schema' : 'no schema';
  out.result(
    [
      `${opts.catalog}: ${types.length} event type${types.length === 1 ? '' : 's'}, ${withSchema} with a schema`,
      ...types.map(
        (t) => `  ${pad(t.type, width)}${pad(schemaWord(t.schemaOrigin), 20)}${pad(t.origin, 10)}${t.description}`,
      ),
    ],
    { catalog: opts.catalog, types },
  );
  return EXIT_OK;
}
