import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';

// The progress endpoints on the real seeded database.
const { get } = useApp();

type Judged = {
  targetId: number;
  indicatorCode: string;
  result: { status: string; flags: { code: string; values?: number[]; suggestedValue?: number }[] };
};

describe('GET /api/plans/:id/progress', () => {
  it('judges every target of the Lüliang plan and rolls the plan up', async () => {
    const { status, body } = await get('/api/plans/lvliang-2014-2020/progress');
    expect(status).toBe(200);
    const plan = (await get('/api/plans/lvliang-2014-2020')).body;
    expect(body.targets).toHaveLength(plan.targets.length);
    const counted = Object.values(body.rollup.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(counted).toBe(plan.targets.length);
    expect(body.rollup.targetCount).toBe(plan.targets.length);
    // The masked or qualitative targets are never judged.
    expect(body.rollup.counts.not_assessable).toBeGreaterThan(0);
    expect(body.indicators.length).toBeGreaterThan(10);
  });

  it('flags the R&D share target, printed as 25%, with the plausible reading 2.5%', async () => {
    const { body } = await get('/api/plans/lvliang-2014-2020/progress');
    const rd = (body.targets as Judged[]).find((t) => t.indicatorCode === 'rd_intensity');
    const flag = rd?.result.flags.find((f) => f.code === 'implausible_target');
    expect(flag).toMatchObject({ values: [25], suggestedValue: 2.5 });
  });

  it('says which verdicts rest on sample figures, judges the high-tech firms target on 2020, and no passed milestone stays pending', async () => {
    const { body } = await get('/api/plans/lvliang-2014-2020/progress');
    type Full = Judged & {
      result: Judged['result'] & {
        basis: string | null;
        publishedOnly: { status: string } | null;
        milestones: { year: number; status: string }[];
      };
    };
    const targets = body.targets as Full[];
    const highTech = targets.find((t) => t.indicatorCode === 'high_tech_firms');
    // 2020's figure is the sample 62: missed, on a sample figure; the published 26 and 84 alone: met late.
    expect(highTech?.result).toMatchObject({ status: 'missed', basis: 'sample', publishedOnly: { status: 'met_late' } });
    const judged = targets.filter((t) => t.result.basis !== null && t.result.status !== 'insufficient_data');
    expect(body.rollup.judgedOnPublished + body.rollup.judgedOnSample).toBe(body.rollup.scoredCount);
    expect(body.rollup.judgedOnSample).toBe(judged.filter((t) => t.result.basis === 'sample').length);
    expect(typeof body.rollup.meanScoreIsHeadline).toBe('boolean');
    // The plan's period is over: an interim milestone of 2015 is judged or has no data, never pending.
    const milestones = targets.flatMap((t) => t.result.milestones);
    expect(milestones.length).toBeGreaterThan(0);
    expect(milestones.filter((m) => m.year <= 2021 && m.status === 'pending')).toEqual([]);
  });

  it('judges the plan as it looked in an earlier year', async () => {
    const later = (await get('/api/plans/lvliang-2014-2020/progress')).body;
    const earlier = (await get('/api/plans/lvliang-2014-2020/progress?asOf=2017')).body;
    expect(earlier.asOf).toBe(2017);
    const patents = (b: { targets: Judged[] }) =>
      b.targets.find((t) => t.indicatorCode === 'valid_invention_patents')?.result.status;
    // The sample patent series reaches 260 only after 2017.
    expect(patents(earlier)).toBe('on_track');
    expect(patents(later)).toBe('achieved');
    expect(earlier.rollup.counts.missed).toBe(0);
  });

  it('answers 400 naming asOf, and 404 for an unknown plan', async () => {
    const bad = await get('/api/plans/lvliang-2014-2020/progress?asOf=twenty');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('asOf');
    expect((await get('/api/plans/lvliang-2014-2020/progress?asOf=1800')).status).toBe(400);
    expect((await get('/api/plans/nope/progress')).status).toBe(404);
  });
});

describe('GET /api/targets/:id/progress', () => {
  it('returns one judgement with its full path, projection and the series used', async () => {
    const plan = (await get('/api/plans/lvliang-2014-2020')).body;
    const highTech = plan.targets.find(
      (t: { indicator: { code: string }; type: string }) => t.indicator.code === 'high_tech_firms',
    );
    const { status, body } = await get(`/api/targets/${highTech.id}/progress?asOf=2017`);
    expect(status).toBe(200);
    expect(body.result.status).toBe('limited');
    expect(body.result.requiredPath.at(-1)).toEqual({ year: 2020, value: 80 });
    expect(body.result.projection[0].year).toBe(2017);
    expect(body.result.projection.at(-1).year).toBe(2020);
    // The real 2017 figure (26, published) is among the figures used, next to sample ones.
    expect(body.result.inputs.observations).toContainEqual(expect.objectContaining({ year: 2017, value: 26, isSample: false }));
    expect(body.result.flags.map((f: { code: string }) => f.code)).toContain('sample_data');
    expect(body.observations.length).toBeGreaterThan(5);
    // The projection in words, its trend labelled as resting partly on sample figures.
    expect(body.result.explanation.zh).toMatch(
      /^按2013–2017年趋势（含示例数据），2020年预计.+家，目标80家.+；需年均增长 .+% 才能在2020年达到80/,
    );
    expect(body.result.basis).toBe('sample');
  });

  it('answers 404 for an unknown target and 400 for a malformed id', async () => {
    expect((await get('/api/targets/99999/progress')).status).toBe(404);
    const bad = await get('/api/targets/abc/progress');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('id');
  });
});

describe('GET /api/regions/:code/progress', () => {
  it('rolls up every target of the region across plans', async () => {
    const { status, body } = await get('/api/regions/141100/progress');
    expect(status).toBe(200);
    const plans = (await get('/api/plans')).body as { region: { code: string }; targetCount: number }[];
    const lvliangTargets = plans.filter((p) => p.region.code === '141100').reduce((n, p) => n + p.targetCount, 0);
    expect(body.rollup.targetCount).toBe(lvliangTargets);
    expect((await get('/api/regions/999999/progress')).status).toBe(404);
  });
});
