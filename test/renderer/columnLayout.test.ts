import { describe, expect, it } from 'vitest';
import { gridTemplate, placeColumns, type ColumnSpec } from '../../src-renderer/components/columnLayout';

const COLUMNS: ColumnSpec[] = [
  { key: 'status', label: 'Status', min: 100, priority: 0 },
  { key: 'event', label: 'Event', min: 200, grow: 1, priority: 0 },
  { key: 'webhook', label: 'Webhook', min: 150, grow: 3, priority: 0 },
  { key: 'http', label: 'HTTP', min: 80, priority: 1 },
  { key: 'tries', label: 'Tries', min: 50, priority: 2 },
  { key: 'id', label: 'Id', min: 200, priority: 3 },
];
const keys = (width: number, gap = 0) => placeColumns(COLUMNS, width, gap).map((p) => p.column.key);

describe('placeColumns', () => {
  it('shows every column when they fit, and gives the room left to the growing ones by share', () => {
    const placed = placeColumns(COLUMNS, 1180);
    expect(placed.map((p) => p.column.key)).toEqual(['status', 'event', 'webhook', 'http', 'tries', 'id']);
    // 400 px left over: event takes 1/4, webhook 3/4; fixed columns keep their width.
    expect(placed.map((p) => p.width)).toEqual([100, 300, 450, 80, 50, 200]);
  });

  it('hides the id column first, then the next highest priority number, keeping the order of the rest', () => {
    expect(keys(779)).toEqual(['status', 'event', 'webhook', 'http', 'tries']);
    expect(keys(579)).toEqual(['status', 'event', 'webhook', 'http']);
    expect(keys(529)).toEqual(['status', 'event', 'webhook']);
  });

  it('counts the gaps between shown columns', () => {
    expect(keys(780)).toContain('id');
    expect(keys(780, 10)).not.toContain('id');
    expect(keys(830, 10)).toContain('id');
  });

  it('never hides a priority-0 column; below their need it squeezes the growing ones, not the fixed ones', () => {
    const placed = placeColumns(COLUMNS, 350);
    expect(placed.map((p) => p.column.key)).toEqual(['status', 'event', 'webhook']);
    expect(placed[0]!.width).toBe(100);
    expect(placed[1]!.width + placed[2]!.width).toBeLessThan(350);
    expect(Math.min(placed[1]!.width, placed[2]!.width)).toBeGreaterThanOrEqual(48);
  });

  it('of equal priorities hides the rightmost first', () => {
    const cs: ColumnSpec[] = [
      { key: 'a', label: 'A', min: 100, priority: 0 },
      { key: 'b', label: 'B', min: 100, priority: 1 },
      { key: 'c', label: 'C', min: 100, priority: 1 },
    ];
    expect(placeColumns(cs, 250).map((p) => p.column.key)).toEqual(['a', 'b']);
  });

  it('before the width is measured, shows every column at its need', () => {
    expect(placeColumns(COLUMNS, 0).map((p) => p.width)).toEqual(COLUMNS.map((c) => c.min));
  });

  it('writes a grid template in px', () => {
    expect(gridTemplate(placeColumns(COLUMNS.slice(0, 2), 400))).toBe('100px 300px');
  });
});
