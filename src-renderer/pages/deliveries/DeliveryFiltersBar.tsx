import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { memo, useEffect, useMemo, useState } from 'react';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../../src-main/api/schemas';
import { subscriptionOptions, useCatalog } from '../../stores/catalog';
import { parseHttpStatusFilter, type DeliveryFilterState } from '../../stores/deliveryFilters';
import { useWebhooks } from '../../stores/webhooks';
import { MONO_INPUT } from '../../theme/theme';

const RANGES: { value: string; label: string; ms: number | null }[] = [
  { value: 'all', label: 'Any time', ms: null },
  { value: '15m', label: 'Last 15 min', ms: 15 * 60_000 },
  { value: '1h', label: 'Last hour', ms: 3600_000 },
  { value: '24h', label: 'Last 24 h', ms: 24 * 3600_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 3600_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * 3600_000 },
];

/** Free text waits for a pause in typing; every other filter applies at once. */
function useDebounced(value: string, onSettle: (v: string) => void, ms = 300) {
  useEffect(() => {
    const t = setTimeout(() => onSettle(value), ms);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new value restarts the wait; `onSettle` is a new closure every render
  }, [value]);
}

/** Memoized: the table's live updates re-render the page, not the filters. */
export const DeliveryFiltersBar = memo(function DeliveryFiltersBar({
  filters,
  onChange,
  onClear,
}: {
  filters: DeliveryFilterState;
  onChange: (patch: Partial<DeliveryFilterState>) => void;
  onClear: () => void;
}) {
  const webhooks = useWebhooks((s) => s.items);
  const types = useCatalog((s) => s.types);
  const typeOptions = useMemo(() => subscriptionOptions(types).filter((t) => t !== '*'), [types]);
  const [q, setQ] = useState(filters.q ?? '');
  const [http, setHttp] = useState(filters.httpStatus !== undefined ? String(filters.httpStatus) : '');
  const [range, setRange] = useState('all');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useDebounced(q, (v) => v !== (filters.q ?? '') && onChange({ q: v.trim() || undefined }));
  useDebounced(http, (v) => {
    const parsed = parseHttpStatusFilter(v);
    if (parsed !== filters.httpStatus) onChange({ httpStatus: parsed });
  });

  const httpInvalid = http.trim() !== '' && parseHttpStatusFilter(http) === undefined;
  const any = Object.keys(filters).length > 0;
  return (
    <Group gap="xs" align="flex-start" wrap="wrap" role="search" aria-label="Delivery filters">
      <MultiSelect
        size="xs"
        w={200}
        placeholder={filters.status?.length ? undefined : 'Any status'}
        aria-label="Status"
        data={[...DELIVERY_STATUSES]}
        value={filters.status ?? []}
        onChange={(v) => onChange({ status: v as DeliveryStatus[] })}
        clearable
      />
      <Select
        size="xs"
        w={170}
        placeholder="Any webhook"
        aria-label="Webhook"
        data={webhooks.map((w) => ({ value: w.id, label: w.name }))}
        value={filters.webhookId ?? null}
        onChange={(v) => onChange({ webhookId: v ?? undefined })}
        clearable
        searchable
      />
      <Select
        size="xs"
        w={170}
        placeholder="Any event type"
        aria-label="Event type"
        data={typeOptions}
        value={filters.eventType ?? null}
        onChange={(v) => onChange({ eventType: v ?? undefined })}
        clearable
        searchable
        limit={50}
      />
      <TextInput
        size="xs"
        w={96}
        placeholder="HTTP 5xx"
        aria-label="HTTP status"
        value={http}
        onChange={(e) => setHttp(e.currentTarget.value)}
        error={httpInvalid}
        styles={MONO_INPUT}
      />
      <Select
        size="xs"
        w={120}
        aria-label="Time range"
        allowDeselect={false}
        data={RANGES.map(({ value, label }) => ({ value, label }))}
        value={range}
        onChange={(v) => {
          const r = RANGES.find((x) => x.value === v) ?? RANGES[0]!;
          setRange(r.value);
          onChange({ from: r.ms === null ? undefined : Date.now() - r.ms, to: undefined });
        }}
      />
      <TextInput
        size="xs"
        style={{ flex: 1, minWidth: 150 }}
        placeholder="Search payloads"
        aria-label="Search payloads"
        leftSection={<IconSearch size={14} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {any && (
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} />}
          onClick={() => {
            setQ('');
            setHttp('');
            setRange('all');
            onClear();
          }}
        >
          Clear
        </Button>
      )}
    </Group>
  );
});
