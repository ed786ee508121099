import { describe, expect, it } from 'vitest';
import { judgeTarget, STATUS_SCORE, scoreFromOutlook } from '../../server/src/domain/progress/judge.js';
import { rollup } from '../../server/src/domain/progress/rollup.js';
import type { BenchmarkPoint, ProgressObservation, ProgressTarget } from '../../server/src/domain/progress/types.js';

// Expectations computed by hand from ../shared/progress-method.md (the arithmetic is in the
// comments), not by running the engine.

const target = (over: Partial<ProgressTarget> = {}): ProgressTarget => ({
  type: 'level',
  direction: 'up',
  indicatorKind: 'stock',
  comparator: 'at_least',
  value: 80,
  valueMin: null,
  valueMax: null,
  valueUnknown: false,
  targetYear: 2020,
  baseYear: null,
  baseValue: null,
  periodStart: 2014,
  periodEnd: 2020,
  milestones: [],
  unitZh: '户',
  unitEn: 'firms',
  ...over,
});

const obs = (pairs: [number, number | null][], over: Partial<ProgressObservation> = {}): ProgressObservation[] =>
  pairs.map(([year, value]) => ({ year, value, vintage: 'final', isSample: false, revisionCount: 1, ...over }));

const bench = (pairs: [number, number][]): BenchmarkPoint[] =>
  pairs.map(([year, value]) => ({ year, value, vintage: 'final', isSample: false, revisionCount: 1 }));

describe('level (counts: geometric path, compound projection)', () => {
  // Lüliang high-tech firms, ≥ 80 by 2020; base 2013 = 20 (the year before the 2014 period).
  const r = judgeTarget({
    target: target(),
    observations: obs([
      [2013, 20],
      [2014, 22],
      [2015, 24],
      [2016, 25],
      [2017, 26],
    ]),
  });

  it('projects with the compound rate of the last five years and reads the outlook', () => {
    // r = (26/20)^(1/4) − 1 = 6.78%; ŷ2020 = 26·1.0678^3 = 31.65; P = (31.65 − 20)/(80 − 20) = 0.194
    expect(r.status).toBe('limited');
    expect(r.projectedValue).toBeCloseTo(31.654, 2);
    expect(r.outlook).toBeCloseTo(0.194, 3);
    expect(r.confidence).toBe('normal');
    // Open SDG score below 0.6: 4.1667·0.194 − 2.5 = −1.69
    expect(r.score).toBeCloseTo(-1.69, 2);
  });

  it('follows the geometric required path and measures progress to date against it', () => {
    // R(2017) = 20·(80/20)^(4/7) = 44.16; A = (26 − 20)/(44.16 − 20) = 0.248
    expect(r.base).toEqual({ year: 2013, value: 20, source: 'observed_before_period' });
    expect(r.requiredPath).toHaveLength(8);
    expect(r.requiredPath.find((p) => p.year === 2017)?.value).toBeCloseTo(44.16, 2);
    expect(r.progressToDate).toBeCloseTo(0.248, 3);
  });

  it('gives the pace still needed and the pace achieved, as percentages a year', () => {
    // (80/26)^(1/3) − 1 = 45.45%; (26/20)^(1/4) − 1 = 6.78%
    expect(r.requiredAnnualPace).toEqual({ value: 45.45, unit: 'percent_per_year', fromYear: 2017, toYear: 2020 });
    expect(r.paceAchieved).toEqual({ value: 6.78, unit: 'percent_per_year', fromYear: 2013, toYear: 2017 });
    // The projection and the outlook in words first: P = 0.194 → 19%.
    expect(r.explanation.zh).toBe(
      '按2013–2017年趋势，2020年预计31.7户，目标80户（预计完成2013年以来所需变化的19%）；需年均增长 45.5% 才能在2020年达到80户；2013–2017年实际年均增长 6.78%。',
    );
    expect(r.explanation.en).toBe(
      'On the 2013–2017 trend, 2020 is projected at 31.7 firms against a target of 80 firms (19% of the way from 2013); needs +45.5% a year to reach 80 firms by 2020; 2013–2017 actual: +6.78% a year.',
    );
  });

  it('says exactly which observations and base it used', () => {
    expect(r.inputs.observations.map((o) => o.year)).toEqual([2013, 2014, 2015, 2016, 2017]);
    expect(r.inputs.base).toEqual({ year: 2013, value: 20 });
    expect(r.inputs.targetValue).toBe(80);
  });

  it('judges a single point as insufficient data, still giving the pace needed', () => {
    const single = judgeTarget({ target: target(), observations: obs([[2017, 26]]) });
    expect(single.status).toBe('insufficient_data');
    expect(single.outlook).toBeNull();
    expect(single.requiredAnnualPace?.value).toBeCloseTo(45.45, 2);
  });

  it('is achieved when the target is already met at the base', () => {
    expect(
      judgeTarget({
        target: target(),
        observations: obs([
          [2013, 90],
          [2014, 95],
        ]),
      }).status,
    ).toBe('achieved');
    expect(judgeTarget({ target: target(), observations: obs([[2013, 90]]) }).status).toBe('achieved');
  });

  it('handles a target below the base of an up indicator: achieved when met, moving away when not', () => {
    const t = target({ value: 50 });
    expect(
      judgeTarget({
        target: t,
        observations: obs([
          [2013, 60],
          [2014, 58],
        ]),
      }).status,
    ).toBe('achieved');
    // fell below 50: 60 → 45 → 40, projected further down: P = −1
    const fell = judgeTarget({
      target: t,
      observations: obs([
        [2013, 60],
        [2014, 45],
        [2015, 40],
      ]),
    });
    expect(fell.status).toBe('moving_away');
    expect(fell.outlook).toBe(-1);
    expect(fell.progressToDate).toBeNull();
  });

  it('freezes a missed target at the target year, whatever came later', () => {
    // 2020: 75 < 80 → missed, although 2021 reached 90. Actual progress (75 − 70)/(80 − 70) = 0.5
    const r2 = judgeTarget({
      target: target(),
      observations: obs([
        [2019, 70],
        [2020, 75],
        [2021, 90],
      ]),
      asOf: 2022,
    });
    expect(r2.status).toBe('missed');
    expect(r2.outlook).toBe(0.5);
    expect(r2.inputs.observations.map((o) => o.year)).toEqual([2019, 2020]);
    expect(r2.explanation.zh).toBe('未达成：目标年2020年要求≥80户，2020年为75户。');
  });

  it('judges as of an earlier year with only the figures known by then', () => {
    const r2 = judgeTarget({
      target: target(),
      observations: obs([
        [2013, 20],
        [2014, 22],
        [2015, 24],
        [2016, 60],
      ]),
      asOf: 2015,
    });
    expect(r2.asOf).toBe(2015);
    expect(r2.inputs.observations.map((o) => o.year)).toEqual([2013, 2014, 2015]);
  });

  it('has no data before the first figure', () => {
    const r2 = judgeTarget({ target: target(), observations: obs([[2016, 25]]), asOf: 2015 });
    expect(r2.status).toBe('no_data');
    expect(r2.explanation.zh).toBe('截至2015年无观测数据。');
    expect(judgeTarget({ target: target(), observations: [] }).status).toBe('no_data');
  });

  it('never reads a figure that was not published as zero', () => {
    const r2 = judgeTarget({
      target: target(),
      observations: obs([
        [2013, 20],
        [2014, null],
        [2015, 24],
      ]),
    });
    expect(r2.inputs.observations.map((o) => o.year)).toEqual([2013, 2015]);
    expect(r2.flags.find((f) => f.code === 'data_gap')?.years).toEqual([2014]);
  });
});

describe('base of zero and negative values', () => {
  it('uses a straight line from a zero base', () => {
    // base 2014 = 0; endpoints slope (4 − 0)/2 = 2; ŷ2020 = 4 + 2·4 = 12; P = 12/10 = 1.2
    const r = judgeTarget({
      target: target({ value: 10, periodStart: 2015 }),
      observations: obs([
        [2014, 0],
        [2015, 2],
        [2016, 4],
      ]),
    });
    expect(r.status).toBe('on_track');
    expect(r.outlook).toBe(1.2);
    expect(r.confidence).toBe('low_confidence');
    // R(2016) = 10·2/6 = 3.333; A = 4/3.333 = 1.2
    expect(r.progressToDate).toBeCloseTo(1.2, 3);
    // units a year: (10 − 4)/4 = 1.5
    expect(r.requiredAnnualPace).toEqual({ value: 1.5, unit: 'units_per_year', fromYear: 2016, toYear: 2020 });
  });

  it('projects negative money values on a straight line', () => {
    // −5 → −2: slope 3; ŷ2021 = −2 + 3·2 = 4; P = (4 + 5)/(10 + 5) = 0.6 → accelerate, score 7.1429·0.6 − 4.2857 = 0
    const r = judgeTarget({
      target: target({ indicatorKind: 'money', value: 10, targetYear: 2021, periodStart: 2019, periodEnd: 2021 }),
      observations: obs([
        [2018, -5],
        [2019, -2],
      ]),
    });
    expect(r.status).toBe('accelerate');
    expect(r.outlook).toBe(0.6);
    expect(r.score).toBe(0);
    expect(r.requiredAnnualPace).toEqual({ value: 6, unit: 'units_per_year', fromYear: 2019, toYear: 2021 });
  });

  it('fits a least-squares line through negative shares', () => {
    // (2015,−2) (2016,−1) (2017,−1.5): slope 0.25, ŷ2020 = −1.5 + 0.25·4 = −0.5; P = 1.5/5 = 0.3
    const r = judgeTarget({
      target: target({ indicatorKind: 'share', value: 3, periodStart: 2016 }),
      observations: obs([
        [2015, -2],
        [2016, -1],
        [2017, -1.5],
      ]),
    });
    expect(r.status).toBe('limited');
    expect(r.outlook).toBe(0.3);
  });
});

describe('share (percentage points, straight path)', () => {
  // Panjin R&D intensity ≥ 2.6% by 2021; base 2018 = 1.4.
  const t = target({
    indicatorKind: 'share',
    type: 'share',
    value: 2.6,
    targetYear: 2021,
    periodStart: 2019,
    periodEnd: 2021,
    unitZh: '%',
    unitEn: '%',
  });

  it('projects a least-squares line and gives the pace in percentage points', () => {
    // slope 0.1 → ŷ2021 = 1.7; P = (1.7 − 1.4)/(2.6 − 1.4) = 0.25
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2018, 1.4],
        [2019, 1.5],
        [2020, 1.6],
      ]),
    });
    expect(r.status).toBe('limited');
    expect(r.outlook).toBe(0.25);
    expect(r.confidence).toBe('low_confidence');
    expect(r.requiredAnnualPace).toEqual({ value: 1, unit: 'points_per_year', fromYear: 2020, toYear: 2021 });
    expect(r.paceAchieved).toEqual({ value: 0.1, unit: 'points_per_year', fromYear: 2018, toYear: 2020 });
    // R(2020) = 1.4 + 1.2·2/3 = 2.2; A = 0.2/0.8 = 0.25
    expect(r.progressToDate).toBe(0.25);
    expect(r.explanation.zh).toBe(
      '按2018–2020年趋势，2021年预计1.7%，目标2.6%（预计完成2018年以来所需变化的25%）；需年均提高 1 个百分点才能在2021年达到2.6%；2018–2020年实际年均提高 0.1 个百分点。',
    );
  });

  it('accepts a share within 0.005 points of the target (rounding)', () => {
    expect(
      judgeTarget({
        target: t,
        observations: obs([
          [2018, 1.4],
          [2021, 2.596],
        ]),
      }).status,
    ).toBe('achieved');
    expect(
      judgeTarget({
        target: t,
        observations: obs([
          [2018, 1.4],
          [2021, 2.59],
        ]),
      }).status,
    ).toBe('missed');
  });
});

describe('annual_growth (judged on the compounded level)', () => {
  const t = target({ type: 'annual_growth', indicatorKind: 'money', value: 10, unitZh: '亿元', unitEn: '100 million yuan' });

  it('is on track when the level follows base·1.1^t exactly', () => {
    // base 2013 = 100; goal 100·1.1^7 = 194.87; ŷ = 133.1·1.1^4 = 194.87; P = 1
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2013, 100],
        [2014, 110],
        [2015, 121],
        [2016, 133.1],
      ]),
    });
    expect(r.inputs.targetValue).toBeCloseTo(194.87, 2);
    expect(r.status).toBe('on_track');
    expect(r.outlook).toBe(1);
    expect(r.progressToDate).toBe(1);
    expect(r.requiredPath.find((p) => p.year === 2016)?.value).toBeCloseTo(133.1, 6);
  });

  it('cannot compound from a base that is not positive', () => {
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2013, 0],
        [2014, 5],
      ]),
    });
    expect(r.status).toBe('insufficient_data');
    expect(r.outlookReason).toBe('base_not_positive');
  });
});

describe('range', () => {
  const t = target({ type: 'range', value: null, valueMin: 1, valueMax: 2, unitZh: '家', unitEn: 'institutes' });

  it('is achieved inside the range, and shows a badge when the upper bound is passed', () => {
    const inside = judgeTarget({ target: t, observations: obs([[2019, 1]]) });
    expect(inside.status).toBe('achieved');
    expect(inside.badges).toEqual([]);
    const above = judgeTarget({ target: t, observations: obs([[2019, 3]]) });
    expect(above.status).toBe('achieved');
    expect(above.badges).toEqual(['upper_bound_passed']);
  });

  it('is judged against the lower bound when below it', () => {
    // 0 → 0 → 0: straight line, ŷ = 0, P = 0 → limited
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2014, 0],
        [2015, 0],
        [2016, 0],
      ]),
    });
    expect(r.inputs.targetValue).toBe(1);
    expect(r.status).toBe('limited');
  });
});

describe('per_year', () => {
  const t = target({ type: 'per_year', indicatorKind: 'flow', value: 10 });

  it('met every year and not falling: achieved to date, with the cumulative comparison', () => {
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2014, 12],
        [2015, 14],
      ]),
    });
    expect(r.status).toBe('achieved');
    expect(r.cumulative).toEqual({ actual: 26, required: 20, missingYears: [] });
  });

  it('met every year but the last fell: on track with a warning', () => {
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2014, 12],
        [2015, 14],
        [2016, 11],
      ]),
    });
    expect(r.status).toBe('on_track');
    expect(r.badges).toEqual(['per_year_fell']);
    expect(r.cumulative).toEqual({ actual: 37, required: 30, missingYears: [] });
  });

  it('not met but rising: accelerate; not met and not rising: moving away', () => {
    expect(
      judgeTarget({
        target: t,
        observations: obs([
          [2014, 12],
          [2015, 8],
          [2016, 9],
        ]),
      }).status,
    ).toBe('accelerate');
    expect(
      judgeTarget({
        target: t,
        observations: obs([
          [2014, 12],
          [2015, 9],
          [2016, 8],
        ]),
      }).status,
    ).toBe('moving_away');
  });

  it('once the period is over: achieved only if every year met it', () => {
    const all = obs([
      [2014, 10],
      [2015, 11],
      [2016, 12],
      [2017, 10],
      [2018, 15],
      [2019, 10],
      [2020, 11],
    ]);
    expect(judgeTarget({ target: t, observations: all, asOf: 2021 }).status).toBe('achieved');
    const oneShort = obs([
      [2014, 10],
      [2015, 11],
      [2016, 9],
      [2017, 10],
      [2018, 15],
      [2019, 10],
      [2020, 11],
    ]);
    expect(judgeTarget({ target: t, observations: oneShort, asOf: 2021 }).status).toBe('missed');
  });
});

describe('cumulative', () => {
  // 200 conversions over 2019–2021 (Panjin).
  const t = target({
    type: 'cumulative',
    indicatorKind: 'flow',
    value: 200,
    targetYear: 2021,
    periodStart: 2019,
    periodEnd: 2021,
    unitZh: '项',
    unitEn: 'items',
  });

  it('projects the sum with the mean yearly flow', () => {
    // 60 + 70 = 130; mean 65; ŷ = 130 + 65 = 195; P = 195/200 = 0.975 → on track
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2019, 60],
        [2020, 70],
      ]),
    });
    expect(r.status).toBe('on_track');
    expect(r.outlook).toBe(0.975);
    expect(r.cumulative).toEqual({ actual: 130, required: 133.333333, missingYears: [] });
    expect(r.requiredAnnualPace).toEqual({ value: 70, unit: 'units_per_year', fromYear: 2021, toYear: 2021 });
  });

  it('is achieved when the sum reaches the total', () => {
    expect(
      judgeTarget({
        target: t,
        observations: obs([
          [2019, 120],
          [2020, 90],
        ]),
      }).status,
    ).toBe('achieved');
  });
});

describe('benchmark (a moving national average, every year)', () => {
  const t = target({
    type: 'benchmark',
    indicatorKind: 'share',
    value: null,
    benchmarkRegionCode: '100000',
    periodStart: 2015,
    unitZh: '%',
    unitEn: '%',
  } as Partial<ProgressTarget>);
  const national = bench([
    [2015, 2.07],
    [2016, 2.11],
    [2017, 2.13],
  ]);

  it('judges every year against the benchmark of the same year: below it every year but closing in → accelerate', () => {
    // margins 1.0 − 2.07 = −1.07, 1.1 − 2.11 = −1.01, 1.2 − 2.13 = −0.93: not met, closing in → accelerate
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2015, 1.0],
        [2016, 1.1],
        [2017, 1.2],
      ]),
      benchmark: national,
    });
    expect(r.status).toBe('accelerate');
    expect(r.years.map((y) => [y.year, y.goal, y.met])).toEqual([
      [2015, 2.07, false],
      [2016, 2.11, false],
      [2017, 2.13, false],
    ]);
    // The benchmark itself is the path, for the years up to the as-of year only.
    expect(r.requiredPath).toEqual([
      { year: 2015, value: 2.07 },
      { year: 2016, value: 2.11 },
      { year: 2017, value: 2.13 },
    ]);
    expect(r.inputs.benchmark).toHaveLength(3);
    // No pace in units of the benchmark's drift: an up target is never told to go down.
    expect(r.requiredAnnualPace).toBeNull();
    expect(r.explanation.en).toBe(
      "Must reach the benchmark region's level of the same year, every year; met in 0 of 3 years with a benchmark figure (not met: 2015–2017) (2017: 1.2%, benchmark 2.13%).",
    );
  });

  it('is not achieved when only the latest year reaches the benchmark: met in 1 of 2 years', () => {
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2016, 1.5],
        [2017, 2.2],
      ]),
      benchmark: national,
    });
    expect(r.status).toBe('accelerate');
    expect(r.years.filter((y) => y.met).map((y) => y.year)).toEqual([2017]);
  });

  it('cannot judge without a benchmark', () => {
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2016, 1.5],
        [2017, 1.6],
      ]),
      benchmark: [],
    });
    expect(r.status).toBe('insufficient_data');
    expect(r.outlookReason).toBe('no_benchmark');
  });
});

describe('milestones', () => {
  // Coal-bed methane capacity: 25 by 2015, 50 by 2020; base 2013 = 10.
  const t = target({ value: 50, milestones: [{ year: 2015, value: 25 }], unitZh: '亿立方米', unitEn: '100 million m³' });

  it('judges toward the upcoming milestone while it is pending', () => {
    // CAGR 10 → 12 = 20%; ŷ2015 = 14.4; P = (14.4 − 10)/(25 − 10) = 0.293; pace (25/12) − 1 = 108.33%
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2013, 10],
        [2014, 12],
      ]),
    });
    expect(r.checkpoint).toEqual({ year: 2015, value: 25, kind: 'milestone' });
    expect(r.milestones).toEqual([{ year: 2015, value: 25, observed: null, status: 'pending' }]);
    expect(r.outlook).toBe(0.293);
    expect(r.status).toBe('limited');
    expect(r.requiredAnnualPace?.value).toBeCloseTo(108.33, 2);
    // the path runs piecewise: 10 → 25 (2015) → 50 (2020)
    expect(r.requiredPath.find((p) => p.year === 2015)?.value).toBe(25);
  });

  it('keeps a passed milestone’s verdict and judges toward the target', () => {
    const met = judgeTarget({
      target: t,
      observations: obs([
        [2013, 10],
        [2014, 15],
        [2015, 26],
        [2016, 30],
      ]),
    });
    expect(met.milestones).toEqual([{ year: 2015, value: 25, observed: 26, status: 'achieved' }]);
    expect(met.checkpoint?.kind).toBe('target');
    const missed = judgeTarget({
      target: t,
      observations: obs([
        [2013, 10],
        [2014, 15],
        [2015, 20],
        [2016, 30],
      ]),
    });
    expect(missed.milestones[0]?.status).toBe('missed');
    expect(missed.checkpoint).toEqual({ year: 2020, value: 50, kind: 'target' });
  });
});

describe('targets that are not judged', () => {
  it('a value-unknown (masked) target is not assessable', () => {
    const r = judgeTarget({
      target: target({ value: null, valueUnknown: true, targetYear: null }),
      observations: obs([[2019, 5]]),
    });
    expect(r.status).toBe('not_assessable');
    expect(r.score).toBeNull();
    expect(r.explanation.en).toBe('The target value is masked in the source document; it cannot be judged.');
  });

  it('a qualitative milestone is not assessable until an outcome is recorded', () => {
    const t = target({ type: 'milestone', value: null, targetYear: 2017 });
    expect(judgeTarget({ target: t, observations: [] }).status).toBe('not_assessable');
    expect(judgeTarget({ target: t, observations: obs([[2017, 1]]) }).status).toBe('achieved');
    expect(judgeTarget({ target: t, observations: obs([[2017, 0]]), asOf: 2018 }).status).toBe('missed');
  });
});

describe('flags', () => {
  it('flags a share target above the plausible range with the plausible reading', () => {
    const r = judgeTarget({
      target: target({ indicatorKind: 'share', value: 25, plausibleMax: 10 }),
      observations: obs([[2017, 0.7]]),
    });
    expect(r.flags.find((f) => f.code === 'implausible_target')).toMatchObject({ values: [25], suggestedValue: 2.5 });
  });

  it('flags a jump of more than 5× between consecutive milestones (16 → 255)', () => {
    const r = judgeTarget({ target: target({ value: 255, milestones: [{ year: 2015, value: 16 }] }), observations: [] });
    expect(r.flags.find((f) => f.code === 'implausible_target')).toMatchObject({
      years: [2015, 2020],
      values: [16, 255],
      suggestedValue: 25.5,
    });
  });

  it('flags implausible values, sample data, revised figures, gaps and stale data, with their years', () => {
    const observations = [
      ...obs([
        [2014, 10],
        [2015, 40],
      ]),
      ...obs([[2016, 41]], { isSample: true }),
      ...obs([[2017, 42]], { revisionCount: 2, vintage: 'final' }),
    ];
    const r = judgeTarget({ target: target(), observations, asOf: 2020 });
    const flag = (code: string) => r.flags.find((f) => f.code === code);
    expect(flag('implausible_value')).toMatchObject({ years: [2015], values: [40] });
    expect(flag('sample_data')?.years).toEqual([2016]);
    expect(flag('revised')?.years).toEqual([2017]);
    expect(flag('data_gap')?.years).toEqual([2018, 2019, 2020]);
    expect(flag('stale')?.years).toEqual([2017]);
  });

  it('flags a share outside 0–100%', () => {
    const r = judgeTarget({
      target: target({ indicatorKind: 'share', value: 50 }),
      observations: obs([
        [2014, 20],
        [2015, 120],
      ]),
    });
    expect(r.flags.find((f) => f.code === 'implausible_value')?.years).toContain(2015);
  });
});

describe('direction', () => {
  it('judges an at-most target the other way round', () => {
    // vented gas ≤ 4.5 by 2020: 6 → 5.5 → 5; straight (small) → ŷ2020 = 5 − 0.5·3 = 3.5; P = (6 − 3.5)/(6 − 4.5) > 1
    const t = target({ comparator: 'at_most', direction: 'down', value: 4.5, periodStart: 2015 });
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2015, 6],
        [2016, 5.5],
        [2017, 5],
      ]),
    });
    expect(r.status).toBe('on_track');
    expect(
      judgeTarget({
        target: t,
        observations: obs([
          [2015, 6],
          [2016, 4],
        ]),
      }).status,
    ).toBe('achieved');
  });
});

describe('a target whose printed value differs from its reading', () => {
  it('is judged on the reading and flagged with the printed value (Lüliang R&D "25%" read as 2.5%)', () => {
    const t = target({
      indicatorKind: 'share',
      type: 'share',
      value: 2.5,
      valueAsPrinted: 25,
      plausibleMax: 10,
      unitZh: '%',
      unitEn: '%',
    });
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2017, 0.6],
        [2018, 0.65],
        [2019, 0.7],
      ]),
    });
    expect(r.inputs.targetValue).toBe(2.5);
    const flag = r.flags.find((f) => f.code === 'implausible_target');
    expect(flag).toMatchObject({ values: [25], suggestedValue: 2.5 });
    expect(flag?.detail).toMatch(/outside the plausible range/);
  });
});

describe('explanations, read aloud', () => {
  it('multiplies out an English unit that begins with a number: 145 亿元 is 14.5 billion yuan', () => {
    const t = target({ indicatorKind: 'money', value: 145, unitZh: '亿元', unitEn: '100 million yuan' });
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2013, 50],
        [2014, 60],
        [2015, 70],
      ]),
    });
    expect(r.explanation.en).toMatch(/to reach 14\.5 billion yuan by 2020/);
    expect(r.explanation.en).toMatch(/projected at [\d.]+ (?:million|billion) yuan/);
    expect(r.explanation.en).not.toMatch(/100 million|×/);
    expect(r.explanation.zh).toMatch(/才能在2020年达到145亿元；2013–2015年实际年均增长/);
  });

  it('keeps the years and values of implausible figures paired, in year order', () => {
    const t = target({ indicatorKind: 'share', value: 50 });
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2014, 120],
        [2015, 20],
        [2016, 80],
      ]),
    });
    const flag = r.flags.find((f) => f.code === 'implausible_value');
    expect(flag?.years).toEqual([2014, 2015, 2016]);
    expect(flag?.values).toEqual([120, 20, 80]);
  });
});

// Issue 11, "Honest verdicts": one block per numbered point, each with the minimal case of the issue.

/** The Lüliang high-tech firms series of the seed: published 26 (2017) and 84 (2021), sample figures between. */
const lvliangHighTech = (): ProgressObservation[] => [
  ...obs(
    [
      [2013, 12],
      [2014, 14],
      [2015, 17],
      [2016, 21],
    ],
    { isSample: true },
  ),
  ...obs([[2017, 26]]),
  ...obs(
    [
      [2018, 33],
      [2019, 45],
      [2020, 62],
    ],
    { isSample: true },
  ),
  ...obs([[2021, 84]], { vintage: 'preliminary' }),
];

describe('issue 11 point 1: a verdict resting on sample figures says so', () => {
  const r = judgeTarget({ target: target({ unitZh: '家' }), observations: lvliangHighTech() });

  it('names the sample figures it used, and gives the verdict on the published figures alone', () => {
    // Frozen at 2020, whose figure (62) is a sample one: missed on a sample figure.
    expect(r.status).toBe('missed');
    expect(r.basis).toBe('sample');
    expect(r.sampleFigures.map((f) => f.year)).toEqual([2013, 2014, 2015, 2016, 2018, 2019, 2020]);
    expect(r.sampleFigures.every((f) => f.series === 'own')).toBe(true);
    // The published 26 (2017) and 84 (2021) alone: no figure for 2020, the first after it meets 80.
    expect(r.publishedOnly?.status).toBe('met_late');
  });

  it('never quotes a sample figure without its label', () => {
    expect(r.explanation.zh).toBe(
      '未达成：目标年2020年要求≥80家，2020年为62家（示例数据）。判断依据含示例数据（2013–2016、2018–2020年），并非公布数字。仅按公布数据（2017、2021年）：逾期达成，2021年为84家。',
    );
    expect(r.explanation.en).toBe(
      'Missed: the target for 2020 was ≥ 80 firms; 2020: 62 firms (sample). This verdict rests on sample figures (2013–2016, 2018–2020), not published ones. On published figures alone (2017, 2021): met late, 2021: 84 firms.',
    );
  });

  it('rests on published figures when none used is a sample, and on nothing when nothing was judged', () => {
    const published = judgeTarget({ target: target(), observations: obs([[2017, 26]]) });
    expect(published.basis).toBe('published');
    expect(published.sampleFigures).toEqual([]);
    expect(published.publishedOnly).toBeNull();
    expect(judgeTarget({ target: target(), observations: [] }).basis).toBeNull();
  });

  it('counts a benchmark sample figure as a sample figure used', () => {
    const t = target({ type: 'benchmark', indicatorKind: 'share', value: null, unitZh: '%', unitEn: '%' });
    const r2 = judgeTarget({
      target: t,
      observations: obs([
        [2015, 2.5],
        [2016, 2.6],
      ]),
      benchmark: [
        { year: 2015, value: 2.07, vintage: 'final', isSample: false, revisionCount: 1 },
        { year: 2016, value: 2.11, vintage: 'final', isSample: true, revisionCount: 1 },
      ],
    });
    expect(r2.basis).toBe('sample');
    expect(r2.sampleFigures).toEqual([{ year: 2016, value: 2.11, series: 'benchmark' }]);
    expect(r2.explanation.zh).toContain('基准为2.11%（示例数据）');
  });

  it('rolls up judged targets on published figures apart from those on sample figures', () => {
    const published = judgeTarget({ target: target(), observations: obs([[2021, 84]]) });
    const roll = rollup([r, published, judgeTarget({ target: target(), observations: [] })]);
    expect(roll.judgedOnSample).toBe(1);
    expect(roll.judgedOnPublished).toBe(1);
    expect(roll.scoredCount).toBe(2);
  });
});

describe('issue 11 point 2: no "missed" without a figure for the target year', () => {
  it('≥ 80 by 2020 with 26 (2017) and 84 (2021): met late, on the 2021 figure, said so', () => {
    const r = judgeTarget({
      target: target({ unitZh: '家' }),
      observations: obs([
        [2017, 26],
        [2021, 84],
      ]),
    });
    expect(r.status).toBe('met_late');
    expect(r.outlookReason).toBe('judged_on_later_figure');
    expect(r.score).toBe(2.5);
    expect(r.inputs.observations.map((o) => o.year)).toEqual([2017, 2021]);
    expect(r.explanation.zh).toBe('逾期达成：目标年2020年无数据，此前最近的2017年为26家；2021年为84家，达到目标≥80家。');
  });

  it('a later figure that falls short: missed on that figure, said so', () => {
    const r = judgeTarget({
      target: target(),
      observations: obs([
        [2017, 26],
        [2021, 75],
        [2022, 90],
      ]),
    });
    // The first figure after the target year decides; 2022 does not reopen the verdict.
    expect(r.status).toBe('missed');
    expect(r.score).toBe(-5);
    expect(r.explanation.en).toBe(
      'Missed: the target for 2020 was ≥ 80 firms; no figure for 2020, and the first later one, 2021: 75 firms, falls short.',
    );
  });

  it('nothing after the target year: insufficient data with the reason, not a guess', () => {
    const r = judgeTarget({ target: target(), observations: obs([[2017, 26]]), asOf: 2021 });
    expect(r.status).toBe('insufficient_data');
    expect(r.outlookReason).toBe('no_value_for_target_year');
    expect(r.score).toBeNull();
    expect(r.explanation.zh).toBe('目标年2020年已过，但2020年及以后均无数据（最近的数据：2017年为26户），无法判断是否达成。');
  });

  it('met before the target year and again after it, with no figure for it: achieved', () => {
    const r = judgeTarget({
      target: target(),
      observations: obs([
        [2019, 85],
        [2021, 90],
      ]),
    });
    expect(r.status).toBe('achieved');
  });

  it('met late has its place among the statuses: score 2.5, between accelerate and on track', () => {
    expect(STATUS_SCORE.met_late).toBe(2.5);
    expect(scoreFromOutlook(0.949)).toBeLessThan(2.5);
    expect(scoreFromOutlook(0.95)).toBeGreaterThanOrEqual(2.5);
  });
});

describe('issue 11 point 3: benchmark targets judged year by year, in the benchmark’s own years', () => {
  const t = target({
    type: 'benchmark',
    indicatorKind: 'share',
    value: null,
    periodStart: 2016,
    unitZh: '%',
    unitEn: '%',
  });
  const national = bench([
    [2016, 2.11],
    [2017, 2.13],
    [2019, 2.24],
    [2020, 2.41],
    [2021, 2.44],
  ]);
  const above = obs([
    [2016, 2.5],
    [2017, 2.55],
    [2018, 2.6],
    [2020, 2.63],
  ]);

  it('a region above the benchmark every year is achieved; a year without a benchmark figure is not a failure', () => {
    const r = judgeTarget({ target: t, observations: above, benchmark: national, asOf: 2021 });
    expect(r.status).toBe('achieved');
    // 2018 has no benchmark figure: not judged, not failed.
    expect(r.years.map((y) => y.year)).toEqual([2016, 2017, 2020]);
    expect(r.explanation.zh).toBe('已达成：每年需达到基准地区同年水平；有基准数据的3年中3年达到，2020年为2.63%，基准为2.41%。');
  });

  it('never puts a benchmark figure after the as-of year into the required path', () => {
    const r = judgeTarget({ target: t, observations: above, benchmark: national, asOf: 2018 });
    expect(r.requiredPath.map((p) => p.year)).toEqual([2016, 2017]);
    expect(r.inputs.benchmark.every((b) => b.year <= 2018)).toBe(true);
    expect(r.status).toBe('achieved');
    const frozen = judgeTarget({ target: t, observations: above, benchmark: national, asOf: 2021 });
    // Frozen at the target year: not even the 2021 benchmark.
    expect(frozen.requiredPath.map((p) => p.year)).toEqual([2016, 2017, 2019, 2020]);
  });

  it('a year below the benchmark once the period is over: missed, naming the year', () => {
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2016, 2.5],
        [2017, 2.0],
        [2020, 2.63],
      ]),
      benchmark: national,
      asOf: 2021,
    });
    expect(r.status).toBe('missed');
    expect(r.explanation.en).toContain('met in 2 of 3 years with a benchmark figure (not met: 2017)');
  });
});

describe('issue 11 point 4: cumulative targets, where an unpublished year is unknown, not zero', () => {
  const t = target({
    type: 'cumulative',
    indicatorKind: 'flow',
    value: 200,
    targetYear: 2021,
    periodStart: 2019,
    periodEnd: 2021,
    unitZh: '项',
    unitEn: 'items',
  });

  it('80 + (not published) + 80 against 200: not missed; the missing year is projected and named', () => {
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2019, 80],
        [2020, null],
        [2021, 80],
      ]),
    });
    expect(r.status).toBe('insufficient_data');
    expect(r.outlookReason).toBe('years_missing');
    expect(r.cumulative).toEqual({ actual: 160, required: 133.333333, missingYears: [2020] });
    // 160 + 80 for the missing year = 240 ≥ 200
    expect(r.projectedValue).toBe(240);
    expect(r.explanation.zh).toContain('2020年（1年）数据未公布，未计入');
    expect(r.explanation.zh).toContain('2021年累计预计240项，目标200项');
  });

  it('before the target year, a missing year is projected like the years to come', () => {
    // 2018–2021, 300 in total: 80 + ? + 80 known by 2020; 160 + 80·(1 missing + 1 to come) = 320 → P = 1.067
    const r = judgeTarget({
      target: target({ ...t, value: 300, periodStart: 2018 }),
      observations: obs([
        [2018, 80],
        [2019, null],
        [2020, 80],
      ]),
    });
    expect(r.status).toBe('on_track');
    expect(r.projectedValue).toBe(320);
    expect(r.cumulative?.missingYears).toEqual([2019]);
    // (300 − 160) / 2 unknown years = 70 a year
    expect(r.requiredAnnualPace?.value).toBe(70);
  });

  it('judges interim cumulative milestones once their year has passed', () => {
    const lowCarbon = target({
      type: 'cumulative',
      indicatorKind: 'flow',
      value: 50,
      milestones: [{ year: 2015, value: 10 }],
      unitZh: '名',
      unitEn: 'people',
    });
    const r = judgeTarget({
      target: lowCarbon,
      observations: obs([
        [2014, 4],
        [2015, 7],
        [2016, 6],
      ]),
    });
    expect(r.milestones).toEqual([{ year: 2015, value: 10, observed: 11, status: 'achieved' }]);
    const short = judgeTarget({
      target: lowCarbon,
      observations: obs([
        [2014, 4],
        [2015, 5],
        [2016, 6],
      ]),
    });
    expect(short.milestones[0]?.status).toBe('missed');
    // No figure at all, long after 2015: the milestone has no data; it is no longer "pending".
    const none = judgeTarget({ target: lowCarbon, observations: [], asOf: 2021 });
    expect(none.milestones[0]?.status).toBe('no_data');
  });
});

describe('issue 11 point 5: statuses their explanation contradicts', () => {
  it('interim milestones: a better latest figure never gives a worse status (≥ 300 by 2020, 125 in 2018)', () => {
    const t = target({ value: 300, milestones: [{ year: 2018, value: 125 }] });
    const series = (latest: number) =>
      judgeTarget({
        target: t,
        observations: obs([
          [2014, 100],
          [2015, 105],
          [2016, 110],
          [2017, latest],
        ]),
      });
    const short = series(120);
    const past = series(126);
    // 120: toward 125 in 2018 it is on track, toward 300 in 2020 it is not: the worse outlook decides.
    // (120/100)^(1/3) = 6.27%; ŷ2020 = 120·1.0627³ = 144.0; P = 44.0/200 = 0.22
    expect(short.checkpoint).toEqual({ year: 2020, value: 300, kind: 'target' });
    expect(short.status).toBe('limited');
    expect(short.outlook).toBeCloseTo(0.22, 2);
    // 126 passes the milestone: (1.26)^(1/3) = 8.01%; ŷ2020 = 126·1.0801³ = 158.8; P = 0.294
    expect(past.status).toBe('limited');
    expect(past.outlook).toBeGreaterThan(short.outlook ?? 0);
  });

  it('small counts (< 10) are projected on a straight line: 1, 1, 2, 3 toward ≥ 8 is not on track', () => {
    const r = judgeTarget({
      target: target({ value: 8, periodStart: 2018, targetYear: 2023 }),
      observations: obs([
        [2017, 1],
        [2018, 1],
        [2019, 2],
        [2020, 3],
      ]),
    });
    // slope (3 − 1)/3 = 0.667; ŷ2023 = 3 + 2 = 5; P = (5 − 1)/(8 − 1) = 0.571
    expect(r.projectedValue).toBe(5);
    expect(r.outlook).toBe(0.571);
    expect(r.status).toBe('limited');
    expect(r.explanation.en).toContain('needs +1.67 firms a year to reach 8 firms by 2023; 2017–2020 actual: +0.67 firms a year');
  });

  it('keeps figures from before the period in the trend when fewer than five remain', () => {
    // Period 2019–2021: in it (from the 2018 base) only 2018–2020; the trend takes 2016–2020.
    const r = judgeTarget({
      target: target({ value: 200, periodStart: 2019, periodEnd: 2021, targetYear: 2021 }),
      observations: obs([
        [2015, 50],
        [2016, 60],
        [2017, 70],
        [2018, 80],
        [2019, 90],
        [2020, 100],
      ]),
    });
    expect(r.base).toEqual({ year: 2018, value: 80, source: 'observed_before_period' });
    expect(r.inputs.observations.map((o) => o.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(r.confidence).toBe('normal');
    // (100/60)^(1/4) − 1 = 13.62%; ŷ2021 = 113.6
    expect(r.projectedValue).toBeCloseTo(113.62, 1);
  });

  it('per-year ceilings count the years met correctly', () => {
    const r = judgeTarget({
      target: target({ type: 'per_year', indicatorKind: 'flow', comparator: 'at_most', direction: 'down', value: 5 }),
      observations: obs([
        [2014, 3],
        [2015, 4],
      ]),
    });
    expect(r.years.every((y) => y.met)).toBe(true);
    expect(r.explanation.en).toContain('met in 2 of 2 years with data');
  });

  it('a deliverable recorded done after its year is met late, not "no recorded outcome"', () => {
    const t = target({ type: 'milestone', value: null, targetYear: 2017 });
    const late = judgeTarget({
      target: t,
      observations: obs([
        [2017, 0],
        [2018, 1],
      ]),
    });
    expect(late.status).toBe('met_late');
    expect(late.explanation.zh).toBe('逾期完成：2017年到期，2018年记录为完成。');
    expect(judgeTarget({ target: t, observations: obs([[2019, 1]]) }).status).toBe('met_late');
  });

  it('a cumulative sum of huge flows is not assessable, with finite numbers only', () => {
    const r = judgeTarget({
      target: target({ type: 'cumulative', indicatorKind: 'flow', value: 200 }),
      observations: obs([
        [2014, 1e308],
        [2015, 1e308],
      ]),
    });
    expect(r.status).toBe('not_assessable');
    expect(r.outlookReason).toBe('figures_out_of_range');
    expect(JSON.stringify(r)).not.toMatch(/Infinity|NaN|null,"value":null/);
    expect(r.explanation.en).toBe('The figures are too large to compute with; it cannot be judged.');
  });
});

describe('issue 11 point 6: scores that order like their statuses', () => {
  it('a missed target scores −5, never above any open status', () => {
    // Missed at 2020 with 75 of 80 from 70: 50% of the way, once scored +… on that progress; now −5.
    const missed = judgeTarget({
      target: target(),
      observations: obs([
        [2019, 70],
        [2020, 75],
      ]),
      asOf: 2020,
    });
    expect(missed.status).toBe('missed');
    expect(missed.score).toBe(-5);
    // The lowest open score is moving away at P ≤ −0.6: −5.
    expect(scoreFromOutlook(-10)).toBe(-5);
  });

  it('the plan mean counts only judged targets, says how many, and is a headline only from half judged', () => {
    const judged = { status: 'accelerate' as const, score: 0.38, basis: 'published' as const };
    const notJudged = { status: 'insufficient_data' as const, score: null, basis: 'published' as const };
    const few = rollup([judged, notJudged, notJudged]);
    expect(few.meanScore).toBe(0.38);
    expect(few.scoredCount).toBe(1);
    expect(few.meanScoreIsHeadline).toBe(false);
    const half = rollup([judged, { ...judged, status: 'missed', score: -5 }, notJudged, notJudged]);
    expect(half.meanScore).toBe(-2.31);
    expect(half.scoredCount).toBe(2);
    expect(half.meanScoreIsHeadline).toBe(true);
  });
});

describe('issue 11 point 7: every sentence lets a reader redo it', () => {
  it('gives the projection and the outlook in words, with the years of the trend', () => {
    const r = judgeTarget({
      target: target({ unitZh: '家' }),
      observations: obs([
        [2016, 40],
        [2017, 46],
        [2018, 52],
        [2019, 60],
      ]),
    });
    // (60/40)^(1/3) − 1 = 14.47%; ŷ2020 = 68.7; base 2016 (first observed) = 40: P = 28.7/40 = 0.717
    expect(r.status).toBe('accelerate');
    expect(
      r.explanation.zh.startsWith('按2016–2019年趋势，2020年预计68.7家，目标80家（预计完成2016年以来所需变化的72%）；'),
    ).toBe(true);
    expect(
      r.explanation.en.startsWith('On the 2016–2019 trend, 2020 is projected at 68.7 firms against a target of 80 firms'),
    ).toBe(true);
  });

  it('labels a trend that includes sample figures', () => {
    const r = judgeTarget({ target: target({ unitZh: '家' }), observations: lvliangHighTech(), asOf: 2019 });
    expect(r.explanation.zh).toMatch(/^按2015–2019年趋势（含示例数据），2020年预计/);
  });
});
