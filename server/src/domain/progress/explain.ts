import { round } from './series.js';
import type { Pace, ProgressResult, ProgressTarget } from './types.js';

// One sentence in each language that a statistician can read aloud to a leader. Numbers are
// rounded for reading; the exact figures are in the result's inputs.

function num(x: number): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(round(x, digits));
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
  return `${sign}${v}${/^\d/.test(unitEn) ? ' ×' : ''} ${unitEn} a year`;
}

export function explain(target: ProgressTarget, r: ProgressResult): { zh: string; en: string } {
  const uz = target.unitZh;
  // "3.55 × 100 million yuan", not "3.55 100 million yuan", when the unit itself begins with a number.
  const ue = target.unitEn === '%' ? '%' : /^\d/.test(target.unitEn) ? ` × ${target.unitEn}` : ` ${target.unitEn}`;
  const sym = comparatorSymbol(target);
  const latest = r.inputs.observations.at(-1);
  const latestValue = latest?.value ?? null;
  const goal = r.checkpoint?.value ?? r.inputs.targetValue;
  const T = r.checkpoint?.year ?? target.targetYear;

  switch (r.status) {
    case 'not_assessable':
      if (target.valueUnknown || target.targetYear === null)
        return {
          zh: '目标值在原文中被遮蔽，无法评估。',
          en: 'The target value is masked in the source document; it cannot be judged.',
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
    return r.status === 'achieved'
      ? { zh: `已完成（目标年${target.targetYear}年）。`, en: `Delivered (due ${target.targetYear}).` }
      : { zh: `${target.targetYear}年到期，未见完成记录。`, en: `Due ${target.targetYear}; no record of delivery.` };
  }

  if (target.type === 'per_year' && r.cumulative) {
    const met = r.inputs.observations.filter((o) => o.value !== null && o.value >= (target.value ?? 0)).length;
    const n = r.inputs.observations.length;
    const last = latest ? `${latest.year}年为${num(latestValue ?? 0)}${uz}` : '';
    const lastEn = latest ? `${latest.year}: ${num(latestValue ?? 0)}${ue}` : '';
    return {
      zh: `每年需${sym}${num(target.value ?? 0)}${uz}；已有数据的${n}年中${met}年达到，${last}。`,
      en: `Needs ${sym} ${num(target.value ?? 0)}${ue} every year; met in ${met} of ${n} years with data (${lastEn}).`,
    };
  }

  if (target.type === 'cumulative' && r.cumulative) {
    const start = (r.base?.year ?? 0) + 1;
    const head = `${start}–${target.targetYear}年累计需${sym}${num(target.value ?? 0)}${uz}；截至${latest?.year}年累计${num(r.cumulative.actual)}${uz}`;
    const headEn = `Needs ${sym} ${num(target.value ?? 0)}${ue} in total over ${start}–${target.targetYear}; ${num(r.cumulative.actual)}${ue} by ${latest?.year}`;
    if (r.requiredAnnualPace && r.status !== 'achieved' && r.status !== 'missed') {
      return {
        zh: `${head}，此后需年均${paceZh(r.requiredAnnualPace, uz)}。`,
        en: `${headEn}; ${paceEn(r.requiredAnnualPace, target.unitEn)} still needed.`,
      };
    }
    return { zh: `${head}。`, en: `${headEn}.` };
  }

  const goalText = goal === null ? '' : `${sym}${num(goal)}${uz}`;
  const goalTextEn = goal === null ? '' : `${sym} ${num(goal)}${ue}`;
  const benchmarkZh = target.type === 'benchmark' ? '（基准地区同年水平）' : '';
  const benchmarkEn = target.type === 'benchmark' ? ' (the benchmark region’s level)' : '';

  if (r.status === 'achieved' && latest) {
    return {
      zh: `已达成：${latest.year}年为${num(latestValue ?? 0)}${uz}，目标${goalText}${benchmarkZh}。`,
      en: `Achieved: ${num(latestValue ?? 0)}${ue} in ${latest.year}, target ${goalTextEn}${benchmarkEn}.`,
    };
  }
  if (r.status === 'missed' && latest) {
    return {
      zh: `未达成：目标年${T}年要求${goalText}${benchmarkZh}，${latest.year}年为${num(latestValue ?? 0)}${uz}。`,
      en: `Missed: the target for ${T} was ${goalTextEn}${benchmarkEn}; ${latest.year}: ${num(latestValue ?? 0)}${ue}.`,
    };
  }
  // In the "needs" sentence the target reads as a plain figure: "达到80户", "reach 80 firms".
  const plainZh = goal === null ? '' : `${num(goal)}${uz}`;
  const plainEn = goal === null ? '' : `${num(goal)}${ue}`;
  if (r.status === 'insufficient_data') {
    const needZh = r.requiredAnnualPace ? `需年均${paceZh(r.requiredAnnualPace, uz)}才能在${T}年达到${plainZh}；` : '';
    const needEn = r.requiredAnnualPace
      ? `Needs ${paceEn(r.requiredAnnualPace, target.unitEn)} to reach ${plainEn} by ${T}; `
      : '';
    return {
      zh: `${needZh}仅有${latest ? `${latest.year}年` : ''}一个数据点，尚不能判断趋势。`,
      en: `${needEn}only one figure${latest ? ` (${latest.year})` : ''}, too few for a trend.`,
    };
  }

  const need = r.requiredAnnualPace;
  const achieved = r.paceAchieved;
  const needZh = need
    ? `需年均${paceZh(need, uz)}才能在${T}年达到${plainZh}${benchmarkZh}`
    : `目标为${T}年${goalText}${benchmarkZh}`;
  const needEn = need
    ? `Needs ${paceEn(need, target.unitEn)} to reach ${plainEn} by ${T}${benchmarkEn}`
    : `Target: ${goalTextEn} by ${T}${benchmarkEn}`;
  const actualZh = achieved ? `；${achieved.fromYear}–${achieved.toYear}年实际年均${paceZh(achieved, uz).trimEnd()}` : '';
  const actualEn = achieved ? `; ${achieved.fromYear}–${achieved.toYear} actual: ${paceEn(achieved, target.unitEn)}` : '';
  return { zh: `${needZh}${actualZh}。`, en: `${needEn}${actualEn}.` };
}
