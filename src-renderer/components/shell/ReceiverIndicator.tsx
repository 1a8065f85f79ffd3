import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useReceiverStatus } from '../../stores/receiverStatus';
import { hrefOf } from '../../stores/router';

/** The local receiver's state in the header: listening (with its address) or down (with why). */
export function ReceiverIndicator() {
  const status = useReceiverStatus((s) => s.status);
  if (!status) return null;
  const up = status.listening;
  const label = up
    ? `Receiver listening on ${status.url}`
    : `Receiver not running${status.error ? `: ${status.error}` : ''}`;
  return (
    <Tooltip label={label} multiline maw={360}>
      <Badge
        component="a"
        href={hrefOf('receiver')}
        variant="dot"
        color={up ? 'teal' : 'red'}
        size="lg"
        style={{ cursor: 'pointer', textTransform: 'none' }}
        aria-label={label}
      >
        <Group gap={4} wrap="nowrap">
          <Text span size="xs" fw={500} visibleFrom="sm">
            Receiver
          </Text>
          <Text span size="xs" ff="monospace" c="dimmed">
            {up ? `:${status.port}` : 'down'}
          </Text>
        </Group>
      </Badge>
    </Tooltip>
  );
}
