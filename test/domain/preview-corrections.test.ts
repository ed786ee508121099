import { describe, expect, it } from 'vitest';
import { type CurrentFigure, previewFigures, sameFigure } from '../../server/src/domain/preview.js';
import { parsedFigure as figure } from '../helpers/parsedFigure.js';

// Issue 12, point 3: the same value with a new source or vintage is a correction, and a file without
// a source column (and no default source) gets one message rather than one per figure.

const current: CurrentFigure = {
  year: 2021,
  value: 84,
  published: true,
  vintage: 'preliminary',
  isSample: false,
  revisionId: 13,
  sourceTitle: '2021年吕梁市统计公报',
  sourceUrl: 'https://example.org/2021',
};
const options = {
  current: () => new Map([[2021, current]]),
  // Plausibility is not under test here: no indicator is known, so no figure is checked.
  indicator: () => undefined,
  canWriteRegion: () => true,
  regionName: (r: string) => r,
  defaultVintage: 'preliminary' as const,
  defaultSource: null,
};

describe('the same value', () => {
  it('from the same source and vintage is unchanged; a link left empty in the file changes nothing', () => {
    const { rows } = previewFigures(
      [
        figure({ sourceTitle: '2021年吕梁市统计公报', sourceUrl: 'https://example.org/2021' }),
        figure({ row: 3, sourceTitle: ' 2021年吕梁市统计公报 ' }),
      ],
      options,
    );
    expect(rows.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('with a new source, a new link or a later vintage is a correction (changed), with the old source shown', () => {
    const { rows } = previewFigures(
      [
        figure({ sourceTitle: '2022年吕梁市统计年鉴' }),
        figure({ row: 3, sourceTitle: '2021年吕梁市统计公报', sourceUrl: 'https://example.org/2021-revised' }),
        figure({ row: 4, sourceTitle: '2021年吕梁市统计公报', vintage: 'final' }),
      ],
      options,
    );
    expect(rows.map((r) => [r.row, r.status, r.value, r.old?.value])).toEqual([
      [2, 'changed', 84, 84],
      [3, 'changed', 84, 84],
      [4, 'changed', 84, 84],
    ]);
    expect(rows[0]?.old).toMatchObject({ sourceTitle: '2021年吕梁市统计公报', sourceUrl: 'https://example.org/2021' });
  });

  it('against a figure whose source the caller does not know compares value and vintage only, as before', () => {
    const { sourceTitle: _t, sourceUrl: _u, ...unknownSource } = current;
    expect(
      sameFigure({ value: 84, published: true, vintage: 'preliminary', sourceTitle: '别的来源', sourceUrl: null }, unknownSource),
    ).toBe(true);
  });
});

describe('a file without a source column and no default source', () => {
  it('gets one message, not one error per figure', () => {
    const figures = [2019, 2020, 2021, 2022].map((year, i) => figure({ row: i + 2, year }));
    const { rows, issues } = previewFigures(figures, { ...options, hasSourceColumn: false });
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      {
        row: null,
        column: null,
        sheet: null,
        value: null,
        severity: 'error',
        code: 'missing_source',
        message: {
          zh: '文件没有来源列，请填写默认来源（上传时的“默认来源”），或在文件中加上“来源”列',
          en: 'The file has no source column; give a default source when uploading (“Default source”), or add a “source” column to the file',
        },
      },
    ]);
  });

  it('with a default source reads every figure; with a source column, each empty cell is its own error', () => {
    const figures = [figure({}), figure({ row: 3, year: 2022, sourceTitle: '公报' })];
    const withDefault = previewFigures(figures, { ...options, hasSourceColumn: false, defaultSource: '默认公报' });
    expect(withDefault.issues).toEqual([]);
    expect(withDefault.rows.map((r) => r.sourceTitle)).toEqual(['默认公报', '公报']);
    const column = previewFigures(figures, { ...options, hasSourceColumn: true });
    expect(column.issues.map((i) => [i.code, i.row])).toEqual([['missing_source', 2]]);
  });
});
