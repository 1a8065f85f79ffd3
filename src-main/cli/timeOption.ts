/** Times on the command line: ISO 8601, epoch milliseconds, or a span back from now (`90s`, `30m`, `2h`, `7d`). */
import { UsageError } from './context';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseTime(value: string, flag: string, now = Date.now()): number {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const span = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(v);
  if (span) return Math.round(now - Number(span[1]) * UNIT_MS[span[2]!.toLowerCase()]!);
  const ms = Date.parse(v);
  if (Number.isNaN(ms))
    throw new UsageError(
      `${flag}: "${value}" is not a time: give ISO 8601 (2026-12-01T10:00:00Z), epoch milliseconds, or a span back from now (30m, 2h, 7d)`,
    );
  return ms;
}
