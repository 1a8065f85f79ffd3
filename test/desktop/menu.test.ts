/** The application menu template: roles, accelerators, what the items send, and agreement with the UI. */
import { PAGES as SHARED_PAGES } from '../../src-main/api/pages';
import { readFileSync } from 'node:fs';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, EXPORT_ACCELERATOR, FIRE_ACCELERATOR } from '../../src-main/desktop/menu';
import { isAppRoute, PAGES } from '../../src-main/desktop/routes';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [
    i,
    ...(Array.isArray(i.submenu) ? flatten(i.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function build(platform: NodeJS.Platform, development = false) {
  const sent: { navigate: string[]; command: string[] } = { navigate: [], command: [] };
  const template = appMenuTemplate(
    { platform, development },
    { navigate: (r) => sent.navigate.push(r), command: (c) => sent.command.push(c) },
  );
  const items = flatten(template);
  const byId = (id: string) => items.find((i) => i.id === id)!;
  const click = (id: string) => (byId(id).click as () => void)();
  return { template, items, byId, click, sent };
}

// Accelerators Electron's standard roles bring (macOS and the others), to check ours do not collide.
const ROLE_ACCELERATORS = [
  'CmdOrCtrl+Z',
  'Shift+CmdOrCtrl+Z',
  'CmdOrCtrl+Y',
  'CmdOrCtrl+X',
  'CmdOrCtrl+C',
  'CmdOrCtrl+V',
  'CmdOrCtrl+A',
  'CmdOrCtrl+R',
  'Shift+CmdOrCtrl+R',
  'CmdOrCtrl+0',
  'CmdOrCtrl+Plus',
  'CmdOrCtrl+-',
  'CmdOrCtrl+W',
  'CmdOrCtrl+Q',
  'CmdOrCtrl+M',
  'CmdOrCtrl+H',
  'F11',
];

describe('application menu', () => {
  it('has the standard roles: app menu on macOS, file, edit, view, window and help', () => {
    const roles = (p: NodeJS.Platform) => build(p).template.map((i) => i.role ?? i.label);
    expect(roles('darwin')).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'Go', 'windowMenu', 'help']);
    expect(roles('linux')).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'Go', 'windowMenu', 'help']);
    expect(roles('win32')).toEqual(roles('linux'));
  });

  it('offers Fire event… (CmdOrCtrl+K) and Export… (CmdOrCtrl+E) in the File menu', () => {
    const m = build('linux');
    expect(m.byId('fire')).toMatchObject({ label: 'Fire event…', accelerator: FIRE_ACCELERATOR });
    expect(m.byId('export')).toMatchObject({ label: 'Export…', accelerator: EXPORT_ACCELERATOR });
    expect([FIRE_ACCELERATOR, EXPORT_ACCELERATOR]).toEqual(['CmdOrCtrl+K', 'CmdOrCtrl+E']);
    m.click('fire');
    m.click('export');
    expect(m.sent).toEqual({ navigate: ['#/fire'], command: ['export'] });
  });

  it('goes to every page with CmdOrCtrl+1…7, in the UI order, sending in-app routes only', () => {
    const m = build('darwin');
    PAGES.forEach((page, i) => {
      expect(m.byId(`go-${page}`).accelerator).toBe(`CmdOrCtrl+${i + 1}`);
      m.click(`go-${page}`);
    });
    expect(m.sent.navigate).toEqual(PAGES.map((p) => `#/${p}`));
    expect(m.sent.navigate.every(isAppRoute)).toBe(true);
  });

  it('has no duplicate accelerators and none that shadows a standard role', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const accelerators = build(platform, true)
        .items.map((i) => i.accelerator)
        .filter((a): a is string => !!a);
      expect(new Set(accelerators).size).toBe(accelerators.length);
      for (const a of accelerators) expect(ROLE_ACCELERATORS).not.toContain(a);
    }
  });

  it('quits from File on Windows and Linux, closes the window there on macOS', () => {
    const fileRoles = (p: NodeJS.Platform) =>
      (build(p).template.find((i) => i.role === 'fileMenu')!.submenu as MenuItemConstructorOptions[])
        .map((i) => i.role)
        .filter(Boolean);
    expect(fileRoles('linux')).toEqual(['quit']);
    expect(fileRoles('darwin')).toEqual(['close']);
  });

  it('opens the keyboard shortcuts from Help', () => {
    const m = build('linux');
    m.click('shortcuts');
    expect(m.sent.command).toEqual(['shortcuts']);
  });

  it('mirrors the UI: the same pages in the same order, and CmdOrCtrl+K fires', () => {
    const router = readFileSync(new URL('../../src-renderer/stores/router.ts', import.meta.url), 'utf8');
    expect(router).toContain("from '../../src-main/api/pages'");
    expect([...PAGES]).toEqual([...SHARED_PAGES]);
    const shortcuts = readFileSync(new URL('../../src-renderer/shortcuts.ts', import.meta.url), 'utf8');
    expect(shortcuts).toMatch(/e\.key\.toLowerCase\(\) === 'k'/);
    expect(shortcuts).toMatch(/pageOfDigit\(Number\(e\.key\)\)/);
  });
});
