import { ActionIcon, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { CopyIconButton } from './CopyIconButton';
import { maskCredential } from './SecretValue';

type HeaderList = [string, string][] | Record<string, string>;

const asList = (h: HeaderList): [string, string][] => (Array.isArray(h) ? h : Object.entries(h));

/** Headers as sent or received, in their order, monospace, each value copyable; values `secret` picks are masked until revealed. */
export function HeadersTable({
  headers,
  highlight = [],
  secret,
}: {
  headers: HeaderList | null | undefined;
  highlight?: string[];
  secret?: (name: string) => boolean;
}) {
  const list = headers ? asList(headers) : [];
  if (list.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No headers
      </Text>
    );
  const marked = new Set(highlight.map((h) => h.toLowerCase()));
  const anySecret = secret !== undefined && list.some(([name]) => secret(name));
  return (
    <Table withRowBorders={false} verticalSpacing={2} style={{ tableLayout: 'fixed' }}>
      <Table.Tbody>
        {list.map(([name, value], i) => (
          <HeaderRow
            key={`${name}-${i}`}
            name={name}
            value={value}
            highlighted={marked.has(name.toLowerCase())}
            secret={secret?.(name) ?? false}
            actionsWidth={anySecret ? 56 : 32}
          />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function HeaderRow({
  name,
  value,
  highlighted,
  secret,
  actionsWidth,
}: {
  name: string;
  value: string;
  highlighted: boolean;
  secret: boolean;
  actionsWidth: number;
}) {
  const [shown, setShown] = useState(false);
  const hidden = secret && !shown;
  return (
    <Table.Tr bg={highlighted ? 'var(--mantine-color-yellow-light)' : undefined}>
      <Table.Td w="34%" style={{ verticalAlign: 'top' }}>
        <Text ff="monospace" fz={12} c="dimmed" style={{ wordBreak: 'break-all' }}>
          {name}
        </Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Text
          ff="monospace"
          fz={12}
          style={{ wordBreak: 'break-all' }}
          data-secret={secret ? (shown ? 'shown' : 'hidden') : undefined}
        >
          {hidden ? maskCredential(value) : value}
        </Text>
      </Table.Td>
      <Table.Td w={actionsWidth} style={{ verticalAlign: 'top' }}>
        <Group gap={0} wrap="nowrap" justify="flex-end">
          {secret && (
            <Tooltip label={shown ? `Hide ${name}` : `Reveal ${name}`}>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                onClick={() => setShown((v) => !v)}
                aria-label={shown ? `Hide ${name}` : `Reveal ${name}`}
              >
                {shown ? <IconEyeOff size={14} /> : <IconEye size={14} />}
              </ActionIcon>
            </Tooltip>
          )}
          <CopyIconButton value={value} label={`Copy ${name}`} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
