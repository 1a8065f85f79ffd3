import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App';
import { client } from './api/client';
import { AccessGate } from './components/shell/AccessGate';
import { hrefOf, parseHash } from './stores/router';
import { wirePushEvents } from './stores/pushWiring';
import { startResync } from './stores/resync';
import { settingsColorSchemeManager } from './theme/colorSchemeManager';
import { theme } from './theme/theme';

wirePushEvents(client, (alert) => {
  notifications.show({
    color: alert.kind === 'disabled' ? 'red' : 'orange',
    title: alert.kind === 'disabled' ? 'Webhook disabled' : 'Webhook failing',
    message: alert.message,
    autoClose: 8000,
    onClick: () => {
      window.location.hash = hrefOf('alerts');
    },
  });
});
// Desktop menu items and notification clicks navigate inside the app.
client.desktop?.onNavigate((hash) => {
  window.location.hash = hash;
});
preloadPage(parseHash(window.location.hash).page);
startResync();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} colorSchemeManager={settingsColorSchemeManager()} defaultColorScheme="auto">
      <Notifications position="bottom-right" limit={4} />
      <AccessGate>
        <App />
      </AccessGate>
    </MantineProvider>
  </StrictMode>,
);
