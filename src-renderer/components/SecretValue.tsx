import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { CopyIconButton } from './CopyIconButton';

export const maskSecret = (s: string) =>
  s.length <= 10 ? '•'.repeat(s.length) : `${s.slice(0, 6)}${'•'.repeat(14)}${s.slice(-2)}`;

/** A credential (a header value, a URL password): an auth scheme in front (`Bearer`, `Basic`) stays, the rest is hidden whole. */
export const maskCredential = (s: string) => {
  const scheme = /^([A-Za-z][\w-]*) +\S/.exec(s)?.[1];
  return `${scheme ? `${scheme} ` : ''}${'•'.repeat(10)}`;
};

/** A secret, hidden until revealed, copyable; extra actions (rotate, remove) go on the right. `masked`: what shows while hidden (default {@link maskSecret}). */
export function SecretValue({
  secret,
  actions,
  label = 'secret',
  masked,
}: {
  secret: string;
  actions?: ReactNode;
  label?: string;
  masked?: string;
}) {
  const [shown, setShown] = useState(false);
  return (
    <Group gap={4} wrap="nowrap">
      <Text ff="monospace" fz={12} style={{ wordBreak: 'break-all', flex: 1 }} data-secret={shown ? 'shown' : 'hidden'}>
        {shown ? secret : (masked ?? maskSecret(secret))}
      </Text>
      <Tooltip label={shown ? `Hide ${label}` : `Reveal ${label}`}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          onClick={() => setShown((v) => !v)}
          aria-label={shown ? `Hide ${label}` : `Reveal ${label}`}
        >
          {shown ? <IconEyeOff size={14} /> : <IconEye size={14} />}
        </ActionIcon>
      </Tooltip>
      <CopyIconButton value={secret} label={`Copy ${label}`} />
      {actions}
    </Group>
  );
}
