import type { IndicatorKind, Message } from './import/types.js';

// 审核规则: the checks a reviewer in a statistics bureau would otherwise make by eye, on top of the
// figure checks every write gets (figureChecks.ts). They run only when review is on (settings
// review_required): there a flagged figure needs the reporter's explanation (情况说明) before it can be
// submitted, and the reviewer reads the finding and the explanation side by side. With review off
// they are not run, so direct publication keeps exactly the checks it had. Pure.

/**
 * How far a figure may move against the last published year before a reviewer wants it explained,
 * as a relative change, per indicator kind. A stock (firms held at year end, valid patents) moves
 * slowly, so a quarter is already worth a word; a flow (applications, new firms) and money (R&D
 * spending) swing more from year to year; a share (R&D intensity, in %) is a ratio of two large
 * aggregates and rarely moves by a third. The figure checks' own jump (3×, or a fall of two thirds)
 * stays a warning of its own above these.
 */
export const CHANGE_THRESHOLDS: Readonly<Record<IndicatorKind, { rise: number; fall: number }>> = {
  stock: { rise: 0.25, fall: 0.2 },
  flow: { rise: 0.5, fall: 0.4 },
  money: { rise: 0.5, fall: 0.4 },
  share: { rise: 0.3, fall: 0.3 },
};

/**
 * Indicators that bound one another in the same region and year: `lesser` cannot sensibly exceed
 * `greater`. Granted patents above applications is the classic one (grants lag applications, so it
 * can happen in a year after a surge, but a reviewer wants it said); invention patent applications
 * are a part of all applications.
 */
export const INDICATOR_RELATIONS: readonly { lesser: string; greater: string; why: Message }[] = [
  {
    lesser: 'patent_grants',
    greater: 'patent_applications',
    why: { zh: '授权量一般不超过申请量', en: 'grants rarely exceed applications' },
  },
  {
    lesser: 'invention_patent_applications',
    greater: 'patent_applications',
    why: { zh: '发明专利申请是专利申请的一部分', en: 'invention patent applications are a part of all applications' },
  },
];

/** A figure of a related indicator, same region and year (from the same submission or published). */
export interface RelatedFigure {
  indicatorCode: string;
  nameZh: string;
  nameEn: string;
  value: number;
  /** 'file': the same upload or grid; 'published': the database's current figure. */
  from: 'file' | 'published';
}

export type ReviewRuleCode = 'change_beyond_threshold' | 'inconsistent_with_related';

export interface ReviewFinding {
  code: ReviewRuleCode;
  severity: 'warning';
  message: Message;
}

/** The indicators whose figures of the same year a figure of `indicatorCode` is compared with. */
export function relatedIndicators(indicatorCode: string): string[] {
  const out: string[] = [];
  for (const r of INDICATOR_RELATIONS) {
    if (r.lesser === indicatorCode) out.push(r.greater);
    if (r.greater === indicatorCode) out.push(r.lesser);
  }
  return out;
}

const shown = (n: number) => String(Number(n.toPrecision(12)));
const percent = (x: number) => shown(Math.round(x * 1000) / 10);

/**
 * The review rules for one figure. `previous` is the last published figure before its year (the one
 * the change is measured against: the figure checks' `comparedFigures(…).earlier`), or null;
 * `alreadyJumped` when the figure checks already warned of a jump or a unit slip against it (the
 * reviewer need not read the same thing twice).
 */
export function reviewRules(input: {
  indicator: { code: string; nameZh: string; nameEn: string; kind: IndicatorKind };
  value: number | null;
  previous: { year: number; value: number } | null;
  alreadyJumped: boolean;
  related: readonly RelatedFigure[];
}): ReviewFinding[] {
  const { indicator: ind, value: v } = input;
  if (v === null || !Number.isFinite(v)) return [];
  const out: ReviewFinding[] = [];
  const p = input.previous;
  if (p && p.value > 0 && !input.alreadyJumped) {
    const change = (v - p.value) / p.value;
    const t = CHANGE_THRESHOLDS[ind.kind];
    if (change > t.rise || change < -t.fall) {
      const up = change > 0;
      out.push({
        code: 'change_beyond_threshold',
        severity: 'warning',
        message: {
          zh: `比${p.year}年的 ${shown(p.value)} ${up ? '增长' : '下降'} ${percent(Math.abs(change))}%，超过此类指标的审核阈值（${up ? '增长' : '下降'} ${percent(up ? t.rise : t.fall)}%）；请说明原因`,
          en: `${up ? 'up' : 'down'} ${percent(Math.abs(change))}% on ${p.year}'s ${shown(p.value)}, beyond the review threshold for this kind of indicator (${up ? 'a rise' : 'a fall'} of ${percent(up ? t.rise : t.fall)}%); explain why`,
        },
      });
    }
  }
  for (const rel of INDICATOR_RELATIONS) {
    const other = ind.code === rel.lesser ? rel.greater : ind.code === rel.greater ? rel.lesser : null;
    if (other === null) continue;
    const r = input.related.find((x) => x.indicatorCode === other);
    if (!r) continue;
    const lesser = ind.code === rel.lesser ? v : r.value;
    const greater = ind.code === rel.lesser ? r.value : v;
    if (lesser <= greater) continue;
    const where = r.from === 'file' ? { zh: '同批填报的', en: 'submitted with it' } : { zh: '已公布的', en: 'published' };
    out.push({
      code: 'inconsistent_with_related',
      severity: 'warning',
      message:
        ind.code === rel.lesser
          ? {
              zh: `${shown(v)} 高于${where.zh}“${r.nameZh}” ${shown(r.value)}（${rel.why.zh}）；请核对或说明`,
              en: `${shown(v)} is above the ${where.en} “${r.nameEn}” of ${shown(r.value)} (${rel.why.en}); check or explain`,
            }
          : {
              zh: `${shown(v)} 低于${where.zh}“${r.nameZh}” ${shown(r.value)}（${rel.why.zh}）；请核对或说明`,
              en: `${shown(v)} is below the ${where.en} “${r.nameEn}” of ${shown(r.value)} (${rel.why.en}); check or explain`,
            },
    });
  }
  return out;
}
