import { round } from './series.js';
import type { Rollup, Status } from './types.js';

// Roll-ups: several targets on one indicator report the worst status; a plan or a region reports
// counts by status and the mean of Open SDG's −5…+5 scores as its one headline figure.

/** From worst to best among judged statuses; the unjudged ones only count where nothing was judged. */
const SEVERITY: Status[] = ['missed', 'moving_away', 'limited', 'accelerate', 'on_track', 'achieved'];
const UNJUDGED: Status[] = ['insufficient_data', 'no_data', 'not_assessable'];

/** Every status: a roll-up counts each one, zero included. */
export const STATUSES: readonly Status[] = [
  'achieved',
  'on_track',
  'accelerate',
  'limited',
  'moving_away',
  'missed',
  'insufficient_data',
  'no_data',
  'not_assessable',
];

export function worstStatus(statuses: Status[]): Status | null {
  for (const s of SEVERITY) if (statuses.includes(s)) return s;
  for (const s of UNJUDGED) if (statuses.includes(s)) return s;
  return null;
}

export function rollup(results: { status: Status; score: number | null }[]): Rollup {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let sum = 0;
  let scored = 0;
  for (const r of results) {
    counts[r.status]++;
    if (r.score !== null) {
      sum += r.score;
      scored++;
    }
  }
  return { targetCount: results.length, counts, meanScore: scored > 0 ? round(sum / scored, 2) : null, scoredCount: scored };
}

export function byIndicator<T extends { indicatorCode: string; status: Status }>(
  items: T[],
): { indicatorCode: string; status: Status }[] {
  const groups = new Map<string, Status[]>();
  for (const item of items) groups.set(item.indicatorCode, [...(groups.get(item.indicatorCode) ?? []), item.status]);
  return [...groups].map(([indicatorCode, statuses]) => ({ indicatorCode, status: worstStatus(statuses) as Status }));
}
