import type { Role } from '../session/permissions.js';

export type {
  AuditEntry,
  AuditPage,
  CorrectableField,
  IndicatorAlias,
  PlanFileErrorBody,
  PlanFileProblem,
  PlanSummary,
  Target,
  TargetCorrection,
  TargetRevision,
  UserAccount,
} from '../../api/types.js';

export interface NewUser {
  name: string;
  displayName: string;
  role: Role;
  regions: string[];
  /** the reporter's unit (required for reporters) */
  unitId?: number | null;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  regions?: string[];
  unitId?: number | null;
  disabled?: boolean;
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
