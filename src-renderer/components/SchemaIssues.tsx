import { Stack, Text } from '@mantine/core';
import { MAX_SCHEMA_ISSUES, type SchemaIssue, type SchemaVerdictStatus } from '../../src-main/api/catalogTypes';
import { LiteBadge } from './LiteBadge';

/** Each schema status in a badge and in a sentence (feed rows, the request drawer, Fire, the filter). */
export const SCHEMA_STATUS: Record<SchemaVerdictStatus, { badge: string; color: string; text: string }> = {
  valid: { badge: 'schema ok', color: 'teal', text: 'matches its schema' },
  invalid: { badge: 'schema errors', color: 'red', text: 'breaks its schema' },
  unknown_type: { badge: 'unknown type', color: 'orange', text: 'names no type of the catalog' },
  no_schema: { badge: 'no schema', color: 'gray', text: 'has no schema to check against' },
  not_json: { badge: 'not JSON', color: 'orange', text: 'is not JSON, so it could not be checked' },
};

/**
 * A count of schema issues with its noun ("1 issue", "3 issues"). A check keeps at most
 * MAX_SCHEMA_ISSUES, so that many reads "20+ issues".
 */
export const issueCount = (count: number, noun = 'issue'): string =>
  count >= MAX_SCHEMA_ISSUES ? `${MAX_SCHEMA_ISSUES}+ ${noun}s` : `${count} ${noun}${count === 1 ? '' : 's'}`;

/** A small badge for a schema status (one span: it appears on every feed row). */
export function SchemaStatusBadge({
  status,
  count,
  first,
}: {
  status: SchemaVerdictStatus;
  count?: number;
  /** The first issue, for the hover text. */
  first?: SchemaIssue | null;
}) {
  const s = SCHEMA_STATUS[status];
  const title = first ? `${pointerText(first.path)} — ${first.message}` : `The payload ${s.text}`;
  return (
    <LiteBadge color={s.color} caseless data-schema-status={status} title={title}>
      {status === 'invalid' && count ? issueCount(count, 'schema error') : s.badge}
    </LiteBadge>
  );
}

/** A JSON Pointer as a person reads it: `''` is the payload itself. */
export const pointerText = (path: string): string => (path === '' ? '(the payload)' : path);

/**
 * Where a payload breaks its schema: each issue's JSON path, what is wrong, and what the schema
 * expects against what the payload has.
 */
export function SchemaIssues({
  issues,
  max = 50,
  label = 'Schema issues',
}: {
  issues: SchemaIssue[];
  /** Issues listed before "… and N more". */
  max?: number;
  label?: string;
}) {
  const shown = issues.slice(0, max);
  return (
    <Stack gap={4} role="list" aria-label={label}>
      {shown.map((issue, i) => (
        <div key={i} role="listitem" data-issue-path={issue.path} style={{ minWidth: 0 }}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span ff="monospace" fz={12} fw={600} c="red">
              {pointerText(issue.path)}
            </Text>{' '}
            — {issue.message}
          </Text>
          {(issue.expected !== undefined || issue.found !== undefined) && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {issue.expected !== undefined && (
                <>
                  expected{' '}
                  <Text span ff="monospace" fz={11} data-expected>
                    {issue.expected}
                  </Text>
                </>
              )}
              {issue.expected !== undefined && issue.found !== undefined && ' · '}
              {issue.found !== undefined && (
                <>
                  found{' '}
                  <Text span ff="monospace" fz={11} data-found>
                    {issue.found}
                  </Text>
                </>
              )}
            </Text>
          )}
        </div>
      ))}
      {issues.length > shown.length && (
        <Text size="xs" c="dimmed">
          … and {issues.length - shown.length} more
        </Text>
      )}
    </Stack>
  );
}
