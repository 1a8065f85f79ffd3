import { Group, NumberInput, SimpleGrid, Stack, Textarea } from '@mantine/core';
import type { ResponseRule } from '../../src-main/api/receiverTypes';
import { errorFor } from '../api/errorText';
import { HeadersEditor, headerRowsOf, headersOf, type HeaderRows } from './HeadersEditor';
import { numberOf } from './numberText';

type RuleNumber = 'status' | 'delayMs' | 'failurePercent' | 'failFirst' | 'failStatus';
const RULE_NUMBERS: readonly RuleNumber[] = ['status', 'delayMs', 'failurePercent', 'failFirst', 'failStatus'];

/** Editable response rule: headers as rows so half-typed ones survive, numbers as typed (never clamped). */
export interface RuleDraft extends Omit<ResponseRule, 'headers' | RuleNumber> {
  headerRows: HeaderRows;
  status: number | string;
  delayMs: number | string;
  failurePercent: number | string;
  failFirst: number | string;
  failStatus: number | string;
}

export const DEFAULT_RULE: ResponseRule = {
  status: 200,
  headers: {},
  body: '',
  delayMs: 0,
  failurePercent: 0,
  failFirst: 0,
  failStatus: 500,
};

export const ruleDraftOf = ({ headers, ...rest }: ResponseRule = DEFAULT_RULE): RuleDraft => ({
  ...rest,
  headerRows: headerRowsOf(headers),
});
/** The rule to send; a number field that is empty or not a number goes as typed, so the contract names it. */
export const ruleOf = ({ headerRows, ...rest }: RuleDraft): ResponseRule => ({
  ...rest,
  ...(Object.fromEntries(RULE_NUMBERS.map((k) => [k, numberOf(rest[k])])) as Pick<ResponseRule, RuleNumber>),
  headers: headersOf(headerRows),
});

/**
 * The response an inbox answers with; `errors` are keyed like the contract's fields under
 * `prefix` (e.g. `responseRule.status`). Numbers are not clamped: a value out of range stays as
 * typed and the contract's error says the range.
 */
export function ResponseRuleFields({
  value,
  onChange,
  errors,
  prefix = 'responseRule',
  compact,
}: {
  value: RuleDraft;
  onChange: (r: RuleDraft) => void;
  errors: Record<string, string>;
  prefix?: string;
  compact?: boolean;
}) {
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => onChange({ ...value, [k]: v });
  const err = (f: string) => errorFor(errors, `${prefix}.${f}`);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
        <NumberInput
          size="xs"
          clampBehavior="none"
          label="Status"
          min={200}
          max={599}
          value={value.status}
          onChange={(v) => set('status', v)}
          error={err('status')}
          description="answered normally"
        />
        <NumberInput
          size="xs"
          clampBehavior="none"
          label="Delay (ms)"
          min={0}
          max={120000}
          step={100}
          value={value.delayMs}
          onChange={(v) => set('delayMs', v)}
          error={err('delayMs')}
          description="before answering"
        />
        <NumberInput
          size="xs"
          clampBehavior="none"
          label="Fail the first N"
          min={0}
          value={value.failFirst}
          onChange={(v) => set('failFirst', v)}
          error={err('failFirst')}
          description="requests, then answer normally"
        />
        <NumberInput
          size="xs"
          clampBehavior="none"
          label="Failure %"
          min={0}
          max={100}
          value={value.failurePercent}
          onChange={(v) => set('failurePercent', v)}
          error={err('failurePercent')}
          description="chance of failing"
        />
        <NumberInput
          size="xs"
          clampBehavior="none"
          label="Failure status"
          min={300}
          max={599}
          value={value.failStatus}
          onChange={(v) => set('failStatus', v)}
          error={err('failStatus')}
          description="answered when failing"
        />
      </SimpleGrid>
      {!compact && (
        <Group grow align="flex-start">
          <Textarea
            size="xs"
            label="Body"
            autosize
            minRows={2}
            maxRows={8}
            value={value.body}
            onChange={(e) => set('body', e.currentTarget.value)}
            error={err('body')}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <HeadersEditor
            label="Response headers"
            value={value.headerRows}
            onChange={(rows) => set('headerRows', rows)}
            errors={errors}
            field={`${prefix}.headers`}
          />
        </Group>
      )}
    </Stack>
  );
}
