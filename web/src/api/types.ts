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
