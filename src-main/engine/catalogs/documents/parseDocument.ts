/**
 * An OpenAPI 3.1 or AsyncAPI 2.x / 3.x document (JSON or YAML) read into event types. Nothing is
 * written here; the catalog service turns the result into an import plan. A bad document is a
 * `validation` error on field `document` that names the member and its line:
 * `webhooks["user.created"].post (line 12, column 7): …`.
 */
import { checkTypes } from './checkTypes';
import { hideLocalRefs, isPlainObject } from './localRefs';
import type { ReadContext } from './readContext';
import { readAsyncApi2, readAsyncApi3 } from './readAsyncApi';
import { readOpenApi } from './readOpenApi';
import { resolveRefs } from './resolveRefs';
import { readSource, type SourceDocument } from './sourceDocument';
import { HOOKBENCH_DOCUMENT_KEY, type DocumentFormat, type ParsedDocument, type ReadType } from './types';

export type { ImportedType, ParsedDocument } from './types';

export interface ParseOptions {
  /**
   * The folder `$ref`s to other files are read from (a file import on this machine). Without
   * it, a reference to another file is refused.
   */
  baseDir?: string;
}

const READERS: Record<DocumentFormat, (ctx: ReadContext) => ReadType[]> = {
  'openapi-3.1': readOpenApi,
  'hookbench-openapi': readOpenApi,
  'asyncapi-2': readAsyncApi2,
  'asyncapi-3': readAsyncApi3,
};

export async function parseCatalogDocument(text: string, opts: ParseOptions = {}): Promise<ParsedDocument> {
  const source = readSource(text);
  const raw = source.root as Record<string, unknown>;
  const format = formatOf(raw, source);
  const doc = await resolveRefs(hideLocalRefs(raw) as Record<string, unknown>, source, opts.baseDir);
  const types = await checkTypes(source, READERS[format]({ doc, raw, source }), format !== 'hookbench-openapi');
  const info = isPlainObject(doc.info) ? doc.info : {};
  return { format, title: typeof info.title === 'string' ? info.title : '', types };
}

function formatOf(root: Record<string, unknown>, source: SourceDocument): DocumentFormat {
  if (root.openapi !== undefined) {
    const version = String(root.openapi);
    if (/^3\.1(\.|$)/.test(version))
      return root[HOOKBENCH_DOCUMENT_KEY] !== undefined ? 'hookbench-openapi' : 'openapi-3.1';
    throw source.fail(
      ['openapi'],
      /^3\.0(\.|$)/.test(version) || version === '3'
        ? `OpenAPI ${version} has no webhooks: only OpenAPI 3.1 documents are read (their \`webhooks\` section)`
        : `OpenAPI ${version} is not read: only OpenAPI 3.1 documents are (their \`webhooks\` section)`,
    );
  }
  if (root.asyncapi !== undefined) {
    const version = String(root.asyncapi);
    if (/^2\./.test(version)) return 'asyncapi-2';
    if (/^3\./.test(version)) return 'asyncapi-3';
    throw source.fail(['asyncapi'], `AsyncAPI ${version} is not read: only AsyncAPI 2.x and 3.x documents are`);
  }
  if (root.swagger !== undefined)
    throw source.fail(
      ['swagger'],
      'Swagger 2.0 has no webhooks: only OpenAPI 3.1 and AsyncAPI 2.x / 3.x documents are read',
    );
  throw source.fail([], 'not an OpenAPI 3.1 or AsyncAPI 2.x / 3.x document: it has no `openapi` or `asyncapi` member');
}
