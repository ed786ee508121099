import type { PlanProgress as ApiPlanProgress, TargetProgress } from '../api/types.js';
import { judgeTarget } from '../domain/progress/judge.js';
import { byIndicator, rollup } from '../domain/progress/rollup.js';
import type { BenchmarkPoint, ProgressObservation, ProgressResult, ProgressTarget } from '../domain/progress/types.js';
import type { Repositories } from '../repositories/index.js';
import type { SeriesPoint } from '../repositories/observations.js';
import type { JudgedTargetRow, PlanSummaryRow, PlanToJudge } from '../repositories/plans.js';
import type { IndicatorRow } from '../repositories/reference.js';

/** A judged target with its full result; the API sends lists of them without the paths. */
export type JudgedTarget = TargetProgress<ProgressResult>;
export type PlanProgress = ApiPlanProgress<ProgressResult>;

/**
 * Judges targets with the pure engine, reading only the series each target needs: the work per
 * request grows with the plan, not with the database. Results are memoised per plan and as-of year
 * until the data changes (every write adds an audit entry or a revision, which bumps the version).
 */
export function createProgressService(repos: Repositories) {
  const cache = new Map<string, PlanProgress>();
  // Few: the routes' answers are kept as bytes by the response cache (plugins/responseCache.ts), so
  // this memo only spares the judging when one request or a few in a row read the same plan (the
  // summary after the full answer, a region's plans, a report). 500 whole answers (tens of MB of
  // objects) kept under a load of pairs asked once were promoted and then collected: uncached plan
  // progress at 3,000 regions was 3–38% faster (3 interleaved runs) with 50.
  const CACHE_LIMIT = 50;

  // Indicators are a small reference table that changes only with the data: read once per data
  // version, not once per target (a statement per target read the version before). Honest: the key
  // is the version every write bumps, as for the results below.
  let indicators: { version: string; byCode: Map<string, IndicatorRow> } | null = null;
  function indicatorsAt(v: string): Map<string, IndicatorRow> {
    if (indicators?.version !== v)
      indicators = { version: v, byCode: new Map(repos.reference.listIndicators().map((i) => [i.code, i])) };
    return indicators.byCode;
  }

  function targetInput(
    plan: Pick<PlanSummaryRow, 'periodStart' | 'periodEnd'>,
    t: JudgedTargetRow,
    indicatorByCode: Map<string, IndicatorRow>,
  ): ProgressTarget {
    const indicator = indicatorByCode.get(t.indicatorCode);
    if (!indicator) throw new Error(`target ${t.id} refers to a missing indicator ${t.indicatorCode}`);
    return {
      type: t.type,
      direction: indicator.direction,
      indicatorKind: indicator.kind,
      comparator: t.comparator,
      value: t.value,
      valueAsPrinted: t.valueAsPrinted,
      valueMin: t.valueMin,
      valueMax: t.valueMax,
      valueUnknown: t.valueUnknown,
      targetYear: t.targetYear,
      baseYear: t.baseYear,
      baseValue: t.baseValue,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      milestones: t.milestones.map((m) => ({ year: m.year, value: m.value })),
      plausibleMin: indicator.plausibleMin,
      plausibleMax: indicator.plausibleMax,
      unitZh: indicator.unit,
      unitEn: indicator.unitEn,
    };
  }

  /** The series a verdict reads, one figure (region, indicator) at a time: series() by default. */
  type SeriesOf = (regionCode: string, indicatorCode: string) => SeriesPoint[];
  const seriesOne: SeriesOf = (regionCode, indicatorCode) => repos.observations.series(regionCode, indicatorCode);

  function judge(
    plan: Pick<PlanSummaryRow, 'periodStart' | 'periodEnd'>,
    t: JudgedTargetRow,
    asOf: number | null,
    /** Figures judged as if published (a reviewer's "what would change"): nothing is written. */
    pending: readonly ProgressObservation[] = [],
    seriesOf: SeriesOf = seriesOne,
    indicatorByCode: Map<string, IndicatorRow> = indicatorsAt(repos.dataVersion.writeMarks()),
  ): JudgedTarget {
    let observations: ProgressObservation[] = seriesOf(t.regionCode, t.indicatorCode);
    if (pending.length > 0) {
      const years = new Set(pending.map((p) => p.year));
      observations = [...observations.filter((o) => !years.has(o.year)), ...pending].sort((a, b) => a.year - b.year);
    }
    const benchmark: BenchmarkPoint[] = t.benchmarkRegionCode
      ? seriesOf(t.benchmarkRegionCode, t.indicatorCode).filter((o): o is SeriesPoint & { value: number } => o.value !== null)
      : [];
    const result = judgeTarget({ target: targetInput(plan, t, indicatorByCode), observations, benchmark, asOf });
    return { targetId: t.id, indicatorCode: t.indicatorCode, regionCode: t.regionCode, result };
  }

  /**
   * Every target of a plan judged, straight from the repositories: the plan's targets, indicators and
   * series each read at once (one statement each), not once per target. judgePlanByTarget below is
   * the same done one target at a time, as the target page does; the tests hold the two equal.
   */
  function judgePlan(plan: PlanToJudge, asOf: number | null, v: string): JudgedTarget[] {
    const byCode = indicatorsAt(v);
    const targets = repos.plans.judgedTargets(plan.id);
    // Every figure the targets read, own and benchmark, each once.
    const place = new Map<string, number>();
    const pairs: [string, string][] = [];
    const need = (regionCode: string, indicatorCode: string) => {
      const key = `${regionCode}\u0000${indicatorCode}`;
      if (!place.has(key)) place.set(key, pairs.push([regionCode, indicatorCode]) - 1);
    };
    for (const t of targets) {
      need(t.regionCode, t.indicatorCode);
      if (t.benchmarkRegionCode) need(t.benchmarkRegionCode, t.indicatorCode);
    }
    const series = repos.observations.seriesOfMany(pairs);
    const seriesOf: SeriesOf = (regionCode, indicatorCode) =>
      series[place.get(`${regionCode}\u0000${indicatorCode}`) as number] as SeriesPoint[];
    return targets.map((t) => judge(plan, t, asOf, [], seriesOf, byCode));
  }

  function planProgress(plan: PlanToJudge, asOf: number | null): PlanProgress {
    const v = repos.dataVersion.writeMarks();
    const key = `${plan.id}:${asOf ?? 'latest'}:${v}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const targets = judgePlan(plan, asOf, v);
    const value: PlanProgress = {
      planId: plan.id,
      asOf,
      rollup: rollup(targets.map((t) => t.result)),
      indicators: byIndicator(targets.map((t) => ({ indicatorCode: t.indicatorCode, status: t.result.status }))),
      targets,
    };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, value);
    return value;
  }

  return {
    planProgress,
    /** The plan's targets judged one at a time, each reading its own series (what judgePlan does at once). */
    judgePlanByTarget(plan: PlanSummaryRow, asOf: number | null): JudgedTarget[] {
      return repos.plans.targets(plan.id).map((t) => judge(plan, t, asOf));
    },
    targetProgress(targetId: number, asOf: number | null) {
      const found = repos.plans.targetById(targetId);
      if (!found) return undefined;
      const plan = repos.plans.find(String(found.planId));
      if (!plan) return undefined;
      return { plan, target: found.target, judged: judge(plan, found.target, asOf) };
    },
    /**
     * Each target on a region's indicator judged on the published figures and again with some figures
     * as if they were published (review: what approving pending figures would change). Never cached,
     * never written.
     */
    whatIf(regionCode: string, indicatorCode: string, pending: readonly ProgressObservation[]) {
      return repos.plans.targetsOn(regionCode, indicatorCode).map(({ plan, target }) => ({
        plan,
        target,
        now: judge(plan, target, null).result,
        ifApproved: judge(plan, target, null, pending).result,
      }));
    },
    regionProgress(regionCode: string, asOf: number | null) {
      const judged = repos.plans
        .concerning(regionCode)
        // A city's plan counts whole for the city, county-specific targets included; a county also
        // sees the targets that name it in its city's plans.
        .flatMap((plan) =>
          planProgress(plan, asOf).targets.filter((t) => plan.regionCode === regionCode || t.regionCode === regionCode),
        );
      return { regionCode, asOf, rollup: rollup(judged.map((t) => t.result)) };
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
