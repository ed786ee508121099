import {
  findHeader,
  HEADER_SCAN,
  type HeaderCell,
  type HeaderContext,
  type HeaderSearch,
  ROLE_LABEL,
  type Role,
} from './headers.js';
import { countDataRows, type Env, interpret, type Table } from './interpret.js';
import { columnLetter, IssueSink, quote } from './issues.js';
import { IndicatorIndex, RegionIndex } from './lookup.js';
import { unitKey } from './numbers.js';
import { CsvSyntaxError, candidateDelimiters, decode, parseDelimited, sniff, type Undecodable } from './text.js';
import type { ImportContext, ImportIssue, ImportLimits, Message, ParseResult } from './types.js';
import { checkXlsxZip, loadWorkbook, type WorkbookSheet, type ZipCheck } from './xlsx.js';

// Bytes in, figures and issues out: the type by content, then the text or the workbook, the header,
// and the rows. Pure: no file system, no database, no clock.

export { IMPORT_ISSUE_CODES, type ImportIssueCode } from './issues.js';
export * from './types.js';

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxRows: 200_000,
  maxIssues: 200,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
});

type Loose<T> = { [K in keyof T]?: T[K] | undefined };

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10}`;

function fatalIssue(code: string, message: Message, row: number | null = null): ImportIssue {
  return {
    row,
    column: null,
    sheet: null,
    value: null,
    severity: 'error',
    code,
    message: row === null ? message : { zh: `第${row}行：${message.zh}`, en: `Row ${row}: ${message.en}` },
  };
}

function failed(fatal: ImportIssue, partial: Loose<ParseResult> = {}): ParseResult {
  return {
    fileType: partial.fileType ?? null,
    encoding: partial.encoding ?? null,
    sheet: partial.sheet ?? null,
    layout: partial.layout ?? null,
    hasSourceColumn: false,
    rowsRead: partial.rowsRead ?? 0,
    figures: [],
    issues: [fatal],
    issueCount: { errors: 1, warnings: 0 },
    fatal,
  };
}

const SAVE_AS: Message = {
  zh: '请在Excel中“另存为”Excel工作簿（.xlsx）或“CSV UTF-8(逗号分隔)”后再上传',
  en: 'in Excel, “Save As” an Excel Workbook (.xlsx) or “CSV UTF-8 (Comma delimited)” and upload that',
};

/**
 * Reads an uploaded file of yearly figures. Never throws: a whole-file problem is `fatal`, a row's
 * problem an issue. Figures are in the indicator's unit, not-published values null.
 */
export async function parseImportFile(
  bytes: Uint8Array,
  fileName: string,
  ctx: ImportContext,
  limits?: Partial<ImportLimits>,
): Promise<ParseResult> {
  const l: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...definedOnly(limits ?? {}) };
  try {
    return await parseChecked(bytes, fileName, ctx, l);
  } catch (e) {
    // A bug, not the user's file: say so plainly rather than answer 500.
    return failed(
      fatalIssue('internal_error', {
        zh: `读取文件时出现内部错误（${(e as Error)?.name ?? 'Error'}）；请把文件发给管理员`,
        en: `An internal error occurred while reading the file (${(e as Error)?.name ?? 'Error'}); please send the file to an administrator`,
      }),
    );
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))) as Partial<T>;
}

async function parseChecked(bytes: Uint8Array, fileName: string, ctx: ImportContext, l: ImportLimits): Promise<ParseResult> {
  const name = quote(fileName || 'file');
  if (bytes.length > l.maxBytes) {
    return failed(
      fatalIssue('file_too_large', {
        zh: `文件大小为 ${mb(bytes.length)} MB，超过上限 ${mb(l.maxBytes)} MB；请分成几个文件或删去无关的工作表后再上传`,
        en: `The file is ${mb(bytes.length)} MB, over the ${mb(l.maxBytes)} MB limit; split it or remove unrelated sheets and upload again`,
      }),
    );
  }
  const sniffed = sniff(bytes);
  switch (sniffed.kind) {
    case 'empty':
      return failed(fatalIssue('empty_file', { zh: `文件${name}是空的`, en: `The file ${name} is empty` }));
    case 'ole':
      return failed(
        fatalIssue('unsupported_type', {
          zh: `文件${name}是旧版Excel（.xls）、WPS表格（.et）或设了密码的工作簿，无法读取；${SAVE_AS.zh}（并取消密码）`,
          en: `The file ${name} is an old Excel 97–2003 (.xls) or WPS (.et) file, or a password-protected workbook, which cannot be read; ${SAVE_AS.en} (without a password)`,
        }),
      );
    case 'utf16':
      return failed(
        fatalIssue('encoding', {
          zh: `文件${name}是UTF-16编码（Excel的“Unicode文本”）；${SAVE_AS.zh}`,
          en: `The file ${name} is UTF-16 text (Excel's “Unicode Text”); ${SAVE_AS.en}`,
        }),
      );
    case 'binary': {
      const what = sniffed.what;
      return failed(
        fatalIssue('unsupported_type', {
          zh: `文件${name}不是Excel工作簿或CSV文本${what ? `（看起来是${what}文件）` : ''}；请上传 .xlsx、.csv 或制表符分隔的文本文件`,
          en: `The file ${name} is not an Excel workbook or CSV text${what ? ` (it looks like a ${what} file)` : ''}; upload an .xlsx, .csv or tab-separated text file`,
        }),
      );
    }
    case 'zip':
      return parseXlsx(bytes, name, ctx, l);
    case 'text':
      return parseText(bytes, name, ctx, l);
  }
}

function environment(ctx: ImportContext, l: ImportLimits): { env: Env; hc: HeaderContext; hasDefaultRegion: boolean } {
  const regions = new RegionIndex(ctx.regions);
  const indicators = new IndicatorIndex(ctx.indicators);
  const defaultRegion = ctx.regions.find((r) => r.code === ctx.defaultRegionCode) ?? null;
  const unitKeys = new Set<string>();
  for (const i of ctx.indicators) {
    unitKeys.add(unitKey(i.unit));
    unitKeys.add(unitKey(i.unitEn));
  }
  return {
    env: { regions, indicators, defaultRegion, sink: new IssueSink(l.maxIssues) },
    hc: { indicators, unitKeys },
    hasDefaultRegion: defaultRegion !== null,
  };
}

const words = (roles: Role[], lang: 'zh' | 'en') =>
  roles.map((r) => (lang === 'zh' ? `“${ROLE_LABEL[r].zh}”` : ROLE_LABEL[r].en)).join(lang === 'zh' ? '、' : ', ');

function headerFatal(search: Extract<HeaderSearch, { ok: false }>, table: Table | null): ImportIssue {
  const conflict = search.conflict;
  if (conflict) {
    const row = table?.rows[conflict.row]?.row ?? null;
    const [a, b] = conflict.cells;
    const label = ROLE_LABEL[conflict.role];
    const named = (c: HeaderCell) => `${columnLetter(c.col)}列${quote(c.text)}`;
    const namedEn = (c: HeaderCell) => `${columnLetter(c.col)} ${quote(c.text)}`;
    return {
      ...fatalIssue(
        'ambiguous_column',
        {
          zh: `表头有两列都像是“${label.zh}”列：${named(a)}和${named(b)}，无法确定用哪一列；请删去其中一列或改用其他列名`,
          en: `two columns of the header both look like the ${label.en} column: ${namedEn(a)} and ${namedEn(b)}, so which one to read is unclear; remove one of them or rename it`,
        },
        row,
      ),
      column: columnLetter(b.col),
      value: b.text,
    };
  }
  const p = search.partial;
  if (p) {
    const row = table?.rows[p.row]?.row ?? null;
    if (p.missing.includes('region')) {
      return fatalIssue(
        'missing_column',
        {
          zh: '表头没有“地区”或“地区代码”列；请加上地区列，或在上传时选择地区',
          en: 'the header has no “region” or “region code” column; add one, or choose the region when uploading',
        },
        row,
      );
    }
    return fatalIssue(
      'missing_column',
      {
        zh: `表头缺少${words(p.missing, 'zh')}列（已找到${words(p.found, 'zh')}）；宽表请用年份作列名，如“2019”或“2019年”`,
        en: `the header lacks the ${words(p.missing, 'en')} column (found: ${words(p.found, 'en')}); in a wide table, name the year columns “2019” or “2019年”`,
      },
      row,
    );
  }
  return fatalIssue('not_a_table', {
    zh: `前${HEADER_SCAN}行中没有找到表头（如“地区、指标、年份、数值”，或“指标”加上“2019”“2020”等年份列）；请使用下载的模板`,
    en: `No header found in the first ${HEADER_SCAN} rows (such as “region, indicator, year, value”, or “indicator” with year columns “2019”, “2020” …); please use the downloadable template`,
  });
}

function encodingMessage(reason: Undecodable, name: string): Message {
  switch (reason) {
    case 'big5':
      return {
        zh: `文件${name}是Big5（繁体中文）编码，按GBK读取会变成乱码；${SAVE_AS.zh}`,
        en: `The file ${name} is in Big5 (traditional Chinese), which would read as garbled text; ${SAVE_AS.en}`,
      };
    case 'latin1':
      return {
        zh: `文件${name}是Latin-1（西欧语言，Windows-1252）编码，中文和带重音的字母会变成乱码；${SAVE_AS.zh}`,
        en: `The file ${name} is in Latin-1 (Western European, Windows-1252), in which Chinese and accented letters would be garbled; ${SAVE_AS.en}`,
      };
    case 'bom_gbk':
      return {
        zh: `文件${name}开头标明是UTF-8编码，内容却是GBK编码（常见于先后用不同软件编辑过的文件），无法可靠读取；${SAVE_AS.zh}`,
        en: `The file ${name} is marked as UTF-8 at its start but its text is GBK (as happens when two programs have edited it), so it cannot be read reliably; ${SAVE_AS.en}`,
      };
    case 'unknown':
      return {
        zh: `文件${name}含有无法识别的字符：既不是UTF-8也不是GBK编码；${SAVE_AS.zh}`,
        en: `The file ${name} has characters that are neither UTF-8 nor GBK; ${SAVE_AS.en}`,
      };
  }
}

function finish(
  table: Table,
  search: Extract<HeaderSearch, { ok: true }>,
  env: Env,
  l: ImportLimits,
  meta: Pick<ParseResult, 'fileType' | 'encoding' | 'sheet'>,
): ParseResult {
  const { spec } = search;
  const base = { ...meta, layout: spec.layout };
  const dataRows = countDataRows(table, spec);
  if (dataRows === 0) {
    // A template sent back unfilled: say so, rather than preview nothing and offer to commit it.
    const headerRow = table.rows[spec.headerIndex]?.row ?? null;
    return failed(
      fatalIssue(
        'no_rows',
        {
          zh: `文件只有表头（第${headerRow ?? 1}行），下面没有数据行；请在表头下填写数据后再上传`,
          en: `The file has a header (row ${headerRow ?? 1}) but no rows of figures below it; fill in the figures under the header and upload again`,
        },
        null,
      ),
      base,
    );
  }
  if (dataRows > l.maxRows) return failed(tooManyRows(dataRows, l.maxRows), { ...base, rowsRead: dataRows });
  const { figures, rowsRead } = interpret(table, spec, env);
  const { sink } = env;
  return {
    ...base,
    hasSourceColumn: spec.cols.source !== undefined,
    rowsRead,
    figures,
    issues: sink.list(),
    issueCount: { errors: sink.errorCount, warnings: sink.warningCount },
    fatal: null,
  };
}

function tooManyRows(rows: number | null, max: number): ImportIssue {
  return fatalIssue('too_many_rows', {
    zh: `文件有${rows === null ? '超过' : ''} ${rows ?? max} 行数据，超过上限 ${max} 行；请分成几个文件上传`,
    en: `The file has ${rows === null ? 'more than ' : ''}${rows ?? max} data rows, over the limit of ${max}; split it into several files`,
  });
}

async function parseText(bytes: Uint8Array, name: string, ctx: ImportContext, l: ImportLimits): Promise<ParseResult> {
  const decoded = decode(bytes);
  if (!decoded.ok) return failed(fatalIssue('encoding', encodingMessage(decoded.reason, name), decoded.line));
  const { text, encoding } = decoded;
  const { env, hc, hasDefaultRegion } = environment(ctx, l);
  // The delimiter whose first lines make a header wins; else the first candidate.
  const head = text.split('\n', HEADER_SCAN + 2).join('\n');
  const candidates = candidateDelimiters(text);
  let delimiter = candidates[0] as string;
  for (const d of candidates) {
    try {
      if (findHeader(parseDelimited(head, d, HEADER_SCAN + 2).table.rows, hc, hasDefaultRegion).ok) {
        delimiter = d;
        break;
      }
    } catch {
      // An unclosed quote in the first lines: the full parse below reports it.
    }
  }
  const fileType = delimiter === '\t' ? 'tsv' : 'csv';
  const meta = { fileType, encoding, sheet: null } as const;
  // Blank lines are records too: room for some, and a stop long before a file of nothing but line breaks fills memory.
  const maxRecords = 2 * l.maxRows + HEADER_SCAN + 1;
  let parsed: ReturnType<typeof parseDelimited>;
  try {
    parsed = parseDelimited(text, delimiter, maxRecords);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return failed(
      fatalIssue(
        'bad_csv',
        e.reason === 'quote'
          ? {
              zh: '有一个英文双引号没有配对，文件从这里起无法读取；请检查这一行的引号',
              en: 'a double quote is never closed, so the file cannot be read from here on; check the quotes in this row',
            }
          : {
              zh: '这一行无法按CSV读取；请在Excel中另存为CSV',
              en: 'this row cannot be read as CSV; save the file as CSV from Excel',
            },
        e.line,
      ),
      meta,
    );
  }
  if (parsed.truncated) return failed(tooManyRows(null, l.maxRows), meta);
  const search = findHeader(parsed.table.rows, hc, hasDefaultRegion);
  if (!search.ok) return failed(headerFatal(search, parsed.table), meta);
  return finish(parsed.table, search, env, l, meta);
}

async function parseXlsx(bytes: Uint8Array, name: string, ctx: ImportContext, l: ImportLimits): Promise<ParseResult> {
  const meta = { fileType: 'xlsx', encoding: null, sheet: null } as const;
  const check = checkXlsxZip(bytes, l);
  if (!check.ok) {
    switch (check.code) {
      case 'zip_bomb':
        return failed(fatalIssue('zip_bomb', bombMessage(check, name, l)), meta);
      case 'xml_entities':
        return failed(
          fatalIssue('xml_entities', {
            zh: `工作簿中的 ${check.part} 含有XML实体或DOCTYPE声明，为安全起见拒绝读取；请在Excel中另存为新的 .xlsx`,
            en: `The part ${check.part} of the workbook declares XML entities or a DOCTYPE and is refused for safety; save it as a new .xlsx from Excel`,
          }),
          meta,
        );
      case 'unsupported_type':
        return failed(
          fatalIssue('unsupported_type', {
            zh: `文件${name}是ZIP压缩包${check.kind ? `（${check.kind}文件）` : ''}，不是Excel工作簿；请上传 .xlsx 或 .csv`,
            en: `The file ${name} is a ZIP archive${check.kind ? ` (a ${check.kind} file)` : ''}, not an Excel workbook; upload an .xlsx or .csv file`,
          }),
          { ...meta, fileType: null },
        );
      default:
        return failed(damaged(name), meta);
    }
  }
  for (const rows of check.worksheetRows.values()) {
    // The header may sit below a title: allow the rows the header search looks at.
    if (rows > l.maxRows + HEADER_SCAN) return failed(tooManyRows(rows, l.maxRows), meta);
  }
  let sheets: WorkbookSheet[];
  try {
    sheets = await loadWorkbook(bytes);
  } catch {
    return failed(damaged(name), meta);
  }
  const { env, hc, hasDefaultRegion } = environment(ctx, l);
  // Visible data sheets first; an instructions sheet (说明, Instructions) only if nothing else fits.
  const rank = (s: WorkbookSheet) => (isInstructions(s.name) ? 2 : s.hidden ? 1 : 0);
  const ordered = sheets.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i);
  let firstFailure: { search: Extract<HeaderSearch, { ok: false }>; table: Table } | null = null;
  // A sheet with a header and nothing under it (the template left blank beside the filled copy) gives
  // way to a later sheet with rows; said only when no sheet has any.
  let headerOnly: ParseResult | null = null;
  for (const { s } of ordered) {
    const table = s.table();
    const search = findHeader(table.rows, hc, hasDefaultRegion);
    if (search.ok) {
      const result = finish(table, search, env, l, { ...meta, sheet: s.name });
      if (result.fatal?.code !== 'no_rows') return result;
      headerOnly ??= result;
      continue;
    }
    if (firstFailure === null || failureRank(search) > failureRank(firstFailure.search)) firstFailure = { search, table };
  }
  if (headerOnly !== null) return headerOnly;
  if (firstFailure === null) {
    return failed(fatalIssue('not_a_table', { zh: `工作簿${name}没有工作表`, en: `The workbook ${name} has no sheets` }), meta);
  }
  const fatal = headerFatal(firstFailure.search, firstFailure.table);
  return failed({ ...fatal, sheet: firstFailure.table.sheet }, meta);
}

function bombMessage(check: Extract<ZipCheck, { code: 'zip_bomb' }>, name: string, l: ImportLimits): Message {
  const refuse = {
    zh: '为安全起见拒绝读取；请在Excel中另存为新的 .xlsx 或 CSV',
    en: 'it is refused for safety; save it from Excel as a new .xlsx or as CSV',
  };
  switch (check.reason) {
    case 'total':
      return {
        zh: `文件${name}解压后超过 ${mb(l.maxUncompressedBytes)} MB，${refuse.zh}`,
        en: `The file ${name} unpacks to more than ${mb(l.maxUncompressedBytes)} MB; ${refuse.en}`,
      };
    case 'ratio':
      return {
        zh: `文件${name}中的 ${check.part} 压缩比为 ${check.ratio}:1，超过上限 ${l.maxCompressionRatio}:1（疑为“压缩炸弹”），${refuse.zh}`,
        en: `The part ${check.part} of ${name} is compressed ${check.ratio}:1, over the limit of ${l.maxCompressionRatio}:1 (a likely zip bomb); ${refuse.en}`,
      };
    case 'lying':
      return {
        zh: `文件${name}中的 ${check.part} 解压后比它声明的大（疑为“压缩炸弹”），${refuse.zh}`,
        en: `The part ${check.part} of ${name} unpacks to more than it declares (a likely zip bomb); ${refuse.en}`,
      };
    case 'entries':
      return {
        zh: `文件${name}包含的部件过多，不像Excel工作簿，${refuse.zh}`,
        en: `The file ${name} holds far more parts than any workbook; ${refuse.en}`,
      };
  }
}

function damaged(name: string): ImportIssue {
  return fatalIssue('damaged_file', {
    zh: `无法读取Excel文件${name}（文件已损坏或不是标准的 .xlsx）；${SAVE_AS.zh}`,
    en: `The Excel file ${name} cannot be read (it is damaged or not a standard .xlsx); ${SAVE_AS.en}`,
  });
}

/** Which sheet's failure to report: a header with a column twice, else one lacking a column, else none found. */
function failureRank(search: Extract<HeaderSearch, { ok: false }>): number {
  return search.conflict ? 2 : search.partial ? 1 : 0;
}

const INSTRUCTIONS = /^(?:填表)?(?:说明|须知|指引|注释|帮助)|^(?:instructions?|readme|read me|help|notes?|about)$/i;

function isInstructions(sheetName: string): boolean {
  return INSTRUCTIONS.test(sheetName.trim());
}
