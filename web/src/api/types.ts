/**
 * The shapes the API answers with. They are the server's own types (server/src/api/types.ts and the
 * progress engine's vocabulary), imported with `import type`: erased by the build, so no server code
 * reaches the browser, and a change on the server that the web does not follow fails type-checking.
 * This is the one file of the web app that imports from the server; features import from here.
 * Some keep the web's names: ProgressStatus is the engine's Status, and ProgressResult is the
 * judgement as lists carry it, without the year-by-year paths (the server's ProgressSummary); the
 * full judgement, with the required path and the projection, comes with one target's progress
 * (TargetProgressDetail) and with the compared plans (PlansComparison).
 */

import type { ProgressSummary } from '../../../server/src/api/types.js';
import type { Badge, Flag, Rollup, Status } from '../../../server/src/domain/progress/types.js';

export type {
  FigureSubmission,
  PendingBatch,
  PendingFigure,
  ReviewDecisionRequest,
  ReviewDecisionResult,
  ReviewSettings,
  SubmissionCheck,
  SubmissionState,
  VerdictChange,
} from '../../../server/src/api/review.js';
export type {
  ApiErrorBody,
  AttentionTarget,
  AuditEntry,
  AuditPage,
  BulletinProposalListed,
  BulletinReadingListed,
  BulletinRequest,
  CommitRefusal,
  CommitRequest,
  CommitResult,
  CorrectableField,
  CurrentObservation,
  Headline,
  ImportIssue,
  ImportPreview,
  ImportRecord,
  ImportRow as PreviewRow,
  ImportSummary,
  Indicator,
  IndicatorAlias,
  JudgedFigures,
  Milestone,
  NewTarget,
  Observation,
  ObservationRevision,
  PlanDetail,
  PlanFileErrorBody,
  PlanFileProblem,
  PlanKind,
  PlanProgress,
  PlanProgressSummary,
  PlanStatus,
  PlanSummary,
  PlansComparison,
  ProgressBrief,
  RecurringIndicators,
  Region,
  RegionOverview,
  RegionRef,
  RegionsComparison,
  RetiredTarget,
  RevertFigure,
  RevertPlan,
  RevertResult,
  RevertSummary,
  Role,
  SessionInfo,
  SessionUser,
  Target,
  TargetBrief,
  TargetComment,
  TargetCorrection,
  TargetProgressDetail,
  TargetRevision,
  TargetUnit,
  TargetUnitRole,
  Unit,
  UnitDetail,
  UnitKind,
  UnitTarget,
  UserAccount,
} from '../../../server/src/api/types.js';
export type {
  Comparator,
  IndicatorKind,
  MilestoneStatus,
  MilestoneVerdict,
  Pace,
  TargetType,
  Vintage,
} from '../../../server/src/domain/progress/types.js';

/** A target's verdict, in the order the method checks them (docs: shared/progress-method.md). */
export type ProgressStatus = Status;
/** Shown beside the status, never instead of it, with the years or values that raised it. */
export type ProgressFlag = Flag;
export type ProgressBadge = Badge;
/** The judgement of one target as lists of targets carry it: without the year-by-year paths. */
export type ProgressResult = ProgressSummary;
export type ProgressRollup = Rollup;
export type * from '../../../server/src/api/rounds.js';
