import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { client } from '../../api/client';
import { useConnection } from '../../stores/connection';

/** Shown while the WebSocket to the web host is down, with the reconnect countdown. */
export function ConnectionBanner() {
  const conn = useConnection();
  const [, tick] = useState(0);
  useEffect(() => {
    if (conn.status !== 'down') return;
    const t = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(t);
  }, [conn.status]);

  if (conn.status === 'open' || (conn.status === 'connecting' && conn.attempt === 0)) return null;
  const seconds = conn.retryAt ? Math.max(0, Math.ceil((conn.retryAt - Date.now()) / 1000)) : 0;
  return (
    <Alert color="red" variant="filled" radius={0} py={6} icon={<IconPlugConnectedX size={18} />} role="alert">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          Disconnected from Hookbench ({conn.error ?? 'no connection'}).{' '}
          {conn.status === 'connecting' ? 'Reconnecting…' : `Reconnecting in ${seconds} s (attempt ${conn.attempt}).`}
          {!conn.hasToken && ' This page has no access token: open the URL printed by `hookbench serve`.'}
        </Text>
        <Button
          size="compact-xs"
          variant="white"
          color="red"
          onClick={() => client.reconnectNow()}
          disabled={conn.status === 'connecting'}
        >
          Reconnect now
        </Button>
      </Group>
    </Alert>
  );
}
