import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../server/src/domain/import/index.js';
import type { ContextIndicator, ImportContext } from '../../server/src/domain/import/types.js';

// XLSX workbooks built with exceljs in the test, the way statisticians make them: an instructions
// sheet first, a title over merged header cells, formulas, dates, percentages formatted by Excel.

const ind = (
  code: string,
  nameZh: string,
  unit: string,
  kind: ContextIndicator['kind'],
  nameEn = code,
  unitEn = unit,
): ContextIndicator => ({
  code,
  nameZh,
  nameEn,
  unit,
  unitEn,
  kind,
});
const ctx: ImportContext = {
  regions: [
    { code: '141100', nameZh: '吕梁市', nameEn: 'Lüliang' },
    { code: '211100', nameZh: '盘锦市', nameEn: 'Panjin' },
  ],
  indicators: [
    ind('rd_expenditure', 'R&D经费支出', '亿元', 'money', 'R&D expenditure', '100 million yuan'),
    ind('rd_intensity', 'R&D经费投入强度(R&D经费占地区生产总值比重)', '%', 'share', 'R&D intensity'),
    ind('valid_invention_patents', '有效发明专利拥有量', '件', 'stock', 'Valid invention patents held', 'items'),
    ind('high_tech_firms', '高新技术企业数(年末)', '家', 'stock', 'High-tech enterprises', 'firms'),
    ind('national_innovative_city_status', '进入国家创新型城市行列', '是/否', 'stock'),
  ],
};

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a wide workbook with an instructions sheet, a title and merged headers', () => {
  const file = () =>
    xlsx((wb) => {
      wb.addWorksheet('说明').addRows([['填表说明'], ['每个指标一行,每年一列'], ['指标', '年份', '数值']]);
      const ws = wb.addWorksheet('吕梁市');
      ws.getCell('A1').value = '吕梁市主要科技指标(2019—2021年)';
      ws.mergeCells('A1:E1');
      ws.getCell('A2').value = '指标';
      ws.getCell('B2').value = '单位';
      ws.getCell('C2').value = '年份';
      ws.mergeCells('A2:A3');
      ws.mergeCells('B2:B3');
      ws.mergeCells('C2:E2');
      ws.getCell('C3').value = 2019;
      ws.getCell('D3').value = '2020年';
      ws.getCell('E3').value = new Date(Date.UTC(2021, 0, 1)); // a year typed as a date
      ws.addRow([
        { richText: [{ text: 'R&D' }, { text: '经费支出', font: { bold: true } }] },
        '万元',
        153000,
        { formula: 'C4*1.1', result: 168300 },
        180000,
      ]);
      ws.addRow(['R&D经费投入强度', '%', 0.0074, 0.0081, '—']);
      ws.getCell('C5').numFmt = '0.00%';
      ws.getCell('D5').numFmt = '0.00%';
      ws.addRow(['有效发明专利拥有量', '件', 'xx', null, '1,234']);
    });

  it('picks the data sheet, reads the two-row header and converts 万元 to 亿元', async () => {
    const r = await parseImportFile(await file(), 'lv.xlsx', { ...ctx, defaultRegionCode: '141100' });
    expect(r).toMatchObject({ fileType: 'xlsx', encoding: null, sheet: '吕梁市', layout: 'wide', rowsRead: 3, fatal: null });
    expect(r.issues).toEqual([]);
    expect(r.figures.map((f) => [f.row, f.column, f.indicatorCode, f.year, f.value, f.published])).toEqual([
      [4, 'C', 'rd_expenditure', 2019, 15.3, true],
      [4, 'D', 'rd_expenditure', 2020, 16.83, true],
      [4, 'E', 'rd_expenditure', 2021, 18, true],
      [5, 'C', 'rd_intensity', 2019, 0.74, true],
      [5, 'D', 'rd_intensity', 2020, 0.81, true],
      [5, 'E', 'rd_intensity', 2021, null, false],
      [6, 'C', 'valid_invention_patents', 2019, null, false],
      [6, 'E', 'valid_invention_patents', 2021, 1234, true],
    ]);
    expect(r.figures[1]).toMatchObject({
      sheet: '吕梁市',
      regionCode: '141100',
      rawValue: '168300',
      conversion: { fromUnit: '万元', toUnit: '亿元', factor: 0.0001 },
    });
    expect(r.figures[3]?.conversion).toBeNull();
  });
});

describe('a long workbook', () => {
  const file = () =>
    xlsx((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['Region', 'Indicator', 'Year', 'Value', 'Vintage', 'Source', 'Note']);
      ws.addRow([
        '吕梁市',
        'R&D经费支出',
        2019,
        { formula: 'B2*10000', result: 15.3 },
        '初步',
        { text: '统计公报', hyperlink: 'https://www.lvliang.gov.cn/bulletin' },
        null,
      ]);
      ws.addRow(['吕梁市', 'R&D经费支出', new Date(Date.UTC(2020, 11, 31)), 16.1, '最终核实', null, '日期格式的年份']);
      ws.addRow(['盘锦市', 'R&D经费支出', 2020, { formula: 'D2*2' }, null, null, null]);
      ws.addRow(['盘锦市', '高新技术企业数', 2020, { error: '#DIV/0!' }, null, null, null]);
      ws.addRow(['盘锦市', '进入国家创新型城市行列', 2020, true, null, null, null]);
      ws.addRow(['盘锦市', '有效发明专利拥有量', 2019.0, 2.5, null, null, null]);
      ws.getCell('D7').numFmt = '0.0%';
    });

  it('reads formulas as their saved results, dates as years, hyperlinks as sources', async () => {
    const r = await parseImportFile(await file(), 'long.xlsx', ctx);
    expect(r).toMatchObject({ sheet: 'Data', layout: 'long', rowsRead: 6 });
    expect(r.figures.map((f) => [f.row, f.regionCode, f.indicatorCode, f.year, f.value, f.vintage])).toEqual([
      [2, '141100', 'rd_expenditure', 2019, 15.3, 'preliminary'],
      [3, '141100', 'rd_expenditure', 2020, 16.1, 'final'],
      [6, '211100', 'national_innovative_city_status', 2020, 1, null],
    ]);
    expect(r.figures[0]).toMatchObject({
      sourceTitle: '统计公报',
      sourceUrl: 'https://www.lvliang.gov.cn/bulletin',
      rawValue: '15.3',
    });
    expect(r.figures[1]).toMatchObject({ note: '日期格式的年份' });
  });

  it('reports a formula without a saved result, an Excel error, and a percentage on a count', async () => {
    const r = await parseImportFile(await file(), 'long.xlsx', ctx);
    expect(r.issues.map((i) => [i.code, i.row, i.column, i.sheet, i.value])).toEqual([
      ['formula_without_value', 4, 'D', 'Data', '=D2*2'],
      ['bad_number', 5, 'D', 'Data', '#DIV/0!'],
      ['unit_mismatch', 7, 'D', 'Data', '2.5'],
    ]);
    expect(r.issues[0]?.message.zh).toBe(
      '第4行D列：公式“=D2*2”没有保存计算结果；请在Excel中打开并保存，或“选择性粘贴为数值”后再上传',
    );
  });
});

describe('choosing the sheet', () => {
  it('skips a cover sheet and a hidden sheet for the first visible sheet with a header', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('封面').addRows([['2020年科技统计报表'], ['填报单位:吕梁市科技局']]);
      const hidden = wb.addWorksheet('lookup', { state: 'hidden' });
      hidden.addRows([
        ['地区', '指标', '年份', '数值'],
        ['吕梁市', '高新技术企业数', 2020, 1],
      ]);
      wb.addWorksheet('报表').addRows([
        ['地区', '指标', '年份', '数值'],
        ['吕梁市', '高新技术企业数', 2020, 99],
      ]);
    });
    const r = await parseImportFile(bytes, 'x.xlsx', ctx);
    expect(r.sheet).toBe('报表');
    expect(r.figures.map((f) => f.value)).toEqual([99]);
  });

  it('reads an instructions-named sheet only when no other sheet has a header', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('Instructions').addRows([
        ['地区', '指标', '年份', '数值'],
        ['吕梁市', '高新技术企业数', 2020, 7],
      ]);
    });
    const r = await parseImportFile(bytes, 'x.xlsx', ctx);
    expect(r).toMatchObject({ sheet: 'Instructions', fatal: null });
  });

  it('says so when no sheet has a header', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('说明').addRows([['本表为示例']]);
      wb.addWorksheet('Sheet1').addRows([['今年高新技术企业增加了11家']]);
    });
    const r = await parseImportFile(bytes, 'x.xlsx', ctx);
    expect(r).toMatchObject({ fileType: 'xlsx', figures: [], fatal: { code: 'not_a_table' } });
  });

  it('refuses a sheet with more rows than the limit before exceljs reads it', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('数据');
      ws.addRow(['地区', '指标', '年份', '数值']);
      for (let i = 0; i < 100; i++) ws.addRow(['吕梁市', '高新技术企业数', 1950 + i, i]);
    });
    expect((await parseImportFile(bytes, 'x.xlsx', ctx, { maxRows: 50 })).fatal).toMatchObject({ code: 'too_many_rows' });
    expect((await parseImportFile(bytes, 'x.xlsx', ctx, { maxRows: 99 })).fatal).toMatchObject({ code: 'too_many_rows' });
    expect((await parseImportFile(bytes, 'x.xlsx', ctx, { maxRows: 100 })).figures).toHaveLength(100);
  });
});
