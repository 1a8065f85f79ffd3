import { Badge, Card, Grid, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { EditedReplayResult } from '../../../src-main/api/receiverTypes';
import { BodyView } from '../../components/BodyView';
import { HeadersTable } from '../../components/HeadersTable';
import { formatDuration } from '../../components/RelativeTime';
import { isSignatureHeader } from '../../components/signatureHeaders';
import { HttpStatusBadge } from '../../components/StatusBadges';
import type { ReplayDraft } from './replayDraft';
import { ReplayDiff } from './ReplayDiff';

function RequestColumn({
  title,
  subtitle,
  badge,
  method,
  url,
  headers,
  text,
  base64,
  label,
}: {
  title: string;
  subtitle?: string;
  badge?: ReactNode;
  method: string;
  url: string;
  headers: [string, string][];
  text: string | null;
  base64?: string;
  label: string;
}) {
  return (
    <Card withBorder padding="sm" radius="md" h="100%" role="region" aria-label={label}>
      <Group gap="xs" mb={4}>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {title}
        </Text>
        {subtitle && (
          <Text size="xs" c="dimmed" ff="monospace">
            {subtitle}
          </Text>
        )}
        {badge}
      </Group>
      <Text size="sm" ff="monospace" mb={6} style={{ wordBreak: 'break-all' }}>
        {method} {url}
      </Text>
      <HeadersTable headers={headers} highlight={headers.map(([n]) => n).filter(isSignatureHeader)} />
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" mb={2}>
        Body
      </Text>
      <BodyView text={text} base64={base64} maxHeight={240} />
    </Card>
  );
}

/** The original and the replay as sent side by side, what came back, and the diff when the replay arrived at an inbox here. */
export function ReplayResultView({ draft, result }: { draft: ReplayDraft; result: EditedReplayResult }) {
  const r = result.response;
  const s = result.signing;
  const original = draft.bodyEncoding === 'base64' ? { text: null, base64: draft.body } : { text: draft.body };
  return (
    <Stack gap="sm" role="region" aria-label="Replay result">
      <Card withBorder padding="sm" radius="md" role="region" aria-label="Replay response">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Response
          </Text>
          <HttpStatusBadge code={r.status} error={r.error} />
          <Text size="xs" c="dimmed">
            in {formatDuration(r.durationMs)} from
          </Text>
          <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {r.url}
          </Text>
        </Group>
        {r.error && (
          <Text size="sm" c="red" ff="monospace" mt={4}>
            {r.error}
          </Text>
        )}
        {r.headers && (
          <details>
            <summary style={{ cursor: 'pointer', fontSize: 12, marginTop: 4 }}>Response headers and body</summary>
            <HeadersTable headers={r.headers} />
            {r.body !== null && <BodyView text={r.body} truncated={r.truncated} maxHeight={160} />}
          </details>
        )}
      </Card>
      <ReplayDiff left={draft.ref} right={result.arrivedRequestId} url={result.request.url} />
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <RequestColumn
            label="Original request"
            title="Original"
            subtitle={draft.label}
            method={draft.method}
            url={draft.url}
            headers={draft.headers}
            text={original.text}
            base64={original.base64}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <RequestColumn
            label="Replayed request"
            title="Replay · as sent"
            badge={
              <Badge size="sm" variant="light" color={s.mode === 'resign' ? 'teal' : 'gray'}>
                {s.mode === 'resign' ? `re-signed (${s.scheme})` : 'original signature kept'}
              </Badge>
            }
            method={result.request.method}
            url={result.request.url}
            headers={result.request.headers}
            text={result.request.bodyText}
            base64={result.request.bodyBase64}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
