/** Builds a copy-pasteable curl command for a request. */

export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string> | [string, string][];
  body?: string | null;
}

/** POSIX single-quote escaping. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Headers curl computes itself. */
const SKIP = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

export function toCurl(req: CurlRequest): string {
  const headers = Array.isArray(req.headers) ? req.headers : Object.entries(req.headers);
  const parts = [`curl -X ${req.method.toUpperCase()} ${shellQuote(req.url)}`];
  for (const [name, value] of headers) {
    if (SKIP.has(name.toLowerCase())) continue;
    parts.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (req.body) parts.push(`  --data-binary ${shellQuote(req.body)}`);
  return parts.join(' \\\n');
}
