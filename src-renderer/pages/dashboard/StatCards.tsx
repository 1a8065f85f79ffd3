import { Card, SimpleGrid, Text } from '@mantine/core';
import type { StatsTotals } from '../../../src-main/api/logTypes';
import { formatDuration } from '../../components/RelativeTime';

export const percent = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(r === 1 || r === 0 ? 0 : 1)} %`;

function Stat({ label, value, hint, color }: { label: string; value: string; hint?: string; color?: string }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={700} c={color} ff="monospace">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

export function StatCards({ totals }: { totals: StatsTotals | null }) {
  const rateColor =
    totals?.successRate == null
      ? undefined
      : totals.successRate >= 0.95
        ? 'teal'
        : totals.successRate >= 0.8
          ? 'yellow'
          : 'red';
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      <Stat
        label="Deliveries"
        value={(totals?.total ?? 0).toLocaleString()}
        hint={totals ? `${totals.inProgress} in progress` : undefined}
      />
      <Stat
        label="Success rate"
        value={percent(totals?.successRate)}
        color={rateColor}
        hint={totals ? `${totals.succeeded} ok · ${totals.failed} failed` : undefined}
      />
      <Stat label="Avg attempts" value={totals?.avgAttempts == null ? '—' : totals.avgAttempts.toFixed(2)} />
      <Stat
        label="Duration"
        value={formatDuration(totals?.avgDurationMs)}
        hint={`p95 ${formatDuration(totals?.p95DurationMs)}`}
      />
    </SimpleGrid>
  );
}
