/**
 * What a diff implies for a signature: which difference breaks it (a re-serialised body, a
 * changed timestamp, another secret, a missing header…) and which are only worth knowing.
 * Left is the reference (what was sent, or an earlier valid request); right is the one explained.
 */
import type { BodyDiff, DiffSide, Explanation, HeaderDiff, JsonDiff } from '../../api/diffTypes';
import type { SchemeName } from '../../api/schemas';
import { meaningfulHeaderChanges } from './headerDiff';
import { firstValue, SCHEME_HEADERS, signatureOf, timestampOf, type SchemeHeaders } from './schemeHeaders';

export interface ExplainInput {
  left: DiffSide;
  right: DiffSide;
  headers: HeaderDiff;
  body: BodyDiff;
}

const MAX_LISTED = 3;

/** A value for a sentence: JSON, cut short. */
export function preview(v: unknown, max = 40): string {
  const s = v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function listed(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

function reserialisedParts(json: JsonDiff): string[] {
  const parts: string[] = [];
  const n = json.keyOrderChanges.length;
  if (n > 0) parts.push(`key order changed in ${n === 1 ? json.keyOrderChanges[0]!.path : `${n} objects`}`);
  if (json.whitespaceChanged) {
    const [l, r] = [json.formatting.left, json.formatting.right];
    parts.push(l.indent === r.indent ? 'whitespace changed' : `whitespace changed: ${l.indent} → ${r.indent}`);
  }
  if (json.spellingChanged) parts.push('strings or numbers written differently');
  return parts;
}

function bodyCauses(left: DiffSide, right: DiffSide, body: BodyDiff): Explanation[] {
  if (body.bytes.equal) return [];
  if (right.bodyTruncated || left.bodyTruncated) {
    const side = right.bodyTruncated ? right : left;
    return [
      {
        kind: 'body_truncated',
        level: 'cause',
        message: `the receiver cut ${side.ref}'s body at its size limit (${side.bodySize} bytes kept): a signature over the whole body cannot match`,
      },
    ];
  }
  const json = body.json;
  if (json?.valuesEqual) {
    const parts = reserialisedParts(json);
    return [
      {
        kind: 'body_reserialised',
        level: 'cause',
        message: `the body was re-serialised (${parts.length ? parts.join('; ') : 'bytes differ'}), values equal — the signature covers the raw bytes: verify the body exactly as received, before parsing it`,
      },
    ];
  }
  if (json) {
    const changes = json.changes.map((c) =>
      c.kind === 'added'
        ? `${c.path} added (${preview(c.right)})`
        : c.kind === 'removed'
          ? `${c.path} removed`
          : `${c.path} ${preview(c.left)} → ${preview(c.right)}`,
    );
    const total = json.changesTruncated ? `${json.changes.length}+` : String(json.changes.length);
    return [
      {
        kind: 'body_values_changed',
        level: 'cause',
        message: `the body's values changed (${total}): ${listed(changes)}`,
      },
    ];
  }
  const { firstDifferenceAt, leftSize, rightSize } = body.bytes;
  return [
    {
      kind: 'body_bytes_changed',
      level: 'cause',
      message: `the body's bytes differ from offset ${firstDifferenceAt} (${leftSize} → ${rightSize} bytes)`,
    },
  ];
}

/** Signed header parts: the signature itself, the timestamp, the id. */
function headerCauses(
  facts: SchemeHeaders,
  scheme: SchemeName,
  left: DiffSide,
  right: DiffSide,
  bodyEqual: boolean,
): Explanation[] {
  const out: Explanation[] = [];
  const sigName = facts.signature[0] ?? 'signature';
  const [sigL, sigR] = [signatureOf(scheme, left.headers), signatureOf(scheme, right.headers)];
  if (sigR === undefined && facts.signature.length > 0) {
    out.push({
      kind: 'signature_missing',
      level: 'cause',
      message:
        sigL === undefined
          ? `neither side carries a ${sigName} header: nothing was signed`
          : `the ${sigName} header is missing (${left.ref} had it): something between sender and receiver dropped it, or the request was built without it`,
    });
    return out;
  }
  const [tsL, tsR] = [timestampOf(scheme, left.headers), timestampOf(scheme, right.headers)];
  const tsName = facts.timestamp[0] ?? 'timestamp';
  if (tsL !== tsR) {
    const what =
      tsR === undefined
        ? `the ${tsName} timestamp was removed`
        : tsL === undefined
          ? `a ${tsName} timestamp was added (${tsR})`
          : `the timestamp header was changed: ${tsName} ${tsL} → ${tsR}`;
    out.push(
      facts.timestampSigned
        ? {
            kind: 'timestamp_changed',
            level: 'cause',
            message: `${what}; the signature covers it, so it no longer matches`,
          }
        : { kind: 'timestamp_changed', level: 'note', message: `${what} (not signed by ${scheme})` },
    );
  }
  const [idL, idR] = [firstValue(left.headers, facts.id), firstValue(right.headers, facts.id)];
  if (facts.id.length > 0 && idL !== idR) {
    const what = `the message id changed: ${facts.id[0]} ${idL ?? '(none)'} → ${idR ?? '(none)'}`;
    out.push(
      facts.idSigned
        ? { kind: 'id_changed', level: 'cause', message: `${what}; the signature covers it` }
        : { kind: 'id_changed', level: 'note', message: what },
    );
  }
  const signedPartsEqual = bodyEqual && (!facts.timestampSigned || tsL === tsR) && (!facts.idSigned || idL === idR);
  if (signedPartsEqual && sigL !== undefined && sigR !== undefined && sigL !== sigR) {
    out.push({
      kind: 'different_secret',
      level: 'cause',
      message: `the body${facts.timestampSigned ? ', timestamp' : ''}${facts.idSigned ? ' and id' : ''} are equal but the signatures differ: a different secret signed it`,
    });
  }
  return out;
}

/** When nothing signed changed: the verdict says why the request still failed. */
function unchangedCause(right: DiffSide, sameSignature: boolean): Explanation | null {
  const v = right.verdict;
  if (!v || v.valid) return null;
  if (v.reason === 'stale' || v.reason === 'future') {
    return {
      kind: 'stale_replay',
      level: 'cause',
      message: `nothing signed changed, but the timestamp is outside the inbox's window (${v.message ?? v.reason}): the request was sent again too late, or a clock is off`,
    };
  }
  if (v.reason === 'bad_signature' && sameSignature) {
    return {
      kind: 'secret_mismatch',
      level: 'cause',
      message:
        'the request is the one that was sent, same bytes and same signature: the inbox verifies with a different secret than the sender signs with',
    };
  }
  if (v.reason === 'no_secret')
    return { kind: 'secret_mismatch', level: 'cause', message: 'the inbox has no secret to verify with' };
  return null;
}

function notes(input: ExplainInput, signedNames: readonly string[]): Explanation[] {
  const { left, right, headers } = input;
  const out: Explanation[] = [];
  if (left.method !== right.method || left.path !== right.path) {
    const parts = [
      left.method !== right.method ? `method ${left.method} → ${right.method}` : null,
      left.path !== right.path ? `path ${left.path} → ${right.path}` : null,
    ];
    out.push({
      kind: 'request_line_changed',
      level: 'note',
      message: `${parts.filter(Boolean).join(', ')} (not signed)`,
    });
  }
  const others = meaningfulHeaderChanges(headers).filter((c) => !signedNames.includes(c.name));
  if (others.length > 0) {
    const by = (k: string) => others.filter((c) => c.kind === k).map((c) => c.rightName ?? c.leftName ?? c.name);
    const parts = [
      ['added', by('added')],
      ['removed', by('removed')],
      ['changed', by('changed')],
    ]
      .filter(([, n]) => n!.length > 0)
      .map(([k, n]) => `${k} ${listed(n as string[])}`);
    out.push({ kind: 'headers_changed', level: 'note', message: `other headers differ: ${parts.join('; ')}` });
  } else if (headers.onlyOrderDiffers) {
    out.push({
      kind: 'headers_changed',
      level: 'note',
      message: 'only the header order differs (no signature covers it)',
    });
  }
  return out;
}

/** A change under a signature that was made again over it (the right side verified). */
function asSignedAgain(e: Explanation): Explanation {
  return {
    ...e,
    level: 'note',
    message: e.message.replace(
      /; the signature covers it(, so it no longer matches)?$/,
      '; the signature covers it and was made again over it',
    ),
  };
}

export function explain(input: ExplainInput): Explanation[] {
  const { left, right, body } = input;
  // A request that lost its signature header shows no scheme (or `none`): the sender's says what was signed.
  const scheme = right.scheme && right.scheme !== 'none' ? right.scheme : left.scheme;
  const facts = scheme ? SCHEME_HEADERS[scheme] : SCHEME_HEADERS.none;
  const signed = scheme ? headerCauses(facts, scheme, left, right, body.bytes.equal) : [];
  const causes = [...bodyCauses(left, right, body), ...signed.filter((e) => e.level === 'cause')];
  const headerNotes = signed.filter((e) => e.level === 'note');
  if (causes.length === 0) {
    const same = scheme !== null && signatureOf(scheme, left.headers) === signatureOf(scheme, right.headers);
    const cause = unchangedCause(right, same);
    if (cause) causes.push(cause);
  }
  // Scheme none verifies everything: that says nothing about a signature.
  const verified = right.verdict?.valid === true && right.verdict.scheme !== 'none';
  // It verified (a replay signed again), or it is an attempt our sender signed: what changed broke nothing, so it is told as a note.
  const out = verified || right.kind === 'attempt' ? causes.map(asSignedAgain) : [...causes];
  if (verified)
    out.push({
      kind: 'valid',
      level: 'note',
      message: `${right.ref} verified (${right.verdict!.scheme}): nothing broke its signature`,
    });
  if (causes.length === 0 && !verified) {
    out.push({ kind: 'identical', level: 'note', message: 'nothing a signature covers differs between the two' });
  }
  out.push(...headerNotes, ...notes(input, [...facts.signature, ...facts.timestamp, ...facts.id]));
  return out;
}
