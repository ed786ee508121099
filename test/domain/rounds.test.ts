import { describe, expect, it } from 'vitest';
import {
  completeness,
  type ItemSubmission,
  itemStatus,
  owedFigures,
  planInForce,
  type RoundPlan,
  type RoundTarget,
  regionsWithin,
  roundComplete,
} from '../../server/src/domain/rounds.js';

const regions = [
  { code: '100000', parentCode: null },
  { code: '140000', parentCode: '100000' },
  { code: '141100', parentCode: '140000' },
  { code: '141102', parentCode: '141100' },
  { code: '141121', parentCode: '141100' },
  { code: '211100', parentCode: '210000' },
];
const plan = (id: number, regionCode: string, periodStart: number | null, periodEnd: number | null): RoundPlan => ({
  id,
  regionCode,
  periodStart,
  periodEnd,
});
let nextId = 1;
const target = (
  planId: number,
  position: number,
  regionCode: string,
  indicatorCode: string,
  leadUnitIds: number[] = [],
  benchmark: string | null = null,
): RoundTarget => ({
  id: nextId++,
  planId,
  position,
  regionCode,
  indicatorCode,
  benchmarkRegionCode: benchmark,
  leadUnitIds,
});

describe('owed figures of a round', () => {
  it('takes the city and every region below it', () => {
    expect([...regionsWithin('141100', regions)].sort()).toEqual(['141100', '141102', '141121']);
    expect([...regionsWithin('211100', regions)]).toEqual(['211100']);
  });

  it('counts a plan in force when its period covers the year, never one with masked years', () => {
    expect(planInForce(plan(1, '141100', 2014, 2020), 2014)).toBe(true);
    expect(planInForce(plan(1, '141100', 2014, 2020), 2020)).toBe(true);
    expect(planInForce(plan(1, '141100', 2014, 2020), 2021)).toBe(false);
    expect(planInForce(plan(1, '141100', null, null), 2020)).toBe(false);
  });

  it('lists one item per region × indicator of the plans in force in the city and its sub-regions', () => {
    const plans = [
      plan(1, '141100', 2014, 2020),
      plan(2, '141102', 2019, 2019),
      plan(3, '141100', 2021, 2025),
      plan(4, '211100', 2019, 2021),
    ];
    const t1 = target(1, 1, '141100', 'rd_intensity', [7]);
    const t2 = target(1, 2, '141100', 'rd_intensity', [7]); // the same figure needed twice: one item
    const t3 = target(2, 1, '141102', 'high_tech_firms', [9]);
    const t4 = target(1, 3, '141121', 'patents', []);
    const outOfForce = target(3, 1, '141100', 'tech_sme_count', [7]);
    const otherCity = target(4, 1, '211100', 'rd_intensity', [1]);
    const { items, notOwed } = owedFigures({
      cityCode: '141100',
      year: 2019,
      regions,
      plans,
      targets: [t1, t2, t3, t4, outOfForce, otherCity],
    });
    expect(items).toEqual([
      { regionCode: '141100', indicatorCode: 'rd_intensity', unitId: 7, otherUnitIds: [], targetIds: [t1.id, t2.id] },
      { regionCode: '141102', indicatorCode: 'high_tech_firms', unitId: 9, otherUnitIds: [], targetIds: [t3.id] },
      // No lead unit named: owed by nobody in particular (未指定单位).
      { regionCode: '141121', indicatorCode: 'patents', unitId: null, otherUnitIds: [], targetIds: [t4.id] },
    ]);
    expect(notOwed).toEqual([]);
    // In 2021 only plan 3 is in force.
    expect(
      owedFigures({ cityCode: '141100', year: 2021, regions, plans, targets: [t1, outOfForce] }).items.map(
        (i) => i.indicatorCode,
      ),
    ).toEqual(['tech_sme_count']);
  });

  it('owes the benchmark region’s figure only when that region is within the city', () => {
    const plans = [plan(1, '141100', 2014, 2020)];
    const national = target(1, 1, '141100', 'tech_conversion_rate', [7], '100000');
    const county = target(1, 2, '141121', 'gdp_growth', [8], '141100');
    const { items, notOwed } = owedFigures({ cityCode: '141100', year: 2020, regions, plans, targets: [national, county] });
    expect(items.map((i) => [i.regionCode, i.indicatorCode, i.unitId])).toEqual([
      ['141100', 'gdp_growth', 8],
      ['141100', 'tech_conversion_rate', 7],
      ['141121', 'gdp_growth', 8],
    ]);
    expect(notOwed).toEqual([
      { regionCode: '100000', indicatorCode: 'tech_conversion_rate', targetId: national.id, reason: 'benchmark_outside_city' },
    ]);
  });

  it('narrows a round to chosen indicators when asked (a supplementary round)', () => {
    const plans = [plan(1, '141100', 2014, 2020)];
    const a = target(1, 1, '141100', 'high_tech_firms', [7]);
    const b = target(1, 2, '141100', 'rd_intensity', [8]);
    const c = target(1, 3, '141102', 'high_tech_firms', [9]);
    const { items } = owedFigures({
      cityCode: '141100',
      year: 2020,
      regions,
      plans,
      targets: [a, b, c],
      indicatorCodes: ['high_tech_firms'],
    });
    expect(items.map((i) => [i.regionCode, i.indicatorCode, i.unitId])).toEqual([
      ['141100', 'high_tech_firms', 7],
      ['141102', 'high_tech_firms', 9],
    ]);
  });

  it('picks the unit most targets name first, a tie going to the earliest target, and keeps the others', () => {
    const plans = [plan(1, '141100', 2014, 2020), plan(2, '141100', 2019, 2019)];
    // 市经信委 (8) is named first by two targets, 市科技局 (7) by one and second by another.
    const a = target(1, 1, '141100', 'high_tech_firms', [7, 8]);
    const b = target(1, 5, '141100', 'high_tech_firms', [8]);
    const c = target(2, 1, '141100', 'high_tech_firms', [8, 7, 11]);
    const most = owedFigures({ cityCode: '141100', year: 2019, regions, plans, targets: [c, b, a] }).items[0];
    expect(most).toMatchObject({ unitId: 8, otherUnitIds: [7, 11] });
    // One each: the earliest target (plan 1, position 1) decides.
    const tie = owedFigures({ cityCode: '141100', year: 2019, regions, plans, targets: [b, a] }).items[0];
    expect(tie).toMatchObject({ unitId: 7, otherUnitIds: [8] });
    // A target naming no unit does not vote; the one that names one owes it.
    const d = target(1, 0, '141100', 'high_tech_firms', []);
    expect(owedFigures({ cityCode: '141100', year: 2019, regions, plans, targets: [d, b] }).items[0]).toMatchObject({
      unitId: 8,
      otherUnitIds: [],
    });
  });
});

describe('status of a round item', () => {
  const round = { openedAt: '2026-03-01T08:00:00.000Z', dueDate: '2026-03-31' };
  const sub = (
    id: number,
    state: ItemSubmission['state'],
    submittedAt: string,
    reason: string | null = null,
  ): ItemSubmission => ({
    id,
    state,
    submittedAt,
    decidedAt: state === 'pending' ? null : submittedAt,
    decisionReason: reason,
  });
  const rev = (enteredAt: string, extra: Partial<{ isSample: boolean; withdrawn: boolean }> = {}) => ({
    id: 41,
    enteredAt,
    isSample: extra.isSample ?? false,
    withdrawn: extra.withdrawn ?? false,
  });
  const none = { revision: null, submissions: [] };

  it('owed: nothing since the round opened, due date not passed (the due date itself is in time)', () => {
    expect(itemStatus(round, none, '2026-03-10').status).toBe('owed');
    expect(itemStatus(round, none, '2026-03-31').status).toBe('owed');
    // A figure that was there before the round opened does not answer it.
    expect(itemStatus(round, { revision: rev('2025-06-01T00:00:00.000Z'), submissions: [] }, '2026-03-10').status).toBe('owed');
  });

  it('overdue: past the due date and nothing since the round opened', () => {
    expect(itemStatus(round, none, '2026-04-01')).toEqual({
      status: 'overdue',
      reason: null,
      submissionId: null,
      revisionId: null,
    });
  });

  it('approved: a real figure entered since the round opened, or an approved submission', () => {
    expect(itemStatus(round, { revision: rev('2026-03-02T00:00:00.000Z'), submissions: [] }, '2026-04-05')).toEqual({
      status: 'approved',
      reason: null,
      submissionId: null,
      revisionId: 41,
    });
    expect(
      itemStatus(round, { revision: null, submissions: [sub(3, 'approved', '2026-03-05T00:00:00.000Z')] }, '2026-04-05'),
    ).toMatchObject({
      status: 'approved',
      submissionId: 3,
    });
    // A sample figure or a withdrawal answers nothing.
    expect(
      itemStatus(round, { revision: rev('2026-03-02T00:00:00.000Z', { isSample: true }), submissions: [] }, '2026-03-05').status,
    ).toBe('owed');
    expect(
      itemStatus(round, { revision: rev('2026-03-02T00:00:00.000Z', { withdrawn: true }), submissions: [] }, '2026-03-05').status,
    ).toBe('owed');
    // Approved stays approved when a later correction waits for review.
    const later = [sub(3, 'approved', '2026-03-05T00:00:00.000Z'), sub(4, 'pending', '2026-03-06T00:00:00.000Z')];
    expect(itemStatus(round, { revision: null, submissions: later }, '2026-03-07').status).toBe('approved');
  });

  it('submitted: the latest submission waits for review, even past the due date', () => {
    const subs = [sub(1, 'returned', '2026-03-02T00:00:00.000Z', '单位错'), sub(2, 'pending', '2026-03-03T00:00:00.000Z')];
    expect(itemStatus(round, { revision: null, submissions: subs }, '2026-04-02')).toEqual({
      status: 'submitted',
      reason: null,
      submissionId: 2,
      revisionId: null,
    });
  });

  it('returned: the latest submission was returned, with its reason', () => {
    const subs = [
      sub(1, 'pending', '2026-03-02T00:00:00.000Z'),
      sub(2, 'returned', '2026-03-04T00:00:00.000Z', '与上年相差万倍，请核实单位'),
    ];
    // sub 1 is a pending one submitted earlier; the latest decides.
    expect(itemStatus(round, { revision: null, submissions: [subs[1] as ItemSubmission] }, '2026-03-05')).toEqual({
      status: 'returned',
      reason: '与上年相差万倍，请核实单位',
      submissionId: 2,
      revisionId: null,
    });
    // A withdrawn submission and one made before the round opened are passed over.
    const passed = [
      sub(5, 'returned', '2026-03-02T00:00:00.000Z', 'x'),
      sub(6, 'withdrawn', '2026-03-03T00:00:00.000Z'),
      sub(7, 'pending', '2026-02-01T00:00:00.000Z'),
    ];
    expect(itemStatus(round, { revision: null, submissions: passed }, '2026-03-05')).toMatchObject({
      status: 'returned',
      submissionId: 5,
    });
  });

  it('counts per status, in all and per unit, and says when a round is complete', () => {
    const items = [
      { unitId: 7, status: 'approved' as const },
      { unitId: 7, status: 'approved' as const },
      { unitId: 7, status: 'returned' as const },
      { unitId: null, status: 'overdue' as const },
    ];
    const { all, byUnit } = completeness(items);
    expect(all).toEqual({ total: 4, owed: 0, submitted: 0, returned: 1, approved: 2, overdue: 1 });
    expect(byUnit).toEqual([
      { unitId: 7, counts: { total: 3, owed: 0, submitted: 0, returned: 1, approved: 2, overdue: 0 } },
      { unitId: null, counts: { total: 1, owed: 0, submitted: 0, returned: 0, approved: 0, overdue: 1 } },
    ]);
    expect(roundComplete(all)).toBe(false);
    expect(roundComplete(completeness(items.slice(0, 2)).all)).toBe(true);
    expect(roundComplete(completeness([]).all)).toBe(false);
  });
});
