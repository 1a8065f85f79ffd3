/**
 * The web host answers only pages that carry its per-launch token. Opened without one (or with a
 * token from an earlier launch), the app cannot load anything: say that, and how to get in,
 * instead of an empty dashboard that claims the receiver is not running.
 */
import { Center, Code, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { REST_PREFIX } from '../../../src-main/api/transport';
import { accessToken, client } from '../../api/client';
import { useConnection } from '../../stores/connection';

type Access = 'ok' | 'missing' | 'refused';

/** Whether the host takes this token: a REST call answers 401 when it does not. */
async function tokenRefused(token: string): Promise<boolean> {
  try {
    const res = await fetch(`${REST_PREFIX}/settings`, { headers: { authorization: `Bearer ${token}` } });
    return res.status === 401;
  } catch {
    return false; // the host is down: the connection banner says so
  }
}

function useAccess(): Access {
  const conn = useConnection();
  const [refused, setRefused] = useState(false);
  const web = client.kind === 'web';
  const failing = conn.status !== 'open' && conn.attempt > 0;
  useEffect(() => {
    const token = accessToken();
    if (!web || !token || !failing) return;
    let live = true;
    void tokenRefused(token).then((r) => live && setRefused(r));
    return () => {
      live = false;
    };
  }, [web, failing, conn.attempt]);
  if (!web || conn.status === 'open') return 'ok';
  if (!conn.hasToken) return 'missing';
  return refused ? 'refused' : 'ok';
}

export function AccessGate({ children }: { children: ReactNode }) {
  const access = useAccess();
  if (access === 'ok') return children;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder radius="md" p="xl" maw={560} role="alert" aria-label="Access token needed">
        <Stack gap="sm">
          <ThemeIcon size={40} radius="md" variant="light">
            <IconLock size={22} />
          </ThemeIcon>
          <Title order={3}>
            {access === 'missing' ? 'This page needs its access token' : 'This access token is from another launch'}
          </Title>
          <Text>
            {access === 'missing'
              ? 'Hookbench answers only the URL it printed when it started, which carries a token that changes every launch.'
              : 'The token in this tab does not match the running Hookbench: the token changes every time the web host starts.'}{' '}
            Open the URL printed by <Code>hookbench serve</Code> (or <Code>npm start</Code>) in the terminal — it looks
            like
          </Text>
          <Code block>{`${window.location.origin}/?token=…`}</Code>
        </Stack>
      </Paper>
    </Center>
  );
}
