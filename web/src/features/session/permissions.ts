// Who may see which write controls: the same rules as server/src/domain/permissions.ts. Hiding a
// control is a courtesy; the server refuses regardless.

import type { Role, SessionUser } from '../../api/types.js';

export type { Role, SessionUser };

export const ROLES: readonly Role[] = ['viewer', 'statistician', 'reporter', 'reviewer', 'admin'];

/** The roles that enter figures for the regions assigned to them. */
const WRITES_FIGURES: readonly Role[] = ['statistician', 'reporter'];

/** The roles whose account is tied to regions (all but viewers and administrators). */
export const hasRegions = (role: Role): boolean => WRITES_FIGURES.includes(role) || role === 'reviewer';

export function canWriteRegion(user: SessionUser | null | undefined, regionCode: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return WRITES_FIGURES.includes(user.role) && user.regions.includes(regionCode);
}

/** Reviewers approve or return the figures of their regions; administrators anywhere. */
export function canReviewRegion(user: SessionUser | null | undefined, regionCode: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'reviewer' && user.regions.includes(regionCode);
}

export const canEnterFigures = (user: SessionUser | null | undefined): boolean =>
  !!user && (WRITES_FIGURES.includes(user.role) || user.role === 'admin');
export const isAdmin = (user: SessionUser | null | undefined): boolean => user?.role === 'admin';

/** Restoring a revision and commenting on a target follow the same rule as entering a figure. */
export const canRestoreFigure = canWriteRegion;
export const canComment = canWriteRegion;

/** The regions a user may write, out of a list (administrators: all of them). */
export function writableRegions<R extends { code: string }>(user: SessionUser | null | undefined, regions: readonly R[]): R[] {
  return regions.filter((region) => canWriteRegion(user, region.code));
}

/** Reviewers and administrators see the review queue (审核). */
export const isReviewer = (user: SessionUser | null | undefined): boolean => user?.role === 'reviewer' || user?.role === 'admin';
