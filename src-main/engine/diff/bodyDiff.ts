/** Two bodies compared as bytes (first difference, hex context), then as JSON or as text. */
import { formatPatch, structuredPatch } from 'diff';
import type { BodyDiff, BodyKind, ByteDiff, HexWindow, TextDiff } from '../../api/diffTypes';
import { diffJson, MAX_JSON_DEPTH } from './jsonDiff';
import { textOf } from './messages';

/** Bytes shown before the first difference, and in all, in the hex context. */
const CONTEXT_BEFORE = 16;
const CONTEXT_BYTES = 48;
/** Bodies larger than this are compared as bytes only. */
const MAX_PARSED_BYTES = 4 * 1024 * 1024;
/** A line diff that takes longer than this gives up (jsdiff's timeout): very different large texts. */
const TEXT_DIFF_TIMEOUT_MS = 1500;

interface Parsed {
  kind: BodyKind;
  text: string | null;
  json?: unknown;
}

/**
 * Objects without a prototype: a body's `toString` or `constructor` key is then a key like any
 * other (the structural diff looks keys up with `in`, which would find Object's own).
 */
function ownKeysOnly(_key: string, value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.assign(Object.create(null) as object, value)
    : value;
}

function parse(body: Buffer): Parsed {
  if (body.length === 0) return { kind: 'empty', text: '' };
  const text = textOf(body);
  if (text === null) return { kind: 'binary', text: null };
  if (body.length > MAX_PARSED_BYTES) return { kind: 'text', text };
  try {
    return { kind: 'json', text, json: JSON.parse(text, ownKeysOnly) as unknown };
  } catch {
    return { kind: 'text', text };
  }
}

export function firstDifference(a: Buffer, b: Buffer): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? null : n;
}

function hexWindow(body: Buffer, offset: number): HexWindow {
  const bytes = body.subarray(offset, offset + CONTEXT_BYTES);
  return {
    offset,
    hex: [...bytes].map((x) => x.toString(16).padStart(2, '0')).join(' '),
    ascii: [...bytes].map((x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join(''),
  };
}

export function diffBytes(left: Buffer, right: Buffer): ByteDiff {
  const at = left.equals(right) ? null : firstDifference(left, right);
  const start = at === null ? 0 : Math.max(0, at - CONTEXT_BEFORE);
  return {
    equal: at === null,
    leftSize: left.length,
    rightSize: right.length,
    firstDifferenceAt: at,
    context: at === null ? null : { left: hexWindow(left, start), right: hexWindow(right, start) },
  };
}

function diffText(leftName: string, rightName: string, left: string, right: string): TextDiff | null {
  const patch = structuredPatch(leftName, rightName, left, right, undefined, undefined, {
    context: 3,
    timeout: TEXT_DIFF_TIMEOUT_MS,
  });
  if (!patch) return null;
  let addedLines = 0;
  let removedLines = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) addedLines++;
      else if (line.startsWith('-')) removedLines++;
    }
  }
  return { patch: formatPatch(patch), addedLines, removedLines };
}

export function diffBodies(left: Buffer, right: Buffer, names: { left: string; right: string }): BodyDiff {
  const bytes = diffBytes(left, right);
  const [l, r] = [parse(left), parse(right)];
  let note: string | null = null;
  let json = null;
  let text = null;
  if (l.kind === 'json' && r.kind === 'json') {
    json = diffJson(l.text!, r.text!, l.json, r.json);
    if (!json) note = `a body is nested more than ${MAX_JSON_DEPTH} levels deep: compared as bytes only`;
  } else if (!bytes.equal && l.text !== null && r.text !== null) {
    // Past the parse limit a line diff would be as large as the bodies (a single-line JSON body is one line).
    if (Math.max(left.length, right.length) > MAX_PARSED_BYTES)
      note = `a body is over ${MAX_PARSED_BYTES / 1024 / 1024} MiB: compared as bytes only`;
    else text = diffText(names.left, names.right, l.text, r.text);
    if (!text && !note) note = 'the texts are too different to diff line by line quickly: compared as bytes only';
  } else if (!bytes.equal && (l.kind === 'binary' || r.kind === 'binary')) {
    note = 'a body is binary (not UTF-8): compared as bytes';
  }
  return { leftKind: l.kind, rightKind: r.kind, bytes, json, text, note };
}
