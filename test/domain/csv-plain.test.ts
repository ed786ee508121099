import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDelimited, parseQuoted } from '../../server/src/domain/import/text.js';

// A text without a double quote is split on its line breaks and delimiters without csv-parse
// (text.ts, splitPlain): it must read exactly as csv-parse reads it — the same rows, row numbers,
// cells, field counts and truncation — with either line ending, blank lines, a break at the end or
// none, and a record limit.

const piece = fc.constantFrom('a', '1,234', '中', ' ', ',', '\t', ';', '，', '', 'x y', '—', "'7", '\ufeff');
const line = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

describe('a CSV without quotes', () => {
  it('reads as csv-parse reads it, whatever its lines, delimiter and limit', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.constantFrom(',', '\t', '，', ';'),
        fc.integer({ min: 1, max: 15 }),
        (lines, lineEnd, endBreak, delimiter, maxRecords) => {
          const text = lines.join(lineEnd) + (endBreak && lines.length > 0 ? lineEnd : '');
          expect(parseDelimited(text, delimiter, maxRecords)).toEqual(parseQuoted(text, delimiter, maxRecords));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('with mixed line endings or a quote, is read by csv-parse still', () => {
    for (const text of ['a,b\r\nc,d\ne,f', 'a,b\rc,d', 'a,"b,c"\nd,e', 'a,b\n\r\nc']) {
      expect(parseDelimited(text, ',', 100)).toEqual(parseQuoted(text, ',', 100));
    }
  });

  it('numbers each row by its line, keeps blank lines out and counts the fields', () => {
    const { table, truncated } = parseDelimited('地区,年份\r\n\r\n吕梁,2019,\r\n', ',', 100);
    expect(truncated).toBe(false);
    expect(table.rows).toEqual([
      { row: 1, cells: ['地区', '年份'], fields: 2 },
      { row: 3, cells: ['吕梁', '2019', undefined], fields: 3 },
    ]);
  });
});
