import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../server/src/domain/import/index.js';
import { aliasProblem, bigramSimilarity, IndicatorIndex, MAX_ALIAS_CHARS } from '../../server/src/domain/import/lookup.js';
import { MAX_SOURCE_CHARS, MAX_TEXT_CELL_CHARS } from '../../server/src/domain/import/normalize.js';
import { legacyGuess } from '../../server/src/domain/import/text.js';
import type { ContextIndicator, ImportContext, ParseResult } from '../../server/src/domain/import/types.js';
import { seedImportContext } from '../helpers/importContext.js';

// Issue 12, point 3 ("real files read"), each rule with the smallest file that shows it, read
// against the seed's regions, indicators and aliases (seed/indicator_aliases.tsv).

const ctx: ImportContext = seedImportContext();
const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array, over: Partial<ImportContext> = {}, name = 'figures.csv') =>
  parseImportFile(bytes, name, { ...ctx, ...over });
const values = (r: ParseResult) => r.figures.map((f) => [f.indicatorCode, f.year, f.value]);
const codes = (r: ParseResult) => r.issues.map((i) => [i.code, i.row, i.column]);
const indicator = (code: string) => ctx.indicators.find((i) => i.code === code) as ContextIndicator;

describe('indicator aliases from the catalogue', () => {
  it('match English and other names of an indicator: high-tech enterprises, 高企, 高新技术企业数', async () => {
    const r = await parse(
      utf8(
        [
          '地区,指标,年份,数值,来源',
          '吕梁市,high-tech enterprises,2020,80,公报',
          '吕梁市,高企,2021,84,公报',
          '吕梁市,高新技术企业数,2022,90,公报',
          '吕梁市,High-Tech Firms,2023,95,公报',
        ].join('\n'),
      ),
    );
    expect(r.issues).toEqual([]);
    expect(values(r)).toEqual([
      ['high_tech_firms', 2020, 80],
      ['high_tech_firms', 2021, 84],
      ['high_tech_firms', 2022, 90],
      ['high_tech_firms', 2023, 95],
    ]);
  });

  it('match as a column header too, with a unit after the alias', async () => {
    const r = await parse(utf8('地区,年份,高企(家),R&D经费(万元)\n吕梁市,2020,80,15300'));
    expect(r.layout).toBe('wide');
    expect(values(r)).toEqual([
      ['high_tech_firms', 2020, 80],
      ['rd_expenditure', 2020, 1.53],
    ]);
  });

  it('are the catalogue’s: a name matches only while the catalogue lists it', async () => {
    const csv = utf8('地区,指标,年份,数值,来源\n吕梁市,科技小巨人,2020,12,公报');
    const without = await parse(csv);
    expect(codes(without)).toEqual([['unknown_indicator', 2, 'B']]);
    const added = ctx.indicators.map((i) =>
      i.code === 'tech_sme_count' ? { ...i, aliases: [...(i.aliases ?? []), '科技小巨人'] } : i,
    );
    expect(values(await parse(csv, { indicators: added }))).toEqual([['tech_sme_count', 2020, 12]]);
    // And the parser itself no longer holds a list of its own: with no aliases, R&D经费 is unknown.
    const bare = ctx.indicators.map((i) => ({ ...i, aliases: [] }));
    const r = await parse(utf8('地区,指标,年份,数值,来源\n吕梁市,R&D经费,2020,15.3,公报'), { indicators: bare });
    expect(codes(r)).toEqual([['unknown_indicator', 2, 'B']]);
  });

  it('an alias may be added only when it is new and no other indicator’s name', () => {
    const list = ctx.indicators;
    expect(aliasProblem(list, 'high_tech_firms', '高新技术企业认定数')).toBeNull();
    expect(aliasProblem(list, 'high_tech_firms', '  ')).toEqual({ reason: 'empty' });
    expect(aliasProblem(list, 'high_tech_firms', 'x'.repeat(MAX_ALIAS_CHARS + 1))).toEqual({ reason: 'too_long', max: 100 });
    // Its own name (without the bracket), its code, an alias it has: nothing to add.
    expect(aliasProblem(list, 'high_tech_firms', '高新技术企业数')).toEqual({ reason: 'duplicate' });
    expect(aliasProblem(list, 'high_tech_firms', 'HIGH_TECH_FIRMS')).toEqual({ reason: 'duplicate' });
    expect(aliasProblem(list, 'high_tech_firms', '高 企')).toEqual({ reason: 'duplicate' });
    // Another indicator's name or alias: it would then mean two indicators.
    expect(aliasProblem(list, 'high_tech_firms', 'R&D经费')).toMatchObject({ reason: 'taken', by: { code: 'rd_expenditure' } });
    expect(aliasProblem(list, 'high_tech_firms', '专利申请量')).toMatchObject({
      reason: 'taken',
      by: { code: 'patent_applications' },
    });
  });
});

describe('an unknown name suggests the nearest catalogue entries', () => {
  it('by the overlap of character bigrams, worked out by hand', () => {
    // 高新企业: 高新 新企 企业 (3); 高新技术企业数: 高新 新技 技术 术企 企业 业数 (6); shared 高新, 企业: 2·2/9.
    expect(bigramSimilarity('高新企业', '高新技术企业数')).toBeCloseTo(4 / 9, 10);
    expect(bigramSimilarity('高企', '高企')).toBe(1);
    expect(bigramSimilarity('abc', 'xyz')).toBe(0);
    // One character is its own bigram; case and spaces do not count.
    expect(bigramSimilarity('R', 'r')).toBe(1);
    expect(bigramSimilarity('High Tech', 'hightech')).toBe(1);
  });

  it('names them in the message, best first, in both languages', async () => {
    const r = await parse(utf8('地区,指标,年份,数值,来源\n吕梁市,高新技术企业个数,2020,80,公报\n吕梁市,天气预报,2020,1,公报'));
    expect(codes(r)).toEqual([
      ['unknown_indicator', 2, 'B'],
      ['unknown_indicator', 3, 'B'],
    ]);
    expect(r.issues[0]?.message.zh).toBe(
      '第2行B列：找不到指标“高新技术企业个数”；最接近的是“高新技术企业数(年末)”（high_tech_firms）、“新认定(新增)高新技术企业数”（new_high_tech_firms）、“高新技术企业培育库新入库企业数”（high_tech_cultivation_pool_new）；请使用指标代码或标准名称，或请管理员把这个名称添加为指标的别名',
    );
    expect(r.issues[0]?.message.en).toContain(
      'the nearest are “High-tech enterprises (nationally certified), at year end” (high_tech_firms)',
    );
    // Nothing near: no suggestion, the plain message.
    expect(r.issues[1]?.message.zh).toBe('第3行B列：找不到指标“天气预报”，请使用指标代码或标准名称');
  });

  it('suggests from English names and codes as well', () => {
    const index = new IndicatorIndex(ctx.indicators);
    expect(index.nearest('hightech firm').map((i) => i.code)[0]).toBe('high_tech_firms');
    expect(index.nearest('patent aplications').map((i) => i.code)).toContain('patent_applications');
    expect(index.nearest('')).toEqual([]);
  });
});

describe('a wide file’s note', () => {
  it('belongs to the year it stands beside, not to every year of the row', async () => {
    const r = await parse(
      utf8(
        [
          '地区,指标,2017,2018,2019,2020,2021,2022,备注,来源',
          '吕梁市,高新技术企业数,40,45,50,62,70,84,2022年为初步核算数,公报',
        ].join('\n'),
      ),
    );
    expect(r.issues).toEqual([]);
    expect(r.figures.map((f) => [f.year, f.note])).toEqual([
      [2017, null],
      [2018, null],
      [2019, null],
      [2020, null],
      [2021, null],
      [2022, '2022年为初步核算数'],
    ]);
  });

  it('with a note column after each year, each year keeps its own', async () => {
    const r = await parse(utf8('地区,指标,2021,备注,2022,说明,来源\n吕梁市,高新技术企业数,70,快报数,84,,公报'));
    expect(r.figures.map((f) => [f.year, f.value, f.note])).toEqual([
      [2021, 70, '快报数'],
      [2022, 84, null],
    ]);
  });

  it('a note column before the years is the first year’s', async () => {
    const r = await parse(utf8('地区,指标,备注,2021,2022\n吕梁市,高新技术企业数,含新认定,70,84'));
    expect(r.figures.map((f) => [f.year, f.note])).toEqual([
      [2021, '含新认定'],
      [2022, null],
    ]);
  });

  it('a long file keeps its note on its row, as before', async () => {
    const r = await parse(utf8('地区,指标,年份,数值,备注\n吕梁市,高新技术企业数,2021,70,快报'));
    expect(r.figures[0]?.note).toBe('快报');
  });
});

describe('two columns that both look like the value column', () => {
  it('are an error naming both, never silently the first', async () => {
    const r = await parse(utf8('地区,指标,年份,数值,本年,来源\n吕梁市,高新技术企业数,2022,84,90,公报'));
    expect(r.fatal).toMatchObject({ code: 'ambiguous_column', row: 1, column: 'E', value: '本年' });
    expect(r.fatal?.message).toEqual({
      zh: '第1行：表头有两列都像是“数值”列：D列“数值”和E列“本年”，无法确定用哪一列；请删去其中一列或改用其他列名',
      en: 'Row 1: two columns of the header both look like the value column: D “数值” and E “本年”, so which one to read is unclear; remove one of them or rename it',
    });
    expect(r.figures).toEqual([]);
  });

  it('so are two year columns of a long file', async () => {
    const r = await parse(utf8('地区,指标,年份,年度,数值\n吕梁市,高新技术企业数,2022,2021,84'));
    expect(r.fatal).toMatchObject({ code: 'ambiguous_column' });
    expect(r.fatal?.message.zh).toContain('C列“年份”和D列“年度”');
  });

  it('a merged 数值 cell over the year columns (repeated by Excel) is still a wide header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['地区', '指标', '数值', null]);
    ws.addRow([null, null, 2021, 2022]);
    ws.mergeCells('C1:D1');
    ws.addRow(['吕梁市', '高新技术企业数', 70, 84]);
    const r = await parse(new Uint8Array(await wb.xlsx.writeBuffer()), {}, 'merged.xlsx');
    expect(r.fatal).toBeNull();
    expect(values(r)).toEqual([
      ['high_tech_firms', 2021, 70],
      ['high_tech_firms', 2022, 84],
    ]);
  });
});

describe('encodings that would read as mojibake', () => {
  const header = '地区,指标,年份,数值\n吕梁市,高新技术企业数,2020,80\n';

  it('Big5 (traditional Chinese) gets its own message, not 找不到表头', async () => {
    const bytes = new Uint8Array(iconv.encode('地區,指標,年份,數值\n呂梁市,高新技術企業數,2020,80\n', 'big5'));
    expect(legacyGuess(bytes)).toBe('big5');
    const r = await parse(bytes, {}, 'big5.csv');
    expect(r.fatal).toMatchObject({ code: 'encoding', row: 1 });
    expect(r.fatal?.message.zh).toContain('Big5（繁体中文）编码');
    expect(r.fatal?.message.en).toContain('Big5 (traditional Chinese)');
    expect(r.figures).toEqual([]);
  });

  it('a UTF-8 mark over a GBK body is refused, never read with replacement characters', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...iconv.encode(header, 'gbk')]);
    const r = await parse(bytes, {}, 'bom-gbk.csv');
    expect(r.fatal).toMatchObject({ code: 'encoding' });
    expect(r.fatal?.message.zh).toContain('开头标明是UTF-8编码，内容却是GBK编码');
    expect(r.fatal?.message.en).toContain('marked as UTF-8 at its start but its text is GBK');
  });

  it('Latin-1 (Windows-1252) is named, on the line where it first shows', async () => {
    const text =
      'Region code,Indicator code,Year,Value,Source\n141100,high_tech_firms,2020,80,Annuaire statistique de la Région\n';
    const bytes = new Uint8Array(iconv.encode(text, 'latin1'));
    expect(legacyGuess(bytes)).toBe('latin1');
    const r = await parse(bytes, {}, 'latin1.csv');
    expect(r.fatal).toMatchObject({ code: 'encoding', row: 2 });
    expect(r.fatal?.message.zh).toContain('Latin-1（西欧语言，Windows-1252）编码');
    expect(r.fatal?.message.en).toContain('Latin-1 (Western European, Windows-1252)');
  });

  it('GBK, with or without rare characters, is still read', async () => {
    expect(legacyGuess(new Uint8Array(iconv.encode(header, 'gbk')))).toBe('gbk');
    const r = await parse(new Uint8Array(iconv.encode(`${header}吕梁市,专利授权量,2020,5\n`, 'gbk')));
    expect(r).toMatchObject({ encoding: 'gb18030', fatal: null });
    expect(values(r)).toEqual([
      ['high_tech_firms', 2020, 80],
      ['patent_grants', 2020, 5],
    ]);
  });
});

describe('cells that are not what they look like', () => {
  it('an ISO date in a value column is an error, never the year 2022', async () => {
    const r = await parse(
      utf8(
        [
          '地区,指标,年份,数值,来源',
          '吕梁市,高新技术企业数,2022,2022-05-01,公报',
          '吕梁市,高新技术企业数,2021,2021/5/1,公报',
          '吕梁市,高新技术企业数,2020,2020年5月1日,公报',
          '吕梁市,高新技术企业数,2019,2019-05-01 00:00:00,公报',
          // A decimal that starts like a year is still a number.
          '吕梁市,R&D经费支出,2018,2018.05,公报',
        ].join('\n'),
      ),
    );
    expect(codes(r)).toEqual([
      ['bad_number', 2, 'D'],
      ['bad_number', 3, 'D'],
      ['bad_number', 4, 'D'],
      ['bad_number', 5, 'D'],
    ]);
    expect(r.issues[0]?.message).toEqual({
      zh: '第2行D列：“2022-05-01”是日期，不是数字；请填写数字（在Excel中把单元格格式改为“常规”或“数值”）',
      en: 'Row 2, column D: “2022-05-01” is a date, not a number; write the figure as a number (in Excel, format the cell as General or Number)',
    });
    expect(values(r)).toEqual([['rd_expenditure', 2018, 2018.05]]);
  });

  it('a header-only file says it has no rows', async () => {
    const r = await parse(utf8('地区,指标,年份,数值,来源\n\n'));
    expect(r.fatal).toMatchObject({ code: 'no_rows' });
    expect(r.fatal?.message).toEqual({
      zh: '文件只有表头（第1行），下面没有数据行；请在表头下填写数据后再上传',
      en: 'The file has a header (row 1) but no rows of figures below it; fill in the figures under the header and upload again',
    });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据').addRows([['吕梁市科技统计'], ['地区', '指标', '年份', '数值']]);
    const x = await parse(new Uint8Array(await wb.xlsx.writeBuffer()), {}, 'template.xlsx');
    expect(x.fatal).toMatchObject({ code: 'no_rows' });
    expect(x.fatal?.message.zh).toContain('（第2行）');
  });

  it('a blank template sheet gives way to the filled sheet after it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('模板').addRows([['地区', '指标', '年份', '数值']]);
    wb.addWorksheet('2022年').addRows([
      ['地区', '指标', '年份', '数值'],
      ['吕梁市', '高新技术企业数', 2022, 84],
    ]);
    const r = await parse(new Uint8Array(await wb.xlsx.writeBuffer()), {}, 'two-sheets.xlsx');
    expect(r).toMatchObject({ fatal: null, sheet: '2022年' });
    expect(values(r)).toEqual([['high_tech_firms', 2022, 84]]);
  });
});

describe('text cells are length-limited', () => {
  it(`a source title at most ${MAX_SOURCE_CHARS} characters (the forms’ limit), a note or link ${MAX_TEXT_CELL_CHARS}`, async () => {
    const r = await parse(
      utf8(
        [
          '地区,指标,年份,数值,来源,来源链接,备注',
          `吕梁市,高新技术企业数,2020,80,${'s'.repeat(MAX_SOURCE_CHARS)},https://e.org/${'a'.repeat(1900)},${'n'.repeat(MAX_TEXT_CELL_CHARS)}`,
          `吕梁市,高新技术企业数,2021,84,${'s'.repeat(MAX_SOURCE_CHARS + 1)},,`,
          `吕梁市,高新技术企业数,2022,90,公报,https://e.org/${'a'.repeat(MAX_TEXT_CELL_CHARS)},`,
        ].join('\n'),
      ),
    );
    expect(codes(r)).toEqual([
      ['cell_too_long', 3, 'E'],
      ['cell_too_long', 4, 'F'],
    ]);
    expect(r.issues[0]?.message.zh).toContain('有 301 个字符，超过上限 300 个字符');
    expect(values(r)).toEqual([['high_tech_firms', 2020, 80]]);
  });

  it('each year’s note column of a wide file, and a link hidden behind a cell', async () => {
    const wide = await parse(
      utf8(`地区,指标,2021,备注,2022,备注\n吕梁市,高新技术企业数,70,短,84,${'n'.repeat(MAX_TEXT_CELL_CHARS + 1)}`),
    );
    expect(codes(wide)).toEqual([['cell_too_long', 2, 'F']]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['地区', '指标', '年份', '数值', '来源']);
    ws.addRow([
      '吕梁市',
      '高新技术企业数',
      2020,
      80,
      { text: '公报', hyperlink: `https://e.org/${'a'.repeat(MAX_TEXT_CELL_CHARS)}` },
    ]);
    ws.addRow(['吕梁市', '高新技术企业数', 2021, 84, { text: '公报', hyperlink: 'https://e.org/2021' }]);
    const x = await parse(new Uint8Array(await wb.xlsx.writeBuffer()), {}, 'links.xlsx');
    expect(codes(x)).toEqual([['cell_too_long', 2, 'E']]);
    expect(x.issues[0]?.message.en).toContain("the cell's link is");
    expect(x.figures.map((f) => [f.year, f.sourceUrl])).toEqual([[2021, 'https://e.org/2021']]);
  });
});

describe('the source column', () => {
  it('the parser says whether the file has one', async () => {
    expect((await parse(utf8('地区,指标,年份,数值\n吕梁市,高新技术企业数,2020,80'))).hasSourceColumn).toBe(false);
    expect((await parse(utf8('地区,指标,年份,数值,数据来源\n吕梁市,高新技术企业数,2020,80,'))).hasSourceColumn).toBe(true);
    expect(indicator('high_tech_firms').aliases).toContain('高企');
  });
});
