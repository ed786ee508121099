/** The shapes of the reviewable seed files in seed/ (see seed/README.md). */

export type TargetType = 'level' | 'share' | 'annual_growth' | 'per_year' | 'cumulative' | 'range' | 'benchmark' | 'milestone';
export const TARGET_TYPES: readonly TargetType[] = [
  'level',
  'share',
  'annual_growth',
  'per_year',
  'cumulative',
  'range',
  'benchmark',
  'milestone',
];
export type Comparator = 'at_least' | 'at_most' | 'about' | 'exactly';
export const COMPARATORS: readonly Comparator[] = ['at_least', 'at_most', 'about', 'exactly'];
export type PlanKind = 'action_plan' | 'implementation_opinion' | 'work_plan' | 'work_summary';
export const PLAN_KINDS: readonly PlanKind[] = ['action_plan', 'implementation_opinion', 'work_plan', 'work_summary'];
export type PlanStatus = 'in_force' | 'expired' | 'unknown';
export const PLAN_STATUSES: readonly PlanStatus[] = ['in_force', 'expired', 'unknown'];
export type Vintage = 'preliminary' | 'final' | 'revised';
export const VINTAGES: readonly Vintage[] = ['preliminary', 'final', 'revised'];
export type Direction = 'up' | 'down' | 'band';
export type IndicatorKind = 'stock' | 'flow' | 'share' | 'money';
export type RegionLevel = 'country' | 'province' | 'prefecture' | 'county';

export interface SeedRegion {
  code: string;
  nameZh: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface SeedIndicator {
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

export interface SeedMilestone {
  year: number;
  value: number | null;
  clause: string;
}

export interface SeedTarget {
  key: string;
  indicator: string;
  region?: string;
  type: TargetType;
  value: number | null;
  /** The value as the page renders it, where a damaged glyph makes it differ from `value`. */
  valueAsPrinted?: number | null;
  valueMin: number | null;
  valueMax: number | null;
  valueUnknown: boolean;
  targetYear: number | null;
  baseYear: number | null;
  baseValue: number | null;
  benchmarkRegion: string | null;
  commitment: 'binding' | 'expected' | null;
  comparator: Comparator;
  milestones: SeedMilestone[];
  clause: string;
  note: string | null;
}

export interface SeedPlan {
  slug: string;
  sourceFile: string;
  kind: PlanKind;
  titleZh: string;
  titleEn: string;
  docNumber: string | null;
  issuerZh: string;
  issuerEn: string;
  issueDate: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  status: PlanStatus;
  statusNote: string | null;
  regionCode: string;
  note: string | null;
  targets: SeedTarget[];
}

export interface SeedObservation {
  regionCode: string;
  indicatorCode: string;
  year: number;
  value: number;
  vintage: Vintage;
  isSample: boolean;
  sourceTitle: string;
  sourceUrl: string | null;
  quote: string | null;
  note: string | null;
  /** file:line, so a failed check points at the row to fix */
  origin: string;
}

export interface SeedDocument {
  fileName: string;
  body: string;
}

export interface SeedData {
  regions: SeedRegion[];
  indicators: SeedIndicator[];
  documents: SeedDocument[];
  plans: SeedPlan[];
  observations: SeedObservation[];
}
