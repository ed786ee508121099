// The vocabulary of the progress engine (../shared/progress-method.md is its specification).
// Types only, no code: the API's types (../../api/types.ts) and the web app import this file with
// `import type`, so it must stay free of anything that runs.

export type TargetType = 'level' | 'share' | 'annual_growth' | 'per_year' | 'cumulative' | 'range' | 'benchmark' | 'milestone';
export type Direction = 'up' | 'down' | 'band';
export type IndicatorKind = 'stock' | 'flow' | 'share' | 'money';
export type Comparator = 'at_least' | 'at_most' | 'about' | 'exactly';
export type Vintage = 'preliminary' | 'final' | 'revised';

/**
 * A target's verdict. `met_late`: the target year passed without a figure for it, and the first figure
 * after it meets the target (or a deliverable was recorded done after its year).
 */
export type Status =
  | 'achieved'
  | 'met_late'
  | 'on_track'
  | 'accelerate'
  | 'limited'
  | 'moving_away'
  | 'missed'
  | 'insufficient_data'
  | 'no_data'
  | 'not_assessable';

/** What a target asks for: a value or a range, by a year, from a base. */
export interface TargetValues {
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  valueUnknown: boolean;
  targetYear: number | null;
  baseYear: number | null;
  baseValue: number | null;
}

export interface ProgressTarget extends TargetValues {
  type: TargetType;
  direction: Direction;
  indicatorKind: IndicatorKind;
  comparator: Comparator;
  /** The value as the source page renders it, where a damaged glyph makes it differ from `value`. */
  valueAsPrinted?: number | null;
  periodStart: number | null;
  periodEnd: number | null;
  milestones: { year: number; value: number | null }[];
  /** The indicator's plausible range, for the implausible_target and implausible_value flags. */
  plausibleMin?: number | null;
  plausibleMax?: number | null;
  /** For the explanation sentence. */
  unitZh: string;
  unitEn: string;
}

export interface ProgressObservation {
  year: number;
  /** null: not published ("—", "x") — never read as zero. */
  value: number | null;
  vintage: Vintage;
  isSample: boolean;
  /** Versions of the figure since its first publication: sample versions a real one replaced do not count. */
  revisionCount: number;
}

export interface BenchmarkPoint {
  year: number;
  value: number;
  vintage: Vintage;
  isSample: boolean;
  revisionCount: number;
}

export interface YearValue {
  year: number;
  value: number;
}

export type PaceUnit = 'percent_per_year' | 'points_per_year' | 'units_per_year';

/** A yearly rate of change: "+12.3% a year", "+0.35 percentage points a year", "+5 firms a year". */
export interface Pace {
  value: number;
  unit: PaceUnit;
  fromYear: number;
  toYear: number;
}

export type FlagCode = 'data_gap' | 'stale' | 'implausible_target' | 'implausible_value' | 'sample_data' | 'revised';

export interface Flag {
  code: FlagCode;
  years?: number[];
  values?: number[];
  /** For implausible_target: the reading that would be plausible (e.g. 25% → 2.5%). */
  suggestedValue?: number;
  /** English, technical. */
  detail: string;
}

export type MilestoneStatus = 'achieved' | 'missed' | 'pending' | 'no_data' | 'not_assessable';

export interface MilestoneVerdict {
  year: number;
  value: number | null;
  observed: number | null;
  status: MilestoneStatus;
}

export type Badge = 'upper_bound_passed' | 'per_year_fell';

/** A figure the verdict used that is a sample (illustrative) one: the region's own, or the benchmark's. */
export interface SampleFigure {
  year: number;
  value: number;
  series: 'own' | 'benchmark';
}

/** One year of a target judged year by year (`per_year`, `benchmark`): the figure, what it had to reach. */
export interface YearVerdict {
  year: number;
  value: number;
  goal: number;
  met: boolean;
  /** the goal is a sample figure (a benchmark's) or the value is */
  isSample: boolean;
}

export interface ProgressResult {
  status: Status;
  /**
   * What the verdict rests on: only published figures, or at least one sample (illustrative) figure
   * among those used (own or benchmark). null when no figure was used.
   */
  basis: 'published' | 'sample' | null;
  /** The sample figures used, so every place that shows the verdict can say which years they are. */
  sampleFigures: SampleFigure[];
  /**
   * Where the verdict rests on sample figures: the verdict on the published figures alone, judged the
   * same way (same as-of year). null when the verdict rests on published figures only.
   */
  publishedOnly: { status: Status; explanation: { zh: string; en: string } } | null;
  /** Open SDG's −5…+5 score, null where no judgement can be made. */
  score: number | null;
  /** The year judged as of: the one asked for, else the latest with a published figure. */
  asOf: number | null;
  progressToDate: number | null;
  progressToDateReason: string | null;
  outlook: number | null;
  outlookReason: string | null;
  confidence: 'normal' | 'low_confidence' | null;
  /** The year and value being judged now: the next unmet milestone, or the target itself. */
  checkpoint: { year: number; value: number; kind: 'milestone' | 'target' } | null;
  base: { year: number; value: number; source: 'target' | 'observed_before_period' | 'first_observed' | 'period_start' } | null;
  /** R(t) for every year from the base year (or the period start) to the target year. */
  requiredPath: YearValue[];
  /** The projection from the latest value to the checkpoint year. */
  projection: YearValue[];
  projectedValue: number | null;
  paceAchieved: Pace | null;
  requiredAnnualPace: Pace | null;
  milestones: MilestoneVerdict[];
  /**
   * per_year and cumulative targets: the sum so far against the sum required so far. For cumulative
   * targets `missingYears` are the elapsed years without a published figure: unknown, never zero, so
   * `actual` is the sum of the published years and `required` is what those years should have added.
   */
  cumulative: { actual: number; required: number; missingYears: number[] } | null;
  /** Targets judged year by year (`per_year`, `benchmark`): every year judged; empty otherwise. */
  years: YearVerdict[];
  badges: Badge[];
  flags: Flag[];
  inputs: {
    observations: ProgressObservation[];
    base: { year: number; value: number } | null;
    targetValue: number | null;
    milestones: { year: number; value: number | null }[];
    benchmark: BenchmarkPoint[];
    method: string;
  };
  /** One sentence, written by the engine in both languages. */
  explanation: { zh: string; en: string };
}

/** A plan's or a region's targets counted by status, with the mean score as its one headline figure. */
export interface Rollup {
  targetCount: number;
  counts: Record<Status, number>;
  /** Mean score of the judged targets (every judged status has a score); null when none is judged. */
  meanScore: number | null;
  /** How many targets the mean counts: the judged ones. */
  scoredCount: number;
  /** The judged targets whose verdict rests on published figures only, and those resting on sample ones. */
  judgedOnPublished: number;
  judgedOnSample: number;
  /** The mean is a headline only when at least half the targets are judged; otherwise it is shown as a note. */
  meanScoreIsHeadline: boolean;
}
