/**
 * `hookbench verify`: check a request's signature the way an inbox does, and explain a failure;
 * with `--explain-against <request-id>`, also compare it with a stored request (the one that
 * verified, or the sender's) and say what the differences imply; with `--vectors <file>`, check
 * a file of signing test vectors (api/signingVectors.ts) against the verifier instead.
 */
import type { Command } from 'commander';
import { isHookbenchError } from '../../api/errors';
import type { SchemeName } from '../../api/schemas';
import type { SigningVectorFile } from '../../api/signingVectors';
import { defaultDataDir } from '../../engine/defaultDataDir';
import { getScheme, verifyAuto } from '../../engine/signing/registry';
import { DEFAULT_TOLERANCE_SEC } from '../../api/receiverSchemas';
import type { VerifyInput, VerifyResult } from '../../engine/signing/types';
import { action, EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type RegisterCommand } from '../context';
import { collect, header, headerMap, integer, schemeOption } from '../options';
import type { Paint } from '../color';
import { Output, pad, reasonText, withJsonOption } from '../output';
import { readBody, readBodySource } from '../readBody';

export interface VerifyOptions {
  scheme?: SchemeName | 'auto';
  secret?: string[];
  header?: [string, string][];
  body?: string;
  bodyFile?: string;
  tolerance: number;
  now?: number;
  json?: boolean;
  explainAgainst?: string;
  dataDir?: string;
  method: string;
  path?: string;
  vectors?: string;
}

export const registerVerify: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Verify a signed request from its headers and body. Exit 0 when valid, 1 when not (with the reason and, for a bad signature, expected vs received). ' +
        'With --explain-against <request-id>, also compare it with that stored request (from --data-dir) and say what the differences imply: ' +
        "re-serialised body, changed timestamp, another secret, a missing header. --scheme and --secret then default to that request's inbox. " +
        'With --vectors <file>, check every signing test vector in the file (the format `hookbench vectors` prints) instead: exit 0 when Hookbench agrees with each, 1 when it disagrees with any.',
    )
    .addOption(
      schemeOption('signing scheme, or auto to detect it from the headers (required unless --explain-against)', [
        'auto',
      ]),
    )
    .option('--secret <secret>', 'secret to verify with; repeat to try several (rotation)', collect)
    .option('--header <header>', "a request header as 'Name: value'; repeat for each header", header)
    .option('--body <text>', 'the request body (its UTF-8 bytes)')
    .option('--body-file <path>', 'read the body from a file, - for stdin (bytes as is)')
    .option('--tolerance <sec>', 'timestamp tolerance in seconds', integer('--tolerance', 0), DEFAULT_TOLERANCE_SEC)
    .option('--now <unix>', 'unix seconds to verify at (default: now)', integer('--now', 0))
    .option('--explain-against <request-id>', 'a stored request (req_…) to compare with and explain the difference')
    .option('--data-dir <dir>', `data directory holding --explain-against's request (default: ${defaultDataDir()})`)
    .option('--method <method>', 'the request method, for the comparison', 'POST')
    .option('--path <path>', "the request path, for the comparison (default: the stored request's)")
    .option('--vectors <file>', 'check a signing test vectors file (- for stdin) instead of one request');
  withJsonOption(cmd).action(
    action<VerifyOptions>(ctx, async (opts) => {
      const out = new Output(ctx.io, opts.json === true);
      if (opts.vectors !== undefined) return verifyVectors(opts.vectors, cmd, out, ctx.io);
      if (opts.explainAgainst === undefined && opts.scheme === undefined)
        throw new UsageError("--scheme is required (or give --explain-against to use its inbox's)");
      const body = await readBody({ value: opts.body, file: opts.bodyFile }, ctx.io);
      // The comparison opens a data directory: its code is loaded only when asked for.
      const explain = opts.explainAgainst === undefined ? null : await import('./verifyExplain');
      const counterpart = explain === null ? null : await explain.loadCounterpart(opts.explainAgainst!, opts.dataDir);
      const scheme = opts.scheme ?? counterpart?.scheme ?? 'auto';
      const secrets = opts.secret ?? counterpart?.secrets ?? [];
      if (secrets.length === 0 && scheme !== 'none') throw new UsageError(`--secret is required for scheme ${scheme}`);
      const input: VerifyInput = {
        headers: headerMap(opts.header ?? []),
        body,
        secrets,
        toleranceSec: opts.tolerance,
        now: opts.now,
      };
      const result = scheme === 'auto' ? verifyAuto(input) : getScheme(scheme).verify(input);
      if (!counterpart) {
        out.result(describe(result, out.paint), toJson(result));
        return result.valid ? EXIT_OK : EXIT_FAILED;
      }
      const explained = explain!.explainGiven(counterpart.message, opts, body, { ...result, configuredScheme: scheme });
      out.result(
        [
          ...describe(result, out.paint),
          '',
          `compared with ${explained.diff.left.label}:`,
          ...explain!.explanationLines(explained.explanations),
        ],
        { ...toJson(result), explanation: explained },
      );
      return result.valid ? EXIT_OK : EXIT_FAILED;
    }),
  );
};

/** Options that describe one request, which a vectors file replaces: any given on the command line is a usage error. */
const ALONGSIDE_VECTORS = new Set(['vectors', 'json']);

async function verifyVectors(file: string, cmd: Command, out: Output, io: CliIo): Promise<number> {
  const given = cmd.options.filter(
    (o) => !ALONGSIDE_VECTORS.has(o.attributeName()) && cmd.getOptionValueSource(o.attributeName()) === 'cli',
  );
  if (given.length > 0)
    throw new UsageError(
      `--vectors checks a whole file; it cannot be combined with ${given.map((o) => o.long).join(', ')}`,
    );
  const text = (await readBodySource({ file }, io, { flags: { value: '--vectors', file: '--vectors' } }))!;
  // zod and the vector checks load only for this mode.
  const [{ parseSigningVectors }, { checkSigningVectors }] = await Promise.all([
    import('../../api/signingVectors'),
    import('../../engine/signing/vectorCheck'),
  ]);
  let input: unknown;
  try {
    // A byte-order mark (editors on Windows write one) is not part of the JSON.
    input = JSON.parse(text.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`--vectors ${file}: not JSON (${(e as Error).message})`);
  }
  let vectors: SigningVectorFile;
  try {
    vectors = parseSigningVectors(input);
  } catch (e) {
    // The message names the field (`vectors[3].scheme: …`); the file name says where.
    throw isHookbenchError(e) ? new UsageError(`--vectors ${file}: ${e.message}`) : e;
  }
  const check = checkSigningVectors(vectors);
  const verdict = (v: { valid: boolean; reason: string | null }) =>
    v.valid ? 'valid' : `invalid (${reasonText(v.reason ?? '')})`;
  const width = Math.max(...check.results.map((r) => r.name.length)) + 1;
  const lines = check.results.map((r) =>
    r.pass
      ? `${out.paint('good', 'pass')}  ${pad(r.name, width)}${verdict(r.got)}`
      : `${out.paint('bad', 'FAIL')}  ${pad(r.name, width)}expected ${verdict(r.expected)}, got ${verdict(r.got)}${r.got.message ? `: ${r.got.message}` : ''}`,
  );
  const failed = check.results.filter((r) => !r.pass).map((r) => r.name);
  lines.push(
    '',
    failed.length === 0
      ? `${check.total} vectors: Hookbench agrees with every one`
      : `${failed.length} of ${check.total} vectors disagree: ${failed.join(', ')}`,
  );
  out.result(lines, { file, ...check });
  return failed.length === 0 ? EXIT_OK : EXIT_FAILED;
}

/** Every key always present (null / [] when not applicable), so scripts can rely on the shape. */
function toJson(r: VerifyResult) {
  const invalid = r.valid ? undefined : r;
  return {
    valid: r.valid,
    scheme: r.scheme,
    reason: invalid?.reason ?? null,
    message: invalid?.message ?? null,
    expected: invalid?.expected ?? [],
    received: invalid?.received ?? [],
    skewSec: r.skewSec ?? null,
    secretIndex: r.valid ? r.secretIndex : null,
    header: r.header ?? null,
    id: r.id ?? null,
    timestamp: r.timestamp ?? null,
  };
}

function describe(r: VerifyResult, paint: Paint): string[] {
  const context = [
    r.id !== undefined ? `id ${r.id}` : undefined,
    r.timestamp !== undefined ? `timestamp ${r.timestamp}` : undefined,
    r.skewSec !== undefined ? `skew ${r.skewSec} s` : undefined,
  ].filter(Boolean);
  if (r.valid) {
    const matched =
      r.secretIndex >= 0 ? `: signature matches secret #${r.secretIndex + 1}` : ': scheme none, nothing to check';
    return [
      `${paint('good', 'valid')} (${r.scheme})${matched}`,
      ...(context.length ? [`  ${context.join(', ')}`] : []),
    ];
  }
  const lines = [`${paint('bad', 'invalid')} (${r.scheme}): ${reasonText(r.reason)}`, `  ${r.message}`];
  if (r.reason === 'bad_signature') {
    const labels = [
      ...(r.expected ?? []).map((sig, i) => [`expected (secret #${i + 1}):`, sig] as const),
      ...(r.received ?? []).map((sig) => ['received:', sig] as const),
    ];
    const width = Math.max(0, ...labels.map(([l]) => l.length)) + 1;
    for (const [label, sig] of labels) lines.push(`  ${pad(label, width)}${sig}`);
  }
  if (context.length) lines.push(`  ${context.join(', ')}`);
  return lines;
}
