import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyHeader, type HeaderContext, splitUnitSuffix } from '../../server/src/domain/import/headers.js';
import { parseImportFile } from '../../server/src/domain/import/index.js';
import { IndicatorIndex, TRAILING_BRACKET } from '../../server/src/domain/import/lookup.js';
import {
  clean,
  MAX_CELL_CHARS,
  MAX_SOURCE_CHARS,
  MAX_TEXT_CELL_CHARS,
  stripTextMark,
} from '../../server/src/domain/import/normalize.js';
import { parseQuantityText, type Quantity } from '../../server/src/domain/import/numbers.js';
import type { ImportContext, ParseResult } from '../../server/src/domain/import/types.js';
import { isPercentFormat } from '../../server/src/domain/import/xlsx.js';
import { seedImportContext } from '../helpers/importContext.js';

// Cells built to make a backtracking pattern take quadratic time (issue 10: "x"×30,000 then "1" held
// the server for 10 s; a header of 20,000 commas for 2.2 s). Three kinds of check:
// - the scanners that replaced those patterns give the old patterns' answers (the old patterns are
//   kept below as oracles, on short strings only, where they are quick);
// - each pathological input gives the expected answer, and its time grows linearly: the input is
//   made 8× longer and the time may grow less than 20× (a quadratic pattern grows 64×, and at these
//   sizes the old ones took seconds);
// - whole files: a cell over the limit is an error for its row and column, and a file of
//   pathological cells just under the limit is read in well under a second (the old code: ~10 s).

const ctx: ImportContext = seedImportContext();
const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array, name = 'figures.csv') => parseImportFile(bytes, name, ctx);
const codes = (r: ParseResult) => r.issues.map((i) => [i.code, i.row, i.column]);

// ---- the old patterns, as oracles --------------------------------------------------------------------

// eslint-disable-next-line regexp/no-super-linear-backtracking -- the old quadratic MASK (the linter's proof), short strings only
const OLD_MASK = /^(?:[-‐‑‒–—―⁃﹘﹣]+|\.{2,}|…+|⋯+|[xX]+(?:\.[xX]+)?|\*+)(%|[^\d\s.,+-][^\d]*)?$/;
// eslint-disable-next-line regexp/no-super-linear-backtracking -- the old NUMBER, short strings only
const OLD_NUMBER = /^([+-])?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:e([+-]?\d{1,4}))?(.*)$/i;
// eslint-disable-next-line regexp/no-super-linear-backtracking -- the old UNIT_SUFFIX, short strings only
const OLD_UNIT_SUFFIX = /^(.*?)[\s,;/]*(?:计量)?单位[:：]\s*(.+)$|^(.*?)[\s,;/]*units?:\s*(.+)$/i;
// eslint-disable-next-line regexp/no-super-linear-backtracking -- the old trailing bracket of an indicator name, short strings only
const OLD_TRAILING_BRACKET = /^(.*?)\s*[([【]([^()[\]【】]*)[)\]】]\s*$/;
const OLD_PERCENT_FORMAT = /"[^"]*"|\\.|\[[^\]]*\]/g;

/** parseQuantityText as it was, with the old patterns. */
function oldParseQuantityText(raw: string): Quantity {
  let s = stripTextMark(clean(raw)).replace(/\s+/g, '');
  if (s === '') return { kind: 'empty' };
  const mask = OLD_MASK.exec(s);
  if (mask) return { kind: 'masked', unit: mask[1] ?? null };
  if (/^[−‒–—﹣]/.test(s)) s = `-${s.slice(1)}`;
  const m = OLD_NUMBER.exec(s);
  if (!m) return { kind: 'bad', reason: 'text' };
  const [, sign = '', int = '', frac = '', exp = '0', rest = ''] = m;
  if (int === '' && frac === '') return { kind: 'bad', reason: 'text' };
  let unit: string | null = rest.trim();
  let percent = false;
  if (unit === '%') {
    percent = true;
    unit = null;
  } else if (unit === '') {
    unit = null;
  } else if (/^[\d.,+-]/.test(unit)) {
    return { kind: 'bad', reason: 'text' };
  }
  const mantissa = `${sign === '-' ? '-' : ''}${int.replace(/,/g, '') || '0'}${frac ? `.${frac}` : ''}`;
  return { kind: 'number', mantissa, exp: Number(exp), percent, unit };
}

const textOf = (chars: string[], maxLength: number) => fc.string({ unit: fc.constantFrom(...chars), maxLength });

describe('the scanners answer as the patterns they replaced', () => {
  it('numbers and not-published masks: parseQuantityText', () => {
    const chars = [..."019,.+-−—–‐xX*…⋯%eE万元亿 'k", '﹣', '⁃'];
    fc.assert(
      fc.property(fc.oneof(textOf(chars, 10), fc.string({ maxLength: 8 })), (s) => {
        expect(parseQuantityText(s)).toEqual(oldParseQuantityText(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('a unit after a header’s name: splitUnitSuffix', () => {
    // Header text is cleaned first, so it holds no line breaks; the unit is trimmed by its caller.
    const chars = [...'单位计量:：,;/ unitsUNa万元'];
    fc.assert(
      fc.property(textOf(chars, 12), (s) => {
        const old = OLD_UNIT_SUFFIX.exec(s);
        const found = splitUnitSuffix(s);
        expect(found && { name: found.name, unit: found.unit.trim() }).toEqual(
          old && { name: old[1] ?? old[3], unit: (old[2] ?? old[4] ?? '').trim() },
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('a bracketed unit after an indicator’s name: TRAILING_BRACKET', () => {
    const chars = [...'()[]【】〔〕 a万元'];
    fc.assert(
      fc.property(textOf(chars, 10), (s) => {
        const old = OLD_TRAILING_BRACKET.exec(s);
        const found = TRAILING_BRACKET.exec(s);
        expect(found && { name: s.slice(0, found.index), unit: found[1] }).toEqual(old && { name: old[1], unit: old[2] });
      }),
      { numRuns: 5000 },
    );
  });

  it('an Excel percentage format: isPercentFormat', () => {
    const chars = [...'%"[]\\0.#\n'];
    fc.assert(
      fc.property(textOf(chars, 10), (s) => {
        expect(isPercentFormat(s)).toBe(s.replace(OLD_PERCENT_FORMAT, '').includes('%'));
      }),
      { numRuns: 5000 },
    );
  });
});

// ---- pathological inputs ----------------------------------------------------------------------------

/**
 * The processor time this process has used, in milliseconds: unlike the clock, it does not count
 * the time other processes on a busy machine take from us (the timing below compares runs, so a
 * run that waited for the processor would look slower than it is).
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Checks `run(make(n))` and `run(make(8n))` give what `expected` says, and that the longer input
 * takes less than 20× the time of the shorter (linear: 8×; quadratic: 64×). Processor time; the
 * shorter is timed as eight runs in a row so both measurements are of a similar length, and they are
 * taken in turn, five times, the fastest of each compared.
 */
function linear<T>(make: (n: number) => string, run: (input: string) => T, expected: (result: T) => void, n = 100_000): void {
  const small = make(n);
  const large = make(8 * n);
  expected(run(small));
  expected(run(large));
  const time = (input: string, times: number) => {
    const start = cpuMs();
    for (let i = 0; i < times; i++) run(input);
    return (cpuMs() - start) / times;
  };
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    smallMs = Math.min(smallMs, time(small, 8));
    largeMs = Math.min(largeMs, time(large, 1));
  }
  expect(largeMs / smallMs).toBeLessThan(20);
}

describe('pathological cells take linear time', () => {
  it('x×n then a digit is not a number (the old MASK: 2 s at n = 20,000, minutes at these sizes)', () => {
    linear(
      (n) => `${'x'.repeat(n)}1`,
      parseQuantityText,
      (q) => expect(q).toEqual({ kind: 'bad', reason: 'text' }),
    );
  });

  it('dashes, dots, ellipses and asterisks then a digit are not numbers; without the digit they are masks with a unit', () => {
    // "…" is left out: NFKC turns it into "...", and V8's normalize itself grows faster than linearly
    // when a string grows that way (the parser normalises no cell over its limit of 1,000 or 2,000).
    for (const mask of ['—', '-', '.', '⋯', '*', 'x.']) {
      linear(
        (n) => `${mask.repeat(n)}1`,
        parseQuantityText,
        (q) => expect(q).toEqual({ kind: 'bad', reason: 'text' }),
      );
    }
    linear(
      (n) => `${'x'.repeat(n)}万元`,
      parseQuantityText,
      (q) => expect(q).toEqual({ kind: 'masked', unit: '万元' }),
    );
    linear(
      (n) => `—${'x'.repeat(n)}`,
      parseQuantityText,
      (q) => expect(q).toMatchObject({ kind: 'masked' }),
    );
  });

  it('a long number with a unit is still read', () => {
    linear(
      (n) => `${'1'.repeat(n)}件`,
      parseQuantityText,
      (q) => expect(q).toMatchObject({ kind: 'number', exp: 0, percent: false, unit: '件' }),
    );
  });

  it('commas before 单位 with no colon name no unit; with one, the name and unit are split (the old UNIT_SUFFIX)', () => {
    linear(
      (n) => `${','.repeat(n)}单位`,
      splitUnitSuffix,
      (found) => expect(found).toBeNull(),
    );
    linear(
      (n) => `数值${' ,'.repeat(n)}计量单位：万元`,
      splitUnitSuffix,
      (found) => expect(found).toEqual({ name: '数值', unit: '万元' }),
    );
    linear(
      (n) => `${'/'.repeat(n)}units`,
      splitUnitSuffix,
      (found) => expect(found).toBeNull(),
    );
  });

  it('spaces and no closing bracket after an indicator’s name', () => {
    linear(
      (n) => `a${' '.repeat(n)}b`,
      (s) => TRAILING_BRACKET.exec(s),
      (m) => expect(m).toBeNull(),
    );
    linear(
      (n) => `${'('.repeat(n)}万元)`,
      (s) => TRAILING_BRACKET.exec(s)?.[1],
      (unit) => expect(unit).toBe('万元'),
    );
  });

  it('unclosed brackets and quotes in an Excel number format', () => {
    linear(
      (n) => '['.repeat(n),
      isPercentFormat,
      (p) => expect(p).toBe(false),
    );
    linear(
      (n) => `${'"'.repeat(n)}0`,
      isPercentFormat,
      (p) => expect(p).toBe(false),
    );
    linear(
      (n) => `${'['.repeat(n)}0%`,
      isPercentFormat,
      (p) => expect(p).toBe(true),
    );
  });

  it('a header cell over the limit names no column, and is not read further', () => {
    const hc: HeaderContext = { indicators: new IndicatorIndex(ctx.indicators), unitKeys: new Set() };
    linear(
      (n) => `数值${','.repeat(n)}单位:万元`,
      (s) => classifyHeader(s, 3, hc),
      (cell) => expect(cell).toMatchObject({ col: 3, role: null, unit: null, year: null, indicator: null }),
    );
    const under = `数值${','.repeat(MAX_CELL_CHARS - 10)}单位:万元`;
    expect(under.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(classifyHeader(under, 3, hc)).toMatchObject({ role: 'value', unit: '万元' });
  });
});

// ---- whole files ------------------------------------------------------------------------------------

/** The result, and the processor time it took in milliseconds. */
async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = cpuMs();
  const result = await run();
  return { result, ms: cpuMs() - start };
}

describe('a file with pathological cells', () => {
  it('x×30,000 then 1 as a value is cell_too_long for its row and column, at once (the old code: 4–10 s)', async () => {
    const value = `${'x'.repeat(30_000)}1`;
    const { result: r, ms } = await timed(() => parse(utf8(`地区,指标,年份,数值\n吕梁市,专利授权量,2020,${value}\n`)));
    expect(ms).toBeLessThan(1000);
    expect(r.fatal).toBeNull();
    expect(r.figures).toEqual([]);
    expect(r.issues).toEqual([
      {
        row: 2,
        column: 'D',
        sheet: null,
        value: `${'x'.repeat(200)}…`,
        severity: 'error',
        code: 'cell_too_long',
        message: {
          zh: `第2行D列：“${'x'.repeat(40)}…”有 30001 个字符，超过上限 1000 个字符；请缩短后再上传`,
          en: `Row 2, column D: “${'x'.repeat(40)}…” is 30001 characters long, over the limit of 1000; shorten it and upload again`,
        },
      },
    ]);
  });

  it('a header cell of 20,000 commas is a column of nothing; the figures are read', async () => {
    const header = `地区,指标,年份,数值,"${','.repeat(20_000)}单位"`;
    const { result: r, ms } = await timed(() => parse(utf8(`${header}\n吕梁市,专利授权量,2020,5,\n`)));
    expect(ms).toBeLessThan(1000);
    expect(r.issues).toEqual([]);
    expect(r.figures.map((f) => [f.indicatorCode, f.year, f.value])).toEqual([['patent_grants', 2020, 5]]);
  });

  it('1,000 rows of pathological cells just under the limit take about as long as an ordinary file (the old code: 6 s)', async () => {
    const indicators = ctx.indicators.slice(0, 8);
    const file = (value: string, link: string) => {
      const rows = ['地区,指标,年份,数值,来源链接'];
      for (let i = 0; i < 1000; i++) {
        const indicator = indicators[i % indicators.length]?.nameZh;
        rows.push(`吕梁市,${indicator},${1950 + Math.floor(i / indicators.length)},${value},${link}`);
      }
      return utf8(rows.join('\n'));
    };
    // A mask run then a digit (the old MASK), a link with a space near its end (the old URL check);
    // and a file of the same size whose cells are ordinary.
    const hostile = file(`${'x'.repeat(990)}1`, `http://${'a'.repeat(980)} b`);
    const ordinary = file(`${'0'.repeat(990)}1`, `http://${'a'.repeat(982)}`);
    const r = await parse(hostile);
    expect(r.rowsRead).toBe(1000);
    expect(r.figures).toEqual([]);
    expect(r.issueCount).toEqual({ errors: 1000, warnings: 1000 });
    expect(new Set(r.issues.map((i) => `${i.code} ${i.column}`))).toEqual(new Set(['bad_number D']));
    expect((await parse(ordinary)).figures).toHaveLength(1000);
    // Both timed here, so a busy machine slows both: the old code took 25× the ordinary file.
    const best = async (bytes: Uint8Array) =>
      Math.min((await timed(() => parse(bytes))).ms, (await timed(() => parse(bytes))).ms);
    const hostileMs = await best(hostile);
    const ordinaryMs = await best(ordinary);
    expect(hostileMs / ordinaryMs).toBeLessThan(4);
    expect(hostileMs).toBeLessThan(3000);
  });

  it('the limits: 1,000 characters for a value or a name, 300 for a source (as the forms), 2,000 for a note', async () => {
    const source = 's'.repeat(MAX_SOURCE_CHARS);
    const note = 'n'.repeat(MAX_TEXT_CELL_CHARS);
    const csv = [
      '地区,指标,年份,数值,来源,备注,其他',
      `吕梁市,专利授权量,2020,${'0'.repeat(MAX_CELL_CHARS - 1)}7,${source},${note},${'o'.repeat(50_000)}`,
      `吕梁市,专利授权量,2021,${'0'.repeat(MAX_CELL_CHARS)}7,${source},${note},`,
      `吕梁市,专利授权量,2022,5,${source}s,${note},`,
      `吕梁市,专利授权量,2023,5,${source},${note}n,`,
      `${'吕'.repeat(MAX_CELL_CHARS + 1)},${'专'.repeat(MAX_CELL_CHARS + 1)},${'2'.repeat(MAX_CELL_CHARS + 1)},6,,,`,
    ].join('\n');
    const r = await parse(utf8(csv));
    expect(codes(r)).toEqual([
      ['cell_too_long', 3, 'D'],
      ['cell_too_long', 4, 'E'],
      ['cell_too_long', 5, 'F'],
      ['cell_too_long', 6, 'A'],
      ['cell_too_long', 6, 'B'],
      ['cell_too_long', 6, 'C'],
    ]);
    expect(r.issues[1]?.message.en).toBe(
      `Row 4, column E: “${'s'.repeat(40)}…” is 301 characters long, over the limit of 300; shorten it and upload again`,
    );
    // At the limits the row is read as usual; a long cell in a column nobody reads is no error.
    expect(r.figures).toHaveLength(1);
    expect(r.figures[0]).toMatchObject({ year: 2020, value: 7, sourceTitle: source, note });
  });

  it('in a workbook too', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(['地区', '指标', '年份', '数值']);
    sheet.addRow(['吕梁市', `专利授权量${'x'.repeat(MAX_CELL_CHARS)}`, 2020, 5]);
    sheet.addRow(['吕梁市', '专利授权量', 2021, 6]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const r = await parse(bytes, 'figures.xlsx');
    expect(codes(r)).toEqual([['cell_too_long', 2, 'B']]);
    expect(r.issues[0]?.sheet).toBe('数据');
    expect(r.figures.map((f) => [f.year, f.value])).toEqual([[2021, 6]]);
  });
});
