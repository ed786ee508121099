import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// A target read by itself (targetById, targetsOn: what the overview asks per headline indicator)
// is the same target its plan's list holds, milestones included, without reading the whole plan.

const { dbPath, cleanup } = tempDbPath();
afterAll(() => cleanup());

describe('targets read one by one', () => {
  it('equal the targets of their plan, for every target of the seed', async () => {
    await (await buildApp({ dbPath, serveWeb: false })).close();
    const db = openDatabase(dbPath);
    const repos = createRepositories(db);
    let checked = 0;
    let withMilestones = 0;
    for (const plan of repos.plans.list()) {
      for (const target of repos.plans.targets(plan.id)) {
        expect(repos.plans.targetById(target.id)).toEqual({ planId: plan.id, target });
        const on = repos.plans.targetsOn(target.regionCode, target.indicatorCode);
        expect(on.find((o) => o.target.id === target.id)).toEqual({ plan, target });
        // Every target on the same region and indicator, in plan then position order.
        expect(
          on.every((o) => o.target.regionCode === target.regionCode && o.target.indicatorCode === target.indicatorCode),
        ).toBe(true);
        checked++;
        if (target.milestones.length > 0) withMilestones++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(withMilestones).toBeGreaterThan(0);
    expect(repos.plans.targetById(999_999)).toBeUndefined();
    db.close();
  });
});
