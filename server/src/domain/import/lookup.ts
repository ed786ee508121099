import { clean, matchKey, splitBrackets, stripTextMark } from './normalize.js';
import { isKnownUnit } from './numbers.js';
import type { ContextIndicator, ContextRegion } from './types.js';

// Regions by GB/T 2260 code or name, indicators by code or name. Exact names first (after
// normalising: NFKC, case, spaces, accents), then derived forms: names without their bracketed
// qualifiers (高新技术企业数(年末) → 高新技术企业数), regions without 市/省/区/县 or City/County, and
// an indicator's aliases, the short, English or other names bulletins use (R&D经费, 高企,
// high-tech enterprises), kept in the catalogue (indicator_aliases, seeded from
// seed/indicator_aliases.tsv) and edited by an administrator. A derived form that two entries share
// matches neither. An unknown indicator name gets the nearest entries as suggestions.

const AMBIGUOUS = Symbol('ambiguous');
type Slot<T> = T | typeof AMBIGUOUS;

class NameIndex<T> {
  private readonly exact = new Map<string, Slot<T>>();
  private readonly derived = new Map<string, Slot<T>>();

  add(tier: 'exact' | 'derived', name: string, item: T): void {
    const key = matchKey(name);
    if (key === '') return;
    const map = tier === 'exact' ? this.exact : this.derived;
    const found = map.get(key);
    if (found === undefined) map.set(key, item);
    else if (found !== item) map.set(key, AMBIGUOUS);
  }

  get(name: string): { item: T } | { ambiguous: true } | null {
    const key = matchKey(name);
    for (const map of [this.exact, this.derived]) {
      const found = map.get(key);
      if (found === AMBIGUOUS) return { ambiguous: true };
      if (found !== undefined) return { item: found };
    }
    return null;
  }
}

const REGION_SUFFIX_ZH = /(?:自治州|地区|市|省|区|县|盟|旗)$/;
// The lookbehinds make a run of spaces match from its first space only: without them, a name of many
// spaces and then no suffix is tried again from every space (quadratic).
const REGION_SUFFIX_EN = /(?<!\s)\s+(?:city|province|district|county|prefecture|shi|sheng|qu|xian)$/i;
/** A bracketed last part, "(万元)", with the spaces before it: the name is what comes before. */
export const TRAILING_BRACKET = /(?<!\s)\s*[([【]([^()[\]【】]*)[)\]】]\s*$/;

export type Lookup<T> = { ok: true; item: T } | { ok: false; reason: 'empty' | 'unknown' | 'ambiguous' };

export class RegionIndex {
  private readonly byCode = new Map<string, ContextRegion>();
  private readonly names = new NameIndex<ContextRegion>();

  constructor(regions: ContextRegion[]) {
    for (const r of regions) {
      this.byCode.set(r.code, r);
      this.names.add('exact', r.nameZh, r);
      this.names.add('exact', r.nameEn, r);
    }
    for (const r of regions) {
      const zh = clean(r.nameZh);
      if (REGION_SUFFIX_ZH.test(zh) && zh.replace(REGION_SUFFIX_ZH, '').length >= 2)
        this.names.add('derived', zh.replace(REGION_SUFFIX_ZH, ''), r);
      const en = splitBrackets(clean(r.nameEn)).base;
      this.names.add('derived', en, r);
      this.names.add('derived', en.replace(REGION_SUFFIX_EN, ''), r);
    }
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** By 6-digit code (or a 12-digit statistical code ending in 000000), then by name. */
  find(text: string): Lookup<ContextRegion> {
    const t = stripTextMark(clean(text));
    if (t === '') return { ok: false, reason: 'empty' };
    if (/^\d+$/.test(t)) {
      const code = t.length === 12 && t.endsWith('000000') ? t.slice(0, 6) : t;
      const r = this.byCode.get(code);
      return r ? { ok: true, item: r } : { ok: false, reason: 'unknown' };
    }
    const named = fromName(this.names.get(t));
    if (named.ok || named.reason === 'ambiguous') return named;
    // "吕梁地区", "Lüliang City": the query with its suffix off.
    const bare = t.replace(REGION_SUFFIX_ZH, '').replace(REGION_SUFFIX_EN, '');
    return bare !== t && bare.length >= 2 ? fromName(this.names.get(bare)) : named;
  }
}

export class IndicatorIndex {
  private readonly byCode = new Map<string, ContextIndicator>();
  private readonly names = new NameIndex<ContextIndicator>();
  private readonly suggestions: Suggester;

  constructor(indicators: ContextIndicator[]) {
    for (const i of indicators) {
      this.byCode.set(matchKey(i.code), i);
      this.names.add('exact', i.nameZh, i);
      this.names.add('exact', i.nameEn, i);
    }
    for (const i of indicators) {
      for (const name of [i.nameZh, i.nameEn]) {
        const { base } = splitBrackets(clean(name));
        this.names.add('derived', base, i);
      }
      for (const alias of i.aliases ?? []) this.names.add('derived', alias, i);
    }
    this.suggestions = new Suggester(indicators);
  }

  /** The catalogue entries nearest to an unknown name, best first (at most `max`). */
  nearest(text: string, max = SUGGESTIONS): ContextIndicator[] {
    return this.suggestions.nearest(text, max);
  }

  byExactCode(text: string): ContextIndicator | undefined {
    return this.byCode.get(matchKey(text));
  }

  /**
   * By code, then by name. A trailing bracket that is not part of the name is read as a unit:
   * "R&D经费支出(万元)" → rd_expenditure with unit 万元.
   */
  find(text: string): Lookup<ContextIndicator> & { unit?: string } {
    const t = stripTextMark(clean(text));
    if (t === '') return { ok: false, reason: 'empty' };
    const byCode = this.byCode.get(matchKey(t));
    if (byCode) return { ok: true, item: byCode };
    const named = fromName(this.names.get(t));
    if (named.ok || named.reason === 'ambiguous') return named;
    const trailing = TRAILING_BRACKET.exec(t);
    const name = trailing ? t.slice(0, trailing.index) : '';
    const unit = trailing?.[1];
    if (name !== '' && unit !== undefined && isKnownUnit(unit)) {
      const inner = fromName(this.names.get(name));
      const byInnerCode = this.byCode.get(matchKey(name));
      if (byInnerCode) return { ok: true, item: byInnerCode, unit };
      if (inner.ok) return { ...inner, unit };
    }
    return named;
  }
}

function fromName<T>(found: { item: T } | { ambiguous: true } | null): Lookup<T> {
  if (found === null) return { ok: false, reason: 'unknown' };
  if ('ambiguous' in found) return { ok: false, reason: 'ambiguous' };
  return { ok: true, item: found.item };
}

// ---- suggestions -------------------------------------------------------------------------------
// The nearest catalogue entries to a name that matched none: the Sørensen–Dice coefficient of the
// two names' character bigrams (after matchKey), against every name, base name, alias and code of
// each indicator, the best of them counting. Linear in the lengths compared, no pattern involved.

const SUGGESTIONS = 3;
/** Below this, a name shares too little with the query to be worth offering. */
const MIN_SIMILARITY = 0.3;
/** Names are short: the start of a long cell says enough of what was meant. */
const QUERY_CHARS = 100;

/** The character bigrams of a match key, with their counts (a one-character key is its own bigram). */
function bigrams(key: string): Map<string, number> {
  const chars = [...key];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0] as string, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = (chars[i] as string) + (chars[i + 1] as string);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function total(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** 2·|A∩B| / (|A|+|B|) over bigram multisets: 1 for the same key, 0 for nothing shared. */
export function bigramSimilarity(a: string, b: string): number {
  return dice(bigrams(matchKey(a)), bigrams(matchKey(b)));
}

function dice(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const size = total(a) + total(b);
  if (size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [g, n] of small) shared += Math.min(n, large.get(g) ?? 0);
  return (2 * shared) / size;
}

class Suggester {
  private readonly entries: { indicator: ContextIndicator; grams: Map<string, number> }[] = [];

  constructor(indicators: readonly ContextIndicator[]) {
    for (const i of indicators) {
      const names = new Set<string>();
      for (const name of [i.nameZh, i.nameEn, ...(i.aliases ?? [])]) {
        names.add(matchKey(name));
        names.add(matchKey(splitBrackets(clean(name)).base));
      }
      names.add(matchKey(i.code));
      for (const key of names) if (key !== '') this.entries.push({ indicator: i, grams: bigrams(key) });
    }
  }

  nearest(text: string, max: number): ContextIndicator[] {
    const key = matchKey(text.slice(0, QUERY_CHARS));
    if (key === '') return [];
    const query = bigrams(key);
    const best = new Map<ContextIndicator, number>();
    for (const { indicator, grams } of this.entries) {
      const score = dice(query, grams);
      if (score >= MIN_SIMILARITY && score > (best.get(indicator) ?? 0)) best.set(indicator, score);
    }
    return [...best]
      .sort((a, b) => b[1] - a[1] || a[0].code.localeCompare(b[0].code))
      .slice(0, max)
      .map(([indicator]) => indicator);
  }
}

// ---- aliases -----------------------------------------------------------------------------------

/** The longest alias kept: names are short, and a header cell is read up to MAX_CELL_CHARS. */
export const MAX_ALIAS_CHARS = 100;

export type AliasProblem =
  | { reason: 'empty' }
  | { reason: 'too_long'; max: number }
  /** Already a name, code or alias of this indicator. */
  | { reason: 'duplicate' }
  /** A name, code or alias of another indicator (or a form derived from one): it would match neither. */
  | { reason: 'taken'; by: ContextIndicator };

/** Every key an indicator is found by: its code, names, names without brackets, and aliases. */
function keysOf(i: ContextIndicator): Set<string> {
  const keys = new Set<string>([matchKey(i.code)]);
  for (const name of [i.nameZh, i.nameEn]) {
    keys.add(matchKey(name));
    keys.add(matchKey(splitBrackets(clean(name)).base));
  }
  for (const alias of i.aliases ?? []) keys.add(matchKey(alias));
  keys.delete('');
  return keys;
}

/**
 * Whether `alias` may be added to the indicator `code`: not empty, not too long, not already one of
 * its own names, and not a name of another indicator, which would make both ambiguous. Pure.
 */
export function aliasProblem(indicators: readonly ContextIndicator[], code: string, alias: string): AliasProblem | null {
  const text = clean(alias);
  if (text === '') return { reason: 'empty' };
  if ([...text].length > MAX_ALIAS_CHARS) return { reason: 'too_long', max: MAX_ALIAS_CHARS };
  const key = matchKey(text);
  for (const i of indicators) {
    if (!keysOf(i).has(key)) continue;
    return i.code === code ? { reason: 'duplicate' } : { reason: 'taken', by: i };
  }
  return null;
}
