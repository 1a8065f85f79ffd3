import { Badge, Card, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DiffResult } from '../../../src-main/api/diffTypes';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { DiffView } from '../../components/compare/DiffView';
import { VerdictBadge } from '../../components/StatusBadges';

/**
 * The original against what arrived, from `diff.compare`. Only a replay that reached one of this
 * receiver's inboxes was stored, so only then is there a right-hand side to compare.
 */
export function ReplayDiff({ left, right, url }: { left: string; right: string | null; url: string }) {
  const [diff, setDiff] = useState<DiffResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!right) return;
    let live = true;
    client.call('diff.compare', { left, right }).then(
      (d) => live && setDiff(d),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [left, right]);

  return (
    <Card withBorder padding="sm" radius="md" role="region" aria-label="Replay diff">
      <Group gap="xs" mb={6}>
        <Text size="sm" fw={600}>
          Diff: original → as received
        </Text>
        {diff?.right.verdict && (
          <VerdictBadge
            request={{
              valid: diff.right.verdict.valid,
              reason: diff.right.verdict.reason ?? null,
              duplicate: false,
              inboxId: diff.right.id,
            }}
          />
        )}
        {diff?.identical && (
          <Badge size="sm" variant="light" color="gray">
            identical
          </Badge>
        )}
      </Group>
      {!right ? (
        <Text size="sm" c="dimmed">
          No diff: the replay went to {url}, not to an inbox of this receiver, so what arrived there is not stored here.
          The requests are shown side by side above.
        </Text>
      ) : error ? (
        <Text size="sm" c="red">
          {error}
        </Text>
      ) : !diff ? (
        <Text size="sm" c="dimmed">
          Comparing…
        </Text>
      ) : (
        <DiffView diff={diff} />
      )}
    </Card>
  );
}
