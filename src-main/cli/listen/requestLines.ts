/** What `hookbench listen` prints per request: one line with its verdict, then the forward's answer when it settles. */
import type { SchemaVerdict } from '../../api/catalogTypes';
import { redactUrl } from '../../api/credentials';
import type { ReceivedRequestSummary } from '../../api/receiverTypes';
import { schemaVerdictText } from '../catalog/verdictText';
import type { Workbench } from '../../engine/workbench';
import { reasonText, type Output } from '../output';

/** A forward still under way is written when it settles; we look again this often, at most this long. */
const FORWARD_POLL_MS = 50;
const FORWARD_WAIT_MS = 35_000;

export function printRequest(
  out: Output,
  r: ReceivedRequestSummary,
  scheme: string | null,
  message: string | null,
  /** The request's whole schema verdict (every issue) for --json; the line shows the summary's. */
  schemaVerdict: SchemaVerdict | null = null,
): void {
  const verdict =
    r.inboxId === null
      ? 'unrouted'
      : r.valid
        ? `valid (${scheme ?? '?'})`
        : `invalid: ${reasonText(r.reason ?? 'unknown')}`;
  out.record({
    kind: 'request',
    ...r,
    time: new Date(r.receivedAt).toISOString(),
    scheme,
    message,
    verdict,
    schemaVerdict: schemaVerdict ?? r.schemaVerdict,
  });
  const target = r.query ? `${r.path}?${r.query}` : r.path;
  const status = r.responseStatus === null ? 'no answer (client left)' : `→ ${r.responseStatus}`;
  const detail = !r.valid && r.inboxId !== null && message ? ` — ${message}` : '';
  const dup = r.duplicate ? ' (duplicate)' : '';
  const painted = out.paint(r.inboxId === null ? 'warn' : r.valid ? 'good' : 'bad', verdict);
  const schema = r.schemaVerdict ? `  ${schemaVerdictText(r.schemaVerdict, out.paint)}` : '';
  out.line(
    `${clock(r.receivedAt)}  ${r.method} ${target}  ${formatSize(r.bodySize)}${r.bodyTruncated ? '+' : ''}  ${status}  ${painted}${detail}${dup}${schema}`,
  );
}

/** Prints the forward's answer once it is known (it may settle after the request is stored). */
export function watchForward(wb: Workbench, id: string, out: Output, pollers: Set<NodeJS.Timeout>): void {
  const deadline = Date.now() + FORWARD_WAIT_MS;
  const check = () => {
    let forward;
    try {
      forward = wb['requests.get']({ id }).forward;
    } catch {
      return; // closed meanwhile
    }
    if (!forward) return;
    if (forward.pending) {
      if (Date.now() > deadline) return;
      const t = setTimeout(() => {
        pollers.delete(t);
        check();
      }, FORWARD_POLL_MS);
      pollers.add(t);
      return;
    }
    out.record({ kind: 'forward', requestId: id, ...forward, url: redactUrl(forward.url) });
    out.line(
      `  forward → ${redactUrl(forward.url)}${forward.matched ? ` (${forward.matched})` : ''}: ` +
        (forward.error ? forward.error : `${forward.status} in ${forward.durationMs} ms`),
    );
  };
  check();
}

function clock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
