import type { ChangeEvent } from 'react';
import { ActionIcon, Button, Group, Input, PasswordInput, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconLock, IconLockOpen, IconPlus, IconTrash } from '@tabler/icons-react';
import { errorFor } from '../api/errorText';
import { MONO_INPUT } from '../theme/theme';

export type HeaderRows = [string, string][];

export const headerRowsOf = (h: Record<string, string> | undefined): HeaderRows => Object.entries(h ?? {});
/** Rows with an empty name are dropped. */
export const headersOf = (rows: HeaderRows): Record<string, string> =>
  Object.fromEntries(rows.filter(([n]) => n.trim() !== '').map(([n, v]) => [n.trim(), v]));

/** Which rows hold credentials: their values are masked until revealed, and a lock marks a row secret. */
export interface SecretRows {
  isSecret: (name: string) => boolean;
  /** Always secret (Authorization, …): the lock stays shut. */
  isFixed: (name: string) => boolean;
  onMark: (name: string, secret: boolean) => void;
}

const VALUE_STYLES = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/**
 * Name/value rows for extra request headers or response headers. Given the contract's `errors`
 * and the `field` the rows are (keyed `field.<header name>`), every message shows under the rows
 * and the rows named are marked; `error` is shown as it is.
 */
export function HeadersEditor({
  label,
  description,
  value,
  onChange,
  error,
  errors = {},
  field,
  secret,
}: {
  label: string;
  description?: string;
  value: HeaderRows;
  onChange: (rows: HeaderRows) => void;
  error?: string;
  errors?: Record<string, string>;
  /** The contract field the rows are (`headers`, `responseRule.headers`). */
  field?: string;
  secret?: SecretRows;
}) {
  const rowError = (name: string) => field !== undefined && errors[`${field}.${name.trim()}`] !== undefined;
  const set = (i: number, col: 0 | 1, text: string) =>
    onChange(value.map((row, j) => (j === i ? (col === 0 ? [text, row[1]] : [row[0], text]) : row)));
  /** What a value field is, masked or not. */
  const valueProps = (i: number, v: string) => ({
    size: 'xs' as const,
    placeholder: 'value',
    value: v,
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(i, 1, e.currentTarget.value),
    style: { flex: 3 },
    'aria-label': 'Header value',
    styles: VALUE_STYLES,
  });
  return (
    <Input.Wrapper label={label} description={description} error={error ?? (field && errorFor(errors, field))}>
      <Stack gap={6} mt={4}>
        {value.map(([name, v], i) => (
          <Group key={i} gap={6} wrap="nowrap">
            <TextInput
              size="xs"
              placeholder="Header-Name"
              value={name}
              onChange={(e) => set(i, 0, e.currentTarget.value)}
              styles={MONO_INPUT}
              style={{ flex: 2 }}
              error={rowError(name)}
              aria-label="Header name"
            />
            {secret?.isSecret(name) ? (
              <PasswordInput
                {...valueProps(i, v)}
                autoComplete="off"
                data-secret-header={name}
                visibilityToggleButtonProps={{ 'aria-label': `Show or hide the value of ${name || 'this header'}` }}
              />
            ) : (
              <TextInput {...valueProps(i, v)} />
            )}
            {secret && <SecretLock name={name} secret={secret} />}
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label="Remove header"
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange([...value, ['', '']])}
          w="fit-content"
        >
          Add header
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}

function SecretLock({ name, secret }: { name: string; secret: SecretRows }) {
  const fixed = secret.isFixed(name);
  const on = secret.isSecret(name);
  const what = name.trim() || 'this header';
  const locked = fixed || name.trim() === '';
  const tip = fixed
    ? `${what} always holds a credential: stored sealed, shown as [redacted] in deliveries and exports`
    : on
      ? `Stop treating ${what} as secret`
      : `Mark ${what} secret: stored sealed, shown as [redacted] in deliveries and exports`;
  return (
    <Tooltip label={tip} multiline maw={280}>
      {/* data-disabled, not disabled: a disabled button shows no tooltip, and this one says why it is locked. */}
      <ActionIcon
        variant={on ? 'light' : 'subtle'}
        color={on ? 'yellow' : 'gray'}
        data-disabled={locked || undefined}
        aria-disabled={locked}
        onClick={() => !locked && secret.onMark(name.trim(), !on)}
        aria-label={on ? `${what} is secret` : `Mark ${what} secret`}
        aria-pressed={on}
      >
        {on ? <IconLock size={14} /> : <IconLockOpen size={14} />}
      </ActionIcon>
    </Tooltip>
  );
}
