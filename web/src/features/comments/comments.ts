import type { TargetComment } from './types.js';

/** Which years a comment may be about, and the order comments are read in. Pure. */

export function commentYears(
  target: { baseYear: number | null; targetYear: number | null; milestones: { year: number }[] },
  currentYear: number,
): number[] {
  const last = Math.max(currentYear, target.targetYear ?? currentYear);
  const first = Math.min(
    target.baseYear ?? last - 7,
    ...target.milestones.map((m) => m.year),
    target.targetYear ?? last,
    currentYear - 1,
  );
  return Array.from({ length: last - first + 1 }, (_, k) => last - k);
}

/** The year a new comment is about at first: the latest figure's year, else last year. */
export function defaultCommentYear(latestObservationYear: number | null, years: readonly number[], currentYear: number): number {
  const wanted = latestObservationYear ?? currentYear - 1;
  return years.includes(wanted) ? wanted : (years.find((y) => y <= currentYear - 1) ?? years[0] ?? currentYear);
}

/** Newest year first; within a year, the newest comment first. */
export function sortComments(comments: readonly TargetComment[]): TargetComment[] {
  return [...comments].sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}

export const COMMENT_MAX = 2000;
