/** The shapes of the reviewable seed files in seed/ (see seed/README.md). */

import type {
  Indicator,
  Milestone,
  Observation,
  PlanFields,
  PlanKind,
  PlanStatus,
  Region,
  TargetFields,
  UnitKind,
} from '../api/types.js';
import type { PlanFileTargetUnit } from '../domain/planFile.js';
import type { Comparator, TargetType, Vintage } from '../domain/progress/types.js';

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
export const COMPARATORS: readonly Comparator[] = ['at_least', 'at_most', 'about', 'exactly'];
export const PLAN_KINDS: readonly PlanKind[] = ['action_plan', 'implementation_opinion', 'work_plan', 'work_summary'];
export const PLAN_STATUSES: readonly PlanStatus[] = ['in_force', 'expired', 'unknown'];
export const VINTAGES: readonly Vintage[] = ['preliminary', 'final', 'revised'];

/**
 * The source title of every row of observations/sample.tsv: one title in both languages, as stored.
 * Pages and reports name such a figure's source in their own language instead.
 */
export const SEED_SAMPLE_SOURCE = '示例数据 (sample, not published)';

// A region, an indicator and a milestone are written in the seed files as the API shows them.
export type SeedRegion = Region;
export type SeedIndicator = Indicator;
export type SeedMilestone = Milestone;

export interface SeedTarget extends TargetFields {
  indicator: string;
  region?: string;
  /** The value as the page renders it, where a damaged glyph makes it differ from `value`. */
  valueAsPrinted?: number | null;
  benchmarkRegion: string | null;
  /**
   * Its lead and responsible units (牵头单位 / 责任单位) as the document prints them, in the order
   * printed: the plan file's own field, so the seed's plan files are what the export writes.
   */
  units?: PlanFileTargetUnit[];
}

export interface SeedPlan extends PlanFields {
  sourceFile: string;
  regionCode: string;
  targets: SeedTarget[];
}

/** A published figure: the seed files hold no "not published" ones. */
export interface SeedObservation
  extends Pick<Observation, 'year' | 'vintage' | 'isSample' | 'sourceTitle' | 'sourceUrl' | 'quote' | 'note'> {
  regionCode: string;
  indicatorCode: string;
  value: number;
  /** file:line, so a failed check points at the row to fix */
  origin: string;
}

/** Another name of an indicator (seed/indicator_aliases.tsv), matched in uploads. */
export interface SeedIndicatorAlias {
  indicatorCode: string;
  alias: string;
  /** file:line, so a failed check points at the row to fix */
  origin: string;
}

/** A department or government of a region (seed/units.tsv). */
export interface SeedUnit {
  regionCode: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  origin: string;
}

/** A form a document prints for a unit (seed/unit_aliases.tsv): 市科協 for 市科协. */
export interface SeedUnitAlias {
  regionCode: string;
  alias: string;
  /** the unit's name_zh in the same region */
  unitZh: string;
  origin: string;
}

export const UNIT_KINDS: readonly UnitKind[] = ['department', 'government', 'committee', 'other'];

export interface SeedDocument {
  fileName: string;
  body: string;
}

export interface SeedData {
  regions: SeedRegion[];
  indicators: SeedIndicator[];
  indicatorAliases: SeedIndicatorAlias[];
  documents: SeedDocument[];
  plans: SeedPlan[];
  observations: SeedObservation[];
  units: SeedUnit[];
  unitAliases: SeedUnitAlias[];
}
