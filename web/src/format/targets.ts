import type { Comparator, Milestone, Target } from '../api/types.js';
import type { Lang } from '../i18n/lang.js';
import { formatNumber, formatQuantity, joinUnit, unitMultiplier } from './numbers.js';
import { fill, phrases } from './phrases.js';

/**
 * A target's type and values in words, in Chinese or English:
 * "2020年达到 ≥ 80 户" / "≥ 80 firms by 2020", "年均增长 ≥ 10%" / "≥ +10%/yr".
 * Pure: the components only place these strings.
 */

/** The fields of a target that its description depends on. */
export type DescribedTarget = Pick<
  Target,
  | 'type'
  | 'comparator'
  | 'value'
  | 'valueMin'
  | 'valueMax'
  | 'valueUnknown'
  | 'targetYear'
  | 'baseYear'
  | 'baseValue'
  | 'benchmarkRegionCode'
  | 'clause'
> & { indicator: Pick<Target['indicator'], 'unit' | 'unitEn'> };

/** A deliverable without a number ("一城三基地" completed by 2017): observed as 1 = done, 0 = not yet. */
export function isYesNoTarget(target: Pick<Target, 'type' | 'value'>): boolean {
  return target.type === 'milestone' && target.value === null;
}

export function unitOf(target: { indicator: Pick<Target['indicator'], 'unit' | 'unitEn'> }, lang: Lang): string {
  return lang === 'en' ? target.indicator.unitEn : target.indicator.unit;
}

function compare(comparator: Comparator, valueText: string, lang: Lang): string {
  return fill(phrases(lang).comparator[comparator], { value: valueText });
}

/** "≥ 80 户", "2.6%左右", "about 2.6%". */
function comparedQuantity(target: DescribedTarget, value: number, lang: Lang): string {
  return compare(target.comparator, formatQuantity(value, unitOf(target, lang), lang), lang);
}

/** "by 2020" wording shared by levels, shares, ranges and milestones with values. */
function byYear(core: string, year: number | null, lang: Lang): string {
  const p = phrases(lang).level;
  return year === null ? fill(p.noYear, { core }) : fill(p.byYear, { core, year });
}

/** Wraps a per-period phrase in its years: "2019–2021年…", "至2021年…", "…, 2019–2021", "… to 2021". */
function overPeriod(
  p: { span: string; until: string },
  core: string,
  baseYear: number | null,
  targetYear: number | null,
): string {
  if (targetYear === null) return core;
  if (baseYear !== null && baseYear < targetYear) return fill(p.span, { core, from: baseYear, to: targetYear });
  return fill(p.until, { core, year: targetYear });
}

/**
 * The masked figure as printed in the clause ("xx", "x.xx"), when the clause has exactly one.
 * Masked years ("xxxx年") are not the value, and an x inside a Latin word or a pinyin gloss such as
 * "(xù)" (the web copies carry them) is not a mask.
 */
export function maskedToken(clause: string): string | null {
  const tokens = new Set<string>();
  for (const match of clause.matchAll(/(?<!\p{Script=Latin})[xXｘ]+(?:\.[xXｘ]+)?(?!\p{Script=Latin})/gu)) {
    const after = clause.charAt((match.index ?? 0) + match[0].length);
    if (after !== '年') tokens.add(match[0]);
  }
  return tokens.size === 1 ? ([...tokens][0] ?? null) : null;
}

function describeUnknown(target: DescribedTarget, lang: Lang): string {
  const p = phrases(lang).unknown;
  const token = maskedToken(target.clause);
  const core = token === null ? p.plain : fill(p.withToken, { token });
  return target.targetYear === null ? core : fill(p.byYear, { core, year: target.targetYear });
}

function benchmarkName(code: string | null, lang: Lang): string {
  const p = phrases(lang).benchmark;
  // GB/T 2260: 100000 is the country by convention; a code ending in 0000 is a province.
  if (code === '100000') return p.national;
  if (code !== null && /^\d{2}0000$/.test(code)) return p.provincial;
  return p.other;
}

function signed(value: number, lang: Lang): string {
  // English writes growth with an explicit sign ("+10%/yr"); Chinese says 增长 in words.
  const text = formatNumber(value, lang);
  return lang === 'en' && value > 0 ? `+${text}` : text;
}

export function describeTarget(target: DescribedTarget, lang: Lang): string {
  const p = phrases(lang);
  if (target.valueUnknown) return describeUnknown(target, lang);

  switch (target.type) {
    case 'benchmark': {
      const core = fill(p.benchmark[target.comparator], { benchmark: benchmarkName(target.benchmarkRegionCode, lang) });
      return target.targetYear === null ? core : fill(p.benchmark.until, { core, year: target.targetYear });
    }
    case 'milestone': {
      if (target.value !== null) return byYear(comparedQuantity(target, target.value, lang), target.targetYear, lang);
      return target.targetYear === null ? p.milestone.noYear : fill(p.milestone.byYear, { year: target.targetYear });
    }
    case 'range': {
      const { valueMin: min, valueMax: max } = target;
      const unit = unitOf(target, lang);
      let core: string;
      if (min !== null && max !== null) {
        // An English unit that is a number is multiplied out with each bound ("250 million–1.2 billion yuan" would mislead).
        core =
          lang === 'en' && unitMultiplier(unit)
            ? `${formatQuantity(min, unit, lang)}–${formatQuantity(max, unit, lang)}`
            : joinUnit(`${formatNumber(min, lang)}–${formatNumber(max, lang)}`, unit);
      } else if (min !== null) {
        core = compare('at_least', formatQuantity(min, unit, lang), lang);
      } else if (max !== null) {
        core = compare('at_most', formatQuantity(max, unit, lang), lang);
      } else {
        return p.missing;
      }
      return byYear(core, target.targetYear, lang);
    }
    case 'annual_growth': {
      if (target.value === null) return p.missing;
      const rate = compare(target.comparator, joinUnit(signed(target.value, lang), '%'), lang);
      return overPeriod(p.annualGrowth, fill(p.annualGrowth.core, { value: rate }), target.baseYear, target.targetYear);
    }
    case 'per_year': {
      if (target.value === null) return p.missing;
      const core = fill(p.perYear.core, { value: comparedQuantity(target, target.value, lang) });
      return overPeriod(p.perYear, core, target.baseYear, target.targetYear);
    }
    case 'cumulative': {
      if (target.value === null) return p.missing;
      const core = fill(p.cumulative.core, { value: comparedQuantity(target, target.value, lang) });
      return overPeriod(p.cumulative, core, target.baseYear, target.targetYear);
    }
    case 'level':
    case 'share': {
      if (target.value === null) return p.missing;
      return byYear(comparedQuantity(target, target.value, lang), target.targetYear, lang);
    }
  }
}

/** An interim milestone in words: "2015年达到 ≥ 100 件" / "≥ 100 patents by 2015". */
export function describeMilestone(milestone: Milestone, target: DescribedTarget, lang: Lang): string {
  if (milestone.value === null) return fill(phrases(lang).milestoneNoValue, { year: milestone.year });
  if (target.type === 'annual_growth') {
    // A growth target's milestones are levels of the indicator on the way, not rates.
    return byYear(formatQuantity(milestone.value, unitOf(target, lang), lang), milestone.year, lang);
  }
  return byYear(comparedQuantity(target, milestone.value, lang), milestone.year, lang);
}

/** The base the target starts from: "16 亿立方米（2014年）" / "16 100 million m³ (2014)"; null if none. */
export function describeBase(target: DescribedTarget, lang: Lang): string | null {
  if (target.baseValue === null) return null;
  const p = phrases(lang).base;
  const value = formatQuantity(target.baseValue, unitOf(target, lang), lang);
  return target.baseYear === null ? fill(p.noYear, { value }) : fill(p.withYear, { value, year: target.baseYear });
}
