// The shapes the API answers with: what the repositories read, what the routes send (their response
// schemas, in ../schemas and the route files, say the same in JSON Schema) and what the web app reads.
// Types only, importing types only, and only from modules that are types only too: the web app
// imports this file with `import type`, so nothing here may need Node, the database or Fastify.
//
// Where a schema says only "string", the type gives the values the server sends (the tables' CHECK
// constraints and the code hold them to these).

import type { BulletinProposal, BulletinSkipped } from '../domain/bulletin.js';
import type { ImportIssue, Message } from '../domain/import/types.js';
import type {
  Comparator,
  Direction,
  IndicatorKind,
  ProgressResult,
  Rollup,
  Status,
  TargetType,
  TargetValues,
  Vintage,
} from '../domain/progress/types.js';

export type { ImportIssue, Message };

/* ---------- Vocabulary ---------- */

export type PlanKind = 'action_plan' | 'implementation_opinion' | 'work_plan' | 'work_summary';
export type PlanStatus = 'in_force' | 'expired' | 'unknown';
export type RegionLevel = 'country' | 'province' | 'prefecture' | 'county';
export type Commitment = 'binding' | 'expected';
/**
 * viewer reads; statistician enters figures for their regions; reporter (填报人) enters figures for
 * their regions on behalf of their unit; reviewer (审核人) approves or returns the figures submitted
 * for their regions; admin does everything.
 */
export type Role = 'viewer' | 'statistician' | 'reporter' | 'reviewer' | 'admin';

/** The body of every non-2xx answer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** the offending field, for 400 answers */
  field?: string;
  /** a stable code the web app translates */
  code?: string;
  /** both languages, where the server has them (upload checks) */
  messages?: Message;
}

/* ---------- Reference (GET /api/regions, /api/indicators) ---------- */

export interface RegionRef {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Region extends RegionRef {
  level: RegionLevel;
  parentCode: string | null;
}

export interface Indicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  direction: Direction;
  kind: IndicatorKind;
  note: string | null;
  /** The plausible range, for the implausible_target and implausible_value flags. */
  plausibleMin: number | null;
  plausibleMax: number | null;
}

/** Another name of an indicator, matched in uploads (GET/POST/DELETE /api/indicators/:code/aliases). */
export interface IndicatorAlias {
  id: number;
  indicatorCode: string;
  alias: string;
  createdAt: string;
  /** 'seed', 'migration' or the administrator who added it */
  createdBy: string;
}

/* ---------- Plans and targets (GET /api/plans, /api/plans/:id) ---------- */

/** A plan's own fields, as the seed files give them and the plans table holds them. */
export interface PlanFields {
  slug: string;
  kind: PlanKind;
  titleZh: string;
  titleEn: string;
  docNumber: string | null;
  issuerZh: string;
  issuerEn: string;
  /** ISO date (YYYY-MM-DD) */
  issueDate: string | null;
  /** null when the document masks its years */
  periodStart: number | null;
  periodEnd: number | null;
  status: PlanStatus;
  /** why the plan has its status, in Chinese and in English */
  statusNoteZh: string | null;
  statusNoteEn: string | null;
  /** the reviewer's note on the document, in Chinese and in English (plain words: no file names or code points) */
  noteZh: string | null;
  noteEn: string | null;
}

export interface PlanSummary extends PlanFields {
  id: number;
  region: RegionRef;
  targetCount: number;
  source: { fileName: string; title: string };
}

export interface Milestone {
  year: number;
  value: number | null;
  clause: string;
}

/** What a target says, as the seed files give it and the targets table holds it. */
export interface TargetFields extends TargetValues {
  key: string;
  type: TargetType;
  comparator: Comparator;
  commitment: Commitment | null;
  /** verbatim Chinese quote from the source document (may be traditional characters) */
  clause: string;
  /** the reviewer's note on the reading, in Chinese and in English (plain words: no file names or code points) */
  noteZh: string | null;
  noteEn: string | null;
  milestones: Milestone[];
}

/** A target wherever the API shows it (TargetCore in ../schemas/plans.ts). */
export interface TargetCore extends TargetFields {
  id: number;
  /** the figure as the source prints it, where a damaged glyph made the value read otherwise (25 → 2.5) */
  valueAsPrinted: number | null;
  benchmarkRegionCode: string | null;
}

/** A target in a plan's detail: its region and indicator spelled out, with its latest figure. */
export interface Target extends TargetCore {
  region: RegionRef;
  indicator: Indicator;
  latestObservation: CurrentObservation | null;
  /** lead units first, each role in the order the source prints them */
  units: TargetUnit[];
}

export interface PlanDetail extends PlanSummary {
  targets: Target[];
  /** targets an administrator retired: out of the judged set and the counts, still readable */
  retiredTargets: RetiredTarget[];
}

export interface TargetRetirement {
  at: string;
  /** the administrator's account name */
  by: string;
  reason: string;
}

export interface RetiredTarget extends Target {
  retired: TargetRetirement;
}

/** A target as the dashboard routes send it: its plan named, its indicator given beside it. */
export interface TargetBrief extends TargetCore {
  planId: number;
  planSlug: string;
}

/** One problem of a refused plan file (POST /api/plans): its JSON path, a stable code, English text. */
export interface PlanFileProblem {
  /** `slug`, `targets[3].valueMin`, `targets[0].milestones[1].clause`, `sourceText` */
  path: string;
  code: string;
  message: string;
  /** the key of the target the problem is in */
  targetKey?: string;
  /** the unit as printed (unknown_unit, duplicate_unit) */
  unit?: string;
}

/** The body of a refused plan file: every problem found (the first also as field/code). */
export interface PlanFileErrorBody extends ApiErrorBody {
  problems: PlanFileProblem[];
}

/**
 * PATCH /api/targets/:id: what an administrator may correct, with the reason. A new clause (or a
 * milestone's) must be verbatim in the plan's document; milestones replace the list as a whole.
 */
export interface TargetCorrection {
  value?: number | null;
  valueMin?: number | null;
  valueMax?: number | null;
  valueUnknown?: boolean;
  targetYear?: number | null;
  baseYear?: number | null;
  baseValue?: number | null;
  comparator?: Comparator;
  commitment?: Commitment | null;
  noteZh?: string | null;
  noteEn?: string | null;
  clause?: string;
  milestones?: Milestone[];
  /** why: "原文25%应为2.5%" */
  reason: string;
}

/** The fields a correction may change, in the order forms and histories show them. */
export type CorrectableField = Exclude<keyof TargetCorrection, 'reason'>;

/** GET /api/targets/:id/history: one correction of a target, or its addition to a saved plan, newest first. */
export interface TargetRevision {
  /** the audit entry's id */
  id: number;
  /** `create`: added to a saved plan (before is empty, after what was written); `update`: a correction */
  action: 'create' | 'update';
  at: string;
  /** the account name, and its display name while the account exists */
  actor: string;
  actorDisplayName: string | null;
  reason: string;
  /** the changed fields only, as they were and as they became (an addition: every field written) */
  before: Partial<Record<CorrectableField, unknown>>;
  after: Partial<Record<string, unknown>>;
}

/* ---------- Observations (GET /api/observations, /api/observations/history) ---------- */

/** One revision of a figure; a revision is never changed, a correction is a new one. */
export interface Observation {
  /** the revision id */
  id: number;
  year: number;
  value: number | null;
  /** false when the figure was printed as "—", "x" or similar: not published, never zero */
  published: boolean;
  vintage: Vintage;
  /** true for illustrative sample figures (示例数据), not published ones */
  isSample: boolean;
  sourceTitle: string;
  sourceUrl: string | null;
  quote: string | null;
  note: string | null;
  enteredBy: string;
  enteredAt: string;
  /** who supplied the figure, when it was approved by a reviewer (review before publication) */
  submittedBy?: string | null;
  /** who approved it; null: published directly (review off, the seed, a restore or revert) */
  approvedBy?: string | null;
}

/**
 * How a revision came in (GET /api/observations/history): `seed`, `form` (entered by hand), `api`,
 * `upload` (import: the upload it came from), `restore` (an earlier revision restored by hand,
 * restoredFromId), `revert` (written by reverting the upload revertedImport: restoredFromId, or a
 * withdrawal). A withdrawal (withdrawn) says the figure is no longer current: value null, and no
 * reader of current values counts it, not even as "not published".
 */
export interface RevisionProvenance {
  cameFrom: 'seed' | 'form' | 'api' | 'upload' | 'restore' | 'revert';
  withdrawn: boolean;
  import: { id: number; fileName: string } | null;
  revertedImport: { id: number; fileName: string } | null;
  restoredFromId: number | null;
}

/** One revision as the figure's history shows it. */
export interface ObservationRevision extends Observation, RevisionProvenance {}

/** The current revision of a year's figure, with how many revisions the year has. */
export interface CurrentObservation extends Observation {
  /**
   * How many versions the figure has had as what it now is: a real figure counts real versions only,
   * so one that replaced sample figures is at 1 (its first publication, not a revision).
   */
  revisionCount: number;
}

/* ---------- Progress (GET /api/plans/:id/progress, /api/targets/:id/progress) ---------- */

/** The judgement without the year-by-year paths, as lists of targets carry it. */
export type ProgressSummary = Omit<ProgressResult, 'requiredPath' | 'projection'>;

/** One judged target; R is the full ProgressResult where the server holds it, before it is sent. */
export interface TargetProgress<R extends ProgressSummary = ProgressSummary> {
  /** matches Target.id */
  targetId: number;
  indicatorCode: string;
  regionCode: string;
  result: R;
}

export interface PlanProgress<R extends ProgressSummary = ProgressSummary> {
  planId: number;
  /** the as-of year asked for; null: the latest figures */
  asOf: number | null;
  rollup: Rollup;
  /** the worst status of the targets on each indicator */
  indicators: { indicatorCode: string; status: Status }[];
  targets: TargetProgress<R>[];
}

/**
 * The figures a verdict used, in brief: the latest with a value (up to the as-of year) and how many
 * have a value. What a list of verdicts shows in place of the whole series (`inputs`).
 */
export interface JudgedFigures {
  latest: { year: number; value: number; isSample: boolean } | null;
  figureCount: number;
}

/** A verdict as the plan page lists it: without the inputs (the series), which the target page reads. */
export type ProgressBrief = Omit<ProgressSummary, 'inputs'> & { judged: JudgedFigures };

/** GET /api/plans/:id/progress/summary: every target judged, in brief (ProgressBrief). */
export interface PlanProgressSummary extends Omit<PlanProgress, 'targets'> {
  targets: { targetId: number; indicatorCode: string; regionCode: string; result: ProgressBrief }[];
}

/** GET /api/targets/:id/progress: one target judged, with the paths and the series for its chart. */
export interface TargetProgressDetail {
  targetId: number;
  planId: number;
  indicatorCode: string;
  regionCode: string;
  benchmarkRegionCode: string | null;
  result: ProgressResult;
  /** the region's current figures, every year */
  observations: CurrentObservation[];
  /** the target's lead and responsible units, as Target.units */
  units: TargetUnit[];
  /** the benchmark region's current figures, when the target has one */
  benchmark: CurrentObservation[];
}

/* ---------- Dashboard (GET /api/regions/:code/overview, /api/compare/…) ---------- */

export interface Headline {
  indicator: Indicator;
  latestObservation: CurrentObservation | null;
  target: TargetBrief | null;
  /** the judgement without its paths */
  result: ProgressSummary | null;
}

/** A target the overview lists under 需要关注 / Needs attention: off course, in a plan the region works to. */
export interface AttentionTarget {
  target: TargetBrief;
  indicator: Indicator;
  region: RegionRef;
  result: ProgressSummary;
}

export interface RegionOverview {
  regionCode: string;
  asOf: number | null;
  plans: { plan: PlanSummary; rollup: Rollup }[];
  headlines: Headline[];
  /** the off-course targets of the plans in force (none in force: of those that ended last), unordered */
  attention: { scope: 'in_force' | 'ended' | 'none'; targets: AttentionTarget[] };
}

/** GET /api/compare/regions */
export interface RegionsComparison {
  indicator: Indicator;
  series: { regionCode: string; observations: CurrentObservation[] }[];
  /** the compared regions' targets on the indicator, in every plan; targetValue: the level judged against */
  targets: { regionCode: string; plan: PlanSummary; target: TargetBrief; targetValue: number | null }[];
}

/** GET /api/compare/plans */
export interface PlansComparison {
  indicator: Indicator;
  regionCode: string;
  targets: { plan: PlanSummary; target: TargetBrief; result: ProgressResult }[];
  observations: CurrentObservation[];
}

/** GET /api/regions/:code/recurring-indicators */
export type RecurringIndicators = { indicatorCode: string; planIds: number[] }[];

/* ---------- Uploads (/api/imports) ---------- */

export interface ImportSummary {
  rowsRead: number;
  new: number;
  changed: number;
  unchanged: number;
  /** Changed rows whose current figure is a sample figure (示例数据). */
  replacesSample: number;
  errors: number;
  warnings: number;
}

/** `reverted`: committed, then reverted (POST /api/imports/:id/revert). */
export type ImportStatus = 'preview' | 'committed' | 'discarded' | 'reverted';

/** An upload as its history and preview show it. */
export interface ImportRecord {
  id: number;
  userName: string;
  fileName: string;
  sizeBytes: number;
  fileType: string | null;
  encoding: string | null;
  sheet: string | null;
  layout: string | null;
  defaultVintage: Vintage;
  defaultSource: string | null;
  status: ImportStatus;
  summary: ImportSummary;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** Who acknowledged the preview's warnings when committing it; null: none to acknowledge, or not committed. */
  acknowledgement: ImportAcknowledgement | null;
  /** When and by whom a committed upload was reverted, and what the revert did. */
  revertedAt: string | null;
  revertedBy: string | null;
  revertSummary: RevertSummary | null;
}

/** The warnings a committer acknowledged (figureChecks.ts), kept with the upload and its import.commit audit entry. */
export interface ImportAcknowledgement {
  by: string;
  at: string;
  rows: number[];
  warnings: { row: number; column: string | null; code: string }[];
}

export type RowStatus = 'new' | 'changed' | 'unchanged';

/** A figure an upload would write, compared with the current one. */
export interface ImportRow {
  row: number;
  sheet: string | null;
  column: string | null;
  regionCode: string;
  indicatorCode: string;
  year: number;
  /** null: not published ("—", "x"), never zero */
  value: number | null;
  rawValue: string;
  vintage: Vintage;
  sourceTitle: string;
  sourceUrl: string | null;
  note: string | null;
  /** the sentence the figure was read from (a bulletin), kept as the observation's quote; optional for older clients' fixtures */
  quote?: string | null;
  conversion: { fromUnit: string; toUnit: string; factor: number } | null;
  status: RowStatus;
  /**
   * the figure now in the database; isSample: a sample figure (示例数据), which this row replaces;
   * its source (null in previews stored before migration 0012; optional for older clients' fixtures)
   */
  old: {
    value: number | null;
    published: boolean;
    vintage: Vintage;
    isSample: boolean;
    sourceTitle?: string | null;
    sourceUrl?: string | null;
  } | null;
  warnings: { code: string; message: Message }[];
}

export interface ImportPreview {
  import: ImportRecord;
  issues: ImportIssue[];
  rows: ImportRow[];
  /** Every row that would be written with a warning (all of them, not only those in `rows`): each must be acknowledged to commit. */
  warnedRows: number[];
}

/** The body of POST /api/imports/:id/commit: the rows whose warnings the committer has checked. */
export interface CommitRequest {
  acknowledged?: number[];
  /** With review on: the explanation (情况说明) of each flagged row, by row number. */
  explanations?: Record<string, string>;
}

/**
 * What a refused commit answers beyond its message: 410 preview_expired (expiredAfterHours), 403
 * region_not_assigned (refused: each region's rows the committer may no longer write), 409
 * preview_stale (changedRows: rows whose figure was revised since the preview), 409 warnings_unacknowledged
 * (unacknowledgedRows: warned rows the commit did not acknowledge). Nothing was written.
 */
export interface CommitRefusal {
  code: string;
  expiredAfterHours?: number;
  changedRows?: number;
  refused?: { regionCode: string; rows: number[] }[];
  /** warnings_unacknowledged: the warned rows the commit did not acknowledge (the first 1,000), and how many. */
  unacknowledgedRows?: number[];
  unacknowledgedCount?: number;
  /** explanation_required (review on): the flagged rows without an explanation. */
  unexplainedRows?: number[];
}

export interface CommitResult {
  importId: number;
  written: number;
  alreadyCommitted: boolean;
  /** With review on: how many figures now wait for a reviewer (none was published). */
  pendingReview?: number;
}

/** A figure's state as a revert compares it: its revision, and whether that is a withdrawal. */
export interface RevertFigureState {
  revisionId: number;
  value: number | null;
  published: boolean;
  vintage: Vintage;
  isSample: boolean;
  withdrawn: boolean;
}

/** One figure an upload wrote, and what reverting the upload does with it. */
export interface RevertFigure {
  regionCode: string;
  indicatorCode: string;
  year: number;
  /** what the upload wrote */
  uploaded: RevertFigureState;
  /** the figure now, with who revised it since the upload (when someone did) */
  current: RevertFigureState & { importId: number | null; enteredBy: string; enteredAt: string };
  /**
   * the figure before the upload, which a revert restores (for one left alone: what including it
   * would restore); null: the upload created it, so a revert withdraws it
   */
  restoreTo: RevertFigureState | null;
  /** revised again since the upload (by a later upload, by hand, a restore or another revert) */
  revisedSince: boolean;
}

export interface RevertSummary {
  restore: number;
  withdraw: number;
  leftAlone: number;
  /** figures of the upload still awaiting review (or returned), withdrawn with it; absent on reverts before 2026-12 */
  openSubmissions?: number;
  unchanged: number;
}

/**
 * What a revert does (GET /api/imports/:id/revert) or did (POST): figures restored to their earlier
 * revision, withdrawn (created by the upload), left alone (revised since, not included), unchanged
 * (revised since and already as they were before the upload). Lists carry at most `listed` figures
 * each; the summary counts all. `fingerprint` names the figures' current revisions the plan was made
 * from: a revert sent with it refuses (409 revert_stale) when one has changed since.
 */
export interface RevertPlan {
  importId: number;
  fileName: string;
  includeRevisedSince: boolean;
  fingerprint: string;
  summary: RevertSummary;
  listed: number;
  restore: RevertFigure[];
  withdraw: RevertFigure[];
  leftAlone: RevertFigure[];
  unchanged: RevertFigure[];
}

/** POST /api/imports/:id/revert: the plan as carried out. */
export interface RevertResult extends RevertPlan {
  revertedAt: string;
  /** revisions written: one per figure restored or withdrawn */
  written: number;
}

/* ---------- Units (牵头单位 / 责任单位) ---------- */

export type UnitKind = 'department' | 'government' | 'committee' | 'other';

/** A department or government of a region that plans assign tasks to (市科技局, 各县区政府). */
export interface Unit {
  id: number;
  regionCode: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
}

/** lead: 牵头单位; responsible: 责任单位. */
export type TargetUnitRole = 'lead' | 'responsible';

/** One of a target's units, with the form its source document prints (市科技局, 經信委). */
export interface TargetUnit {
  /** the unit's id */
  id: number;
  nameZh: string;
  nameEn: string;
  role: TargetUnitRole;
  asPrinted: string;
}

/** GET /api/units/:id: one of the targets a unit leads or is responsible for, judged. */
export interface UnitTarget {
  targetId: number;
  key: string;
  clause: string;
  targetYear: number | null;
  regionCode: string;
  role: TargetUnitRole;
  asPrinted: string;
  indicator: { code: string; nameZh: string; nameEn: string };
  plan: { id: number; slug: string; titleZh: string; titleEn: string };
  result: ProgressSummary;
}

/** GET /api/units/:id: a unit, the forms printed for it, and its targets with their statuses. */
export interface UnitDetail extends Unit {
  region: RegionRef;
  aliases: string[];
  /** the as-of year asked for; null: the latest figures */
  asOf: number | null;
  /** the targets it leads (牵头), counted by status */
  leadRollup: Rollup;
  targets: UnitTarget[];
}

/* ---------- Accounts, session, audit, comments ---------- */

/** The signed-in user, as GET /api/session answers it. */
export interface SessionUser {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  regions: string[];
  /** The unit the account belongs to (a reporter's 填报单位; required for reporters), or null. */
  unitId: number | null;
  isDemo: boolean;
}

/** An account as GET /api/users lists it (never a password hash). */
export interface UserAccount extends SessionUser {
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string;
}

/** GET /api/session: who is signed in, the CSRF token for writes, and the site's settings. */
export interface SessionInfo {
  user: SessionUser | null;
  csrfToken: string | null;
  publicRead: boolean;
  demo: boolean;
  demoAccounts: { name: string; role: string; password: string }[];
}

/** An entry of the audit log, as GET /api/audit answers it. */
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
  /** The client address of the request that wrote it; null for the seed and the command line. */
  address: string | null;
}

export interface AuditPage {
  total: number;
  entries: AuditEntry[];
}

/** A statistician's remark on a target and year ("2020年受疫情影响…"). */
export interface TargetComment {
  id: number;
  targetId: number;
  year: number;
  body: string;
  authorName: string;
  authorDisplayName: string;
  createdAt: string;
  /** the earlier comment this one corrects */
  replacesId: number | null;
}

/** A proposal of POST /api/imports/bulletin, numbered for `accept`. */
export interface BulletinProposalListed extends BulletinProposal {
  index: number;
}

/** What POST /api/imports/bulletin read from a paragraph: proposals, and figures it left (and why). */
export interface BulletinReadingListed {
  proposals: BulletinProposalListed[];
  skipped: BulletinSkipped[];
}

export interface BulletinRequest {
  region: string;
  year: number;
  sourceTitle: string;
  sourceUrl?: string;
  vintage: Vintage;
  text: string;
  /** the proposals to preview; without it only the reading is answered */
  accept?: number[];
}

/** A new target for a saved plan: a target of a plan file (seed/README.md). */
export interface NewTarget {
  key: string;
  indicator: string;
  region?: string | null;
  type: TargetType;
  comparator: Comparator;
  value?: number | null;
  valueMin?: number | null;
  valueMax?: number | null;
  valueUnknown?: boolean;
  targetYear?: number | null;
  baseYear?: number | null;
  baseValue?: number | null;
  /** the region whose average a `benchmark` target is measured against */
  benchmarkRegion?: string | null;
  commitment?: Commitment | null;
  milestones?: Milestone[];
  clause: string;
  noteZh?: string | null;
  noteEn?: string | null;
  /** lead and responsible units, in the order printed (units of the plan's or the target's region) */
  units?: { unitId: number; role: TargetUnitRole; asPrinted?: string }[];
}
