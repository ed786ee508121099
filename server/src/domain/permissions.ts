// Who may do what. Pure: the routes call these, and the authorization-matrix test enumerates them.

import type { Role } from '../api/types.js';

export type { Role };

export interface Principal {
  id: number;
  name: string;
  role: Role;
  regions: string[];
}

/**
 * Every route declares one of these in its config; a route without one is refused at start-up.
 * - public: anyone (health, the session itself, sign-in)
 * - read: anyone when reading is public (JINDU_PUBLIC_READ=true), else any signed-in user
 * - self: any signed-in user, about their own account (sign out, change password)
 * - figures: statisticians (for their regions, checked with canWriteRegion) and administrators
 * - admin: administrators only
 */
export type Access = 'public' | 'read' | 'self' | 'figures' | 'admin';
export const ACCESS_LEVELS: readonly Access[] = ['public', 'read', 'self', 'figures', 'admin'];

export function allows(access: Access, user: Principal | null, publicRead: boolean): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'read':
      return publicRead || user !== null;
    case 'self':
      return user !== null;
    case 'figures':
      return user?.role === 'statistician' || user?.role === 'admin';
    case 'admin':
      return user?.role === 'admin';
  }
}

/** Statisticians write figures and commentary only for the regions assigned to them; admins anywhere. */
export function canWriteRegion(user: Principal | null, regionCode: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'statistician' && user.regions.includes(regionCode);
}
