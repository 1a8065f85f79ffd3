import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBell, IconBolt, IconInbox, IconLayoutDashboard, IconListDetails, IconSettings, IconWebhook,
} from '@tabler/icons-react';
import { useEffect, useState, type ComponentType } from 'react';
import { ConnectionBanner } from './components/shell/ConnectionBanner';
import { ReceiverIndicator } from './components/shell/ReceiverIndicator';
import { ShortcutsHelp } from './components/shell/ShortcutsHelp';
import { ThemeToggle } from './components/shell/ThemeToggle';
import { WorkspaceSwitcher } from './components/shell/WorkspaceSwitcher';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { DeliveriesPage } from './pages/deliveries/DeliveriesPage';
import { FireEventPage } from './pages/fire/FireEventPage';
import { ReceiverPage } from './pages/receiver/ReceiverPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { WebhooksPage } from './pages/webhooks/WebhooksPage';
import { installShortcuts, MOD, PAGE_TITLES } from './shortcuts';
import { useAlerts } from './stores/alerts';
import { hrefOf, PAGES, useRouter, type PageKey } from './stores/router';
import { useWorkspace } from './stores/workspace';
import { LoadingState } from './components/States';

const PAGE_COMPONENT: Record<PageKey, ComponentType> = {
  dashboard: DashboardPage,
  webhooks: WebhooksPage,
  fire: FireEventPage,
  deliveries: DeliveriesPage,
  receiver: ReceiverPage,
  alerts: AlertsPage,
  settings: SettingsPage,
};

const PAGE_ICON: Record<PageKey, ComponentType<{ size?: number }>> = {
  dashboard: IconLayoutDashboard,
  webhooks: IconWebhook,
  fire: IconBolt,
  deliveries: IconListDetails,
  receiver: IconInbox,
  alerts: IconBell,
  settings: IconSettings,
};

export function App() {
  const page = useRouter((s) => s.route.page);
  const navigate = useRouter((s) => s.navigate);
  const unread = useAlerts((s) => s.unread);
  const workspaceReady = useWorkspace((s) => s.currentId !== null);
  const [navOpen, nav] = useDisclosure(false);
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(
    () => installShortcuts({ go: (p) => navigate(p), fire: () => navigate('fire'), help: () => setHelpOpen((o) => !o) }),
    [navigate],
  );
  useEffect(() => {
    document.title = `${PAGE_TITLES[page]} · Hookbench`;
    nav.close();
  }, [page]); // eslint-disable-line react-hooks/exhaustive-deps

  const Page = PAGE_COMPONENT[page];
  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 208, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
            <ThemeIcon size={26} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan', deg: 135 }}>
              <IconWebhook size={16} />
            </ThemeIcon>
            <Text fw={700} size="md">Hookbench</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ReceiverIndicator />
            <WorkspaceSwitcher />
            <ThemeToggle />
            <ShortcutsHelp opened={helpOpen} onChange={setHelpOpen} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Pages">
        <AppShell.Section grow component={ScrollArea}>
          {PAGES.map((key, i) => {
            const Icon = PAGE_ICON[key];
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
                    <Badge size="sm" color="red" variant="filled" circle={unread < 10} aria-label={`${unread} unread alerts`} data-testid="unread-alerts">
                      {unread}
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed" ff="monospace">{i + 1}</Text>
                  )
                }
                styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="xs" pb={4}>
            <kbd className="hb-kbd">f</kbd> fire event · <kbd className="hb-kbd">{MOD}+K</kbd> · <kbd className="hb-kbd">?</kbd> help
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionBanner />
        {workspaceReady ? <Page /> : <LoadingState label="Connecting to Hookbench…" />}
      </AppShell.Main>
    </AppShell>
  );
}
