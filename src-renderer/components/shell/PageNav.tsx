/** The navbar's page links, from the page table: title, icon, route, and the Ctrl/⌘+<digit> hint (or the unread alerts). */
import { Badge, Indicator, NavLink, Text, Tooltip, useMatches } from '@mantine/core';
import { pageDigit, PAGE_TITLES, PAGES, type PageKey } from '../../../src-main/api/pages';
import { useAlerts } from '../../stores/alerts';
import { hrefOf } from '../../stores/router';
import { PAGE_ICON } from './pageIcons';

/** The navbar's width: a rail of icons from `sm` (a 1024 px window keeps its width for the page), labels from `lg`. */
export const NAVBAR_WIDTH = { sm: 64, lg: 208 } as const;

/** True where the navbar is the icon rail. */
export const useNavRail = (): boolean =>
  useMatches({ sm: true, lg: false }, { getInitialValueInEffect: false }) === true;

export function PageNav({ page }: { page: PageKey }) {
  const unread = useAlerts((s) => s.unread);
  const rail = useNavRail();
  return PAGES.map((key) => {
    const Icon = PAGE_ICON[key];
    const digit = pageDigit(key);
    const title = PAGE_TITLES[key];
    const alerting = key === 'alerts' && unread > 0;
    const link = (
      <NavLink
        key={key}
        href={hrefOf(key)}
        active={page === key}
        label={rail ? null : title}
        aria-label={title}
        leftSection={
          rail && alerting ? (
            <Indicator color="red" size={8} display="flex">
              <Icon size={16} />
            </Indicator>
          ) : (
            <Icon size={16} />
          )
        }
        aria-current={page === key ? 'page' : undefined}
        rightSection={
          rail ? null : alerting ? (
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
    return rail ? (
      <Tooltip key={key} label={alerting ? `${title} (${unread} unread)` : title} position="right">
        {link}
      </Tooltip>
    ) : (
      link
    );
  });
}
