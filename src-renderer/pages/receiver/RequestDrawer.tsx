import { Badge, Card, Drawer, Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ForwardResult, ReceivedRequest } from '../../../src-main/api/receiverTypes';
import { BodyView } from '../../components/BodyView';
import { CopyCurlButton } from '../../components/CopyCurlButton';
import { HeadersTable } from '../../components/HeadersTable';
import { MonoId } from '../../components/MonoId';
import { formatDuration, RelativeTime } from '../../components/RelativeTime';
import { ErrorState, LoadingState } from '../../components/States';
import { HttpStatusBadge, VerdictBadge } from '../../components/StatusBadges';
import { useInboxes } from '../../stores/inboxes';
import { useReceiverStatus } from '../../stores/receiverStatus';
import { useRequests } from '../../stores/requests';
import { isSignatureHeader } from '../../components/signatureHeaders';
import { ReplayForm } from './ReplayForm';
import { CompareButtons } from '../../components/compare/CompareButtons';
import { previousRequest, requestSubject } from '../../components/compare/subjects';
import { VerificationPanel } from './VerificationPanel';
import { SchemaVerdictPanel } from './SchemaVerdictPanel';
import { SchemaStatusBadge } from '../../components/SchemaIssues';
import { DetailRow } from '../../components/DetailRow';

function Forward({ r }: { r: ReceivedRequest }) {
  const f = r.forward;
  if (!f) return null;
  return (
    <Card withBorder padding="sm" radius="md" role="region" aria-label="Forward">
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          Forwarded to
        </Text>
        <Text size="xs" ff="monospace">
          {f.url}
        </Text>
        {f.pending ? (
          <Badge size="sm" variant="light">
            pending
          </Badge>
        ) : (
          <HttpStatusBadge code={f.status} error={f.error} />
        )}
        <Text size="xs" c="dimmed">
          {formatDuration(f.durationMs)}
        </Text>
      </Group>
      <ForwardChoice f={f} />
      {f.error && (
        <Text size="sm" c="red" ff="monospace">
          {f.error}
        </Text>
      )}
      {f.headers && <HeadersTable headers={f.headers} />}
      {f.body !== null && <BodyView text={f.body} truncated={f.truncated} maxHeight={200} />}
    </Card>
  );
}

/** Why the forward went where it did: the route that matched the event type, or the inbox's forward-to. */
function ForwardChoice({ f }: { f: ForwardResult }) {
  // Absent on forwards of inboxes without routes (and on records from before routes).
  if (f.matched === undefined) return null;
  const type = f.eventType ? (
    <Text span ff="monospace" fz="xs">
      {f.eventType}
    </Text>
  ) : (
    'no event type'
  );
  return (
    <Text size="xs" c="dimmed" mb={4} data-forward-choice>
      {f.matched !== null ? (
        <>
          {type} matched the route{' '}
          <Text span ff="monospace" fz="xs">
            {f.matched}
          </Text>
        </>
      ) : (
        <>{type}: no route matched, sent to Forward to</>
      )}
    </Text>
  );
}

/** What a cut body (answered 413) says about its size. */
function bodyCut(r: ReceivedRequest): string {
  const kept = `${r.bodySize.toLocaleString()} bytes`;
  if (r.receivedSize === 0)
    return 'Body refused before it was sent: its declared size is over the limit (see Content-Length).';
  return `Body cut at the limit: ${r.receivedSize.toLocaleString()} bytes had arrived when it was answered 413; the first ${kept} are kept.`;
}

function Detail({ r }: { r: ReceivedRequest }) {
  const inbox = useInboxes((s) => s.items.find((i) => i.id === r.inboxId));
  const base = useReceiverStatus((s) => s.status?.url) ?? '';
  const url = `${base}${r.path}${r.query ? `?${r.query}` : ''}`;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <DetailRow label="Request" labelWidth={80}>
            <MonoId value={r.id} max={40} />
          </DetailRow>
          <DetailRow label="Received" labelWidth={80}>
            <RelativeTime at={r.receivedAt} size="sm" />
            <Text size="xs" c="dimmed">
              from {r.remoteAddress ?? 'unknown'}
            </Text>
          </DetailRow>
          <DetailRow label="Answered" labelWidth={80}>
            <HttpStatusBadge
              code={r.responseStatus}
              error={r.responseStatus === null ? 'the client went away first' : null}
            />
            <Text size="xs" c="dimmed">
              in {formatDuration(r.durationMs)}
            </Text>
          </DetailRow>
          {r.dedupeKey && (
            <DetailRow label="Message id" labelWidth={80}>
              <MonoId value={r.dedupeKey} max={40} />
              {r.dedupeVia === null && (
                <Text size="xs" c="dimmed">
                  from a body whose signature did not verify: not counted for duplicates
                </Text>
              )}
            </DetailRow>
          )}
        </Stack>
        <Group gap="xs">
          <CompareButtons
            subject={requestSubject(r)}
            // The detail's full schema verdict is not the feed's brief one; finding the previous request reads neither.
            previous={() => previousRequest(r)}
            previousLabel="request to this inbox"
          />
          <CopyCurlButton request={{ method: r.method, url, headers: r.headers, body: r.bodyText }} />
        </Group>
      </Group>
      {r.schemaVerdict ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <VerificationPanel request={r} toleranceSec={inbox?.toleranceSec ?? null} />
          <SchemaVerdictPanel verdict={r.schemaVerdict} />
        </SimpleGrid>
      ) : (
        <VerificationPanel request={r} toleranceSec={inbox?.toleranceSec ?? null} />
      )}
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder padding="sm" radius="md" h="100%" role="region" aria-label="Received request">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={2}>
              Headers (arrival order)
            </Text>
            {r.headersTruncated && (
              <Text size="xs" c="orange" mb={4} role="note">
                Headers cut: {r.headerCount.toLocaleString()} arrived, the first {r.headers.length.toLocaleString()} are
                kept.
              </Text>
            )}
            <HeadersTable headers={r.headers} highlight={r.headers.map(([n]) => n).filter(isSignatureHeader)} />
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" mb={2}>
              Body
            </Text>
            {r.bodyTruncated && (
              <Text size="xs" c="orange" mb={4} role="note">
                {bodyCut(r)}
              </Text>
            )}
            <BodyView text={r.bodyText} base64={r.bodyBase64} truncated={r.bodyTruncated} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder padding="sm" radius="md" h="100%" role="region" aria-label="Response sent">
            <Group gap="xs" mb={4}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                Response sent
              </Text>
              <HttpStatusBadge code={r.responseStatus} />
            </Group>
            <HeadersTable headers={r.responseHeaders} />
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" mb={2}>
              Body
            </Text>
            <BodyView text={r.responseBody} maxHeight={200} />
          </Card>
        </Grid.Col>
      </Grid>
      <Forward r={r} />
      <ReplayForm request={r} />
    </Stack>
  );
}

export function RequestDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const selected = useRequests((s) => s.selected);
  const r = selected && selected.id === id ? selected.request : null;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="min(1100px, 92vw)"
      title={
        r ? (
          <Group gap="xs">
            <Text fw={700} ff="monospace">
              {r.method} {r.path}
              {r.query ? `?${r.query}` : ''}
            </Text>
            <VerdictBadge request={r} />
            {r.schemaVerdict && (
              <SchemaStatusBadge status={r.schemaVerdict.status} count={r.schemaVerdict.issues.length} />
            )}
          </Group>
        ) : (
          'Request'
        )
      }
    >
      {selected?.error && <ErrorState error={selected.error} />}
      {!r && !selected?.error && <LoadingState />}
      {r && <Detail key={r.id} r={r} />}
    </Drawer>
  );
}
