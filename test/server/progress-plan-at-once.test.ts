import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { createProgressService } from '../../server/src/services/progress.js';
import { useApp } from '../helpers/app.js';

// A plan's progress is judged from its targets, indicators and series each read at once (one
// statement for all of a plan's series). It must answer exactly what judging one target at a time
// answers, each target reading its own series as the target page does: for every seed plan, as of
// several years, retired targets and benchmarks included.

const { app, dbPath, get } = useApp();
const AS_OF = [null, 2012, 2015, 2017, 2018, 2019, 2020, 2021, 2023] as const;

let db: ReturnType<typeof openDatabase> | undefined;
afterAll(() => db?.close());
function service() {
  db ??= openDatabase(dbPath());
  const repos = createRepositories(db);
  return { repos, progress: createProgressService(repos) };
}

describe('a plan judged at once', () => {
  it('equals every target judged one at a time, for every seed plan and as-of year, as the API sends it', async () => {
    app();
    const { repos, progress } = service();
    const plans = repos.plans.list();
    expect(plans.length).toBeGreaterThan(3);
    const benchmarks = plans.flatMap((p) => repos.plans.targets(p.id)).filter((t) => t.benchmarkRegionCode !== null);
    expect(benchmarks.length).toBeGreaterThan(0);
    let judged = 0;
    for (const plan of plans)
      for (const asOf of AS_OF) {
        const byTarget = progress.judgePlanByTarget(plan, asOf);
        const atOnce = progress.planProgress(plan, asOf);
        expect(JSON.stringify(atOnce.targets)).toBe(JSON.stringify(byTarget));
        const sent = await get(`/api/plans/${plan.id}/progress${asOf === null ? '' : `?asOf=${asOf}`}`);
        expect(sent.status).toBe(200);
        // The plan's list sends each verdict without its year-by-year paths (schemas/progress.ts).
        const listed = byTarget.map(({ result: { requiredPath: _p, projection: _q, ...result }, ...t }) => ({ ...t, result }));
        expect(sent.body.targets).toEqual(JSON.parse(JSON.stringify(listed)));
        judged += byTarget.length;
      }
    expect(judged).toBeGreaterThan(100);
  });

  it('leaves a retired target out, as one at a time does, and judges the others the same', async () => {
    const { repos, progress } = service();
    const plan = repos.plans.find('lvliang-2014-2020');
    if (!plan) throw new Error('seed plan missing');
    const [first, second] = repos.plans.targets(plan.id);
    if (!first || !second) throw new Error('seed plan has fewer than two targets');
    expect(repos.plans.retireTarget(first.id, { at: '2026-01-01T00:00:00Z', by: 'test', reason: 'test' })).toBe(true);
    const atOnce = progress.planProgress(plan, 2019).targets;
    expect(atOnce.map((t) => t.targetId)).not.toContain(first.id);
    expect(atOnce[0]?.targetId).toBe(second.id);
    expect(JSON.stringify(atOnce)).toBe(JSON.stringify(progress.judgePlanByTarget(plan, 2019)));
  });

  it('reads many series in one statement as series() reads each: in the pairs’ order, empty for a figure without values', () => {
    const { repos } = service();
    const pairs = repos.plans
      .list()
      .flatMap((p) => repos.plans.targets(p.id))
      .flatMap((t): [string, string][] => [
        [t.regionCode, t.indicatorCode],
        ...(t.benchmarkRegionCode ? [[t.benchmarkRegionCode, t.indicatorCode] as [string, string]] : []),
      ]);
    pairs.push(['999999', 'no_such_indicator'], pairs[0] as [string, string]);
    const many = repos.observations.seriesOfMany(pairs);
    expect(many).toHaveLength(pairs.length);
    expect(many.filter((s) => s.length > 0).length).toBeGreaterThan(10);
    expect(many.at(-2)).toEqual([]);
    pairs.forEach(([region, indicator], i) => {
      expect(many[i]).toEqual(repos.observations.series(region, indicator));
    });
    expect(repos.observations.seriesOfMany([])).toEqual([]);
  });
});
