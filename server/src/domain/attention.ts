/**
 * Which targets a region's overview lists under 需要关注 / Needs attention: the off-course targets of
 * the plans the region is working to. Pure: the dashboard service reads the plans and judges them.
 */
import type { Status } from './progress/types.js';

/** The verdicts that call for action, most severe first. */
export const OFF_COURSE: readonly Status[] = ['missed', 'moving_away', 'limited', 'accelerate'];

export function isOffCourse(status: Status): boolean {
  return OFF_COURSE.includes(status);
}

/**
 * Where the list's targets come from: the plans in force, or (when none is) the plans whose period
 * ended last, or nowhere.
 */
export type AttentionScope = 'in_force' | 'ended' | 'none';

export interface AttentionPlan {
  status: string;
  periodStart: number | null;
  periodEnd: number | null;
}

function inForce(plan: AttentionPlan, asOf: number | null): boolean {
  // As of a chosen year, a plan is in force when its period covers that year (its recorded status says
  // how it stands today); for the latest figures, its recorded status.
  if (asOf === null) return plan.status === 'in_force';
  return plan.periodStart !== null && plan.periodEnd !== null && plan.periodStart <= asOf && asOf <= plan.periodEnd;
}

function ended(plan: AttentionPlan, asOf: number | null): boolean {
  if (plan.periodEnd === null) return false;
  return asOf === null ? plan.status === 'expired' : plan.periodEnd < asOf;
}

/**
 * The plans a region's needs-attention list draws from: those in force as of the year viewed. A region
 * between plans (every plan of the seed has ended) would otherwise see nothing; it then sees the plans
 * whose period ended last (all of them, when several ended the same year), and the page says so.
 * Plans whose years are masked are never chosen: nothing says whether they are in force.
 */
export function attentionPlans<P extends AttentionPlan>(
  plans: readonly P[],
  asOf: number | null,
): { scope: AttentionScope; plans: P[] } {
  const current = plans.filter((plan) => inForce(plan, asOf));
  if (current.length > 0) return { scope: 'in_force', plans: current };
  const past = plans.filter((plan) => ended(plan, asOf));
  if (past.length === 0) return { scope: 'none', plans: [] };
  const last = Math.max(...past.map((plan) => plan.periodEnd as number));
  return { scope: 'ended', plans: past.filter((plan) => plan.periodEnd === last) };
}
