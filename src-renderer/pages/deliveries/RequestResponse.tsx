import { Badge, Card, Grid, Group, Text } from '@mantine/core';
import type { Attempt } from '../../../src-main/api/types';
import { BodyView } from '../../components/BodyView';
import { HeadersTable } from '../../components/HeadersTable';
import { formatDuration } from '../../components/RelativeTime';
import { HttpStatusBadge } from '../../components/StatusBadges';

/** Request and response of one attempt, side by side. */
export function RequestResponse({
  attempt,
  body,
  signatureHeaders,
}: {
  attempt: Attempt | undefined;
  body: string;
  signatureHeaders: string[];
}) {
  return (
    <Grid gutter="sm">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder padding="sm" radius="md" h="100%" role="region" aria-label="Request">
          <Group gap={6} mb="xs" wrap="nowrap">
            <Badge variant="filled" color="indigo" size="sm">
              {attempt?.request.method ?? 'POST'}
            </Badge>
            <Text ff="monospace" fz={12} className="hb-ellipsis" title={attempt?.request.url}>
              {attempt?.request.url ?? '—'}
            </Text>
          </Group>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={2}>
            Headers
          </Text>
          <HeadersTable headers={attempt?.request.headers} highlight={signatureHeaders} />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" mb={2}>
            Body
          </Text>
          <BodyView text={body} />
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder padding="sm" radius="md" h="100%" role="region" aria-label="Response">
          {!attempt ? (
            <Text size="sm" c="dimmed">
              Not sent yet.
            </Text>
          ) : attempt.response ? (
            <>
              <Group gap={6} mb="xs">
                <HttpStatusBadge code={attempt.response.status} />
                <Text size="xs" c="dimmed" ff="monospace">
                  {formatDuration(attempt.durationMs)}
                </Text>
              </Group>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={2}>
                Headers
              </Text>
              <HeadersTable headers={attempt.response.headers} />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" mb={2}>
                Body
              </Text>
              <BodyView text={attempt.response.body} truncated={attempt.response.truncated} />
              {attempt.response.truncated && (
                <Text size="xs" c="dimmed">
                  The response body was cut at 10 KB.
                </Text>
              )}
            </>
          ) : attempt.finishedAt === null ? (
            <Text size="sm" c="dimmed">
              Waiting for the response…
            </Text>
          ) : (
            <>
              <Badge color="red" variant="light" mb="xs">
                no response · {attempt.errorClass}
              </Badge>
              <Text size="sm" ff="monospace" c="red">
                {attempt.errorMessage}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                after {formatDuration(attempt.durationMs)}
              </Text>
            </>
          )}
        </Card>
      </Grid.Col>
    </Grid>
  );
}
