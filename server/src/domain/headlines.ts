/**
 * The headline indicators a leader sees first on a region's overview, in this order. They are the
 * ones every municipal S&T plan in the seed names: R&D intensity, valid invention patents, high-tech
 * firms and technology contract turnover.
 */
export const HEADLINE_INDICATORS = [
  'rd_intensity',
  'valid_invention_patents',
  'high_tech_firms',
  'tech_contract_turnover',
] as const;

export interface CandidateTarget {
  id: number;
  planStatus: string;
  planPeriodEnd: number | null;
  targetYear: number | null;
  valueUnknown: boolean;
}

/**
 * Which of a region's targets on an indicator stands for it on the overview: a plan in force before an
 * expired one, then the latest target year, then a known value before a masked one.
 */
export function pickHeadlineTarget<T extends CandidateTarget>(candidates: T[]): T | null {
  const score = (c: T) => [
    c.planStatus === 'in_force' ? 1 : 0,
    c.valueUnknown ? 0 : 1,
    c.targetYear ?? 0,
    c.planPeriodEnd ?? 0,
    -c.id,
  ];
  let best: T | null = null;
  for (const c of candidates) {
    if (!best) {
      best = c;
      continue;
    }
    const a = score(c);
    const b = score(best);
    for (let i = 0; i < a.length; i++) {
      if ((a[i] as number) !== (b[i] as number)) {
        if ((a[i] as number) > (b[i] as number)) best = c;
        break;
      }
    }
  }
  return best;
}
