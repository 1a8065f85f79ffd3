import { ensureRendererBuilt } from './rendererBuild';

/** The UI under test is the built renderer the web host serves. */
export default async function globalSetup(): Promise<void> {
  await ensureRendererBuilt((line) => process.stderr.write(`e2e: ${line}\n`));
}
