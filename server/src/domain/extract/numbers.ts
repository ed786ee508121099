// Quantities as Chinese plans print them, found by a scanner over the matching view (./text.ts):
// Arabic digits (with the damaged decimal glyph read as a point), Chinese numerals (三十家, 两千万元,
// 七大项目), ranges (4-6个, 1–2家, 10至15个, 10~20), a unit with its 万/亿 multiplier (亿元, 万人,
// 万只, 万千瓦), per-year units (600万元/年) and the words that bound a value (以上, 左右, 多). A
// scanner, not a pattern: every character is looked at a bounded number of times, so a hostile
// text cannot make it slow (the ReDoS tests in test/domain/extract-redos.test.ts).

import { DAMAGED_DECIMAL, isCjk, isDigit, isLatin } from './text.js';

export type Comparator = 'at_least' | 'at_most' | 'about' | 'exactly';

export interface Quantity {
  start: number;
  /** end of the whole expression, bounding words (以上) included */
  end: number;
  /** end of the number and unit alone (before 以上…): where an object noun may follow */
  unitEnd: number;
  value: number;
  valueMax: number | null;
  /** as printed: the unit's multiplier and base (万 + 元), '%' for percent */
  multiplier: number;
  prefix: string;
  base: string;
  perYear: boolean;
  comparator: Comparator | null;
  /** the number was written with the damaged decimal glyph (value read with the point) */
  damagedDecimal: boolean;
  /** the value as printed when the glyph is ignored (what the seed records as valueAsPrinted) */
  valueAsPrinted: number | null;
  chineseNumeral: boolean;
  /** 个百分点: percentage points, a change rather than a level */
  points: boolean;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SCALES: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const isCnNumeral = (ch: string | undefined) => ch !== undefined && (ch in CN_DIGITS || ch in CN_SCALES);

/** 三十 → 30, 两千 → 2000, 十五 → 15, 一百二十 → 120; null for what is not a numeral. */
export function chineseNumeralValue(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch] as number;
    } else if (ch in CN_SCALES) {
      total += (digit ?? 1) * (CN_SCALES[ch] as number);
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

// Unit bases, longest first so that 台架 wins over 台 and 平方米 over 米. Counting words (家, 户, 个,
// 项…) are the counters of Chinese plans; 次 and 年 are left out on purpose: 第24次, 3年期 are not targets.
export const UNIT_BASES = [
  '平方公里',
  '平方米',
  '立方米',
  '千瓦时',
  '人次',
  '台架',
  '千瓦',
  '公里',
  '吨',
  '元',
  '家',
  '户',
  '个',
  '项',
  '件',
  '人',
  '名',
  '亩',
  '只',
  '颗',
  '台',
  '所',
  '座',
  '套',
  '篇',
  '方',
  'm2',
  '㎡',
  'm3',
  'kw',
  '%',
  '‰',
] as const;

/** the multiplier words a unit may carry: 亿元, 万人, 千瓦 (千 belongs to the base there) */
const MULTIPLIERS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

function readUnit(view: string, at: number): { prefix: string; multiplier: number; base: string; end: number } | null {
  let i = at;
  let prefix = '';
  let multiplier = 1;
  const c = view[i] as string | undefined;
  if (c !== undefined && c in MULTIPLIERS) {
    prefix = c;
    multiplier = MULTIPLIERS[c] as number;
    i++;
  }
  for (const base of UNIT_BASES) {
    if (view.startsWith(base, i)) {
      // A Latin unit must end where the word ends (m2 but not m2x…); 方 must not start 方面, 方式, 方案.
      const after = view[i + base.length];
      if (isLatin(base[0]) && (isLatin(after) || isDigit(after))) continue;
      if (base === '方' && after !== undefined && '面式案法向针'.includes(after)) continue;
      return { prefix, multiplier, base, end: i + base.length };
    }
  }
  if (prefix !== '' && isCjk(view[i])) {
    // 万 alone before a noun (2万吨 is caught above): not a unit we know, still a multiplier.
    return null;
  }
  return null;
}

function readArabic(view: string, at: number): { text: string; end: number; damaged: boolean } | null {
  let i = at;
  let text = '';
  let damaged = false;
  while (i < view.length) {
    const ch = view[i];
    // no plan prints a quantity of more than 15 digits: a longer run is a code or noise
    if (text.length > 15) return null;
    if (isDigit(ch)) {
      text += ch;
      i++;
    } else if ((ch === '.' || ch === DAMAGED_DECIMAL) && isDigit(view[i + 1]) && text !== '' && !text.includes('.')) {
      if (ch === DAMAGED_DECIMAL) damaged = true;
      text += '.';
      i++;
    } else if (
      ch === ',' &&
      isDigit(view[i + 1]) &&
      isDigit(view[i + 2]) &&
      isDigit(view[i + 3]) &&
      !isDigit(view[i + 4]) &&
      !text.includes('.')
    ) {
      i++; // 1,200: a thousands separator
    } else break;
  }
  return text === '' ? null : { text, end: i, damaged };
}

const RANGE_DASHES = '-–—~～至';
const AT_LEAST_AFTER = ['以上', '多', '余', '有余'];
const AT_MOST_AFTER = ['以下', '以内'];
const ABOUT_AFTER = ['左右'];

function readNumber(
  view: string,
  at: number,
): { value: number; end: number; damaged: boolean; printed: number | null; chinese: boolean } | null {
  if (isDigit(view[at])) {
    const a = readArabic(view, at);
    if (!a) return null;
    const value = Number(a.text);
    return { value, end: a.end, damaged: a.damaged, printed: a.damaged ? Number(a.text.replace('.', '')) : null, chinese: false };
  }
  if (isCnNumeral(view[at])) {
    let i = at;
    while (i < view.length && isCnNumeral(view[i]) && i - at < 8) i++;
    const numeral = view.slice(at, i);
    // 千人计划, 百人计划: a lone 百 or 千 is part of a name, not a count (十家 is ten firms)
    if (numeral === '千' || numeral === '百') return null;
    const value = chineseNumeralValue(numeral);
    if (value === null) return null;
    return { value, end: i, damaged: false, printed: null, chinese: true };
  }
  return null;
}

/**
 * The quantity starting at `at` (a digit or a Chinese numeral), or null when what is there is not a
 * quantity of a plan: a year or a date (2020年, 11月), an item number (1. 2、), a word with a digit
 * in it (4A级, CO2, 5G), an ordinal (第三), or a number without a unit (八届, 三中全会).
 */
export function readQuantity(view: string, at: number): Quantity | null {
  const before = view[at - 1];
  if (isDigit(before) || before === '.' || isLatin(before) || before === '第') return null;
  const chineseStart = !isDigit(view[at]);
  if (chineseStart && isCnNumeral(before)) return null;
  const n = readNumber(view, at);
  if (!n) return null;
  let i = n.end;
  // 七大项目, 四大基地: 大 between a numeral and its counter
  if (view[i] === '大' && n.chinese) i++;
  const afterNumber = view[i];
  if (isLatin(afterNumber)) {
    // 17500m2 is an area; 4a级 and 5g are names
    if (!(view.startsWith('m2', i) || view.startsWith('m3', i) || view.startsWith('kw', i))) return null;
  }
  let valueMax: number | null = null;
  let unit = readUnit(view, i);
  // a range: 4-6个, 10%—15%, 10至15个 (the first number may carry the unit too)
  const dashAt = unit ? unit.end : i;
  if (RANGE_DASHES.includes(view[dashAt] ?? '\u0000')) {
    const second = readNumber(view, dashAt + 1);
    if (second && second.chinese === n.chinese && second.value >= n.value) {
      const secondUnit = readUnit(view, second.end);
      if (secondUnit && (!unit || (unit.base === secondUnit.base && unit.prefix === secondUnit.prefix))) {
        valueMax = second.value;
        unit = secondUnit;
        i = second.end;
      }
    }
  }
  let comparator: Comparator | null = null;
  let j = unit ? unit.end : i;
  // 430多个: 多/余 between the number and the counter
  if (!unit && (view[i] === '多' || view[i] === '余')) {
    unit = readUnit(view, i + 1);
    if (unit) comparator = 'at_least';
  }
  if (!unit) return null;
  j = unit.end;
  const unitEnd = j;
  if (unit.base === '年') return null;
  // A year is four digits with 年 after: the unit list has no 年, so it never gets here.
  let perYear = false;
  if (view.startsWith('/年', j)) {
    perYear = true;
    j += 2;
  }
  const points = unit.base === '个' && view.startsWith('百分点', j);
  if (points) j += 3;
  const tail = (words: readonly string[]) => words.find((w) => view.startsWith(w, j));
  const least = tail(AT_LEAST_AFTER);
  const most = tail(AT_MOST_AFTER);
  const about = tail(ABOUT_AFTER);
  if (least) {
    comparator = 'at_least';
    j += least.length;
  } else if (most) {
    comparator = 'at_most';
    j += most.length;
  } else if (about) {
    comparator = 'about';
    j += about.length;
  }
  return {
    start: at,
    end: j,
    unitEnd,
    value: n.value,
    valueMax,
    multiplier: unit.multiplier,
    prefix: unit.prefix,
    base: unit.base === '㎡' ? 'm2' : unit.base,
    perYear,
    comparator,
    damagedDecimal: n.damaged,
    valueAsPrinted: n.printed,
    chineseNumeral: n.chinese,
    points,
  };
}

/** Every quantity in the view, left to right, none overlapping. */
export function scanQuantities(view: string, from = 0, to = view.length): Quantity[] {
  const out: Quantity[] = [];
  let i = from;
  while (i < to) {
    const ch = view[i];
    if (isDigit(ch) || isCnNumeral(ch)) {
      const q = readQuantity(view, i);
      if (q && q.end <= to) {
        out.push(q);
        i = q.end;
        continue;
      }
      // skip the rest of this run of digits/numerals: a number is read from its first character only
      while (i < to && (isDigit(view[i]) || isCnNumeral(view[i]) || view[i] === '.' || view[i] === DAMAGED_DECIMAL)) i++;
      continue;
    }
    i++;
  }
  return out;
}
