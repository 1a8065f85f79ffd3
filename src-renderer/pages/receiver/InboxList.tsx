import { Badge, Card, Group, NavLink, Stack } from '@mantine/core';
import { IconInbox, IconList, IconRouteOff } from '@tabler/icons-react';
import type { InboxWithUrl } from '../../../src-main/api/contract';
import { CutText } from '../../components/PriorityTable';
import { hrefOf } from '../../stores/router';
import { UNROUTED } from '../../../src-main/api/logFilters';

export function InboxList({ inboxes, selected }: { inboxes: InboxWithUrl[]; selected: string }) {
  return (
    <Card withBorder padding={4} radius="md">
      <Stack gap={0}>
        <NavLink
          href={hrefOf('receiver', 'all')}
          active={selected === 'all'}
          label="All requests"
          leftSection={<IconList size={16} />}
        />
        {inboxes.map((i) => (
          <NavLink
            key={i.id}
            href={hrefOf('receiver', i.id)}
            active={selected === i.id}
            leftSection={<IconInbox size={16} />}
            label={
              <Group gap={4} wrap="nowrap">
                <CutText>{i.name}</CutText>
                <Badge size="xs" variant="light" color="gray" tt="none">
                  {i.scheme}
                </Badge>
              </Group>
            }
            description={<CutText mono fz={11}>{`/in/${i.slug}`}</CutText>}
            data-inbox-id={i.id}
          />
        ))}
        <NavLink
          href={hrefOf('receiver', UNROUTED)}
          active={selected === UNROUTED}
          label="Unrouted"
          description="paths that are no inbox"
          leftSection={<IconRouteOff size={16} />}
        />
      </Stack>
    </Card>
  );
}
