import { describe, expect, it } from 'vitest';
import { judgeTarget } from '../../server/src/domain/progress/judge.js';
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
    expect(r.explanation.zh).toBe('需年均增长 45.5% 才能在2020年达到80户；2013–2017年实际年均增长 6.78%。');
    expect(r.explanation.en).toBe('Needs +45.5% a year to reach 80 firms by 2020; 2013–2017 actual: +6.78% a year.');
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
    expect(r.explanation.zh).toBe('需年均提高 1 个百分点才能在2021年达到2.6%；2018–2020年实际年均提高 0.1 个百分点。');
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
    expect(r.cumulative).toEqual({ actual: 26, required: 20 });
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
    expect(r.cumulative).toEqual({ actual: 37, required: 30 });
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
    expect(r.cumulative).toEqual({ actual: 130, required: 133.333333 });
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

describe('benchmark (a moving national average)', () => {
  const t = target({
    type: 'benchmark',
    indicatorKind: 'share',
    value: null,
    benchmarkRegionCode: '100000',
    unitZh: '%',
    unitEn: '%',
  } as Partial<ProgressTarget>);
  const national = bench([
    [2015, 2.07],
    [2016, 2.11],
    [2017, 2.13],
  ]);

  it('compares with the benchmark of the same year and projects both', () => {
    // own LS slope 0.1 → ŷ2020 = 1.5; benchmark LS slope 0.03 → 2.10333 + 0.03·4 = 2.2233
    // P = (1.5 − 1.0)/(2.2233 − 1.0) = 0.409 → limited
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2015, 1.0],
        [2016, 1.1],
        [2017, 1.2],
      ]),
      benchmark: national,
    });
    expect(r.status).toBe('limited');
    expect(r.inputs.targetValue).toBeCloseTo(2.2233, 4);
    // A projected goal is kept to 4 decimals: no floating noise reaches the API or the report.
    expect(r.inputs.targetValue).toBe(2.2233);
    expect(r.checkpoint?.value).toBe(2.2233);
    expect(r.outlook).toBeCloseTo(0.409, 3);
    expect(r.requiredPath).toEqual([
      { year: 2015, value: 2.07 },
      { year: 2016, value: 2.11 },
      { year: 2017, value: 2.13 },
    ]);
    expect(r.inputs.benchmark).toHaveLength(3);
  });

  it('is achieved when the latest year reaches that year’s benchmark', () => {
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2016, 1.5],
        [2017, 2.2],
      ]),
      benchmark: national,
    });
    expect(r.status).toBe('achieved');
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
  it('puts a multiplication sign before a unit that begins with a number', () => {
    const t = target({ indicatorKind: 'money', value: 145, unitZh: '亿元', unitEn: '100 million yuan' });
    const r = judgeTarget({
      target: t,
      observations: obs([
        [2013, 50],
        [2014, 60],
        [2015, 70],
      ]),
    });
    expect(r.explanation.en).toMatch(/to reach 145 × 100 million yuan by 2020/);
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
