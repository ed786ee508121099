import { describe, expect, it } from 'vitest';
import type { ProgressFlag, ProgressResult } from '../../web/src/api/types.js';
import { asOfFromSearch, asOfYearOptions, searchWithAsOf } from '../../web/src/features/plans/asOf.js';
import {
  describeBadge,
  describeBasis,
  describeConfidence,
  describeCumulative,
  describeFlag,
  describeFlags,
  describeMilestoneVerdict,
  describePublishedOnly,
  describeStatus,
  formatMeanScore,
  formatPace,
  formatPacePeriod,
  formatScore,
  formatYears,
  JUDGED_STATUSES,
  judgedObservation,
  meanScoreParts,
  milestoneIcon,
  PROGRESS_STATUSES,
  summariseRollup,
} from '../../web/src/format/progress.js';

const zh = 'zh-CN' as const;
const en = 'en' as const;

describe('statuses', () => {
  it('names all ten statuses in both languages', () => {
    expect(PROGRESS_STATUSES.map((s) => describeStatus(s, zh).label)).toEqual([
      '已达成',
      '逾期达成',
      '按进度',
      '需加快',
      '进展有限',
      '倒退',
      '未达成',
      '数据不足',
      '无数据',
      '不适用',
    ]);
    expect(PROGRESS_STATUSES.map((s) => describeStatus(s, en).label)).toEqual([
      'Achieved',
      'Met late',
      'On track',
      'Needs to accelerate',
      'Limited progress',
      'Moving away',
      'Missed',
      'Insufficient data',
      'No data',
      'Not assessable',
    ]);
  });

  it('gives every status its own icon and glyph, the same in both languages', () => {
    const icons = PROGRESS_STATUSES.map((s) => describeStatus(s, zh).icon);
    const glyphs = PROGRESS_STATUSES.map((s) => describeStatus(s, zh).glyph);
    expect(new Set(icons).size).toBe(10);
    expect(new Set(glyphs).size).toBe(10);
    expect(glyphs).toEqual(['✓', '(✓)', '→', '↗', '∿', '↘', '✕', '•', '○', '⊘']);
    expect(PROGRESS_STATUSES.map((s) => describeStatus(s, en).icon)).toEqual(icons);
  });

  it('counts seven statuses as judgements', () => {
    expect(JUDGED_STATUSES).toEqual(['achieved', 'met_late', 'on_track', 'accelerate', 'limited', 'moving_away', 'missed']);
  });

  it('says when a verdict rests on sample figures, and what the published figures alone say', () => {
    const sample = {
      basis: 'sample' as const,
      sampleFigures: [2013, 2014, 2015, 2016, 2018, 2019, 2020].map((year) => ({ year, value: 1, series: 'own' as const })),
      publishedOnly: { status: 'met_late' as const, explanation: { zh: '', en: '' } },
    };
    expect(describeBasis(sample, zh)).toEqual({
      label: '示例数据',
      text: '判断依据含示例数据（2013–2016、2018–2020年），并非公布数字',
    });
    expect(describeBasis(sample, en)?.text).toBe('Rests on sample figures (2013–2016, 2018–2020), not published ones');
    expect(describePublishedOnly(sample, zh)).toBe('仅按公布数据：逾期达成');
    expect(describePublishedOnly(sample, en)).toBe('On published figures alone: Met late');
    expect(describeBasis({ basis: 'published', sampleFigures: [] }, zh)).toBeNull();
    expect(describePublishedOnly({ publishedOnly: null }, zh)).toBeNull();
  });

  it('describes a milestone verdict with the value observed', () => {
    const verdict = { year: 2015, value: 16, observed: 18, status: 'achieved' as const };
    expect(describeMilestoneVerdict(verdict, '亿立方米', zh)).toBe('已达成（实际 18 亿立方米）');
    expect(describeMilestoneVerdict(verdict, '100 million m³', en)).toBe('Achieved (actual 1.8 billion m³)');
    expect(describeMilestoneVerdict({ ...verdict, status: 'missed', observed: 12 }, '亿立方米', zh)).toBe(
      '未达成（实际 12 亿立方米）',
    );
    expect(describeMilestoneVerdict({ ...verdict, status: 'no_data', observed: null }, 'firms', en)).toBe('No data');
    expect(describeMilestoneVerdict({ ...verdict, status: 'pending', observed: null }, '家', zh)).toBe('未到期');
    expect(milestoneIcon({ ...verdict, status: 'missed' })).toBe('cross');
    expect(milestoneIcon({ ...verdict, status: 'pending' })).toBeNull();
  });
});

describe('formatPace', () => {
  const pace = (value: number, unit: 'percent_per_year' | 'points_per_year' | 'units_per_year') => ({ value, unit });

  it('says the required pace in words, rounded as the unit deserves', () => {
    expect(formatPace(pace(12.34, 'percent_per_year'), '件', 'required', zh)).toBe('需年均增长 12.3%');
    expect(formatPace(pace(0.35, 'points_per_year'), '%', 'required', zh)).toBe('需年均提高 0.35 个百分点');
    expect(formatPace(pace(5, 'units_per_year'), '家', 'required', zh)).toBe('需年均增加 5 家');
    expect(formatPace(pace(12.34, 'percent_per_year'), 'items', 'required', en)).toBe('+12.3% a year needed');
    expect(formatPace(pace(0.35, 'points_per_year'), '%', 'required', en)).toBe('+0.35 percentage points a year needed');
    expect(formatPace(pace(5, 'units_per_year'), 'firms', 'required', en)).toBe('+5 firms a year needed');
  });

  it('reads a negative pace as a fall, with a minus sign', () => {
    expect(formatPace(pace(-3.21, 'percent_per_year'), '件', 'required', zh)).toBe('需年均下降 3.2%');
    expect(formatPace(pace(-0.02, 'points_per_year'), '%', 'achieved', zh)).toBe('年均降低 0.02 个百分点');
    expect(formatPace(pace(-5, 'units_per_year'), '家', 'achieved', zh)).toBe('年均减少 5 家');
    expect(formatPace(pace(-3.21, 'percent_per_year'), 'items', 'required', en)).toBe('−3.2% a year needed');
    expect(formatPace(pace(-0.02, 'points_per_year'), '%', 'achieved', en)).toBe('−0.02 percentage points a year');
    expect(formatPace(pace(-5, 'units_per_year'), 'firms', 'achieved', en)).toBe('−5 firms a year');
  });

  it('says the pace achieved so far', () => {
    expect(formatPace(pace(17.66, 'percent_per_year'), '件', 'achieved', zh)).toBe('年均增长 17.7%');
    expect(formatPace(pace(17.66, 'percent_per_year'), 'items', 'achieved', en)).toBe('+17.7% a year');
  });

  it('says so in words when a pace rounds to zero, and never prints NaN', () => {
    expect(formatPace(pace(0.004, 'points_per_year'), '%', 'achieved', zh)).toBe('年均持平');
    expect(formatPace(pace(0, 'percent_per_year'), 'items', 'required', en)).toBe('Hold the current level');
    expect(formatPace(pace(Number.NaN, 'percent_per_year'), 'items', 'required', en)).toBe('—');
  });

  it('uses the indicator unit for counts, including units counted in 万', () => {
    expect(formatPace(pace(12000, 'units_per_year'), '万元', 'required', zh)).toBe('需年均增加 1.2 亿元');
    expect(formatPace(pace(2.5, 'units_per_year'), '100 million yuan', 'required', en)).toBe('+250 million yuan a year needed');
  });

  it('gives the years a pace covers', () => {
    expect(formatPacePeriod({ fromYear: 2017, toYear: 2020 }, zh)).toBe('2017–2020年');
    expect(formatPacePeriod({ fromYear: 2017, toYear: 2020 }, en)).toBe('2017–2020');
    expect(formatPacePeriod({ fromYear: 2020, toYear: 2020 }, zh)).toBe('2020年');
  });
});

describe('flags in words', () => {
  const flag = (overrides: Partial<ProgressFlag> & Pick<ProgressFlag, 'code'>): ProgressFlag => ({ detail: 'x', ...overrides });

  it('lists years, shortening runs of three or more', () => {
    expect(formatYears([2015, 2016], zh)).toBe('2015、2016');
    expect(formatYears([2015, 2016], en)).toBe('2015, 2016');
    expect(formatYears([2017, 2013, 2014, 2015], zh)).toBe('2013–2015、2017');
    expect(formatYears([], en)).toBe('');
  });

  it('data_gap: the years without figures', () => {
    const gap = flag({ code: 'data_gap', years: [2015, 2016] });
    expect(describeFlag(gap, '%', zh).text).toBe('缺数据年份：2015、2016');
    expect(describeFlag(gap, '%', en).text).toBe('No figures for 2015, 2016');
    expect(describeFlag(flag({ code: 'data_gap' }), '%', en).text).toBe('Some years have no figures');
  });

  it('stale: the year of the latest figure', () => {
    const stale = flag({ code: 'stale', years: [2017] });
    expect(describeFlag(stale, '%', zh).text).toBe('数据陈旧：最新数据为2017年');
    expect(describeFlag(stale, '%', en).text).toBe('Out of date: the latest figure is from 2017');
  });

  it('implausible_value: each value with its year, in the indicator unit', () => {
    const jump = flag({ code: 'implausible_value', years: [2016, 2018], values: [300, 5] });
    expect(describeFlag(jump, '家', zh).text).toBe('数值存疑：300 家（2016年）、5 家（2018年）');
    expect(describeFlag(jump, 'firms', en).text).toBe('Implausible figures: 300 firms (2016), 5 firms (2018)');
    expect(describeFlag(flag({ code: 'implausible_value', years: [2016] }), '家', zh).text).toBe('数值存疑：2016年');
  });

  it('sample_data and revised, with and without years', () => {
    const sample = flag({ code: 'sample_data', years: [2013, 2014, 2015, 2016, 2017] });
    expect(describeFlag(sample, '%', zh).text).toBe('依据示例数据（2013–2017年）');
    expect(describeFlag(sample, '%', en).text).toBe('Rests on sample figures (2013–2017)');
    expect(describeFlag(flag({ code: 'sample_data' }), '%', zh).text).toBe('依据示例数据');
    const revised = flag({ code: 'revised', years: [2016] });
    expect(describeFlag(revised, '%', zh).text).toBe('所用数据经过修订（2016年）');
    expect(describeFlag(revised, '%', en).text).toBe('Uses revised figures (2016)');
    expect(describeFlag(flag({ code: 'revised' }), '%', en).text).toBe('Uses revised figures');
  });

  it('implausible_target: the printed value and its likely reading, prominently', () => {
    const rd = flag({ code: 'implausible_target', years: [2020], values: [25], suggestedValue: 2.5 });
    expect(describeFlag(rd, '%', zh)).toEqual({
      code: 'implausible_target',
      text: '目标值存疑：原文显示为 25%，疑为 2.5%',
      prominent: true,
    });
    expect(describeFlag(rd, '%', en).text).toBe('Implausible target: the source reads 25%, most likely 2.5%');
    const sales = flag({ code: 'implausible_target', years: [2020], values: [25], suggestedValue: 2.5 });
    expect(describeFlag(sales, '亿元', zh).text).toBe('目标值存疑：原文显示为 25 亿元，疑为 2.5 亿元');
  });

  it('implausible_target: a jump between milestones names the year of the suspect value', () => {
    const gas = flag({ code: 'implausible_target', years: [2015, 2020], values: [16, 255], suggestedValue: 25.5 });
    expect(describeFlag(gas, '亿立方米', zh).text).toBe('目标值存疑：原文2020年数值为 255 亿立方米，疑为 25.5 亿立方米');
    expect(describeFlag(gas, '100 million m³', en).text).toBe(
      'Implausible target: the source reads 25.5 billion m³ for 2020, most likely 2.55 billion m³',
    );
  });

  it('implausible_target without a suggestion or values', () => {
    const unsure = flag({ code: 'implausible_target', years: [2020], values: [400] });
    expect(describeFlag(unsure, '%', zh).text).toBe('目标值存疑：原文显示为 400%，请核对原文');
    expect(describeFlag(unsure, '%', en).text).toBe('Implausible target: the source reads 400%; check the source');
    expect(describeFlag(flag({ code: 'implausible_target' }), '%', zh).text).toBe('目标值存疑，请核对原文');
  });

  it('puts the implausible target first', () => {
    const flags = describeFlags(
      [flag({ code: 'sample_data' }), flag({ code: 'implausible_target', values: [25], suggestedValue: 2.5 })],
      '%',
      en,
    );
    expect(flags.map((f) => f.code)).toEqual(['implausible_target', 'sample_data']);
  });

  it('names the badges', () => {
    expect(describeBadge('upper_bound_passed', zh)).toBe('已超过区间上限');
    // Direction-neutral: for a ceiling, "worse" means the figure rose.
    expect(describeBadge('per_year_fell', zh)).toBe('最近一年较上年变差');
    expect(describeBadge('upper_bound_passed', en)).toBe('Above the upper bound');
    expect(describeBadge('per_year_fell', en)).toBe('Worse than the year before');
  });
});

describe('confidence and cumulative totals', () => {
  const observations = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      year: 2018 + i,
      value: 1,
      vintage: 'final' as const,
      isSample: false,
      revisionCount: 1,
    }));
  const inputs = (n: number): ProgressResult['inputs'] => ({
    observations: observations(n),
    base: null,
    targetValue: null,
    milestones: [],
    benchmark: [],
    method: '',
  });

  it('explains a low-confidence outlook by its number of points', () => {
    expect(describeConfidence({ confidence: 'low_confidence', inputs: inputs(3) }, zh)).toEqual({
      label: '低置信度',
      why: '仅有 3 个数据点，趋势外推不够可靠',
    });
    expect(describeConfidence({ confidence: 'low_confidence', inputs: inputs(2) }, en)).toEqual({
      label: 'Low confidence',
      why: 'Only 2 data points: the projection is uncertain',
    });
    expect(describeConfidence({ confidence: 'low_confidence', inputs: inputs(5) }, en)?.why).toBe(
      'Only 2–3 data points: the projection is uncertain',
    );
    expect(describeConfidence({ confidence: 'normal', inputs: inputs(5) }, zh)).toBeNull();
    expect(describeConfidence({ confidence: null, inputs: inputs(0) }, zh)).toBeNull();
  });

  it('states a cumulative total against what was required', () => {
    expect(describeCumulative({ actual: 66, required: 70 }, '家', zh)).toBe('累计 66 家，应达 70 家');
    expect(describeCumulative({ actual: 66, required: 70 }, 'firms', en)).toBe('66 firms so far, against 70 firms required');
  });
});

describe('the roll-up', () => {
  const counts = {
    achieved: 2,
    met_late: 0,
    on_track: 0,
    accelerate: 0,
    limited: 0,
    moving_away: 0,
    missed: 4,
    insufficient_data: 0,
    no_data: 49,
    not_assessable: 4,
  };

  it('formats the mean score with its sign and scale', () => {
    expect(formatScore(-1.24, zh)).toBe('−1.2');
    expect(formatScore(0.56, en)).toBe('+0.6');
    expect(formatScore(5, en)).toBe('+5');
    expect(formatScore(0.01, en)).toBe('0');
    expect(formatScore(null, zh)).toBe('—');
    expect(formatMeanScore(-1.24, zh)).toBe('平均得分 −1.2（−5 至 +5）');
    expect(formatMeanScore(-1.24, en)).toBe('Mean score −1.2 (−5 to +5)');
    expect(meanScoreParts(0.56, zh)).toEqual({ label: '平均得分', score: '+0.6', range: '（−5 至 +5）' });
  });

  it('counts the targets per status, in order, and how many are judged', () => {
    const summary = summariseRollup({ counts }, zh);
    expect(summary.segments.map((s) => [s.status, s.count])).toEqual([
      ['achieved', 2],
      ['met_late', 0],
      ['on_track', 0],
      ['accelerate', 0],
      ['limited', 0],
      ['moving_away', 0],
      ['missed', 4],
      ['insufficient_data', 0],
      ['no_data', 49],
      ['not_assessable', 4],
    ]);
    expect(summary.total).toBe(59);
    expect(summary.judged).toBe(6);
    expect(summary.notJudged).toBe(53);
    expect(summary.segments.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 10);
    expect(summary.segments[8]?.share).toBeCloseTo(49 / 59, 10);
    expect(summary.judgedText).toBe('已评估 6 项，共 59 项');
    expect(summary.notJudgedText).toBe('53 项暂无法评估（数据不足、无数据或不适用）');
    const english = summariseRollup({ counts }, en);
    expect(english.judgedText).toBe('6 of 59 targets judged');
    expect(english.notJudgedText).toBe('53 cannot be judged yet (insufficient data, no data or not assessable)');
  });

  it('counts verdicts on published and on sample figures apart, and keeps a mean over few targets from the headline', () => {
    const few = summariseRollup({ counts, judgedOnPublished: 2, judgedOnSample: 4, meanScoreIsHeadline: false }, zh);
    expect(few.basisText).toBe('其中 2 项依据公布数据，4 项依据示例数据');
    expect(few.scoreIsHeadline).toBe(false);
    expect(few.scoreCaveat).toBe('仅 6 项目标已评估（共 59 项），不足半数，平均得分不作为总体结论');
    const english = summariseRollup({ counts, judgedOnPublished: 2, judgedOnSample: 4, meanScoreIsHeadline: false }, en);
    expect(english.basisText).toBe('2 on published figures, 4 on sample figures');
    expect(english.scoreCaveat).toBe(
      'Only 6 of 59 targets are judged, fewer than half: the mean score is not a verdict on the plan',
    );
    const most = summariseRollup({ counts: { ...counts, achieved: 40, no_data: 11 }, meanScoreIsHeadline: true }, zh);
    expect(most.scoreIsHeadline).toBe(true);
    expect(most.scoreCaveat).toBeNull();
  });

  it('handles an empty plan and a status left out', () => {
    const empty = summariseRollup({ counts: {} as typeof counts }, en);
    expect(empty.total).toBe(0);
    expect(empty.segments.every((s) => s.count === 0 && s.share === 0)).toBe(true);
    expect(empty.notJudgedText).toBe('Every target is judged');
  });
});

describe('as-of year in the URL', () => {
  it('reads a year, ignoring anything the API would refuse', () => {
    expect(asOfFromSearch('?asOf=2017')).toBe(2017);
    expect(asOfFromSearch('?lang=en&asOf=2017&kind=share')).toBe(2017);
    expect(asOfFromSearch('')).toBeNull();
    expect(asOfFromSearch('?asOf=1900')).toBeNull();
    expect(asOfFromSearch('?asOf=2017.5')).toBeNull();
    expect(asOfFromSearch('?asOf=latest')).toBeNull();
    expect(asOfFromSearch(new URLSearchParams('asOf=2100'))).toBe(2100);
  });

  it('writes the year and keeps the language and the kind', () => {
    expect(searchWithAsOf('?lang=en&kind=share', 2017)).toBe('?lang=en&kind=share&asOf=2017');
    expect(searchWithAsOf('?lang=en&asOf=2017', null)).toBe('?lang=en');
    expect(searchWithAsOf('?asOf=2017', null)).toBe('');
    expect(searchWithAsOf('', 2018)).toBe('?asOf=2018');
  });

  it('offers the plan period and the years after it up to now', () => {
    expect(asOfYearOptions(2014, 2020, 2026)).toEqual([
      2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    expect(asOfYearOptions(2019, 2019, 2019)).toEqual([2019]);
    expect(asOfYearOptions(2026, 2030, 2026)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(asOfYearOptions(2019, 2021, 2026, 2013)).toEqual([2013, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(asOfYearOptions(null, null, 2026)).toEqual([]);
    expect(asOfYearOptions(2014, null, 2026, 2017)).toEqual([]);
  });
});

describe('judgedObservation', () => {
  it('is the latest figure with a value among those the judgement used', () => {
    const o = (year: number, value: number | null) => ({
      year,
      value,
      vintage: 'final' as const,
      isSample: year < 2017,
      revisionCount: 1,
    });
    const inputs = (observations: ReturnType<typeof o>[]) => ({
      inputs: { observations, base: null, targetValue: null, milestones: [], benchmark: [], method: '' },
    });
    expect(judgedObservation(inputs([o(2015, 10), o(2016, 12), o(2017, null)]))).toEqual({
      year: 2016,
      value: 12,
      isSample: true,
    });
    expect(judgedObservation(inputs([]))).toBeNull();
  });
});
