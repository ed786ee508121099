import { clean, stripTextMark } from './normalize.js';
import type { ContextIndicator } from './types.js';

// Numbers as statisticians write them, and units as Chinese statistics print them. A figure is kept
// as a decimal mantissa and a power of ten, so 1530 万元 → 亿元 is Number("1530e-4") = 0.153 exactly,
// never 0.15300000000000002.

/** A cell as read from the file: text from CSV, or an Excel cell with its type. */
export type CellValue = string | RichCell;

export interface RichCell {
  /** What Excel shows, roughly; used for messages and for text matching. */
  text: string;
  number?: number;
  date?: Date;
  boolean?: boolean;
  /** The cell's number format shows a percentage (0.026 shown as 2.6%). */
  percent?: boolean;
  /** A formula whose result was never saved. */
  formula?: string;
  formulaWithoutValue?: boolean;
  /** An Excel error value (#DIV/0!, #N/A). */
  error?: string;
  hyperlink?: string;
}

export function cellText(cell: CellValue | undefined): string {
  if (cell === undefined) return '';
  return typeof cell === 'string' ? cell : cell.text;
}

export type Quantity =
  | { kind: 'empty' }
  | { kind: 'masked'; unit: string | null }
  | { kind: 'number'; mantissa: string; exp: number; percent: boolean; unit: string | null }
  | { kind: 'bad'; reason: 'text' | 'excel_error' | 'date' | 'formula' };

// Sign, digits (with correct thousands groups or none), fraction, exponent; what follows is the
// unit. The pattern ends there rather than with (.*)$, which could trade digits with \d* and
// backtrack; every part of it is optional, so it always matches, by its first (greedy) choice.
const NUMBER = /^([+-])?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:e([+-]?\d{1,4}))?/i;
const MINUS = /^[−‒–—﹣]/;
// A date typed as text (2022-05-01, 2022/5/1, 2022年5月1日, 2022.05.01, 2022-05 and a time after it):
// never read as the number before its first separator. 2022.05 is a number, so a dotted date needs
// its day. Whitespace is gone by the time this runs.
const DATE_TEXT =
  /^\d{4}(?:[-/]\d{1,2}(?:[-/]\d{1,2})?|年\d{1,2}月(?:\d{1,2}日)?|\.\d{1,2}\.\d{1,2})(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;

// ---- not published -----------------------------------------------------------------------------
// Dashes, ellipses, x / xx / xx.xx masks and asterisks, optionally followed by a unit: "—", "…",
// "xx.xx", "***万元". This was one regular expression,
//   /^(?:[-‐‑‒–—―⁃﹘﹣]+|\.{2,}|…+|⋯+|[xX]+(?:\.[xX]+)?|\*+)(%|[^\d\s.,+-][^\d]*)?$/
// whose mask runs and unit overlap ("xxx" is a mask, "x" a unit), so "x"×30,000 then "1" took
// seconds. The scanner below accepts the same strings with the same unit, in linear time: it tries
// the mask lengths in the order that expression did, and each try costs one character.

const DASHES = '-‐‑‒–—―⁃﹘﹣';
const isDash = (ch: string) => DASHES.includes(ch);
const isX = (ch: string) => ch === 'x' || ch === 'X';
const only = (c: string) => (ch: string) => ch === c;

/** How many characters from `from` on satisfy `test`. */
function run(s: string, from: number, test: (ch: string) => boolean): number {
  let i = from;
  while (i < s.length && test(s[i] as string)) i++;
  return i - from;
}

/** The lengths a mask at the start of `s` may have, longest first within each kind, kinds in order. */
function* maskLengths(s: string): Generator<number> {
  for (let k = run(s, 0, isDash); k >= 1; k--) yield k;
  for (let k = run(s, 0, only('.')); k >= 2; k--) yield k;
  for (let k = run(s, 0, only('…')); k >= 1; k--) yield k;
  for (let k = run(s, 0, only('⋯')); k >= 1; k--) yield k;
  // xx, or xx.xx
  for (let k = run(s, 0, isX); k >= 1; k--) {
    if (s[k] === '.') for (let f = run(s, k + 1, isX); f >= 1; f--) yield k + 1 + f;
    yield k;
  }
  for (let k = run(s, 0, only('*')); k >= 1; k--) yield k;
}

/** A unit cannot start like a number, or with a space. */
const NOT_A_UNIT_START = /^[\d\s.,+-]/;

/** A not-published value and its unit ("—" → null, "xx万元" → "万元"), or undefined when `s` is none. */
export function maskedUnit(s: string): { unit: string | null } | undefined {
  // Neither a mask nor the unit after it holds a digit: "x1" is no mask, whatever else it is.
  if (/\d/.test(s)) return undefined;
  for (const k of maskLengths(s)) {
    if (k === s.length) return { unit: null };
    if (!NOT_A_UNIT_START.test(s[k] as string)) return { unit: s.slice(k) };
  }
  return undefined;
}

export function parseQuantity(cell: CellValue | undefined): Quantity {
  if (cell === undefined) return { kind: 'empty' };
  if (typeof cell !== 'string') {
    if (cell.formulaWithoutValue) return { kind: 'bad', reason: 'formula' };
    if (cell.error !== undefined) return { kind: 'bad', reason: 'excel_error' };
    if (cell.number !== undefined) {
      if (!Number.isFinite(cell.number)) return { kind: 'bad', reason: 'text' };
      const [mantissa = '0', exp = '0'] = String(cell.number).split('e');
      return { kind: 'number', mantissa, exp: Number(exp) + (cell.percent ? 2 : 0), percent: cell.percent === true, unit: null };
    }
    if (cell.date !== undefined) return { kind: 'bad', reason: 'date' };
    if (cell.boolean !== undefined) return { kind: 'bad', reason: 'text' };
    return parseQuantityText(cell.text);
  }
  return parseQuantityText(cell);
}

export function parseQuantityText(raw: string): Quantity {
  let s = stripTextMark(clean(raw)).replace(/\s+/g, '');
  if (s === '') return { kind: 'empty' };
  const mask = maskedUnit(s);
  if (mask) return { kind: 'masked', unit: mask.unit };
  if (DATE_TEXT.test(s)) return { kind: 'bad', reason: 'date' };
  if (MINUS.test(s)) s = `-${s.slice(1)}`;
  const m = NUMBER.exec(s);
  if (!m) return { kind: 'bad', reason: 'text' };
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const rest = s.slice(m[0].length);
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

export function toNumber(mantissa: string, exp: number): number {
  const n = Number(exp === 0 ? mantissa : `${mantissa}e${exp}`);
  return n === 0 ? 0 : n; // no -0
}

// ---- units -------------------------------------------------------------------------------------

export interface UnitSpec {
  /** Power of ten: 万元 → 4, 亿元 → 8. */
  exp: number;
  /** What is counted or measured: 元, 件, 立方米, %, or '' for a bare multiplier (1.2万). */
  base: string;
}

/** How a unit string is compared: clean, lower case, no spaces, without "单位:" and brackets. */
export function unitKey(unit: string): string {
  // An upload asks for the key of its indicators' few units once per figure: remembered, up to a bound
  // (units typed in a file are as many as its cells).
  let key = unitKeys.get(unit);
  if (key === undefined) {
    key = unitKeyOf(unit);
    if (unitKeys.size >= UNIT_KEYS_KEPT) unitKeys.clear();
    unitKeys.set(unit, key);
  }
  return key;
}
const UNIT_KEYS_KEPT = 1000;
const unitKeys = new Map<string, string>();
function unitKeyOf(unit: string): string {
  return clean(unit)
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^(?:计量)?单位[:：]?|^units?[:：]/, '')
    .replace(/^[([【〔](.*)[)\]】〕]$/, '$1');
}

const PREFIX: Record<string, number> = { 十: 1, 百: 2, 千: 3, 万: 4, 亿: 8 };
const ENGLISH_PREFIX: [RegExp, number][] = [
  [/^(?:100million|hundredmillion|100,000,000)/, 8],
  [/^(?:10,000|10000|tenthousand|10k)/, 4],
  [/^billion/, 9],
  [/^million/, 6],
  [/^thousand/, 3],
];
const BASE_SYNONYMS: Record<string, string> = {
  人民币: '元',
  元人民币: '元',
  yuan: '元',
  rmb: '元',
  cny: '元',
  方: '立方米',
  立方: '立方米',
  m3: '立方米',
  cubicmetres: '立方米',
  平米: '平方米',
  m2: '平方米',
  w: '瓦',
  t: '吨',
  tonnes: '吨',
  items: '件',
  firms: '家',
  enterprises: '家',
  companies: '家',
  persons: '人',
  people: '人',
  projects: '项',
  percent: '%',
  百分比: '%',
  百分点: '%',
};
/** Classifiers that count the same things in different local habits (户, 家 and 个 for firms). */
const SAME_COUNT: string[][] = [
  ['家', '户', '个', '所'],
  ['人', '名', '位'],
  ['件', '项', '个'],
  ['只', '个'],
  ['台', '台架', '套'],
];

export function parseUnit(unit: string): UnitSpec {
  let u = unitKey(unit);
  let exp = 0;
  if (u === '%' || u === 'percent' || u === '百分比' || u === '百分点') return { exp: 0, base: '%' };
  for (const [re, e] of ENGLISH_PREFIX) {
    if (re.test(u)) {
      exp += e;
      u = u.replace(re, '');
      break;
    }
  }
  while (u.length > 0 && PREFIX[u[0] as string] !== undefined) {
    exp += PREFIX[u[0] as string] as number;
    u = u.slice(1);
  }
  if (u === 'kw') return { exp: exp + 3, base: '瓦' };
  if (u === 'mw') return { exp: exp + 6, base: '瓦' };
  return { exp, base: BASE_SYNONYMS[u] ?? u };
}

const KNOWN_BASES = new Set([
  '元',
  '%',
  '件',
  '家',
  '户',
  '个',
  '所',
  '项',
  '人',
  '名',
  '位',
  '人次',
  '只',
  '台',
  '台架',
  '套',
  '颗',
  '座',
  '处',
  '支',
  '批',
  '条',
  '张',
  '次',
  '篇',
  '吨',
  '克',
  '立方米',
  '平方米',
  '瓦',
  '米',
  '公里',
  '亩',
  '公顷',
  '是/否',
]);

/** Whether a bracketed part reads as a unit ("万元", "%", "家") rather than a qualifier ("年末"). */
export function isKnownUnit(unit: string, extra?: ReadonlySet<string>): boolean {
  const key = unitKey(unit);
  if (key === '') return false;
  if (extra?.has(key)) return true;
  const u = parseUnit(unit);
  return KNOWN_BASES.has(u.base) || (u.base === '' && u.exp > 0);
}

function compatible(from: string, to: string): boolean {
  if (from === to) return true;
  if (from === '') return to !== '%';
  return SAME_COUNT.some((group) => group.includes(from) && group.includes(to));
}

export type Converted =
  | { ok: true; value: number; conversion: { fromUnit: string; toUnit: string; factor: number } | null }
  | { ok: false; reason: 'percent_on_non_share' | 'unit_mismatch' | 'not_finite'; unit: string };

/**
 * A number in the indicator's unit. `unit` is the unit that applies (from the cell, the unit column,
 * the indicator cell or the header, in that order), or null for the indicator's own unit.
 */
export function convert(
  q: { mantissa: string; exp: number; percent: boolean },
  unit: string | null,
  indicator: ContextIndicator,
): Converted {
  const share = indicator.kind === 'share' || unitKey(indicator.unit) === '%';
  if (q.percent && !share) return { ok: false, reason: 'percent_on_non_share', unit: '%' };
  let exp = q.exp;
  let conversion: { fromUnit: string; toUnit: string; factor: number } | null = null;
  const shown = unit === null ? '' : clean(unit).replace(/^(?:计量)?单位[:：]\s*/, '');
  if (unit !== null && !q.percent) {
    const key = unitKey(unit);
    if (key !== '' && key !== unitKey(indicator.unit) && key !== unitKey(indicator.unitEn)) {
      const from = parseUnit(unit);
      const to = parseUnit(indicator.unit);
      if (!compatible(from.base, to.base)) return { ok: false, reason: 'unit_mismatch', unit: shown };
      const shift = from.exp - to.exp;
      exp += shift;
      conversion = { fromUnit: shown, toUnit: indicator.unit, factor: toNumber('1', shift) };
    }
  }
  const value = toNumber(q.mantissa, exp);
  if (!Number.isFinite(value)) return { ok: false, reason: 'not_finite', unit: shown };
  return { ok: true, value, conversion };
}

/** 是/否 deliverables: yes = 1, no = 0. */
export function yesNo(text: string): number | null {
  const k = clean(text).toLowerCase();
  if (['是', '已完成', '完成', 'yes', 'y', 'true', '√', '✓'].includes(k)) return 1;
  if (['否', '未完成', 'no', 'n', 'false', '×'].includes(k)) return 0;
  return null;
}
