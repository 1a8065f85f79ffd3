import { Box, Button, Flex, Group, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import type { CatalogId, CatalogSummary } from '../../../src-main/api/catalogTypes';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { useRouter } from '../../stores/router';
import { currentWorkspaceId } from '../../stores/workspace';
import { catalogParam, catalogTitle, useCatalogList } from './catalogQueries';
import { DriftPanel } from './DriftPanel';
import { ImportModal } from './ImportModal';
import { TypeDetail } from './TypeDetail';
import { TypeList } from './TypeList';

/** Saves a JSON document as a file (a download in the browser; the desktop asks where). */
function download(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function CatalogPicker({
  list,
  value,
  onChange,
}: {
  list: CatalogSummary[];
  value: CatalogId;
  onChange: (id: CatalogId) => void;
}) {
  return (
    <SegmentedControl
      value={value}
      onChange={(v) => onChange(v as CatalogId)}
      aria-label="Catalog"
      data={list.map((c) => ({
        value: c.id,
        label: (
          <Group gap={6} wrap="nowrap" justify="center">
            <span>{c.title}</span>
            <Text span size="xs" c="dimmed" data-type-count>
              {c.typeCount}
            </Text>
          </Group>
        ),
      }))}
    />
  );
}

/** Browse the event catalogs: types by category, schema beside sample, import / export, drift. */
export function CatalogPage() {
  const params = useRouter((s) => s.route.params);
  const setParams = useRouter((s) => s.setParams);
  const catalog = catalogParam(params.catalog);
  const tab = params.tab === 'drift' ? 'drift' : 'types';
  const list = useCatalogList();
  const types = useLiveQuery(
    () => client.call('catalogs.types', { workspaceId: currentWorkspaceId(), catalog }),
    [catalog],
  );
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const summary = list.data?.find((c) => c.id === catalog) ?? null;
  const title = catalogTitle(list.data, catalog);
  const shown =
    types.data && types.data[0]?.catalog !== undefined && types.data[0].catalog !== catalog ? null : types.data;
  const selected = shown?.find((t) => t.type === params.type)?.type ?? shown?.[0]?.type ?? null;

  const exportDocument = async () => {
    setExporting(true);
    try {
      const { document: doc } = await client.call('catalogs.export', { workspaceId: currentWorkspaceId(), catalog });
      download(`${catalog}-catalog.openapi.json`, doc);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorText(e) });
    } finally {
      setExporting(false);
    }
  };

  if (list.error) return <ErrorState title="Could not load the catalogs" error={list.error} onRetry={list.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Catalog</Title>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileImport size={14} />}
            onClick={() => setImporting(true)}
          >
            Import…
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            onClick={() => void exportDocument()}
            loading={exporting}
          >
            Export OpenAPI
          </Button>
        </Group>
      </Group>
      {!list.data ? (
        <LoadingState label="Loading the catalogs…" />
      ) : (
        <Stack gap={4}>
          <Box style={{ overflowX: 'auto' }}>
            <CatalogPicker
              list={list.data}
              value={catalog}
              onChange={(id) => setParams({ catalog: id === 'hookbench' ? undefined : id, type: undefined })}
            />
          </Box>
          {summary && (
            <Text size="xs" c="dimmed" data-catalog-source>
              {summary.source}
              {summary.scheme && (
                <>
                  {' '}
                  · sent as {summary.title} sends them from a webhook whose scheme is{' '}
                  <Text span ff="monospace" fz="xs">
                    {summary.scheme}
                  </Text>
                </>
              )}
            </Text>
          )}
        </Stack>
      )}
      <Tabs value={tab} onChange={(t) => setParams({ tab: t === 'drift' ? 'drift' : undefined })}>
        <Tabs.List>
          <Tabs.Tab value="types">Types</Tabs.Tab>
          <Tabs.Tab value="drift">Drift</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="types" pt="md">
          {types.error ? (
            <ErrorState title={`Could not load the ${title} types`} error={types.error} onRetry={types.refetch} />
          ) : !shown ? (
            <LoadingState label={`Loading the ${title} types…`} />
          ) : (
            <Flex gap="md" direction={{ base: 'column', sm: 'row' }} align={{ base: 'stretch', sm: 'flex-start' }}>
              <Box w={{ base: '100%', sm: 260, xl: 300 }} style={{ flexShrink: 0 }}>
                <TypeList types={shown} selected={selected} onSelect={(type) => setParams({ type })} />
              </Box>
              <Box style={{ flex: 1, minWidth: 0 }}>
                {selected ? (
                  <TypeDetail
                    key={`${catalog}:${selected}`}
                    catalog={catalog}
                    type={selected}
                    onChanged={types.refetch}
                  />
                ) : (
                  <EmptyState title={`The ${title} catalog has no types yet`}>
                    {catalog === 'hookbench'
                      ? 'Import an OpenAPI or AsyncAPI document, or add a custom type on the Fire event page.'
                      : 'Nothing to show.'}
                  </EmptyState>
                )}
              </Box>
            </Flex>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="drift" pt="md">
          {tab === 'drift' && (
            <DriftPanel catalog={catalog} title={title} onOpen={(type) => setParams({ tab: undefined, type })} />
          )}
        </Tabs.Panel>
      </Tabs>
      <ImportModal
        opened={importing}
        onClose={() => setImporting(false)}
        onApplied={(plan) => {
          notifications.show({
            color: 'teal',
            message: `Imported ${plan.changes.filter((c) => c.change !== 'unchanged').length} event types into the Hookbench catalog`,
          });
          list.refetch();
          if (catalog === 'hookbench') types.refetch();
          else setParams({ catalog: undefined, type: undefined });
        }}
      />
    </Stack>
  );
}
