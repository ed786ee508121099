import { placed } from './import/issues.js';
import { parseUnit, unitKey } from './import/numbers.js';
import type { IndicatorKind, Message } from './import/types.js';
import { type RelatedFigure, type ReviewRuleCode, reviewRules } from './reviewRules.js';

// Whether a figure is plausible for its indicator, before it is written. One function for every
// path that writes figures (an upload's preview, the entry grid, one figure entered by hand, and
// anything added later), so a figure is judged the same way whichever door it comes in by. Pure: the
// caller reads the indicator and the figures it is compared with; nothing here touches the database.
//
// Errors are figures that cannot be true, whatever the year: a count below zero or with a fraction,
// a share outside 0–100%. They block the write.
//
// Warnings are figures that are probably wrong but may be right, so a person must say they checked
// them (an upload's commit names the rows, one figure's entry carries acknowledgeWarnings):
// - outside the indicator's plausible range (indicators.plausible_min / plausible_max). A warning,
//   not an error: the range is a judgement ("an R&D share of GDP above 10% is almost surely a
//   misprint"), and a science district can pass it. The hard bound of a share is 0–100 (an error).
// - a share typed as a fraction: 0.021 with unit % where the figure compared with is near 2.1.
// - a 10⁴ or 10⁸ unit slip (万元 written as 元 or 亿元): about 10⁴× or 10⁻⁴× the figure compared with.
// - a jump: more than 3× the figure compared with, or a fall by more than two thirds.
// - with nothing to compare with, a figure above the plausible range that is inside it divided by 10⁴
//   (万元 typed as 元): a unit slip too.
//
// With review on (input.review), the review rules (审核规则, reviewRules.ts) add their warnings: a
// change against last year beyond the threshold of the indicator's kind, and a figure inconsistent
// with a related one (granted patents above applications). There every warning needs an explanation.
//
// The figure compared with is the last PUBLISHED one, never a sample figure (示例数据: illustrative, so
// a jump against it says nothing about the upload): the latest real figure of this year or an
// earlier one, or, for an upload, the same file's figure of an earlier year when that is later
// still (the file's figure is about to become the current one). With no earlier figure there is no
// jump to measure; the range checks apply all the same, and the fraction and unit checks compare
// with the nearest later published figure, since a factor of 100 or 10⁴ is wrong in either order.

export type FigureCheckCode =
  | 'negative_value'
  | 'fractional_count'
  | 'share_out_of_range'
  | 'outside_plausible_range'
  | 'share_as_fraction'
  | 'looks_like_wrong_unit'
  | 'implausible_jump'
  | ReviewRuleCode;

/** What the checks need of an indicator (the indicators table's columns; see migrations 0001 and 0002). */
export interface CheckedIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  kind: IndicatorKind;
  plausibleMin: number | null;
  plausibleMax: number | null;
}

/** The current figure of one year in the database. */
export interface StoredFigure {
  year: number;
  /** null: not published. */
  value: number | null;
  /** A sample figure (示例数据) is never compared with. */
  isSample: boolean;
}

/** Another year's figure of the same region and indicator in the same upload. */
export interface FileFigure {
  year: number;
  value: number | null;
  row: number;
}

/** The figure a jump, a fraction or a unit slip was measured against. */
export interface ComparedFigure {
  year: number;
  value: number;
  /** 'published': the database's current real figure; 'file': the same upload's figure of that year. */
  from: 'published' | 'file';
  /** The row of the file's figure. */
  row: number | null;
}

export interface FigureCheckInput {
  indicator: CheckedIndicator;
  year: number;
  /** In the indicator's unit; null (not published) is never checked. */
  value: number | null;
  /** The region and indicator's current figures, one per year. */
  stored: Iterable<StoredFigure>;
  /** The same upload's figures of other years for this region and indicator. */
  inFile?: Iterable<FileFigure>;
  /** Where the figure was read (an upload): the messages open with "第5行D列：" / "Row 5, column D: ". */
  where?: { row: number | null; column: string | null } | null;
  /**
   * Review is on (settings review_required): the review rules (reviewRules.ts) run too, with the
   * figures of related indicators of the same region and year. Absent: the checks of direct
   * publication only.
   */
  review?: { related: readonly RelatedFigure[] } | null;
}

export interface FigureFinding {
  code: FigureCheckCode;
  severity: 'error' | 'warning';
  message: Message;
  /** The figure compared with (jump, fraction, unit slip). */
  comparedWith?: ComparedFigure;
  /** The value the figure most likely meant (fraction, unit slip), in the indicator's unit. */
  likely?: number;
}

/** A rise above this factor, or a fall below its inverse, is a jump. */
export const JUMP_FACTOR = 3;
/** 元 ↔ 万元 ↔ 亿元: the factors a unit written wrong produces. */
const UNIT_SLIPS = [1e4, 1e8];
/** How close (in powers of ten) a ratio must come to a slip's factor: within about 3× of it. */
const SLIP_TOLERANCE = 0.5;

/** Classifiers that count whole things: a figure in them is a whole number. */
const COUNT_BASES = new Set([
  '家',
  '户',
  '个',
  '所',
  '人',
  '名',
  '位',
  '件',
  '项',
  '人次',
  '只',
  '台',
  '台架',
  '套',
  '颗',
  '座',
  '处',
  '支',
  '批',
  '条',
  '张',
  '次',
  '篇',
]);

/**
 * What an indicator's kind and unit say about its figures, read once per indicator: an upload checks
 * 100,000 figures of a few dozen indicators, and parsing the unit for each was a tenth of its preview.
 */
interface Traits {
  share: boolean;
  yesNo: boolean;
  count: boolean;
}
const traitsOf = new WeakMap<CheckedIndicator, Traits>();
function traits(i: CheckedIndicator): Traits {
  let found = traitsOf.get(i);
  if (!found) {
    const key = unitKey(i.unit);
    const u = parseUnit(i.unit);
    found = {
      share: i.kind === 'share' || key === '%',
      yesNo: key === '是/否',
      // Counted in whole things (家, 件, 人 …), not in 万人 or 名/项.
      count: (i.kind === 'stock' || i.kind === 'flow') && u.exp === 0 && COUNT_BASES.has(u.base),
    };
    traitsOf.set(i, found);
  }
  return found;
}
const isShare = (i: CheckedIndicator) => traits(i).share;
const isYesNo = (i: CheckedIndicator) => traits(i).yesNo;
/** Counted in whole things (家, 件, 人 …), not in 万人 or 名/项. */
export function isCount(i: CheckedIndicator): boolean {
  return traits(i).count;
}

/** A number as a message shows it: no float noise (2.1, not 2.1000000000000005). */
export function shown(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** "0.74%", "84家", "15.3亿元" / "0.74%", "84 firms", "15.3 100 million yuan". */
function amount(n: number, i: CheckedIndicator): Message {
  if (isShare(i)) return { zh: `${shown(n)}%`, en: `${shown(n)}%` };
  return { zh: `${shown(n)}${i.unit}`, en: `${shown(n)} ${i.unitEn}` };
}

/** "2021年已公布的 0.74%" / "the published 2021 figure of 0.74%"; a file's: "本文件第15行2021年的 100件". */
function describe(c: ComparedFigure, i: CheckedIndicator): Message {
  const v = amount(c.value, i);
  return c.from === 'published'
    ? { zh: `${c.year}年已公布的 ${v.zh}`, en: `the published ${c.year} figure of ${v.en}` }
    : { zh: `本文件第${c.row}行${c.year}年的 ${v.zh}`, en: `the ${c.year} figure of ${v.en} in row ${c.row} of this file` };
}

/**
 * The figure to compare with: the latest published real figure of this year or before, or the same
 * file's figure of a later year than that (still before this one). `later` is the nearest published
 * figure after the year, for the checks that do not depend on order.
 */
export function comparedFigures(
  year: number,
  stored: Iterable<StoredFigure>,
  inFile: Iterable<FileFigure> = [],
): { earlier: ComparedFigure | null; later: ComparedFigure | null } {
  // The nearest figures are found first and made into ComparedFigures once: an upload compares
  // 100,000 figures with some fifteen years each, and an object per year looked at was garbage.
  let earlier: StoredFigure | null = null;
  let later: StoredFigure | null = null;
  for (const f of stored) {
    if (f.isSample || f.value === null) continue;
    if (f.year <= year && (earlier === null || f.year > earlier.year)) earlier = f;
    if (f.year > year && (later === null || f.year < later.year)) later = f;
  }
  let fromFile: FileFigure | null = null;
  let earlierYear = earlier === null ? Number.NEGATIVE_INFINITY : earlier.year;
  for (const f of inFile) {
    if (f.value === null || f.year >= year) continue;
    // At the same year the file's figure wins: it is about to replace the stored one.
    if (f.year >= earlierYear) {
      fromFile = f;
      earlierYear = f.year;
    }
  }
  const published = (f: StoredFigure | null): ComparedFigure | null =>
    f === null ? null : { year: f.year, value: f.value as number, from: 'published', row: null };
  return {
    earlier: fromFile
      ? { year: fromFile.year, value: fromFile.value as number, from: 'file', row: fromFile.row }
      : published(earlier),
    later: published(later),
  };
}

/** Checks one figure against its indicator and the figures around it. Errors only, when there is one. */
export function checkFigure(input: FigureCheckInput): FigureFinding[] {
  const { indicator: ind, value: v } = input;
  if (v === null || !Number.isFinite(v)) return [];
  const at = (m: Message) => (input.where ? placed(input.where, m) : m);
  const name = { zh: `“${ind.nameZh}”`, en: `“${ind.nameEn}”` };

  // ---- errors: cannot be true --------------------------------------------------------------------
  const errors: FigureFinding[] = [];
  const error = (code: FigureCheckCode, message: Message) => errors.push({ code, severity: 'error', message: at(message) });
  if (isShare(ind)) {
    if (v < 0 || v > 100) {
      error('share_out_of_range', {
        zh: `比例 ${shown(v)}% 不在0–100%之间；请填写百分数，如 2.6 表示2.6%`,
        en: `the share ${shown(v)}% is not between 0 and 100%; write a percentage, such as 2.6 for 2.6%`,
      });
    }
  } else if ((ind.kind === 'stock' || ind.kind === 'flow') && !isYesNo(ind)) {
    if (v < 0) {
      error('negative_value', {
        zh: `${name.zh}是数量，不能为负数，填写的是 ${shown(v)}；请核对数值`,
        en: `${name.en} is a quantity and cannot be negative (found ${shown(v)}); check the figure`,
      });
    }
    if (isCount(ind) && !Number.isInteger(v)) {
      error('fractional_count', {
        zh: `${name.zh}以${ind.unit}计数，应为整数，填写的是 ${shown(v)}；请核对数值和单位`,
        en: `${name.en} counts whole ${ind.unitEn}, so it must be a whole number (found ${shown(v)}); check the figure and its unit`,
      });
    }
  }
  if (errors.length > 0) return errors;

  // ---- warnings: probably wrong -----------------------------------------------------------------
  const warnings: FigureFinding[] = [];
  const warn = (code: FigureCheckCode, message: Message, extra: Partial<FigureFinding> = {}) =>
    warnings.push({ code, severity: 'warning', message: at(message), ...extra });
  if (isYesNo(ind)) return warnings;

  const { earlier, later } = comparedFigures(input.year, input.stored, input.inFile);
  const near = earlier ?? later;
  // Worded only when a finding needs it: most figures make none.
  let worded: Message | undefined;
  const value = {
    get zh() {
      worded ??= amount(v, ind);
      return worded.zh;
    },
    get en() {
      worded ??= amount(v, ind);
      return worded.en;
    },
  };
  let explained = false;

  // A share typed as a fraction: 0.021 for 2.1%. Only where the figure compared with says so (or,
  // with none, where only the hundredfold value is inside the plausible range): 0.5% is a real R&D
  // intensity for a poor county.
  if (isShare(ind) && v > 0 && v < 1) {
    const hundredfold = v * 100;
    const fits = near
      ? near.value > 0 && hundredfold / near.value <= JUMP_FACTOR && hundredfold / near.value >= 1 / JUMP_FACTOR
      : ind.plausibleMin !== null && v < ind.plausibleMin && hundredfold <= (ind.plausibleMax ?? 100);
    if (fits) {
      explained = true;
      const likely = Number(hundredfold.toPrecision(12));
      const c = near ? describe(near, ind) : null;
      warn(
        'share_as_fraction',
        {
          zh: `${value.zh} 像是把比例填成了小数${c ? `（对比${c.zh}）` : ''}；若指 ${shown(likely)}%，请填写 ${shown(likely)}`,
          en: `${value.en} looks like a share typed as a fraction${c ? ` (compared with ${c.en})` : ''}; if ${shown(likely)}% is meant, write ${shown(likely)}`,
        },
        { likely, ...(near ? { comparedWith: near } : {}) },
      );
    }
  }

  // A unit slip: about 10⁴ or 10⁸ times the figure compared with, or that fraction of it.
  if (!isShare(ind) && near && near.value > 0 && v > 0) {
    const power = Math.log10(v / near.value);
    const slip = UNIT_SLIPS.find((k) => Math.abs(Math.abs(power) - Math.log10(k)) < SLIP_TOLERANCE);
    if (slip !== undefined) {
      explained = true;
      const up = power > 0;
      const likely = Number((up ? v / slip : v * slip).toPrecision(12));
      const times =
        slip === 1e4
          ? { zh: up ? '1万倍' : '万分之一', en: up ? 'about 10,000×' : 'about 1/10,000 of' }
          : { zh: up ? '1亿倍' : '亿分之一', en: up ? 'about 100,000,000×' : 'about 1/100,000,000 of' };
      // Money is where this happens (万元 / 亿元 / 元); elsewhere a 万 prefix is what went wrong.
      const hint =
        parseUnit(ind.unit).base === '元'
          ? { zh: '万元与元、亿元', en: '10,000 yuan vs yuan or 100 million yuan' }
          : { zh: '是否漏写或多写了“万”“亿”', en: 'a 10,000 or 100 million prefix missed or added' };
      const c = describe(near, ind);
      const l = amount(likely, ind);
      warn(
        'looks_like_wrong_unit',
        {
          zh: `${value.zh} 约为${c.zh}的${times.zh}，单位可能有误（${hint.zh}？）；是否应为 ${l.zh}？`,
          en: `${value.en} is ${times.en} ${c.en}; is the unit wrong (${hint.en})? Did you mean ${l.en}?`,
        },
        { likely, comparedWith: near },
      );
    }
  }

  // A unit slip with nothing to compare with: 10⁴ times the plausible range, and inside it divided by 10⁴.
  const rangeMax = ind.plausibleMax;
  if (!explained && !near && !isShare(ind) && rangeMax !== null && v > rangeMax) {
    const likely = Number((v / 1e4).toPrecision(12));
    if (likely <= rangeMax && likely >= (ind.plausibleMin ?? 0)) {
      explained = true;
      const l = amount(likely, ind);
      warn(
        'looks_like_wrong_unit',
        {
          zh: `${value.zh} 约为${name.zh}合理上限的1万倍以上，单位可能有误（万元与元？）；是否应为 ${l.zh}？`,
          en: `${value.en} is about 10,000× the plausible range of ${name.en}; is the unit wrong (10,000 yuan vs yuan)? Did you mean ${l.en}?`,
        },
        { likely },
      );
    }
  }

  // A jump against the last published figure (or the file's own earlier year).
  if (!explained && earlier && earlier.value > 0 && v >= 0) {
    const ratio = v / earlier.value;
    if (ratio > JUMP_FACTOR || ratio < 1 / JUMP_FACTOR) {
      const c = describe(earlier, ind);
      const up = ratio > JUMP_FACTOR;
      const by = up ? shown(Math.round(ratio * 10) / 10) : shown(Math.round((1 - ratio) * 1000) / 10);
      warn(
        'implausible_jump',
        up
          ? {
              zh: `${value.zh} 是${c.zh}的 ${by} 倍；请核对数值和单位`,
              en: `${value.en} is ${by}× ${c.en}; check the figure and its unit`,
            }
          : {
              zh: `${value.zh} 比${c.zh}下降 ${by}%；请核对数值和单位`,
              en: `${value.en} is ${by}% below ${c.en}; check the figure and its unit`,
            },
        { comparedWith: earlier },
      );
    }
  }

  // Outside the indicator's plausible range: a judgement, so a warning (see the top of this file).
  if (!explained) {
    const min = ind.plausibleMin;
    const max = ind.plausibleMax;
    const range = `${min === null ? '' : shown(min)}–${max === null ? '' : shown(max)}${isShare(ind) ? '%' : ''}`;
    if (max !== null && v > max) {
      warn('outside_plausible_range', {
        zh: `${value.zh} 高于${name.zh}的合理上限 ${amount(max, ind).zh}，合理范围为 ${range}；请核对数值和单位`,
        en: `${value.en} is above the plausible maximum of ${amount(max, ind).en} for ${name.en} (plausible range ${range}); check the figure and its unit`,
      });
    } else if (min !== null && v < min) {
      warn('outside_plausible_range', {
        zh: `${value.zh} 低于${name.zh}的合理下限 ${amount(min, ind).zh}，合理范围为 ${range}；请核对数值和单位`,
        en: `${value.en} is below the plausible minimum of ${amount(min, ind).en} for ${name.en} (plausible range ${range}); check the figure and its unit`,
      });
    }
  }
  if (input.review) {
    const jumped = warnings.some((w) => w.code === 'implausible_jump' || w.code === 'looks_like_wrong_unit');
    for (const f of reviewRules({
      indicator: ind,
      value: v,
      previous: earlier,
      alreadyJumped: jumped,
      related: input.review.related,
    }))
      warn(f.code, f.message);
  }
  return warnings;
}
