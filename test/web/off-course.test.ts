import { describe, expect, it } from 'vitest';
import type { AttentionTarget, IndicatorKind, ProgressStatus } from '../../web/src/api/types.js';
import { ATTENTION_LIMIT, compareAttention, needsAttention } from '../../web/src/features/dashboard/attention.js';
import {
  arrangeTargets,
  FOLDED_STATUSES,
  SEVERITY_ORDER,
  STATUS_PARAM,
  searchWithStatuses,
  statusesFromSearch,
  toggleStatus,
} from '../../web/src/features/plans/targetOrder.js';

const zh = 'zh-CN' as const;
const en = 'en' as const;

/* ---------- The plan page: off course first, filtered by status ---------- */

interface Row {
  id: number;
  indicator: { kind: IndicatorKind };
}

/** Targets in the plan's own order, with their verdicts: ids 1–10. */
const PLAN: { target: Row; status: ProgressStatus }[] = [
  { target: { id: 1, indicator: { kind: 'share' } }, status: 'missed' },
  { target: { id: 2, indicator: { kind: 'stock' } }, status: 'achieved' },
  { target: { id: 3, indicator: { kind: 'money' } }, status: 'no_data' },
  { target: { id: 4, indicator: { kind: 'stock' } }, status: 'missed' },
  { target: { id: 5, indicator: { kind: 'flow' } }, status: 'accelerate' },
  { target: { id: 6, indicator: { kind: 'stock' } }, status: 'not_assessable' },
  { target: { id: 7, indicator: { kind: 'share' } }, status: 'moving_away' },
  { target: { id: 8, indicator: { kind: 'share' } }, status: 'limited' },
  { target: { id: 9, indicator: { kind: 'stock' } }, status: 'insufficient_data' },
  { target: { id: 10, indicator: { kind: 'flow' } }, status: 'on_track' },
];
const TARGETS = PLAN.map((p) => p.target);
const statusOf = (target: Row) => PLAN.find((p) => p.target.id === target.id)?.status;
const ids = (rows: readonly Row[]) => rows.map((r) => r.id);

describe('the plan page’s targets, off course first', () => {
  it('orders missed, moving away, limited, accelerate first, the plan’s order within a status, and folds the rest', () => {
    expect(SEVERITY_ORDER.slice(0, 4)).toEqual(['missed', 'moving_away', 'limited', 'accelerate']);
    expect(FOLDED_STATUSES).toEqual(['no_data', 'not_assessable']);
    const arranged = arrangeTargets(TARGETS, statusOf, { kind: null, statuses: [] });
    // 1 and 4 missed (plan order), 7 moving away, 8 limited, 5 accelerate, 10 on track, 2 achieved, 9 insufficient.
    expect(ids(arranged.cards)).toEqual([1, 4, 7, 8, 5, 10, 2, 9]);
    // No data and not assessable: a table at the end, in the plan's order.
    expect(ids(arranged.folded)).toEqual([3, 6]);
    expect(arranged).toMatchObject({ shown: 10, total: 10 });
  });

  it('filters by the statuses in the URL, and by indicator kind at the same time', () => {
    expect(ids(arrangeTargets(TARGETS, statusOf, { kind: null, statuses: ['limited', 'missed'] }).cards)).toEqual([1, 4, 8]);
    const noData = arrangeTargets(TARGETS, statusOf, { kind: null, statuses: ['no_data'] });
    expect(ids(noData.cards)).toEqual([]);
    expect(ids(noData.folded)).toEqual([3]);
    expect(noData.shown).toBe(1);
    const shares = arrangeTargets(TARGETS, statusOf, { kind: 'share', statuses: ['missed', 'moving_away'] });
    expect(ids(shares.cards)).toEqual([1, 7]);
    expect(shares).toMatchObject({ shown: 2, total: 10 });
    expect(arrangeTargets(TARGETS, statusOf, { kind: 'money', statuses: ['missed'] }).shown).toBe(0);
  });

  it('keeps every target a card, in the plan’s order, while verdicts are unknown', () => {
    const arranged = arrangeTargets(TARGETS, null, { kind: null, statuses: ['missed'] });
    expect(ids(arranged.cards)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(arranged.folded).toEqual([]);
    expect(ids(arrangeTargets(TARGETS, null, { kind: 'flow', statuses: [] }).cards)).toEqual([5, 10]);
    // A target the verdicts do not cover stays a card, after the judged ones.
    const partial = arrangeTargets(TARGETS, (t) => (t.id === 2 ? undefined : statusOf(t)), { kind: null, statuses: [] });
    expect(ids(partial.cards)).toEqual([1, 4, 7, 8, 5, 10, 9, 2]);
  });

  it('reads and writes the status filter in the URL, beside the other parameters', () => {
    expect(STATUS_PARAM).toBe('status');
    expect(statusesFromSearch('?status=limited,missed&lang=en')).toEqual(['missed', 'limited']);
    expect(statusesFromSearch('?status=missed,bogus,missed,<script>')).toEqual(['missed']);
    expect(statusesFromSearch('?status=')).toEqual([]);
    expect(statusesFromSearch(new URLSearchParams('kind=share'))).toEqual([]);
    expect(searchWithStatuses('?lang=en&asOf=2017', ['limited', 'missed'])).toBe('?lang=en&asOf=2017&status=missed,limited');
    expect(searchWithStatuses('?status=missed&kind=stock', [])).toBe('?kind=stock');
    expect(searchWithStatuses('?status=missed', [])).toBe('');
  });

  it('toggles a status in and out of the selection', () => {
    expect(toggleStatus([], 'missed')).toEqual(['missed']);
    expect(toggleStatus(['missed'], 'limited')).toEqual(['missed', 'limited']);
    expect(toggleStatus(['missed', 'limited'], 'missed')).toEqual(['limited']);
  });
});

/* ---------- The overview: needs attention ---------- */

interface Judged {
  id: number;
  planId?: number;
  status: ProgressStatus;
  score: number | null;
  progressToDate: number | null;
  asOf: number | null;
  targetYear: number | null;
  pace?: { value: number; unit: 'percent_per_year' | 'points_per_year' | 'units_per_year'; fromYear: number; toYear: number };
  figure?: { year: number; value: number; isSample: boolean };
  region?: { code: string; nameZh: string; nameEn: string };
  indicator?: { code: string; nameZh: string; nameEn: string; unit: string; unitEn: string; kind: IndicatorKind };
  type?: 'level' | 'share' | 'per_year' | 'benchmark' | 'milestone';
  value?: number | null;
}

const LVLIANG = { code: '141100', nameZh: '吕梁市', nameEn: 'Lüliang' };
const RD = {
  code: 'rd_intensity',
  nameZh: 'R&D经费投入强度',
  nameEn: 'R&D intensity',
  unit: '%',
  unitEn: '%',
  kind: 'share' as const,
};
const FIRMS = {
  code: 'high_tech_firms',
  nameZh: '高新技术企业数',
  nameEn: 'High-tech firms',
  unit: '家',
  unitEn: 'firms',
  kind: 'stock' as const,
};

/** An off-course target as the overview endpoint sends it (only the fields the list reads are real). */
function attention(j: Judged): AttentionTarget {
  const indicator = { ...(j.indicator ?? RD), direction: 'up', note: null, plausibleMin: null, plausibleMax: null };
  return {
    target: {
      id: j.id,
      key: `t${j.id}`,
      type: j.type ?? (indicator.kind === 'share' ? 'share' : 'level'),
      comparator: 'at_least',
      commitment: null,
      clause: '',
      note: null,
      milestones: [],
      value: j.value === undefined ? 2.5 : j.value,
      valueMin: null,
      valueMax: null,
      valueUnknown: false,
      targetYear: j.targetYear,
      baseYear: null,
      baseValue: null,
      valueAsPrinted: null,
      benchmarkRegionCode: null,
      planId: j.planId ?? 1,
      planSlug: 'lvliang-2014-2020',
    },
    indicator,
    region: j.region ?? LVLIANG,
    result: {
      status: j.status,
      score: j.score,
      progressToDate: j.progressToDate,
      asOf: j.asOf,
      requiredAnnualPace: j.pace ?? null,
      basis: j.figure?.isSample ? 'sample' : 'published',
      inputs: {
        observations: j.figure ? [{ ...j.figure, vintage: 'final', revisionCount: 1 }] : [],
        base: null,
        targetValue: null,
        milestones: [],
        benchmark: [],
        method: '',
      },
    },
  } as unknown as AttentionTarget;
}

describe('needs attention on the overview', () => {
  it('puts the furthest behind first: by status, then score, then progress to date, then the plan’s order', () => {
    const list = [
      attention({ id: 5, status: 'accelerate', score: 0, progressToDate: 0.5, asOf: 2018, targetYear: 2020 }),
      attention({ id: 4, status: 'limited', score: -0.13, progressToDate: 0.6, asOf: 2018, targetYear: 2020 }),
      attention({ id: 8, status: 'limited', score: -0.34, progressToDate: 0.53, asOf: 2018, targetYear: 2020 }),
      attention({ id: 1, status: 'moving_away', score: -2.58, progressToDate: -0.007, asOf: 2018, targetYear: 2020 }),
      attention({ id: 9, status: 'limited', score: -0.34, progressToDate: 0.4, asOf: 2018, targetYear: 2020 }),
      attention({ id: 3, status: 'missed', score: -5, progressToDate: null, asOf: 2021, targetYear: 2020 }),
      attention({ id: 2, status: 'missed', score: -5, progressToDate: 0.7, asOf: 2021, targetYear: 2020 }),
    ];
    expect([...list].sort(compareAttention).map((x) => x.target.id)).toEqual([2, 3, 1, 9, 8, 4, 5]);
  });

  it('gives the pace still required, with its years, and the figure judged', () => {
    const { rows, more } = needsAttention(
      [
        attention({
          id: 1,
          status: 'moving_away',
          score: -2.58,
          progressToDate: -0.007,
          asOf: 2018,
          targetYear: 2020,
          pace: { value: 0.94, unit: 'points_per_year', fromYear: 2018, toYear: 2020 },
          figure: { year: 2018, value: 0.62, isSample: true },
        }),
      ],
      { regionCode: '141100', asOf: 2018, lang: zh },
    );
    expect(more).toBe(0);
    expect(rows).toEqual([
      {
        targetId: 1,
        planSlug: 'lvliang-2014-2020',
        status: 'moving_away',
        statusLabel: '倒退',
        basis: 'sample',
        name: 'R&D经费投入强度',
        region: null,
        target: '2020年达到 ≥ 2.5%',
        need: { kind: 'pace', text: '需年均提高 0.94 个百分点', period: '2018–2020年' },
        figure: '0.62% 2018年',
        figureIsSample: true,
        href: '/targets/1?asOf=2018',
      },
    ]);
  });

  it('says a missed target’s year has passed instead of a pace, and names a district', () => {
    const { rows } = needsAttention(
      [
        attention({
          id: 4,
          status: 'missed',
          score: -5,
          progressToDate: 0.735,
          asOf: 2021,
          targetYear: 2020,
          indicator: FIRMS,
          value: 80,
          figure: { year: 2020, value: 62, isSample: true },
          region: { code: '141102', nameZh: '离石区', nameEn: 'Lishi District' },
        }),
      ],
      { regionCode: '141100', asOf: null, lang: en },
    );
    expect(rows[0]).toMatchObject({
      statusLabel: 'Missed',
      name: 'High-tech firms',
      region: 'Lishi District',
      target: '≥ 80 firms by 2020',
      need: { kind: 'passed', text: 'Target year 2020 has passed' },
      figure: '62 firms 2020',
      href: '/targets/4',
    });
  });

  it('uses the page’s short name where it has one, and shows at most five, counting the rest', () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      attention({ id: i + 1, status: 'missed', score: -5, progressToDate: i / 10, asOf: 2021, targetYear: 2020 }),
    );
    const { rows, more } = needsAttention(many, {
      regionCode: '141100',
      asOf: null,
      lang: zh,
      shortName: (code) => (code === 'rd_intensity' ? 'R&D强度' : null),
    });
    expect(ATTENTION_LIMIT).toBe(5);
    expect(rows.map((r) => r.targetId)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.name).toBe('R&D强度');
    expect(more).toBe(2);
    expect(needsAttention([], { regionCode: '141100', asOf: null, lang: zh })).toEqual({ rows: [], more: 0 });
  });

  it('gives a yes/no deliverable neither a pace nor a figure', () => {
    const { rows } = needsAttention(
      [
        attention({
          id: 11,
          status: 'missed',
          score: -5,
          progressToDate: null,
          asOf: 2018,
          targetYear: 2017,
          type: 'milestone',
          value: null,
          pace: { value: 1, unit: 'units_per_year', fromYear: 2016, toYear: 2017 },
          figure: { year: 2017, value: 0, isSample: false },
        }),
      ],
      { regionCode: '141100', asOf: 2018, lang: zh },
    );
    expect(rows[0]).toMatchObject({ target: '2017年前完成', need: { kind: 'passed', text: '目标年2017年已过' }, figure: null });
  });
});
