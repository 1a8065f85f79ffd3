/**
 * The application menu as plain data: standard roles (app, file, edit, view, window, help) plus
 * "Fire event…", "Export…" and the page shortcuts the UI itself answers (CmdOrCtrl+<digit> from api/pages.ts,
 * CmdOrCtrl+K; src-renderer/shortcuts.ts). Items only send the renderer a route or a command.
 * Pure (types only from electron): test/desktop/menu.test.ts reads the template in Node.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand } from './channels';
import { pageDigit } from '../api/pages';
import { PAGE_TITLES, PAGES, pageRoute } from './routes';

export interface MenuActions {
  navigate(route: string): void;
  command(command: DesktopCommand): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Reload-from-cache and the developer tools: only for a development run, never a packaged app. */
  development: boolean;
}

export const FIRE_ACCELERATOR = 'CmdOrCtrl+K';
export const EXPORT_ACCELERATOR = 'CmdOrCtrl+E';

export function appMenuTemplate(opts: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const file: MenuItemConstructorOptions = {
    role: 'fileMenu',
    submenu: [
      {
        id: 'fire',
        label: 'Fire event…',
        accelerator: FIRE_ACCELERATOR,
        click: () => actions.navigate(pageRoute('fire')),
      },
      { id: 'export', label: 'Export…', accelerator: EXPORT_ACCELERATOR, click: () => actions.command('export') },
      separator,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const go: MenuItemConstructorOptions = {
    id: 'go',
    label: 'Go',
    submenu: PAGES.map((page) => {
      const digit = pageDigit(page);
      return {
        id: `go-${page}`,
        label: PAGE_TITLES[page],
        ...(digit !== null && { accelerator: `CmdOrCtrl+${digit}` }),
        click: () => actions.navigate(pageRoute(page)),
      };
    }),
  };

  const view: MenuItemConstructorOptions = {
    role: 'viewMenu',
    submenu: [
      { role: 'reload' },
      ...(opts.development
        ? ([{ role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { id: 'shortcuts', label: 'Keyboard shortcuts', click: () => actions.command('shortcuts') },
      ...(mac ? [] : ([separator, { role: 'about' }] as MenuItemConstructorOptions[])),
    ],
  };

  return [
    ...(mac ? ([{ role: 'appMenu' }] as MenuItemConstructorOptions[]) : []),
    file,
    { role: 'editMenu' },
    view,
    go,
    { role: 'windowMenu' },
    help,
  ];
}
