/**
 * Vitest global setup: the CLI tests run the real `hookbench` command, which is the bundle in
 * out/cli (scripts/buildCli.mjs, about a second), so it is built from the current sources first.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/buildCli.mjs', import.meta.url))], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
