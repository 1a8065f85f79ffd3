/**
 * `hookbench listen --expect … --within …` (CI mode) as a real child process, posted to over real
 * HTTP with requests signed by the project's signers: it exits 0 as soon as every expectation is
 * met, 1 with a report at the deadline or at Ctrl-C, and writes JUnit XML with --junit.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExpectation } from '../../src-main/api/expectations';
import { arrivalOf } from '../../src-main/cli/expect/arrival';
import { junitXml } from '../../src-main/cli/expect/junit';
import { ExpectationTracker } from '../../src-main/cli/expect/tracker';
import { signedEvent, postEvent } from '../support/signedEvent';
import { parseXml, type XmlElement } from '../support/xml';
import { CLI_TEST_TIMEOUT_MS, CliProcess, jsonLines, runCli } from './cliHarness';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const WRONG = 'whsec_d3JvbmcgZ3Vlc3M=';

/** A Standard Webhooks request of `type`, signed with `secret`. */
const event = (type: string, data: unknown = {}, secret = SECRET) => signedEvent('standard', secret, type, data);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How many request lines (`12:34:56.789  POST …`) were printed. */
const requestLines = (out: string) => out.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{3} /.test(l)).length;

describe.concurrent('hookbench listen --expect', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-cli-expect-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function listening(extra: string[]) {
    const cli = new CliProcess([
      'listen',
      '--port',
      '0',
      '--scheme',
      'standard',
      '--secret',
      SECRET,
      '--data-dir',
      tempDir(),
      ...extra,
    ]);
    const m = await cli.waitFor(/Inbox default: (http:\/\/127\.0\.0\.1:\d+\/in\/default)/);
    await cli.waitFor(/Waiting up to .*\n/);
    return { cli, url: m[1]! };
  }

  it('exits 0 as soon as every expectation is met, long before --within; an invalid signature does not count', async () => {
    const { cli, url } = await listening(['--expect', 'user.created x2', '--expect', 'order.*', '--within', '60s']);
    const started = Date.now();
    try {
      expect(cli.stdout).toContain('Waiting up to 60s for user.created x2, order.*; Ctrl-C stops.');
      await postEvent(url, event('user.created', {}, WRONG));
      await postEvent(url, event('user.created'));
      await postEvent(url, event('order.paid'));
      for (let i = 0; i < 500 && requestLines(cli.stdout) < 3; i++) await sleep(20);
      expect(requestLines(cli.stdout)).toBe(3);
      // Two valid of the three: had the bad signature counted, it would be over now.
      await sleep(300);
      expect(cli.child.exitCode).toBeNull();
      expect(cli.stdout).not.toContain('✓ user.created');
      await postEvent(url, event('user.created'));
      const r = await cli.exit();
      expect(r.code, r.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(r.stdout).toContain('✓ user.created x2: got 2 of 2 valid\n');
      expect(r.stdout).toContain('✓ order.*: got 1 of 1 valid\n');
      expect(r.stdout).toMatch(/All 2 expectations were met in \d+\.\d s\.\n$/);
    } finally {
      if (cli.child.exitCode === null) await cli.stop('SIGKILL');
    }
  });

  it('exits 1 at the deadline with a report: what was met, what was missing, and what arrived instead', async () => {
    const { cli, url } = await listening([
      '--expect',
      'user.created',
      '--expect',
      'invoice.paid x2',
      '--expect',
      'refund.created',
      '--within',
      '3s',
    ]);
    const started = Date.now();
    await postEvent(url, event('user.created'));
    await postEvent(url, event('invoice.paid', {}, WRONG));
    await postEvent(url, event('invoice.paid', {}, WRONG));
    await postEvent(`${url.replace(/\/in\/default$/, '')}/elsewhere`, event('refund.created'));
    const r = await cli.exit();
    expect(r.code, r.stderr).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const report = r.stdout.slice(r.stdout.indexOf('\n✓'));
    expect(report).toBe(
      [
        '',
        '✓ user.created: got 1 of 1 valid',
        '✗ invoice.paid x2: got 0 of 2 valid',
        '    2 arrived with invalid signatures: bad signature',
        '✗ refund.created: got 0 of 1 valid',
        '    nothing of this type arrived; other types did: user.created, invoice.paid x2',
        '  1 request went to a path that is no inbox',
        '2 of 3 expectations were not met within 3s.',
        '',
      ].join('\n'),
    );
  });

  it('reports a schema failure with its JSON path and writes JUnit XML with one testcase per expectation', async () => {
    const dir = tempDir();
    const schema = join(dir, 'invoice.schema.json');
    writeFileSync(
      schema,
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        required: ['data'],
        properties: {
          data: {
            type: 'object',
            properties: { object: { properties: { amount: { type: 'integer' } }, required: ['amount'] } },
          },
        },
      }),
    );
    const junit = join(dir, 'reports', 'hookbench.xml');
    const { cli, url } = await listening([
      '--expect',
      'invoice.paid',
      '--expect-schema',
      `invoice.paid=${schema}`,
      '--expect',
      'user.created',
      '--within',
      '3s',
      '--junit',
      junit,
    ]);
    await postEvent(url, event('user.created'));
    await postEvent(url, event('invoice.paid', { object: { amount: '12.50' } }));
    const r = await cli.exit();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(
      '✗ invoice.paid: got 0 of 1 valid\n    1 failed its schema: /data/object/amount: must be integer (expected integer, found string "12.50")\n',
    );

    const xml = readFileSync(junit, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites).toHaveLength(1);
    const suite = suites[0]!;
    expect(suite.attrs).toMatchObject({ name: 'hookbench listen', tests: '2', failures: '1', errors: '0' });
    expect(Number(suite.attrs.time)).toBeGreaterThanOrEqual(2.5);
    const cases = suite.children.filter((c) => c.name === 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(['invoice.paid', 'user.created']);
    const failure = (c: XmlElement) => c.children.find((x) => x.name === 'failure');
    expect(failure(cases[1]!)).toBeUndefined();
    expect(Number(cases[1]!.attrs.time)).toBeLessThan(Number(suite.attrs.time));
    const failed = failure(cases[0]!)!;
    expect(failed.attrs.message).toBe('got 0 of 1 valid');
    expect(failed.text).toContain('1 failed its schema: /data/object/amount: must be integer');
  });

  it('Ctrl-C before the deadline prints the report and exits 1', async () => {
    const { cli, url } = await listening(['--expect', 'user.created x3', '--within', '60s']);
    await postEvent(url, event('user.created'));
    await cli.waitFor(/valid \(standard\)/);
    const r = await cli.stop('SIGINT');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('✗ user.created x3: got 1 of 3 valid\n');
    expect(r.stdout).toMatch(/Stopped after \d+\.\d s: the expectation was not met\.\n$/);
  });

  it('--json ends with one expectations record', async () => {
    const cli = new CliProcess([
      'listen',
      '--port',
      '0',
      '--scheme',
      'none',
      '--expect',
      'ping',
      '--within',
      '60s',
      '--json',
      '--data-dir',
      tempDir(),
    ]);
    await cli.waitFor(/"kind":"listening".*\n/);
    const url = jsonLines(cli.stdout)[0]!.inboxUrl as string;
    // Scheme none: any request counts (nothing is signed).
    await postEvent(url, { body: '{"type":"ping"}', headers: { 'content-type': 'application/json' } });
    const r = await cli.exit();
    expect(r.code, r.stderr).toBe(0);
    const records = jsonLines(r.stdout);
    expect(records.map((x) => x.kind)).toEqual(['listening', 'request', 'expectations']);
    expect(records[2]).toMatchObject({
      ok: true,
      end: 'met',
      within: '60s',
      expectations: [{ label: 'ping', got: 1, count: 1, met: true, misses: [] }],
    });
  });

  it('--print-url and --print-secret put only those values on stdout, every other line on stderr', async () => {
    const cli = new CliProcess([
      'listen',
      '--port',
      '0',
      '--scheme',
      'standard',
      '--print-url',
      '--print-secret',
      '--data-dir',
      tempDir(),
    ]);
    try {
      await cli.waitFor(/^.*\n.*\n/);
      const [url, secret] = cli.lines();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/in\/default$/);
      expect(secret).toMatch(/^whsec_/);
      // The printed secret is the inbox's own: a request signed with it verifies.
      expect(await postEvent(url!, event('user.created', {}, secret))).toBe(200);
      for (let i = 0; i < 200 && !/valid \(standard\)/.test(cli.stderr); i++) await sleep(20);
      expect(cli.stderr).toMatch(/POST \/in\/default .* valid \(standard\)/);
      expect(cli.stderr).toContain(`Inbox default: ${url}`);
      expect(cli.stderr).toContain('secret (generated)');
    } finally {
      const r = await cli.stop('SIGINT');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n')).toHaveLength(3); // exactly the two lines
    }
  });

  it('--print-url alone prints just the URL line', async () => {
    const cli = new CliProcess(['listen', '--port', '0', '--print-url', '--data-dir', tempDir()]);
    await cli.waitFor(/\n/);
    await sleep(200);
    const r = await cli.stop('SIGINT');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/in\/default\n$/);
    expect(r.stderr).toContain('Listening on');
  });

  it('bad --expect, --within and their companions are usage errors (exit 2) naming the option', async () => {
    const schemaDir = tempDir();
    writeFileSync(join(schemaDir, 'bad.json'), '{"type": 12}');
    const cases: [string[], RegExp][] = [
      [
        ['--expect', 'invoice.paid x0'],
        /option '--expect <type\[xN\]>' argument 'invoice.paid x0' is invalid\. the count after x must be 1 or more/,
      ],
      [['--expect', 'x2'], /--expect .*the event type is missing before x2/],
      [['--expect', 'in voice'], /--expect .*an event type is letters, digits/],
      [['--expect', 'a', '--within', '30'], /--within <duration>' argument '30' is invalid\. "30" is not a duration/],
      [['--expect', 'a', '--within', '0s'], /--within .*a duration must be more than 0/],
      [['--within', '10s'], /--within need expectations: give --expect/],
      [['--junit', 'r.xml'], /--junit need expectations/],
      [['--expect', 'a', '--expect-schema', 'b=s.json'], /--expect-schema b: no --expect names b/],
      [['--expect', 'a', '--expect-schema', 'a'], /--expect-schema .*give <type>=<file.json>/],
      [
        ['--expect', 'a', '--expect-schema', 'a=missing.json'],
        /--expect-schema a: cannot read .*missing\.json: no such file/,
      ],
      [
        ['--expect', 'a', '--expect-schema', `a=${join(schemaDir, 'bad.json')}`],
        /--expect-schema a: not a valid JSON Schema: .*type must be/,
      ],
      [['--json', '--print-url'], /--json cannot be combined with --print-url/],
      [['--print-secret'], /--print-secret: inbox default \(scheme auto\) has no secret to print; give --secret/],
      [
        ['--config', 'hookbench.config.json', '--slug', 'x', '--secret', 's'],
        /--config describes the inboxes, so --secret, --slug cannot be given with it/,
      ],
    ];
    const results = await Promise.all(
      cases.map(([args]) => runCli(['listen', '--port', '0', ...args, '--data-dir', tempDir()])),
    );
    cases.forEach(([args, message], i) => {
      expect(results[i]!.code, `${args.join(' ')}\n${results[i]!.stderr}`).toBe(2);
      expect(results[i]!.stderr, args.join(' ')).toMatch(message);
      expect(results[i]!.stdout, args.join(' ')).not.toContain('Listening on');
    });
  });
});

describe('the JUnit XML', () => {
  /** One expectation that received a request failing with `detail`. */
  function runWithSchemaError(detail: string) {
    const tracker = new ExpectationTracker([{ expectation: parseExpectation('customer.*'), check: () => detail }]);
    const request = {
      headers: [],
      bodyText: '{"type":"customer.created"}',
      verdict: null,
      valid: true,
      reason: null,
      duplicate: false,
    };
    tracker.observe(arrivalOf(request), 5);
    return { outcomes: tracker.outcomes(), tracker, elapsedMs: 1234, within: '1s', end: 'deadline' as const };
  }

  it('escapes what XML needs and drops characters XML forbids', () => {
    const detail = `/id: must match pattern "^<cus&'>$"\u0001`;
    const root = parseXml(junitXml(runWithSchemaError(detail), new Date(0)));
    const testcase = root.children[0]!.children[0]!;
    const failure = testcase.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.text).toContain(`1 failed its schema: /id: must match pattern "^<cus&'>$"\n`);
    expect(root.children[0]!.attrs.time).toBe('1.234');
  });

  it('the check refuses malformed XML', () => {
    expect(() => parseXml('<a><b>x & y</b></a>')).toThrow(/bare &/);
    expect(() => parseXml('<a><b></a></b>')).toThrow(/unbalanced/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/twice/);
    expect(() => parseXml('<a/><b/>')).toThrow(/more than one root/);
    expect(() => parseXml('<a>')).toThrow(/unclosed/);
  });
});
