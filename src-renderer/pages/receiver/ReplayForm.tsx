import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReceivedRequest, ReplayResult } from '../../../src-main/api/receiverTypes';
import { client } from '../../api/client';
import { errorFor, errorText, fieldErrors } from '../../api/errorText';
import { BodyView } from '../../components/BodyView';
import { HeadersTable } from '../../components/HeadersTable';
import { formatDuration } from '../../components/RelativeTime';
import { HttpStatusBadge } from '../../components/StatusBadges';
import { urlError } from '../../components/UrlError';
import { useReceiverStatus } from '../../stores/receiverStatus';
import { MONO_INPUT } from '../../theme/theme';
import { draftOfRequest } from './replayDraft';
import { ReplayWithEditsButton } from './ReplayEditor';

/** Re-sends the stored request, byte for byte, to any URL (your handler while you debug it), or with edits. */
export function ReplayForm({ request }: { request: ReceivedRequest }) {
  const requestId = request.id;
  const receiverUrl = useReceiverStatus((s) => s.status?.url) ?? '';
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<ReplayResult | null>(null);

  const replay = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await client.call('requests.replay', { id: requestId, url }));
    } catch (e) {
      setError(errorFor(fieldErrors(e), 'url') ?? errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="sm" radius="md">
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          Replay to a URL
        </Text>
        <ReplayWithEditsButton draft={() => draftOfRequest(request, receiverUrl)} />
      </Group>
      <div role="region" aria-label="Replay">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void replay();
          }}
        >
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              placeholder="http://localhost:3000/webhooks"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={urlError(error, url, (fixed) => (setUrl(fixed), setError(undefined)))}
              styles={MONO_INPUT}
              aria-label="Replay URL"
            />
            <Button size="xs" type="submit" loading={busy} leftSection={<IconPlayerPlay size={14} />}>
              Replay
            </Button>
          </Group>
        </form>
        {result && (
          <Stack gap={6} mt="sm" role="region" aria-label="Replay result">
            <Group gap="xs">
              <HttpStatusBadge code={result.status} error={result.error} />
              <Text size="xs" ff="monospace" c="dimmed">
                {result.url} · {formatDuration(result.durationMs)}
              </Text>
            </Group>
            {result.error && (
              <Text size="sm" c="red" ff="monospace">
                {result.error}
              </Text>
            )}
            {result.headers && <HeadersTable headers={result.headers} />}
            {result.body !== null && <BodyView text={result.body} truncated={result.truncated} maxHeight={200} />}
          </Stack>
        )}
      </div>
    </Card>
  );
}
