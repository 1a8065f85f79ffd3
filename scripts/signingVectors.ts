/**
 * Writes vectors/signing-vectors.json: the published signing test vectors, made with Hookbench's
 * own signers from fixed secrets, ids, bodies and times, so the same sources always give the same
 * bytes. Which cases a scheme gets follows from its descriptor (api/schemes.ts); only what cannot
 * be derived (sample bodies, secrets, how to break the signature header) is written out here.
 *
 *   npx tsx scripts/signingVectors.ts           regenerate the file
 *   npx tsx scripts/signingVectors.ts --check   exit 1 when the committed file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { DEFAULT_TOLERANCE_SEC } from '../src-main/api/receiverSchemas';
import { schemeDescriptor, SIGNING_SCHEMES, type SchemeName } from '../src-main/api/schemes';
import {
  parseSigningVectors,
  SIGNING_VECTORS_VERSION,
  type SigningVector,
  type SigningVectorFile,
} from '../src-main/api/signingVectors';
import { getScheme } from '../src-main/engine/signing/registry';
import type { VerifyFailureReason } from '../src-main/engine/signing/types';

export const SIGNING_VECTORS_PATH = fileURLToPath(new URL('../vectors/signing-vectors.json', import.meta.url));

type SigningSchemeName = Exclude<SchemeName, 'none'>;
type Headers = Record<string, string>;

/** 2026-01-01T00:00:00Z: every vector is verified at this moment. */
const NOW = 1_767_225_600;
const TOLERANCE = DEFAULT_TOLERANCE_SEC;
/** Sent ten seconds before it is verified: a delivery as it usually arrives. */
const SENT = NOW - 10;

/** One body with characters from several scripts and a 4-byte emoji: signed as UTF-8 bytes, never as UTF-16 or Latin-1. */
const UTF8_BODY =
  '{"id":"evt_utf8_0001","type":"customer.updated","data":{"name":"Zoë Ångström","city":"Köln","note":"東京 🚀"}}';

interface Sample {
  secrets: { current: string; previous: string; wrong: string };
  id: string;
  eventType: string;
  body: string;
  /** A value in `body` and what an attacker changes it to. */
  tamper: [string, string];
  /** The signature header as a sender that misread the format would send it. */
  malformed: (signature: string) => string;
}

/** Per scheme, what cannot be derived: a Record, so a new signing scheme without its samples does not compile. */
const SAMPLES: Record<SigningSchemeName, Sample> = {
  standard: {
    secrets: {
      current: 'whsec_UG1zlnsKsPWBGKKhpYD3El19KqL3R7fo8eu4xGVkQT0=',
      previous: 'whsec_qHrhr6Goxwx1tZFdmu+c7B/Kb3Tj5NGJd2tkJEfmNAI=',
      wrong: 'whsec_V/dVu2dFH/uDv4jeJuxFY2z+1kleJ/PQKzI2xus70CY=',
    },
    id: 'msg_2mVq8Jd3kPz7XcR1tY5wN0aB',
    eventType: 'invoice.paid',
    body: '{"type":"invoice.paid","timestamp":"2025-12-31T23:59:50Z","data":{"invoice":"inv_1042","amount":4900,"currency":"eur"}}',
    tamper: ['"amount":4900', '"amount":1'],
    // Stripe's `v1=` instead of Standard Webhooks' `v1,`.
    malformed: (sig) => sig.replace(/^v1,/, 'v1='),
  },
  'hmac-sha256': {
    secrets: {
      current: 'hookbench-vectors-hmac-current',
      previous: 'hookbench-vectors-hmac-previous',
      wrong: 'hookbench-vectors-hmac-wrong',
    },
    id: 'dlv_01JGZ7Q4M3X8K2N5P9R1T6V0WB',
    eventType: 'order.shipped',
    body: '{"id":"evt_7781","type":"order.shipped","data":{"order":"ord_2291","carrier":"DHL","items":3}}',
    tamper: ['"items":3', '"items":30'],
    // The bare hex digest, without its `sha256=` label.
    malformed: (sig) => sig.replace(/^sha256=/, ''),
  },
  stripe: {
    // Stripe keys its HMAC with the whole text, `whsec_` included: an implementation that decodes it fails these.
    secrets: {
      current: 'whsec_hookbenchVectorsStripeCurrent0001',
      previous: 'whsec_hookbenchVectorsStripePrevious002',
      wrong: 'whsec_hookbenchVectorsStripeWrong000003',
    },
    id: 'evt_1QkXyZ2eZvKYlo2CvEctr001',
    eventType: 'payment_intent.succeeded',
    body: '{"id":"evt_1QkXyZ2eZvKYlo2CvEctr001","object":"event","type":"payment_intent.succeeded","created":1767225590,"data":{"object":{"id":"pi_3QkXyZ2eZvKYlo2C1a2B3c4D","object":"payment_intent","amount":4900,"currency":"eur","status":"succeeded"}}}',
    tamper: ['"amount":4900', '"amount":1'],
    // The signatures without their `t=<timestamp>`.
    malformed: (sig) => sig.replace(/^t=\d+,/, ''),
  },
  github: {
    secrets: {
      current: 'hookbench-vectors-github-current',
      previous: 'hookbench-vectors-github-previous',
      wrong: 'hookbench-vectors-github-wrong',
    },
    id: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    eventType: 'push',
    body: '{"ref":"refs/heads/main","after":"59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5","repository":{"full_name":"octocat/Hello-World"},"pusher":{"name":"octocat"}}',
    tamper: ['refs/heads/main', 'refs/heads/prod'],
    // The hex digest labelled as the legacy X-Hub-Signature's `sha1=`.
    malformed: (sig) => sig.replace(/^sha256=/, 'sha1='),
  },
  slack: {
    secrets: {
      current: 'hookbench-vectors-slack-current',
      previous: 'hookbench-vectors-slack-previous',
      wrong: 'hookbench-vectors-slack-wrong',
    },
    id: 'Ev08MFMKH6',
    eventType: 'app_mention',
    body: '{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T0001","type":"event_callback","event":{"type":"app_mention","user":"U2147483697","text":"<@U0LAN0Z89> deploy","channel":"C0LAN2Q65"}}',
    tamper: ['deploy', 'delete'],
    // A version the spec does not define.
    malformed: (sig) => sig.replace(/^v0=/, 'v1='),
  },
  shopify: {
    secrets: {
      current: 'hookbench-vectors-shopify-current',
      previous: 'hookbench-vectors-shopify-previous',
      wrong: 'hookbench-vectors-shopify-wrong',
    },
    id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    eventType: 'orders/create',
    body: '{"id":820982911946154508,"email":"jon@example.com","total_price":"49.00","currency":"EUR","line_items":[{"title":"IPod Nano","quantity":1}]}',
    tamper: ['"total_price":"49.00"', '"total_price":"0.49"'],
    // The base64 digest with a `sha256=` label Shopify never sends.
    malformed: (sig) => `sha256=${sig}`,
  },
};

interface Case {
  case: string;
  description: string;
  note?: string;
  /** Which secrets sign, and which the receiver holds. */
  signWith: (keyof Sample['secrets'])[];
  verifyWith: (keyof Sample['secrets'])[];
  timestamp?: number;
  body?: string;
  /** Applied to the signed request (headers as signed, body as signed). */
  alter?: (request: { headers: Headers; body: string }) => void;
  reason?: VerifyFailureReason;
}

/** The cases that apply to a scheme, from what its descriptor says it signs and sends. */
function casesFor(scheme: SigningSchemeName): Case[] {
  const d = schemeDescriptor(scheme);
  const sample = SAMPLES[scheme];
  const sigHeader = d.signatureHeaders[0]!;
  const tsHeader = d.timestampHeaders[0];
  /** A timestamp header of its own (Stripe's lives inside its signature header). */
  const ownTsHeader = tsHeader !== undefined && tsHeader !== sigHeader ? tsHeader : undefined;
  const signed: Pick<Case, 'signWith' | 'verifyWith'> = { signWith: ['current'], verifyWith: ['current'] };
  const cases: Case[] = [
    { case: 'valid', description: 'A correctly signed request.', ...signed },
    {
      case: 'valid-utf8-body',
      description: 'A body with non-ASCII characters: the signature covers its UTF-8 bytes.',
      ...signed,
      body: UTF8_BODY,
    },
  ];
  if (d.multipleSignatures)
    cases.push({
      case: 'rotation-signed-with-both',
      description: 'During a rotation the sender signs with the new and the old secret; the header carries both.',
      signWith: ['current', 'previous'],
      verifyWith: ['current', 'previous'],
    });
  cases.push({
    case: 'rotation-old-secret',
    description: 'The sender still signs with the previous secret; the receiver holds the new and the old one.',
    signWith: ['previous'],
    verifyWith: ['current', 'previous'],
  });
  if (d.timestampSigned)
    cases.push(
      {
        case: 'window-edge-past',
        description: `Sent exactly toleranceSec (${TOLERANCE} s) before now: still inside the window.`,
        ...signed,
        timestamp: NOW - TOLERANCE,
      },
      {
        case: 'window-edge-future',
        description: `Dated exactly toleranceSec (${TOLERANCE} s) after now: still inside the window.`,
        ...signed,
        timestamp: NOW + TOLERANCE,
      },
    );
  else if (tsHeader !== undefined)
    cases.push({
      case: 'unsigned-timestamp-not-checked',
      description: `${tsHeader} is a day old, but the signature does not cover it, so its age is not checked.`,
      ...signed,
      timestamp: NOW - 86_400,
    });
  cases.push(
    {
      case: 'wrong-secret',
      description: 'Signed with a secret the receiver does not hold.',
      signWith: ['current'],
      verifyWith: ['wrong'],
      reason: 'bad_signature',
    },
    {
      case: 'tampered-body',
      description: `The body was changed after signing (${sample.tamper[0]} became ${sample.tamper[1]}).`,
      ...signed,
      alter: (r) => {
        r.body = r.body.replace(sample.tamper[0], sample.tamper[1]);
      },
      reason: 'bad_signature',
    },
  );
  if (d.timestampSigned)
    cases.push(
      {
        case: 'stale',
        description: `Sent toleranceSec + 1 (${TOLERANCE + 1}) seconds before now: a replay.`,
        ...signed,
        timestamp: NOW - TOLERANCE - 1,
        reason: 'stale',
      },
      {
        case: 'future',
        description: `Dated toleranceSec + 1 (${TOLERANCE + 1}) seconds after now.`,
        note:
          scheme === 'stripe'
            ? "Stripe's own library (stripe-node constructEvent) checks only a timestamp's age and accepts this one; Hookbench rejects a timestamp outside the window either way, as Standard Webhooks does."
            : undefined,
        ...signed,
        timestamp: NOW + TOLERANCE + 1,
        reason: 'future',
      },
    );
  cases.push({
    case: 'malformed-signature-header',
    description: `${sigHeader} is not in the scheme's format: ${sample.malformed('<signature>')}.`,
    ...signed,
    alter: (r) => {
      r.headers[sigHeader] = sample.malformed(r.headers[sigHeader]!);
    },
    reason: 'malformed_header',
  });
  if (d.timestampSigned && ownTsHeader !== undefined)
    cases.push({
      case: 'malformed-timestamp-header',
      description: `${ownTsHeader} is not unix seconds.`,
      ...signed,
      alter: (r) => {
        r.headers[ownTsHeader] = 'not-a-timestamp';
      },
      reason: 'malformed_header',
    });
  const missing = [
    sigHeader,
    ...(d.timestampSigned && ownTsHeader !== undefined ? [ownTsHeader] : []),
    ...(d.idSigned ? [d.idHeaders[0]!] : []),
  ];
  for (const header of missing)
    cases.push({
      case: `missing-${header === sigHeader ? 'signature' : header === ownTsHeader ? 'timestamp' : 'id'}-header`,
      description: `No ${header} header.`,
      ...signed,
      alter: (r) => {
        delete r.headers[header];
      },
      reason: 'missing_header',
    });
  return cases;
}

function vectorOf(scheme: SigningSchemeName, c: Case): SigningVector {
  const d = schemeDescriptor(scheme);
  const sample = SAMPLES[scheme];
  const timestamp = c.timestamp ?? SENT;
  const signedWith = c.signWith.map((role) => sample.secrets[role]);
  const body = c.body ?? sample.body;
  const headers = getScheme(scheme).sign({
    id: sample.id,
    timestamp,
    eventType: sample.eventType,
    body: Buffer.from(body, 'utf8'),
    secrets: signedWith,
  });
  const request = { headers, body };
  c.alter?.(request);
  // Single-signature schemes sign with the newest secret only; signedWith says which signed.
  const used = d.multipleSignatures ? signedWith : signedWith.slice(0, 1);
  return {
    name: `${scheme}/${c.case}`,
    scheme,
    description: c.description,
    ...(c.note !== undefined ? { note: c.note } : {}),
    secrets: c.verifyWith.map((role) => sample.secrets[role]),
    signedWith: used,
    // Only the inputs the scheme sends or signs.
    ...(d.idHeaders.length > 0 ? { id: sample.id } : {}),
    ...(d.timestampHeaders.length > 0 ? { timestamp } : {}),
    ...(d.eventHeader !== null ? { eventType: sample.eventType } : {}),
    body: request.body,
    headers: request.headers,
    now: NOW,
    toleranceSec: TOLERANCE,
    valid: c.reason === undefined,
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
  };
}

export function buildSigningVectors(): SigningVectorFile {
  const schemes = SIGNING_SCHEMES as SigningSchemeName[];
  return parseSigningVectors({
    version: SIGNING_VECTORS_VERSION,
    description:
      'Webhook signature test vectors (Standard Webhooks, Stripe, GitHub, Slack, Shopify, plain HMAC-SHA256), generated by Hookbench. ' +
      'For each vector, verify `headers` and `body` (its UTF-8 bytes) with `secrets` at unix time `now`, accepting timestamps up to `toleranceSec` either side: ' +
      '`valid` and `reason` say what a correct verifier concludes. Every valid vector is also a signing vector: signing `body` with `signedWith`, `id`, `timestamp` and `eventType` gives exactly `headers`.',
    vectors: schemes.flatMap((scheme) => casesFor(scheme).map((c) => vectorOf(scheme, c))),
  });
}

/** The file's text: JSON as Prettier formats it with the repository's settings, so `prettier --check` agrees. */
export async function formatSigningVectors(file: SigningVectorFile): Promise<string> {
  const config = (await resolveConfig(SIGNING_VECTORS_PATH)) ?? {};
  return format(JSON.stringify(file, null, 2), { ...config, filepath: SIGNING_VECTORS_PATH });
}

async function run(args: string[]): Promise<number> {
  const text = await formatSigningVectors(buildSigningVectors());
  if (args.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SIGNING_VECTORS_PATH, 'utf8');
    } catch {
      // A missing file is stale too.
    }
    if (committed === text) return 0;
    process.stderr.write(`${SIGNING_VECTORS_PATH} is stale; run npx tsx scripts/signingVectors.ts\n`);
    return 1;
  }
  writeFileSync(SIGNING_VECTORS_PATH, text);
  process.stdout.write(`wrote ${SIGNING_VECTORS_PATH}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = await run(process.argv.slice(2));
