import { describe, expect, it } from 'vitest';
import type { PlanSummary, Region } from '../../server/src/api/types.js';
import { useApp } from '../helpers/app.js';

// The lists are paged with a schema maximum and filtered by region (a region and the regions under
// it): no request can ask for every plan or region of a national database in one answer.

const { get } = useApp();

/** The codes of a region and every region under it, from the whole list. */
function subtree(regions: Region[], root: string): Set<string> {
  const codes = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of regions) {
      if (r.parentCode !== null && codes.has(r.parentCode) && !codes.has(r.code)) {
        codes.add(r.code);
        grew = true;
      }
    }
  }
  return codes;
}

describe('/api/plans, paged and by region', () => {
  it('gives the same plans page by page as in one page, in the same order', async () => {
    const all = (await get('/api/plans')).body as PlanSummary[];
    expect(all.length).toBeGreaterThanOrEqual(5);
    const pages: PlanSummary[] = [];
    for (let offset = 0; ; offset += 2) {
      const { status, body } = await get(`/api/plans?limit=2&offset=${offset}`);
      expect(status).toBe(200);
      pages.push(...body);
      if (body.length < 2) break;
    }
    expect(pages.map((p) => p.id)).toEqual(all.map((p) => p.id));
  });

  it('refuses a page larger than the schema allows, naming the field', async () => {
    for (const [query, field] of [
      ['limit=501', 'limit'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['region=14', 'region'],
    ] as const) {
      const res = await get(`/api/plans?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.field, query).toBe(field);
    }
  });

  it('gives a region’s plans and those of the regions under it, and no others', async () => {
    const regions = (await get('/api/regions')).body as Region[];
    const all = (await get('/api/plans')).body as PlanSummary[];
    const lvliang = all.find((p) => p.region.code === '141100');
    const province = regions.find((r) => r.code === '141100')?.parentCode;
    if (!lvliang || !province) throw new Error('the seed has Lüliang in Shanxi');
    for (const root of [province, '141100', '211100']) {
      const within = subtree(regions, root);
      const expected = all.filter((p) => within.has(p.region.code)).map((p) => p.id);
      const { body } = await get(`/api/plans?region=${root}`);
      expect(
        body.map((p: PlanSummary) => p.id),
        root,
      ).toEqual(expected);
      expect(expected.length, root).toBeGreaterThan(0);
    }
    expect((await get(`/api/plans?region=${province}`)).body.map((p: PlanSummary) => p.id)).toContain(lvliang.id);
  });
});

describe('/api/regions, paged and within a region', () => {
  it('gives a region first, then the regions under it; a limit of 1 names the region alone', async () => {
    const regions = (await get('/api/regions')).body as Region[];
    const { body } = await get('/api/regions?within=141100');
    expect(body[0]).toMatchObject({ code: '141100' });
    expect(new Set(body.map((r: Region) => r.code))).toEqual(subtree(regions, '141100'));
    expect(body.length).toBeGreaterThan(1);
    expect((await get('/api/regions?within=141100&limit=1')).body).toEqual([body[0]]);
    expect((await get('/api/regions?limit=5001')).status).toBe(400);
    const paged = [...(await get('/api/regions?limit=3')).body, ...(await get('/api/regions?limit=3&offset=3')).body];
    expect(paged).toEqual(regions.slice(0, 6));
  });

  it('lists the regions plans are issued for, with their plan and target counts, most targets first', async () => {
    const all = (await get('/api/plans')).body as PlanSummary[];
    const expected = new Map<string, { planCount: number; targetCount: number }>();
    for (const p of all) {
      const e = expected.get(p.region.code) ?? { planCount: 0, targetCount: 0 };
      expected.set(p.region.code, { planCount: e.planCount + 1, targetCount: e.targetCount + p.targetCount });
    }
    const { status, body } = await get('/api/regions/with-plans');
    expect(status).toBe(200);
    expect(
      body.map((r: { code: string; planCount: number; targetCount: number }) => [
        r.code,
        { planCount: r.planCount, targetCount: r.targetCount },
      ]),
    ).toEqual([...expected].sort(([a, x], [b, y]) => y.targetCount - x.targetCount || a.localeCompare(b)));
    expect((await get('/api/regions/with-plans?limit=1')).body).toHaveLength(1);
    expect((await get('/api/regions/with-plans?limit=501')).status).toBe(400);
  });
});
