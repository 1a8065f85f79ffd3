import { DEFAULT_SETTINGS, type Settings } from '../../api/schemas';
import type { Db } from './database';

/** Settings whose value is a group of independent fields (a retry policy is one value: a preset or delays). */
const FIELD_GROUPS = ['alerts', 'retention'] as const satisfies readonly (keyof Settings)[];

/** Settings are stored one key per row (JSON value); missing keys fall back to the defaults. */
export class SettingsRepo {
  /** Settings change rarely and are read on every delivery flush: kept in memory, dropped on patch. */
  private cached: Settings | null = null;

  constructor(private readonly db: Db) {}

  get(): Settings {
    if (this.cached) return this.cached;
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    // Groups of fields are merged one level down: a field added later gets its default.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...stored };
    for (const key of FIELD_GROUPS)
      if (isPlainObject(stored[key])) merged[key] = { ...DEFAULT_SETTINGS[key], ...stored[key] };
    this.cached = merged as Settings;
    return this.cached;
  }

  patch(patch: Partial<Settings>): void {
    this.cached = null;
    const put = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.db
      .transaction(() => {
        for (const [key, value] of Object.entries(patch)) if (value !== undefined) put.run(key, JSON.stringify(value));
      })
      .immediate();
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
