import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  codeOfRow,
  defaultGridYear,
  gridFigures,
  gridIndicators,
  gridYears,
  planRegions,
  resultsByIndicator,
} from '../../web/src/features/imports/entry.js';
import {
  acknowledgedRows,
  canCommit,
  columnRank,
  commitRefused,
  explanationsToSend,
  filterCounts,
  filterFromParam,
  matchesFilter,
  needsAcknowledgement,
  previewLines,
  replacesSample,
  unacknowledgedRows,
  unexplainedRows,
  withAcknowledged,
  withoutPosition,
} from '../../web/src/features/imports/preview.js';
import type { ImportIssue, PreviewRow } from '../../web/src/features/imports/types.js';
import { enResources, zhResources } from '../../web/src/i18n/resources.js';

// The preview's table and the entry grid, as pure functions: what each filter shows, in what order.

const figure = (row: number, status: PreviewRow['status'], extra: Partial<PreviewRow> = {}): PreviewRow => ({
  row,
  sheet: null,
  column: 'D',
  regionCode: '141100',
  indicatorCode: 'high_tech_firms',
  year: 2021,
  value: 86,
  rawValue: '86',
  vintage: 'final',
  sourceTitle: '2021年吕梁市统计公报',
  sourceUrl: null,
  note: null,
  conversion: null,
  status,
  old: status === 'changed' ? { value: 84, published: true, vintage: 'preliminary', isSample: false } : null,
  warnings: [],
  ...extra,
});

const issue = (row: number | null, column: string | null, severity: 'error' | 'warning', code: string): ImportIssue => ({
  row,
  column,
  sheet: null,
  value: 'x',
  severity,
  code,
  message: { zh: `第${row}行${column}列：问题`, en: `Row ${row}, column ${column}: a problem` },
});

const jump = { code: 'implausible_jump', message: { zh: '第5行D列：相差超过3倍', en: 'Row 5, column D: more than 3×' } };

const preview = {
  rows: [figure(2, 'changed'), figure(3, 'unchanged'), figure(5, 'new', { warnings: [jump] })],
  issues: [
    issue(4, 'B', 'error', 'unknown_indicator'),
    { ...issue(5, 'D', 'warning', 'implausible_jump'), message: jump.message },
    issue(null, null, 'warning', 'file_remark'),
    issue(4, 'AA', 'error', 'bad_number'),
  ],
};

describe('the preview as one table', () => {
  const lines = previewLines(preview);

  it('puts figures and errors in file order, a whole-file remark first, a figure’s warning only once', () => {
    expect(lines.map((l) => [l.row, l.column, l.kind])).toEqual([
      [null, null, 'warning'],
      [2, 'D', 'changed'],
      [3, 'D', 'unchanged'],
      [4, 'B', 'error'],
      [4, 'AA', 'error'],
      [5, 'D', 'new'],
    ]);
    const row5 = lines.find((l) => l.row === 5);
    expect(row5?.issues.map((i) => i.code)).toEqual(['implausible_jump']);
    expect(row5?.figure?.rawValue).toBe('86');
  });

  it('filters: each kind, errors, and warnings (a figure with a warning counts as one)', () => {
    const rows = (filter: Parameters<typeof matchesFilter>[1]) =>
      lines.filter((l) => matchesFilter(l, filter)).map((l) => `${l.row ?? '-'}${l.column ?? ''}`);
    expect(rows('all')).toHaveLength(6);
    expect(rows('new')).toEqual(['5D']);
    expect(rows('changed')).toEqual(['2D']);
    expect(rows('unchanged')).toEqual(['3D']);
    expect(rows('errors')).toEqual(['4B', '4AA']);
    expect(rows('warnings')).toEqual(['-', '5D']);
    expect(filterCounts(lines)).toEqual({ all: 6, new: 1, changed: 1, sample: 0, unchanged: 1, errors: 2, warnings: 2 });
  });

  it('finds the rows that would replace a sample figure: changed, with the sample as the old value', () => {
    const sample = { value: 17, published: true, vintage: 'final' as const, isSample: true };
    const withSample = previewLines({
      rows: [
        figure(2, 'changed', { year: 2015, value: 18, old: sample }),
        figure(3, 'changed'),
        // A preview stored before sample → real counted as a change: flagged, but nothing to replace.
        figure(4, 'unchanged', { year: 2016, value: 17, old: sample }),
      ],
      issues: [],
    });
    expect(withSample.filter((l) => matchesFilter(l, 'sample')).map((l) => l.row)).toEqual([2]);
    expect(withSample.map(replacesSample)).toEqual([true, false, false]);
    expect(filterCounts(withSample)).toMatchObject({ all: 3, changed: 2, sample: 1, unchanged: 1 });
    expect(filterFromParam('sample')).toBe('sample');
  });

  it('reads the filter from the address, anything unknown showing all', () => {
    expect(filterFromParam('errors')).toBe('errors');
    expect(filterFromParam('<script>')).toBe('all');
    expect(filterFromParam(null)).toBe('all');
  });

  it('orders spreadsheet columns as Excel does', () => {
    expect(['AA', 'B', 'Z', 'A', 'AB'].sort((a, b) => columnRank(a) - columnRank(b))).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
    expect(columnRank(null)).toBe(-1);
  });

  it('allows a commit only of an unfinished preview without errors', () => {
    const summary = { rowsRead: 3, new: 1, changed: 1, unchanged: 1, errors: 0, warnings: 1 };
    const record = (status: string, errors: number) => ({ import: { status, summary: { ...summary, errors } } }) as never;
    expect(canCommit(record('preview', 0))).toBe(true);
    expect(canCommit(record('preview', 1))).toBe(false);
    expect(canCommit(record('committed', 0))).toBe(false);
  });

  it('drops the row and column from a message shown beside its input, in both languages', () => {
    expect(withoutPosition('第3行D列：“2,6”不是数字；请填写数字')).toBe('“2,6”不是数字；请填写数字');
    expect(withoutPosition('第3行D列:“2,6”不是数字')).toBe('“2,6”不是数字'); // previews stored before the messages took full-width punctuation
    expect(withoutPosition('第12行：缺少来源')).toBe('缺少来源');
    expect(withoutPosition('Row 3, column D: “2,6” is not a number')).toBe('“2,6” is not a number');
    expect(withoutPosition('Row 12: no source')).toBe('no source');
    expect(withoutPosition('no position here')).toBe('no position here');
  });
});

describe('the entry grid', () => {
  const indicator = (code: string) =>
    ({ code, nameZh: code, nameEn: code, unit: '家', unitEn: 'firms', direction: 'up', kind: 'stock', note: null }) as const;
  const region = (code: string) => ({ code, nameZh: code, nameEn: code });
  const target = (regionCode: string, code: string) => ({ region: region(regionCode), indicator: indicator(code) });
  const plan = {
    region: region('141100'),
    periodStart: 2014,
    periodEnd: 2020,
    targets: [target('141100', 'a'), target('141100', 'b'), target('100000', 'a'), target('141100', 'a'), target('141100', 'c')],
  } as never;

  it('lists each indicator of the region once, in the plan’s order, and the plan’s regions, its own first', () => {
    expect(gridIndicators(plan, '141100').map((i) => i.code)).toEqual(['a', 'b', 'c']);
    expect(gridIndicators(plan, '100000').map((i) => i.code)).toEqual(['a']);
    expect(planRegions(plan).map((r) => r.code)).toEqual(['141100', '100000']);
  });

  it('offers the years from the base year to this year, newest first, last year (or the plan’s end) first chosen', () => {
    expect(gridYears({ periodStart: 2019, periodEnd: 2021 }, 2024)).toEqual([2024, 2023, 2022, 2021, 2020, 2019, 2018]);
    expect(defaultGridYear({ periodStart: 2014, periodEnd: 2020 }, 2026)).toBe(2020);
    expect(defaultGridYear({ periodStart: 2023, periodEnd: 2030 }, 2026)).toBe(2025);
  });

  it('sends only filled lines, as typed, and maps the preview’s rows back to them (row k + 2)', () => {
    const lines = {
      a: { value: ' 1,234.5 ', vintage: '' as const, source: '', note: '' },
      b: { value: '', vintage: 'final' as const, source: 'ignored', note: '' },
      c: { value: '—', vintage: 'final' as const, source: '公报', note: '未公布' },
    };
    const { figures, codes } = gridFigures(gridIndicators(plan, '141100'), lines, 2020);
    expect(figures).toEqual([
      { indicator: 'a', year: 2020, value: '1,234.5' },
      { indicator: 'c', year: 2020, value: '—', vintage: 'final', source: '公报', note: '未公布' },
    ]);
    expect(codes).toEqual(['a', 'c']);
    expect(codeOfRow(codes, 2)).toBe('a');
    expect(codeOfRow(codes, 3)).toBe('c');
    expect(codeOfRow(codes, 1)).toBeUndefined();
    const results = resultsByIndicator(codes, {
      rows: [figure(2, 'new', { indicatorCode: 'a', warnings: [jump] })],
      issues: [issue(3, 'D', 'error', 'bad_number'), { ...issue(2, 'D', 'warning', 'implausible_jump') }],
    });
    expect(results.get('a')?.figure?.row).toBe(2);
    expect(results.get('a')?.issues.map((i) => i.code)).toEqual(['implausible_jump']);
    expect(results.get('c')?.figure).toBeUndefined();
    expect(results.get('c')?.issues.map((i) => i.code)).toEqual(['bad_number']);
  });
});

describe('acknowledging the warned rows before a commit', () => {
  it('asks for an acknowledgement on a line whose figure would be written with a warning, and only there', () => {
    const lines = previewLines({
      ...preview,
      rows: [...preview.rows, figure(6, 'unchanged', { warnings: [jump] })],
    });
    expect(lines.filter(needsAcknowledgement).map((l) => l.row)).toEqual([5]);
  });

  it('counts every warned row, loaded or not, and sends the acknowledged ones in file order', () => {
    const warned = { warnedRows: [5, 9, 700] };
    const none = new Set<number>();
    expect(unacknowledgedRows(warned, none)).toEqual([5, 9, 700]);
    const some = withAcknowledged(none, [700, 5], true);
    expect(none.size).toBe(0); // React state: the old set is left as it was
    expect(unacknowledgedRows(warned, some)).toEqual([9]);
    const all = withAcknowledged(some, warned.warnedRows, true);
    expect(unacknowledgedRows(warned, all)).toEqual([]);
    expect(acknowledgedRows(warned, withAcknowledged(all, [3], true))).toEqual([5, 9, 700]);
    expect(unacknowledgedRows(warned, withAcknowledged(all, [9], false))).toEqual([9]);
  });

  it('with review on: a flagged row needs a written explanation, and only flagged rows send theirs, trimmed', () => {
    const warned = { warnedRows: [5, 9, 700] };
    const texts = { 5: '  口径调整 ', 9: '   ', 12: '不是被标出的行' };
    expect(unexplainedRows(warned, texts)).toEqual([9, 700]);
    expect(explanationsToSend(warned, texts)).toEqual({ 5: '口径调整' });
    expect(unexplainedRows(warned, { 5: 'a', 9: 'b', 700: 'c' })).toEqual([]);
  });
});

describe('a commit refused by the checks made again at commit', () => {
  /** A refusal as ApiError carries it: its code, and the whole answer as its body. */
  const refusal = (status: number, code: string, fields: Record<string, unknown>) => ({
    code,
    body: { statusCode: status, code, message: 'English detail', messages: { zh: '中文', en: 'English' }, ...fields },
  });

  it('reads the reason and its figures from the answer, and nothing from any other failure', () => {
    expect(commitRefused(refusal(410, 'preview_expired', { expiredAfterHours: 24 }))).toEqual({ reason: 'expired', hours: 24 });
    expect(commitRefused(refusal(409, 'preview_stale', { changedRows: 3 }))).toEqual({ reason: 'stale', changedRows: 3 });
    expect(commitRefused(refusal(403, 'region_not_assigned', { refused: [{ regionCode: '141100', rows: [2, 3] }] }))).toEqual({
      reason: 'regions',
      refused: [{ regionCode: '141100', rows: [2, 3] }],
    });
    expect(
      commitRefused(refusal(409, 'warnings_unacknowledged', { unacknowledgedRows: [3, 5], unacknowledgedCount: 2 })),
    ).toEqual({ reason: 'warnings', rows: [3, 5], count: 2 });
    // Review on: the flagged rows left without an explanation.
    expect(commitRefused(refusal(400, 'explanation_required', { field: 'explanations', unexplainedRows: [2, 4] }))).toEqual({
      reason: 'explanations',
      rows: [2, 4],
      count: 2,
    });
    // Other refusals keep the server's own bilingual message.
    expect(commitRefused(refusal(409, 'import_has_errors', {}))).toBeNull();
    expect(commitRefused(refusal(403, 'forbidden', {}))).toBeNull();
    expect(commitRefused(refusal(409, 'preview_stale', {}))).toBeNull(); // a body without its figure
    expect(commitRefused({ code: undefined, body: undefined })).toBeNull(); // no answer at all
    expect(commitRefused(null)).toBeNull();
  });

  it('says each reason in Chinese and in English, counting rows as each language does', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { 'zh-CN': { translation: zhResources }, en: { translation: enResources } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
    });
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en');
    expect(zh('imports.commit.refused.expired', { hours: 24 })).toBe('该预览已超过 24 小时，不能再提交。');
    expect(en('imports.commit.refused.expired', { hours: 24 })).toBe(
      'This preview is more than 24 hours old and can no longer be committed.',
    );
    expect(zh('imports.commit.refused.stale', { count: 1 })).toBe('预览之后，其中 1 行的数据已被修改，显示的对比已过时。');
    expect(en('imports.commit.refused.stale', { count: 1 })).toContain('the figure of 1 of its rows has been changed');
    expect(en('imports.commit.refused.stale', { count: 2 })).toContain('the figures of 2 of its rows have been changed');
    const zhRegion = zh('imports.commit.refused.regionRows', { name: '吕梁市', rows: '2、3', count: 2 });
    expect(zh('imports.commit.refused.regions', { regions: zhRegion })).toBe(
      '您现在无权录入吕梁市（第2、3行）的数据，不能提交该文件。',
    );
    const enRegion = en('imports.commit.refused.regionRows', { name: 'Lüliang', rows: '2', count: 1 });
    expect(en('imports.commit.refused.regions', { regions: enRegion })).toBe(
      'You may no longer enter figures for Lüliang (row 2), so the file cannot be committed.',
    );
    expect(zh('imports.commit.refused.warnings', { rows: '3、5', count: 2 })).toBe(
      '第3、5行的警告尚未确认（共 2 行），未写入任何数据。请核对这些行并勾选“已核对”，再提交。',
    );
    expect(en('imports.commit.refused.warnings', { rows: '3', count: 1 })).toMatch(
      /^The warning of row 3 has not been acknowledged;/,
    );
    expect(zh('imports.commit.acknowledgeAll', { count: 2 })).toBe('我已核对全部 2 行的警告，按文件中的数值写入');
    expect(en('imports.commit.unacknowledged', { count: 2 })).toBe(
      'The warnings of 2 rows have not been acknowledged, so the file cannot be committed yet.',
    );
    expect(zh('imports.commit.refused.explanations', { rows: '2、4', count: 2 })).toBe(
      '第2、4行被审核规则标出，尚未填写情况说明（共 2 行），未提交任何数据。请填写后再提交。',
    );
    expect(en('imports.commit.refused.explanations', { rows: '2', count: 1 })).toBe(
      'Row 2 was flagged by the review rules and has no explanation; nothing was submitted. Write one and submit again.',
    );
    expect(zh('imports.commit.pendingReview', { count: 2 })).toBe('已提交 2 项数据，待审核：审核通过后才发布。');
    expect(en('imports.commit.pendingReview', { count: 1 })).toBe(
      'Submitted 1 figure; it awaits review and is published only once approved.',
    );
    expect(zh('imports.commit.refused.again')).toContain('未写入任何数据');
    expect(en('imports.commit.refused.again')).toContain('Nothing was written');
  });
});
