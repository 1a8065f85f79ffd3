import { Group, Text, Textarea } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMemo } from 'react';
import { parseJson } from './json';

interface JsonEditorProps {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  /** An error from the server for this field; shown below the local parse check. */
  error?: string;
  minRows?: number;
  maxRows?: number;
  /** Require a JSON object (not an array or a scalar). */
  objectOnly?: boolean;
}

/** A monospace JSON textarea that flags invalid JSON as you type. */
export function JsonEditor({ label, value, onChange, error, minRows = 12, maxRows = 24, objectOnly }: JsonEditorProps) {
  const parsed = useMemo(() => parseJson(value), [value]);
  const notObject =
    parsed.ok &&
    objectOnly &&
    (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value));
  const localError = !parsed.ok
    ? `Invalid JSON: ${parsed.error}`
    : notObject
      ? 'must be a JSON object { … }'
      : undefined;
  return (
    <div>
      <Textarea
        label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={minRows}
        maxRows={maxRows}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12, lineHeight: 1.5 } }}
        error={localError ?? error}
        aria-invalid={Boolean(localError ?? error)}
      />
      {!localError && !error && (
        <Group gap={4} mt={4}>
          <IconCircleCheck size={14} color="var(--mantine-color-teal-6)" />
          <Text size="xs" c="dimmed">
            Valid JSON
          </Text>
        </Group>
      )}
    </div>
  );
}

/** Whether the editor's text is sendable (parses, and is an object when required). */
export function jsonEditorValid(value: string, objectOnly = false): boolean {
  const p = parseJson(value);
  if (!p.ok) return false;
  return !objectOnly || (typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value));
}
