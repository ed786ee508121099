import { round } from './series.js';
import type { Rollup, Status } from './types.js';

// Roll-ups: several targets on one indicator report the worst status; a plan or a region reports
// counts by status, how many verdicts rest on published and on sample figures, and the mean of Open
// SDG's −5…+5 scores over the judged targets, a headline only where at least half are judged.

/**
 * From worst to best among judged statuses; the unjudged ones only count where nothing was judged. A
 * target met late is worse than one on track (which is expected to be met in time) and better than one
 * that needs to accelerate (it was met).
 */
const SEVERITY: Status[] = ['missed', 'moving_away', 'limited', 'accelerate', 'met_late', 'on_track', 'achieved'];
const JUDGED = new Set<Status>(SEVERITY);

export function isJudgedStatus(status: Status): boolean {
  return JUDGED.has(status);
}
const UNJUDGED: Status[] = ['insufficient_data', 'no_data', 'not_assessable'];

/** Every status: a roll-up counts each one, zero included. */
export const STATUSES: readonly Status[] = [
  'achieved',
  'met_late',
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

export function rollup(results: { status: Status; score: number | null; basis?: 'published' | 'sample' | null }[]): Rollup {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let sum = 0;
  let scored = 0;
  let onPublished = 0;
  let onSample = 0;
  for (const r of results) {
    counts[r.status]++;
    // Only judged targets count toward the mean: a target that cannot be judged has no score.
    if (!JUDGED.has(r.status) || r.score === null) continue;
    sum += r.score;
    scored++;
    if (r.basis === 'sample') onSample++;
    else onPublished++;
  }
  return {
    targetCount: results.length,
    counts,
    meanScore: scored > 0 ? round(sum / scored, 2) : null,
    scoredCount: scored,
    judgedOnPublished: onPublished,
    judgedOnSample: onSample,
    // A mean over a few targets of many says little about the plan: a headline only from half judged.
    meanScoreIsHeadline: scored > 0 && scored * 2 >= results.length,
  };
}

export function byIndicator<T extends { indicatorCode: string; status: Status }>(
  items: T[],
): { indicatorCode: string; status: Status }[] {
  const groups = new Map<string, Status[]>();
  for (const item of items) groups.set(item.indicatorCode, [...(groups.get(item.indicatorCode) ?? []), item.status]);
  return [...groups].map(([indicatorCode, statuses]) => ({ indicatorCode, status: worstStatus(statuses) as Status }));
}
