import type { DesktopCommand } from '../api/transport';

/**
 * Desktop-only IPC channels beside the contract's (src-main/api/transport.ts): messages main
 * sends the renderer from the menu and notifications, and the native save-dialog export.
 * Plain constants, so the preload can import them too.
 */

/** main → renderer: an in-app hash route to show, e.g. `#/webhooks/wh_1` (see routes.ts). */
export const IPC_NAVIGATE = 'hookbench:navigate';

/** main → renderer: a menu command the page carries out itself (it knows the current filters). */
export const IPC_COMMAND = 'hookbench:command';
export const DESKTOP_COMMANDS = ['export', 'shortcuts'] as const satisfies readonly DesktopCommand[];
export type { DesktopCommand };

/** renderer → main (invoke): native save dialog, then Workbench.exportToFile to the chosen path; answers CallOutcome<ExportResult | null>. */
export const IPC_SAVE_EXPORT = 'hookbench:save-export';
