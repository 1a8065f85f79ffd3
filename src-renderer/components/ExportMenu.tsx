import { Button, Menu, Progress, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { EXPORT_FORMATS, exportFormat, type ExportFormat, type ExportKind } from '../../src-main/api/exportFormats';
import { accessToken, client } from '../api/client';
import { errorText } from '../api/errorText';
import { exportLink } from '../api/exportLink';
import { useExports } from '../stores/exports';
import { currentWorkspaceId } from '../stores/workspace';

export const OPEN_EXPORT_EVENT = 'hookbench:open-export';

/** Export with the current filters: a download link on the web, a save dialog on desktop. */
export function ExportMenu({ kind, filters }: { kind: ExportKind; filters: Record<string, unknown> }) {
  const [running, setRunning] = useState(false);
  const progress = useExports((s) => s.latest);
  const withWorkspace = { ...filters, workspaceId: currentWorkspaceId() };
  const [opened, setOpened] = useState(false);
  // The desktop menu's "Export…" opens the export menu of the page on screen.
  useEffect(() => {
    const open = () => setOpened(true);
    window.addEventListener(OPEN_EXPORT_EVENT, open);
    return () => window.removeEventListener(OPEN_EXPORT_EVENT, open);
  }, []);

  const saveWithDialog = async (format: ExportFormat) => {
    setRunning(true);
    useExports.getState().clear();
    try {
      // Desktop: the native save dialog picks the path; null means the person cancelled it.
      const r = await client.desktop!.saveExport({ kind, format, filters: withWorkspace } as never);
      if (!r) return;
      notifications.show({
        color: 'teal',
        title: 'Export finished',
        message: `${r.rows.toLocaleString()} rows written to ${r.path}`,
      });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorText(e) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal opened={opened} onChange={setOpened}>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} loading={running}>
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Export {kind} with the current filters</Menu.Label>
          {EXPORT_FORMATS.map((format) =>
            client.desktop ? (
              <Menu.Item key={format} onClick={() => void saveWithDialog(format)}>
                {exportFormat(format).label}
              </Menu.Item>
            ) : (
              <Menu.Item
                key={format}
                component="a"
                {...exportLink({ kind, format, filters: withWorkspace, token: accessToken() })}
              >
                {exportFormat(format).label}
              </Menu.Item>
            ),
          )}
        </Menu.Dropdown>
      </Menu>
      {running && progress && !progress.done && (
        <div style={{ minWidth: 140 }}>
          <Text size="xs" c="dimmed">
            {progress.rows.toLocaleString()} rows…
          </Text>
          <Progress value={100} animated size="xs" />
        </div>
      )}
    </>
  );
}
