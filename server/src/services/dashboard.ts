import type { RecurringIndicators, RegionsComparison } from '../api/types.js';
import { attentionPlans, isOffCourse } from '../domain/attention.js';
import { HEADLINE_INDICATORS, pickHeadlineTarget } from '../domain/headlines.js';
import type { Repositories } from '../repositories/index.js';
import type { CurrentObservationRow } from '../repositories/observations.js';
import type { ProgressService } from './progress.js';

const latestUpTo = (series: CurrentObservationRow[], asOf: number | null) =>
  [...series].reverse().find((o) => o.published && (asOf === null || o.year <= asOf)) ?? null;

/** What the leaders' overview and the compare views need, assembled from repositories and the engine. */
export function createDashboardService(repos: Repositories, progress: ProgressService) {
  const plansOf = (regionCode: string) => repos.plans.concerning(regionCode).filter((p) => p.regionCode === regionCode);
  const targetsOn = (regionCode: string, indicatorCode: string) => repos.plans.targetsOn(regionCode, indicatorCode);

  /** The off-course targets of the plans the region works to (domain/attention.ts), in plan order. */
  function attention(regionPlans: ReturnType<typeof plansOf>, asOf: number | null) {
    const { scope, plans } = attentionPlans(regionPlans, asOf);
    const targets = plans.flatMap((plan) => {
      const rows = new Map(repos.plans.targets(plan.id).map((t) => [t.id, t]));
      return progress.planProgress(plan, asOf).targets.flatMap(({ targetId, result }) => {
        const target = rows.get(targetId);
        const indicator = target ? repos.reference.indicator(target.indicatorCode) : undefined;
        if (!target || !indicator || !isOffCourse(result.status)) return [];
        return [
          {
            target: { ...target, planId: plan.id, planSlug: plan.slug },
            indicator,
            region: { code: target.regionCode, nameZh: target.regionNameZh, nameEn: target.regionNameEn },
            result,
          },
        ];
      });
    });
    return { scope, targets };
  }

  return {
    overview(regionCode: string, asOf: number | null) {
      // Everything below is read once per request: the region's plans, and each headline's targets by
      // themselves (repos.plans.targetsOn), not by reading each candidate's whole plan.
      const regionPlans = plansOf(regionCode);
      const plans = regionPlans.map((plan) => ({ plan, rollup: progress.planProgress(plan, asOf).rollup }));
      const headlines = HEADLINE_INDICATORS.flatMap((code) => {
        const indicator = repos.reference.indicator(code);
        if (!indicator) return [];
        const candidates = targetsOn(regionCode, code).map(({ plan, target }) => ({
          id: target.id,
          planStatus: plan.status,
          planPeriodEnd: plan.periodEnd,
          targetYear: target.targetYear,
          valueUnknown: target.valueUnknown,
          plan,
          target,
        }));
        const chosen = pickHeadlineTarget(candidates);
        const judged = chosen
          ? progress.planProgress(chosen.plan, asOf).targets.find((t) => t.targetId === chosen.target.id)
          : undefined;
        return [
          {
            indicator,
            latestObservation: latestUpTo(repos.observations.current(regionCode, code), asOf),
            target: chosen ? { ...chosen.target, planId: chosen.plan.id, planSlug: chosen.plan.slug } : null,
            result: judged?.result ?? null,
          },
        ];
      });
      return { regionCode, asOf, plans, headlines, attention: attention(regionPlans, asOf) };
    },

    compareRegions(indicatorCode: string, regionCodes: string[]) {
      const series: RegionsComparison['series'] = regionCodes.map((code) => ({
        regionCode: code,
        observations: repos.observations.current(code, indicatorCode),
      }));
      // The level each target is judged against (a growth target's level, a misprint's plausible
      // reading): the engine's, so the compare chart marks the same point as the target's own chart.
      const targets = regionCodes.flatMap((code) =>
        targetsOn(code, indicatorCode).map(({ plan, target }) => ({
          regionCode: code,
          plan,
          target,
          targetValue:
            progress.planProgress(plan, null).targets.find((t) => t.targetId === target.id)?.result.inputs.targetValue ?? null,
        })),
      );
      return { series, targets };
    },

    comparePlans(regionCode: string, indicatorCode: string, asOf: number | null) {
      const targets = targetsOn(regionCode, indicatorCode).flatMap(({ plan, target }) => {
        const found = progress.targetProgress(target.id, asOf);
        return found ? [{ plan, target, result: found.judged.result }] : [];
      });
      return { targets, observations: repos.observations.current(regionCode, indicatorCode) };
    },

    /** Indicators that a region's plans target more than once, in more than one plan. */
    recurringIndicators(regionCode: string): RecurringIndicators {
      const byIndicator = new Map<string, Set<number>>();
      for (const plan of repos.plans.concerning(regionCode)) {
        for (const t of repos.plans.targets(plan.id)) {
          if (t.regionCode !== regionCode) continue;
          byIndicator.set(t.indicatorCode, (byIndicator.get(t.indicatorCode) ?? new Set()).add(plan.id));
        }
      }
      return [...byIndicator]
        .filter(([, plans]) => plans.size > 1)
        .map(([indicatorCode, plans]) => ({ indicatorCode, planIds: [...plans] }));
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
