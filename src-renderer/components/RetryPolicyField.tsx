import { Group, Input, Select, Switch, Text, TextInput } from '@mantine/core';
import { RETRY_PRESETS, RETRY_PRESET_NAMES, type RetryPolicy, type RetryPresetName } from '../../src-main/api/schemas';
import { MONO_INPUT } from '../theme/theme';
import { numberListOf, numbersOf } from './numberText';

/** Editable form of a retry policy: a preset, or custom delays typed as "1, 2, 4". */
export interface RetryDraft {
  mode: RetryPresetName | 'custom';
  delaysText: string;
  jitter: boolean;
}

export function retryDraftOf(p: RetryPolicy | undefined): RetryDraft {
  if (!p) return { mode: 'exponential', delaysText: '', jitter: true };
  if (p.delays) return { mode: 'custom', delaysText: p.delays.join(', '), jitter: p.jitter };
  return { mode: p.preset ?? 'exponential', delaysText: '', jitter: p.jitter };
}

/** The policy to send; a custom delay that is not a number goes as typed, so the contract names that item. */
export function retryPolicyOf(d: RetryDraft): RetryPolicy {
  if (d.mode === 'custom') return { delays: numberListOf(d.delaysText), jitter: d.jitter };
  return { preset: d.mode, jitter: d.jitter };
}

export function describeDelays(delays: readonly number[]): string {
  const fmt = (s: number) =>
    s >= 3600 ? `${+(s / 3600).toFixed(1)} h` : s >= 60 ? `${+(s / 60).toFixed(1)} min` : `${s} s`;
  return `${delays.map(fmt).join(', ')} — ${delays.length + 1} attempts in all`;
}

export function RetryPolicyField({
  value,
  onChange,
  error,
}: {
  value: RetryDraft;
  onChange: (d: RetryDraft) => void;
  error?: string;
}) {
  const delays = value.mode === 'custom' ? numbersOf(value.delaysText) : RETRY_PRESETS[value.mode];
  return (
    <Input.Wrapper label="Retry policy" error={error}>
      <Group gap="xs" mt={4} align="flex-start" wrap="nowrap">
        <Select
          size="xs"
          w={150}
          aria-label="Retry preset"
          allowDeselect={false}
          value={value.mode}
          onChange={(m) => m && onChange({ ...value, mode: m as RetryDraft['mode'] })}
          data={[
            ...RETRY_PRESET_NAMES.map((p) => ({ value: p, label: p })),
            { value: 'custom', label: 'custom delays' },
          ]}
        />
        {value.mode === 'custom' && (
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            aria-label="Custom delays (seconds)"
            placeholder="e.g. 1, 5, 30 (seconds)"
            value={value.delaysText}
            error={Boolean(error)}
            onChange={(e) => onChange({ ...value, delaysText: e.currentTarget.value })}
            styles={MONO_INPUT}
          />
        )}
        <Switch
          size="xs"
          mt={6}
          label="±20 % jitter"
          checked={value.jitter}
          onChange={(e) => onChange({ ...value, jitter: e.currentTarget.checked })}
        />
      </Group>
      {delays && delays.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Delays after each failed attempt: {describeDelays(delays)}
        </Text>
      )}
    </Input.Wrapper>
  );
}
