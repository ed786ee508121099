import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationsDir } from '../../server/src/paths.js';
import { useApp } from '../helpers/app.js';

// The real app on a real, migrated and seeded SQLite file, called through inject.
const { app, get } = useApp({ demo: true }, (built) => {
  // A route that fails on purpose, to check that a 5xx does not leak internals.
  built.get('/api/test-failure', { config: { access: 'public' } }, async () => {
    throw new Error('SQLITE_CORRUPT: secret table layout');
  });
});

describe('GET /api/health', () => {
  it('answers ok with the migration and plan counts (to anyone in demo mode)', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'));
    expect(body).toEqual({ status: 'ok', migrations: files.length, plans: 5 });
  });
});

describe('GET /api/regions and /api/indicators', () => {
  it('lists the regions with names in both languages and their parents', async () => {
    const { status, body } = await get('/api/regions');
    expect(status).toBe(200);
    expect(body).toContainEqual({
      code: '141100',
      nameZh: '吕梁市',
      nameEn: 'Lüliang',
      level: 'prefecture',
      parentCode: '140000',
    });
    expect(body).toContainEqual(expect.objectContaining({ code: '100000', level: 'country', parentCode: null }));
  });

  it('lists the indicators, each with a direction and a kind', async () => {
    const { status, body } = await get('/api/indicators');
    expect(status).toBe(200);
    expect(body.length).toBeGreaterThan(20);
    for (const i of body) {
      expect(['up', 'down', 'band']).toContain(i.direction);
      expect(['stock', 'flow', 'share', 'money']).toContain(i.kind);
    }
    expect(body).toContainEqual(expect.objectContaining({ code: 'rd_intensity', unit: '%', kind: 'share', direction: 'up' }));
  });
});

describe('GET /api/plans', () => {
  it('lists the five documents as plans with region, period, status and target count', async () => {
    const { status, body } = await get('/api/plans');
    expect(status).toBe(200);
    expect(body).toHaveLength(5);
    const lvliang = body.find((p: { docNumber: string }) => p.docNumber === '吕政发〔2014〕22号');
    expect(lvliang).toMatchObject({
      slug: 'lvliang-2014-2020',
      periodStart: 2014,
      periodEnd: 2020,
      region: { code: '141100', nameZh: '吕梁市' },
      issueDate: '2014-11-25',
    });
    expect(lvliang.targetCount).toBeGreaterThanOrEqual(40);
    const panjin = body.find((p: { slug: string }) => p.slug === 'panjin-2019-2021');
    expect(panjin).toMatchObject({ status: 'expired', periodStart: 2019, periodEnd: 2021, region: { code: '211100' } });
  });
});

describe('GET /api/plans/:id', () => {
  it('returns the Lüliang plan by slug with at least 40 targets and their verbatim clauses', async () => {
    const { status, body } = await get('/api/plans/lvliang-2014-2020');
    expect(status).toBe(200);
    expect(body.targets.length).toBeGreaterThanOrEqual(40);
    expect(body.targets.length).toBe(body.targetCount);
    for (const t of body.targets) {
      expect(t.clause.length).toBeGreaterThan(4);
      expect(t.indicator.code).toMatch(/^[a-z]/);
    }
    const patents = body.targets.find((t: { clause: string }) => t.clause.includes('有效发明专利拥有量到2020年达到260件以上'));
    expect(patents).toMatchObject({ type: 'level', value: 260, targetYear: 2020, comparator: 'at_least' });
  });

  it('returns the same plan by numeric id, with latest observations carrying their source', async () => {
    const list = (await get('/api/plans')).body as { id: number; slug: string }[];
    const id = list.find((p) => p.slug === 'lvliang-2014-2020')?.id;
    const { status, body } = await get(`/api/plans/${id}`);
    expect(status).toBe(200);
    expect(body.slug).toBe('lvliang-2014-2020');
    const withData = body.targets.filter((t: { latestObservation: unknown }) => t.latestObservation !== null);
    expect(withData.length).toBeGreaterThan(0);
    for (const t of withData) expect(t.latestObservation.sourceTitle.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown plan and 400 naming the field for a malformed id', async () => {
    const missing = await get('/api/plans/no-such-plan');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('no-such-plan');
    const missingId = await get('/api/plans/99999');
    expect(missingId.status).toBe(404);
    const bad = await get('/api/plans/DROP%20TABLE');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('id');
    expect(bad.body.message).toContain('id');
  });
});

describe('GET /api/observations', () => {
  it('returns current values per year with their revision counts and sources', async () => {
    const { status, body } = await get('/api/observations?region=100000&indicator=rd_intensity');
    expect(status).toBe(200);
    const y2017 = body.observations.find((o: { year: number }) => o.year === 2017);
    expect(y2017).toMatchObject({ value: 2.13, vintage: 'final', revisionCount: 2, isSample: false, published: true });
    expect(y2017.sourceUrl).toMatch(/^https?:/);
    const years = body.observations.map((o: { year: number }) => o.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('returns the full history of a revised figure, oldest first', async () => {
    const { status, body } = await get('/api/observations/history?region=100000&indicator=rd_intensity&year=2017');
    expect(status).toBe(200);
    expect(body.revisions.map((r: { value: number; vintage: string }) => [r.value, r.vintage])).toEqual([
      [2.12, 'preliminary'],
      [2.13, 'final'],
    ]);
  });

  it.each([
    ['/api/observations?region=abc&indicator=rd_intensity', 'region'],
    ['/api/observations?indicator=rd_intensity', 'region'],
    ['/api/observations?region=100000', 'indicator'],
    ['/api/observations?region=100000&indicator=RD%20Intensity', 'indicator'],
    ['/api/observations/history?region=100000&indicator=rd_intensity&year=twenty', 'year'],
    ['/api/observations?region=100000&indicator=rd_intensity&regoin=1', 'regoin'],
  ])('answers 400 naming the field for %s', async (url, field) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
    expect(body.message).toContain(field);
  });

  it('answers 404 for an unknown region or indicator', async () => {
    expect((await get('/api/observations?region=999999&indicator=rd_intensity')).status).toBe(404);
    const unknownIndicator = await get('/api/observations?region=100000&indicator=no_such_indicator');
    expect(unknownIndicator.status).toBe(404);
    expect(unknownIndicator.body.message).toContain('no_such_indicator');
  });
});

describe('API plumbing', () => {
  it('serves the OpenAPI description under /api/docs', async () => {
    const { status, body } = await get('/api/docs/json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/regions',
        '/api/indicators',
        '/api/plans',
        '/api/plans/{id}',
        '/api/observations',
      ]),
    );
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const { status, body } = await get('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.message).toContain('/api/nothing-here');
  });

  it('never leaks internals in a 5xx', async () => {
    const res = await app().inject({ method: 'GET', url: '/api/test-failure' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('SQLITE');
    expect(res.json().message).toMatch(/went wrong/);
  });
});
