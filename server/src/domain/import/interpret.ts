import { type HeaderSpec, parseVintage, type Role } from './headers.js';
import { columnLetter, type IssueSink, makeIssue, quote, type Where } from './issues.js';
import type { IndicatorIndex, RegionIndex } from './lookup.js';
import { clean, MAX_CELL_CHARS, MAX_SOURCE_CHARS, MAX_TEXT_CELL_CHARS, stripTextMark } from './normalize.js';
import { type CellValue, cellText, convert, parseQuantity, unitKey, yesNo } from './numbers.js';
import type { ContextIndicator, ContextRegion, ImportIssue, Message, ParsedFigure, Vintage } from './types.js';

// From rows below the header to figures: each row resolved to region, indicator, year and value,
// each problem an issue naming the row, the column and the value found. Then the checks that need
// the whole file: the same figure twice, and a jump of more than 3× against the previous year.

export interface TableRow {
  /** 1-based, as the user sees it. */
  row: number;
  cells: (CellValue | undefined)[];
  /** CSV only: the number of fields the parser found (a ragged row has more than the header). */
  fields?: number;
}

export interface Table {
  sheet: string | null;
  rows: TableRow[];
}

export interface Env {
  regions: RegionIndex;
  indicators: IndicatorIndex;
  defaultRegion: ContextRegion | null;
  sink: IssueSink;
}

export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;

/** Columns kept as written rather than read as a name, a code or a figure, with the longest text each may hold. */
const FREE_TEXT: ReadonlyMap<Role, number> = new Map<Role, number>([
  ['source', MAX_SOURCE_CHARS],
  ['url', MAX_TEXT_CELL_CHARS],
  ['note', MAX_TEXT_CELL_CHARS],
]);

const FOOTNOTE = /^[*＊]?\s*(?:注|注释|附注|备注|说明|资料来源|数据来源|来源|notes?|sources?)\s*[:：\d]/i;

function nonEmpty(cells: (CellValue | undefined)[]): number {
  let n = 0;
  for (const c of cells) if (c !== undefined && cellText(c).trim() !== '') n++;
  return n;
}

/** A blank row, or a footnote under the table ("注:2019年为初步核算数"), is not data. */
export function isDataRow(r: TableRow): boolean {
  const n = nonEmpty(r.cells);
  if (n === 0) return false;
  if (n === 1) {
    const only = r.cells.find((c) => c !== undefined && cellText(c).trim() !== '');
    // A footnote is known by its first words: a cell of any length is cleaned only that far.
    if (only !== undefined && FOOTNOTE.test(clean(cellText(only).slice(0, MAX_CELL_CHARS)))) return false;
  }
  return true;
}

export function countDataRows(table: Table, spec: HeaderSpec): number {
  let n = 0;
  for (let i = spec.headerIndex + 1; i < table.rows.length; i++) if (isDataRow(table.rows[i] as TableRow)) n++;
  return n;
}

type YearRead = { ok: true; year: number } | { ok: false; empty: boolean };

/** 2019, "2019年", 2019.0, "2019-12-31", a date cell. */
export function readYear(cell: CellValue | undefined): YearRead {
  if (cell === undefined) return { ok: false, empty: true };
  let year: number | null = null;
  if (typeof cell !== 'string' && cell.date !== undefined) year = cell.date.getUTCFullYear();
  else if (typeof cell !== 'string' && cell.number !== undefined) year = Number.isInteger(cell.number) ? cell.number : null;
  else {
    const t = stripTextMark(clean(cellText(cell))).replace(/\s+/g, '');
    if (t === '') return { ok: false, empty: true };
    const m =
      /^(\d{4})(?:\.0+)?(?:年度|年)?$/.exec(t) ?? /^(\d{4})(?:[-/年]\d{1,2}(?:[-/月]\d{1,2}日?)?月?|\.\d{1,2}\.\d{1,2})$/.exec(t);
    if (m) year = Number(m[1]);
  }
  if (year === null || year < MIN_YEAR || year > MAX_YEAR) return { ok: false, empty: false };
  return { ok: true, year };
}

interface ValueRead {
  value: number | null;
  published: boolean;
  conversion: ParsedFigure['conversion'];
}

const BAD_NUMBER: Record<'text' | 'excel_error' | 'date', Message> = {
  text: {
    zh: '不是数字；请填写数字（如 1,234.5、2.6%、15.3亿元），未公布的填“—”',
    en: 'not a number; write a number (1,234.5, 2.6%, 15.3亿元), or “—” when not published',
  },
  excel_error: {
    zh: '单元格是Excel错误值；请改正公式或填写数字',
    en: 'the cell is an Excel error; fix the formula or type the number',
  },
  date: {
    zh: '是日期，不是数字；请填写数字（在Excel中把单元格格式改为“常规”或“数值”）',
    en: 'a date, not a number; write the figure as a number (in Excel, format the cell as General or Number)',
  },
};

export function interpret(table: Table, spec: HeaderSpec, env: Env): { figures: ParsedFigure[]; rowsRead: number } {
  const reader = new RowReader(table, spec, env);
  let rowsRead = 0;
  for (let i = spec.headerIndex + 1; i < table.rows.length; i++) {
    const r = table.rows[i] as TableRow;
    if (!isDataRow(r)) continue;
    rowsRead++;
    reader.read(r);
  }
  // A jump between years (of the file, or against the database) is a figure check of the preview
  // (../figureChecks.ts), which sees both and makes it a warning to acknowledge.
  return { figures: reader.figures, rowsRead };
}

class RowReader {
  readonly figures: ParsedFigure[] = [];
  private readonly seen = new Map<string, number>();
  private readonly headerFields: number | undefined;
  private readonly cols: HeaderSpec['cols'];
  private readonly sheet: string | null;
  // The row being read, and its errors (sorted by column before they reach the sink).
  private r: TableRow = { row: 0, cells: [] };
  private rowIssues: { col: number | null; build: () => ImportIssue }[] = [];
  private cleaned: (string | undefined)[] = [];
  /** The columns a row is read from, each with the longest cell it may hold. */
  private readonly capped: { col: number; max: number }[];

  constructor(
    table: Table,
    private readonly spec: HeaderSpec,
    private readonly env: Env,
  ) {
    this.headerFields = table.rows[spec.headerIndex]?.fields;
    this.cols = spec.cols;
    this.sheet = table.sheet;
    const capped = (Object.entries(spec.cols) as [Role, number][]).map(([role, col]) => ({
      col,
      max: FREE_TEXT.get(role) ?? MAX_CELL_CHARS,
    }));
    const valueColumns = spec.layout === 'long' ? [] : spec.yearColumns.length > 0 ? spec.yearColumns : spec.indicatorColumns;
    for (const { col } of valueColumns) capped.push({ col, max: MAX_CELL_CHARS });
    for (const y of spec.yearColumns) {
      if (y.note !== null && y.note !== spec.cols.note) capped.push({ col: y.note, max: MAX_TEXT_CELL_CHARS });
    }
    this.capped = capped;
  }

  private at(col: number | null): Where {
    return { row: this.r.row, column: col === null ? null : columnLetter(col), sheet: this.sheet };
  }

  private cell(col: number | undefined): CellValue | undefined {
    return col === undefined ? undefined : this.r.cells[col];
  }

  /** The cell's text, cleaned once per row (a cell is looked at several times). */
  private text(col: number | undefined): string {
    if (col === undefined) return '';
    let t = this.cleaned[col];
    if (t === undefined) {
      t = clean(cellText(this.r.cells[col]));
      this.cleaned[col] = t;
    }
    return t;
  }

  /** An error of the row; a costly message (suggestions) may come as a function, built only if listed. */
  private error(col: number | null, code: string, value: string | null, message: Message | (() => Message)): void {
    const where = this.at(col);
    this.rowIssues.push({
      col,
      build: () => makeIssue(where, 'error', code, value, typeof message === 'function' ? message() : message),
    });
  }

  /** The nearest catalogue entries to an unknown indicator name, once per name written. */
  private readonly nearestCache = new Map<string, ContextIndicator[]>();
  private nearest(name: string): ContextIndicator[] {
    let found = this.nearestCache.get(name);
    if (found === undefined) {
      found = this.env.indicators.nearest(name);
      this.nearestCache.set(name, found);
    }
    return found;
  }

  private filled(col: number): boolean {
    return this.text(col) !== '' || isFormulaWithoutValue(this.cell(col));
  }

  read(r: TableRow): void {
    this.r = r;
    this.rowIssues = [];
    this.cleaned = [];
    const { cols, spec } = this;
    const candidates: ParsedFigure[] = [];

    if (this.ragged() || this.tooLong()) {
      this.flush();
      return;
    }

    if (spec.layout === 'long') {
      const valueCol = cols.value as number;
      if (!this.filled(valueCol)) {
        const where = this.at(valueCol);
        this.env.sink.warning(r.row, valueCol, () =>
          makeIssue(where, 'warning', 'empty_value', '', {
            zh: '数值为空，本行未导入；未公布的数据请填“—”',
            en: 'the value is empty, so the row is skipped; write “—” for a figure that was not published',
          }),
        );
        return;
      }
      const region = this.region();
      const indicator = this.indicator();
      const year = this.year(cols.year as number);
      const vintage = this.vintage();
      const extra = this.extras();
      if (indicator !== null) {
        const unit = this.text(cols.unit) || indicator.unit || spec.valueUnit || spec.tableUnit;
        this.take(candidates, valueCol, region, indicator.item, year, unit, vintage, extra);
      }
    } else if (spec.yearColumns.length > 0) {
      const filled = spec.yearColumns.filter((y) => this.filled(y.col));
      // A heading, or an indicator with no figures yet: nothing to import, nothing wrong.
      if (filled.length === 0) return;
      const region = this.region();
      const indicator = this.indicator();
      const vintage = this.vintage();
      const extra = this.extras();
      if (indicator !== null) {
        for (const y of filled) {
          if (y.year < MIN_YEAR || y.year > MAX_YEAR) {
            this.yearError(y.col, false, String(y.year));
            continue;
          }
          const unit = this.text(cols.unit) || indicator.unit || y.unit || spec.tableUnit;
          // A note is the year's it stands beside, not every year's of the row.
          const note = y.note === null ? null : cellText(this.cell(y.note)).trim() || null;
          this.take(candidates, y.col, region, indicator.item, y.year, unit, vintage ?? y.vintage, { ...extra, note });
        }
      }
    } else {
      const filled = spec.indicatorColumns.filter((c) => this.filled(c.col));
      if (filled.length === 0) return;
      const region = this.region();
      const year = this.year(cols.year as number);
      const vintage = this.vintage();
      const extra = this.extras();
      for (const c of filled)
        this.take(candidates, c.col, region, c.indicator, year, c.unit || spec.tableUnit, vintage ?? c.vintage, extra);
    }

    if (this.rowIssues.length > 0) this.flush();
    else for (const f of candidates) this.figures.push(f);
  }

  private flush(): void {
    this.rowIssues.sort((a, b) => (a.col ?? -1) - (b.col ?? -1));
    for (const issue of this.rowIssues) this.env.sink.error(issue.build);
  }

  /**
   * Cells too long to read, each an error, before any pattern runs on the row: the patterns are
   * linear, but a row of megabyte cells is not a row of figures.
   */
  private tooLong(): boolean {
    let found = false;
    for (const { col, max } of this.capped) {
      const cell = this.r.cells[col];
      const text = cellText(cell);
      // A link behind a cell's text is kept as the source link: as bounded as one typed out.
      const link = typeof cell === 'object' ? cell.hyperlink : undefined;
      if (link !== undefined && link.length > MAX_TEXT_CELL_CHARS) {
        found = true;
        this.error(col, 'cell_too_long', text, {
          zh: `单元格的链接有 ${link.length} 个字符，超过上限 ${MAX_TEXT_CELL_CHARS} 个字符；请缩短后再上传`,
          en: `the cell's link is ${link.length} characters long, over the limit of ${MAX_TEXT_CELL_CHARS}; shorten it and upload again`,
        });
        continue;
      }
      if (text.length <= max) continue;
      found = true;
      // quote() shows the first 40 characters; no need to split the whole cell into them.
      const start = quote(text.slice(0, 100));
      this.error(col, 'cell_too_long', text, {
        zh: `${start}有 ${text.length} 个字符，超过上限 ${max} 个字符；请缩短后再上传`,
        en: `${start} is ${text.length} characters long, over the limit of ${max}; shorten it and upload again`,
      });
    }
    return found;
  }

  /** A row with more fields than the header: in CSV almost always an unquoted 1,234. */
  private ragged(): boolean {
    const { r, headerFields } = this;
    if (headerFields === undefined || r.fields === undefined || r.fields <= headerFields) return false;
    // Excel pads every record to the same length, so a longer one means a comma too many, even when
    // the shifted cells happen to leave the extra field empty.
    const filled = r.cells.findIndex((c, col) => col >= headerFields && c !== undefined && cellText(c).trim() !== '');
    const extra = filled >= 0 ? filled : headerFields;
    this.error(extra, 'ragged_row', cellText(r.cells[extra]), {
      zh: `这一行有${r.fields}个字段，表头只有${headerFields}列；数字里的逗号（如 1,234）请加英文双引号或去掉`,
      en: `this row has ${r.fields} fields but the header has ${headerFields}; quote numbers with a comma ("1,234") or remove the comma`,
    });
    return true;
  }

  private take(
    out: ParsedFigure[],
    col: number,
    region: ContextRegion | null,
    ind: ContextIndicator,
    year: number | null,
    unit: string | null,
    vintage: Vintage | null,
    extra: Pick<ParsedFigure, 'sourceTitle' | 'sourceUrl' | 'note'>,
  ): void {
    const c = this.cell(col);
    const raw = cellText(c);
    const read = this.value(c, raw, ind, unit, col);
    if (read === null || region === null || year === null) return;
    const key = `${region.code}|${ind.code}|${year}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.error(col, 'duplicate_row', raw, {
        zh: `${region.nameZh} ${ind.nameZh} ${year}年已在第${first}行出现过；同一地区、指标、年份只能有一个数值`,
        en: `${region.nameEn}, ${ind.nameEn}, ${year} already appears in row ${first}; give one figure per region, indicator and year`,
      });
      return;
    }
    this.seen.set(key, this.r.row);
    if (read === 'error') return;
    out.push({
      row: this.r.row,
      sheet: this.sheet,
      regionCode: region.code,
      indicatorCode: ind.code,
      year,
      value: read.value,
      published: read.published,
      rawValue: raw,
      column: columnLetter(col),
      vintage,
      // Named rather than spread: every figure of a large file the same fixed shape.
      sourceTitle: extra.sourceTitle,
      sourceUrl: extra.sourceUrl,
      note: extra.note,
      conversion: read.conversion,
    });
  }

  /** Source title, source link (a hyperlink on the source cell will do) and note. */
  private extras(): Pick<ParsedFigure, 'sourceTitle' | 'sourceUrl' | 'note'> {
    const { cols } = this;
    const sourceCell = this.cell(cols.source);
    const urlCell = this.cell(cols.url);
    let sourceTitle: string | null = cellText(sourceCell).trim() || null;
    let url = this.text(cols.url);
    if (typeof urlCell === 'object' && urlCell.hyperlink && /^https?:\/\//i.test(urlCell.hyperlink)) url = urlCell.hyperlink;
    if (url === '' && typeof sourceCell === 'object' && sourceCell.hyperlink) url = sourceCell.hyperlink;
    if (sourceTitle !== null && url === '' && /^https?:\/\/\S+$/i.test(sourceTitle)) {
      url = sourceTitle;
      sourceTitle = null;
    }
    let sourceUrl: string | null = url || null;
    // A host, then anything without spaces. [^\s/]\S* accepts what [^\s/]+\S* did, without
    // the two runs trading characters (quadratic on a long link with a space near its end).
    if (sourceUrl !== null && !/^https?:\/\/[^\s/]\S*$/i.test(sourceUrl)) {
      const col = cols.url ?? cols.source ?? null;
      const found = sourceUrl;
      const where = this.at(col);
      this.env.sink.warning(this.r.row, col ?? -1, () =>
        makeIssue(where, 'warning', 'bad_url', found, {
          zh: `来源链接${quote(found)}不是网址（应以 http:// 或 https:// 开头），已忽略`,
          en: `the source link ${quote(found)} is not a web address (http:// or https://); ignored`,
        }),
      );
      sourceUrl = null;
    }
    // Free text keeps its line breaks and full-width punctuation.
    return { sourceTitle, sourceUrl, note: cellText(this.cell(cols.note)).trim() || null };
  }

  private year(col: number): number | null {
    const read = readYear(this.cell(col));
    if (read.ok) return read.year;
    this.yearError(col, read.empty);
    return null;
  }

  private yearError(col: number, empty: boolean, value?: string): void {
    const found = value ?? cellText(this.cell(col));
    this.error(
      col,
      'bad_year',
      found,
      empty
        ? { zh: '年份为空；请填写年份，如 2019', en: 'the year is empty; write a year such as 2019' }
        : {
            zh: `年份${quote(found)}无法识别；请填写${MIN_YEAR}–${MAX_YEAR}之间的年份，如 2019 或 2019年`,
            en: `cannot read the year ${quote(found)}; write a year between ${MIN_YEAR} and ${MAX_YEAR}, such as 2019`,
          },
    );
  }

  private region(): ContextRegion | null {
    const { cols } = this;
    const { regions } = this.env;
    if (cols.regionCode === undefined && cols.region === undefined) return this.env.defaultRegion;
    const codeText = this.text(cols.regionCode);
    const nameText = this.text(cols.region);
    if (cols.regionCode !== undefined && codeText !== '') {
      const byCode = regions.find(codeText);
      if (!byCode.ok) return this.lookupError(cols.regionCode, 'unknown_region', codeText, byCode.reason, 'region');
      if (cols.region !== undefined && nameText !== '') {
        const byName = regions.find(nameText);
        if (byName.ok && byName.item.code !== byCode.item.code) {
          this.error(cols.region, 'region_mismatch', nameText, {
            zh: `地区名称${quote(nameText)}与地区代码 ${byCode.item.code}（${byCode.item.nameZh}）不一致；请改正其中一个`,
            en: `the region name ${quote(nameText)} does not match the region code ${byCode.item.code} (${byCode.item.nameEn}); correct one of them`,
          });
          return null;
        }
      }
      return byCode.item;
    }
    const col = cols.region ?? (cols.regionCode as number);
    const byName = regions.find(nameText);
    if (!byName.ok) return this.lookupError(col, 'unknown_region', nameText, byName.reason, 'region');
    return byName.item;
  }

  private indicator(): { item: ContextIndicator; unit: string | null } | null {
    const { cols } = this;
    const { indicators } = this.env;
    const codeText = this.text(cols.indicatorCode);
    const nameText = this.text(cols.indicator);
    if (cols.indicatorCode !== undefined && codeText !== '') {
      const byCode = indicators.find(codeText);
      if (!byCode.ok) return this.lookupError(cols.indicatorCode, 'unknown_indicator', codeText, byCode.reason, 'indicator');
      let unit = byCode.unit ?? null;
      if (cols.indicator !== undefined && nameText !== '') {
        const byName = indicators.find(nameText);
        if (byName.ok && byName.item.code !== byCode.item.code) {
          this.error(cols.indicator, 'indicator_mismatch', nameText, {
            zh: `指标名称${quote(nameText)}与指标代码 ${byCode.item.code}（${byCode.item.nameZh}）不一致；请改正其中一个`,
            en: `the indicator name ${quote(nameText)} does not match the indicator code ${byCode.item.code} (${byCode.item.nameEn}); correct one of them`,
          });
          return null;
        }
        if (byName.ok && unit === null) unit = byName.unit ?? null;
      }
      return { item: byCode.item, unit };
    }
    const col = cols.indicator ?? (cols.indicatorCode as number);
    const byName = indicators.find(nameText);
    if (!byName.ok) return this.lookupError(col, 'unknown_indicator', nameText, byName.reason, 'indicator');
    return { item: byName.item, unit: byName.unit ?? null };
  }

  private lookupError(
    col: number,
    code: string,
    found: string,
    reason: 'empty' | 'unknown' | 'ambiguous',
    what: 'region' | 'indicator',
  ): null {
    if (what === 'indicator' && reason === 'unknown') {
      // Built only for the issues listed: the suggestions compare the name with the whole catalogue.
      this.error(col, code, found, () => unknownIndicator(found, this.nearest(found)));
      return null;
    }
    const message: Message =
      what === 'region'
        ? reason === 'empty'
          ? {
              zh: '地区为空；请填写地区名称或行政区划代码',
              en: 'the region is empty; write the region name or its GB/T 2260 code',
            }
          : reason === 'ambiguous'
            ? {
                zh: `地区${quote(found)}可指多个地区；请使用行政区划代码`,
                en: `the region ${quote(found)} matches several regions; use its GB/T 2260 code`,
              }
            : {
                zh: `找不到地区${quote(found)}，请使用行政区划代码（如 141100）或标准名称（如 吕梁市）`,
                en: `unknown region ${quote(found)}; use its GB/T 2260 code (e.g. 141100) or its standard name (e.g. 吕梁市)`,
              }
        : reason === 'empty'
          ? {
              zh: '指标为空；请填写指标代码或标准名称',
              en: 'the indicator is empty; write the indicator code or its standard name',
            }
          : {
              zh: `指标${quote(found)}可指多个指标；请使用指标代码`,
              en: `the indicator ${quote(found)} matches several indicators; use the indicator code`,
            };
    this.error(col, code, found, message);
    return null;
  }

  private vintage(): Vintage | null {
    const t = this.text(this.cols.vintage);
    if (t === '') return null;
    const v = parseVintage(t);
    if (v !== undefined) return v;
    this.error(this.cols.vintage as number, 'bad_vintage', t, {
      zh: `口径${quote(t)}无法识别；请填写 初步核算、最终核实 或 修订，或留空`,
      en: `unknown vintage ${quote(t)}; write preliminary, final or revised (初步核算 / 最终核实 / 修订), or leave it empty`,
    });
    return null;
  }

  /** The figure in the indicator's unit; null for an empty cell; 'error' once the error is recorded. */
  private value(
    c: CellValue | undefined,
    raw: string,
    ind: ContextIndicator,
    unit: string | null,
    col: number,
  ): ValueRead | 'error' | null {
    if (unitKey(ind.unit) === '是/否') {
      const yes = typeof c === 'object' && c.boolean !== undefined ? (c.boolean ? 1 : 0) : yesNo(raw);
      if (yes !== null) return { value: yes, published: true, conversion: null };
    }
    const q = parseQuantity(c);
    if (q.kind === 'empty') return null;
    if (q.kind === 'masked') return { value: null, published: false, conversion: null };
    if (q.kind === 'bad') {
      if (q.reason === 'formula') {
        const formula = typeof c === 'object' && c.formula ? `=${c.formula}` : '';
        this.error(col, 'formula_without_value', formula, {
          zh: `公式${formula ? quote(formula) : ''}没有保存计算结果；请在Excel中打开并保存，或“选择性粘贴为数值”后再上传`,
          en: `the formula ${formula} has no saved result; open and save the file in Excel, or paste the values, and upload again`,
        });
      } else {
        const message = BAD_NUMBER[q.reason];
        this.error(col, 'bad_number', raw, { zh: `${quote(raw)}${message.zh}`, en: `${quote(raw)} is ${message.en}` });
      }
      return 'error';
    }
    const converted = convert(q, q.unit ?? unit, ind);
    if (!converted.ok) {
      if (converted.reason === 'not_finite') {
        this.error(col, 'bad_number', raw, { zh: `${quote(raw)}超出数值范围`, en: `${quote(raw)} is out of range` });
      } else if (converted.reason === 'percent_on_non_share') {
        this.error(col, 'unit_mismatch', raw, {
          zh: `${quote(raw)}是百分数，但指标“${ind.nameZh}”以${ind.unit}计，不是比例；请填写以${ind.unit}计的数值`,
          en: `${quote(raw)} is a percentage, but “${ind.nameEn}” is counted in ${ind.unitEn}, not a share; write the figure in ${ind.unitEn}`,
        });
      } else {
        this.error(col, 'unit_mismatch', raw, {
          zh: `单位“${converted.unit}”与指标“${ind.nameZh}”的单位${ind.unit}不相符；请改用${ind.unit}或可换算的单位`,
          en: `the unit “${converted.unit}” does not fit “${ind.nameEn}”, measured in ${ind.unitEn} (${ind.unit}); use that unit or one that converts to it`,
        });
      }
      return 'error';
    }
    if (unitKey(ind.unit) === '是/否' && converted.value !== 0 && converted.value !== 1) {
      this.error(col, 'bad_number', raw, {
        zh: `${quote(raw)}不是“是/否”；请填写 是、否，或 1、0`,
        en: `${quote(raw)} is not yes or no; write 是 / 否, or 1 / 0`,
      });
      return 'error';
    }
    if ((ind.kind === 'share' || unitKey(ind.unit) === '%') && (converted.value < 0 || converted.value > 100)) {
      this.error(col, 'share_out_of_range', raw, {
        zh: `比例${quote(raw)}不在0–100%之间；请填写百分数，如 2.6 或 2.6%`,
        en: `the share ${quote(raw)} is not between 0 and 100%; write a percentage such as 2.6 or 2.6%`,
      });
      return 'error';
    }
    return { value: converted.value, published: true, conversion: converted.conversion };
  }
}

/** "找不到指标…", with the nearest catalogue entries when some are near enough. */
export function unknownIndicator(found: string, nearest: readonly ContextIndicator[]): Message {
  if (nearest.length === 0) {
    return {
      zh: `找不到指标${quote(found)}，请使用指标代码或标准名称`,
      en: `unknown indicator ${quote(found)}; use the indicator code or its standard name`,
    };
  }
  const zh = nearest.map((i) => `“${i.nameZh}”（${i.code}）`).join('、');
  const en = nearest.map((i) => `“${i.nameEn}” (${i.code})`).join(', ');
  return {
    zh: `找不到指标${quote(found)}；最接近的是${zh}；请使用指标代码或标准名称，或请管理员把这个名称添加为指标的别名`,
    en: `unknown indicator ${quote(found)}; the nearest are ${en}; use the indicator code or its standard name, or ask an administrator to add this name as an alias`,
  };
}

function isFormulaWithoutValue(c: CellValue | undefined): boolean {
  return typeof c === 'object' && c.formulaWithoutValue === true;
}
