import { BarChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, Text } from '@mantine/core';
import type { Stats } from '../../../src-main/api/logTypes';

function label(t: number, bucket: 'hour' | 'day'): string {
  const d = new Date(t);
  return bucket === 'hour' ? `${String(d.getHours()).padStart(2, '0')}:00` : `${d.getMonth() + 1}/${d.getDate()}`;
}

/** Succeeded and failed deliveries per hour or day. */
export function DeliveriesChart({
  stats,
  bucket,
  onBucket,
}: {
  stats: Stats | null;
  bucket: 'hour' | 'day';
  onBucket: (b: 'hour' | 'day') => void;
}) {
  const data = (stats?.series ?? []).map((p) => ({ t: label(p.t, bucket), succeeded: p.succeeded, failed: p.failed }));
  return (
    <Card withBorder padding="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="sm">
          Deliveries over time
        </Text>
        <SegmentedControl
          size="xs"
          value={bucket}
          onChange={(v) => onBucket(v as 'hour' | 'day')}
          data={[
            { value: 'hour', label: 'Per hour (24 h)' },
            { value: 'day', label: 'Per day (30 d)' },
          ]}
        />
      </Group>
      {data.every((p) => p.succeeded === 0 && p.failed === 0) ? (
        <Text size="sm" c="dimmed" py={60} ta="center">
          No deliveries in this period yet.
        </Text>
      ) : (
        <BarChart
          h={200}
          data={data}
          dataKey="t"
          type="stacked"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 24 }}
          series={[
            { name: 'succeeded', color: 'teal.6' },
            { name: 'failed', color: 'red.6' },
          ]}
          tickLine="none"
          yAxisProps={{ allowDecimals: false }}
          gridAxis="y"
        />
      )}
    </Card>
  );
}
