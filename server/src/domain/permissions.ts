// Who may do what. Pure: the routes call these, and the authorization-matrix test enumerates them.

import type { Role } from '../api/types.js';

export type { Role };

export interface Principal {
  id: number;
  name: string;
  role: Role;
  regions: string[];
  /** The unit a reporter enters figures for; null for the other roles unless one was given. */
  unitId: number | null;
}

/**
 * Every route declares one of these in its config; a route without one is refused at start-up.
 * - public: anyone (health, the session itself, sign-in)
 * - read: anyone when reading is public (JINDU_PUBLIC_READ=true), else any signed-in user
 * - self: any signed-in user, about their own account (sign out, change password)
 * - figures: statisticians and reporters (for their regions, checked with canWriteRegion) and administrators
 * - review: reviewers (for their regions, checked with canReviewRegion) and administrators
 * - admin: administrators only
 */
export type Access = 'public' | 'read' | 'self' | 'figures' | 'review' | 'admin';
export const ACCESS_LEVELS: readonly Access[] = ['public', 'read', 'self', 'figures', 'review', 'admin'];

/** The roles that enter figures for the regions assigned to them. */
const WRITES_FIGURES: readonly Role[] = ['statistician', 'reporter'];

export function allows(access: Access, user: Principal | null, publicRead: boolean): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'read':
      return publicRead || user !== null;
    case 'self':
      return user !== null;
    case 'figures':
      return user !== null && (WRITES_FIGURES.includes(user.role) || user.role === 'admin');
    case 'review':
      return user?.role === 'reviewer' || user?.role === 'admin';
    case 'admin':
      return user?.role === 'admin';
  }
}

/**
 * Statisticians and reporters write figures and commentary only for the regions assigned to them;
 * admins anywhere.
 */
export function canWriteRegion(user: Principal | null, regionCode: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return WRITES_FIGURES.includes(user.role) && user.regions.includes(regionCode);
}

/** Reviewers approve or return the figures of the regions assigned to them; admins anywhere. */
export function canReviewRegion(user: Principal | null, regionCode: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'reviewer' && user.regions.includes(regionCode);
}
