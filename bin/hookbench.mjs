#!/usr/bin/env node
// The hookbench command line: the bundle `npm run build` writes to out/cli (scripts/buildCli.mjs).
let cli;
try {
  cli = await import('../out/cli/main.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('out/cli/main.js')) throw e;
  process.stderr.write(
    'hookbench: the command line is not built yet; run `npm run build` (or `npm run build:cli`) first.\n',
  );
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
