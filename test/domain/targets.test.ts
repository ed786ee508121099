import { describe, expect, it } from 'vitest';
import { type PlanPeriod, type TargetCheckInput, targetProblems } from '../../server/src/domain/targets.js';

// The rules every target obeys, whoever writes it (seed check, an administrator's correction).

const base: TargetCheckInput = {
  type: 'level',
  value: 80,
  valueMin: null,
  valueMax: null,
  valueUnknown: false,
  targetYear: 2020,
  baseYear: null,
  baseValue: null,
  benchmarkRegion: null,
  milestones: [],
};
const period: PlanPeriod = { periodStart: 2014, periodEnd: 2020 };
const problems = (changes: Partial<TargetCheckInput>, plan: PlanPeriod = period) =>
  targetProblems({ ...base, ...changes }, plan).map((p) => `${p.field}:${p.code}`);

describe('targetProblems', () => {
  it('accepts a well-formed target of each kind', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ type: 'range', value: null, valueMin: 1, valueMax: 2 })).toEqual([]);
    expect(problems({ type: 'range', value: null, valueMin: 2, valueMax: 2 })).toEqual([]);
    expect(problems({ type: 'benchmark', value: null, benchmarkRegion: '100000' })).toEqual([]);
    expect(problems({ type: 'milestone', value: null })).toEqual([]);
    expect(problems({ value: null, valueUnknown: true, targetYear: null }, { periodStart: null, periodEnd: null })).toEqual([]);
    expect(problems({ baseYear: 2013, baseValue: 40, targetYear: 2025 })).toEqual([]);
  });

  it('names the field of each broken rule', () => {
    expect(problems({ type: 'range', value: null, valueMin: 5, valueMax: 2 })).toEqual(['valueMin:range_order']);
    expect(problems({ type: 'range', value: null, valueMin: 5, valueMax: null })).toEqual(['valueMax:range_bounds_required']);
    expect(problems({ value: null })).toEqual(['value:value_required']);
    expect(problems({ valueUnknown: true })).toEqual(['value:value_unknown_has_value']);
    expect(problems({ targetYear: null })).toEqual(['targetYear:year_required']);
    expect(problems({ targetYear: 2013 })).toEqual(['targetYear:year_before_period']);
    expect(problems({ targetYear: 2200 })).toEqual(['targetYear:year_out_of_bounds']);
    expect(problems({ baseYear: 2013 })).toEqual(['baseValue:base_pair']);
    expect(problems({ baseValue: 3 })).toEqual(['baseYear:base_pair']);
    expect(problems({ baseYear: 2020, baseValue: 3 })).toEqual(['baseYear:base_after_target']);
    expect(problems({ type: 'benchmark', value: null })).toEqual(['benchmarkRegion:benchmark_region_required']);
    expect(problems({ value: Number.NaN })).toEqual(['value:not_a_number']);
    expect(problems({ milestones: [{ year: 2015 }, { year: 2020 }] })).toEqual(['milestones[1].year:milestone_after_target']);
  });
});
