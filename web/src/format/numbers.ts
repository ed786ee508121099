import type { Lang } from '../i18n/lang.js';

/**
 * Numbers as a Chinese or English statistical bulletin prints them. Pure functions, no React.
 *
 * Chinese counts large numbers in 万 (10⁴) and 亿 (10⁸): 17500 → "1.75万". Up to four decimals are
 * kept so that an integer below 1亿 is never rounded away (12345 → "1.2345万"). Below 1万 Chinese
 * bulletins print digits without grouping. English uses thousands separators.
 */

const WAN = 1e4;
const YI = 1e8;

const zhPlain = new Intl.NumberFormat('zh-CN', { useGrouping: false, maximumFractionDigits: 4 });
const enPlain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** A minus sign, not a hyphen, as typeset statistics use. */
function typesetMinus(text: string): string {
  return text.replace(/^-/, '−');
}

export function formatNumber(value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return '—';
  if (lang === 'en') return typesetMinus(enPlain.format(value));
  const magnitude = Math.abs(value);
  if (magnitude >= YI) return typesetMinus(`${zhPlain.format(value / YI)}亿`);
  if (magnitude >= WAN) return typesetMinus(`${zhPlain.format(value / WAN)}万`);
  return typesetMinus(zhPlain.format(value));
}

/** Units written straight after the number, without a space. */
const TIGHT_UNITS = new Set(['%', '‰', '‱']);

/** A number and its unit, ready to be set apart (a large number, a smaller unit). */
export interface QuantityParts {
  number: string;
  /** "" when there is no unit; starts with "× " when the unit is itself a number */
  unit: string;
  /** true for "%" and the like, written straight after the number */
  tight: boolean;
}

/**
 * A text number with its unit. A unit that is itself a number ("100 million yuan") cannot follow a
 * number already written ("1–2"): it is joined with "×", so that it cannot be misread as one number.
 */
function unitParts(numberText: string, unit: string): QuantityParts {
  const trimmed = unit.trim();
  if (TIGHT_UNITS.has(trimmed)) return { number: numberText, unit: trimmed, tight: true };
  if (/^\d/.test(trimmed)) return { number: numberText, unit: `× ${trimmed}`, tight: false };
  return { number: numberText, unit: trimmed, tight: false };
}

/**
 * "100 million yuan" → 1e8 and "yuan"; null for a unit that does not start with a number. The same
 * rule as the server's (server/src/domain/quantity.ts): indicators.tsv gives 亿元 as "100 million
 * yuan" and 万千瓦 as "10,000 kW".
 */
export function unitMultiplier(unit: string): { factor: number; rest: string } | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?: (million|billion))? (\S.*)$/.exec(unit.trim());
  if (!m) return null;
  const scale = m[2] === 'billion' ? 1e9 : m[2] === 'million' ? 1e6 : 1;
  const factor = Number((m[1] ?? '').replaceAll(',', '')) * scale;
  return factor > 1 && m[3] ? { factor, rest: m[3] } : null;
}

/** The decimals a value is written with (at most four, as formatNumber keeps). */
function decimalsOf(value: number): number {
  const text = enPlain.format(Math.abs(value)).replaceAll(',', '');
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * English has no 万 or 亿: a value in a unit that is itself a number is multiplied out, with the
 * same precision: 4.1 × "100 million yuan" → "410" "million yuan"; 25 × "10,000 kW" → "250,000" "kW".
 */
function multipliedOutParts(value: number, unit: string): QuantityParts | null {
  const multiplier = unitMultiplier(unit);
  if (!multiplier) return null;
  const scaled = value * multiplier.factor;
  const abs = Math.abs(scaled);
  const [divisor, word] = abs >= 1e9 ? [1e9, 'billion '] : abs >= 1e6 ? [1e6, 'million '] : [1, ''];
  const digits = Math.max(0, Math.min(6, Math.round(decimalsOf(value) - Math.log10(multiplier.factor / divisor))));
  const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(scaled / divisor);
  return { number: typesetMinus(number), unit: `${word}${multiplier.rest}`, tight: false };
}

function joinParts({ number, unit, tight }: QuantityParts): string {
  if (unit === '') return number;
  return tight ? `${number}${unit}` : `${number} ${unit}`;
}

/** Joins an already formatted number (or range, "1–2") and a unit: "2.6%", "80 户", "80 firms". */
export function joinUnit(numberText: string, unit: string): string {
  return joinParts(unitParts(numberText, unit));
}

/**
 * A value with its unit, in parts. In Chinese a large amount already counted in 万 moves up to 亿
 * (17500 万元 → "1.75 亿元"), as bulletins do, instead of printing "1.75万 万元".
 */
export function quantityParts(value: number, unit: string, lang: Lang): QuantityParts {
  const trimmed = unit.trim();
  if (lang === 'zh-CN' && trimmed.startsWith('万') && Math.abs(value) >= WAN) {
    return unitParts(typesetMinus(zhPlain.format(value / WAN)), `亿${trimmed.slice(1)}`);
  }
  if (lang === 'en' && Number.isFinite(value)) {
    const multiplied = multipliedOutParts(value, trimmed);
    if (multiplied) return multiplied;
  }
  return unitParts(formatNumber(value, lang), trimmed);
}

export function formatQuantity(value: number, unit: string, lang: Lang): string {
  return joinParts(quantityParts(value, unit, lang));
}
