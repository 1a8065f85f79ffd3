import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFromFile } from 'electron-vite';
import { describe, expect, it } from 'vitest';
import { WRITE_THREAD } from '../../src-main/engine/store/writeWorker';

// The write worker's thread is a file loaded by path (writeWorker.ts): beside the sources for
// tsx and vitest, and beside index.js in the desktop bundle — only if the build makes it an entry
// of its own, named as the file. (Its batches are tested in writeWorker.test.ts.)

describe('the write worker thread entry', () => {
  it('is an entry of the desktop main bundle, under its own file name', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, undefined, root, 'silent');
    const input = loaded.config.main?.build?.rollupOptions?.input as Record<string, string>;
    const file = fileURLToPath(WRITE_THREAD);
    expect(Object.values(input)).toContain(file);
    const name = Object.entries(input).find(([, path]) => path === file)![0];
    // out/main/[name].js beside out/main/index.js, where new URL('./writeThread.js', import.meta.url) points.
    expect(name).toBe(basename(file, '.js'));
    expect(Object.keys(input)).toContain('index');
  });
});
