import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { num } from '../../server/src/domain/progress/explain.js';
import { judgeTarget } from '../../server/src/domain/progress/judge.js';
import type { ProgressObservation, ProgressTarget, Status, TargetType } from '../../server/src/domain/progress/types.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 3000);

const observations = (values: (number | null)[], firstYear: number): ProgressObservation[] =>
  values.map((value, i) => ({ year: firstYear + i, value, vintage: 'final', isSample: false, revisionCount: 1 }));

const anyNumber = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -5, max: 500 }),
  fc.constantFrom(0, -0, 1e-12, 5e-324),
  // Figures large enough that their sums and compound paths overflow: finite answers or not_assessable.
  fc.double({ min: 1e300, max: Number.MAX_VALUE, noNaN: true }),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1e308),
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
const RANK: Partial<Record<Status, number>> = {
  achieved: 7,
  on_track: 6,
  met_late: 5,
  accelerate: 4,
  limited: 3,
  moving_away: 2,
  missed: 1,
};

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
    // An interim milestone: the outlook toward it must never make a better figure read worse.
    milestone: fc.option(fc.record({ year: fc.integer({ min: 2015, max: 2023 }), value: fc.integer({ min: 1, max: 1000 }) }), {
      nil: null,
    }),
    // Judged as of a later year too: frozen verdicts (met late, missed on a later figure) must order as well.
    asOf: fc.option(fc.integer({ min: 2014, max: 2026 }), { nil: null }),
    samples: fc.array(fc.boolean(), { maxLength: 8 }),
  });

  it('never worsens the status of an up target when the latest value is raised', () => {
    fc.assert(
      fc.property(
        upTarget,
        // At least two figures: with one, the latest is also the base, and raising it moves the base.
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 500 }),
        ({ type, kind, value, targetYear, milestone, asOf, samples }, values, raise) => {
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
            milestones: milestone ? [milestone] : [],
            unitZh: '个',
            unitEn: 'items',
          };
          const series = (list: number[]) => observations(list, 2013).map((o, i) => ({ ...o, isSample: samples[i] ?? false }));
          const before = judgeTarget({ target, observations: series(values), asOf }).status;
          const raised = [...values];
          raised[raised.length - 1] = (raised[raised.length - 1] ?? 0) + raise;
          const after = judgeTarget({ target, observations: series(raised), asOf }).status;
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

  it('never worsens the status when the latest value passes an interim milestone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 10, max: 400 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 1.05, max: 4, noNaN: true }),
        fc.constantFrom('stock', 'money', 'share'),
        (values, raise, where, toMilestone, afterMilestone, factor, kind) => {
          const last = values[values.length - 1] as number;
          const lastYear = 2013 + values.length - 1;
          // The milestone lies between the latest figure and the raised one; the target beyond both.
          const milestone = { year: lastYear + toMilestone, value: last + where * raise };
          const target: ProgressTarget = {
            type: kind === 'share' ? 'share' : 'level',
            direction: 'up',
            indicatorKind: kind as ProgressTarget['indicatorKind'],
            comparator: 'at_least',
            value: (last + raise) * factor,
            valueMin: null,
            valueMax: null,
            valueUnknown: false,
            targetYear: milestone.year + afterMilestone,
            baseYear: null,
            baseValue: null,
            periodStart: 2014,
            periodEnd: milestone.year + afterMilestone,
            milestones: [milestone],
            plausibleMax: 1e6,
            unitZh: '个',
            unitEn: 'items',
          };
          const before = judgeTarget({ target, observations: observations(values, 2013) }).status;
          const after = judgeTarget({ target, observations: observations([...values.slice(0, -1), last + raise], 2013) }).status;
          expect(RANK[after] ?? 0).toBeGreaterThanOrEqual(RANK[before] ?? 0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  // Money: counts below 10 are projected on a straight line (growth rates of 1 → 3 say nothing), so
  // scaling a count across 10 may rightly change its verdict; money has no such threshold.
  it('leaves the status unchanged when a money or flow series and its target are multiplied by the same factor', () => {
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
            indicatorKind: type === 'level' || type === 'range' ? 'money' : 'flow',
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

  const consistentTarget = fc.record({
    type: fc.constantFrom<TargetType>('level', 'share', 'range', 'annual_growth', 'per_year', 'cumulative'),
    kind: fc.constantFrom('stock', 'flow', 'money', 'share'),
    comparator: fc.constantFrom('at_least', 'at_most'),
    value: fc.integer({ min: 1, max: 300 }),
    targetYear: fc.integer({ min: 2015, max: 2023 }),
    milestone: fc.option(fc.record({ year: fc.integer({ min: 2014, max: 2022 }), value: fc.integer({ min: 1, max: 300 }) }), {
      nil: null,
    }),
  });

  it('never gives a status that its own explanation contradicts', () => {
    fc.assert(
      fc.property(
        consistentTarget,
        fc.array(fc.option(fc.integer({ min: 0, max: 300 }), { nil: null, freq: 4 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.boolean(), { maxLength: 10 }),
        fc.option(fc.integer({ min: 2013, max: 2026 }), { nil: null }),
        ({ type, kind, comparator, value, targetYear, milestone }, values, samples, asOf) => {
          const target: ProgressTarget = {
            type,
            direction: comparator === 'at_most' ? 'down' : 'up',
            indicatorKind: kind as ProgressTarget['indicatorKind'],
            comparator: comparator as ProgressTarget['comparator'],
            value: type === 'range' ? null : value,
            valueMin: type === 'range' ? value : null,
            valueMax: type === 'range' ? value * 2 : null,
            valueUnknown: false,
            targetYear,
            baseYear: null,
            baseValue: null,
            periodStart: 2014,
            periodEnd: targetYear,
            milestones: milestone && type !== 'annual_growth' ? [milestone] : [],
            unitZh: '个',
            unitEn: 'items',
          };
          const series = observations(values, 2013).map((o, i) => ({ ...o, isSample: samples[i] ?? false }));
          const figure = new Map(series.filter((o) => o.value !== null).map((o) => [o.year, o]));
          const r = judgeTarget({ target, observations: series, asOf });
          const en = r.explanation.en;

          // 1. Every figure quoted for a year is that year's figure, and a sample one always says so.
          for (const m of en.matchAll(/(\d{4}): (-?[\d.]+(?:e[+-]\d+)?) items( \(sample\))?/g)) {
            const o = figure.get(Number(m[1]));
            expect(o, `${m[0]} quotes a year without a figure`).toBeDefined();
            expect(m[2]).toBe(num(o?.value as number));
            expect(Boolean(m[3])).toBe(o?.isSample);
          }
          // The Chinese sentence too: "2020年为62个" is followed by its label when 62 is a sample figure.
          for (const m of r.explanation.zh.matchAll(/(\d{4})年为(-?[\d.]+(?:e[+-]\d+)?)个(（示例数据）)?/g)) {
            const o = figure.get(Number(m[1]));
            expect(o).toBeDefined();
            expect(m[2]).toBe(num(o?.value as number));
            expect(Boolean(m[3])).toBe(o?.isSample);
          }
          if (r.basis === 'sample') expect(en).toContain('rests on sample figures');
          if (r.basis === 'published') expect(r.sampleFigures).toEqual([]);

          // 2. A verdict on a target with a goal at the target year, once that year has passed.
          if (!['level', 'share', 'range'].includes(type) || r.asOf === null || r.asOf < targetYear) return;
          const s = comparator === 'at_most' ? -1 : 1;
          const goal = type === 'range' && s === -1 ? value * 2 : value;
          const met = (v: number) => s * (v - goal) >= 0;
          const atT = figure.get(targetYear);
          const usedAtT = atT && r.inputs.observations.some((o) => o.year === targetYear);
          // The figure for T, where there is one, is the figure the verdict used, and it is quoted.
          if (atT && atT.year <= r.asOf) {
            expect(usedAtT).toBe(true);
            if (r.status === 'achieved' || r.status === 'missed')
              expect(en).toContain(`${targetYear}: ${num(atT.value as number)} items`);
            // A met target is never missed; a target that was not met is never achieved.
            expect(r.status).toBe(met(atT.value as number) ? 'achieved' : 'missed');
          }
          // Missed only on a quoted figure, for T or after it, that falls short.
          if (r.status === 'missed') {
            expect(en.startsWith('Missed')).toBe(true);
            const quoted = [...en.matchAll(/(\d{4}): (-?[\d.]+)/g)].map((m) => figure.get(Number(m[1])));
            expect(quoted.some((o) => o && o.year >= targetYear && !met(o.value as number))).toBe(true);
          }
          if (r.status === 'met_late') {
            expect(en.startsWith('Met late')).toBe(true);
            expect(atT).toBeUndefined();
          }
          if (r.status === 'achieved') expect(en.startsWith('Achieved')).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('scores every missed target at or below every open one, and every judged status has a score', () => {
    fc.assert(
      fc.property(
        arbitraryTarget,
        fc.array(fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), { maxLength: 10 }),
        fc.option(fc.integer({ min: 2010, max: 2030 }), { nil: null }),
        (target, values, asOf) => {
          const r = judgeTarget({ target, observations: observations(values, 2013), asOf });
          const open = ['on_track', 'accelerate', 'limited', 'moving_away'];
          if (r.status === 'missed') expect(r.score).toBe(-5);
          if (open.includes(r.status)) expect(r.score ?? Number.NaN).toBeGreaterThanOrEqual(-5);
          if (r.status === 'met_late') expect(r.score).toBe(2.5);
          const judged = [...open, 'missed', 'met_late', 'achieved'].includes(r.status);
          expect(r.score === null).toBe(!judged);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
