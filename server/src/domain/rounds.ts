/**
 * Collection rounds (填报轮次): which figures a year's round asks for and from whom, and how far each
 * has got. Pure: the rounds service reads plans, targets, units, figures and submissions and passes
 * them in.
 */

/** A plan as a round reads it. */
export interface RoundPlan {
  id: number;
  regionCode: string;
  periodStart: number | null;
  periodEnd: number | null;
}

/** A target as a round reads it, with its lead units in the order its clause names them. */
export interface RoundTarget {
  id: number;
  planId: number;
  position: number;
  regionCode: string;
  indicatorCode: string;
  benchmarkRegionCode: string | null;
  leadUnitIds: readonly number[];
}

export interface RegionNode {
  code: string;
  parentCode: string | null;
}

/** One figure a round asks for: a region's indicator, the unit that owes it, and the targets needing it. */
export interface OwedFigure {
  regionCode: string;
  indicatorCode: string;
  /** null: no target needing the figure names a lead unit (未指定单位). */
  unitId: number | null;
  /** The other lead units those targets name, kept visible beside the owing one. */
  otherUnitIds: number[];
  targetIds: number[];
}

/** A figure a target compares with but the round does not ask for, and why. */
export interface NotOwedFigure {
  regionCode: string;
  indicatorCode: string;
  targetId: number;
  reason: 'benchmark_outside_city';
}

/** The city and every region below it. */
export function regionsWithin(cityCode: string, regions: readonly RegionNode[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const r of regions) {
    if (r.parentCode === null) continue;
    const list = children.get(r.parentCode) ?? [];
    list.push(r.code);
    children.set(r.parentCode, list);
  }
  const within = new Set<string>([cityCode]);
  const queue = [cityCode];
  for (let code = queue.pop(); code !== undefined; code = queue.pop()) {
    for (const child of children.get(code) ?? []) {
      if (!within.has(child)) {
        within.add(child);
        queue.push(child);
      }
    }
  }
  return within;
}

/**
 * A plan is in force for a year when its period covers the year (as the overview reads a chosen
 * year: domain/attention.ts). A plan whose years the document masks is never in force for any year:
 * nothing says it is, and a round must not ask for figures on a guess.
 */
export function planInForce(plan: RoundPlan, year: number): boolean {
  return plan.periodStart !== null && plan.periodEnd !== null && plan.periodStart <= year && year <= plan.periodEnd;
}

/**
 * Every figure the plans in force for `year` in the city (its sub-regions included) need: one item
 * per region × indicator of their targets, with the unit that owes it.
 *
 * - A target whose year has passed within a plan still in force still needs the figure: a later year
 *   says whether it was met late (the progress engine's met_late), and the plan's report reads it.
 * - A benchmark target (达到全国/全省平均水平) compares the city's figure with the benchmark region's.
 *   The city's figure is owed like any other. The benchmark region's is owed only when that region is
 *   within the city (a county compared with the city's average): a national or provincial average is
 *   published by the statistics bureau above, which no unit of this city can be asked to fill in; it
 *   is recorded from that publication as before, and listed in `notOwed` so the page can say so.
 * - An administrator may narrow a round to some indicators (a supplementary round for figures published
 *   early, or asked again); the rules above then apply to those indicators' targets only.
 * - The owing unit, where the targets needing one figure name different lead units: each target votes
 *   for the first lead unit its clause names (the one that 牵头 first); the unit with most votes owes
 *   it, a tie going to the unit of the earliest target (by plan, then position in the plan). Every other
 *   lead unit those targets name is kept in `otherUnitIds`, so nothing the documents say is hidden.
 */
export function owedFigures(input: {
  cityCode: string;
  year: number;
  regions: readonly RegionNode[];
  plans: readonly RoundPlan[];
  targets: readonly RoundTarget[];
  /** A round narrowed to some indicators (a supplementary round, 补报); absent: every indicator. */
  indicatorCodes?: readonly string[] | null;
}): { items: OwedFigure[]; notOwed: NotOwedFigure[] } {
  const within = regionsWithin(input.cityCode, input.regions);
  const plans = new Map(
    input.plans.filter((p) => within.has(p.regionCode) && planInForce(p, input.year)).map((p) => [p.id, p] as const),
  );
  const only = input.indicatorCodes ? new Set(input.indicatorCodes) : null;
  const targets = input.targets
    .filter((t) => plans.has(t.planId) && (only === null || only.has(t.indicatorCode)))
    .sort((a, b) => a.planId - b.planId || a.position - b.position || a.id - b.id);

  const needing = new Map<string, { regionCode: string; indicatorCode: string; targets: RoundTarget[] }>();
  const need = (regionCode: string, indicatorCode: string, target: RoundTarget) => {
    const key = `${regionCode}\u0000${indicatorCode}`;
    const entry = needing.get(key) ?? { regionCode, indicatorCode, targets: [] };
    entry.targets.push(target);
    needing.set(key, entry);
  };
  const notOwed: NotOwedFigure[] = [];
  for (const t of targets) {
    if (within.has(t.regionCode)) need(t.regionCode, t.indicatorCode, t);
    const benchmark = t.benchmarkRegionCode;
    if (benchmark === null || benchmark === t.regionCode) continue;
    if (within.has(benchmark)) need(benchmark, t.indicatorCode, t);
    else
      notOwed.push({ regionCode: benchmark, indicatorCode: t.indicatorCode, targetId: t.id, reason: 'benchmark_outside_city' });
  }

  const items = [...needing.values()].map(({ regionCode, indicatorCode, targets: ts }) => {
    const unitId = owingUnit(ts);
    const named: number[] = [];
    for (const t of ts) for (const u of t.leadUnitIds) if (u !== unitId && !named.includes(u)) named.push(u);
    return { regionCode, indicatorCode, unitId, otherUnitIds: named, targetIds: [...new Set(ts.map((t) => t.id))] };
  });
  items.sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.indicatorCode.localeCompare(b.indicatorCode));
  return { items, notOwed };
}

/** The rule above: most first-named votes, ties to the earliest target's unit. Targets come in order. */
function owingUnit(targets: readonly RoundTarget[]): number | null {
  const votes = new Map<number, { count: number; first: number }>();
  targets.forEach((t, index) => {
    const unit = t.leadUnitIds[0];
    if (unit === undefined) return;
    const v = votes.get(unit) ?? { count: 0, first: index };
    v.count++;
    votes.set(unit, v);
  });
  let best: number | null = null;
  let bestVote = { count: 0, first: Number.POSITIVE_INFINITY };
  for (const [unit, v] of votes) {
    if (v.count > bestVote.count || (v.count === bestVote.count && v.first < bestVote.first)) {
      best = unit;
      bestVote = v;
    }
  }
  return best;
}

/** How far a round's item has got. Derived each time from the figures and submissions, never stored. */
export type ItemStatus = 'approved' | 'submitted' | 'returned' | 'overdue' | 'owed';
export const ITEM_STATUSES: readonly ItemStatus[] = ['owed', 'submitted', 'returned', 'approved', 'overdue'];

/** The latest revision of the round's year for the item's region and indicator, if any. */
export interface ItemRevision {
  id: number;
  enteredAt: string;
  isSample: boolean;
  withdrawn: boolean;
}

export interface ItemSubmission {
  id: number;
  state: 'pending' | 'approved' | 'returned' | 'withdrawn';
  submittedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface ItemState {
  status: ItemStatus;
  /** The reviewer's reason, for a returned item. */
  reason: string | null;
  /** The submission the status comes from, if any. */
  submissionId: number | null;
  /** The revision that answers the item, for an approved one reached through a figure. */
  revisionId: number | null;
}

/**
 * An item's status, in this order:
 * - approved: the figure's current revision was entered after the round opened (a real figure, not a
 *   sample, not withdrawn; a figure entered as not published, "—", is an answer too), or a submission
 *   made since the round opened was approved. With review off, an entry is published at once, so this
 *   is how such a round completes; with review on, an approval writes the revision.
 * - submitted: the latest submission since the round opened waits for review.
 * - returned: the latest submission since the round opened was returned, with the reviewer's reason.
 * - overdue: the due date has passed (the due date itself still counts as in time) and none of those.
 * - owed: otherwise.
 * Withdrawn submissions (taken back by their reporter) are passed over. Only what happened since the
 * round opened counts: a figure already there when it opened is what the round asks to be brought up
 * to date.
 */
export function itemStatus(
  round: { openedAt: string; dueDate: string },
  evidence: { revision: ItemRevision | null; submissions: readonly ItemSubmission[] },
  today: string,
): ItemState {
  const rev = evidence.revision;
  if (rev && !rev.isSample && !rev.withdrawn && rev.enteredAt >= round.openedAt) {
    return { status: 'approved', reason: null, submissionId: null, revisionId: rev.id };
  }
  const since = evidence.submissions
    .filter((s) => s.state !== 'withdrawn' && s.submittedAt >= round.openedAt)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id);
  const approved = since.findLast((s) => s.state === 'approved');
  if (approved) return { status: 'approved', reason: null, submissionId: approved.id, revisionId: null };
  const latest = since.at(-1);
  if (latest?.state === 'pending') return { status: 'submitted', reason: null, submissionId: latest.id, revisionId: null };
  if (latest?.state === 'returned') {
    return { status: 'returned', reason: latest.decisionReason, submissionId: latest.id, revisionId: null };
  }
  if (today > round.dueDate) return { status: 'overdue', reason: null, submissionId: null, revisionId: null };
  return { status: 'owed', reason: null, submissionId: null, revisionId: null };
}

export type StatusCounts = Record<ItemStatus, number> & { total: number };

export const emptyCounts = (): StatusCounts => ({ total: 0, owed: 0, submitted: 0, returned: 0, approved: 0, overdue: 0 });

/** Counts per status, in all and per owing unit (null: 未指定单位), units in order of first appearance. */
export function completeness<I extends { unitId: number | null; status: ItemStatus }>(
  items: readonly I[],
): { all: StatusCounts; byUnit: { unitId: number | null; counts: StatusCounts }[] } {
  const all = emptyCounts();
  const byUnit = new Map<number | null, StatusCounts>();
  for (const item of items) {
    const unit = byUnit.get(item.unitId) ?? emptyCounts();
    for (const c of [all, unit]) {
      c.total++;
      c[item.status]++;
    }
    byUnit.set(item.unitId, unit);
  }
  return { all, byUnit: [...byUnit].map(([unitId, counts]) => ({ unitId, counts })) };
}

/** A round is complete when it asks for something and every item is approved. */
export function roundComplete(counts: StatusCounts): boolean {
  return counts.total > 0 && counts.approved === counts.total;
}

/** The date part of an ISO timestamp, in UTC, as due dates compare. */
export const dayOf = (iso: string): string => iso.slice(0, 10);
