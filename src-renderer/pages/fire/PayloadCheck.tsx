import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { CatalogId, SchemaIssue, SchemaVerdictStatus } from '../../../src-main/api/catalogTypes';
import { HookbenchError } from '../../../src-main/api/errors';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { parseJson } from '../../components/json';
import { issueCount, pointerText, SchemaIssues } from '../../components/SchemaIssues';
import { currentWorkspaceId } from '../../stores/workspace';

/** How long typing pauses before the payload is checked. */
const CHECK_DELAY_MS = 350;

export interface PayloadVerdict {
  status: SchemaVerdictStatus;
  issues: SchemaIssue[];
}

/**
 * The editor's payload checked against the type's schema as the person types: `checking` from an
 * edit until its answer (the previous verdict is gone by then), null when it is not a JSON object.
 */
export function usePayloadCheck(catalog: CatalogId, type: string | null, payload: string) {
  const [verdict, setVerdict] = useState<PayloadVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    const parsed = parseJson(payload);
    const isObject =
      parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value);
    setVerdict(null);
    setError(null);
    setChecking(Boolean(type && isObject));
    if (!type || !isObject) return;
    let live = true;
    const timer = setTimeout(() => {
      client.call('catalogs.check', { workspaceId: currentWorkspaceId(), catalog, type, payload: parsed.value }).then(
        (v) => {
          if (!live) return;
          setVerdict(v);
          setChecking(false);
        },
        (e: unknown) => {
          if (!live) return;
          setError(errorText(e));
          setChecking(false);
        },
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [catalog, type, payload]);
  return { verdict, error, checking };
}

/** What the check found, under the editor: each issue's JSON path, message, expected and found. */
export function PayloadCheck({
  type,
  verdict,
  error,
  checking,
}: {
  type: string;
  verdict: PayloadVerdict | null;
  error: string | null;
  checking: boolean;
}) {
  if (checking)
    return (
      <Text size="xs" c="dimmed" mt={6} data-schema-check="checking">
        Checking against the schema of {type}…
      </Text>
    );
  if (error)
    return (
      <Text size="xs" c="orange.8" mt={6} data-schema-check="failed">
        Could not check the payload against the schema: {error}
      </Text>
    );
  if (!verdict) return null;
  if (verdict.status === 'valid')
    return (
      <Group gap={4} mt={6} data-schema-check="valid">
        <IconCircleCheck size={14} color="var(--mantine-color-teal-6)" />
        <Text size="xs" c="teal">
          Matches the schema of {type}
        </Text>
      </Group>
    );
  if (verdict.status !== 'invalid')
    return (
      <Text size="xs" c="dimmed" mt={6} data-schema-check={verdict.status}>
        {verdict.status === 'no_schema'
          ? `${type} has no schema: nothing to check the payload against.`
          : `Not checked (${verdict.status.replace(/_/g, ' ')}).`}
      </Text>
    );
  return (
    <Stack gap={4} mt={6} data-schema-check="invalid" role="region" aria-label="Schema errors">
      <Group gap={4}>
        <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />
        <Text size="xs" c="red" fw={600}>
          {issueCount(verdict.issues.length, 'schema error')}: the payload breaks the schema of {type}
        </Text>
      </Group>
      <SchemaIssues issues={verdict.issues} label="Payload schema errors" />
    </Stack>
  );
}

/**
 * A fire refused because the payload breaks its schema: the API's issues (field `data/<pointer>`) as
 * schema issues, or null when the error is about something else.
 */
export function schemaRefusal(e: unknown): { message: string; issues: SchemaIssue[] } | null {
  if (!(e instanceof HookbenchError) || e.code !== 'validation') return null;
  const issues = (e.issues ?? [])
    .filter((i) => i.field === 'data' || i.field.startsWith('data/'))
    .map((i) => {
      const path = i.field.slice('data'.length);
      // The API's message starts with the path ("/email: must be string …"): it is shown apart.
      const where = `${pointerText(path)}: `;
      return { path, message: i.message.startsWith(where) ? i.message.slice(where.length) : i.message };
    });
  return issues.length ? { message: e.message, issues } : null;
}

/** The refusal's issues with the expected / found of the live check of the same payload, where it has them. */
export function withDetail(
  refusal: { message: string; issues: SchemaIssue[] },
  verdict: PayloadVerdict | null,
): { message: string; issues: SchemaIssue[] } {
  if (!verdict) return refusal;
  const byPath = new Map(verdict.issues.map((i) => [i.path, i]));
  return { ...refusal, issues: refusal.issues.map((i) => byPath.get(i.path) ?? i) };
}

/** The API refused to fire: say where the payload breaks its schema, and offer to send it anyway. */
export function FireRefused({
  type,
  refusal,
  sending,
  onSendAnyway,
}: {
  type: string;
  refusal: { message: string; issues: SchemaIssue[] };
  sending: boolean;
  onSendAnyway: () => void;
}) {
  // It appears under the Fire button, which can be the bottom of the window: bring it into view.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A block: scrollIntoView returns a promise in newer browsers, which must not be taken for a cleanup.
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <Alert
      ref={ref}
      color="red"
      variant="light"
      mt="sm"
      title={`Not sent: the payload breaks the schema of ${type}`}
      role="alert"
    >
      <Stack gap="xs">
        <SchemaIssues issues={refusal.issues} label="Why it was refused" />
        <Group justify="space-between" align="center" gap="xs">
          <Text size="xs" c="orange.8" style={{ flex: 1, minWidth: 200 }}>
            Send anyway delivers this payload as it is, schema errors and all — for testing how a receiver handles bad
            data. Real senders would not send it.
          </Text>
          <Button size="xs" color="orange" onClick={onSendAnyway} loading={sending}>
            Send anyway
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
