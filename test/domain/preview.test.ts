import { describe, expect, it } from 'vitest';
import { type CurrentFigure, PREVIEW_LIFETIME_HOURS, previewExpired, previewFigures } from '../../server/src/domain/preview.js';
import { seedCheckedIndicators } from '../helpers/importContext.js';
import { parsedFigure } from '../helpers/parsedFigure.js';

const figure = parsedFigure;

const db = new Map<string, Map<number, CurrentFigure>>([
  [
    '141100/high_tech_firms',
    new Map([
      // As in the seed: 2015 and 2020 are sample figures (示例数据), 2021 a published one.
      [2015, { year: 2015, value: 17, published: true, vintage: 'final', isSample: true, revisionId: 11 }],
      [2020, { year: 2020, value: 62, published: true, vintage: 'final', isSample: true, revisionId: 12 }],
      [2021, { year: 2021, value: 84, published: true, vintage: 'preliminary', isSample: false, revisionId: 13 }],
    ]),
  ],
]);
const indicators = seedCheckedIndicators();
const options = {
  current: (r: string, i: string) => db.get(`${r}/${i}`) ?? new Map(),
  indicator: (code: string) => indicators.find((i) => i.code === code),
  canWriteRegion: (r: string) => r === '141100',
  regionName: (r: string) => (r === '211100' ? '盘锦市' : r),
  defaultVintage: 'preliminary' as const,
  defaultSource: '2021年统计公报',
};

describe('previewFigures', () => {
  it('marks each figure new, changed or unchanged against the current figure', () => {
    const { rows, issues } = previewFigures(
      [
        figure({}),
        figure({ row: 3, year: 2021, value: 85, vintage: 'final', indicatorCode: 'high_tech_firms' }),
        figure({ row: 4, year: 2022, value: 90 }),
      ],
      options,
    );
    expect(rows.map((r) => r.status)).toEqual(['unchanged', 'changed', 'new']);
    expect(rows[1]?.old).toEqual({
      year: 2021,
      value: 84,
      published: true,
      vintage: 'preliminary',
      isSample: false,
      revisionId: 13,
    });
    // Each row keeps the revision it was compared with, for the commit to find again (null: none existed).
    expect(rows.map((r) => r.basedOn)).toEqual([13, 13, null]);
    expect(rows[0]?.sourceTitle).toBe('2021年统计公报');
    expect(issues).toEqual([]);
  });

  it('counts a new vintage of the same value as a change, and not-published as a value of its own', () => {
    const { rows } = previewFigures(
      [figure({ vintage: 'final' }), figure({ row: 3, value: null, published: false, rawValue: '—' })],
      options,
    );
    expect(rows.map((r) => r.status)).toEqual(['changed', 'changed']);
  });

  it('marks a figure that would replace a sample figure, with the sample’s value, even when the number is the same', () => {
    const { rows } = previewFigures(
      [
        figure({ year: 2015, value: 18, vintage: 'final', rawValue: '18' }),
        // The very number of the sample, now from a real source: sample → real is still a change.
        figure({ row: 3, year: 2015, value: 17, vintage: 'final', rawValue: '17', indicatorCode: 'high_tech_firms' }),
        figure({ row: 4, year: 2021, value: 84, vintage: 'preliminary' }),
      ],
      options,
    );
    expect(rows.map((r) => [r.row, r.status, r.old?.value, r.old?.isSample])).toEqual([
      [2, 'changed', 17, true],
      [3, 'changed', 17, true],
      [4, 'unchanged', 84, false],
    ]);
    expect(rows[0]?.old).toEqual({ year: 2015, value: 17, published: true, vintage: 'final', isSample: true, revisionId: 11 });
  });

  it('refuses another region and a figure without a source, naming row and column in both languages', () => {
    const { rows, issues } = previewFigures([figure({ regionCode: '211100' }), figure({ row: 3 })], {
      ...options,
      defaultSource: null,
    });
    expect(rows).toEqual([]);
    expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['region_not_assigned', 2, 'D'],
      ['missing_source', 3, 'D'],
    ]);
    expect(issues[0]?.message).toEqual({
      zh: '第2行D列：您无权录入盘锦市的数据',
      en: 'Row 2, column D: you may not enter figures for 盘锦市',
    });
  });

  it('warns of a jump against the last published figure, and of a figure that looks like the wrong unit', () => {
    // 2021's published 84 (2020's 62 is a sample figure, never compared with).
    const jump = previewFigures([figure({ year: 2021, value: 300 })], options);
    expect(jump.rows[0]?.warnings.map((w) => w.code)).toEqual(['implausible_jump']);
    // About 10⁴ × 84: a unit slip, which explains the jump, so only the slip is named.
    const unit = previewFigures([figure({ year: 2021, value: 620000 })], options);
    expect(unit.rows[0]?.warnings.map((w) => w.code)).toEqual(['looks_like_wrong_unit']);
    // The file's own earlier year, later than anything published, is the figure compared with.
    const inFile = previewFigures([figure({ year: 2022, value: 90 }), figure({ row: 3, year: 2023, value: 300 })], options);
    expect(inFile.rows.map((r) => r.warnings.map((w) => w.message.zh))).toEqual([
      [],
      ['第3行D列：300家 是本文件第2行2022年的 90家的 3.3 倍；请核对数值和单位'],
    ]);
  });

  it('drops a figure that cannot be true, as an error, and keeps no warning on a row that writes nothing', () => {
    const { rows, issues } = previewFigures(
      [figure({ year: 2022, value: -4, rawValue: '-4' }), figure({ row: 3, year: 2021, value: 84, vintage: 'preliminary' })],
      options,
    );
    expect(rows.map((r) => [r.row, r.status])).toEqual([[3, 'unchanged']]);
    expect(issues.map((i) => [i.row, i.code, i.severity])).toEqual([[2, 'negative_value', 'error']]);
  });
});

describe('the checks a commit makes on a stored preview', () => {
  it('lets a preview be committed for 24 hours after it was made, and not a moment longer', () => {
    expect(PREVIEW_LIFETIME_HOURS).toBe(24);
    const made = '2026-03-01T08:00:00.000Z';
    expect(previewExpired(made, new Date('2026-03-01T08:00:00.000Z'))).toBe(false);
    expect(previewExpired(made, new Date('2026-03-02T08:00:00.000Z'))).toBe(false);
    expect(previewExpired(made, new Date('2026-03-02T08:00:00.001Z'))).toBe(true);
  });
});
