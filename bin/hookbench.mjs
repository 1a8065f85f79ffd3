#!/usr/bin/env node
// The hookbench command line. The CLI is TypeScript run through tsx's loader, so the same
// sources serve the CLI, the web host and the tests without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
