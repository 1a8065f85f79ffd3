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
    ['the renderer imports a Node built-in', 'src-renderer/probe.ts', 'node:path', /only through the contract/],
    ['the renderer imports electron', 'src-renderer/probe.ts', 'electron', /Only src-main\/desktop/],
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
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(reason);
  });

  it.each([
    ['the renderer imports the contract', 'src-renderer/stores/probe.ts', '../../src-main/api/contract'],
    ['the engine imports the contract', 'src-main/engine/probe.ts', '../api/schemas'],
    ['the web host opens the facade', 'src-main/host/probe.ts', '../engine/workbench'],
    ['the CLI signs with the signing library', 'src-main/cli/commands/probe.ts', '../../engine/signing/registry'],
    ['the desktop imports electron', 'src-main/desktop/probe.ts', 'electron'],
    ['the CLI starts the web host', 'src-main/cli/commands/probe.ts', '../../host/launch'],
  ])('allows: %s', async (_what, file, from) => {
    expect(await importErrors(file, from)).toEqual([]);
  });

  it('refuses a face holding the facade’s sender or receiver', async () => {
    const [result] = await eslint.lintText(
      'declare const wb: { sender: { store: unknown } };\nexport const s = wb.sender.store;\n',
      {
        filePath: 'src-main/cli/commands/probe.ts',
      },
    );
    expect(result!.messages.map((m) => m.ruleId)).toContain('no-restricted-syntax');
  });
});
