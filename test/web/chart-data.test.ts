import { describe, expect, it } from 'vitest';
import {
  BAND_WIDENING,
  buildCompareRows,
  buildPlanPathRows,
  buildTargetRows,
  goalMarkers,
  niceStep,
  observedSeries,
  pointMark,
  projectionBand,
  type SeriesObservation,
  sampleSpans,
  targetChartValues,
  targetLineValue,
  valueAxis,
  yearsWithoutData,
  yearTicks,
} from '../../web/src/features/charts/chartData.js';
import { targetChartModel } from '../../web/src/features/charts/targetChartModel.js';

/** A published figure, final, stored once, unless told otherwise. */
function obs(year: number, value: number | null, extra: Partial<SeriesObservation> = {}): SeriesObservation {
  return {
    year,
    value,
    vintage: 'final',
    isSample: false,
    revisionCount: 1,
    sourceTitle: `bulletin ${year}`,
    sourceUrl: null,
    ...extra,
  };
}

describe('vintage and sample markers', () => {
  it('marks preliminary figures as triangles, revised ones as squares, the rest as circles', () => {
    expect(pointMark({ vintage: 'final', revisionCount: 1 })).toBe('final');
    expect(pointMark({ vintage: 'preliminary', revisionCount: 1 })).toBe('preliminary');
    // The national 2017 R&D intensity: published as 2.12 (preliminary), then 2.13 (final): revised.
    expect(pointMark({ vintage: 'final', revisionCount: 2 })).toBe('revised');
    expect(pointMark({ vintage: 'revised', revisionCount: 1 })).toBe('revised');
    // Still preliminary after a correction: not final yet, so it stays a triangle.
    expect(pointMark({ vintage: 'preliminary', revisionCount: 2 })).toBe('preliminary');
  });

  it('keeps one figure a year, up to the as-of year, and names the unpublished years', () => {
    const series = observedSeries(
      [
        obs(2015, 2.07),
        obs(2016, null, { published: false }),
        obs(2017, 2.12, { vintage: 'preliminary' }),
        obs(2017, 2.13, { revisionCount: 2 }),
        obs(2018, 2.19),
        obs(2020, 2.4, { vintage: 'preliminary', isSample: true }),
      ],
      { asOf: 2017 },
    );
    expect(series.unpublished).toEqual([2016]);
    expect(series.points.map((p) => [p.year, p.value, p.mark, p.isSample])).toEqual([
      [2015, 2.07, 'final', false],
      [2017, 2.13, 'revised', false],
    ]);
    expect(series.points[1]?.sourceTitle).toBe('bulletin 2017');

    const all = observedSeries([obs(2019, 1.5), obs(2020, 2.4, { vintage: 'preliminary', isSample: true })]);
    expect(all.points.map((p) => [p.year, p.mark, p.isSample])).toEqual([
      [2019, 'final', false],
      [2020, 'preliminary', true],
    ]);
  });

  it('draws a cumulative target as running totals from the first year of the period', () => {
    const series = observedSeries([obs(2013, 5), obs(2014, 3), obs(2015, 4), obs(2016, 2)], { cumulativeFrom: 2014 });
    expect(series.points.map((p) => [p.year, p.value, p.flow])).toEqual([
      [2014, 3, 3],
      [2015, 7, 4],
      [2016, 9, 2],
    ]);
  });

  it('finds the stretches of sample figures, so the chart labels each where it is', () => {
    const points = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020].map((year) => ({ year, isSample: year !== 2017 }));
    expect(sampleSpans(points)).toEqual([
      { from: 2013, to: 2016 },
      { from: 2018, to: 2020 },
    ]);
    expect(sampleSpans([{ year: 2021, isSample: false }])).toEqual([]);
  });
});

describe('the projection band', () => {
  const projection = [
    { year: 2017, value: 0.56 },
    { year: 2018, value: 0.507 },
    { year: 2019, value: 0.486 },
    { year: 2020, value: 0.465 },
  ];

  it('starts at the latest figure and widens by 5% of the value for each year ahead', () => {
    expect(BAND_WIDENING).toEqual({ normal: 0.05, low_confidence: 0.1 });
    expect(projectionBand(projection, 'normal')).toEqual([
      { year: 2017, low: 0.56, high: 0.56 },
      { year: 2018, low: 0.48165, high: 0.53235 },
      { year: 2019, low: 0.4374, high: 0.5346 },
      { year: 2020, low: 0.39525, high: 0.53475 },
    ]);
  });

  it('widens twice as fast when the outlook is of low confidence', () => {
    expect(projectionBand(projection, 'low_confidence')).toEqual([
      { year: 2017, low: 0.56, high: 0.56 },
      { year: 2018, low: 0.4563, high: 0.5577 },
      { year: 2019, low: 0.3888, high: 0.5832 },
      { year: 2020, low: 0.3255, high: 0.6045 },
    ]);
  });

  it('never goes below zero for a quantity that cannot be negative, but may for one that can', () => {
    expect(
      projectionBand(
        [
          { year: 2019, value: 1 },
          { year: 2030, value: 0.5 },
        ],
        'low_confidence',
      ),
    ).toEqual([
      { year: 2019, low: 1, high: 1 },
      { year: 2030, low: 0, high: 1.05 },
    ]);
    expect(
      projectionBand(
        [
          { year: 2019, value: 1 },
          { year: 2020, value: -0.5 },
        ],
        null,
      ),
    ).toEqual([
      { year: 2019, low: 1, high: 1 },
      { year: 2020, low: -0.525, high: -0.475 },
    ]);
    expect(projectionBand([], 'normal')).toEqual([]);
  });
});

describe('rows by year', () => {
  it('merges the observed series, required path, projection, band and benchmark, keeping gaps', () => {
    const observed = observedSeries([obs(2013, 0.63), obs(2015, 0.55)]);
    const projection = [
      { year: 2015, value: 0.55 },
      { year: 2016, value: 0.5 },
    ];
    const rows = buildTargetRows({
      observed,
      requiredPath: [
        { year: 2013, value: 0.63 },
        { year: 2014, value: 0.9 },
        { year: 2015, value: 1.2 },
      ],
      projection,
      band: projectionBand(projection, 'normal'),
      benchmark: observedSeries([obs(2014, 2.02)]),
    });
    expect(rows.map((r) => r.year)).toEqual([2013, 2014, 2015, 2016]);
    expect(rows.map((r) => r.observed)).toEqual([0.63, null, 0.55, null]);
    expect(rows.map((r) => r.required)).toEqual([0.63, 0.9, 1.2, null]);
    expect(rows.map((r) => r.projection)).toEqual([null, null, 0.55, 0.5]);
    expect(rows.map((r) => r.band)).toEqual([null, null, [0.55, 0.55], [0.475, 0.525]]);
    expect(rows.map((r) => r.benchmark)).toEqual([null, 2.02, null, null]);
    expect(rows.map((r) => r.benchmarkPoint?.mark ?? null)).toEqual([null, 'final', null, null]);
    expect(rows[1]?.observedPoint).toBeNull();
  });

  it('keeps an unpublished year as such, never as zero', () => {
    const rows = buildTargetRows({
      observed: observedSeries([obs(2019, 5), obs(2020, null, { published: false }), obs(2021, 8)]),
      requiredPath: [],
      projection: [],
      band: [],
    });
    expect(rows.map((r) => [r.year, r.observed, r.unpublished])).toEqual([
      [2019, 5, false],
      [2020, null, true],
      [2021, 8, false],
    ]);
    expect(buildTargetRows({ observed: observedSeries([]), requiredPath: [], projection: [], band: [] })).toEqual([]);
  });

  it('sets regions side by side, and plans’ paths beside one region’s figures', () => {
    const rows = buildCompareRows([
      { key: 'region_141100', points: observedSeries([obs(2017, 0.56, { isSample: true }), obs(2021, 0.74)]).points },
      { key: 'region_100000', points: observedSeries([obs(2017, 2.13, { revisionCount: 2 }), obs(2018, 2.19)]).points },
    ]);
    expect(rows.map((r) => [r.year, r.values.region_141100, r.values.region_100000])).toEqual([
      [2017, 0.56, 2.13],
      [2018, null, 2.19],
      [2019, null, null],
      [2020, null, null],
      [2021, 0.74, null],
    ]);
    expect(rows[0]?.points.region_141100?.isSample).toBe(true);
    expect(rows[0]?.points.region_100000?.mark).toBe('revised');

    const paths = buildPlanPathRows(observedSeries([obs(2018, 10), obs(2019, 15)]), [
      { id: 46, requiredPath: [2017, 2018, 2019].map((year) => ({ year, value: 10 })) },
      {
        id: 60,
        requiredPath: [
          { year: 2018, value: 10 },
          { year: 2019, value: 11 },
        ],
      },
    ]);
    expect(paths.map((r) => [r.year, r.observed, r.paths['46'], r.paths['60']])).toEqual([
      [2017, null, 10, null],
      [2018, 10, 10, 10],
      [2019, 15, 10, 11],
    ]);
  });
});

describe('the target and its milestones', () => {
  const level = {
    type: 'level' as const,
    value: 50,
    valueMin: null,
    valueMax: null,
    valueUnknown: false,
    targetYear: 2020,
    milestones: [{ year: 2015, value: 25 }],
  };

  it('marks the target at its year and each milestone with its verdict', () => {
    expect(goalMarkers(level, { inputs: { targetValue: 50 }, milestones: [{ year: 2015, status: 'missed' }] })).toEqual([
      { kind: 'milestone', year: 2015, value: 25, status: 'missed' },
      { kind: 'target', year: 2020, value: 50, status: null },
    ]);
    // Not yet judged: the milestone is marked all the same, without a verdict.
    expect(goalMarkers(level, null)).toEqual([
      { kind: 'milestone', year: 2015, value: 25, status: null },
      { kind: 'target', year: 2020, value: 50, status: null },
    ]);
  });

  it('uses the level the engine judges against: a growth target’s end level, a misprint’s plausible reading', () => {
    const growth = { ...level, type: 'annual_growth' as const, value: 10, milestones: [] };
    expect(goalMarkers(growth, { inputs: { targetValue: 3.5466651220000025 }, milestones: [] })).toEqual([
      { kind: 'target', year: 2020, value: 3.546665122, status: null },
    ]);
    // A growth rate is not a level: without the engine's level there is nothing to mark.
    expect(goalMarkers(growth, null)).toEqual([]);
    const misprint = { ...level, type: 'share' as const, value: 2.5, milestones: [] };
    expect(goalMarkers(misprint, { inputs: { targetValue: 2.5 }, milestones: [] })).toEqual([
      { kind: 'target', year: 2020, value: 2.5, status: null },
    ]);
  });

  it('marks both bounds of a range, and nothing for a benchmark target (its goal is the benchmark every year), a deliverable or a masked value', () => {
    const range = { ...level, type: 'range' as const, value: null, valueMin: 2, valueMax: 3, milestones: [] };
    const markers = goalMarkers(range, null);
    expect(markers).toEqual([
      { kind: 'range_low', year: 2020, value: 2, status: null },
      { kind: 'range_high', year: 2020, value: 3, status: null },
    ]);
    expect(targetLineValue(markers)).toBe(2);
    const benchmark = { ...level, type: 'benchmark' as const, value: null, milestones: [] };
    expect(goalMarkers(benchmark, null)).toEqual([]);
    // Judged year by year against the benchmark's own figures: no single point stands for its goal.
    expect(goalMarkers(benchmark, { inputs: { targetValue: null }, milestones: [] })).toEqual([]);
    expect(goalMarkers({ ...level, type: 'milestone', value: null }, null)).toEqual([]);
    expect(goalMarkers({ ...level, valueUnknown: true, value: null }, null)).toEqual([]);
    expect(targetLineValue(goalMarkers(level, null))).toBe(50);
    expect(targetLineValue([])).toBeNull();
  });
});

describe('axes', () => {
  it('steps by round numbers', () => {
    expect([0.5, 0.625, 5, 16.8, 0.2, 3, 0, Number.NaN].map(niceStep)).toEqual([0.5, 1, 5, 20, 0.2, 5, 1, 1]);
  });

  it('keeps a target far above the data on the chart, with headroom, from zero', () => {
    // Lüliang's R&D intensity (0.52–0.74%) against the 2.5% target.
    expect(valueAxis([0.63, 0.59, 0.55, 0.52, 0.56, 0.62, 0.67, 0.71, 0.74, 2.5])).toEqual({
      domain: [0, 3],
      ticks: [0, 0.5, 1, 1.5, 2, 2.5, 3],
      fitted: false,
    });
    // The misprinted reading, 25%, would still be drawn: the axis always includes the target.
    expect(valueAxis([0.56, 0.74, 25])).toEqual({ domain: [0, 30], ticks: [0, 5, 10, 15, 20, 25, 30], fitted: false });
    // High-tech firms, 12 → 84 against 80.
    expect(valueAxis([12, 26, 62, 84, 80])).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100], fitted: false });
  });

  it('spans negative values, and has a sensible axis with nothing or only zeros', () => {
    expect(valueAxis([-3, 4])).toEqual({ domain: [-4, 6], ticks: [-4, -2, 0, 2, 4, 6], fitted: false });
    expect(valueAxis([])).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], fitted: false });
    expect(valueAxis([0, 0, null, undefined, Number.NaN])).toEqual({
      domain: [0, 1.2],
      ticks: [0, 0.2, 0.4, 0.6, 0.8, 1, 1.2],
      fitted: false,
    });
  });

  it('collects every value the chart must show, the band and the goals included', () => {
    const observed = observedSeries([obs(2019, 1)]);
    const rows = buildTargetRows({
      observed,
      requiredPath: [{ year: 2020, value: 2 }],
      projection: [{ year: 2020, value: 1.5 }],
      band: [{ year: 2020, low: 1.2, high: 1.8 }],
    });
    expect(targetChartValues(rows, [{ kind: 'milestone', year: 2019, value: 9, status: null }]).sort((a, b) => a - b)).toEqual([
      1, 1.2, 1.5, 1.8, 2, 9,
    ]);
  });

  it('labels every year up to twelve, every second year beyond, ending on the last', () => {
    expect(yearTicks(2013, 2020)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(yearTicks(2001, 2020)).toEqual([2002, 2004, 2006, 2008, 2010, 2012, 2014, 2016, 2018, 2020]);
    expect(yearTicks(2020, 2019)).toEqual([]);
  });

  it('lists the years without a figure', () => {
    expect(yearsWithoutData([2014, 2015, 2016, 2017, 2018], 2014, 2021)).toEqual([2019, 2020, 2021]);
    expect(yearsWithoutData([], 2019, 2019)).toEqual([2019]);
    expect(yearsWithoutData([2019], 2019, 2019)).toEqual([]);
  });
});

describe('one target’s chart model', () => {
  it('shapes the Lüliang R&D chart as of 2017: sample stretch, projection with band, target far above', () => {
    const model = targetChartModel({
      target: {
        type: 'share',
        value: 2.5,
        valueMin: null,
        valueMax: null,
        valueUnknown: false,
        targetYear: 2020,
        milestones: [],
      },
      result: {
        requiredPath: [
          { year: 2013, value: 0.63 },
          { year: 2020, value: 2.5 },
        ],
        projection: [
          { year: 2017, value: 0.56 },
          { year: 2020, value: 0.465 },
        ],
        confidence: 'normal',
        inputs: { targetValue: 2.5 },
        milestones: [],
      },
      observations: [obs(2013, 0.63, { isSample: true }), obs(2017, 0.56, { isSample: true }), obs(2021, 0.74)],
      benchmark: [],
      asOf: 2017,
    });
    // The 2021 figure was not known in 2017.
    expect(model.observed.points.map((p) => p.year)).toEqual([2013, 2017]);
    expect(model.rows.map((r) => r.year)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(model.rows.find((r) => r.year === 2020)?.band).toEqual([0.39525, 0.53475]);
    expect(model.markers).toEqual([{ kind: 'target', year: 2020, value: 2.5, status: null }]);
    expect(model.targetLine).toBe(2.5);
    expect(model.axis.domain).toEqual([0, 3]);
    expect(model.years).toEqual({ domain: [2013, 2020], ticks: [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020] });
    expect(model.sampleSpans).toEqual([
      { from: 2013, to: 2013 },
      { from: 2017, to: 2017 },
    ]);
    expect(model.empty).toBe(false);
  });

  it('draws a benchmark target against its benchmark, and a cumulative one as running totals', () => {
    const benchmark = targetChartModel({
      target: {
        type: 'benchmark',
        value: null,
        valueMin: null,
        valueMax: null,
        valueUnknown: false,
        targetYear: 2020,
        milestones: [],
      },
      result: {
        requiredPath: [{ year: 2017, value: 2.13 }],
        projection: [],
        confidence: null,
        inputs: { targetValue: null },
        milestones: [],
      },
      observations: [obs(2017, 1.1)],
      benchmark: [obs(2017, 2.13, { revisionCount: 2 }), obs(2020, 2.4, { vintage: 'preliminary' })],
      asOf: null,
    });
    // The benchmark's own line is the goal, year by year: no target point.
    expect(benchmark.markers).toEqual([]);
    // The goal moves with the benchmark: no single target level is drawn across the period.
    expect(benchmark.targetLine).toBeNull();
    expect(benchmark.rows.map((r) => [r.year, r.observed, r.required, r.benchmark, r.benchmarkPoint?.mark ?? null])).toEqual([
      [2017, 1.1, null, 2.13, 'revised'],
      [2018, null, null, null, null],
      [2019, null, null, null, null],
      [2020, null, null, 2.4, 'preliminary'],
    ]);

    const cumulative = targetChartModel({
      target: {
        type: 'cumulative',
        value: 50,
        valueMin: null,
        valueMax: null,
        valueUnknown: false,
        targetYear: 2020,
        milestones: [{ year: 2015, value: 10 }],
      },
      result: {
        requiredPath: [2013, 2014, 2015].map((year, i) => ({ year, value: i * 7 })),
        projection: [],
        confidence: null,
        inputs: { targetValue: 50 },
        milestones: [{ year: 2015, status: 'achieved' }],
      },
      observations: [obs(2013, 99), obs(2014, 6), obs(2015, 8)],
      benchmark: [],
      asOf: null,
    });
    expect(cumulative.cumulativeFrom).toBe(2014);
    expect(cumulative.observed.points.map((p) => [p.year, p.value])).toEqual([
      [2014, 6],
      [2015, 14],
    ]);
    expect(cumulative.markers.map((m) => [m.kind, m.year, m.value, m.status])).toEqual([
      ['milestone', 2015, 10, 'achieved'],
      ['target', 2020, 50, null],
    ]);
  });

  it('is empty when there is neither a figure nor a path', () => {
    const model = targetChartModel({
      target: {
        type: 'level',
        value: 25.5,
        valueMin: null,
        valueMax: null,
        valueUnknown: false,
        targetYear: 2020,
        milestones: [{ year: 2015, value: 16 }],
      },
      result: { requiredPath: [], projection: [], confidence: null, inputs: { targetValue: null }, milestones: [] },
      observations: [],
      benchmark: [],
      asOf: null,
    });
    expect(model.empty).toBe(true);
    expect(model.markers.map((m) => m.kind)).toEqual(['milestone', 'target']);
  });
});
