/** The package version, for `hello` and the OpenAPI document (Electron passes app.getVersion() instead). */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  try {
    cached =
      (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string })
        .version ?? '0.0.0';
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
