import type { ParsedFigure } from '../../server/src/domain/import/types.js';

/** A figure as the parser hands it to the preview: Lüliang's high-tech firms, 2021, 84, with changes. */
export const parsedFigure = (over: Partial<ParsedFigure>): ParsedFigure => ({
  row: 2,
  sheet: null,
  regionCode: '141100',
  indicatorCode: 'high_tech_firms',
  year: 2021,
  value: 84,
  published: true,
  rawValue: '84',
  column: 'D',
  vintage: null,
  sourceTitle: null,
  sourceUrl: null,
  note: null,
  conversion: null,
  ...over,
});
