/**
 * What reading an OpenAPI 3.1 or AsyncAPI 2.x / 3.x document gives: its event types, each with
 * a sample and a self-contained JSON Schema (every `$ref` resolved).
 */
import type { ImportPlan, JsonSchema, PayloadForm } from '../../../api/catalogTypes';

export type DocumentFormat = ImportPlan['format'];

export interface ImportedType {
  type: string;
  description: string;
  sample: Record<string, unknown>;
  schema: JsonSchema | null;
  form: PayloadForm;
}

export interface ParsedDocument {
  format: DocumentFormat;
  title: string;
  types: ImportedType[];
}

/** A place in the document: object keys and array indexes from its root. */
export type DocPath = readonly (string | number)[];

/** A type as a reader found it, with where each part came from (for errors that name a line). */
export interface ReadType extends ImportedType {
  at: {
    /** Where the name came from; `nameIsKey`: the name is that member's key. */
    name: DocPath;
    nameIsKey: boolean;
    schema: DocPath;
    /** Null when the document gives no example (the sample is then `{}`, and is not checked). */
    sample: DocPath | null;
  };
}

/** Operation extension written by `exportOpenApi`: the type's form, and that it has no schema. */
export const HOOKBENCH_OPERATION_KEY = 'x-hookbench';
/** Document extension written by `exportOpenApi`: the catalog the document came from. */
export const HOOKBENCH_DOCUMENT_KEY = 'x-hookbench-catalog';
/** Operation extension naming the event type when the webhook's key is not its name. */
export const HOOKBENCH_TYPE_KEY = 'x-hookbench-type';

export const JSON_SCHEMA_URIS = {
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
} as const;
