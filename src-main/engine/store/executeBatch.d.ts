// Types of executeBatch.js (plain JavaScript so that the write worker's thread loads it as is).
import type { Database, Statement } from 'better-sqlite3';

export declare const READ: 1;
export declare const IF_CHANGED: 2;
export declare const TALLY: 4;

export declare const NULL: 0;
export declare const NUMBER: 1;
export declare const TEXT: 2;
export declare const BLOB: 3;
export declare const ROWID: 4;

/** What the executor needs of a statement's or fold's definition (WriteDefinition in writeBatch.ts). */
export interface ExecutableDefinition {
  sql: string;
  fold?: { keys: number; aggregates: readonly string[] };
}

export declare function executeBatch(
  db: Database,
  statement: (id: number, raw: boolean) => Statement,
  definition: (id: number) => ExecutableDefinition,
  lastRowid: () => unknown,
  runs: Uint8Array,
): unknown[];

export declare function preparedStatements(
  db: Database,
  definition: (id: number) => { sql: string },
): { statement: (id: number, raw: boolean) => Statement; lastRowid: () => unknown };
