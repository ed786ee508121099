/** The dashboard API's shapes (server/src/routes/dashboard.ts and progress.ts), beside the shared ones. */
import type {
  Commitment,
  Comparator,
  CurrentObservation,
  Indicator,
  Milestone,
  PlanSummary,
  ProgressResult,
  ProgressRollup,
  TargetType,
} from '../../api/types.js';

/** A target as the dashboard routes send it: its plan named, its indicator given beside it. */
export interface TargetBrief {
  id: number;
  key: string;
  planId: number;
  planSlug: string;
  type: TargetType;
  comparator: Comparator;
  value: number | null;
  /** the figure as the source prints it, where the value was read otherwise (25 → 2.5) */
  valueAsPrinted: number | null;
  valueMin: number | null;
  valueMax: number | null;
  valueUnknown: boolean;
  targetYear: number | null;
  baseYear: number | null;
  baseValue: number | null;
  benchmarkRegionCode: string | null;
  commitment: Commitment | null;
  clause: string;
  note: string | null;
  milestones: Milestone[];
}

/** A judgement with the year-by-year paths, for charting one target. */
export interface ChartedResult extends ProgressResult {
  requiredPath: { year: number; value: number }[];
  projection: { year: number; value: number }[];
}

export interface Headline {
  indicator: Indicator;
  latestObservation: CurrentObservation | null;
  target: TargetBrief | null;
  /** the judgement without its paths */
  result: ProgressResult | null;
}

export interface RegionOverview {
  regionCode: string;
  asOf: number | null;
  plans: { plan: PlanSummary; rollup: ProgressRollup }[];
  headlines: Headline[];
}

/** GET /api/targets/:id/progress */
export interface TargetProgressDetail {
  targetId: number;
  planId: number;
  indicatorCode: string;
  regionCode: string;
  benchmarkRegionCode: string | null;
  result: ChartedResult;
  /** the region's current figures, every year */
  observations: (CurrentObservation & { id?: number })[];
  /** the benchmark region's current figures, when the target has one */
  benchmark: (CurrentObservation & { id?: number })[];
}

/** GET /api/compare/regions */
export interface RegionsComparison {
  indicator: Indicator;
  series: { regionCode: string; observations: CurrentObservation[] }[];
}

/** GET /api/compare/plans */
export interface PlansComparison {
  indicator: Indicator;
  regionCode: string;
  targets: { plan: PlanSummary; target: TargetBrief; result: ChartedResult }[];
  observations: CurrentObservation[];
}

/** GET /api/regions/:code/recurring-indicators */
export type RecurringIndicators = { indicatorCode: string; planIds: number[] }[];
