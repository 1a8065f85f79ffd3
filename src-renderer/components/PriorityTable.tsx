/**
 * A table whose columns give way by priority (columnLayout.ts) instead of squeezing each other:
 * it measures its own width, shows the columns that fit at readable widths, and cuts long values
 * with an ellipsis and the full value as a title.
 */
import { Table, Text, type TableProps, type TextProps } from '@mantine/core';
import { useLayoutEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { placeColumns, type ColumnSpec, type PlacedColumn } from './columnLayout';

export interface TableColumn<R> extends ColumnSpec {
  cell(row: R): ReactNode;
  /** The header cell when it is not the label (an actions column shows none). */
  header?: ReactNode;
}

/** An element's inner width (px), measured before the first paint and on every resize. */
export function useInnerWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** The columns that fit the element `ref` is on, at their widths. */
export function useColumnLayout<C extends ColumnSpec>(columns: readonly C[], gap = 0, inset = 0) {
  const [ref, width] = useInnerWidth<HTMLDivElement>();
  const placed = useMemo(() => placeColumns(columns, width - inset, gap), [columns, width, gap, inset]);
  return { ref, placed };
}

/** One line of text, cut with an ellipsis; the full value is its title. */
export function CutText({ children, mono, ...props }: TextProps & { children: string; mono?: boolean }) {
  return (
    <Text
      className="hb-ellipsis"
      title={children}
      miw={0}
      {...(mono ? { ff: 'monospace', fz: 12 } : { size: 'sm' })}
      {...props}
    >
      {children}
    </Text>
  );
}

export function PriorityTable<R>({
  columns,
  rows,
  rowKey,
  rowProps,
  withHeader = true,
  ...table
}: TableProps & {
  columns: readonly TableColumn<R>[];
  rows: readonly R[];
  rowKey(row: R): string;
  rowProps?(row: R): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, unknown>;
  withHeader?: boolean;
}) {
  const { ref, placed } = useColumnLayout(columns);
  return (
    <div ref={ref}>
      <Table layout="fixed" {...table}>
        <colgroup>
          {placed.map(({ column, width }) => (
            <col key={column.key} style={{ width }} />
          ))}
        </colgroup>
        {withHeader && <Header placed={placed} />}
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={rowKey(r)} {...rowProps?.(r)}>
              {placed.map(({ column }) => (
                <Table.Td key={column.key} style={{ overflow: 'hidden' }} data-column={column.key}>
                  {column.cell(r)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function Header<R>({ placed }: { placed: PlacedColumn<TableColumn<R>>[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {placed.map(({ column }) => (
          <Table.Th
            key={column.key}
            className="hb-ellipsis"
            title={column.header === undefined ? column.label : undefined}
          >
            {column.header === undefined ? column.label : column.header}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
