/** The shapes the API answers with (server/src/schemas), narrowed to the values the server uses. */

export type PlanKind = 'action_plan' | 'implementation_opinion' | 'work_plan' | 'work_summary';
export type PlanStatus = 'in_force' | 'expired' | 'unknown';
export type TargetType = 'level' | 'share' | 'annual_growth' | 'per_year' | 'cumulative' | 'range' | 'benchmark' | 'milestone';
export type Comparator = 'at_least' | 'at_most' | 'about' | 'exactly';
export type Commitment = 'binding' | 'expected';
export type Direction = 'up' | 'down' | 'band';
export type IndicatorKind = 'stock' | 'flow' | 'share' | 'money';
export type Vintage = 'preliminary' | 'final' | 'revised';
export type RegionLevel = 'country' | 'province' | 'prefecture' | 'county';

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
}

export interface PlanSummary {
  id: number;
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
  /** English */
  statusNote: string | null;
  region: RegionRef;
  targetCount: number;
  /** English reviewer note */
  note: string | null;
  source: { fileName: string; title: string };
}

export interface Milestone {
  year: number;
  value: number | null;
  clause: string;
}

export interface Observation {
  year: number;
  value: number | null;
  /** false when the figure was printed as "—", "x" or similar: not published, never zero */
  published: boolean;
  vintage: Vintage;
  isSample: boolean;
  sourceTitle: string;
  sourceUrl: string | null;
  quote: string | null;
  note: string | null;
  enteredBy: string;
  enteredAt: string;
}

export interface CurrentObservation extends Observation {
  revisionCount: number;
}

export interface Target {
  id: number;
  key: string;
  region: RegionRef;
  indicator: Indicator;
  type: TargetType;
  comparator: Comparator;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  valueUnknown: boolean;
  targetYear: number | null;
  baseYear: number | null;
  baseValue: number | null;
  benchmarkRegionCode: string | null;
  commitment: Commitment | null;
  /** verbatim Chinese quote from the source document (may be traditional characters) */
  clause: string;
  /** English reviewer note */
  note: string | null;
  milestones: Milestone[];
  latestObservation: CurrentObservation | null;
}

export interface PlanDetail extends PlanSummary {
  targets: Target[];
}

/** The body of every non-2xx answer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
}

/* ---------- Progress (GET /api/plans/:slug/progress) ---------- */

/** A target's verdict, in the order the method checks them (docs: shared/progress-method.md). */
export type ProgressStatus =
  | 'achieved'
  | 'on_track'
  | 'accelerate'
  | 'limited'
  | 'moving_away'
  | 'missed'
  | 'insufficient_data'
  | 'no_data'
  | 'not_assessable';

export type PaceUnit = 'percent_per_year' | 'points_per_year' | 'units_per_year';

/** A yearly rate of change: "+12.3% a year", "+0.35 percentage points a year", "+5 firms a year". */
export interface Pace {
  value: number;
  unit: PaceUnit;
  fromYear: number;
  toYear: number;
}

export type FlagCode = 'data_gap' | 'stale' | 'implausible_target' | 'implausible_value' | 'sample_data' | 'revised';

/** Shown beside the status, never instead of it, with the years or values that raised it. */
export interface ProgressFlag {
  code: FlagCode;
  years?: number[];
  values?: number[];
  /** implausible_target: the plausible reading of the printed value (25% → 2.5%) */
  suggestedValue?: number;
  /** English, technical */
  detail: string;
}

export type MilestoneStatus = 'achieved' | 'missed' | 'pending' | 'no_data' | 'not_assessable';

export interface MilestoneVerdict {
  year: number;
  value: number | null;
  observed: number | null;
  status: MilestoneStatus;
}

export type ProgressBadge = 'upper_bound_passed' | 'per_year_fell';

export interface UsedObservation {
  year: number;
  value: number | null;
  vintage: Vintage;
  isSample: boolean;
  revisionCount: number;
}

export interface ProgressResult {
  status: ProgressStatus;
  /** Open SDG's score, −5…+5; null where no judgement is made */
  score: number | null;
  /** the year judged (the latest with data up to the as-of year) */
  asOf: number | null;
  progressToDate: number | null;
  progressToDateReason: string | null;
  outlook: number | null;
  outlookReason: string | null;
  confidence: 'normal' | 'low_confidence' | null;
  checkpoint: { year: number; value: number; kind: 'milestone' | 'target' } | null;
  base: { year: number; value: number; source: string } | null;
  projectedValue: number | null;
  paceAchieved: Pace | null;
  requiredAnnualPace: Pace | null;
  milestones: MilestoneVerdict[];
  cumulative: { actual: number; required: number } | null;
  badges: ProgressBadge[];
  flags: ProgressFlag[];
  inputs: {
    observations: UsedObservation[];
    base: { year: number; value: number } | null;
    targetValue: number | null;
    milestones: { year: number; value: number | null }[];
    benchmark: UsedObservation[];
    method: string;
  };
  /** one sentence, written by the engine in both languages */
  explanation: { zh: string; en: string };
}

export interface ProgressRollup {
  targetCount: number;
  counts: Record<ProgressStatus, number>;
  /** the mean of the targets' scores, −5…+5; null when none is scored */
  meanScore: number | null;
  scoredCount: number;
}

export interface TargetProgress {
  /** matches Target.id */
  targetId: number;
  indicatorCode: string;
  regionCode: string;
  result: ProgressResult;
}

export interface PlanProgress {
  planId: number;
  /** the as-of year asked for; null: the latest figures */
  asOf: number | null;
  rollup: ProgressRollup;
  indicators: { indicatorCode: string; status: ProgressStatus }[];
  targets: TargetProgress[];
}
