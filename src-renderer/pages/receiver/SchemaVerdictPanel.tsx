import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconFileCheck, IconFileX } from '@tabler/icons-react';
import type { SchemaVerdict } from '../../../src-main/api/catalogTypes';
import { issueCount, SCHEMA_STATUS, SchemaIssues } from '../../components/SchemaIssues';
import { hrefOf } from '../../stores/router';

const COLOR = { valid: 'teal', invalid: 'red', unknown_type: 'orange', no_schema: 'gray', not_json: 'orange' } as const;

/** The request's contract check beside its signature verdict: status, matched type, and each issue with path, expected and found. */
export function SchemaVerdictPanel({ verdict }: { verdict: SchemaVerdict }) {
  const { status, type, catalog, issues } = verdict;
  const title =
    status === 'valid'
      ? 'Schema valid'
      : status === 'invalid'
        ? `Schema invalid: ${issueCount(issues.length)}`
        : `Schema not checked: ${SCHEMA_STATUS[status].badge}`;
  return (
    <section aria-label="Schema verdict" data-schema-status={status} style={{ minWidth: 0 }}>
      <Alert
        color={COLOR[status]}
        variant="light"
        icon={status === 'valid' ? <IconFileCheck size={20} /> : <IconFileX size={20} />}
        title={title}
      >
        <Stack gap={6}>
          <Group gap="xs">
            <Badge variant="outline" color="gray" tt="none">
              catalog {catalog}
            </Badge>
            {type && (
              <Badge
                variant="outline"
                color="gray"
                tt="none"
                ff="monospace"
                component="a"
                href={hrefOf('catalog', null, { catalog: catalog === 'hookbench' ? undefined : catalog, type })}
                style={{ cursor: 'pointer' }}
                title="Open the type in the catalog"
              >
                {type}
              </Badge>
            )}
          </Group>
          {status === 'unknown_type' && (
            <Text size="sm">
              {type ? (
                <>
                  The request names{' '}
                  <Text span ff="monospace">
                    {type}
                  </Text>
                  , which the {catalog} catalog does not have.
                </>
              ) : (
                <>The request names no event type the {catalog} catalog knows, so there was no schema to check.</>
              )}
            </Text>
          )}
          {status === 'no_schema' && (
            <Text size="sm">
              The type has no schema yet.{' '}
              <Anchor
                size="sm"
                href={hrefOf('catalog', null, {
                  catalog: catalog === 'hookbench' ? undefined : catalog,
                  type: type ?? undefined,
                })}
              >
                Add or infer one
              </Anchor>
              .
            </Text>
          )}
          {status === 'not_json' && <Text size="sm">The body is not JSON, so it could not be checked.</Text>}
          {issues.length > 0 && <SchemaIssues issues={issues} label="Schema issues" />}
        </Stack>
      </Alert>
    </section>
  );
}
