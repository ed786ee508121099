import { describe, expect, it } from 'vitest';
import { attentionPlans, isOffCourse, OFF_COURSE } from '../../server/src/domain/attention.js';

const plan = (id: number, status: string, periodStart: number | null, periodEnd: number | null) => ({
  id,
  status,
  periodStart,
  periodEnd,
});

describe('the plans a region’s needs-attention list draws from', () => {
  it('takes the plans in force, by their recorded status for the latest figures', () => {
    const plans = [plan(1, 'expired', 2014, 2020), plan(2, 'in_force', 2021, 2025), plan(3, 'in_force', 2023, 2027)];
    expect(attentionPlans(plans, null)).toEqual({ scope: 'in_force', plans: [plans[1], plans[2]] });
  });

  it('as of a chosen year, takes the plans whose period covers it, whatever their status today', () => {
    const plans = [plan(1, 'expired', 2014, 2020), plan(2, 'expired', 2019, 2019), plan(3, 'in_force', 2021, 2025)];
    expect(attentionPlans(plans, 2018).plans.map((p) => p.id)).toEqual([1]);
    expect(attentionPlans(plans, 2019).plans.map((p) => p.id)).toEqual([1, 2]);
    expect(attentionPlans(plans, 2021)).toEqual({ scope: 'in_force', plans: [plans[2]] });
  });

  it('with none in force, takes the plans whose period ended last, all of them', () => {
    // Lüliang in the seed: the 2014–2020 action plan and the 2019 work plan, both ended.
    const lvliang = [plan(1, 'expired', 2014, 2020), plan(2, 'expired', 2019, 2019)];
    expect(attentionPlans(lvliang, null)).toEqual({ scope: 'ended', plans: [lvliang[0]] });
    expect(attentionPlans(lvliang, 2023)).toEqual({ scope: 'ended', plans: [lvliang[0]] });
    const twins = [plan(1, 'expired', 2016, 2020), plan(2, 'expired', 2018, 2020), plan(3, 'expired', 2011, 2015)];
    expect(attentionPlans(twins, null).plans.map((p) => p.id)).toEqual([1, 2]);
  });

  it('takes nothing from a plan whose years are masked, nor before any plan began', () => {
    expect(attentionPlans([plan(1, 'unknown', null, null)], null)).toEqual({ scope: 'none', plans: [] });
    expect(attentionPlans([plan(1, 'unknown', null, null)], 2020)).toEqual({ scope: 'none', plans: [] });
    expect(attentionPlans([plan(1, 'in_force', 2021, 2025)], 2019)).toEqual({ scope: 'none', plans: [] });
    expect(attentionPlans([], null)).toEqual({ scope: 'none', plans: [] });
  });

  it('counts missed, moving away, limited and accelerate as off course, and nothing else', () => {
    expect(OFF_COURSE).toEqual(['missed', 'moving_away', 'limited', 'accelerate']);
    expect(isOffCourse('limited')).toBe(true);
    for (const status of ['achieved', 'met_late', 'on_track', 'insufficient_data', 'no_data', 'not_assessable'] as const)
      expect(isOffCourse(status)).toBe(false);
  });
});
