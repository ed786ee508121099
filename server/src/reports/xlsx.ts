import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../domain/formulaText.js';
import { SAMPLE_WORD, vintageLabel } from './labels.js';
import type { ReportModel } from './model.js';
import {
  type CellValue,
  decimalsOf,
  numberFormat,
  publishedDecimals,
  sheetName,
  summaryTable,
  targetSheetColumns,
} from './tables.js';

// The workbook for anyone who wants to recompute: a summary sheet, one sheet per target with figures,
// the sources, and a sheet saying what the workbook is. Numbers are stored unrounded; number formats
// only change how they are shown: to the decimals the target's figures are published with, so a
// count of firms shows as 12, not 12.00, and an R&D intensity as 0.71.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
const SAMPLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDF1D6' } };

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

/** The roll-up in one line: how many were judged, on which figures, and the mean score with its standing. */
function judgedFact(model: ReportModel): string {
  const s = model.summary;
  const mean = s.meanScore === null ? '—' : String(s.meanScore);
  if (model.lang === 'zh')
    return `共 ${s.targetCount} 项目标，已评估 ${s.scoredCount} 项（依据公布数据 ${s.judgedOnPublished} 项，依据示例数据 ${s.judgedOnSample} 项）；已评估目标平均得分 ${mean}${s.meanScoreIsHeadline ? '' : '（已评估不足半数，不作为总体结论）'}`;
  return `${s.targetCount} targets, ${s.scoredCount} judged (${s.judgedOnPublished} on published figures, ${s.judgedOnSample} on sample figures); mean score of the judged targets ${mean}${s.meanScoreIsHeadline ? '' : ' (fewer than half judged: not a verdict on the plan)'}`;
}

export async function renderReportXlsx(model: ReportModel): Promise<Buffer> {
  const zh = model.lang === 'zh';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jindu';
  workbook.title = `${model.plan.title}${model.scope ? ` — ${model.scope.regionName}` : ''} — ${zh ? '进展报告' : 'progress report'}`;
  const taken = new Set<string>();
  const frozen: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', ySplit: 1 }];

  const summary = summaryTable(model);
  const sheet = workbook.addWorksheet(sheetName(zh ? '汇总' : 'Summary', taken), { views: frozen });
  sheet.addRow(summary.header);
  summary.rows.forEach((cells, i) => {
    const row = sheet.addRow(cells);
    const t = model.targets[i];
    if (!t) return;
    const decimals = publishedDecimals(t);
    if (t.value !== null) row.getCell(7).numFmt = numberFormat(Math.max(decimalsOf(t.value), 0));
    // A pace in percent or points a year to two places; in the indicator's unit, one more than its figures.
    if (t.requiredPace)
      row.getCell(12).numFmt = numberFormat(t.requiredPace.unit === 'units_per_year' ? Math.min(decimals + 1, 4) : 2);
    row.getCell(14).numFmt = numberFormat(decimals);
  });
  // No width of exactly 9: exceljs drops a column at the default width, and the file would not say it.
  const summaryWidths = [6, 30, 34, 10, 60, 26, 11, 11, 10, 22, 11, 12, 14, 12, 12, 10, 11, 10, 28, 16, 36];
  summaryWidths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(11).numFmt = '0.00';
  styleHeader(sheet);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: summary.header.length } };

  model.detailed.forEach((t, i) => {
    const columns = targetSheetColumns(t, model.lang);
    const format = numberFormat(publishedDecimals(t));
    const ts = workbook.addWorksheet(sheetName(`${i + 1} ${t.indicatorName}`, taken), { views: frozen });
    ts.addRow(columns.map((c) => c.header));
    for (const r of t.rows) {
      const row = ts.addRow(columns.map((c) => c.value(r) as CellValue));
      if (r.isSample) row.getCell(4).fill = SAMPLE_FILL;
      if (r.sourceUrl) {
        const cell = row.getCell(6);
        cell.value = { text: r.sourceUrl, hyperlink: r.sourceUrl };
        cell.font = { color: { argb: 'FF1F5FBF' }, underline: true };
      }
    }
    columns.forEach((c, k) => {
      const col = ts.getColumn(k + 1);
      col.width = c.width;
      if (c.numeric) col.numFmt = format;
    });
    styleHeader(ts);
  });

  const sources = workbook.addWorksheet(sheetName(zh ? '数据来源' : 'Sources', taken), { views: frozen });
  sources.addRow(
    zh
      ? [
          '地区代码',
          '地区',
          '指标代码',
          '指标',
          '单位',
          '年份',
          '数值',
          '数据版本',
          '修订次数',
          SAMPLE_WORD.zh,
          '来源',
          '来源链接',
        ]
      : [
          'Region code',
          'Region',
          'Indicator code',
          'Indicator',
          'Unit',
          'Year',
          'Value',
          'Vintage',
          'Revisions',
          SAMPLE_WORD.en,
          'Source',
          'Source URL',
        ],
  );
  for (const s of model.sources)
    for (const f of s.figures)
      sources.addRow([
        s.regionCode,
        s.regionName,
        s.indicatorCode,
        s.indicatorName,
        s.unit,
        f.year,
        f.value,
        vintageLabel(f.vintage, model.lang),
        f.revisionCount - 1,
        zh ? (f.isSample ? '是' : '否') : f.isSample ? 'yes' : 'no',
        f.sourceTitle,
        f.sourceUrl,
      ]);
  [10, 12, 22, 34, 12, 8, 12, 12, 10, 10, 44, 50].forEach((width, i) => {
    sources.getColumn(i + 1).width = width;
  });
  styleHeader(sources);

  const about = workbook.addWorksheet(sheetName(zh ? '说明' : 'About', taken), { views: frozen });
  about.addRow(zh ? ['项目', '内容'] : ['Item', 'Value']);
  // A region's workbook says so: its summary lists only that region's targets.
  const scopeFacts = (label: string, text: (region: string, n: number, code: string) => string): [string, string][] =>
    model.scope ? [[label, text(model.scope.regionName, model.summary.targetCount, model.scope.regionCode)]] : [];
  const facts: [string, string | number | null][] = zh
    ? [
        ['计划', model.plan.titleZh],
        ['文号', model.plan.docNumber],
        ['地区', `${model.plan.regionName}（${model.plan.regionCode}）`],
        ...scopeFacts('报告范围', (r, n, code) => `本计划中${r}的 ${n} 项目标（${code}）`),
        ['数据截至', model.asOf],
        ['评估概况', judgedFact(model)],
        ['生成日期', model.generatedOn],
        [
          '说明',
          // Chinese readers get the facts without the API's paths and file names (the English note has them).
          '数值未经舍入，与系统网页及数据接口所示一致，单元格格式只影响显示的小数位数；“示例数据”为说明性数值，并非公开发布。评估方法见系统文档《进展评估方法》。',
        ],
      ]
    : [
        ['Plan', model.plan.titleEn],
        ['Plan (source title)', model.plan.titleZh],
        ['Document No.', model.plan.docNumber],
        ['Region', `${model.plan.regionName} (${model.plan.regionCode})`],
        ...scopeFacts('Scope', (r, n, code) => `the plan's ${n === 1 ? 'target' : `${n} targets`} for ${r} (${code})`),
        ['Figures as of', model.asOf],
        ['Judged', judgedFact(model)],
        ['Made on', model.generatedOn],
        [
          'Note',
          'Numbers are unrounded and equal those of /api/targets/:id/progress and /api/observations; “sample data” marks illustrative figures that were not published. The method is in docs/progress-method.md.',
        ],
      ];
  for (const row of facts) about.addRow(row);
  about.getColumn(1).width = 22;
  about.getColumn(2).width = 100;
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  styleHeader(about);

  neutralizeFormulas(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Text that starts like a formula (= + - @, a tab, a carriage return) gets an apostrophe in front,
 * as in the CSV: a plan title, a clause or a source title is someone's input, and a reader who
 * edits the cell, or saves the sheet as CSV, must not run it. Done last, over every cell of every
 * sheet, so a column added later is covered too; numbers are left alone.
 */
function neutralizeFormulas(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        const value = cell.value;
        if (typeof value === 'string') {
          const safe = neutralizeFormula(value);
          if (safe !== value) cell.value = safe;
        } else if (value && typeof value === 'object' && 'hyperlink' in value && typeof value.text === 'string') {
          const safe = neutralizeFormula(value.text);
          if (safe !== value.text) cell.value = { ...value, text: safe };
        }
      });
    });
  }
}
