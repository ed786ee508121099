import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../server/src/domain/import/index.js';
import { parseQuantityText } from '../../server/src/domain/import/numbers.js';
import type { ImportContext, ParseResult } from '../../server/src/domain/import/types.js';

// Whatever the bytes, the parser answers: a result (a fatal issue is fine), never a throw, never an
// internal error, never a NaN or an Infinity, and the listing limit and counts always agree.

const ctx: ImportContext = {
  regions: [
    { code: '141100', nameZh: '吕梁市', nameEn: 'Lüliang' },
    { code: '211100', nameZh: '盘锦市', nameEn: 'Panjin' },
  ],
  indicators: [
    { code: 'rd_intensity', nameZh: 'R&D经费投入强度', nameEn: 'R&D intensity', unit: '%', unitEn: '%', kind: 'share' },
    {
      code: 'rd_expenditure',
      nameZh: 'R&D经费支出',
      nameEn: 'R&D expenditure',
      unit: '亿元',
      unitEn: '100 million yuan',
      kind: 'money',
    },
    {
      code: 'high_tech_firms',
      nameZh: '高新技术企业数',
      nameEn: 'High-tech enterprises',
      unit: '家',
      unitEn: 'firms',
      kind: 'stock',
    },
  ],
  defaultRegionCode: '141100',
};
const MAX_ISSUES = 20;

function wellFormed(r: ParseResult): void {
  expect(r.fatal?.code).not.toBe('internal_error');
  if (r.fatal) {
    expect(r.figures).toEqual([]);
    expect(r.issues).toContain(r.fatal);
  }
  expect(r.issues.length).toBeLessThanOrEqual(MAX_ISSUES);
  const listed = {
    errors: r.issues.filter((i) => i.severity === 'error').length,
    warnings: r.issues.filter((i) => i.severity === 'warning').length,
  };
  expect(r.issueCount.errors).toBeGreaterThanOrEqual(listed.errors);
  expect(r.issueCount.warnings).toBeGreaterThanOrEqual(listed.warnings);
  // Errors come first.
  const firstWarning = r.issues.findIndex((i) => i.severity === 'warning');
  if (firstWarning >= 0) expect(r.issues.slice(firstWarning).every((i) => i.severity === 'warning')).toBe(true);
  for (const i of r.issues) {
    expect(i.message.zh.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
  }
  for (const f of r.figures) {
    expect(f.value === null || Number.isFinite(f.value)).toBe(true);
    expect(f.published).toBe(f.value !== null);
    expect(f.year).toBeGreaterThanOrEqual(1949);
    expect(f.year).toBeLessThanOrEqual(2100);
    expect(ctx.regions.map((x) => x.code)).toContain(f.regionCode);
    expect(ctx.indicators.map((x) => x.code)).toContain(f.indicatorCode);
    if (f.indicatorCode === 'rd_intensity' && f.value !== null) expect(f.value >= 0 && f.value <= 100).toBe(true);
    if (f.conversion) expect(Number.isFinite(f.conversion.factor) && f.conversion.factor > 0).toBe(true);
  }
  expect(r.rowsRead).toBeGreaterThanOrEqual(0);
}

const parse = (bytes: Uint8Array, name: string) => parseImportFile(bytes, name, ctx, { maxIssues: MAX_ISSUES });

const tricky = fc.constantFrom(
  '吕梁市',
  'Panjin',
  '141100',
  '999999',
  'rd_intensity',
  'R&D经费支出',
  '高新技术企业数',
  '高新企业',
  '2019',
  '2019年',
  '1900',
  '—',
  'x',
  'xx.xx',
  '…',
  '1,234.5',
  '1,2345',
  '２.６%',
  '120%',
  '15.3亿元',
  '1530万元',
  '1.2万件',
  '-5',
  '1e308',
  '1e309',
  '=1+1',
  '"',
  '""',
  '"a,b"',
  '\t',
  '，',
  '\r\n',
  '初步核算',
  '修订',
  '暂定',
  '单位:万元',
  '注:',
);
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  tricky,
  fc.double().map(String),
);
const header = fc.constantFrom(
  '地区,指标,年份,数值',
  '地区代码,指标代码,年份,数值,单位,口径,来源,备注',
  '指标,2019,2020年,2021',
  '地区,年份,R&D经费(万元),高新技术企业数',
  'Region\tIndicator\tYear\tValue',
  '地区,指标,单位,年份,\n,,,2019,2020',
  '',
);
const csvShape = fc
  .tuple(
    header,
    fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 25 }),
    fc.constantFrom(',', '\t', '，', ';'),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([h, rows, sep, eol]) => [h, ...rows.map((r) => r.join(sep))].join(eol));

describe('never throws, never NaN', () => {
  it('random bytes under any name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom('a.csv', 'a.xlsx', 'a.txt', 'a.xls', ''),
        async (bytes, name) => {
          wellFormed(await parse(bytes, name));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random bytes behind a zip signature (the central-directory reader on garbage)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 200 }), async (body, tail) => {
        const eocd = [0x50, 0x4b, 0x05, 0x06, ...tail.slice(0, 18)];
        const r = await parse(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...body, ...eocd]), 'a.xlsx');
        wellFormed(r);
        expect(r.fatal).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('a real workbook with random bytes overwritten', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据').addRows([
      ['地区', '指标', '年份', '数值'],
      ['吕梁市', '高新技术企业数', 2020, 80],
      ['吕梁市', 'R&D经费支出', 2020, '1530万元'],
    ]);
    const original = new Uint8Array(await wb.xlsx.writeBuffer());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const bytes = original.slice();
          for (const [at, byte] of edits) bytes[at] = byte;
          wellFormed(await parse(bytes, 'a.xlsx'));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('random CSV shapes and cell contents, in UTF-8, GBK and with a BOM', async () => {
    await fc.assert(
      fc.asyncProperty(csvShape, fc.constantFrom('utf8', 'gbk', 'bom'), async (csv, encoding) => {
        const bytes =
          encoding === 'gbk'
            ? new Uint8Array(iconv.encode(csv, 'gbk'))
            : new Uint8Array([...(encoding === 'bom' ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(csv)]);
        wellFormed(await parse(bytes, 'a.csv'));
      }),
      { numRuns: 400 },
    );
  });

  it('random cells in workbooks', async () => {
    const xlsxCell = fc.oneof(
      cell,
      fc.double(),
      fc.integer({ min: 1900, max: 2200 }),
      fc.boolean(),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
      fc.constant(null),
      fc.record({ formula: fc.constant('A1*2'), result: fc.oneof(fc.double(), fc.string(), fc.constant(undefined)) }),
      fc.record({ error: fc.constantFrom('#DIV/0!', '#N/A', '#VALUE!') }),
    );
    await fc.assert(
      fc.asyncProperty(header, fc.array(fc.array(xlsxCell, { maxLength: 8 }), { maxLength: 12 }), async (h, rows) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('数据');
        for (const line of h.split('\n')) ws.addRow(line.split(/[,\t]/));
        for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
        wellFormed(await parse(new Uint8Array(await wb.xlsx.writeBuffer()), 'a.xlsx'));
      }),
      { numRuns: 60 },
    );
  });
});

describe('numbers', () => {
  it('a decimal written with thousands separators, full-width digits, a plus or spaces reads back exactly', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.option(fc.nat({ max: 999_999 })))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
    const group = (s: string) => {
      const [int = '', frac] = s.replace('-', '').split('.');
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return `${s.startsWith('-') ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
    };
    const fullWidth = (s: string) => s.replace(/[0-9.,-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(decimal, fc.constantFrom('plain', 'grouped', 'full', 'spaced', 'plus'), (d, style) => {
        const written =
          style === 'grouped'
            ? group(d)
            : style === 'full'
              ? fullWidth(group(d))
              : style === 'spaced'
                ? ` ${d} `
                : style === 'plus' && !d.startsWith('-')
                  ? `+${d}`
                  : d;
        const q = parseQuantityText(written);
        expect(q.kind).toBe('number');
        if (q.kind === 'number') expect(Number(`${q.mantissa}e${q.exp}`)).toBe(Number(d));
      }),
      { numRuns: 500 },
    );
  });

  it('any text is empty, masked, a number with a finite mantissa, or bad — nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), tricky), (t) => {
        const q = parseQuantityText(t);
        expect(['empty', 'masked', 'number', 'bad']).toContain(q.kind);
        if (q.kind === 'number') {
          expect(Number.isFinite(Number(q.mantissa))).toBe(true);
          expect(Number.isInteger(q.exp)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
