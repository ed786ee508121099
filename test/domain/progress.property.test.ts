import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeTarget } from '../../server/src/domain/progress/judge.js';
import type { ProgressObservation, ProgressTarget, Status, TargetType } from '../../server/src/domain/progress/types.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 3000);

const observations = (values: (number | null)[], firstYear: number): ProgressObservation[] =>
  values.map((value, i) => ({ year: firstYear + i, value, vintage: 'final', isSample: false, revisionCount: 1 }));

const anyNumber = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -5, max: 500 }),
  fc.constantFrom(0, -0, 1e-12, 5e-324),
);

const arbitraryTarget = fc.record({
  type: fc.constantFrom<TargetType>(
    'level',
    'share',
    'annual_growth',
    'per_year',
    'cumulative',
    'range',
    'benchmark',
    'milestone',
  ),
  direction: fc.constantFrom('up', 'down', 'band'),
  indicatorKind: fc.constantFrom('stock', 'flow', 'share', 'money'),
  comparator: fc.constantFrom('at_least', 'at_most', 'about', 'exactly'),
  value: fc.option(anyNumber, { nil: null }),
  valueMin: fc.option(anyNumber, { nil: null }),
  valueMax: fc.option(anyNumber, { nil: null }),
  valueUnknown: fc.boolean(),
  targetYear: fc.option(fc.integer({ min: 2010, max: 2030 }), { nil: null }),
  baseYear: fc.constant(null),
  baseValue: fc.constant(null),
  periodStart: fc.option(fc.integer({ min: 2008, max: 2025 }), { nil: null }),
  periodEnd: fc.option(fc.integer({ min: 2010, max: 2030 }), { nil: null }),
  milestones: fc.array(fc.record({ year: fc.integer({ min: 2008, max: 2030 }), value: fc.option(anyNumber, { nil: null }) }), {
    maxLength: 3,
  }),
  plausibleMax: fc.option(fc.constantFrom(10, 100), { nil: null }),
  unitZh: fc.constant('个'),
  unitEn: fc.constant('items'),
}) as fc.Arbitrary<ProgressTarget>;

/** Every number anywhere in the result. */
function numbers(x: unknown, out: number[] = []): number[] {
  if (typeof x === 'number') out.push(x);
  else if (Array.isArray(x)) for (const v of x) numbers(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) numbers(v, out);
  return out;
}

// Better to worse; the statuses that are not a judgement of pace have no rank.
const RANK: Partial<Record<Status, number>> = { achieved: 6, on_track: 5, accelerate: 4, limited: 3, moving_away: 2, missed: 1 };

describe('the progress engine, over random inputs', () => {
  it('never throws and never returns NaN or Infinity', () => {
    fc.assert(
      fc.property(
        arbitraryTarget,
        fc.array(fc.option(anyNumber, { nil: null }), { maxLength: 12 }),
        fc.integer({ min: 2005, max: 2025 }),
        fc.array(anyNumber, { maxLength: 8 }),
        fc.option(fc.integer({ min: 2000, max: 2035 }), { nil: null }),
        (target, values, firstYear, benchmarkValues, asOf) => {
          const benchmark = benchmarkValues.map((value, i) => ({
            year: firstYear + i,
            value,
            vintage: 'final' as const,
            isSample: false,
            revisionCount: 1,
          }));
          const r = judgeTarget({ target, observations: observations(values, firstYear), benchmark, asOf });
          for (const n of numbers(r)) expect(Number.isFinite(n)).toBe(true);
          expect(r.explanation.zh).not.toMatch(/NaN|Infinity|undefined/);
          expect(r.explanation.en).not.toMatch(/NaN|Infinity|undefined/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  const upTarget = fc.record({
    type: fc.constantFrom<TargetType>('level', 'annual_growth', 'range', 'per_year', 'cumulative', 'share'),
    kind: fc.constantFrom('stock', 'flow', 'money', 'share'),
    value: fc.integer({ min: 1, max: 1000 }),
    targetYear: fc.integer({ min: 2016, max: 2024 }),
  });

  it('never worsens the status of an up target when the latest value is raised', () => {
    fc.assert(
      fc.property(
        upTarget,
        // At least two figures: with one, the latest is also the base, and raising it moves the base.
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 500 }),
        ({ type, kind, value, targetYear }, values, raise) => {
          const target: ProgressTarget = {
            type,
            direction: 'up',
            indicatorKind: kind as ProgressTarget['indicatorKind'],
            comparator: 'at_least',
            value: type === 'range' ? null : type === 'annual_growth' ? value / 100 : value,
            valueMin: type === 'range' ? value : null,
            valueMax: type === 'range' ? value * 2 : null,
            valueUnknown: false,
            targetYear,
            baseYear: null,
            baseValue: null,
            periodStart: 2014,
            periodEnd: targetYear,
            milestones: [],
            unitZh: '个',
            unitEn: 'items',
          };
          const before = judgeTarget({ target, observations: observations(values, 2013) }).status;
          const raised = [...values];
          raised[raised.length - 1] = (raised[raised.length - 1] ?? 0) + raise;
          const after = judgeTarget({ target, observations: observations(raised, 2013) }).status;
          const [b, a] = [RANK[before], RANK[after]];
          if (b !== undefined && a !== undefined) expect(a).toBeGreaterThanOrEqual(b);
          else if (after !== before) expect(after).toBe('achieved');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('mirrors the status of a down target given mirrored inputs (shares, whose paths are straight)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.integer({ min: 2015, max: 2024 }),
        (values, goal, targetYear) => {
          const up: ProgressTarget = {
            type: 'share',
            direction: 'up',
            indicatorKind: 'share',
            comparator: 'at_least',
            value: goal,
            valueMin: null,
            valueMax: null,
            valueUnknown: false,
            targetYear,
            baseYear: null,
            baseValue: null,
            periodStart: 2014,
            periodEnd: targetYear,
            milestones: [],
            plausibleMin: -100,
            plausibleMax: 100,
            unitZh: '%',
            unitEn: '%',
          };
          const down: ProgressTarget = { ...up, direction: 'down', comparator: 'at_most', value: -goal };
          const a = judgeTarget({ target: up, observations: observations(values, 2013) });
          const b = judgeTarget({
            target: down,
            observations: observations(
              values.map((v) => -v),
              2013,
            ),
          });
          expect(b.status).toBe(a.status);
          expect(b.outlook).toBe(a.outlook);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('leaves the status unchanged when a count series and its target are multiplied by the same factor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 2015, max: 2024 }),
        fc.constantFrom('level', 'range', 'per_year', 'cumulative'),
        // Powers of two scale floating-point numbers exactly, so the test checks the method and not
        // rounding in the last bit.
        fc.integer({ min: -6, max: 20 }).map((k) => 2 ** k),
        (values, goal, targetYear, type, factor) => {
          const t = (f: number): ProgressTarget => ({
            type: type as TargetType,
            direction: 'up',
            indicatorKind: type === 'level' || type === 'range' ? 'stock' : 'flow',
            comparator: 'at_least',
            value: type === 'range' ? null : goal * f,
            valueMin: type === 'range' ? goal * f : null,
            valueMax: type === 'range' ? 2 * goal * f : null,
            valueUnknown: false,
            targetYear,
            baseYear: null,
            baseValue: null,
            periodStart: 2014,
            periodEnd: targetYear,
            milestones: [],
            unitZh: '个',
            unitEn: 'items',
          });
          const a = judgeTarget({ target: t(1), observations: observations(values, 2013) });
          const b = judgeTarget({
            target: t(factor),
            observations: observations(
              values.map((v) => v * factor),
              2013,
            ),
          });
          expect(b.status).toBe(a.status);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
