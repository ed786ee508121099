// Who may see which write controls: the same rules as server/src/domain/permissions.ts. Hiding a
// control is a courtesy; the server refuses regardless.

export type Role = 'viewer' | 'statistician' | 'admin';

export interface SessionUser {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  regions: string[];
  isDemo: boolean;
}

export function canWriteRegion(user: SessionUser | null | undefined, regionCode: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'statistician' && user.regions.includes(regionCode);
}

export const canEnterFigures = (user: SessionUser | null | undefined): boolean =>
  user?.role === 'statistician' || user?.role === 'admin';
export const isAdmin = (user: SessionUser | null | undefined): boolean => user?.role === 'admin';
