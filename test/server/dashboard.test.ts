import { describe, expect, it } from 'vitest';
import { pickHeadlineTarget } from '../../server/src/domain/headlines.js';
import { useApp } from '../helpers/app.js';

const { get } = useApp();

describe('GET /api/regions/:code/overview', () => {
  it("gives Lüliang's plans with roll-ups and the four headline indicators", async () => {
    const { status, body } = await get('/api/regions/141100/overview');
    expect(status).toBe(200);
    expect(body.plans.map((p: { plan: { slug: string } }) => p.plan.slug).sort()).toEqual([
      'lvliang-2014-2020',
      'lvliang-2019-work-plan',
    ]);
    expect(body.headlines.map((h: { indicator: { code: string } }) => h.indicator.code)).toEqual([
      'rd_intensity',
      'valid_invention_patents',
      'high_tech_firms',
      'tech_contract_turnover',
    ]);
    const rd = body.headlines[0];
    // The latest published figure: 0.74% in 2021 from the Shanxi science-funding bulletin.
    expect(rd.latestObservation).toMatchObject({ year: 2021, value: 0.74, vintage: 'final', isSample: false });
    expect(rd.target).toMatchObject({ planSlug: 'lvliang-2014-2020', type: 'share', value: 2.5, valueAsPrinted: 25 });
    expect(rd.result.status).toBe('missed');
    const firms = body.headlines[2];
    expect(firms.latestObservation).toMatchObject({ year: 2021, value: 84, vintage: 'preliminary' });
  });

  it('shows the latest value known in an earlier year', async () => {
    const { body } = await get('/api/regions/141100/overview?asOf=2017');
    const firms = body.headlines.find((h: { indicator: { code: string } }) => h.indicator.code === 'high_tech_firms');
    expect(firms.latestObservation).toMatchObject({ year: 2017, value: 26, isSample: false });
    expect(firms.result.status).not.toBe('missed');
  });

  it('lists the off-course targets of the plan that ended last when none is in force', async () => {
    const { body } = await get('/api/regions/141100/overview');
    // Both Lüliang plans have ended; the 2014–2020 plan ended last (2020), the 2019 work plan before it.
    expect(body.attention.scope).toBe('ended');
    const found = body.attention.targets.map((x: { target: { id: number; planSlug: string }; result: { status: string } }) => [
      x.target.id,
      x.target.planSlug,
      x.result.status,
    ]);
    expect(found).toEqual([
      [1, 'lvliang-2014-2020', 'missed'],
      [4, 'lvliang-2014-2020', 'missed'],
      [5, 'lvliang-2014-2020', 'missed'],
      [7, 'lvliang-2014-2020', 'moving_away'],
      [8, 'lvliang-2014-2020', 'limited'],
      [46, 'lvliang-2014-2020', 'missed'],
    ]);
    const rd = body.attention.targets[0];
    expect(rd.indicator).toMatchObject({ code: 'rd_intensity', unit: '%', kind: 'share' });
    expect(rd.region).toEqual({ code: '141100', nameZh: '吕梁市', nameEn: 'Lüliang' });
    expect(rd.target).toMatchObject({ value: 2.5, targetYear: 2020, planId: 1 });
    // The summary without the year-by-year paths, as lists carry it.
    expect(rd.result.requiredPath).toBeUndefined();
    const limited = body.attention.targets[4];
    expect(limited.result.requiredAnnualPace).toEqual({ value: 6.9, unit: 'points_per_year', fromYear: 2019, toYear: 2020 });
  });

  it('as of a year inside a plan’s period, lists that plan’s off-course targets with the pace still required', async () => {
    const { body } = await get('/api/regions/141100/overview?asOf=2018');
    expect(body.attention.scope).toBe('in_force');
    const byId = new Map(body.attention.targets.map((x: { target: { id: number }; result: unknown }) => [x.target.id, x.result]));
    expect([...byId.keys()]).toEqual([1, 4, 5, 7, 8, 46]);
    expect(byId.get(1)).toMatchObject({
      status: 'moving_away',
      requiredAnnualPace: { value: 0.94, unit: 'points_per_year', fromYear: 2018, toYear: 2020 },
    });
    expect(byId.get(46)).toMatchObject({ status: 'accelerate' });
    // Achieved and on-track targets, and those without figures, are not listed.
    for (const x of body.attention.targets) expect(['missed', 'moving_away', 'limited', 'accelerate']).toContain(x.result.status);
  });

  it('lists nothing for a region whose only plan masks its years', async () => {
    const { body } = await get('/api/regions/330604/overview');
    expect(body.attention).toEqual({ scope: 'none', targets: [] });
  });

  it('answers 404 for an unknown region and 400 for a malformed one', async () => {
    expect((await get('/api/regions/999999/overview')).status).toBe(404);
    expect((await get('/api/regions/14110/overview')).body.field).toBe('code');
  });
});

describe('GET /api/compare/regions', () => {
  it('gives R&D intensity for Lüliang, Shanxi and the country', async () => {
    const { status, body } = await get('/api/compare/regions?indicator=rd_intensity&regions=141100,140000,100000');
    expect(status).toBe(200);
    expect(body.series.map((s: { regionCode: string }) => s.regionCode)).toEqual(['141100', '140000', '100000']);
    const shanxi = body.series[1].observations.map((o: { year: number; value: number }) => [o.year, o.value]);
    expect(shanxi).toEqual([
      [2017, 0.95],
      [2020, 1.2],
      [2021, 1.12],
    ]);
    // The compared regions' targets on the indicator, for the chart to mark: Lüliang's 2.5% by 2020.
    expect(body.targets).toHaveLength(1);
    expect(body.targets[0]).toMatchObject({
      regionCode: '141100',
      plan: { slug: 'lvliang-2014-2020' },
      target: { id: 1, value: 2.5, valueAsPrinted: 25, targetYear: 2020, planSlug: 'lvliang-2014-2020' },
      targetValue: 2.5,
    });
  });

  it('gives each compared region’s targets, Panjin’s 2.6% by 2021 beside Lüliang’s', async () => {
    const { body } = await get('/api/compare/regions?indicator=rd_intensity&regions=211100,141100');
    expect(
      body.targets.map((t: { regionCode: string; target: { id: number }; targetValue: number }) => [
        t.regionCode,
        t.target.id,
        t.targetValue,
      ]),
    ).toEqual([
      ['211100', 73, 2.6],
      ['141100', 1, 2.5],
    ]);
    const none = await get('/api/compare/regions?indicator=rd_intensity&regions=100000');
    expect(none.body.targets).toEqual([]);
  });

  it('answers 400 naming regions for a malformed list and 404 for an unknown region', async () => {
    const bad = await get('/api/compare/regions?indicator=rd_intensity&regions=141100;140000');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('regions');
    expect((await get('/api/compare/regions?indicator=rd_intensity&regions=141100,999999')).status).toBe(404);
  });
});

describe('GET /api/compare/plans and recurring indicators', () => {
  it('finds the indicators Lüliang targets in more than one plan', async () => {
    const { body } = await get('/api/regions/141100/recurring-indicators');
    expect(body).toContainEqual(expect.objectContaining({ indicatorCode: 'new_high_tech_firms' }));
  });

  it('judges newly certified high-tech firms in the 2014–2020 plan and in the 2019 work plan', async () => {
    const { status, body } = await get('/api/compare/plans?region=141100&indicator=new_high_tech_firms');
    expect(status).toBe(200);
    const bySlug = Object.fromEntries(body.targets.map((t: { plan: { slug: string } }) => [t.plan.slug, t]));
    expect(bySlug['lvliang-2014-2020'].target).toMatchObject({ type: 'per_year', value: 10 });
    expect(bySlug['lvliang-2019-work-plan'].target).toMatchObject({ value: 11, targetYear: 2019 });
    expect(bySlug['lvliang-2014-2020'].result.requiredPath.length).toBeGreaterThan(0);
    expect(body.observations.length).toBeGreaterThan(0);
  });
});

describe('pickHeadlineTarget', () => {
  const c = (id: number, planStatus: string, targetYear: number | null, valueUnknown = false) => ({
    id,
    planStatus,
    planPeriodEnd: targetYear,
    targetYear,
    valueUnknown,
  });
  it('prefers a plan in force, then a known value, then the latest target year', () => {
    expect(pickHeadlineTarget([c(1, 'expired', 2020), c(2, 'in_force', 2018)])?.id).toBe(2);
    expect(pickHeadlineTarget([c(1, 'expired', 2021), c(2, 'expired', 2020)])?.id).toBe(1);
    expect(pickHeadlineTarget([c(1, 'unknown', null, true), c(2, 'unknown', 2019)])?.id).toBe(2);
    expect(pickHeadlineTarget([])).toBeNull();
  });
});
