import { Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Delivery } from '../../../src-main/api/types';
import { formatDuration, RelativeTime } from '../../components/RelativeTime';
import { DeliveryStatusBadge, HttpStatusBadge } from '../../components/StatusBadges';
import { webhookName } from '../../stores/webhooks';
import type { WebhookListItem } from '../../../src-main/api/contract';

const ROW_HEIGHT = 34;
/** Load the next page when the view comes this close to the last loaded row. */
const PREFETCH_ROWS = 30;

const COLUMNS = [
  { key: 'status', label: 'Status', width: 120 },
  { key: 'event', label: 'Event', width: '1.2fr' },
  { key: 'webhook', label: 'Webhook', width: '1fr' },
  { key: 'http', label: 'HTTP', width: 96 },
  { key: 'attempts', label: 'Tries', width: 56 },
  { key: 'duration', label: 'Duration', width: 84 },
  { key: 'created', label: 'Created', width: 110 },
  { key: 'id', label: 'Delivery', width: 190 },
] as const;
const GRID = COLUMNS.map((c) => (typeof c.width === 'number' ? `${c.width}px` : `minmax(0, ${c.width})`)).join(' ');

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
  const scrollRef = useRef<HTMLDivElement>(null);
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
            gridTemplateColumns: GRID,
            gap: 8,
            padding: '6px 12px',
            borderBottom: '1px solid var(--mantine-color-default-border)',
          }}
        >
          {COLUMNS.map((c) => (
            <Text key={c.key} role="columnheader" size="xs" fw={700} c="dimmed" tt="uppercase">
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
                style={{ ...style, gridTemplateColumns: GRID }}
              >
                <div role="cell">
                  <DeliveryStatusBadge status={d.status} />
                </div>
                <div role="cell" className="hb-cell-mono hb-ellipsis">
                  {d.eventType}
                </div>
                <div role="cell" className="hb-ellipsis">
                  {webhookName(webhooks, d.webhookId)}
                </div>
                <div role="cell">
                  <HttpStatusBadge code={d.lastStatusCode} error={d.lastError} />
                </div>
                <div role="cell" className="hb-cell-mono">
                  {d.attemptCount}
                </div>
                <div role="cell" className="hb-cell-mono">
                  {formatDuration(d.lastDurationMs)}
                </div>
                <div role="cell">
                  <RelativeTime at={d.createdAt} size="xs" c="dimmed" />
                </div>
                <div role="cell" className="hb-cell-mono hb-dim hb-ellipsis" style={{ fontSize: 11 }}>
                  {d.id}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
