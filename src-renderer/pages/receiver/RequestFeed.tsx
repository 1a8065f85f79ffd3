import { Button, Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { RelativeTime, formatDuration } from '../../components/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { HttpStatusBadge, VerdictBadge } from '../../components/StatusBadges';
import { useRequests } from '../../stores/requests';
import type { ReceivedRequestSummary } from '../../../src-main/api/receiverTypes';
import { CutText, PriorityTable, type TableColumn } from '../../components/PriorityTable';
import { SCHEMA_STATUS, SchemaStatusBadge } from '../../components/SchemaIssues';
import { SCHEMA_FILTERS, type SchemaFilter } from '../../../src-main/api/logSchemas';

const sizeText = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;

const target = (r: ReceivedRequestSummary) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`;

/** What a person reads a request by stays (verdict, where it went, when); size and timing give way first. */
const COLUMNS: TableColumn<ReceivedRequestSummary>[] = [
  { key: 'verdict', label: 'Verdict', min: 168, priority: 0, cell: (r) => <VerdictBadge request={r} /> },
  {
    key: 'request',
    label: 'Request',
    min: 248,
    grow: 1,
    priority: 0,
    cell: (r) => <CutText mono>{target(r)}</CutText>,
  },
  { key: 'answer', label: 'Answer', min: 84, priority: 1, cell: (r) => <HttpStatusBadge code={r.responseStatus} /> },
  { key: 'size', label: 'Size', min: 80, priority: 3, cell: (r) => <Mono>{sizeText(r.bodySize)}</Mono> },
  { key: 'took', label: 'Took', min: 72, priority: 2, cell: (r) => <Mono>{formatDuration(r.durationMs)}</Mono> },
  {
    key: 'received',
    label: 'Received',
    min: 96,
    priority: 0,
    cell: (r) => <RelativeTime at={r.receivedAt} size="xs" c="dimmed" />,
  },
];

/** The schema verdict's column, shown while a row of the feed has one (its inbox is bound to a catalog). */
const SCHEMA_COLUMN: TableColumn<ReceivedRequestSummary> = {
  key: 'schema',
  label: 'Schema',
  min: 128,
  priority: 1,
  cell: (r) =>
    r.schemaVerdict ? (
      <SchemaStatusBadge
        status={r.schemaVerdict.status}
        count={r.schemaVerdict.issueCount}
        first={r.schemaVerdict.firstIssue}
      />
    ) : (
      <span className="hb-dim">—</span>
    ),
};
const WITH_SCHEMA = [COLUMNS[0]!, SCHEMA_COLUMN, ...COLUMNS.slice(1)];

const ANY_SCHEMA = 'any';
const SCHEMA_FILTER_OPTIONS = [
  { value: ANY_SCHEMA, label: 'any schema verdict' },
  ...SCHEMA_FILTERS.map((f) => ({ value: f, label: f === 'unchecked' ? 'not checked' : SCHEMA_STATUS[f].badge })),
];

function Mono({ children }: { children: string }) {
  return (
    <Text fz={12} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
      {children}
    </Text>
  );
}

/** The live feed of one inbox (or all, or unrouted): newest first, older pages on demand. */
export function RequestFeed({
  selectedId,
  onSelect,
  emptyHint,
}: {
  selectedId: string | null;
  onSelect: (id: string) => void;
  emptyHint: React.ReactNode;
}) {
  const s = useRequests();
  const [q, setQ] = useState(s.filters.q ?? '');
  useEffect(() => {
    const t = setTimeout(() => {
      if ((s.filters.q ?? '') !== q.trim()) s.setFilters({ ...s.filters, q: q.trim() || undefined });
    }, 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing restarts the wait; the store's filters are read when it fires
  }, [q]);
  const verdict = s.filters.valid === undefined ? 'all' : s.filters.valid ? 'valid' : 'invalid';
  // The schema filter appears once the feed holds checked requests (an inbox bound to a catalog), and stays while set.
  const schemaChecked = s.filters.schema !== undefined || s.rows.some((r) => r.schemaStatus !== null);
  // Everything but the inbox narrows the feed.
  const { inboxId, ...narrowing } = s.filters;
  const filtered = q.trim() !== '' || Object.values(narrowing).some((v) => v !== undefined);
  const clearFilters = () => {
    setQ('');
    s.setFilters({ inboxId });
  };

  return (
    <div>
      <Group gap="xs" p="xs" justify="space-between">
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={verdict}
            onChange={(v) => s.setFilters({ ...s.filters, valid: v === 'all' ? undefined : v === 'valid' })}
            data={['all', 'valid', 'invalid']}
            aria-label="Verdict filter"
          />
          {schemaChecked && (
            <Select
              size="xs"
              w={170}
              allowDeselect={false}
              data={SCHEMA_FILTER_OPTIONS}
              value={s.filters.schema ?? ANY_SCHEMA}
              onChange={(v) =>
                s.setFilters({ ...s.filters, schema: !v || v === ANY_SCHEMA ? undefined : (v as SchemaFilter) })
              }
              aria-label="Schema filter"
            />
          )}
        </Group>
        <TextInput
          size="xs"
          w={220}
          placeholder="Search bodies and headers"
          leftSection={<IconSearch size={14} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-label="Search requests"
        />
      </Group>
      {s.status === 'error' ? (
        <ErrorState error={s.error ?? 'failed'} onRetry={() => void s.reload()} />
      ) : s.status !== 'ready' && s.rows.length === 0 ? (
        <LoadingState label="Loading requests…" />
      ) : s.rows.length === 0 && filtered ? (
        <EmptyState
          title="No request matches these filters"
          action={
            <Button size="xs" variant="default" onClick={clearFilters}>
              Clear filters
            </Button>
          }
        />
      ) : s.rows.length === 0 ? (
        <EmptyState title="No requests yet">{emptyHint}</EmptyState>
      ) : (
        <PriorityTable
          aria-label="Received requests"
          columns={s.rows.some((r) => r.schemaVerdict) ? WITH_SCHEMA : COLUMNS}
          rows={s.rows}
          rowKey={(r) => r.id}
          rowProps={(r) => ({
            className: 'hb-row',
            'data-selected': r.id === selectedId,
            'data-request-id': r.id,
            onClick: () => onSelect(r.id),
          })}
        />
      )}
      {s.nextCursor && (
        <Group justify="center" p="xs">
          <Button size="xs" variant="subtle" loading={s.loadingMore} onClick={() => void s.loadMore()}>
            Load older
          </Button>
        </Group>
      )}
    </div>
  );
}
