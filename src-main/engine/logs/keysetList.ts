/**
 * Builds the SQL of a newest-first, keyset-paged log list.
 *
 * Every list index ends in (time, id), so an equality filter on its leading columns walks the
 * index already in order and stops after one page. A filter with several values (statuses, the
 * event types under `user.*`, the codes of `4xx`) would lose that order if written as `IN (…)`,
 * so the list is built as one "arm" per combination of values — each arm an ordered, limited
 * index walk — and the arms are merged with UNION ALL: at most arms × (limit + 1) rows are sorted.
 */
import type { Keyset } from './cursor';

export interface Condition {
  sql: string;
  params: unknown[];
}

/** A filter with several alternatives; a row must match one of them. */
export type Dimension = Condition[];

export interface ListShape {
  /** `SELECT … FROM … [JOIN …]` without WHERE. */
  select: string;
  /** Qualified time and id columns, e.g. `d.created_at`, `d.id`. */
  timeColumn: string;
  idColumn: string;
  /** Their names in the result, for ordering the merged arms. */
  timeName: string;
  idName: string;
}

export interface ListFilters {
  /** ANDed into every arm. */
  fixed: Condition[];
  /** Cross product → arms (the ones that do not fit in MAX_ARMS are ORed into every arm instead). */
  dimensions: Dimension[];
  cursor?: Keyset;
}

export const MAX_ARMS = 48;

export const cond = (sql: string, ...params: unknown[]): Condition => ({ sql, params });

/**
 * The same condition with its columns hidden from the planner (`+d.status`): it filters rows
 * but never picks the index, so an OR of values cannot turn into an unordered multi-index scan.
 */
export function unindexed(c: Condition): Condition {
  return { sql: c.sql.replace(/(?<![+\w.])([a-z]\.[a-z_]+)/g, '+$1'), params: c.params };
}

/** ORs a dimension into one condition. */
export function anyOf(d: Dimension): Condition {
  if (d.length === 1) return d[0]!;
  return { sql: `(${d.map((c) => `(${c.sql})`).join(' OR ')})`, params: d.flatMap((c) => c.params) };
}

export function allOf(conditions: Condition[]): Condition {
  if (conditions.length === 0) return { sql: '1', params: [] };
  return { sql: conditions.map((c) => c.sql).join(' AND '), params: conditions.flatMap((c) => c.params) };
}

export function keysetCondition(shape: ListShape, cursor: Keyset | undefined): Condition[] {
  return cursor ? [cond(`(${shape.timeColumn}, ${shape.idColumn}) < (?, ?)`, cursor.t, cursor.id)] : [];
}

/** Splits the dimensions into arms (cross product, capped) and the rest, which is ORed in. */
function arms(dimensions: Dimension[]): { arms: Condition[][]; folded: Condition[] } {
  let result: Condition[][] = [[]];
  const folded: Condition[] = [];
  // Fewest alternatives first: they multiply the arms least.
  for (const d of [...dimensions].sort((a, b) => a.length - b.length)) {
    if (result.length * d.length <= MAX_ARMS) result = result.flatMap((arm) => d.map((c) => [...arm, c]));
    else folded.push(unindexed(anyOf(d)));
  }
  return { arms: result, folded };
}

/** Newest first, ties broken by id. */
export const orderBy = (shape: ListShape): string => `ORDER BY ${shape.timeColumn} DESC, ${shape.idColumn} DESC`;

/** The page query: `limit` rows, newest first. Returns SQL and its positional parameters. */
export function listQuery(shape: ListShape, filters: ListFilters, limit: number): Condition {
  const order = orderBy(shape);
  const split = arms(filters.dimensions);
  const common = [...filters.fixed, ...split.folded, ...keysetCondition(shape, filters.cursor)];
  const armQueries = split.arms.map((arm) => {
    const where = allOf([...common, ...arm]);
    return { sql: `${shape.select} WHERE ${where.sql} ${order} LIMIT ?`, params: [...where.params, limit] };
  });
  if (armQueries.length === 1) return armQueries[0]!;
  return {
    sql:
      armQueries.map((a) => `SELECT * FROM (${a.sql})`).join(' UNION ALL ') +
      ` ORDER BY ${shape.timeName} DESC, ${shape.idName} DESC LIMIT ?`,
    params: [...armQueries.flatMap((a) => a.params), limit],
  };
}

/** One ordered walk: the dimensions only filter (used when each row costs a membership check). */
export function singleWalk(filters: ListFilters): ListFilters {
  if (filters.dimensions.every((d) => d.length === 1)) return filters;
  return {
    ...filters,
    fixed: [...filters.fixed, ...filters.dimensions.map((d) => unindexed(anyOf(d)))],
    dimensions: [],
  };
}

/** One query with every dimension ORed in (for plans that are not driven by the list index). */
export function flatWhere(shape: ListShape, filters: ListFilters): Condition {
  return allOf([...filters.fixed, ...filters.dimensions.map(anyOf), ...keysetCondition(shape, filters.cursor)]);
}
