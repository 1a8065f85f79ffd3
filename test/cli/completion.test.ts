/**
 * Shell completion in the real shells: each test loads `hookbench completion <shell>` into bash,
 * zsh or fish with `hookbench` on PATH (this checkout's built command) and asks for completions
 * the way the shell does on Tab. zsh's completion widgets only run inside an interactive line
 * editor, so its test stands in `_describe` / `_files` / `compdef` and checks what the script
 * hands them. Colour: only on a terminal (a real pty from script(1)), never with NO_COLOR.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { getScheme } from '../../src-main/engine/signing/registry';
import { CLI_TEST_TIMEOUT_MS, ROOT, runCli } from './cliHarness';

const run = promisify(execFile);
const has = (shell: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const dir = mkdtempSync(join(tmpdir(), 'hookbench-completion-'));
writeFileSync(
  join(dir, 'hookbench'),
  `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'hookbench.mjs')}" "$@"\n`,
);
chmodSync(join(dir, 'hookbench'), 0o755);
writeFileSync(join(dir, 'payload.json'), '{}');
writeFileSync(join(dir, 'payment.txt'), 'x');
const env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };

async function shell(name: string, script: string): Promise<string[]> {
  const { stdout } = await run(name, ['-c', script], { cwd: dir, env });
  return stdout.split('\n').filter((l) => l !== '');
}

const bashAsk = (words: string[]) =>
  shell(
    'bash',
    `source <(hookbench completion bash); COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); ` +
      `COMP_CWORD=${words.length - 1}; _hookbench; printf '%s\\n' "\${COMPREPLY[@]}"`,
  );

describe.concurrent('hookbench completion', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bash completes commands, options, option choices and file names', async () => {
    expect(await bashAsk(['hookbench', 's'])).toEqual(['sign', 'send', 'serve']);
    expect(await bashAsk(['hookbench', 'sign', '--sch'])).toEqual(['--scheme']);
    expect(await bashAsk(['hookbench', 'verify', '--scheme', 'st'])).toEqual(['standard', 'stripe']);
    expect(await bashAsk(['hookbench', 'sign', '--body-file', 'pay'])).toEqual(['payload.json', 'payment.txt']);
    // A word after a flag that takes no value is not its value: options again.
    expect(await bashAsk(['hookbench', 'sign', '--json', '--bo'])).toEqual(['--body', '--body-file']);
    expect(await bashAsk(['hookbench', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it.skipIf(!has('fish'))(
    `fish completes with descriptions${has('fish') ? '' : ' (skipped: fish is not installed)'}`,
    async () => {
      const ask = (line: string) => shell('fish', `source (hookbench completion fish | psub); complete -C '${line}'`);
      expect(await ask('hookbench sig')).toEqual(['sign\tprint the signature headers for a body']);
      expect(await ask('hookbench listen --reject')).toEqual([expect.stringMatching(/^--reject-invalid\tanswer /)]);
      // fish sorts what it is given.
      expect(await ask('hookbench export --format ')).toEqual(['csv', 'har', 'ndjson']);
      expect(await ask('hookbench sign --body-file pay')).toEqual(['payload.json', 'payment.txt']);
    },
  );

  it.skipIf(!has('zsh'))(
    `zsh hands the candidates to _describe and paths to _files${has('zsh') ? '' : ' (skipped: zsh is not installed)'}`,
    async () => {
      const ask = (words: string[]) =>
        shell(
          'zsh',
          `compdef() { print "compdef $*"; }; _describe() { print -l -- "\${(@P)2}"; }; _files() { print "_files $*"; }; ` +
            `source <(hookbench completion zsh); words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _hookbench`,
        );
      expect(await ask(['hookbench', 'sign', '--sch'])).toEqual([
        'compdef _hookbench hookbench',
        '--scheme:signing scheme',
      ]);
      expect((await ask(['hookbench', 'sign', '--scheme', ''])).slice(1, 3)).toEqual(['standard', 'hmac-sha256']);
      expect(await ask(['hookbench', 'serve', '--data-dir', ''])).toEqual([
        'compdef _hookbench hookbench',
        '_files -/',
      ]);
      // A colon in a candidate is escaped, so _describe does not take it for the description.
      const top = await ask(['hookbench', '']);
      expect(top).toContain('verify:check a request signature (exit 0 valid, 1 invalid)');
    },
  );

  it('an unknown shell is a usage error', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name a shell: bash, zsh, fish (got "powershell")');
  });
});

describe.concurrent('colour', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = '{"a":1}';
  const headers = getScheme('standard').sign({
    id: 'msg_1',
    timestamp: Math.floor(Date.now() / 1000),
    eventType: 'a.b',
    body: Buffer.from(body),
    secrets: [secret],
  });
  const verify = [
    'hookbench verify --scheme standard',
    `--secret ${secret} --body '${body}'`,
    ...Object.entries(headers).map(([n, v]) => `--header '${n}: ${v}'`),
  ].join(' ');
  /** The command on a real terminal (a pty made by script(1)), as a person would run it. */
  const onTerminal = async (extraEnv: Record<string, string>) => {
    const { stdout } = await run('script', ['-qec', verify, '/dev/null'], {
      cwd: dir,
      env: { ...env, TERM: 'xterm-256color', NO_COLOR: '', FORCE_COLOR: '', ...extraEnv },
    });
    return stdout;
  };
  const GREEN = '\u001b[32mvalid\u001b[39m';

  it.skipIf(!has('script'))(
    `is on for a terminal and off with NO_COLOR${has('script') ? '' : ' (skipped: script(1) is not installed)'}`,
    async () => {
      expect(await onTerminal({})).toContain(GREEN);
      const plain = await onTerminal({ NO_COLOR: '1' });
      expect(plain).toMatch(/^valid \(standard\)/);
      expect(plain).not.toContain('\u001b[');
    },
  );

  it('is off in a pipe, unless FORCE_COLOR asks for it; NO_COLOR wins', async () => {
    const piped = await shell('sh', `NO_COLOR= FORCE_COLOR= ${verify}`);
    expect(piped[0]).toMatch(/^valid \(standard\): /);
    expect((await shell('sh', `NO_COLOR= FORCE_COLOR=1 ${verify}`))[0]).toContain(GREEN);
    expect((await shell('sh', `NO_COLOR=1 FORCE_COLOR=1 ${verify}`))[0]).toMatch(/^valid \(standard\): /);
  });
});
