/**
 * The filter clauses of `api/logFilters.ts` as list conditions: the same clauses the renderer
 * evaluates on live rows, written as SQL. A prefix or a range becomes one arm per stored value
 * when there are few (see keysetList.ts), so the list index still walks in order.
 */
import type { Clause } from '../../api/logFilters';
import type { Db } from '../store/database';
import { distinctValues, prefixUpperBound } from './distinctValues';
import { cond, MAX_ARMS, type Condition, type ListFilters } from './keysetList';

/** A field's column: its snake_case name (`lastStatusCode` → `last_status_code`), as the repositories map them. */
export const columnOf = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface ClauseTable<F extends string> {
  /** The table, its alias in the list's SELECT, and the column that scopes the list (indexes lead with it). */
  table: string;
  alias: string;
  scopeColumn: string;
  /** Fields written `+d.status`: checked on each row, never the index the planner walks. */
  offIndex?(field: F): boolean;
}

/** A field's column as written in a condition. */
export const written = <F extends string>(t: ClauseTable<F>, field: F): string =>
  `${t.offIndex?.(field) ? '+' : ''}${t.alias}.${columnOf(field)}`;

const sqlValue = (v: string | number | boolean) => (typeof v === 'boolean' ? Number(v) : v);

/** The clauses, ANDed, into `filters`; false when one can match nothing (a prefix or a class with no stored value). */
export function addClauses<F extends string>(
  db: Db,
  t: ClauseTable<F>,
  scope: string,
  clauses: readonly Clause<F>[],
  filters: ListFilters,
): boolean {
  for (const c of clauses) {
    const col = written(t, c.field);
    switch (c.op) {
      case 'eq':
        filters.fixed.push(cond(`${col} = ?`, sqlValue(c.value)));
        break;
      case 'oneOf':
        filters.dimensions.push(c.values.map((v) => cond(`${col} = ?`, v)));
        break;
      case 'atLeast':
        filters.fixed.push(cond(`${col} >= ?`, c.value));
        break;
      case 'below':
        filters.fixed.push(cond(`${col} < ?`, c.value));
        break;
      case 'isNull':
        filters.fixed.push(cond(`${col} IS NULL`));
        break;
      case 'notNull':
        filters.fixed.push(cond(`${col} IS NOT NULL`));
        break;
      case 'prefix':
      case 'range': {
        const [lo, hi] = c.op === 'prefix' ? [c.value, prefixUpperBound(c.value)] : [c.lo, c.hi];
        const values = distinctValues<string | number>(
          db,
          { table: t.table, scopeColumn: t.scopeColumn, column: columnOf(c.field) },
          scope,
          lo,
          hi,
          MAX_ARMS,
        );
        if (values === null) filters.dimensions.push([cond(`${col} >= ? AND ${col} < ?`, lo, hi)]);
        else if (values.length === 0) return false;
        else filters.dimensions.push(values.map((v): Condition => cond(`${col} = ?`, v)));
        break;
      }
    }
  }
  return true;
}
