import { Type } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { judgedFigures } from '../../server/src/routes/progress.js';
import { PlanProgress, PlanProgressSummary } from '../../server/src/schemas/progress.js';
import { forSerialising } from '../../server/src/schemas/serialised.js';
import { createProgressService } from '../../server/src/services/progress.js';
import { useApp } from '../helpers/app.js';

// The progress answers are serialised from their schemas rewritten without the unions the
// serialiser would test branch by branch (schemas/serialised.ts): the same JSON, written faster.

const { app, dbPath, get } = useApp();
let db: ReturnType<typeof openDatabase> | undefined;
afterAll(() => db?.close());

/** Every `anyOf` left anywhere in a schema. */
function unions(schema: unknown): unknown[] {
  if (Array.isArray(schema)) return schema.flatMap(unions);
  if (schema === null || typeof schema !== 'object') return [];
  const own = 'anyOf' in schema ? [schema] : [];
  return [...own, ...Object.values(schema).flatMap(unions)];
}

describe('forSerialising', () => {
  it('leaves no union in the plan progress answers, and says the same of each field', () => {
    expect(unions(PlanProgress).length).toBeGreaterThan(10);
    expect(unions(forSerialising(PlanProgress))).toEqual([]);
    expect(unions(forSerialising(PlanProgressSummary))).toEqual([]);
    type Props = Record<string, Record<string, unknown>>;
    const rewritten = JSON.parse(JSON.stringify(forSerialising(PlanProgress)));
    const result = rewritten.properties.targets.items.properties.result.properties as Props;
    expect(result.score).toEqual({ type: ['number', 'null'], description: 'Open SDG score, −5…+5' });
    expect(result.status?.type).toBe('string');
    expect(result.status?.enum).toContain('on_track');
    expect(result.status?.enum).toHaveLength(10);
    expect(result.basis).toMatchObject({ type: ['string', 'null'], enum: ['published', 'sample', null] });
    expect(result.checkpoint?.type).toEqual(['object', 'null']);
    expect(result.checkpoint?.required).toEqual(['year', 'value', 'kind']);
    // The schema given is not changed.
    expect(unions(PlanProgress).length).toBeGreaterThan(10);
  });

  it('keeps a union it cannot write without one', () => {
    const either = Type.Union([Type.Object({ a: Type.Number() }), Type.Object({ b: Type.String() })]);
    expect(forSerialising(either)).toEqual(either);
    const mixed = Type.Union([Type.String(), Type.Number(), Type.Null()]);
    expect(forSerialising(mixed)).toEqual(mixed);
  });
});

describe('the plan progress answers as sent', () => {
  it('carry every value the engine judged, nulls and sample verdicts included, for every seed plan', async () => {
    app();
    db ??= openDatabase(dbPath());
    const repos = createRepositories(db);
    const progress = createProgressService(repos);
    let published = 0;
    let nulls = 0;
    for (const plan of repos.plans.list())
      for (const asOf of [null, 2016, 2020]) {
        const query = asOf === null ? '' : `?asOf=${asOf}`;
        const judged = progress.planProgress(plan, asOf);
        const full = await get(`/api/plans/${plan.id}/progress${query}`);
        const brief = await get(`/api/plans/${plan.id}/progress/summary${query}`);
        const listed = judged.targets.map(({ result: { requiredPath: _p, projection: _q, ...result }, ...t }) => ({
          ...t,
          result,
        }));
        expect(full.body).toEqual(JSON.parse(JSON.stringify({ ...judged, targets: listed })));
        expect(brief.body.targets).toEqual(
          JSON.parse(
            JSON.stringify(
              listed.map(({ result: { inputs, ...rest }, ...t }) => ({
                ...t,
                result: { ...rest, judged: judgedFigures(inputs.observations) },
              })),
            ),
          ),
        );
        for (const t of full.body.targets as { result: { publishedOnly: unknown; score: unknown } }[]) {
          if (t.result.publishedOnly !== null) published++;
          if (t.result.score === null) nulls++;
        }
      }
    expect(published).toBeGreaterThan(0);
    expect(nulls).toBeGreaterThan(0);
  });
});
