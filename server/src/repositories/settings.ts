import type { Db } from '../db/connection.js';

/** The installation's settings (migration 0015): a key and its text value. */
export type SettingKey = 'review_required';

export function createSettingsRepository(db: Db) {
  const read = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare(
    'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key: SettingKey): string | null => (read.get(key) as string | undefined) ?? null,
    set: (key: SettingKey, value: string) => void write.run({ key, value }),
    /** Whether figures wait for a reviewer's approval before they are published ('1'); off when unset. */
    reviewRequired: (): boolean => read.get('review_required') === '1',
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
