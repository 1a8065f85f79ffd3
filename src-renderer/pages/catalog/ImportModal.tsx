import { Alert, Badge, Button, FileButton, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ImportChange, ImportPlan } from '../../../src-main/api/catalogTypes';
import { MAX_CATALOG_DOCUMENT_BYTES } from '../../../src-main/api/contract/catalogs';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { currentWorkspaceId } from '../../stores/workspace';

const CHANGE_COLOR: Record<ImportChange['change'], string> = { add: 'teal', update: 'orange', unchanged: 'gray' };
const FORMAT_TEXT: Record<ImportPlan['format'], string> = {
  'openapi-3.1': 'OpenAPI 3.1 webhooks',
  'asyncapi-2': 'AsyncAPI 2',
  'asyncapi-3': 'AsyncAPI 3',
  'hookbench-openapi': 'a Hookbench export (OpenAPI 3.1)',
};

function ChangeList({ plan }: { plan: ImportPlan }) {
  const counts = (['add', 'update', 'unchanged'] as const).map((c) => [
    c,
    plan.changes.filter((x) => x.change === c).length,
  ]);
  return (
    <Stack gap={6}>
      <Text size="sm">
        {plan.title ? <b>{plan.title}</b> : 'The document'} ({FORMAT_TEXT[plan.format]}):{' '}
        {counts
          .filter(([, n]) => n)
          .map(([c, n]) => `${n} to ${c === 'unchanged' ? 'leave as they are' : c}`)
          .join(', ') || 'no event types'}
        {plan.applied ? ' — applied.' : '.'}
      </Text>
      {plan.changes.length > 0 && (
        <div style={{ maxHeight: 220, overflow: 'auto' }}>
          <Table verticalSpacing={4} aria-label="Import changes" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Type</Table.Th>
                <Table.Th w={110}>Change</Table.Th>
                <Table.Th w="35%">What differs</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.changes.map((c) => (
                <Table.Tr key={c.type} data-import-type={c.type} data-change={c.change}>
                  <Table.Td>
                    <Text ff="monospace" fz={12} style={{ overflowWrap: 'anywhere' }}>
                      {c.type}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={CHANGE_COLOR[c.change]}>
                      {c.change}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {c.fields.join(', ') || '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}

/** Paste or choose an OpenAPI 3.1 / AsyncAPI document, see what it would change (dry run), then apply it. */
export function ImportModal({
  opened,
  onClose,
  onApplied,
}: {
  opened: boolean;
  onClose: () => void;
  onApplied: (plan: ImportPlan) => void;
}) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'dry' | 'apply' | null>(null);

  useEffect(() => {
    if (!opened) return;
    setText('');
    setFileName(null);
    setPlan(null);
    setError(null);
  }, [opened]);

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'dry' : 'apply');
    setError(null);
    try {
      const p = await client.call('catalogs.import', { workspaceId: currentWorkspaceId(), document: text, dryRun });
      setPlan(p);
      if (!dryRun) onApplied(p);
    } catch (e) {
      setPlan(null);
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  const choose = async (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_CATALOG_DOCUMENT_BYTES) {
      setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB: a document is at most 5 MiB.`);
      return;
    }
    setText(await file.text());
    setFileName(file.name);
    setPlan(null);
    setError(null);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Import event types" size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          An OpenAPI 3.1 document&apos;s <code>webhooks</code>, or an AsyncAPI 2.x / 3.x document, in JSON or YAML. Its
          event types, schemas and examples join this workspace&apos;s Hookbench catalog; importing it again updates
          them in place.
        </Text>
        <Group gap="xs">
          <FileButton onChange={(f) => void choose(f)} accept=".json,.yaml,.yml,application/json,application/yaml">
            {(props) => (
              <Button size="xs" variant="default" leftSection={<IconFileUpload size={14} />} {...props}>
                Choose a file…
              </Button>
            )}
          </FileButton>
          {fileName && (
            <Text size="xs" c="dimmed" ff="monospace">
              {fileName}
            </Text>
          )}
        </Group>
        <Textarea
          label="Document"
          placeholder={'openapi: 3.1.0\ninfo: { title: Orders, version: "1" }\nwebhooks:\n  order.created: …'}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPlan(null);
          }}
          autosize
          minRows={plan ? 4 : 8}
          maxRows={plan ? 6 : 14}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        />
        {error && (
          <Alert color="red" variant="light" title="The document cannot be imported" role="alert">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {error}
            </Text>
          </Alert>
        )}
        {plan && <ChangeList plan={plan} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {plan?.applied ? 'Close' : 'Cancel'}
          </Button>
          <Button variant="light" onClick={() => void run(true)} disabled={!text.trim()} loading={busy === 'dry'}>
            Dry run
          </Button>
          <Button
            onClick={() => void run(false)}
            disabled={!plan || plan.applied || !text.trim()}
            loading={busy === 'apply'}
            title={plan ? undefined : 'Run a dry run first to see what would change'}
          >
            Apply
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
