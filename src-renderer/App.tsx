import { AppShell, Box, Burger, Group, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconWebhook } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { client } from './api/client';
import { CompareModal } from './components/compare/CompareModal';
import { CompareTray } from './components/compare/CompareTray';
import { OPEN_EXPORT_EVENT } from './components/ExportMenu';
import { ConnectionBanner } from './components/shell/ConnectionBanner';
import { NAVBAR_WIDTH, PageNav, useNavRail } from './components/shell/PageNav';
import { ReceiverIndicator } from './components/shell/ReceiverIndicator';
import { ShortcutsHelp } from './components/shell/ShortcutsHelp';
import { ThemeToggle } from './components/shell/ThemeToggle';
import { WorkspaceSwitcher } from './components/shell/WorkspaceSwitcher';
import { installShortcuts, MOD, PAGE_TITLES } from './shortcuts';
import { PAGES, useRouter, type PageKey } from './stores/router';
import { useWorkspace } from './stores/workspace';
import { ErrorState, LoadingState } from './components/States';

/** Pages load on first visit, so opening one page does not parse them all (charts are heavy). */
const PAGE_LOADERS: Record<PageKey, () => Promise<{ default: ComponentType }>> = {
  dashboard: () => import('./pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
  webhooks: () => import('./pages/webhooks/WebhooksPage').then((m) => ({ default: m.WebhooksPage })),
  fire: () => import('./pages/fire/FireEventPage').then((m) => ({ default: m.FireEventPage })),
  catalog: () => import('./pages/catalog/CatalogPage').then((m) => ({ default: m.CatalogPage })),
  deliveries: () => import('./pages/deliveries/DeliveriesPage').then((m) => ({ default: m.DeliveriesPage })),
  receiver: () => import('./pages/receiver/ReceiverPage').then((m) => ({ default: m.ReceiverPage })),
  alerts: () => import('./pages/alerts/AlertsPage').then((m) => ({ default: m.AlertsPage })),
  settings: () => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
};
const loaded = new Map<PageKey, Promise<{ default: ComponentType }>>();
const loadPage = (page: PageKey) => {
  if (!loaded.has(page)) loaded.set(page, PAGE_LOADERS[page]());
  return loaded.get(page)!;
};
/** Starts fetching a page's code now (the opening page, while the connection is made). */
export const preloadPage = (page: PageKey): void => void loadPage(page);
const PAGE_COMPONENT = {} as Record<PageKey, ComponentType>;
for (const p of PAGES) PAGE_COMPONENT[p] = lazy(() => loadPage(p));

export function App() {
  const page = useRouter((s) => s.route.page);
  const navigate = useRouter((s) => s.navigate);
  // Pages render at once: the remembered workspace (or the engine's default) serves until the list arrives.
  const workspaceFailed = useWorkspace((s) => !s.loaded && s.error !== null);
  const workspaceError = useWorkspace((s) => s.error);
  const [navOpen, nav] = useDisclosure(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const rail = useNavRail();

  // Desktop menu commands the page carries out (it knows the current filters).
  useEffect(
    () =>
      client.desktop?.onCommand((command) => {
        if (command === 'shortcuts') setHelpOpen(true);
        else window.dispatchEvent(new Event(OPEN_EXPORT_EVENT));
      }),
    [],
  );
  useEffect(
    () =>
      installShortcuts({ go: (p) => navigate(p), fire: () => navigate('fire'), help: () => setHelpOpen((o) => !o) }),
    [navigate],
  );
  useEffect(() => {
    document.title = `${PAGE_TITLES[page]} · Hookbench`;
    window.scrollTo(0, 0);
    nav.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per page change; `nav` is a new object every render
  }, [page]);

  const Page = PAGE_COMPONENT[page];
  return (
    <AppShell
      header={{ height: 48 }}
      navbar={{ width: NAVBAR_WIDTH, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
            <ThemeIcon size={26} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan', deg: 135 }}>
              <IconWebhook size={16} />
            </ThemeIcon>
            <Text fw={700} size="md">
              Hookbench
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ReceiverIndicator />
            {/* On a phone the switcher moves into the navigation drawer (below). */}
            <Box visibleFrom="sm">
              <WorkspaceSwitcher />
            </Box>
            <ThemeToggle />
            <ShortcutsHelp opened={helpOpen} onChange={setHelpOpen} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Pages">
        <AppShell.Section hiddenFrom="sm" pb="xs">
          <WorkspaceSwitcher w="100%" />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <PageNav page={page} />
        </AppShell.Section>
        {!rail && (
          <AppShell.Section>
            <Text size="xs" c="dimmed" px="xs" pb={4}>
              <kbd className="hb-kbd">f</kbd> fire event · <kbd className="hb-kbd">{MOD}+K</kbd> ·{' '}
              <kbd className="hb-kbd">?</kbd> help
            </Text>
          </AppShell.Section>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionBanner />
        {workspaceFailed ? (
          <ErrorState
            title="Could not load workspaces"
            error={workspaceError ?? ''}
            onRetry={() => void useWorkspace.getState().load()}
          />
        ) : (
          <Suspense fallback={<LoadingState />}>
            <Page />
          </Suspense>
        )}
      </AppShell.Main>
      <CompareModal />
      <CompareTray />
    </AppShell>
  );
}
