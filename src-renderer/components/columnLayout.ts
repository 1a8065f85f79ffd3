/**
 * Column priorities, so a table fits any width from 1024 px up: each column has the width it
 * needs to stay readable and a priority. When a row is narrower than its columns need, the column
 * with the highest priority number gives way first (ids, then counts, then context); priority-0
 * columns — what a person reads the row by — always stay. The room left over goes to the growing
 * columns. Pure: the deliveries grid and every table of the app place their columns with it.
 */

export interface ColumnSpec {
  key: string;
  /** The header's text. */
  label: string;
  /** The width (px) the column needs; fixed columns get exactly this. */
  min: number;
  /** Share of the room left over (none: fixed width). */
  grow?: number;
  /** 0: always shown; the highest number is hidden first. */
  priority: number;
}

export interface PlacedColumn<C extends ColumnSpec> {
  column: C;
  /** px */
  width: number;
}

/** Growing columns squeezed below their need (only when the always-shown columns do not fit) stop at this. */
const SQUEEZE_FLOOR = 48;

const needed = (cs: readonly ColumnSpec[], gap: number) =>
  cs.reduce((sum, c) => sum + c.min, 0) + gap * Math.max(0, cs.length - 1);

/** The columns that fit `width` (px, `gap` between columns) and each one's width. `width` 0 (not measured yet): every column at its need. */
export function placeColumns<C extends ColumnSpec>(columns: readonly C[], width: number, gap = 0): PlacedColumn<C>[] {
  if (width <= 0) return columns.map((column) => ({ column, width: column.min }));
  let shown = [...columns];
  while (needed(shown, gap) > width) {
    // The highest priority number goes first; of equals, the rightmost.
    const drop = shown.reduceRight<C | null>(
      (worst, c) => (c.priority > 0 && (!worst || c.priority > worst.priority) ? c : worst),
      null,
    );
    if (!drop) break;
    shown = shown.filter((c) => c !== drop);
  }
  const room = width - needed(shown, gap);
  const growing = shown.filter((c) => (c.grow ?? 0) > 0);
  const shares = growing.reduce((sum, c) => sum + (c.grow ?? 0), 0);
  return shown.map((column) => {
    const share = shares > 0 ? (column.grow ?? 0) / shares : 0;
    if (share === 0) return { column, width: column.min };
    const w = room >= 0 ? column.min + room * share : Math.max(SQUEEZE_FLOOR, column.min + room * share);
    return { column, width: Math.floor(w) };
  });
}

/** A CSS grid template for placed columns. */
export const gridTemplate = (placed: readonly PlacedColumn<ColumnSpec>[]): string =>
  placed.map((p) => `${p.width}px`).join(' ');
