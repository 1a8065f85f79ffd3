/**
 * Two JSON bodies compared structurally (microdiff, by path), with key order and layout reported
 * apart from value changes: a re-serialised body has equal values and different bytes, which is
 * exactly what breaks a signature while looking the same in a viewer.
 */
import microdiff from 'microdiff';
import type { JsonChange, JsonDiff, JsonFormatting, JsonValueType, KeyOrderChange } from '../../api/diffTypes';
import { tooDeepAt } from '../../api/jsonDepth';

export const MAX_JSON_CHANGES = 500;
const MAX_ORDER_CHANGES = 200;
/** microdiff recurses once per level: deeper bodies get no structural diff (the byte and text views still work). */
export const MAX_JSON_DEPTH = 128;

export function jsonTypeOf(v: unknown): JsonValueType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonValueType;
}

/** `$`, `$.a.b[2]`, `$["key with space"]`. */
export function jsonPath(segments: readonly (string | number)[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Null when either value is nested deeper than {@link MAX_JSON_DEPTH} (the caller notes why). */
export function diffJson(leftText: string, rightText: string, left: unknown, right: unknown): JsonDiff | null {
  if (tooDeepAt(left, MAX_JSON_DEPTH) !== null || tooDeepAt(right, MAX_JSON_DEPTH) !== null) return null;
  // Wrapped so that top-level scalars and arrays compare too; the wrapper's key is dropped from paths.
  const raw = microdiff({ v: left }, { v: right }, { cyclesFix: false });
  const changes: JsonChange[] = raw.slice(0, MAX_JSON_CHANGES).map((d) => {
    const segments = d.path.slice(1);
    const path = jsonPath(segments);
    if (d.type === 'CREATE') return { path, segments, kind: 'added', right: d.value, rightType: jsonTypeOf(d.value) };
    if (d.type === 'REMOVE')
      return { path, segments, kind: 'removed', left: d.oldValue, leftType: jsonTypeOf(d.oldValue) };
    const [leftType, rightType] = [jsonTypeOf(d.oldValue), jsonTypeOf(d.value)];
    return {
      path,
      segments,
      kind: leftType === rightType ? 'changed' : 'type_changed',
      left: d.oldValue,
      right: d.value,
      leftType,
      rightType,
    };
  });
  const valuesEqual = raw.length === 0;
  const keyOrderChanges = keyOrderDiff(left, right);
  const [fl, fr] = [formattingOf(leftText), formattingOf(rightText)];
  const [stripL, stripR] = [stripWhitespace(leftText), stripWhitespace(rightText)];
  const whitespaceChanged =
    (stripL === stripR && leftText !== rightText) ||
    fl.indent !== fr.indent ||
    fl.spaceAfterColon !== fr.spaceAfterColon ||
    fl.trailingNewline !== fr.trailingNewline;
  return {
    valuesEqual,
    changes,
    changesTruncated: raw.length > MAX_JSON_CHANGES,
    keyOrderChanges,
    whitespaceChanged,
    spellingChanged: valuesEqual && spellingDiffers(stripL, stripR, left, right),
    formatting: { left: fl, right: fr },
  };
}

/**
 * Equal values written differently (`\u00e9` vs `é`, `1.0` vs `1`). With the key order also
 * changed, a side counts as respelled when it differs from the plain serialisation and the other
 * does not.
 */
function spellingDiffers(stripL: string, stripR: string, left: unknown, right: unknown): boolean {
  const [plainL, plainR] = [JSON.stringify(left), JSON.stringify(right)];
  if (plainL === plainR) return stripL !== stripR;
  return (stripL === plainL) !== (stripR === plainR);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Objects present on both sides whose shared keys come in another order. Iterative. */
function keyOrderDiff(left: unknown, right: unknown): KeyOrderChange[] {
  const out: KeyOrderChange[] = [];
  const stack: { a: unknown; b: unknown; segments: (string | number)[] }[] = [{ a: left, b: right, segments: [] }];
  while (stack.length > 0 && out.length < MAX_ORDER_CHANGES) {
    const { a, b, segments } = stack.pop()!;
    if (isPlainObject(a) && isPlainObject(b)) {
      const ka = Object.keys(a).filter((k) => Object.hasOwn(b, k));
      const kb = Object.keys(b).filter((k) => Object.hasOwn(a, k));
      if (ka.some((k, i) => k !== kb[i])) out.push({ path: jsonPath(segments), left: ka, right: kb });
      // Pushed in reverse so that paths come out in document order.
      for (const k of [...ka].reverse()) stack.push({ a: a[k], b: b[k], segments: [...segments, k] });
    } else if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = Math.min(a.length, b.length) - 1; i >= 0; i--)
        stack.push({ a: a[i], b: b[i], segments: [...segments, i] });
    }
  }
  return out;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The text without whitespace outside strings. */
export function stripWhitespace(text: string): string {
  let out = '';
  let inString = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // the escaped character is part of the string
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (WS.has(c)) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

export function formattingOf(text: string): JsonFormatting {
  let inString = false;
  let whitespaceBytes = 0;
  let spaceAfterColon: boolean | null = null;
  const indents = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (WS.has(c)) whitespaceBytes++;
    if (c === 0x3a && spaceAfterColon === null) spaceAfterColon = text.charCodeAt(i + 1) === 0x20;
    if (c === 0x0a) {
      const m = /^[ \t]+/.exec(text.slice(i + 1, i + 65));
      if (m && text.charCodeAt(i + 1 + m[0].length) !== 0x0a) indents.add(m[0]);
    }
  }
  return {
    indent: indentName(indents),
    spaceAfterColon: spaceAfterColon === true,
    whitespaceBytes,
    trailingNewline: text.endsWith('\n'),
  };
}

/** The indent unit: the shortest indentation seen (the first level). */
function indentName(indents: Set<string>): string {
  if (indents.size === 0) return 'compact';
  const all = [...indents];
  if (all.every((s) => /^\t+$/.test(s))) return 'tabs';
  if (!all.every((s) => /^ +$/.test(s))) return 'mixed';
  const unit = Math.min(...all.map((s) => s.length));
  return `${unit} space${unit === 1 ? '' : 's'}`;
}
