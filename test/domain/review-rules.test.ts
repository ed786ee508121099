import { describe, expect, it } from 'vitest';
import { type CheckedIndicator, checkFigure } from '../../server/src/domain/figureChecks.js';
import { ownSubmission, unexplainedRows } from '../../server/src/domain/review.js';
import { CHANGE_THRESHOLDS, relatedIndicators, reviewRules } from '../../server/src/domain/reviewRules.js';

// 审核规则 (server/src/domain/reviewRules.ts) and the review rules of domain/review.ts, by hand-computed cases.

const grants = { code: 'patent_grants', nameZh: '专利授权量', nameEn: 'Patents granted', kind: 'flow' as const };
const firms: CheckedIndicator = {
  code: 'high_tech_firms',
  nameZh: '高新技术企业数',
  nameEn: 'High-tech firms',
  unit: '家',
  unitEn: 'firms',
  kind: 'stock',
  plausibleMin: null,
  plausibleMax: null,
};
const codes = (list: { code: string }[]) => list.map((f) => f.code);

describe('change against last year, by indicator kind', () => {
  it('holds a threshold for every kind, tighter for stocks than for flows', () => {
    expect(Object.keys(CHANGE_THRESHOLDS).sort()).toEqual(['flow', 'money', 'share', 'stock']);
    expect(CHANGE_THRESHOLDS.stock.rise).toBeLessThan(CHANGE_THRESHOLDS.flow.rise);
  });
  it('flags a stock up 30% (threshold 25%) and not one up 20%', () => {
    const prev = { year: 2021, value: 100 };
    const base = { indicator: { ...firms }, previous: prev, alreadyJumped: false, related: [] };
    expect(codes(reviewRules({ ...base, value: 130 }))).toEqual(['change_beyond_threshold']);
    expect(reviewRules({ ...base, value: 120 })).toEqual([]);
    expect(reviewRules({ ...base, value: 130 })[0]?.message.zh).toContain('增长 30%');
    // A fall of 25% against a stock's 20%.
    expect(codes(reviewRules({ ...base, value: 75 }))).toEqual(['change_beyond_threshold']);
  });
  it('says nothing more where the figure checks already warned of a jump', () => {
    expect(
      reviewRules({ indicator: firms, value: 400, previous: { year: 2021, value: 100 }, alreadyJumped: true, related: [] }),
    ).toEqual([]);
  });
});

describe('related indicators', () => {
  it('knows granted patents and applications bound each other', () => {
    expect(relatedIndicators('patent_grants')).toEqual(['patent_applications']);
    expect(relatedIndicators('patent_applications')).toEqual(['patent_grants', 'invention_patent_applications']);
  });
  it('flags grants above the applications of the same year, and applications below the grants', () => {
    const apps = {
      indicatorCode: 'patent_applications',
      nameZh: '专利申请量',
      nameEn: 'Patent applications',
      value: 800,
      from: 'file' as const,
    };
    const flagged = reviewRules({ indicator: grants, value: 900, previous: null, alreadyJumped: false, related: [apps] });
    expect(codes(flagged)).toEqual(['inconsistent_with_related']);
    expect(flagged[0]?.message.en).toContain('above');
    expect(reviewRules({ indicator: grants, value: 700, previous: null, alreadyJumped: false, related: [apps] })).toEqual([]);
    const appsInd = { code: 'patent_applications', nameZh: '专利申请量', nameEn: 'Patent applications', kind: 'flow' as const };
    const g = {
      indicatorCode: 'patent_grants',
      nameZh: '专利授权量',
      nameEn: 'Patents granted',
      value: 900,
      from: 'published' as const,
    };
    expect(codes(reviewRules({ indicator: appsInd, value: 800, previous: null, alreadyJumped: false, related: [g] }))).toEqual([
      'inconsistent_with_related',
    ]);
  });
});

describe('checkFigure with review on', () => {
  it('adds the review rules only when asked: direct publication keeps its checks', () => {
    const input = { indicator: firms, year: 2022, value: 130, stored: [{ year: 2021, value: 100, isSample: false }] };
    expect(checkFigure(input)).toEqual([]);
    expect(codes(checkFigure({ ...input, review: { related: [] } }))).toEqual(['change_beyond_threshold']);
  });
  it('reads a figure 10⁴ times the plausible range as a unit slip when there is nothing to compare with', () => {
    const money: CheckedIndicator = {
      ...firms,
      code: 'budget',
      unit: '万元',
      unitEn: '10,000 yuan',
      kind: 'money',
      plausibleMin: 10,
      plausibleMax: 5000,
    };
    const found = checkFigure({ indicator: money, year: 2022, value: 3_000_000, stored: [] });
    expect(found).toMatchObject([{ code: 'looks_like_wrong_unit', severity: 'warning', likely: 300 }]);
    // Above the range but not a slip: the range's own warning.
    expect(codes(checkFigure({ indicator: money, year: 2022, value: 9000, stored: [] }))).toEqual(['outside_plausible_range']);
  });
  it('still refuses a count that is not whole and a share above 100', () => {
    expect(codes(checkFigure({ indicator: firms, year: 2022, value: 84.5, stored: [], review: { related: [] } }))).toEqual([
      'fractional_count',
    ]);
    const share: CheckedIndicator = {
      ...firms,
      code: 'rd_intensity',
      unit: '%',
      unitEn: '%',
      kind: 'share',
      plausibleMin: 0,
      plausibleMax: 10,
    };
    expect(codes(checkFigure({ indicator: share, year: 2022, value: 120, stored: [], review: { related: [] } }))).toEqual([
      'share_out_of_range',
    ]);
  });
});

describe('review rules', () => {
  it('lists the flagged rows without a real explanation', () => {
    expect(unexplainedRows([2, 3, 3, 5], { 2: 'ok', 3: '   ' })).toEqual([3, 5]);
  });
  it('knows a submission of one’s own, by account, or by name for one without an account id', () => {
    const me = { id: 7, name: 'lv', role: 'reviewer' as const, regions: ['141100'], unitId: null };
    expect(ownSubmission(me, { submittedById: 7, submittedBy: 'someone' })).toBe(true);
    expect(ownSubmission(me, { submittedById: 8, submittedBy: 'lv' })).toBe(false);
    expect(ownSubmission(me, { submittedById: null, submittedBy: 'lv' })).toBe(true);
  });
});
