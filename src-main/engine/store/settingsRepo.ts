import { DEFAULT_SETTINGS, type Settings } from '../../api/schemas';
import type { Db } from './database';

/** Settings are stored one key per row (JSON value); missing keys fall back to the defaults. */
export class SettingsRepo {
  /** Settings change rarely and are read on every delivery flush: kept in memory, dropped on patch. */
  private cached: Settings | null = null;

  constructor(private readonly db: Db) {}

  get(): Settings {
    if (this.cached) return this.cached;
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    this.cached = { ...DEFAULT_SETTINGS, ...stored } as Settings;
    return this.cached;
  }

  patch(patch: Partial<Settings>): void {
    this.cached = null;
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) put.run(key, JSON.stringify(value));
    }).immediate();
  }
}
