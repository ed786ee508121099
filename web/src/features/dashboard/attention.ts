/**
 * 需要关注 / Needs attention on a region's overview: the off-course targets the API lists (those of the
 * plans in force, or of the plan that ended last), furthest behind first, each with what must happen
 * now. Pure: the component only places these strings.
 */
import type { AttentionTarget, ProgressStatus } from '../../api/types.js';
import { formatQuantity } from '../../format/numbers.js';
import { fill, phrases } from '../../format/phrases.js';
import { describeStatus, formatPace, formatPacePeriod, judgedObservation } from '../../format/progress.js';
import { describeTarget, isYesNoTarget } from '../../format/targets.js';
import type { Lang } from '../../i18n/lang.js';
import { severityRank } from '../plans/targetOrder.js';
import { searchWith } from './urlState.js';

/** How many the overview shows above the fold; the rest are counted and left to the plan pages. */
export const ATTENTION_LIMIT = 5;

export interface AttentionRow {
  targetId: number;
  planSlug: string;
  status: ProgressStatus;
  statusLabel: string;
  basis: 'published' | 'sample' | null;
  /** the indicator, with the target's region when it is not the overview's */
  name: string;
  region: string | null;
  /** the target in words: "2020年达到 ≥ 2.5%" */
  target: string;
  /**
   * What must happen, as the engine sees it: the pace still required ("需年均提高 0.94 个百分点",
   * with its years), or, once the target year has passed, that it has, with the figure judged.
   */
  need: { kind: 'pace'; text: string; period: string } | { kind: 'passed'; text: string } | null;
  /** the figure the verdict rests on, with its year: "0.71% 2020年" */
  figure: string | null;
  figureIsSample: boolean;
  href: string;
}

/**
 * Furthest behind first: by status (missed, moving away, limited, accelerate), then by score (the
 * engine's −5…+5, lower is further behind), then by progress to date (the share of the way covered),
 * then the plan's own order, so the list never reshuffles between two loads.
 */
export function compareAttention(a: AttentionTarget, b: AttentionTarget): number {
  const score = (x: AttentionTarget) => x.result.score ?? 0;
  const progress = (x: AttentionTarget) => x.result.progressToDate ?? Number.POSITIVE_INFINITY;
  return (
    severityRank(a.result.status) - severityRank(b.result.status) ||
    score(a) - score(b) ||
    (progress(a) === progress(b) ? 0 : progress(a) < progress(b) ? -1 : 1) ||
    a.target.planId - b.target.planId ||
    a.target.id - b.target.id
  );
}

export interface AttentionList {
  rows: AttentionRow[];
  /** off-course targets beyond the limit */
  more: number;
}

export function needsAttention(
  targets: readonly AttentionTarget[],
  options: {
    regionCode: string;
    asOf: number | null;
    lang: Lang;
    limit?: number;
    /** a shorter name where the page has one (the headline indicators'); else the indicator's own */
    shortName?: (indicatorCode: string) => string | null;
  },
): AttentionList {
  const { regionCode, asOf, lang, limit = ATTENTION_LIMIT } = options;
  const en = lang === 'en';
  const ordered = [...targets].sort(compareAttention);
  const rows = ordered.slice(0, limit).map((entry): AttentionRow => {
    const { target, indicator, region, result } = entry;
    const unit = en ? indicator.unitEn : indicator.unit;
    const yesNo = isYesNoTarget(target);
    const judged = yesNo ? null : judgedObservation(result);
    const figure = judged
      ? `${formatQuantity(judged.value, unit, lang)} ${fill(phrases(lang).year, { year: judged.year })}`
      : null;
    const pace = result.requiredAnnualPace;
    // Missed: judged at the target year, which has come; otherwise passed once the verdict's year is later.
    const passed =
      target.targetYear !== null && (result.status === 'missed' || (result.asOf !== null && result.asOf > target.targetYear));
    let need: AttentionRow['need'] = null;
    if (pace && !yesNo && !passed) {
      need = { kind: 'pace', text: formatPace(pace, unit, 'required', lang), period: formatPacePeriod(pace, lang) };
    } else if (passed && target.targetYear !== null) {
      need = { kind: 'passed', text: fill(phrases(lang).progress.targetYearPassed, { year: target.targetYear }) };
    }
    return {
      targetId: target.id,
      planSlug: target.planSlug,
      status: result.status,
      statusLabel: describeStatus(result.status, lang).label,
      basis: result.basis,
      name: options.shortName?.(indicator.code) ?? (en ? indicator.nameEn : indicator.nameZh),
      region: region.code === regionCode ? null : en ? region.nameEn : region.nameZh,
      target: describeTarget({ ...target, indicator }, lang),
      need,
      figure,
      figureIsSample: judged?.isSample ?? false,
      href: `/targets/${target.id}${searchWith('', { asOf })}`,
    };
  });
  return { rows, more: Math.max(0, ordered.length - rows.length) };
}
