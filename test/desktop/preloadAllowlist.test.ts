import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, PUSH_EVENT_NAMES } from '../../src-main/api/contract';
import { isAllowedCall, isAllowedEvent } from '../../src-preload/allowlist';

const source = (file: string) => readFileSync(new URL(`../../src-preload/${file}`, import.meta.url), 'utf8');

describe('preload allowlist, derived from the contract', () => {
  it('allows every operation of the contract', () => {
    expect(OPERATION_NAMES.length).toBeGreaterThan(10);
    for (const op of OPERATION_NAMES) expect(isAllowedCall(op), op).toBe(true);
  });

  it('allows every push event of the contract', () => {
    for (const name of PUSH_EVENT_NAMES) expect(isAllowedEvent(name), name).toBe(true);
  });

  it('refuses unknown names, prototype keys and non-strings', () => {
    for (const name of [
      'webhooks.drop',
      'shell.openExternal',
      '',
      'toString',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      'WEBHOOKS.LIST',
      ' workspaces.list',
    ]) {
      expect(isAllowedCall(name), name).toBe(false);
      expect(isAllowedEvent(name), name).toBe(false);
    }
    for (const value of [undefined, null, 42, {}, ['workspaces.list']]) {
      expect(isAllowedCall(value)).toBe(false);
      expect(isAllowedEvent(value)).toBe(false);
    }
  });

  it('refuses an operation name as an event and an event name as an operation', () => {
    for (const op of OPERATION_NAMES)
      if (!PUSH_EVENT_NAMES.includes(op as never)) expect(isAllowedEvent(op), op).toBe(false);
    for (const name of PUSH_EVENT_NAMES)
      if (!OPERATION_NAMES.includes(name as never)) expect(isAllowedCall(name), name).toBe(false);
  });

  it('keeps no hand-written list: the allowlist reads the contract', () => {
    const allowlist = source('allowlist.ts');
    expect(allowlist).toMatch(/from '..\/src-main\/api\/contract'/);
    // No quoted operation or event name appears in the preload's own files.
    for (const file of ['allowlist.ts', 'index.ts']) {
      for (const name of [...OPERATION_NAMES, ...PUSH_EVENT_NAMES])
        expect(source(file), `${file} names ${name}`).not.toContain(`'${name}'`);
    }
  });

  it('exposes named capabilities only, never ipcRenderer itself', () => {
    const index = source('index.ts');
    expect(index.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(index).toMatch(/exposeInMainWorld\('hookbench', bridge\)/);
    expect(index).not.toMatch(/^\s*(ipcRenderer|invoke|send)\s*[:,]/m);
    expect(index).toMatch(/isAllowedCall\(op\)/);
    expect(index).toMatch(/isAllowedEvent\(name\)/);
  });
});
