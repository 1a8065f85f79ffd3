/**
 * A reader that stops early closes the pipe (`hookbench vectors | head -1`): the command must not
 * print a stack, and a long-running one must keep working and end cleanly with its own code.
 * Each child's stdout is closed before it writes anything, so its first write meets EPIPE.
 */
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, CliProcess } from './cliHarness';

/** Reads stderr only: stdout is closed at once. */
async function stderrMatch(cli: CliProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = cli.stderr.match(pattern);
    if (m) return m;
    if (cli.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} in stderr: ${cli.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.concurrent('a closed stdout', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('ends a one-shot command quietly with its own exit code', async () => {
    const vectors = new CliProcess(['vectors']);
    vectors.child.stdout.destroy();
    const r = await vectors.exit();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('leaves listen receiving; Ctrl-C still stops it cleanly (exit 0)', async () => {
    const listen = new CliProcess(['listen', '--port', '0', '--scheme', 'none', '--print-url']);
    listen.child.stdout.destroy();
    const [, base] = await stderrMatch(listen, /Listening on (http:\/\/127\.0\.0\.1:\d+)/);
    // The URL went to the closed stdout first; the listener is still there.
    await new Promise((r) => setTimeout(r, 200));
    const res = await request(`${base}/in/default`, { method: 'POST', body: '{"type":"a.b"}' });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    expect(listen.child.exitCode).toBeNull();
    const r = await listen.stop('SIGINT');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error:/);
  });
});
