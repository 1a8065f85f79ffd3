/** Headers compared by name (case-insensitive), value lists and order. */
import type { ChangeKind, HeaderChange, HeaderDiff } from '../../api/diffTypes';
import { REDACTED } from '../../api/credentials';

/** Headers the HTTP client or the connection sets, not the sender's code: shown, but not counted as a difference. */
export const TRANSPORT_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'upgrade',
  'expect',
  'proxy-connection',
]);

interface Entry {
  name: string;
  index: number;
  values: string[];
}

/** Each lower-case name once, in order of first occurrence, with every value. */
function group(headers: readonly [string, string][]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  headers.forEach(([name, value], index) => {
    const key = name.toLowerCase();
    const entry = out.get(key);
    if (entry) entry.values.push(value);
    else out.set(key, { name, index, values: [value] });
  });
  return out;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function diffHeaders(left: readonly [string, string][], right: readonly [string, string][]): HeaderDiff {
  const l = group(left);
  const r = group(right);
  const names = [...l.keys(), ...[...r.keys()].filter((k) => !l.has(k))];
  const counts: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0, same: 0 };
  const changes = names.map((name): HeaderChange => {
    const a = l.get(name);
    const b = r.get(name);
    const kind: ChangeKind = !a ? 'added' : !b ? 'removed' : sameList(a.values, b.values) ? 'same' : 'changed';
    counts[kind]++;
    return {
      name,
      kind,
      leftName: a?.name ?? null,
      rightName: b?.name ?? null,
      left: a?.values ?? [],
      right: b?.values ?? [],
      leftIndex: a?.index ?? null,
      rightIndex: b?.index ?? null,
      nameCaseChanged: a !== undefined && b !== undefined && a.name !== b.name,
      transport: TRANSPORT_HEADERS.has(name),
      redacted: kind === 'changed' && [...a!.values, ...b!.values].includes(REDACTED),
    };
  });
  const common = names.filter((n) => l.has(n) && r.has(n));
  const rightOrder = [...common].sort((x, y) => r.get(x)!.index - r.get(y)!.index);
  const orderChanged = common.some((n, i) => n !== rightOrder[i]);
  return {
    changes,
    counts,
    orderChanged,
    onlyOrderDiffers: orderChanged && counts.added === 0 && counts.removed === 0 && counts.changed === 0,
  };
}

/** The changes that count as a difference: not transport headers, not values hidden by redaction, not `same`. */
export function meaningfulHeaderChanges(diff: HeaderDiff): HeaderChange[] {
  return diff.changes.filter((c) => c.kind !== 'same' && !c.transport && !c.redacted);
}
