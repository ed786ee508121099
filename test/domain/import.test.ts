import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../server/src/domain/import/index.js';
import { readYear } from '../../server/src/domain/import/interpret.js';
import { convert, parseQuantityText } from '../../server/src/domain/import/numbers.js';
import type { ContextIndicator, ImportContext, ImportLimits, ParseResult } from '../../server/src/domain/import/types.js';
import { seedImportContext } from '../helpers/importContext.js';

// Text files (CSV, TSV; UTF-8, UTF-8 with BOM, GBK) built in the test, read against the seed's real
// regions and indicators. Expected values are worked out by hand from the cells written.

const ctx: ImportContext = seedImportContext();
const indicator = (code: string) => ctx.indicators.find((i) => i.code === code) as ContextIndicator;

const utf8 = (text: string) => new TextEncoder().encode(text);
const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));
const parse = (bytes: Uint8Array, over: Partial<ImportContext> = {}, limits?: Partial<ImportLimits>, name = 'figures.csv') =>
  parseImportFile(bytes, name, { ...ctx, ...over }, limits);
/** [indicator, year, value, published] of each figure, for compact assertions. */
const values = (r: ParseResult) => r.figures.map((f) => [f.indicatorCode, f.year, f.value, f.published]);
const codes = (r: ParseResult) => r.issues.map((i) => [i.code, i.row, i.column]);

describe('a GBK CSV as Excel saves it, with Chinese headers', () => {
  const csv = [
    '地区,指标名称,年份,数值,单位,数据状态,数据来源,备注',
    '吕梁市,技术合同成交额,2021,"1,234.5",万元,初步核算,2021年吕梁市统计公报,',
    '吕梁市,R&D经费投入强度,2021,２.６,%,最终核实,,全角数字',
    '吕梁市,科技成果转化率,2021,2.6%,,修订,,',
    '吕梁市,有效发明专利拥有量,2021,—,件,,,未公布',
    '吕梁市,高新技术企业数(年末),2021,xx,家,,,打码',
    '吕梁市,R&D经费支出,2021,15.3亿元,,,,单位在单元格里',
    '吕梁市,专利授权量,2021,1.2万件,,,,',
    '吕梁,技术合同成交额,2020,+1530,万元,,,',
  ].join('\r\n');

  it('stores the exact values, in the indicator’s unit, and masked values as not published', async () => {
    const r = await parse(gbk(csv));
    expect(r).toMatchObject({ fileType: 'csv', encoding: 'gb18030', layout: 'long', rowsRead: 8, fatal: null, sheet: null });
    expect(r.issueCount).toEqual({ errors: 0, warnings: 0 });
    expect(values(r)).toEqual([
      ['tech_contract_turnover', 2021, 0.12345, true],
      ['rd_intensity', 2021, 2.6, true],
      ['tech_conversion_rate', 2021, 2.6, true],
      ['valid_invention_patents', 2021, null, false],
      ['high_tech_firms', 2021, null, false],
      ['rd_expenditure', 2021, 15.3, true],
      ['patent_grants', 2021, 12000, true],
      ['tech_contract_turnover', 2020, 0.153, true],
    ]);
  });

  it('records the conversion, the vintage, the source, the note, the raw cell and its place', async () => {
    const r = await parse(gbk(csv));
    expect(r.figures[0]).toEqual({
      row: 2,
      sheet: null,
      regionCode: '141100',
      indicatorCode: 'tech_contract_turnover',
      year: 2021,
      value: 0.12345,
      published: true,
      rawValue: '1,234.5',
      column: 'D',
      vintage: 'preliminary',
      sourceTitle: '2021年吕梁市统计公报',
      sourceUrl: null,
      note: null,
      conversion: { fromUnit: '万元', toUnit: '亿元', factor: 0.0001 },
    });
    expect(r.figures.map((f) => f.vintage)).toEqual(['preliminary', 'final', 'revised', null, null, null, null, null]);
    expect(r.figures[3]).toMatchObject({ rawValue: '—', value: null, published: false, note: '未公布', conversion: null });
    // A unit in the cell: 亿元 is the indicator's own unit, 万件 a multiplier on 件.
    expect(r.figures[5]?.conversion).toBeNull();
    expect(r.figures[6]?.conversion).toEqual({ fromUnit: '万件', toUnit: '件', factor: 10000 });
  });

  it('reads the same text saved as UTF-8 with a BOM, and as plain UTF-8', async () => {
    const bom = await parse(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)]));
    expect(bom.encoding).toBe('utf-8-bom');
    const plain = await parse(utf8(csv));
    expect(plain.encoding).toBe('utf-8');
    const gb = await parse(gbk(csv));
    expect(values(bom)).toEqual(values(gb));
    expect(values(plain)).toEqual(values(gb));
  });
});

describe('TSV and English', () => {
  it('reads tab-separated text with English headers, names and vintages', async () => {
    const tsv = [
      'Region\tIndicator code\tYear\tValue (100 million yuan)\tVintage\tSource\tURL',
      'Luliang\trd_expenditure\t2017\t10.5\tpreliminary\tLüliang bulletin 2017\thttps://example.org/2017',
      'Lüliang City\tR&D expenditure\t2018\t12.5\tfinal\t\t',
      '141100\tRD_EXPENDITURE\t2019\t—\trevised\t\t',
    ].join('\n');
    const r = await parse(utf8(tsv), {}, undefined, 'figures.txt');
    expect(r).toMatchObject({ fileType: 'tsv', encoding: 'utf-8', layout: 'long', fatal: null });
    expect(r.issues).toEqual([]);
    expect(r.figures.map((f) => [f.regionCode, f.indicatorCode, f.year, f.value, f.vintage])).toEqual([
      ['141100', 'rd_expenditure', 2017, 10.5, 'preliminary'],
      ['141100', 'rd_expenditure', 2018, 12.5, 'final'],
      ['141100', 'rd_expenditure', 2019, null, 'revised'],
    ]);
    expect(r.figures[0]).toMatchObject({
      sourceTitle: 'Lüliang bulletin 2017',
      sourceUrl: 'https://example.org/2017',
      conversion: null,
    });
  });

  it('reads a CSV whose name says .xlsx by its content', async () => {
    const r = await parse(utf8('地区代码,指标代码,年份,数值\n141100,high_tech_firms,2020,80'), {}, undefined, 'figures.xlsx');
    expect(r).toMatchObject({ fileType: 'csv', fatal: null });
    expect(values(r)).toEqual([['high_tech_firms', 2020, 80, true]]);
  });

  it('reads a header typed with full-width commas when the file has no ASCII comma', async () => {
    const r = await parse(utf8('地区，指标，年份，数值\n吕梁市，高新技术企业数，2020，80'));
    expect(values(r)).toEqual([['high_tech_firms', 2020, 80, true]]);
  });
});

describe('numbers, masks and units', () => {
  it.each([
    ['1,234.5', '1234.5', 0, false, null],
    ['２.６', '2.6', 0, false, null],
    ['2.6%', '2.6', 0, true, null],
    ['２．６％', '2.6', 0, true, null],
    [' 12 345 ', '12345', 0, false, null],
    ['+5', '5', 0, false, null],
    ['-3.5', '-3.5', 0, false, null],
    ['−3.5', '-3.5', 0, false, null],
    ['1.5E+3', '1.5', 3, false, null],
    ['15.3亿元', '15.3', 0, false, '亿元'],
    ['1530 万元', '1530', 0, false, '万元'],
    ['1.2万件', '1.2', 0, false, '万件'],
    ['.5', '0.5', 0, false, null],
    ["'42", '42', 0, false, null],
  ])('%s is a number', (text, mantissa, exp, percent, unit) => {
    expect(parseQuantityText(text)).toEqual({ kind: 'number', mantissa, exp, percent, unit });
  });

  it.each(['—', '–', '-', '--', '——', '…', '...', '⋯', 'x', 'xx', 'X', 'XX', 'xx.xx', '*', '**', '－', 'x万元'])(
    '%s is not published',
    (text) => {
      expect(parseQuantityText(text).kind).toBe('masked');
    },
  );

  it.each(['1,2345', '2,6', '12-15', '约15', 'abc', '.', '+', '1.2.3', '(5)', '2019-12-31', '无'])(
    '%s is not a number',
    (text) => {
      expect(parseQuantityText(text).kind).toBe('bad');
    },
  );

  it.each(['', '   ', '\u3000'])('%j is empty', (text) => {
    expect(parseQuantityText(text).kind).toBe('empty');
  });

  it('converts between 元, 万元 and 亿元 exactly, and refuses units that do not fit', () => {
    const n = (text: string) =>
      parseQuantityText(text) as { mantissa: string; exp: number; percent: boolean; unit: string | null };
    const turnover = indicator('tech_contract_turnover'); // 亿元
    const fund = indicator('st_special_fund_budget'); // 万元
    const firms = indicator('high_tech_firms'); // 家
    const share = indicator('rd_intensity'); // %
    expect(convert(n('1530'), '万元', turnover)).toEqual({
      ok: true,
      value: 0.153,
      conversion: { fromUnit: '万元', toUnit: '亿元', factor: 0.0001 },
    });
    expect(convert(n('123456789'), '元', turnover)).toMatchObject({ ok: true, value: 1.23456789 });
    expect(convert(n('1.5'), '亿元', fund)).toMatchObject({ ok: true, value: 15000, conversion: { factor: 10000 } });
    expect(convert(n('0.7'), '100 million yuan', turnover)).toEqual({ ok: true, value: 0.7, conversion: null });
    expect(convert(n('0.7'), '10,000 yuan', turnover)).toMatchObject({ ok: true, value: 0.00007 });
    expect(convert(n('80'), '户', firms)).toEqual({
      ok: true,
      value: 80,
      conversion: { fromUnit: '户', toUnit: '家', factor: 1 },
    });
    expect(convert(n('80'), '万元', firms)).toMatchObject({ ok: false, reason: 'unit_mismatch', unit: '万元' });
    expect(convert(n('2.6%'), null, firms)).toMatchObject({ ok: false, reason: 'percent_on_non_share' });
    expect(convert(n('2.6%'), '万元', share)).toEqual({ ok: true, value: 2.6, conversion: null });
    expect(convert(n('2.6'), '万元', share)).toMatchObject({ ok: false, reason: 'unit_mismatch' });
    expect(convert(n('1e400'), null, firms)).toMatchObject({ ok: false, reason: 'not_finite' });
  });
});

describe('years', () => {
  it.each([
    ['2019', 2019],
    ['2019年', 2019],
    ['2019年度', 2019],
    ['2019.0', 2019],
    ['２０１９', 2019],
    ['2019-12-31', 2019],
    ['2019/12/31', 2019],
    ['2019年12月', 2019],
    ['1949', 1949],
    ['2100', 2100],
  ])('%s is %d', (text, year) => {
    expect(readYear(text)).toEqual({ ok: true, year });
  });

  it.each(['1948', '2101', '19', '2019.5', '二〇一九', 'abc'])('%s is not a year', (text) => {
    expect(readYear(text)).toEqual({ ok: false, empty: false });
  });

  it('takes the year of an Excel date and an Excel number', () => {
    expect(readYear({ text: '2020-12-31', date: new Date(Date.UTC(2020, 11, 31)) })).toEqual({ ok: true, year: 2020 });
    expect(readYear({ text: '2020', number: 2020 })).toEqual({ ok: true, year: 2020 });
    expect(readYear({ text: '2020.5', number: 2020.5 })).toEqual({ ok: false, empty: false });
  });
});

describe('wide layout: one column per year', () => {
  it('reads years as "2019", "2019年" and numbers, with the unit in the header converted', async () => {
    const csv = [
      '吕梁市主要科技指标',
      '单位:万元',
      '指标,2019年,2020(万元),2021年度,2022',
      'R&D经费支出,"153,000",—,,160000',
      '技术合同成交额,1530,1600,1700,',
      '注:2022年为初步核算数',
    ].join('\n');
    const r = await parse(utf8(csv), { defaultRegionCode: '141100' });
    expect(r).toMatchObject({ layout: 'wide', rowsRead: 2, fatal: null });
    expect(r.issues).toEqual([]);
    expect(r.figures.map((f) => [f.indicatorCode, f.year, f.value, f.column, f.row, f.regionCode])).toEqual([
      ['rd_expenditure', 2019, 15.3, 'B', 4, '141100'],
      ['rd_expenditure', 2020, null, 'C', 4, '141100'],
      ['rd_expenditure', 2022, 16, 'E', 4, '141100'],
      ['tech_contract_turnover', 2019, 0.153, 'B', 5, '141100'],
      ['tech_contract_turnover', 2020, 0.16, 'C', 5, '141100'],
      ['tech_contract_turnover', 2021, 0.17, 'D', 5, '141100'],
    ]);
    expect(r.figures[0]?.conversion).toEqual({ fromUnit: '万元', toUnit: '亿元', factor: 0.0001 });
  });

  it('reads the template’s columns (codes and names, a unit column, vintage, source, note)', async () => {
    const csv = [
      '地区代码,地区,指标代码,指标,单位,2019,2020,口径,来源,备注',
      '141100,吕梁市,high_tech_firms,高新技术企业数(年末),家,52,x,初步核算,模板,',
      '141100,吕梁市,rd_intensity,R&D经费投入强度(R&D经费占地区生产总值比重),%,0.74,,最终核实,模板,',
      '141100,吕梁市,tech_sme_count,科技型中小企业数,家,,,,,',
    ].join('\n');
    const r = await parse(utf8(csv));
    expect(r.issues).toEqual([]);
    expect(r.rowsRead).toBe(3);
    expect(r.figures.map((f) => [f.indicatorCode, f.year, f.value, f.published, f.vintage, f.sourceTitle])).toEqual([
      ['high_tech_firms', 2019, 52, true, 'preliminary', '模板'],
      ['high_tech_firms', 2020, null, false, 'preliminary', '模板'],
      ['rd_intensity', 2019, 0.74, true, 'final', '模板'],
    ]);
  });

  it('reads a two-row header saved from merged cells (年份 over the years)', async () => {
    const csv = ['地区,指标,单位,年份,', ',,,2021,2022', '吕梁市,R&D经费,万元,153000,168300'].join('\n');
    const r = await parse(utf8(csv));
    expect(r.layout).toBe('wide');
    expect(values(r)).toEqual([
      ['rd_expenditure', 2021, 15.3, true],
      ['rd_expenditure', 2022, 16.83, true],
    ]);
    expect(r.figures[0]?.row).toBe(3);
  });

  it('reads indicators as columns, with the year in a column and units in the headers', async () => {
    const csv = [
      '地区,年份,R&D经费(万元),高新技术企业数,R&D经费投入强度(%)',
      '吕梁市,2019,"153,000",52,0.74',
      '忻州市,2019,…,31,0.5%',
    ].join('\n');
    const r = await parse(utf8(csv));
    expect(r).toMatchObject({ layout: 'wide', fatal: null });
    expect(r.issues).toEqual([]);
    expect(r.figures.map((f) => [f.regionCode, f.indicatorCode, f.year, f.value])).toEqual([
      ['141100', 'rd_expenditure', 2019, 15.3],
      ['141100', 'high_tech_firms', 2019, 52],
      ['141100', 'rd_intensity', 2019, 0.74],
      ['140900', 'rd_expenditure', 2019, null],
      ['140900', 'high_tech_firms', 2019, 31],
      ['140900', 'rd_intensity', 2019, 0.5],
    ]);
  });

  it('reads a vintage written in a year header, and yes/no deliverables', async () => {
    const csv = [
      '指标,2021年(最终核实),2022年(初步核算)',
      '高新技术企业数,112,120',
      '进入国家创新型城市行列,否,是',
      '建成国家级(特色)高新区,1,5',
    ].join('\n');
    const r = await parse(utf8(csv), { defaultRegionCode: '141100' });
    expect(r.figures.map((f) => [f.indicatorCode, f.year, f.value, f.vintage])).toEqual([
      ['high_tech_firms', 2021, 112, 'final'],
      ['high_tech_firms', 2022, 120, 'preliminary'],
      ['national_innovative_city_status', 2021, 0, 'final'],
      ['national_innovative_city_status', 2022, 1, 'preliminary'],
    ]);
    expect(codes(r)).toEqual([['bad_number', 4, 'C']]);
  });

  it('reads a semicolon-separated file when it has no comma or tab', async () => {
    const r = await parse(utf8('地区;指标;年份;数值\n吕梁市;高新技术企业数;2020;80'));
    expect(values(r)).toEqual([['high_tech_firms', 2020, 80, true]]);
  });

  it('takes no figure from a row with an error, and reports each bad cell', async () => {
    const csv = ['指标,2019,2020,2021', '高新技术企业数,52,abc,200%'].join('\n');
    const r = await parse(utf8(csv), { defaultRegionCode: '141100' });
    expect(r.figures).toEqual([]);
    expect(codes(r)).toEqual([
      ['bad_number', 2, 'C'],
      ['unit_mismatch', 2, 'D'],
    ]);
  });
});

describe('issues name the row, the column and the value, in both languages', () => {
  const csv = [
    '地区,指标,年份,数值,单位,口径',
    '吕梁市,高新企业,2020,5,家,', // 2 unknown indicator
    '太原市,高新技术企业数,2020,5,家,', // 3 unknown region
    '吕梁市,高新技术企业数,1900,5,家,', // 4 bad year
    '吕梁市,高新技术企业数,2020,五十,家,', // 5 bad number
    '吕梁市,R&D经费投入强度,2020,120,%,', // 6 share out of range
    '吕梁市,高新技术企业数,2021,15,万元,', // 7 unit mismatch
    '吕梁市,专利申请量,2020,2.6%,,', // 8 % on a count
    '吕梁市,专利申请量,2021,,,', // 9 empty value: warning
    '吕梁市,专利授权量,2020,100,件,暂定', // 10 bad vintage
    '吕梁市,专利授权量,2021,100,件,', // 11 fine
    '吕梁市,专利授权量,2021,101,件,', // 12 duplicate of 11
    '吕梁市,专利授权量,2022,1,000,件,', // 13 ragged: an unquoted thousands separator
    '吕梁市,专利授权量,2023,400,件,', // 14 jump from 2022? 2022 failed; none
    '吕梁市,有效发明专利拥有量,2020,100,件,',
    '吕梁市,有效发明专利拥有量,2021,350,件,', // 16 more than 3× 2020: the preview's figure check, not the parser's
    '吕梁市,有效发明专利拥有量,2022,100,件,', // 17 falls by more than two thirds: likewise
  ].join('\n');

  it('lists each problem with its code and place, errors first, then warnings', async () => {
    const r = await parse(utf8(csv));
    expect(r.fatal).toBeNull();
    expect(codes(r)).toEqual([
      ['unknown_indicator', 2, 'B'],
      ['unknown_region', 3, 'A'],
      ['bad_year', 4, 'C'],
      ['bad_number', 5, 'D'],
      ['share_out_of_range', 6, 'D'],
      ['unit_mismatch', 7, 'D'],
      ['unit_mismatch', 8, 'D'],
      ['bad_vintage', 10, 'F'],
      ['duplicate_row', 12, 'D'],
      ['ragged_row', 13, 'G'],
      ['empty_value', 9, 'D'],
    ]);
    expect(r.issueCount).toEqual({ errors: 10, warnings: 1 });
    expect(r.figures.map((f) => f.row)).toEqual([11, 14, 15, 16, 17]);
    expect(r.rowsRead).toBe(16);
  });

  it('says what was found and what to do', async () => {
    const r = await parse(utf8(csv));
    const byCode = (code: string) => r.issues.find((i) => i.code === code);
    expect(byCode('unknown_indicator')).toMatchObject({
      row: 2,
      column: 'B',
      value: '高新企业',
      severity: 'error',
      // An unknown name suggests the nearest catalogue entries (issue 12).
      message: {
        zh: '第2行B列：找不到指标“高新企业”；最接近的是“高新技术企业数(年末)”（high_tech_firms）、“新认定(新增)高新技术企业数”（new_high_tech_firms）；请使用指标代码或标准名称，或请管理员把这个名称添加为指标的别名',
        en: 'Row 2, column B: unknown indicator “高新企业”; the nearest are “High-tech enterprises (nationally certified), at year end” (high_tech_firms), “High-tech enterprises newly certified in the year” (new_high_tech_firms); use the indicator code or its standard name, or ask an administrator to add this name as an alias',
      },
    });
    expect(byCode('unknown_region')?.message.zh).toBe(
      '第3行A列：找不到地区“太原市”，请使用行政区划代码（如 141100）或标准名称（如 吕梁市）',
    );
    expect(byCode('bad_year')?.message.en).toBe(
      'Row 4, column C: cannot read the year “1900”; write a year between 1949 and 2100, such as 2019',
    );
    expect(byCode('bad_number')).toMatchObject({ value: '五十' });
    expect(byCode('bad_number')?.message.zh).toMatch(/^第5行D列：“五十”不是数字；/);
    expect(byCode('duplicate_row')?.message.zh).toBe(
      '第12行D列：吕梁市 专利授权量 2021年已在第11行出现过；同一地区、指标、年份只能有一个数值',
    );
    expect(byCode('ragged_row')?.message.en).toMatch(/^Row 13, column G: this row has 7 fields but the header has 6/);
    expect(byCode('empty_value')).toMatchObject({ severity: 'warning', row: 9 });
    // A jump between the file's years is judged with the figures the database holds, by the preview
    // (domain/figureChecks.ts, test/domain/figure-checks.test.ts): the parser reads the figures as they are.
    expect(r.issues.filter((i) => i.code === 'implausible_jump')).toEqual([]);
    expect(r.figures.filter((f) => f.indicatorCode === 'valid_invention_patents').map((f) => [f.row, f.value])).toEqual([
      [15, 100],
      [16, 350],
      [17, 100],
    ]);
  });

  it('lists at most maxIssues, errors first, but counts them all', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `吕梁市,不存在的指标,${2000 + (i % 20)},1,件,`);
    const r = await parse(utf8(`${csv}\n${rows.join('\n')}`), {}, { maxIssues: 12 });
    expect(r.issues).toHaveLength(12);
    expect(r.issues.every((i) => i.severity === 'error')).toBe(true);
    expect(r.issueCount).toEqual({ errors: 60, warnings: 1 });
    const few = await parse(utf8(csv), {}, { maxIssues: 11 });
    expect(few.issues.map((i) => i.code).slice(-1)).toEqual(['empty_value']);
  });

  it('reports a region whose name and code disagree, and an indicator whose name and code disagree', async () => {
    const r = await parse(
      utf8(
        '地区代码,地区,指标代码,指标,年份,数值\n141100,忻州市,high_tech_firms,高新技术企业数,2020,5\n141100,吕梁市,high_tech_firms,专利申请量,2020,5',
      ),
    );
    expect(codes(r)).toEqual([
      ['region_mismatch', 2, 'B'],
      ['indicator_mismatch', 3, 'D'],
    ]);
  });

  it('numbers a CSV row by the line it starts on, past a note with a line break', async () => {
    const r = await parse(utf8('指标,年份,数值,备注\n高新技术企业数,2019,52,"第一行\n第二行"\n专利申请量,2019,abc,'), {
      defaultRegionCode: '141100',
    });
    expect(r.figures[0]).toMatchObject({ row: 2, note: '第一行\n第二行' });
    expect(codes(r)).toEqual([['bad_number', 4, 'C']]);
  });
});

describe('regions and indicators by code or name', () => {
  it.each([
    ['141100', '141100'],
    ['141100000000', '141100'],
    ['吕梁市', '141100'],
    ['吕梁', '141100'],
    ['Lüliang', '141100'],
    ['luliang', '141100'],
    ['山西', '140000'],
    ['Shanxi', '140000'],
    ['Xing County', '141123'],
    ['兴县', '141123'],
    ['全国', '100000'],
    ['China', '100000'],
    [' 上虞区 ', '330604'],
  ])('region %s', async (region, code) => {
    const r = await parse(utf8(`地区,指标代码,年份,数值\n${region},high_tech_firms,2020,1`));
    expect(r.figures.map((f) => f.regionCode)).toEqual([code]);
  });

  it.each([
    ['high_tech_firms', 'high_tech_firms'],
    ['HIGH_TECH_FIRMS', 'high_tech_firms'],
    ['高新技术企业数(年末)', 'high_tech_firms'],
    ['高新技术企业数（年末）', 'high_tech_firms'],
    ['高新技术企业数', 'high_tech_firms'],
    ['high-tech enterprises (nationally certified), at year end', 'high_tech_firms'],
    ['R&D经费', 'rd_expenditure'],
    ['Ｒ＆Ｄ经费支出', 'rd_expenditure'],
    ['R&D经费投入强度', 'rd_intensity'],
    ['GDP', 'gdp'],
    ['技术合同交易额', 'tech_contract_turnover'],
  ])('indicator %s', async (name, code) => {
    const r = await parse(utf8(`地区,指标,年份,数值\n吕梁市,"${name}",2020,1`));
    expect(r.figures.map((f) => f.indicatorCode)).toEqual([code]);
  });

  it('reads a unit written after the indicator name', async () => {
    const r = await parse(utf8('地区,指标,年份,数值\n吕梁市,R&D经费支出(万元),2020,1530'));
    expect(r.figures[0]).toMatchObject({ indicatorCode: 'rd_expenditure', value: 0.153, conversion: { fromUnit: '万元' } });
  });
});

describe('whole-file problems', () => {
  it('refuses a file over the byte limit, giving the limit in MB', async () => {
    const r = await parse(utf8(`指标,2019\n${'高新技术企业数,1\n'.repeat(100_000)}`), {}, { maxBytes: 1024 * 1024 });
    expect(r.fatal).toMatchObject({ code: 'file_too_large', severity: 'error' });
    expect(r.fatal?.message.zh).toContain('上限 1 MB');
    expect(r.fatal?.message.en).toContain('1 MB limit');
    expect(r).toMatchObject({ figures: [], issues: [r.fatal], issueCount: { errors: 1, warnings: 0 } });
  });

  it('refuses more rows than the limit', async () => {
    const body = Array.from({ length: 11 }, (_, i) => `吕梁市,高新技术企业数,${2000 + i},1`).join('\n');
    const r = await parse(utf8(`地区,指标,年份,数值\n${body}`), {}, { maxRows: 10 });
    expect(r.fatal).toMatchObject({ code: 'too_many_rows' });
    expect(r.fatal?.message.en).toBe('The file has 11 data rows, over the limit of 10; split it into several files');
    expect(r.figures).toEqual([]);
    const ok = await parse(utf8(`地区,指标,年份,数值\n${body}`), {}, { maxRows: 11 });
    expect(ok.figures).toHaveLength(11);
  });

  it('names the missing column', async () => {
    const r = await parse(utf8('地区,指标,年份\n吕梁市,高新技术企业数,2020'));
    expect(r.fatal).toMatchObject({ code: 'missing_column', row: 1 });
    expect(r.fatal?.message.zh).toContain('缺少“数值”列');
  });

  it('needs a region column or a default region', async () => {
    const csv = utf8('指标,年份,数值\n高新技术企业数,2020,5');
    expect((await parse(csv)).fatal).toMatchObject({ code: 'missing_column' });
    const r = await parse(csv, { defaultRegionCode: '211100' });
    expect(r.figures.map((f) => f.regionCode)).toEqual(['211100']);
  });

  it('says when no header is found', async () => {
    const r = await parse(utf8('这是一份工作总结。\n今年高新技术企业增加了11家。'));
    expect(r.fatal?.code).toBe('not_a_table');
  });

  it('reports a quote that is never closed', async () => {
    const r = await parse(utf8('地区,指标,年份,数值\n吕梁市,"高新技术企业数,2020,5\n'));
    expect(r.fatal).toMatchObject({ code: 'bad_csv' });
  });
});
