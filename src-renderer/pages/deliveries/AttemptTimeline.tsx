import { isSuccessStatus } from '../../../src-main/api/schemas';
import { Badge, Group, Text, Timeline } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconPlayerPause, IconX } from '@tabler/icons-react';
import type { Attempt, Delivery } from '../../../src-main/api/types';
import { AbsoluteTime, formatDuration } from '../../components/RelativeTime';
import { HttpStatusBadge } from '../../components/StatusBadges';

const ok = (a: Attempt) => isSuccessStatus(a.response?.status);

/**
 * Every attempt with its outcome, duration and error; the next retry when one is scheduled —
 * shown as paused while its webhook is disabled (the engine holds it until re-enabled).
 */
export function AttemptTimeline({
  delivery,
  attempts,
  selected,
  onSelect,
  webhookEnabled = true,
}: {
  delivery: Delivery;
  attempts: Attempt[];
  selected: number | null;
  onSelect: (n: number) => void;
  webhookEnabled?: boolean;
}) {
  const upcoming = delivery.nextAttemptAt !== null && (delivery.status === 'retrying' || delivery.status === 'pending');
  const active = attempts.length - 1 + (upcoming ? 1 : 0);
  const last = attempts[attempts.length - 1];
  return (
    <Timeline active={active} bulletSize={22} lineWidth={2} aria-label="Attempts">
      {attempts.map((a, i) => {
        const previous = attempts[i - 1];
        const inFlight = a.finishedAt === null;
        const color = inFlight ? 'blue' : ok(a) ? 'teal' : 'red';
        return (
          <Timeline.Item
            key={a.id}
            color={color}
            bullet={
              inFlight ? (
                <IconClock size={12} />
              ) : ok(a) ? (
                <IconCheck size={12} />
              ) : a.errorClass && a.errorClass !== 'http' ? (
                <IconAlertTriangle size={12} />
              ) : (
                <IconX size={12} />
              )
            }
            title={
              <Group gap={6} style={{ cursor: 'pointer' }} onClick={() => onSelect(a.number)} data-attempt={a.number}>
                <Text
                  size="sm"
                  fw={selected === a.number ? 700 : 500}
                  td={selected === a.number ? 'underline' : undefined}
                >
                  Attempt {a.number}
                </Text>
                {a.trigger !== 'scheduled' && (
                  <Badge size="xs" variant="light" color="gray">
                    {a.trigger.replace('_', ' ')}
                  </Badge>
                )}
                <HttpStatusBadge code={a.response?.status ?? null} error={a.errorMessage} />
                <Text size="xs" ff="monospace" c="dimmed">
                  {inFlight ? 'in flight' : formatDuration(a.durationMs)}
                </Text>
              </Group>
            }
          >
            <Text size="xs" c="dimmed" data-attempt-time={a.number}>
              started <AbsoluteTime at={a.startedAt} size="xs" />
              {previous && ` · ${formatDuration(a.startedAt - previous.startedAt)} after attempt ${previous.number}`}
              {a.startedAt - a.scheduledAt > 1000 && ` (${formatDuration(a.startedAt - a.scheduledAt)} after due)`}
            </Text>
            {a.errorClass && (
              <Text size="xs" c="red" ff="monospace">
                {a.errorClass}
                {a.errorMessage ? `: ${a.errorMessage}` : ''}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
      {upcoming && (
        <Timeline.Item
          color={webhookEnabled ? 'yellow' : 'gray'}
          bullet={webhookEnabled ? <IconClock size={12} /> : <IconPlayerPause size={12} />}
          title={
            <Text size="sm" fw={500}>
              Attempt {attempts.length + 1} {webhookEnabled ? 'scheduled' : 'paused'}
            </Text>
          }
          lineVariant="dashed"
        >
          <Text size="xs" c="dimmed" data-attempt-time="next">
            {webhookEnabled
              ? 'due '
              : 'the webhook is disabled; it goes out once the webhook is enabled again (was due '}
            <AbsoluteTime at={delivery.nextAttemptAt!} size="xs" />
            {last && ` · ${formatDuration(delivery.nextAttemptAt! - last.startedAt)} after attempt ${last.number}`}
            {webhookEnabled ? '' : ')'}
          </Text>
        </Timeline.Item>
      )}
    </Timeline>
  );
}
