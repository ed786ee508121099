import type {
  JudgedFigures,
  MilestoneVerdict,
  Pace,
  ProgressBadge,
  ProgressFlag,
  ProgressResult,
  ProgressRollup,
  ProgressStatus,
} from '../api/types.js';
import type { Lang } from '../i18n/lang.js';
import { formatNumber, formatQuantity, joinUnit } from './numbers.js';
import { fill, phrases } from './phrases.js';

/**
 * Progress verdicts in words: statuses, paces, flags and the plan's roll-up, in Chinese or English.
 * Pure: the components only place these strings and draw the icons named here.
 */

/** Every status, best first, then those that are not a judgement (the order of the summary bar). */
export const PROGRESS_STATUSES: readonly ProgressStatus[] = [
  'achieved',
  'met_late',
  'on_track',
  'accelerate',
  'limited',
  'moving_away',
  'missed',
  'insufficient_data',
  'no_data',
  'not_assessable',
];

/** The statuses that judge a target; the other three say why it cannot be judged yet. */
export const JUDGED_STATUSES: readonly ProgressStatus[] = PROGRESS_STATUSES.slice(0, 7);

export function isJudged(status: ProgressStatus): boolean {
  return JUDGED_STATUSES.includes(status);
}

/**
 * The shape that stands beside each status's word, so that it reads without colour:
 * a tick for done, a tick with a clock hand for done late, arrows for the direction of travel, a cross for missed, a single dot for a single
 * data point, an empty ring for no data, a barred ring for what cannot be judged.
 */
export type StatusIcon =
  | 'check'
  | 'check_late'
  | 'arrow_right'
  | 'arrow_up_right'
  | 'wave'
  | 'arrow_down_right'
  | 'cross'
  | 'dot'
  | 'ring'
  | 'slash';

const ICONS: Record<ProgressStatus, StatusIcon> = {
  achieved: 'check',
  met_late: 'check_late',
  on_track: 'arrow_right',
  accelerate: 'arrow_up_right',
  limited: 'wave',
  moving_away: 'arrow_down_right',
  missed: 'cross',
  insufficient_data: 'dot',
  no_data: 'ring',
  not_assessable: 'slash',
};

/** The text form of each icon, for places that print rather than draw (and for a copied table). */
const GLYPHS: Record<StatusIcon, string> = {
  check: '✓',
  check_late: '(✓)',
  arrow_right: '→',
  arrow_up_right: '↗',
  wave: '∿',
  arrow_down_right: '↘',
  cross: '✕',
  dot: '•',
  ring: '○',
  slash: '⊘',
};

export interface StatusPresentation {
  status: ProgressStatus;
  label: string;
  icon: StatusIcon;
  glyph: string;
}

export function describeStatus(status: ProgressStatus, lang: Lang): StatusPresentation {
  const icon = ICONS[status];
  return { status, label: phrases(lang).progress.status[status], icon, glyph: GLYPHS[icon] };
}

/**
 * What a verdict rests on, for the place it is shown: null when it rests on published figures only;
 * otherwise the short label beside the status ("示例数据") and the years in words ("判断依据含示例数据
 * （2013–2016、2018–2020年）").
 */
export function describeBasis(
  result: Pick<ProgressResult, 'basis' | 'sampleFigures'>,
  lang: Lang,
): { label: string; text: string } | null {
  if (result.basis !== 'sample') return null;
  const p = phrases(lang).progress.basis;
  const years = (result.sampleFigures ?? []).map((f) => f.year);
  return { label: p.label, text: years.length > 0 ? fill(p.sample, { years: formatYears(years, lang) }) : p.samplePlain };
}

/** "仅按公布数据：逾期达成" / "On published figures alone: met late"; null when the verdict needs none. */
export function describePublishedOnly(result: Pick<ProgressResult, 'publishedOnly'>, lang: Lang): string | null {
  if (!result.publishedOnly) return null;
  return fill(phrases(lang).progress.basis.publishedOnly, { status: phrases(lang).progress.status[result.publishedOnly.status] });
}

/** A milestone's verdict: "已达成（实际 18 亿立方米）" / "Achieved (actual 18 × 100 million m³)". */
export function describeMilestoneVerdict(verdict: MilestoneVerdict, unit: string, lang: Lang): string {
  const p = phrases(lang).progress;
  const status = p.milestoneStatus[verdict.status];
  if (verdict.observed === null || verdict.status === 'pending') return status;
  return fill(p.milestoneObserved, { status, observed: formatQuantity(verdict.observed, unit, lang) });
}

/** The icon a milestone's verdict borrows from the target statuses. */
export function milestoneIcon(verdict: MilestoneVerdict): StatusIcon | null {
  return verdict.status === 'pending' ? null : ICONS[verdict.status];
}

/* ---------- Paces ---------- */

/** Digits a pace is shown with: a growth rate to 0.1%, a share to 0.01 percentage points, a count to 0.1. */
const PACE_DIGITS: Record<Pace['unit'], number> = { percent_per_year: 1, points_per_year: 2, units_per_year: 1 };

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  return Math.sign(value) * rounded;
}

/**
 * A pace in words. `required`: "需年均增长 12.3%" / "+12.3% a year needed"; `achieved`: "年均增长 17.7%" /
 * "+17.7% a year". A count takes the indicator's unit ("需年均增加 5 家" / "+5 firms a year needed"); a
 * negative pace reads 下降 / 降低 / 减少 and "−". A pace that rounds to zero says so in words.
 */
export function formatPace(pace: Pick<Pace, 'value' | 'unit'>, unit: string, kind: 'required' | 'achieved', lang: Lang): string {
  const p = phrases(lang).progress.pace;
  if (!Number.isFinite(pace.value)) return phrases(lang).progress.score.none;
  const value = roundTo(pace.value, PACE_DIGITS[pace.unit]);
  if (value === 0) return kind === 'required' ? p.requiredFlat : p.achievedFlat;
  const magnitude = Math.abs(value);
  const amount =
    pace.unit === 'percent_per_year'
      ? joinUnit(formatNumber(magnitude, lang), '%')
      : pace.unit === 'points_per_year'
        ? formatNumber(magnitude, lang)
        : formatQuantity(magnitude, unit, lang);
  const change = fill((value > 0 ? p.up : p.down)[pace.unit], { amount });
  return fill(kind === 'required' ? p.required : p.achieved, { change });
}

/** The years a pace covers: "2017–2020年" / "2017–2020". */
export function formatPacePeriod(pace: Pick<Pace, 'fromYear' | 'toYear'>, lang: Lang): string {
  const p = phrases(lang).progress.pace;
  return pace.fromYear === pace.toYear
    ? fill(phrases(lang).year, { year: pace.toYear })
    : fill(p.period, { from: pace.fromYear, to: pace.toYear });
}

/* ---------- Flags ---------- */

/**
 * Years as a list, runs of three or more shortened to a span:
 * [2015, 2016] → "2015、2016" / "2015, 2016"; [2013, 2014, 2015, 2017] → "2013–2015、2017".
 */
export function formatYears(years: readonly number[], lang: Lang): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    const from = sorted[i] as number;
    const to = sorted[j] as number;
    if (j - i >= 2) parts.push(`${from}–${to}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(phrases(lang).progress.list.separator);
}

export interface FlagPresentation {
  code: ProgressFlag['code'];
  text: string;
  /** shown as a warning in its own right, not as a small note: a target that is probably misprinted */
  prominent: boolean;
}

/**
 * A flag in plain words with the years or values that raised it. `unit` is the indicator's unit in
 * the same language, for the values.
 */
export function describeFlag(flag: ProgressFlag, unit: string, lang: Lang): FlagPresentation {
  const p = phrases(lang).progress.flag;
  const years = flag.years ?? [];
  const values = flag.values ?? [];
  const quantity = (value: number) => formatQuantity(value, unit, lang);
  const withYears = (template: string, plain: string) =>
    years.length > 0 ? fill(template, { years: formatYears(years, lang) }) : plain;

  switch (flag.code) {
    case 'data_gap':
      return { code: flag.code, text: withYears(p.data_gap, p.dataGapPlain), prominent: false };
    case 'stale':
      return { code: flag.code, text: withYears(p.stale, p.stalePlain), prominent: false };
    case 'sample_data':
      return { code: flag.code, text: withYears(p.sample_data, p.samplePlain), prominent: false };
    case 'revised':
      return { code: flag.code, text: withYears(p.revised, p.revisedPlain), prominent: false };
    case 'implausible_value': {
      let text: string;
      if (values.length > 0 && values.length === years.length) {
        const pairs = values.map((value, i) => fill(p.valueInYear, { value: quantity(value), year: years[i] as number }));
        text = fill(p.implausible_value, { values: pairs.join(phrases(lang).progress.list.separator) });
      } else if (years.length > 0) {
        text = fill(p.implausibleValueYears, { years: formatYears(years, lang) });
      } else {
        text = fill(p.implausible_value, { values: values.map(quantity).join(phrases(lang).progress.list.separator) });
      }
      return { code: flag.code, text, prominent: false };
    }
    case 'implausible_target': {
      // The engine's suggestion always corrects the last value it lists: the one printed figure, or the
      // later of two milestones that jump more than 5× ("16 → 255"), whose year is then named.
      const printed = values.at(-1);
      let text: string;
      if (printed === undefined) text = p.implausibleTargetPlain;
      else if (flag.suggestedValue === undefined) text = fill(p.implausibleTargetUnsure, { printed: quantity(printed) });
      else if (values.length > 1 && years.length === values.length)
        text = fill(p.implausibleTargetInYear, {
          printed: quantity(printed),
          suggested: quantity(flag.suggestedValue),
          year: years.at(-1) as number,
        });
      else text = fill(p.implausible_target, { printed: quantity(printed), suggested: quantity(flag.suggestedValue) });
      return { code: flag.code, text, prominent: true };
    }
  }
}

/** The misprinted-target warning first: it changes how everything else on the card is read. */
export function describeFlags(flags: readonly ProgressFlag[], unit: string, lang: Lang): FlagPresentation[] {
  const described = flags.map((flag) => describeFlag(flag, unit, lang));
  return [...described.filter((f) => f.prominent), ...described.filter((f) => !f.prominent)];
}

export function describeBadge(badge: ProgressBadge, lang: Lang): string {
  return phrases(lang).progress.badge[badge];
}

/* ---------- The figure judged, outlook confidence and cumulative totals ---------- */

/** The latest figure the judgement used (up to the as-of year); null when it used none. */
export function judgedObservation(result: UsedFigures): { year: number; value: number; isSample: boolean } | null {
  if ('judged' in result) return result.judged.latest;
  for (let i = result.inputs.observations.length - 1; i >= 0; i--) {
    const o = result.inputs.observations[i];
    if (o && o.value !== null && Number.isFinite(o.value)) return { year: o.year, value: o.value, isSample: o.isSample };
  }
  return null;
}

/**
 * What a verdict says of the figures it used: the whole series (`inputs`, the target page's full
 * judgement) or their brief (`judged`, the plan page's list: /api/plans/:id/progress/summary).
 */
export type UsedFigures = Pick<ProgressResult, 'inputs'> | { judged: JudgedFigures };

/** How many of the figures used have a value. */
function figureCount(result: UsedFigures): number {
  if ('judged' in result) return result.judged.figureCount;
  return result.inputs.observations.filter((o) => o.value !== null).length;
}

/** Why an outlook is of low confidence; null when it is not. */
export function describeConfidence(
  result: Pick<ProgressResult, 'confidence'> & UsedFigures,
  lang: Lang,
): { label: string; why: string } | null {
  if (result.confidence !== 'low_confidence') return null;
  const p = phrases(lang).progress.confidence;
  const points = figureCount(result);
  // The method marks 2–3 points as low confidence; any other count is stated without a number.
  const why = points >= 2 && points <= 3 ? fill(p.lowWhy, { count: points }) : p.lowWhyPlain;
  return { label: p.low, why };
}

/** "累计 66 家，应达 70 家" / "66 firms so far, against 70 required". */
export function describeCumulative(cumulative: { actual: number; required: number }, unit: string, lang: Lang): string {
  return fill(phrases(lang).progress.cumulative, {
    actual: formatQuantity(cumulative.actual, unit, lang),
    required: formatQuantity(cumulative.required, unit, lang),
  });
}

/* ---------- The plan's roll-up ---------- */

/** A score on the −5…+5 scale with its sign, to one decimal: "+0.6", "−1.2", "0"; "—" when none. */
export function formatScore(score: number | null, lang: Lang): string {
  if (score === null || !Number.isFinite(score)) return phrases(lang).progress.score.none;
  const rounded = roundTo(score, 1);
  if (rounded === 0) return formatNumber(0, lang);
  const text = formatNumber(Math.abs(rounded), lang);
  return rounded > 0 ? `+${text}` : `−${text}`;
}

export interface MeanScoreParts {
  label: string;
  score: string;
  range: string;
}

/** The headline figure in parts, so the number can be set large: "平均得分" "−1.2" "（−5 至 +5）". */
export function meanScoreParts(score: number | null, lang: Lang): MeanScoreParts {
  const p = phrases(lang).progress.score;
  return { label: p.label, score: formatScore(score, lang), range: p.range };
}

/** "平均得分 −1.2（−5 至 +5）" / "Mean score −1.2 (−5 to +5)". */
export function formatMeanScore(score: number | null, lang: Lang): string {
  const { label, score: value, range } = meanScoreParts(score, lang);
  // Chinese full-width brackets sit tight against the number; English puts a space before "(".
  return lang === 'en' ? `${label} ${value} ${range}` : `${label} ${value}${range}`;
}

export interface SummarySegment {
  status: ProgressStatus;
  count: number;
  /** 0–1 of all targets */
  share: number;
}

export interface RollupSummary {
  /** every status in PROGRESS_STATUSES order, zeros included */
  segments: SummarySegment[];
  total: number;
  judged: number;
  notJudged: number;
  /** "已评估 6 项，共 59 项" / "6 of 59 targets judged" */
  judgedText: string;
  /** "53 项暂无法评估（…）"; "全部目标均已评估" when none is left */
  notJudgedText: string;
  /** "其中 2 项依据公布数据，4 项依据示例数据"; null when nothing is judged */
  basisText: string | null;
  /** the mean score is the headline: at least half the targets are judged */
  scoreIsHeadline: boolean;
  /** "平均得分仅基于 6 项已评估目标（共 59 项），不足半数，不作为总体结论" when it is not */
  scoreCaveat: string | null;
}

/**
 * The counts per status for the summary bar. The total is the sum of the counts (what the bar
 * shows), which the API keeps equal to `targetCount`; a status the API leaves out counts as zero.
 */
export function summariseRollup(
  rollup: Pick<ProgressRollup, 'counts'> &
    Partial<Pick<ProgressRollup, 'judgedOnPublished' | 'judgedOnSample' | 'meanScoreIsHeadline'>>,
  lang: Lang,
): RollupSummary {
  const p = phrases(lang).progress.summary;
  const counts = PROGRESS_STATUSES.map((status) => {
    const count = rollup.counts[status];
    return { status, count: Number.isFinite(count) && count > 0 ? count : 0 };
  });
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const judged = counts.filter((c) => isJudged(c.status)).reduce((sum, c) => sum + c.count, 0);
  const notJudged = total - judged;
  // A mean over fewer than half the targets is no headline for the plan (the API says the same).
  const scoreIsHeadline = rollup.meanScoreIsHeadline ?? (judged > 0 && judged * 2 >= total);
  return {
    segments: counts.map((c) => ({ ...c, share: total === 0 ? 0 : c.count / total })),
    total,
    judged,
    notJudged,
    judgedText: fill(p.judged, { judged, total }),
    notJudgedText: notJudged === 0 ? p.allJudged : fill(p.notJudged, { count: notJudged }),
    basisText:
      judged === 0 ? null : fill(p.basis, { published: rollup.judgedOnPublished ?? judged, sample: rollup.judgedOnSample ?? 0 }),
    scoreIsHeadline,
    scoreCaveat: scoreIsHeadline || judged === 0 ? null : fill(p.scoreCaveat, { judged, total }),
  };
}

/* ---------- A target's status and the year it is judged as of ---------- */

/**
 * A target's status as shown beside it. A qualitative deliverable (a yes/no target) with nothing
 * recorded reads 未录入 / "Not recorded": it is not that the target does not apply, only that nobody
 * has entered whether it was done.
 */
export function describeTargetStatus(
  result: Pick<ProgressResult, 'status'> &
    ({ inputs: { observations: readonly { value: number | null }[] } } | { judged: Pick<JudgedFigures, 'figureCount'> }),
  yesNo: boolean,
  lang: Lang,
): StatusPresentation {
  const presentation = describeStatus(result.status, lang);
  const recorded = 'judged' in result ? result.judged.figureCount > 0 : result.inputs.observations.some((o) => o.value !== null);
  if (result.status === 'not_assessable' && yesNo && !recorded) {
    return { ...presentation, label: phrases(lang).progress.unrecorded };
  }
  return presentation;
}

/**
 * The year a verdict is given as of ("2021年"), and, when that is after the target year, why a later
 * year is shown: the verdict still rests on the target year's figure, or on the nearest one when the
 * target year has none. Null when the verdict has no year.
 */
export function describeJudgedYear(
  result: Pick<ProgressResult, 'asOf'> & UsedFigures,
  targetYear: number | null,
  lang: Lang,
): { year: string; why: string | null } | null {
  if (result.asOf === null) return null;
  const year = fill(phrases(lang).year, { year: result.asOf });
  if (targetYear === null || result.asOf <= targetYear) return { year, why: null };
  const p = phrases(lang).progress.judgedYear;
  const judged = judgedObservation(result);
  if (judged === null) return { year, why: fill(p.none, { target: targetYear }) };
  if (judged.year === targetYear) return { year, why: fill(p.passed, { target: targetYear }) };
  return { year, why: fill(p.other, { target: targetYear, year: judged.year }) };
}
