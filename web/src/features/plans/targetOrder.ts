/**
 * The plan page's targets, off course first: ordered by how urgently they call for action, filtered by
 * status through the URL (`?status=missed,limited`, beside `kind`, `asOf` and `lang`), and those with
 * nothing to judge folded into one table at the end. Pure: no React, no DOM.
 */
import type { IndicatorKind, ProgressStatus } from '../../api/types.js';

export const STATUS_PARAM = 'status';
/** The plan page's unit filter: `?unit=12`, the targets that unit leads or is responsible for. */
export const UNIT_PARAM = 'unit';

/**
 * Most urgent first: missed, moving away, limited progress, needs to accelerate; then the targets on
 * course (on track, met late, achieved), then those that cannot be judged yet.
 */
export const SEVERITY_ORDER: readonly ProgressStatus[] = [
  'missed',
  'moving_away',
  'limited',
  'accelerate',
  'on_track',
  'met_late',
  'achieved',
  'insufficient_data',
  'no_data',
  'not_assessable',
];

/** Targets with nothing to judge: listed in one compact table after the cards, not as full cards. */
export const FOLDED_STATUSES: readonly ProgressStatus[] = ['no_data', 'not_assessable'];

export function isFolded(status: ProgressStatus): boolean {
  return FOLDED_STATUSES.includes(status);
}

export function severityRank(status: ProgressStatus): number {
  const rank = SEVERITY_ORDER.indexOf(status);
  return rank === -1 ? SEVERITY_ORDER.length : rank;
}

/** The statuses a query string asks for, each once, in severity order; unknown words are dropped. */
export function statusesFromSearch(search: string | URLSearchParams): ProgressStatus[] {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const value = params.get(STATUS_PARAM);
  if (!value) return [];
  const asked = new Set(value.split(','));
  return SEVERITY_ORDER.filter((status) => asked.has(status));
}

/** The same query string with the statuses set (in severity order), or removed when none; "" or "?…". */
export function searchWithStatuses(search: string, statuses: readonly ProgressStatus[]): string {
  const params = new URLSearchParams(search);
  const ordered = SEVERITY_ORDER.filter((status) => statuses.includes(status));
  if (ordered.length === 0) params.delete(STATUS_PARAM);
  else params.set(STATUS_PARAM, ordered.join(','));
  const query = params.toString().replace(/%2C/g, ',');
  return query ? `?${query}` : '';
}

/** The unit a query string asks for (a positive whole number), or null. */
export function unitFromSearch(search: string | URLSearchParams): number | null {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const value = params.get(UNIT_PARAM);
  if (value === null || !/^[1-9]\d{0,9}$/.test(value)) return null;
  return Number(value);
}

/** The same query string with the unit set, or removed for null; "" or "?…". */
export function searchWithUnit(search: string, unitId: number | null): string {
  const params = new URLSearchParams(search);
  if (unitId === null) params.delete(UNIT_PARAM);
  else params.set(UNIT_PARAM, String(unitId));
  const query = params.toString().replace(/%2C/g, ',');
  return query ? `?${query}` : '';
}

export interface UnitChoice {
  id: number;
  nameZh: string;
  nameEn: string;
  /** how many of the plan's targets it leads or is responsible for */
  count: number;
}

/** The units a plan's targets name, each once, in the order first met (lead units first), with counts. */
export function unitsOfTargets(
  targets: readonly { units?: readonly { id: number; nameZh: string; nameEn: string }[] }[],
): UnitChoice[] {
  const byId = new Map<number, UnitChoice>();
  for (const target of targets) {
    for (const unit of new Map((target.units ?? []).map((u) => [u.id, u])).values()) {
      const entry = byId.get(unit.id) ?? { id: unit.id, nameZh: unit.nameZh, nameEn: unit.nameEn, count: 0 };
      entry.count++;
      byId.set(unit.id, entry);
    }
  }
  return [...byId.values()];
}

/** The selection with one status added, or taken away when it was selected. */
export function toggleStatus(selected: readonly ProgressStatus[], status: ProgressStatus): ProgressStatus[] {
  return selected.includes(status) ? selected.filter((s) => s !== status) : [...selected, status];
}

export interface ArrangedTarget {
  id: number;
  indicator: { kind: IndicatorKind };
  units?: readonly { id: number }[];
}

export interface ArrangedTargets<T> {
  /** targets with a verdict worth a card, most urgent first, the plan's own order within a status */
  cards: T[];
  /** no data or not assessable, in the plan's own order */
  folded: T[];
  /** how many the filters leave (cards and folded) */
  shown: number;
  total: number;
}

/**
 * Orders and filters a plan's targets. `statusOf` gives each target's verdict; when verdicts are not
 * known (they could not be loaded), every target stays a card in the plan's own order, so none is
 * hidden, and a status filter cannot apply.
 */
export function arrangeTargets<T extends ArrangedTarget>(
  targets: readonly T[],
  statusOf: ((target: T) => ProgressStatus | undefined) | null,
  filters: { kind: IndicatorKind | null; statuses: readonly ProgressStatus[]; unit?: number | null },
): ArrangedTargets<T> {
  const unit = filters.unit ?? null;
  const byKind = targets.filter(
    (t) =>
      (filters.kind === null || t.indicator.kind === filters.kind) &&
      (unit === null || (t.units ?? []).some((u) => u.id === unit)),
  );
  if (statusOf === null) return { cards: byKind, folded: [], shown: byKind.length, total: targets.length };
  const judged = byKind.map((target, position) => ({ target, position, status: statusOf(target) }));
  const wanted = (status: ProgressStatus | undefined) =>
    filters.statuses.length === 0 || (status !== undefined && filters.statuses.includes(status));
  const kept = judged.filter((entry) => wanted(entry.status));
  const rank = (status: ProgressStatus | undefined) => (status === undefined ? SEVERITY_ORDER.length : severityRank(status));
  const cards = kept
    .filter((entry) => entry.status === undefined || !isFolded(entry.status))
    .sort((a, b) => rank(a.status) - rank(b.status) || a.position - b.position)
    .map((entry) => entry.target);
  const folded = kept.filter((entry) => entry.status !== undefined && isFolded(entry.status)).map((entry) => entry.target);
  return { cards, folded, shown: cards.length + folded.length, total: targets.length };
}
