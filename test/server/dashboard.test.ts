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
