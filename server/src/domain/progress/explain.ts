import { multipliedOut } from '../quantity.js';
import { round } from './series.js';
import type { Pace, ProgressObservation, ProgressResult, ProgressTarget, Status } from './types.js';

// One sentence (or two) in each language that a statistician can read aloud to a leader, and redo:
// every figure it quotes is the figure the verdict used, for the year it names; a sample figure is
// always quoted with its label; an open verdict gives the projection and the outlook, not only paces.
// Numbers are rounded for reading; the exact figures are in the result's inputs.

const WINDOW = 5;

const digitsFor = (x: number): number => {
  const abs = Math.abs(x);
  return abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
};

export function num(x: number): string {
  return String(round(x, digitsFor(x)));
}

/**
 * A figure with its English unit: "2.5%", "80 firms", and a unit that is itself a number multiplied
 * out ("410 million yuan" for 4.1 亿元, never "4.1 100 million yuan").
 */
export function quantityEn(x: number, unitEn: string): string {
  if (unitEn === '%') return `${num(x)}%`;
  return multipliedOut(x, unitEn, digitsFor(x)) ?? `${num(x)}${unitEn ? ` ${unitEn}` : ''}`;
}

const STATUS_WORDS: Record<Status, { zh: string; en: string }> = {
  achieved: { zh: '已达成', en: 'achieved' },
  met_late: { zh: '逾期达成', en: 'met late' },
  on_track: { zh: '按进度', en: 'on track' },
  accelerate: { zh: '需加快', en: 'needs to accelerate' },
  limited: { zh: '进展有限', en: 'limited progress' },
  moving_away: { zh: '倒退', en: 'moving away' },
  missed: { zh: '未达成', en: 'missed' },
  insufficient_data: { zh: '数据不足', en: 'insufficient data' },
  no_data: { zh: '无数据', en: 'no data' },
  not_assessable: { zh: '不适用', en: 'not assessable' },
};

/** Years as runs: [2013, 2014, 2015, 2018] → "2013–2015、2018" / "2013–2015, 2018". */
function yearRuns(list: readonly number[], lang: 'zh' | 'en'): string {
  const sorted = [...new Set(list)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return runs.join(lang === 'zh' ? '、' : ', ');
}

function comparatorSymbol(target: ProgressTarget): string {
  return { at_least: '≥', at_most: '≤', about: '≈', exactly: '=' }[target.comparator];
}

function paceZh(p: Pace, unitZh: string): string {
  const v = num(Math.abs(p.value));
  const up = p.value >= 0;
  if (p.unit === 'percent_per_year') return `${up ? '增长' : '下降'} ${v}% `;
  if (p.unit === 'points_per_year') return `${up ? '提高' : '降低'} ${v} 个百分点`;
  return `${up ? '增加' : '减少'} ${v}${unitZh}`;
}

function paceEn(p: Pace, unitEn: string): string {
  const sign = p.value >= 0 ? '+' : '−';
  const v = num(Math.abs(p.value));
  if (p.unit === 'percent_per_year') return `${sign}${v}% a year`;
  if (p.unit === 'points_per_year') return `${sign}${v} percentage points a year`;
  return `${sign}${quantityEn(Math.abs(p.value), unitEn)} a year`;
}

/**
 * The sentence that follows a verdict resting on sample figures: what the published ones alone say,
 * with the figure that decides it where there is a verdict.
 */
export function publishedOnlySentence(target: ProgressTarget, alone: ProgressResult): { zh: string; en: string } {
  const used = alone.inputs.observations.filter((o) => o.value !== null);
  // A deliverable with no published outcome: nothing recorded, not "does not apply" (the web's 未录入).
  const unrecorded = alone.status === 'not_assessable' && target.type === 'milestone' && target.value === null;
  const w = unrecorded ? { zh: '未录入', en: 'not recorded' } : STATUS_WORDS[alone.status];
  if (used.length === 0) return { zh: `仅按公布数据：${w.zh}。`, en: `On published figures alone: ${w.en}.` };
  const years = used.map((o) => o.year);
  const last = used[used.length - 1] as ProgressObservation;
  const decided = ['achieved', 'met_late', 'missed'].includes(alone.status) && target.type !== 'milestone';
  return {
    zh: `仅按公布数据（${yearRuns(years, 'zh')}年）：${w.zh}${decided ? `，${last.year}年为${num(last.value ?? 0)}${target.unitZh}` : ''}。`,
    en: `On published figures alone (${yearRuns(years, 'en')}): ${w.en}${decided ? `, ${last.year}: ${quantityEn(last.value ?? 0, target.unitEn)}` : ''}.`,
  };
}

export function explain(target: ProgressTarget, r: ProgressResult): { zh: string; en: string } {
  const body = sentence(target, r);
  if (r.basis !== 'sample') return body;
  const years = r.sampleFigures.map((f) => f.year);
  return {
    zh: `${body.zh}判断依据含示例数据（${yearRuns(years, 'zh')}年），并非公布数字。`,
    en: `${body.en} This verdict rests on sample figures (${yearRuns(years, 'en')}), not published ones.`,
  };
}

function sentence(target: ProgressTarget, r: ProgressResult): { zh: string; en: string } {
  const uz = target.unitZh;
  const ue = (x: number) => quantityEn(x, target.unitEn);
  const sym = comparatorSymbol(target);
  const used = r.inputs.observations.filter((o) => o.value !== null);
  const latest = used.at(-1);
  const T = target.targetYear;
  // A figure as quoted: its year, its value, and its label when it is a sample one.
  const figZh = (o: Pick<ProgressObservation, 'year' | 'value' | 'isSample'>) =>
    `${o.year}年为${num(o.value ?? 0)}${uz}${o.isSample ? '（示例数据）' : ''}`;
  const figEn = (o: Pick<ProgressObservation, 'year' | 'value' | 'isSample'>) =>
    `${o.year}: ${ue(o.value ?? 0)}${o.isSample ? ' (sample)' : ''}`;

  switch (r.status) {
    case 'not_assessable':
      if (r.outlookReason === 'figures_out_of_range')
        return {
          zh: '数值过大，超出可计算范围，无法评估。',
          en: 'The figures are too large to compute with; it cannot be judged.',
        };
      if (target.valueUnknown || target.targetYear === null)
        return {
          zh: '目标值在原文中被遮蔽，无法评估。',
          en: 'The target value is masked in the source document; it cannot be judged.',
        };
      if (r.outlookReason === 'no_target_value')
        return {
          zh: '目标未给出可比较的数值，无法评估。',
          en: 'The target gives no value to compare with; it cannot be judged.',
        };
      return {
        zh: '定性目标，尚无完成情况记录，无法评估。',
        en: 'A qualitative deliverable with no recorded outcome yet; it cannot be judged.',
      };
    case 'no_data':
      return r.asOf === null
        ? { zh: '暂无观测数据。', en: 'No figures yet.' }
        : { zh: `截至${r.asOf}年无观测数据。`, en: `No figures up to ${r.asOf}.` };
    default:
      break;
  }

  if (target.type === 'milestone') {
    const done = used.find((o) => (o.value ?? 0) >= 1);
    const decisive = used.find((o) => o.year >= (T ?? 0));
    if (r.status === 'achieved')
      return {
        zh: `已完成：${done?.year}年记录为完成（目标年${T}年）。`,
        en: `Delivered: recorded done in ${done?.year} (due ${T}).`,
      };
    if (r.status === 'met_late')
      return {
        zh: `逾期完成：${T}年到期，${done?.year}年记录为完成。`,
        en: `Delivered late: due ${T}, recorded done in ${done?.year}.`,
      };
    return {
      zh: `未完成：${T}年到期，${decisive?.year}年记录为未完成。`,
      en: `Missed: due ${T}; recorded not done in ${decisive?.year}.`,
    };
  }

  if (target.type === 'per_year' || target.type === 'benchmark') return yearByYear(target, r, sym, uz, ue);
  if (target.type === 'cumulative') return cumulative(target, r, sym, uz, ue);

  const goal = r.checkpoint?.value ?? r.inputs.targetValue;
  const goalText = goal === null ? '' : `${sym}${num(goal)}${uz}`;
  const goalTextEn = goal === null ? '' : `${sym} ${ue(goal)}`;
  // In the "needs" sentence the target reads as a plain figure: "达到80户", "reach 80 firms".
  const plainZh = goal === null ? '' : `${num(goal)}${uz}`;
  const plainEn = goal === null ? '' : `${ue(goal)}`;
  const atT = used.find((o) => o.year === T);
  const after = used.find((o) => T !== null && o.year > T);
  const before = used.filter((o) => T !== null && o.year < T).at(-1);

  if (r.status === 'achieved' && latest) {
    if (r.outlookReason === 'judged_on_later_figure' && before && after)
      return {
        zh: `已达成：${figZh(before)}，目标${goalText}；目标年${T}年无数据，其后的${figZh(after)}，仍达到。`,
        en: `Achieved: ${figEn(before)}, target ${goalTextEn}; no figure for ${T}, and the next, ${figEn(after)}, still meets it.`,
      };
    if (r.outlookReason === 'met_before_target_year')
      return {
        zh: `已达成：${figZh(latest)}，目标${goalText}（目标年${T}年尚无数据）。`,
        en: `Achieved: ${figEn(latest)}, target ${goalTextEn} (no figure for ${T} yet).`,
      };
    const shown = atT ?? latest;
    return {
      zh: `已达成：${figZh(shown)}，目标${goalText}。`,
      en: `Achieved: ${figEn(shown)}, target ${goalTextEn}.`,
    };
  }
  if (r.status === 'met_late' && after) {
    const prevZh = before ? `，此前最近的${figZh(before)}` : '';
    const prevEn = before ? ` (the latest before it, ${figEn(before)})` : '';
    return {
      zh: `逾期达成：目标年${T}年无数据${prevZh}；${figZh(after)}，达到目标${goalText}。`,
      en: `Met late: no figure for ${T}, the target year${prevEn}; ${figEn(after)} meets the target of ${goalTextEn}.`,
    };
  }
  if (r.status === 'missed') {
    if (atT)
      return {
        zh: `未达成：目标年${T}年要求${goalText}，${figZh(atT)}。`,
        en: `Missed: the target for ${T} was ${goalTextEn}; ${figEn(atT)}.`,
      };
    if (after)
      return {
        zh: `未达成：目标年${T}年要求${goalText}，当年无数据；其后最早的${figZh(after)}，仍未达到。`,
        en: `Missed: the target for ${T} was ${goalTextEn}; no figure for ${T}, and the first later one, ${figEn(after)}, falls short.`,
      };
  }
  if (r.status === 'insufficient_data') {
    if (r.outlookReason === 'no_value_for_target_year' || r.outlookReason === 'no_value_by_target_year') {
      const lastZh = latest ? `（最近的数据：${figZh(latest)}）` : '';
      const lastEn = latest ? ` (latest: ${figEn(latest)})` : '';
      return {
        zh: `目标年${T}年已过，但${T}年及以后均无数据${lastZh}，无法判断是否达成。`,
        en: `The target year ${T} has passed with no figure for ${T} or later${lastEn}; whether it was met cannot be said.`,
      };
    }
    if (r.outlookReason === 'base_not_positive' && r.base)
      return {
        zh: `基期${r.base.year}年数值为${num(r.base.value)}${uz}，不是正数，无法按年均增长率推算目标水平。`,
        en: `The ${r.base.year} base is ${ue(r.base.value)}, not positive: a yearly growth rate cannot be compounded from it.`,
      };
    if (r.outlookReason === 'no_trend')
      return {
        zh: `${latest ? `${figZh(latest)}，` : ''}目标${goalText}；现有数据得不出趋势。`,
        en: `${latest ? `${figEn(latest)}, ` : ''}target ${goalTextEn}; the figures give no trend.`,
      };
    const needZh = r.requiredAnnualPace ? `需年均${paceZh(r.requiredAnnualPace, uz)}才能在${T}年达到${plainZh}；` : '';
    const needEn = r.requiredAnnualPace
      ? `Needs ${paceEn(r.requiredAnnualPace, target.unitEn)} to reach ${plainEn} by ${T}; `
      : '';
    return {
      zh: `${needZh}仅有${latest ? figZh(latest) : ''}一个数据点，尚不能判断趋势。`,
      en: `${needEn}only one figure${latest ? ` (${figEn(latest)})` : ''}, too few for a trend.`,
    };
  }

  // Open: the projection and the outlook in words, then the paces.
  const window = used.slice(-WINDOW);
  const from = window[0]?.year;
  const to = window.at(-1)?.year;
  const sampleInTrend = window.some((o) => o.isSample);
  const cy = r.checkpoint?.year ?? T;
  const milestone = r.checkpoint?.kind === 'milestone';
  let outlookZh = '';
  let outlookEn = '';
  if (r.projectedValue !== null && from !== undefined && to !== undefined) {
    const pct = r.outlook === null ? null : Math.round(r.outlook * 100);
    const targetBeyondBase = r.progressToDateReason !== 'target_not_beyond_base';
    const wayZh =
      pct === null || !targetBeyondBase || !r.base
        ? ''
        : pct >= 0
          ? `（预计完成${r.base.year}年以来所需变化的${pct}%）`
          : `（预计比${r.base.year}年更偏离目标）`;
    const wayEn =
      pct === null || !targetBeyondBase || !r.base
        ? ''
        : pct >= 0
          ? ` (${pct}% of the way from ${r.base.year})`
          : ` (further from it than in ${r.base.year})`;
    outlookZh = `按${from}–${to}年趋势${sampleInTrend ? '（含示例数据）' : ''}，${cy}年预计${num(r.projectedValue)}${uz}，${milestone ? '中期目标' : '目标'}${plainZh}${wayZh}；`;
    outlookEn = `On the ${from}–${to} trend${sampleInTrend ? ' (includes sample figures)' : ''}, ${cy} is projected at ${ue(r.projectedValue)} against ${milestone ? 'a milestone' : 'a target'} of ${plainEn}${wayEn}; `;
  }
  const need = r.requiredAnnualPace;
  const achieved = r.paceAchieved;
  const needZh = need ? `需年均${paceZh(need, uz)}才能在${cy}年达到${plainZh}` : `目标为${cy}年${goalText}`;
  const needEn = need ? `needs ${paceEn(need, target.unitEn)} to reach ${plainEn} by ${cy}` : `target: ${goalTextEn} by ${cy}`;
  const actualZh = achieved ? `；${achieved.fromYear}–${achieved.toYear}年实际年均${paceZh(achieved, uz).trimEnd()}` : '';
  const actualEn = achieved ? `; ${achieved.fromYear}–${achieved.toYear} actual: ${paceEn(achieved, target.unitEn)}` : '';
  const en = `${outlookEn}${needEn}${actualEn}.`;
  return { zh: `${outlookZh}${needZh}${actualZh}。`, en: en.charAt(0).toUpperCase() + en.slice(1) };
}

/** per_year and benchmark: every year judged, "met in k of n years", the latest year quoted. */
function yearByYear(
  target: ProgressTarget,
  r: ProgressResult,
  sym: string,
  uz: string,
  ue: (x: number) => string,
): { zh: string; en: string } {
  const bench = target.type === 'benchmark';
  const years = r.years;
  const benchSample = new Map(r.inputs.benchmark.map((b) => [b.year, b.isSample]));
  const ownSample = new Map(r.inputs.observations.map((o) => [o.year, o.isSample]));
  const headZh = bench ? '每年需达到基准地区同年水平' : `每年需${sym}${num(target.value ?? 0)}${uz}`;
  const headEn = bench
    ? "must reach the benchmark region's level of the same year, every year"
    : `needs ${sym} ${ue(target.value ?? 0)} every year`;
  const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
  if (years.length === 0) {
    const why =
      r.outlookReason === 'no_benchmark'
        ? {
            zh: '；有数据的年份均无同年基准数据，无法比较。',
            en: '; no year with a figure has a benchmark figure for the same year.',
          }
        : { zh: '；期内无数据。', en: '; no figures in the period.' };
    return { zh: `${headZh}${why.zh}`, en: `${cap(headEn)}${why.en}` };
  }
  const met = years.filter((y) => y.met).length;
  const notMet = years.filter((y) => !y.met).map((y) => y.year);
  const last = years[years.length - 1] as (typeof years)[number];
  const over = r.asOf !== null && target.targetYear !== null && r.asOf >= target.targetYear;
  const leads: Partial<Record<Status, [string, string]>> = {
    achieved: over ? ['已达成：', 'Achieved: '] : ['迄今已达成：', 'Achieved so far: '],
    missed: ['未达成：', 'Missed: '],
  };
  const [leadZh, leadEn] = leads[r.status] ?? ['', ''];
  const lastOwnZh = `${last.year}年为${num(last.value)}${uz}${ownSample.get(last.year) ? '（示例数据）' : ''}`;
  const lastOwnEn = `${last.year}: ${ue(last.value)}${ownSample.get(last.year) ? ' (sample)' : ''}`;
  const lastBenchZh = bench ? `，基准为${num(last.goal)}${uz}${benchSample.get(last.year) ? '（示例数据）' : ''}` : '';
  const lastBenchEn = bench ? `, benchmark ${ue(last.goal)}${benchSample.get(last.year) ? ' (sample)' : ''}` : '';
  const withDataZh = bench ? '有基准数据的' : '有数据的';
  const withDataEn = bench ? 'a benchmark figure' : 'data';
  const notMetZh = notMet.length > 0 ? `（未达到：${yearRuns(notMet, 'zh')}年）` : '';
  const notMetEn = notMet.length > 0 ? ` (not met: ${yearRuns(notMet, 'en')})` : '';
  return {
    zh: `${leadZh}${headZh}；${withDataZh}${years.length}年中${met}年达到${notMetZh}，${lastOwnZh}${lastBenchZh}。`,
    en: `${leadEn ? `${leadEn}${headEn}` : cap(headEn)}; met in ${met} of ${years.length} years with ${withDataEn}${notMetEn} (${lastOwnEn}${lastBenchEn}).`,
  };
}

/** The sum of yearly flows: what the published years add up to, the years missing, the projection. */
function cumulative(
  target: ProgressTarget,
  r: ProgressResult,
  sym: string,
  uz: string,
  ue: (x: number) => string,
): { zh: string; en: string } {
  const c = r.cumulative;
  const start = (r.base?.year ?? 0) + 1;
  const T = target.targetYear;
  const used = r.inputs.observations.filter((o) => o.value !== null);
  const latest = used.at(-1);
  const goal = num(target.value ?? 0);
  if (!c || !latest) return { zh: '暂无观测数据。', en: 'No figures yet.' };
  const sampleZh = used.some((o) => o.isSample) ? '（含示例数据）' : '';
  const sampleEn = used.some((o) => o.isSample) ? ' (includes sample figures)' : '';
  const lead = r.status === 'achieved' ? ['已达成：', 'Achieved: '] : r.status === 'missed' ? ['未达成：', 'Missed: '] : ['', ''];
  const headZh = `${lead[0]}${start}–${T}年累计需${sym}${goal}${uz}；截至${latest.year}年已公布年份累计${num(c.actual)}${uz}${sampleZh}`;
  const needsEn = lead[1] ? `${lead[1]}needs` : 'Needs';
  const headEn = `${needsEn} ${sym} ${ue(target.value ?? 0)} in total over ${start}–${T}; the published years up to ${latest.year} add up to ${ue(c.actual)}${sampleEn}`;
  const missing = c.missingYears;
  const missingZh = missing.length > 0 ? `，${yearRuns(missing, 'zh')}年（${missing.length}年）数据未公布，未计入` : '';
  const missingEn =
    missing.length > 0
      ? `; ${missing.length} year${missing.length > 1 ? 's' : ''} (${yearRuns(missing, 'en')}) not published, not counted`
      : '';
  let projZh = '';
  let projEn = '';
  if (r.projectedValue !== null && r.paceAchieved) {
    const mean = num(r.paceAchieved.value);
    const span =
      r.paceAchieved.fromYear === r.paceAchieved.toYear
        ? `${r.paceAchieved.toYear}`
        : `${r.paceAchieved.fromYear}–${r.paceAchieved.toYear}`;
    projZh = `；按${span}年均每年${mean}${uz}推算${missing.length > 0 ? '（缺失年份同样推算）' : ''}，${T}年累计预计${num(r.projectedValue)}${uz}，目标${goal}${uz}`;
    projEn = `; at the ${span} mean of ${ue(r.paceAchieved.value)} a year${missing.length > 0 ? ' (the missing years estimated the same way)' : ''}, the total for ${T} is projected at ${ue(r.projectedValue)} against ${ue(target.value ?? 0)}`;
  }
  let tailZh = '';
  let tailEn = '';
  if (r.status === 'insufficient_data' && r.outlookReason === 'years_missing') {
    tailZh = `；目标年已过，缺${missing.length}年数据，尚不能判定是否达成`;
    tailEn = `; the target year has passed with ${missing.length} year${missing.length > 1 ? 's' : ''} unknown, so no verdict yet`;
  } else if (r.status === 'insufficient_data') {
    tailZh = '；仅有一年数据，尚不能推算';
    tailEn = '; only one year has a figure, too few to project';
  } else if (r.requiredAnnualPace && r.status !== 'achieved' && r.status !== 'missed') {
    tailZh = `；其余年份需年均${num(r.requiredAnnualPace.value)}${uz}`;
    tailEn = `; ${ue(r.requiredAnnualPace.value)} a year still needed in the other years`;
  }
  return { zh: `${headZh}${missingZh}${projZh}${tailZh}。`, en: `${headEn}${missingEn}${projEn}${tailEn}.` };
}
