import type { CollectionUnit, RoundItemStatus, RoundStatusCounts } from '../../api/types';

/** Pure helpers of the rounds pages. */

export const STATUS_ORDER: readonly RoundItemStatus[] = ['owed', 'submitted', 'returned', 'approved', 'overdue'];

/** A unit's name in the language shown; null (no unit named) is said as such by the caller. */
export function unitName(units: Readonly<Record<string, CollectionUnit>>, id: number | null, lang: string): string | null {
  if (id === null) return null;
  const unit = units[String(id)];
  if (!unit) return `#${id}`;
  return lang === 'en' ? unit.nameEn : unit.nameZh;
}

/** The share approved, 0–100, for a progress bar (0 for an empty round). */
export function approvedShare(counts: RoundStatusCounts): number {
  return counts.total === 0 ? 0 : Math.round((counts.approved / counts.total) * 100);
}

/** Today in China Standard Time, as due dates are read (YYYY-MM-DD). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The prefecture-level regions (cities) a round can be opened for. */
export function roundRegions<R extends { level: string }>(regions: readonly R[]): R[] {
  return regions.filter((r) => r.level === 'prefecture');
}
