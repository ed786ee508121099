import type { Role } from '../session/permissions.js';

/** An account as GET /api/users lists it (never a password hash). */
export interface UserAccount {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  regions: string[];
  isDemo: boolean;
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string;
}

export interface NewUser {
  name: string;
  displayName: string;
  role: Role;
  regions: string[];
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  regions?: string[];
  disabled?: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  indicatorCode: string | null;
  before: unknown;
  after: unknown;
  origin: string;
}

export interface AuditPage {
  total: number;
  entries: AuditEntry[];
}

/** The audit search, as it stands in the page's address. */
export interface AuditFilter {
  user: string;
  region: string;
  indicator: string;
  from: string;
  to: string;
  offset: number;
}
