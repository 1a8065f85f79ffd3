/** The navbar's page links, from the page table: title, icon, route, and the Ctrl/⌘+<digit> hint (or the unread alerts). */
import { Badge, NavLink, Text } from '@mantine/core';
import { pageDigit, PAGE_TITLES, PAGES, type PageKey } from '../../../src-main/api/pages';
import { useAlerts } from '../../stores/alerts';
import { hrefOf } from '../../stores/router';
import { PAGE_ICON } from './pageIcons';

export function PageNav({ page }: { page: PageKey }) {
  const unread = useAlerts((s) => s.unread);
  return PAGES.map((key) => {
    const Icon = PAGE_ICON[key];
    const digit = pageDigit(key);
    return (
      <NavLink
        key={key}
        href={hrefOf(key)}
        active={page === key}
        label={PAGE_TITLES[key]}
        leftSection={<Icon size={16} />}
        aria-current={page === key ? 'page' : undefined}
        rightSection={
          key === 'alerts' && unread > 0 ? (
            <Badge
              size="sm"
              color="red"
              variant="filled"
              circle={unread < 10}
              aria-label={`${unread} unread alerts`}
              data-testid="unread-alerts"
            >
              {unread}
            </Badge>
          ) : (
            digit !== null && (
              <Text size="xs" c="dimmed" ff="monospace">
                {digit}
              </Text>
            )
          )
        }
        styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
      />
    );
  });
}
