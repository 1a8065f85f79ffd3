#!/usr/bin/env node
// The hookbench command line: the bundle `npm run build` writes to out/cli (scripts/buildCli.mjs).
// A reader that stops early (`hookbench vectors | head -1`) closes the pipe. What would have gone
// there is dropped and the command carries on, so a `listen` keeps receiving, shuts down cleanly
// on Ctrl-C and still exits with its own code; nothing prints a stack for it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

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
