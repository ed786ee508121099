import { describe, expect, it } from 'vitest';
import type { ProgressResult } from '../../web/src/api/types.js';
import {
  type ChartedTarget,
  compareGoals,
  fitsAxisToData,
  type SeriesObservation,
  valueAxis,
} from '../../web/src/features/charts/chartData.js';
import { sparkline } from '../../web/src/features/charts/sparkline.js';
import { targetChartModel } from '../../web/src/features/charts/targetChartModel.js';
import { chartSubtitle, describeAxis } from '../../web/src/format/chartText.js';
import { describeJudgedYear, describeTargetStatus } from '../../web/src/format/progress.js';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import zhJson from '../../web/src/i18n/zh-CN.json' with { type: 'json' };

const zh = 'zh-CN' as const;
const english = 'en' as const;

function obs(year: number, value: number | null, extra: Partial<SeriesObservation> = {}): SeriesObservation {
  return { year, value, vintage: 'final', isSample: false, revisionCount: 1, sourceTitle: '', sourceUrl: null, ...extra };
}

function target(extra: Partial<ChartedTarget> & { id?: number } = {}): ChartedTarget & { id: number } {
  return {
    id: 1,
    type: 'share',
    value: 2.5,
    valueMin: null,
    valueMax: null,
    valueUnknown: false,
    targetYear: 2020,
    milestones: [],
    ...extra,
  };
}

describe('a value axis fitted to the data', () => {
  it('fits shares and benchmark targets, and leaves counts, flows and money from zero', () => {
    expect(fitsAxisToData('share')).toBe(true);
    expect(fitsAxisToData('stock', 'benchmark')).toBe(true);
    expect(fitsAxisToData('stock', 'level')).toBe(false);
    expect(fitsAxisToData('money')).toBe(false);
    expect(fitsAxisToData(null)).toBe(false);
  });

  it('starts a little below the lowest value, on a round number, and says it does not start at zero', () => {
    // Lüliang's 53.1% against Shanxi's 56.2% (科技进步贡献率): from zero the gap looks flat.
    expect(valueAxis([53.1, 56.2], { fit: true })).toEqual({
      domain: [52, 57],
      ticks: [52, 53, 54, 55, 56, 57],
      fitted: true,
    });
    expect(valueAxis([53.1, 56.2])).toMatchObject({ domain: [0, 60], fitted: false });
    // Equal values still get an axis of their own.
    expect(valueAxis([50, 50], { fit: true })).toEqual({
      domain: [47.5, 50.5],
      ticks: [47.5, 48, 48.5, 49, 49.5, 50, 50.5],
      fitted: true,
    });
  });

  it('stays at zero when the data reach down to it, and never fits across negative values', () => {
    // R&D intensity 0.52–0.74% against its 2.5% target: a fitted axis would start at 0 anyway.
    expect(valueAxis([0.52, 0.74, 2.5], { fit: true })).toEqual({
      domain: [0, 3],
      ticks: [0, 0.5, 1, 1.5, 2, 2.5, 3],
      fitted: false,
    });
    expect(valueAxis([-3, 4], { fit: true })).toEqual({ domain: [-4, 6], ticks: [-4, -2, 0, 2, 4, 6], fitted: false });
    expect(valueAxis([], { fit: true }).fitted).toBe(false);
  });

  it('fits the chart of a benchmark target and says so under its title, in both languages', () => {
    const model = targetChartModel({
      target: target({ type: 'benchmark', value: null }),
      result: { requiredPath: [], projection: [], confidence: null, inputs: { targetValue: null }, milestones: [] },
      observations: [obs(2017, 51.2, { isSample: true }), obs(2018, 52.4, { isSample: true }), obs(2019, 53.1)],
      benchmark: [obs(2017, 54.9), obs(2018, 55.6), obs(2019, 56.2)],
      asOf: null,
      indicatorKind: 'share',
    });
    expect(model.axis).toEqual({ domain: [50, 58], ticks: [50, 52, 54, 56, 58], fitted: true });
    expect(describeAxis(model.axis, zh)).toBe('纵轴从 50 起，未从 0 开始，以便看清差距');
    expect(describeAxis(model.axis, english)).toBe('The value axis starts at 50, not at 0, to show the gap');
    expect(chartSubtitle('%', null, zh, [describeAxis(model.axis, zh) as string])).toBe(
      '单位：% · 纵轴从 50 起，未从 0 开始，以便看清差距',
    );
    // A count keeps its axis from zero, and says nothing.
    const firms = targetChartModel({
      target: target({ type: 'level', value: 80 }),
      result: { requiredPath: [], projection: [], confidence: null, inputs: { targetValue: 80 }, milestones: [] },
      observations: [obs(2019, 62), obs(2020, 70)],
      benchmark: [],
      asOf: null,
      indicatorKind: 'stock',
    });
    expect(firms.axis.fitted).toBe(false);
    expect(describeAxis(firms.axis, zh)).toBeNull();
  });
});

describe('targets on the comparison of regions', () => {
  it('marks each compared region’s targets at their year and level, in that region’s series', () => {
    const keyOf = (code: string) => (['141100', '211100'].includes(code) ? `region_${code}` : null);
    const goals = compareGoals(
      [
        { regionCode: '211100', target: target({ id: 73, value: 2.6, targetYear: 2021 }), targetValue: 2.6 },
        // The misprinted Lüliang target: marked at the engine's reading, 2.5, not the printed 25.
        { regionCode: '141100', target: target({ id: 1, value: 25 }), targetValue: 2.5 },
        // A region not drawn, a benchmark target and a masked value: nothing to mark.
        { regionCode: '140000', target: target({ id: 9, value: 1.5 }), targetValue: 1.5 },
        { regionCode: '141100', target: target({ id: 7, type: 'benchmark', value: null }), targetValue: null },
        { regionCode: '141100', target: target({ id: 8, valueUnknown: true, value: null }), targetValue: null },
      ],
      keyOf,
    );
    expect(goals).toEqual([
      { key: 'region_141100', targetId: 1, kind: 'target', year: 2020, value: 2.5 },
      { key: 'region_211100', targetId: 73, kind: 'target', year: 2021, value: 2.6 },
    ]);
  });

  it('marks both bounds of a range and leaves its milestones to the target’s own chart', () => {
    const goals = compareGoals(
      [
        {
          regionCode: '141100',
          target: target({ id: 5, type: 'range', value: null, valueMin: 2, valueMax: 4, milestones: [{ year: 2016, value: 1 }] }),
          targetValue: null,
        },
      ],
      (code) => `region_${code}`,
    );
    expect(goals.map((g) => [g.kind, g.year, g.value])).toEqual([
      ['range_low', 2020, 2],
      ['range_high', 2020, 4],
    ]);
  });
});

describe('the sparkline’s years', () => {
  it('names the first figure’s year and the later of the last figure’s and the target’s', () => {
    const line = sparkline(
      [
        { year: 2013, value: 0.63 },
        { year: 2019, value: 0.67 },
      ],
      { year: 2020, value: 2.5 },
    );
    expect(line.years).toEqual({ first: 2013, last: 2020 });
    expect(sparkline([{ year: 2021, value: 84 }], null).years).toEqual({ first: 2021, last: 2021 });
    expect(sparkline([], { year: 2020, value: 1 }).years).toBeNull();
  });
});

describe('wording of plan status, unrecorded deliverables and the year judged', () => {
  it('says 规划期已结束 for a plan whose period ended, not 已失效', () => {
    expect(zhJson.planStatus.expired).toBe('规划期已结束');
    expect(en.planStatus.expired).toBe('Period ended');
  });

  const result = (extra: Partial<ProgressResult>): ProgressResult =>
    ({
      status: 'not_assessable',
      asOf: null,
      inputs: { observations: [], base: null, targetValue: null, milestones: [], benchmark: [], method: '' },
      ...extra,
    }) as unknown as ProgressResult;

  it('says 未录入 for a qualitative target with no record, and keeps 不适用 otherwise', () => {
    expect(describeTargetStatus(result({}), true, zh).label).toBe('未录入');
    expect(describeTargetStatus(result({}), true, english).label).toBe('Not recorded');
    // A masked value is not assessable, whatever is recorded.
    expect(describeTargetStatus(result({}), false, zh).label).toBe('不适用');
    expect(describeTargetStatus(result({ status: 'no_data' }), true, zh).label).toBe('无数据');
    const recorded = result({
      inputs: {
        observations: [{ year: 2017, value: 1, vintage: 'final', isSample: false, revisionCount: 1 }],
        base: null,
        targetValue: null,
        milestones: [],
        benchmark: [],
        method: '',
      },
    });
    expect(describeTargetStatus(recorded, true, zh).label).toBe('不适用');
    expect(describeTargetStatus(result({}), true, zh).icon).toBe('slash');
  });

  it('never shows a year judged after the target year without saying why', () => {
    const observations = (years: number[]) =>
      years.map((year) => ({ year, value: 1, vintage: 'final' as const, isSample: false, revisionCount: 1 }));
    const judged = (asOf: number | null, years: number[]) =>
      result({
        status: 'missed',
        asOf,
        inputs: { observations: observations(years), base: null, targetValue: null, milestones: [], benchmark: [], method: '' },
      });
    // R&D intensity: the latest figure is of 2021, the target year 2020, judged on the 2020 figure.
    expect(describeJudgedYear(judged(2021, [2019, 2020]), 2020, zh)).toEqual({
      year: '2021年',
      why: '目标年2020年已过，按该年数据评估',
    });
    expect(describeJudgedYear(judged(2021, [2019, 2020]), 2020, english)).toEqual({
      year: '2021',
      why: "the target year 2020 has passed: judged on that year's figure",
    });
    // No figure for the target year: the one used is named.
    expect(describeJudgedYear(judged(2022, [2019, 2021]), 2020, zh)?.why).toBe('目标年2020年无数据，按2021年数据评估');
    expect(describeJudgedYear(judged(2022, []), 2020, zh)?.why).toBe('目标年为2020年');
    // Up to the target year nothing needs saying.
    expect(describeJudgedYear(judged(2018, [2018]), 2020, zh)).toEqual({ year: '2018年', why: null });
    expect(describeJudgedYear(judged(2021, [2021]), null, zh)).toEqual({ year: '2021年', why: null });
    expect(describeJudgedYear(judged(null, []), 2020, zh)).toBeNull();
  });
});
