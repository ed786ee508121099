import type { IndicatorIndex } from './lookup.js';
import { clean, MAX_CELL_CHARS, matchKey, splitBrackets } from './normalize.js';
import { type CellValue, cellText, isKnownUnit } from './numbers.js';
import type { ContextIndicator, Vintage } from './types.js';

// Finding the header: the first row (of the first HEADER_SCAN) whose cells name the columns of a
// long table (indicator, year, value) or a wide one (indicator, then one column per year; or year,
// then one column per indicator). A merged "年份" cell over a row of years makes a two-row header.

export type Role =
  | 'region'
  | 'regionCode'
  | 'indicator'
  | 'indicatorCode'
  | 'year'
  | 'value'
  | 'unit'
  | 'vintage'
  | 'source'
  | 'url'
  | 'note';

export const HEADER_SCAN = 30;

/** Header words per column, compared after NFKC, lower case and without spaces or brackets. */
export const ROLE_SYNONYMS: Record<Role, string[]> = {
  region: [
    '地区',
    '区域',
    '行政区划',
    '行政区',
    '地区名称',
    '区域名称',
    '行政区划名称',
    '地市',
    '城市',
    '市县',
    'region',
    'regionname',
    'area',
    'city',
  ],
  regionCode: [
    '地区代码',
    '区域代码',
    '行政区划代码',
    '区划代码',
    '地区编码',
    '区域编码',
    '行政区划编码',
    '区划编码',
    'regioncode',
    'region_code',
    'divisioncode',
    'adcode',
  ],
  indicator: ['指标', '指标名称', '指标项', '项目', '统计指标', '指标名', 'indicator', 'indicatorname', 'item'],
  indicatorCode: ['指标代码', '指标编码', '指标编号', 'indicatorcode', 'indicator_code'],
  year: ['年份', '年度', '年', '统计年度', '时间', 'year'],
  value: ['数值', '数据', '值', '指标值', '数量', '统计值', '完成值', '实际值', '本年', 'value', 'amount', 'figure'],
  unit: ['单位', '计量单位', 'unit', 'units'],
  vintage: ['口径', '数据状态', '数据口径', '核算状态', '版本', 'vintage', 'status'],
  source: ['来源', '数据来源', '资料来源', '出处', 'source', 'sourcetitle'],
  url: ['来源链接', '网址', '链接', '来源网址', '数据来源链接', 'url', 'link', 'sourceurl', 'sourcelink'],
  note: ['备注', '说明', '注', '附注', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments'],
};

const ROLE_BY_KEY = new Map<string, Role>();
for (const [role, words] of Object.entries(ROLE_SYNONYMS) as [Role, string[]][]) {
  for (const w of words) ROLE_BY_KEY.set(matchKey(w), role);
}

export const ROLE_LABEL: Record<Role, { zh: string; en: string }> = {
  region: { zh: '地区', en: 'region' },
  regionCode: { zh: '地区代码', en: 'region code' },
  indicator: { zh: '指标', en: 'indicator' },
  indicatorCode: { zh: '指标代码', en: 'indicator code' },
  year: { zh: '年份', en: 'year' },
  value: { zh: '数值', en: 'value' },
  unit: { zh: '单位', en: 'unit' },
  vintage: { zh: '口径', en: 'vintage' },
  source: { zh: '来源', en: 'source' },
  url: { zh: '来源链接', en: 'source URL' },
  note: { zh: '备注', en: 'note' },
};

const VINTAGE_WORDS: [Vintage, string[]][] = [
  ['preliminary', ['初步核算', '初步', '初步核算数', '初步数', '初核', '快报', '快报数', 'preliminary', 'prelim', 'provisional']],
  ['final', ['最终核实', '最终', '最终核实数', '最终数', '核实', '核实数', '正式', '正式数', '终核', 'final']],
  ['revised', ['修订', '修订数', '修订后', '修正', '修正数', 'revised', 'revision']],
];
const VINTAGE_BY_KEY = new Map<string, Vintage>();
for (const [v, words] of VINTAGE_WORDS) for (const w of words) VINTAGE_BY_KEY.set(matchKey(w), v);

/** A vintage word (初步核算, 最终核实, 修订, preliminary …), or undefined if the text is none of them. */
export function parseVintage(text: string): Vintage | undefined {
  return VINTAGE_BY_KEY.get(matchKey(text));
}

const YEAR_TEXT = /^(\d{4})\s*(?:年度|年)?$/;

// "数值 单位:万元", "value, unit: 10,000 yuan": a unit written after the column's name. This was
//   /^(.*?)[\s,;/]*(?:计量)?单位[:：]\s*(.+)$|^(.*?)[\s,;/]*units?:\s*(.+)$/i
// where the name, the separators and the spaces before the unit overlap, so a header of 20,000
// commas took seconds. The same split, found in linear time: the first "单位:" (or, when there is
// none, the first "unit:" / "units:") with something after it; the name is what comes before it,
// less the separators and a "计量" in front. Header text is cleaned, so it holds no line breaks.
const UNIT_WORD_ZH = /单位[:：]./;
const UNIT_WORD_EN = /units?:./i;
const SEPARATOR = /[\s,;/]/;

/** The column's name and the unit written after it, or null when the header names no unit. */
export function splitUnitSuffix(text: string): { name: string; unit: string } | null {
  let at = text.search(UNIT_WORD_ZH);
  let start = at;
  let after = at + 3;
  if (at >= 0) {
    if (at >= 2 && text.slice(at - 2, at) === '计量') start = at - 2;
  } else {
    const en = UNIT_WORD_EN.exec(text);
    if (!en) return null;
    at = en.index;
    start = at;
    after = at + en[0].length - 1;
  }
  while (start > 0 && SEPARATOR.test(text[start - 1] as string)) start--;
  return { name: text.slice(0, start), unit: text.slice(after) };
}

export interface HeaderCell {
  col: number;
  text: string;
  role: Role | null;
  year: number | null;
  indicator: ContextIndicator | null;
  unit: string | null;
  vintage: Vintage | null;
}

export interface HeaderContext {
  indicators: IndicatorIndex;
  /** Unit keys of the indicators, so "(万台架)" reads as a unit. */
  unitKeys: ReadonlySet<string>;
}

/** A year written as a header or a year cell: 2019, "2019年", "2019年度", 2019.0, a date. */
export function headerYear(cell: CellValue | undefined): number | null {
  if (cell === undefined) return null;
  if (typeof cell !== 'string') {
    if (cell.date !== undefined) return cell.date.getUTCFullYear();
    if (cell.number !== undefined)
      return Number.isInteger(cell.number) && cell.number >= 1000 && cell.number <= 2999 ? cell.number : null;
  }
  const m = YEAR_TEXT.exec(splitBrackets(clean(cellText(cell))).base);
  return m ? Number(m[1]) : null;
}

export function classifyHeader(cell: CellValue | undefined, col: number, hc: HeaderContext): HeaderCell | null {
  const raw = cellText(cell);
  // Too long to name a column (a title, a pasted paragraph): a cell that is there, read as nothing.
  if (raw.length > MAX_CELL_CHARS) return { col, text: raw, role: null, year: null, indicator: null, unit: null, vintage: null };
  const text = clean(raw);
  if (text === '') return null;
  const out: HeaderCell = { col, text, role: null, year: null, indicator: null, unit: null, vintage: null };
  const split = splitBrackets(text);
  let rawBase = split.base;
  const suffix = splitUnitSuffix(rawBase);
  if (suffix) {
    out.unit = suffix.unit.trim() || null;
    rawBase = suffix.name.trim();
  }
  for (const part of split.parts) {
    const vintage = parseVintage(part);
    if (vintage) out.vintage = vintage;
    else if (out.unit === null && isKnownUnit(part, hc.unitKeys)) out.unit = part.replace(/^(?:计量)?单位[:：]\s*/, '');
  }
  // "*地区", "数值：": marks off both ends. The trailing run is matched only from its first character
  // (the lookbehind), so a header of many spaces and then text is not tried from every space.
  const base = rawBase.replace(/^[*＊\s]+/, '').replace(/(?<![*＊:：\s])[*＊:：\s]+$/, '');
  if (base === '') return out;
  out.role = ROLE_BY_KEY.get(matchKey(base)) ?? null;
  if (out.role !== null) return out;
  out.year = headerYear(cell) ?? headerYear(base);
  if (out.year !== null) return out;
  const found = hc.indicators.find(base);
  if (found.ok) out.indicator = found.item;
  return out;
}

export interface YearColumn {
  col: number;
  year: number;
  unit: string | null;
  vintage: Vintage | null;
  /** The note column beside this year (wide files): its note is this year's, not every year's. */
  note: number | null;
}

export interface IndicatorColumn {
  col: number;
  indicator: ContextIndicator;
  unit: string | null;
  vintage: Vintage | null;
}

export interface HeaderSpec {
  /** Index (into the table's rows) of the last header row; data follows. */
  headerIndex: number;
  layout: 'long' | 'wide';
  cols: Partial<Record<Role, number>>;
  /** The unit in the value column's header ("数值(万元)"). */
  valueUnit: string | null;
  yearColumns: YearColumn[];
  indicatorColumns: IndicatorColumn[];
  /** A "单位:万元" line above the table, or in the header row outside any column. */
  tableUnit: string | null;
}

/** Two header cells that both name a column the rows are read from ("数值" and "本年"). */
export interface HeaderConflict {
  row: number;
  role: Role;
  cells: [HeaderCell, HeaderCell];
}

export type HeaderSearch =
  | { ok: true; spec: HeaderSpec }
  | { ok: false; partial: { row: number; found: Role[]; missing: Role[] } | null; conflict?: HeaderConflict };

interface Built {
  spec: HeaderSpec | null;
  roles: Role[];
  missing: Role[];
  /** A second column of a role the layout reads one figure from: which one is meant, only the user knows. */
  conflict: { role: Role; cells: [HeaderCell, HeaderCell] } | null;
}

/**
 * The year column a note column belongs to in a wide file: the nearest year column to its left
 * (a "备注" written after 2022 is about 2022), else the nearest to its right.
 */
function yearOfNote(yearColumns: readonly YearColumn[], noteCol: number): YearColumn | undefined {
  let left: YearColumn | undefined;
  let right: YearColumn | undefined;
  for (const y of yearColumns) {
    if (y.col < noteCol && (left === undefined || y.col > left.col)) left = y;
    if (y.col > noteCol && (right === undefined || y.col < right.col)) right = y;
  }
  return left ?? right;
}

function build(cells: (HeaderCell | null)[], headerIndex: number, hasDefaultRegion: boolean): Built {
  const cols: Partial<Record<Role, number>> = {};
  const byRole = new Map<Role, HeaderCell[]>();
  const yearColumns: YearColumn[] = [];
  const indicatorColumns: IndicatorColumn[] = [];
  let tableUnit: string | null = null;
  for (const c of cells) {
    if (!c) continue;
    if (c.role !== null) {
      if (cols[c.role] === undefined) cols[c.role] = c.col;
      byRole.set(c.role, [...(byRole.get(c.role) ?? []), c]);
    } else if (c.year !== null) {
      yearColumns.push({ col: c.col, year: c.year, unit: c.unit, vintage: c.vintage, note: null });
    } else if (c.indicator !== null) {
      indicatorColumns.push({ col: c.col, indicator: c.indicator, unit: c.unit, vintage: c.vintage });
    } else if (c.unit !== null && c.text.replace(/\s/g, '').match(/^(?:计量)?单位[:：]|^units?:/i)) {
      tableUnit = c.unit;
    }
  }
  const roles = Object.keys(cols) as Role[];
  const hasIndicator = cols.indicator !== undefined || cols.indicatorCode !== undefined;
  const hasRegion = cols.region !== undefined || cols.regionCode !== undefined || hasDefaultRegion;
  let layout: 'long' | 'wide' | null = null;
  if (hasIndicator && cols.year !== undefined && cols.value !== undefined) layout = 'long';
  else if (hasIndicator && yearColumns.length > 0) layout = 'wide';
  else if (!hasIndicator && cols.year !== undefined && indicatorColumns.length > 0) layout = 'wide';
  const missing: Role[] = [];
  if (layout === null) {
    if (!hasIndicator && indicatorColumns.length === 0) missing.push('indicator');
    if (cols.year === undefined && yearColumns.length === 0) missing.push('year');
    if (cols.value === undefined && yearColumns.length === 0 && indicatorColumns.length === 0) missing.push('value');
    return { spec: null, roles, missing, conflict: null };
  }
  if (!hasRegion) return { spec: null, roles, missing: ['region'], conflict: null };
  // The columns each row's figure is read from: two of one kind would have the first win unseen.
  const readFrom: Role[] = layout === 'long' ? ['value', 'year'] : yearColumns.length > 0 ? [] : ['year'];
  let conflict: Built['conflict'] = null;
  for (const role of readFrom) {
    const found = byRole.get(role) ?? [];
    if (found.length > 1) {
      conflict = { role, cells: [found[0] as HeaderCell, found[1] as HeaderCell] };
      break;
    }
  }
  // In a wide file every note column is some year's; elsewhere the first one is the row's.
  const notes = byRole.get('note') ?? [];
  if (layout === 'wide' && yearColumns.length > 0) {
    for (const n of notes) {
      const y = yearOfNote(yearColumns, n.col);
      if (y && y.note === null) y.note = n.col;
    }
  }
  const valueUnit = cols.value === undefined ? null : (cells.find((c) => c?.col === cols.value)?.unit ?? null);
  return {
    spec: {
      headerIndex,
      layout,
      cols,
      valueUnit,
      yearColumns,
      indicatorColumns: layout === 'wide' && yearColumns.length > 0 ? [] : indicatorColumns,
      tableUnit,
    },
    roles,
    missing,
    conflict,
  };
}

const TABLE_UNIT = /^(?:计量)?单位[:：]\s*(\S.*)$|^units?:\s*(\S.*)$/i;

export function findHeader(
  rows: { cells: (CellValue | undefined)[] }[],
  hc: HeaderContext,
  hasDefaultRegion: boolean,
): HeaderSearch {
  let partial: { row: number; found: Role[]; missing: Role[] } | null = null;
  const limit = Math.min(rows.length, HEADER_SCAN);
  const classified: (HeaderCell | null)[][] = [];
  const classify = (i: number) => {
    let found = classified[i];
    if (!found) {
      found = (rows[i]?.cells ?? []).map((c, col) => classifyHeader(c, col, hc));
      classified[i] = found;
    }
    return found;
  };
  for (let i = 0; i < limit; i++) {
    const top = classify(i);
    if (top.every((c) => c === null)) continue;
    const single = build(top, i, hasDefaultRegion);
    let chosen = single;
    const below = i + 1 < rows.length ? classify(i + 1) : [];
    const belowCells = below.filter((c): c is HeaderCell => c !== null);
    // A second header row holds only years and column words (a merged 年份 above the years, or a
    // merged 指标 cell repeated by Excel), never data.
    if (belowCells.some((c) => c.year !== null) && belowCells.every((c) => c.year !== null || c.role !== null)) {
      const width = Math.max(top.length, below.length);
      const combined: (HeaderCell | null)[] = [];
      for (let col = 0; col < width; col++) combined.push(below[col] ?? top[col] ?? null);
      const two = build(combined, i + 1, hasDefaultRegion);
      // The two rows read as one header when the first alone is none, or is one only with a column
      // twice (a merged 数值 cell over the years, which Excel repeats in each).
      if (two.spec && (!single.spec || (single.conflict && !two.conflict))) chosen = two;
    }
    if (chosen.spec && chosen.conflict) {
      return { ok: false, partial: null, conflict: { row: i, ...chosen.conflict } };
    }
    if (chosen.spec) {
      let tableUnit = chosen.spec.tableUnit;
      for (let j = 0; j < chosen.spec.headerIndex && tableUnit === null; j++) {
        for (const c of rows[j]?.cells ?? []) {
          const text = cellText(c);
          if (text.length > MAX_CELL_CHARS) continue;
          const m = TABLE_UNIT.exec(clean(text));
          if (m) tableUnit = (m[1] ?? m[2] ?? '').trim();
        }
      }
      return { ok: true, spec: { ...chosen.spec, tableUnit } };
    }
    if (chosen.missing.includes('region') && chosen.missing.length === 1)
      return { ok: false, partial: { row: i, found: chosen.roles, missing: ['region'] } };
    if (partial === null && chosen.roles.length >= 2) partial = { row: i, found: chosen.roles, missing: chosen.missing };
  }
  return { ok: false, partial };
}
