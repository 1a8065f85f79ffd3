import { Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, type ReactNode } from 'react';
import type { Delivery } from '../../../src-main/api/types';
import { formatDuration, RelativeTime } from '../../components/RelativeTime';
import { DeliveryStatusBadge, HttpStatusBadge } from '../../components/StatusBadges';
import { webhookName } from '../../stores/webhooks';
import type { WebhookListItem } from '../../../src-main/api/contract';
import { gridTemplate, type ColumnSpec } from '../../components/columnLayout';
import { useColumnLayout } from '../../components/PriorityTable';

const ROW_HEIGHT = 34;
/** Load the next page when the view comes this close to the last loaded row. */
const PREFETCH_ROWS = 30;

/** Priority 0 is what a row is read by; the delivery id gives way first (it is in the drawer). */
const COLUMNS = [
  { key: 'status', label: 'Status', min: 104, priority: 0 },
  { key: 'event', label: 'Event', min: 232, grow: 1, priority: 0 },
  { key: 'webhook', label: 'Webhook', min: 184, grow: 1.6, priority: 0 },
  { key: 'http', label: 'HTTP', min: 92, priority: 2 },
  { key: 'attempts', label: 'Tries', min: 48, priority: 3 },
  { key: 'duration', label: 'Duration', min: 76, priority: 4 },
  { key: 'created', label: 'Created', min: 84, priority: 0 },
  { key: 'id', label: 'Delivery', min: 216, priority: 5 },
] as const satisfies readonly ColumnSpec[];
type ColumnKey = (typeof COLUMNS)[number]['key'];
/** The grid's gap and side padding (styles.css `.hb-grid-row`). */
const GAP = 8;
const INSET = 24;

function cell(key: ColumnKey, d: Delivery, webhooks: WebhookListItem[]): ReactNode {
  switch (key) {
    case 'status':
      return <DeliveryStatusBadge status={d.status} />;
    case 'event':
      return (
        <div className="hb-cell-mono hb-ellipsis" title={d.eventType}>
          {d.eventType}
        </div>
      );
    case 'webhook': {
      const name = webhookName(webhooks, d.webhookId);
      return (
        <div className="hb-ellipsis" title={name}>
          {name}
        </div>
      );
    }
    case 'http':
      return <HttpStatusBadge code={d.lastStatusCode} error={d.lastError} />;
    case 'attempts':
      return <span className="hb-cell-mono">{d.attemptCount}</span>;
    case 'duration':
      return <span className="hb-cell-mono">{formatDuration(d.lastDurationMs)}</span>;
    case 'created':
      return <RelativeTime at={d.createdAt} size="xs" c="dimmed" />;
    case 'id':
      return (
        <div className="hb-cell-mono hb-dim hb-ellipsis" style={{ fontSize: 11 }} title={d.id}>
          {d.id}
        </div>
      );
  }
}

interface Props {
  rows: Delivery[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  webhooks: WebhookListItem[];
  height: string;
}

/** A virtualized grid: only the visible rows are in the DOM; scrolling near the end loads the next page. */
export function DeliveryTable({
  rows,
  hasMore,
  loadingMore,
  onLoadMore,
  selectedId,
  onSelect,
  webhooks,
  height,
}: Props) {
  const { ref: scrollRef, placed } = useColumnLayout(COLUMNS, GAP, INSET);
  const grid = gridTemplate(placed);
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Render the first rows in the first pass instead of after measuring the scroller.
    initialRect: { width: 1000, height: 640 },
    getItemKey: (i) => rows[i]?.id ?? '__more__',
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= rows.length - PREFETCH_ROWS) onLoadMore();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the last visible row's index, not the virtual item object (new every scroll frame)
  }, [last?.index, hasMore, loadingMore, rows.length, onLoadMore]);

  return (
    <div
      role="table"
      aria-label="Deliveries"
      aria-rowcount={rows.length}
      style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <div role="rowgroup">
        <div
          role="row"
          style={{
            display: 'grid',
            gridTemplateColumns: grid,
            gap: GAP,
            padding: '6px 12px',
            borderBottom: '1px solid var(--mantine-color-default-border)',
          }}
        >
          {placed.map(({ column: c }) => (
            <Text key={c.key} role="columnheader" size="xs" fw={700} c="dimmed" tt="uppercase" className="hb-ellipsis">
              {c.label}
            </Text>
          ))}
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" style={{ height, overflow: 'auto', contain: 'strict' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {items.map((vi) => {
            const d = rows[vi.index];
            const style = {
              position: 'absolute' as const,
              top: 0,
              left: 0,
              width: '100%',
              height: ROW_HEIGHT,
              transform: `translateY(${vi.start}px)`,
            };
            if (!d) {
              return (
                <Group key={vi.key} style={style} justify="center" gap="xs">
                  <Loader size="xs" />
                  <Text size="xs" c="dimmed">
                    Loading older deliveries…
                  </Text>
                </Group>
              );
            }
            return (
              <div
                key={vi.key}
                role="row"
                className="hb-row hb-grid-row"
                data-delivery-id={d.id}
                data-selected={d.id === selectedId}
                aria-selected={d.id === selectedId}
                tabIndex={0}
                onClick={() => onSelect(d.id)}
                onKeyDown={(e) => e.key === 'Enter' && onSelect(d.id)}
                style={{ ...style, gridTemplateColumns: grid }}
              >
                {placed.map(({ column: c }) => (
                  <div key={c.key} role="cell" data-column={c.key} style={{ minWidth: 0 }}>
                    {cell(c.key, d, webhooks)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
