import { useNow } from '../hooks/useNow';

export function exactTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The same instant in UTC, for a tooltip beside a local time: `2026-12-01 21:30:05.123 UTC`. */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** Local wall-clock time with milliseconds; the date goes in front when it is not `now`'s day. */
export function clockTime(ms: number, now = Date.now()): string {
  const full = exactTime(ms);
  return full.slice(0, 10) === exactTime(now).slice(0, 10) ? full.slice(11) : full;
}

export function relativeTime(ms: number, now: number): string {
  const s = Math.round((now - ms) / 1000);
  const abs = Math.abs(s);
  const suffix = s >= 0 ? 'ago' : 'from now';
  if (abs < 5) return s >= 0 ? 'just now' : 'in a moment';
  if (abs < 60) return `${abs} s ${suffix}`;
  if (abs < 3600) return `${Math.round(abs / 60)} min ${suffix}`;
  if (abs < 86400) return `${Math.round(abs / 3600)} h ${suffix}`;
  return `${Math.round(abs / 86400)} d ${suffix}`;
}

/**
 * "3 min ago", with the exact local time on hover (a native title: tables render hundreds of
 * these, so this is a plain span rather than Mantine components).
 */
export function RelativeTime({ at, size, c }: { at: number | null | undefined; size?: 'xs' | 'sm'; c?: 'dimmed' }) {
  useNow(); // re-render as time passes
  const style = {
    whiteSpace: 'nowrap' as const,
    cursor: 'default',
    fontSize: size ? `var(--mantine-font-size-${size})` : undefined,
    color: c ? 'var(--mantine-color-dimmed)' : undefined,
  };
  if (at === null || at === undefined) return <span style={{ ...style, color: 'var(--mantine-color-dimmed)' }}>—</span>;
  const exact = exactTime(at);
  return (
    <span title={exact} style={style}>
      {relativeTime(at, Date.now())}
    </span>
  );
}

/** Local time (UTC on hover) and "7 s ago": when something happened, both ways. */
export function AbsoluteTime({ at, size }: { at: number; size?: 'xs' | 'sm' }) {
  useNow();
  return (
    <span style={{ whiteSpace: 'nowrap', fontSize: size ? `var(--mantine-font-size-${size})` : undefined }}>
      <time
        dateTime={new Date(at).toISOString()}
        title={utcTime(at)}
        style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}
      >
        {clockTime(at)}
      </time>
      {' · '}
      {relativeTime(at, Date.now())}
    </span>
  );
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
