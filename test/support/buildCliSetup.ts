/**
 * Vitest global setup: the CLI tests run the real `hookbench` command, which is the bundle in
 * out/cli (scripts/buildCli.mjs, about a second), so it is built from the current sources first.
 */
import { buildCli } from '../../scripts/buildCli.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
