/**
 * The published signing test vectors (vectors/signing-vectors.json), checked against the
 * providers' own libraries: what each library concludes about every vector must be what the
 * vector says. Schemes without an official library in devDependencies (plain HMAC-SHA256, Slack,
 * Shopify) are checked against a reference written here from the providers' documentation with
 * node:crypto, sharing no code with Hookbench's signers. The file must also be what the generator
 * writes today, and agree with Hookbench's own verifier and signers.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { schemeDescriptor, SIGNING_SCHEMES, type SchemeName } from '../../src-main/api/schemes';
import { parseSigningVectors, type SigningVector } from '../../src-main/api/signingVectors';
import { getScheme } from '../../src-main/engine/signing/registry';
import type { VerifyFailureReason } from '../../src-main/engine/signing/types';
import { checkSigningVectors } from '../../src-main/engine/signing/vectorCheck';
import { buildSigningVectors, formatSigningVectors, SIGNING_VECTORS_PATH } from '../../scripts/signingVectors';

const FILE_TEXT = readFileSync(SIGNING_VECTORS_PATH, 'utf8');
const FILE = parseSigningVectors(JSON.parse(FILE_TEXT));

type SigningSchemeName = Exclude<SchemeName, 'none'>;
/** A library's verdict with one secret: null when it accepts the request, else its error message. */
type Verdict = string | null;

const headerOf = (v: SigningVector, name: string): string | undefined =>
  Object.entries(v.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

async function verdictOf(fn: () => unknown): Promise<Verdict> {
  try {
    const out = await fn();
    return out === false ? 'signature does not match' : null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * A valid vector is accepted with at least one of its secrets; an invalid one is refused with
 * every secret, for the reason the library words as `messages[reason]`.
 */
function expectVerdicts(v: SigningVector, verdicts: Verdict[], messages: Partial<Record<VerifyFailureReason, RegExp>>) {
  if (v.valid) {
    expect(verdicts, 'accepted with one of the secrets').toContain(null);
    return;
  }
  const wording = messages[v.reason!];
  if (!wording) throw new Error(`no library wording for reason ${v.reason}`);
  for (const verdict of verdicts) expect(verdict).toMatch(wording);
}

/**
 * standardwebhooks and svix read the clock (Date.now) with a fixed 300 s window and take no
 * "now": the clock alone is set to the vector's `now` while the library runs, unmodified.
 */
async function at<T>(now: number, fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now * 1000);
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}
afterEach(() => vi.useRealTimers());

const STANDARD_WORDING: Partial<Record<VerifyFailureReason, RegExp>> = {
  bad_signature: /No matching signature found/,
  stale: /timestamp too old/,
  future: /timestamp too new/,
  missing_header: /Missing required headers/,
  // A signature entry in another format matches nothing; a timestamp that is not a number is refused as such.
  malformed_header: /No matching signature found|Invalid Signature Headers/,
};

/** HMAC-SHA256 over the UTF-8 bytes of `data`, as the providers' documentation describes. */
const hmac = (secret: string, data: string, encoding: 'hex' | 'base64') =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(data, 'utf8')).digest(encoding);

/** Reference verifiers for schemes with no official library here: the reason, or null when valid. */
const REFERENCE: Record<'hmac-sha256' | 'slack' | 'shopify', (v: SigningVector) => VerifyFailureReason | null> = {
  // Hookbench's own scheme: X-Webhook-Signature is a comma list of sha256=<hex of HMAC(secret, body)>.
  'hmac-sha256': (v) => {
    const header = headerOf(v, 'X-Webhook-Signature');
    if (header === undefined) return 'missing_header';
    const sigs = header.split(',').map((s) => s.trim());
    if (!sigs.some((s) => /^sha256=[0-9a-f]{64}$/.test(s))) return 'malformed_header';
    return v.secrets.some((secret) => sigs.includes(`sha256=${hmac(secret, v.body, 'hex')}`)) ? null : 'bad_signature';
  },
  // https://api.slack.com/authentication/verifying-requests-from-slack
  slack: (v) => {
    const sig = headerOf(v, 'X-Slack-Signature');
    const ts = headerOf(v, 'X-Slack-Request-Timestamp');
    if (sig === undefined || ts === undefined) return 'missing_header';
    if (!/^\d+$/.test(ts) || !/^v0=[0-9a-f]{64}$/.test(sig)) return 'malformed_header';
    const age = v.now - Number(ts);
    if (age > v.toleranceSec) return 'stale';
    if (-age > v.toleranceSec) return 'future';
    return v.secrets.some((secret) => sig === `v0=${hmac(secret, `v0:${ts}:${v.body}`, 'hex')}`)
      ? null
      : 'bad_signature';
  },
  // https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook
  shopify: (v) => {
    const sig = headerOf(v, 'X-Shopify-Hmac-Sha256');
    if (sig === undefined) return 'missing_header';
    if (!/^[A-Za-z0-9+/]{43}=$/.test(sig)) return 'malformed_header';
    return v.secrets.some((secret) => sig === hmac(secret, v.body, 'base64')) ? null : 'bad_signature';
  },
};

const checkWithReference = (scheme: keyof typeof REFERENCE) => async (v: SigningVector) => {
  expect(REFERENCE[scheme](v)).toBe(v.valid ? null : v.reason);
};

/** How each scheme's vectors are checked; a Record, so a new signing scheme needs its check here. */
const CHECKS: Record<SigningSchemeName, { by: string; check: (v: SigningVector) => Promise<void> }> = {
  standard: {
    by: 'standardwebhooks and svix',
    check: async (v) => {
      const [standard, svix] = await at(v.now, async () => [
        await Promise.all(v.secrets.map((s) => verdictOf(() => new StandardWebhook(s).verify(v.body, v.headers)))),
        await Promise.all(v.secrets.map((s) => verdictOf(() => new SvixWebhook(s).verify(v.body, v.headers)))),
      ]);
      expectVerdicts(v, standard, STANDARD_WORDING);
      expectVerdicts(v, svix, STANDARD_WORDING);
    },
  },
  stripe: {
    by: 'stripe-node constructEvent (tolerance and receivedAt from the vector)',
    check: async (v) => {
      const header = headerOf(v, 'Stripe-Signature');
      const verdicts = await Promise.all(
        v.secrets.map((s) =>
          verdictOf(() => Stripe.webhooks.constructEvent(v.body, header!, s, v.toleranceSec, undefined, v.now * 1000)),
        ),
      );
      if (v.reason === 'future') {
        // stripe-node checks only a timestamp's age: the signature is good and it accepts; the vector says so.
        expect(verdicts).toContain(null);
        expect(v.note).toMatch(/Stripe's own library .* accepts this one/);
        return;
      }
      expectVerdicts(v, verdicts, {
        bad_signature: /No signatures found matching the expected signature/,
        stale: /Timestamp outside the tolerance zone/,
        missing_header: /No stripe-signature header value was provided/,
        malformed_header: /Unable to extract timestamp and signatures from header/,
      });
    },
  },
  github: {
    by: '@octokit/webhooks-methods verify',
    check: async (v) => {
      const signature = headerOf(v, 'X-Hub-Signature-256');
      const verdicts = await Promise.all(v.secrets.map((s) => verdictOf(() => octokitVerify(s, v.body, signature!))));
      expectVerdicts(v, verdicts, {
        bad_signature: /signature does not match/,
        // Octokit compares the whole header text, so another format is simply no match.
        malformed_header: /signature does not match/,
        missing_header: /signature required/,
      });
    },
  },
  'hmac-sha256': { by: 'a node:crypto reference', check: checkWithReference('hmac-sha256') },
  slack: { by: 'a node:crypto reference', check: checkWithReference('slack') },
  shopify: { by: 'a node:crypto reference', check: checkWithReference('shopify') },
};

describe('vectors/signing-vectors.json', () => {
  it('is exactly what scripts/signingVectors.ts writes today (regenerate it after a signing change)', async () => {
    expect(await formatSigningVectors(buildSigningVectors())).toBe(FILE_TEXT);
  });

  it('covers every signing scheme: valid, UTF-8, rotation, and every failure that applies to it', () => {
    expect([...new Set(FILE.vectors.map((v) => v.scheme))].sort()).toEqual([...SIGNING_SCHEMES].sort());
    for (const scheme of SIGNING_SCHEMES) {
      const vectors = FILE.vectors.filter((v) => v.scheme === scheme);
      const reasons = new Set(vectors.filter((v) => !v.valid).map((v) => v.reason));
      const wanted: VerifyFailureReason[] = ['bad_signature', 'malformed_header', 'missing_header'];
      if (schemeDescriptor(scheme).timestampSigned) wanted.push('stale', 'future');
      expect([...reasons].sort(), scheme).toEqual(wanted.sort());
      expect(
        vectors.some((v) => v.valid && /[^\p{ASCII}]/u.test(v.body)),
        `${scheme}: a valid UTF-8 body`,
      ).toBe(true);
      expect(
        vectors.some((v) => v.valid && v.secrets.length === 2),
        `${scheme}: a valid rotation`,
      ).toBe(true);
      expect(vectors.some((v) => v.valid && v.body === vectors[0]!.body && v.secrets.length === 1)).toBe(true);
    }
  });

  it("agrees with Hookbench's verifier on every vector", () => {
    const check = checkSigningVectors(FILE);
    expect(check.results.filter((r) => !r.pass)).toEqual([]);
    expect(check.passed).toBe(FILE.vectors.length);
  });

  it('every valid vector is a signing vector: signing with signedWith gives exactly its headers', () => {
    for (const v of FILE.vectors.filter((x) => x.valid)) {
      const headers = getScheme(v.scheme).sign({
        id: v.id ?? 'unused',
        timestamp: v.timestamp ?? 0,
        eventType: v.eventType ?? 'unused',
        body: Buffer.from(v.body, 'utf8'),
        secrets: v.signedWith!,
      });
      expect(headers, v.name).toEqual(v.headers);
    }
  });
});

describe.each(SIGNING_SCHEMES as SigningSchemeName[])("%s vectors, by the provider's rules", (scheme) => {
  const { by, check } = CHECKS[scheme];
  it.each(FILE.vectors.filter((v) => v.scheme === scheme).map((v) => [v.name, v] as const))(
    `%s (${by})`,
    async (_name, v) => {
      await check(v);
    },
  );
});
