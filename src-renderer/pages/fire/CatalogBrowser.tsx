import { Badge, Box, Card, Group, NavLink, ScrollArea, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { EventTypeInfo } from '../../../src-main/api/contract';

/** The event catalog grouped by category, filtered by a search over type, category and description. */
export function CatalogBrowser({
  types,
  selected,
  onSelect,
  searchRef,
  header,
}: {
  types: EventTypeInfo[];
  selected: string | null;
  onSelect: (t: string) => void;
  searchRef?: React.Ref<HTMLInputElement>;
  /** Above the search (the catalog picker). */
  header?: React.ReactNode;
}) {
  const [q, setQ] = useState('');
  const groups = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hits = needle
      ? types.filter((t) => `${t.type} ${t.category} ${t.description}`.toLowerCase().includes(needle))
      : types;
    const map = new Map<string, EventTypeInfo[]>();
    for (const t of hits) {
      const list = map.get(t.category) ?? [];
      list.push(t);
      map.set(t.category, list);
    }
    return [...map.entries()];
  }, [types, q]);

  return (
    <Card withBorder padding={0} radius="md" h="100%">
      <Box p="xs">
        {header}
        <TextInput
          ref={searchRef}
          size="xs"
          placeholder={`Search ${types.length} event types`}
          leftSection={<IconSearch size={14} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-label="Search event types"
          onKeyDown={(e) => {
            const first = groups[0]?.[1][0];
            if (e.key === 'Enter' && first) onSelect(first.type);
          }}
        />
      </Box>
      <ScrollArea h={header ? 'calc(100vh - 250px)' : 'calc(100vh - 210px)'} type="auto">
        {groups.length === 0 && (
          <Text size="sm" c="dimmed" p="md">
            No event type matches “{q}”.
          </Text>
        )}
        {groups.map(([category, list]) => (
          <div key={category}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={2}>
              {category}
            </Text>
            {list.map((t) => (
              <NavLink
                key={t.type}
                active={t.type === selected}
                onClick={() => onSelect(t.type)}
                py={3}
                label={
                  <Group gap={4} wrap="nowrap">
                    <Text ff="monospace" fz={12} className="hb-ellipsis" miw={0} title={t.type}>
                      {t.type}
                    </Text>
                    {t.custom && (
                      <Badge size="xs" variant="light">
                        custom
                      </Badge>
                    )}
                  </Group>
                }
                aria-label={t.type}
              />
            ))}
          </div>
        ))}
      </ScrollArea>
    </Card>
  );
}
