/**
 * The layer rules in eslint.config.js, run through ESLint itself on small sources placed in each
 * layer: a wrong arrow is an error with the rule's reason, a right one is not. `npm test` lints
 * the whole tree (npm run lint), so a wrong import in a real file fails CI the same way.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(file: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${from}';\nexport const y = x;\n`, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['the engine imports electron', 'src-main/engine/store/probe.ts', 'electron', /Only src-main\/desktop/],
    ['the engine imports the web host', 'src-main/engine/probe.ts', '../host/webHost', /web host is a face/],
    ['the engine imports the CLI', 'src-main/engine/delivery/probe.ts', '../../cli/output', /CLI is a face/],
    ['the engine imports the desktop glue', 'src-main/engine/probe.ts', '../desktop/ipc', /desktop glue is a face/],
    ['the contract imports the engine', 'src-main/api/probe.ts', '../engine/ids', /contract layer is isomorphic/],
    ['the contract imports a Node built-in', 'src-main/api/probe.ts', 'node:fs', /contract layer is isomorphic/],
    [
      'the renderer imports the engine',
      'src-renderer/stores/probe.ts',
      '../../src-main/engine/workbench',
      /only through the contract/,
    ],
    ['the renderer imports a Node built-in', 'src-renderer/probe.ts', 'node:path', /runs in a browser/],
    ['the renderer imports electron', 'src-renderer/probe.ts', 'electron', /Only src-main\/desktop/],
    ['the renderer imports a built-in without node:', 'src-renderer/probe.ts', 'fs', /runs in a browser/],
    ['the renderer imports a Node-only package', 'src-renderer/stores/probe.ts', 'ws', /runs in a browser/],
    [
      'the contract imports a built-in without node:',
      'src-main/api/probe.ts',
      'crypto',
      /contract layer is isomorphic/,
    ],
    ['the contract imports SQLite', 'src-main/api/probe.ts', 'better-sqlite3', /contract layer is isomorphic/],
    ['the engine imports the desktop main process', 'src-main/engine/probe.ts', '../index', /desktop main process/],
    [
      'the CLI reaches the sealing that writes',
      'src-main/cli/probe.ts',
      '../engine/secrets/storeSecrets',
      /through its facade/,
    ],
    ['the desktop imports the web host', 'src-main/desktop/probe.ts', '../host/launch', /web host is a face/],
    ['the desktop main imports the web host', 'src-main/index.ts', './host/launch', /web host is a face/],
    ['the web host reaches into the store', 'src-main/host/probe.ts', '../engine/store/store', /through its facade/],
    [
      'the CLI reaches into the delivery engine',
      'src-main/cli/commands/probe.ts',
      '../../engine/delivery/deliveryEngine',
      /through its facade/,
    ],
    ['the CLI reaches into the receiver', 'src-main/cli/probe.ts', '../engine/receiver', /through its facade/],
  ])('refuses: %s', async (_what, file, from, reason) => {
    const errors = await importErrors(file, from);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(reason);
  });

  it.each([
    ['the renderer imports the contract', 'src-renderer/stores/probe.ts', '../../src-main/api/contract'],
    ['the engine imports the contract', 'src-main/engine/probe.ts', '../api/schemas'],
    ['the web host opens the facade', 'src-main/host/probe.ts', '../engine/workbench'],
    ['the CLI signs with the signing library', 'src-main/cli/commands/probe.ts', '../../engine/signing/registry'],
    ['the desktop imports electron', 'src-main/desktop/probe.ts', 'electron'],
    ['the CLI starts the web host', 'src-main/cli/commands/probe.ts', '../../host/launch'],
    ['the contract imports a sibling named like a built-in', 'src-main/api/contract/probe.ts', './events'],
    ['the desktop builds its keychain box', 'src-main/desktop/probe.ts', '../engine/secrets/secretBox'],
  ])('allows: %s', async (_what, file, from) => {
    expect(await importErrors(file, from)).toEqual([]);
  });

  const syntaxErrors = async (file: string, source: string) =>
    (await eslint.lintText(source, { filePath: file }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-syntax');

  it.each([
    ['wb.sender', 'declare const wb: { sender: { store: 1 } };\nexport const s = wb.sender.store;\n'],
    [
      'this.workbench.receiver',
      'export class X {\n  workbench = { receiver: 1 };\n  r = this.workbench.receiver;\n}\n',
    ],
    [
      'host.workbench.sender',
      'declare const host: { workbench: { sender: 1 } };\nexport const s = host.workbench.sender;\n',
    ],
  ])('refuses a face holding the facade’s parts: %s', async (_what, source) => {
    expect(await syntaxErrors('src-main/host/probe.ts', source)).toHaveLength(1);
  });

  it('allows a face an unrelated .sender (an IPC event’s)', async () => {
    expect(
      await syntaxErrors(
        'src-main/desktop/probe.ts',
        'declare const event: { sender: 1 };\nexport const s = event.sender;\n',
      ),
    ).toEqual([]);
  });

  it.each([
    ['import()', "export const app = async () => (await import('electron')).app;\n"],
    ['require()', "export const e = require('electron');\n"],
  ])('refuses electron through %s below the desktop', async (_what, source) => {
    for (const file of [
      'src-main/engine/probe.ts',
      'src-main/api/probe.ts',
      'src-renderer/probe.ts',
      'src-main/cli/probe.ts',
    ]) {
      expect(await syntaxErrors(file, source)).toHaveLength(1);
    }
  });
});
