import { Box, Card, Group, Select, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CatalogTypeSummary } from '../../../src-main/api/catalogTypes';
import { LiteBadge } from '../../components/LiteBadge';

type Row = { kind: 'category'; category: string; count: number } | { kind: 'type'; t: CatalogTypeSummary };

const ROW_HEIGHT = { category: 28, type: 30 } as const;

/**
 * A catalog's types grouped by category, filtered by a search and a category. GitHub's run to
 * hundreds, so only the rows in view are drawn.
 */
export function TypeList({
  types,
  selected,
  onSelect,
}: {
  types: CatalogTypeSummary[];
  selected: string | null;
  onSelect: (type: string) => void;
}) {
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const categories = useMemo(() => [...new Set(types.map((t) => t.category))].sort(), [types]);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hits = types.filter(
      (t) =>
        (!category || t.category === category) &&
        (!needle || `${t.type} ${t.category} ${t.description}`.toLowerCase().includes(needle)),
    );
    const byCategory = new Map<string, CatalogTypeSummary[]>();
    for (const t of hits) byCategory.set(t.category, [...(byCategory.get(t.category) ?? []), t]);
    const out: Row[] = [];
    for (const [c, list] of byCategory) {
      out.push({ kind: 'category', category: c, count: list.length });
      for (const t of list) out.push({ kind: 'type', t });
    }
    return out;
  }, [types, q, category]);
  const matches = rows.filter((r) => r.kind === 'type').length;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => ROW_HEIGHT[rows[i]!.kind],
    overscan: 12,
    // Draw the first rows in the first pass instead of after measuring the scroller.
    initialRect: { width: 300, height: 600 },
  });
  // The selected type (from the URL or a link too) is scrolled to the middle once it is listed; a row in view stays put.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!selected || scrolledTo.current === selected) return;
    const index = rows.findIndex((r) => r.kind === 'type' && r.t.type === selected);
    if (index < 0) return;
    scrolledTo.current = selected;
    const scroller = scrollRef.current?.getBoundingClientRect();
    const row = scrollRef.current?.querySelector(`[data-type="${CSS.escape(selected)}"]`)?.getBoundingClientRect();
    if (scroller && row && row.top >= scroller.top && row.bottom <= scroller.bottom) return;
    virtual.scrollToIndex(index, { align: 'center' });
  }, [selected, rows, virtual]);

  return (
    <Card withBorder padding={0} radius="md" role="region" aria-label="Event types">
      <Box p="xs">
        <TextInput
          size="xs"
          placeholder={`Search ${types.length} types`}
          leftSection={<IconSearch size={14} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-label="Search the catalog"
          onKeyDown={(e) => {
            const first = rows.find((r) => r.kind === 'type');
            if (e.key === 'Enter' && first?.kind === 'type') onSelect(first.t.type);
          }}
        />
        {categories.length > 1 && (
          <Select
            mt={6}
            size="xs"
            placeholder={`All ${categories.length} categories`}
            data={categories}
            value={category}
            onChange={setCategory}
            clearable
            searchable
            selectFirstOptionOnChange
            aria-label="Category"
          />
        )}
        <Text size="xs" c="dimmed" mt={4}>
          {matches === types.length ? `${types.length} types` : `${matches} of ${types.length} types`}
        </Text>
      </Box>
      <div ref={scrollRef} style={{ height: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }}>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" p="md">
            {types.length === 0 ? 'This catalog has no types yet.' : 'No type matches the search.'}
          </Text>
        ) : (
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={item.key}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                >
                  {row.kind === 'category' ? (
                    <Text
                      size="xs"
                      fw={700}
                      c="dimmed"
                      tt="uppercase"
                      px="sm"
                      pt={8}
                      h={ROW_HEIGHT.category}
                      className="hb-ellipsis"
                      title={row.category}
                    >
                      {row.category} · {row.count}
                    </Text>
                  ) : (
                    <TypeRow t={row.t} active={row.t.type === selected} onSelect={onSelect} />
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </Card>
  );
}

function TypeRow({
  t,
  active,
  onSelect,
}: {
  t: CatalogTypeSummary;
  active: boolean;
  onSelect: (type: string) => void;
}) {
  return (
    <UnstyledButton
      className="hb-row"
      data-selected={active}
      aria-current={active || undefined}
      aria-label={t.type}
      title={t.description ? `${t.type} — ${t.description}` : t.type}
      onClick={() => onSelect(t.type)}
      h={ROW_HEIGHT.type}
      px="sm"
      w="100%"
      data-type={t.type}
    >
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text ff="monospace" fz={12} className="hb-ellipsis" miw={0}>
          {t.type}
        </Text>
        {t.schemaOrigin === 'workspace' && (
          <LiteBadge color="violet" caseless title="This workspace's own schema">
            workspace
          </LiteBadge>
        )}
        {t.schemaOrigin === null && (
          <LiteBadge color="gray" caseless title="No schema yet">
            no schema
          </LiteBadge>
        )}
      </Group>
    </UnstyledButton>
  );
}
