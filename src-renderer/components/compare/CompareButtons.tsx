import { Button, Group, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsDiff, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { errorText } from '../../api/errorText';
import { useCompare, type CompareSubject } from '../../stores/compare';

/**
 * In a detail drawer: "Compare…" picks this one; with another picked, "Compare with …" opens the
 * two side by side. "Compare with previous" finds the previous one of the same kind (`previous`
 * resolves it, or null when there is none).
 */
export function CompareButtons({
  subject,
  previous,
  previousLabel,
}: {
  subject: CompareSubject;
  previous: () => Promise<CompareSubject | null>;
  previousLabel: string;
}) {
  const { picked, pick, show, clear } = useCompare();
  const [finding, setFinding] = useState(false);
  const other = picked && picked.ref !== subject.ref ? picked : null;

  const withPrevious = async () => {
    setFinding(true);
    try {
      const prev = await previous();
      if (prev) show(prev, subject);
      else notifications.show({ color: 'gray', message: `No earlier ${previousLabel} to compare with.` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Compare failed', message: errorText(e) });
    } finally {
      setFinding(false);
    }
  };

  return (
    <Group gap="xs">
      {other ? (
        <>
          <Button size="xs" leftSection={<IconArrowsDiff size={14} />} onClick={() => show(other, subject)}>
            Compare with {other.label}
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={clear}>
            Cancel compare
          </Button>
        </>
      ) : picked?.ref === subject.ref ? (
        <Tooltip label="Open another delivery or received request, on any page, and compare it with this one">
          <Button size="xs" variant="light" leftSection={<IconArrowsDiff size={14} />} onClick={clear}>
            Picked — cancel
          </Button>
        </Tooltip>
      ) : (
        <Tooltip label="Pick this one, then open another delivery or request to compare them side by side">
          <Button size="xs" variant="default" leftSection={<IconArrowsDiff size={14} />} onClick={() => pick(subject)}>
            Compare…
          </Button>
        </Tooltip>
      )}
      <Button
        size="xs"
        variant="default"
        leftSection={<IconHistory size={14} />}
        loading={finding}
        onClick={() => void withPrevious()}
      >
        Compare with previous
      </Button>
    </Group>
  );
}
