import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { RollupLog, LoggingFunction } from 'rollup';

/**
 * zod 4 places `@__PURE__` comments where Rollup cannot use them and Rollup says so for each,
 * in every bundle that takes zod. The comment is dropped and nothing else changes, so that one
 * warning about that one package is not printed; every other warning is.
 */
function onwarn(warning: RollupLog, warn: LoggingFunction): void {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
  warn(warning);
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        onwarn,
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          // The store's write worker thread, loaded by path beside index.js (engine/store/writeWorker.ts).
          writeThread: resolve(__dirname, 'src-main/engine/store/writeThread.js'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: ['zod'] })],
    // A sandboxed preload cannot be an ES module: bundle it as one CommonJS file.
    build: {
      rollupOptions: {
        onwarn,
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: { rollupOptions: { onwarn, input: { index: resolve(__dirname, 'src-renderer/index.html') } } },
  },
});
