import iconv from 'iconv-lite';
import { toCsv } from '../domain/csv.js';
import type { ReportModel } from './model.js';
import { longTable } from './tables.js';

export type CsvEncoding = 'utf-8' | 'gb18030';

/**
 * The per-target figures in long form. UTF-8 with a BOM opens correctly in Chinese Excel; GB18030 is
 * for older Excel and tools. toCsv makes text cells that start with = + - @ safe.
 */
export function renderReportCsv(model: ReportModel, encoding: CsvEncoding = 'utf-8'): Buffer {
  const { header, rows } = longTable(model);
  const text = toCsv([header, ...rows]);
  return encoding === 'gb18030'
    ? iconv.encode(text, 'gb18030')
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
