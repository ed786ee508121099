import { clean, matchKey, splitBrackets, stripTextMark } from './normalize.js';
import { isKnownUnit } from './numbers.js';
import type { ContextIndicator, ContextRegion } from './types.js';

// Regions by GB/T 2260 code or name, indicators by code or name. Exact names first (after
// normalising: NFKC, case, spaces, accents), then derived forms: names without their bracketed
// qualifiers (高新技术企业数(年末) → 高新技术企业数), regions without 市/省/区/县 or City/County, and
// the short names bulletins use (R&D经费). A derived form that two entries share matches neither.

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

/** Short names used in bulletins and by statisticians, for the indicators the seed defines. */
const INDICATOR_ALIASES: Record<string, string[]> = {
  rd_expenditure: [
    'R&D经费',
    'R&D经费内部支出',
    'R&D经费投入',
    '研究与试验发展经费',
    '研究与试验发展(R&D)经费',
    '研发经费',
    '研发经费支出',
  ],
  rd_intensity: ['R&D投入强度', 'R&D经费强度', '研发投入强度', '研发经费投入强度', 'R&D经费占GDP比重', 'R&D intensity'],
  gdp: ['GDP', '生产总值', '地区生产总值(GDP)', 'GRP'],
  tech_contract_turnover: ['技术合同交易额', '技术合同交易总额', '技术合同成交金额', '技术合同成交总额'],
  high_tech_firms: ['高新技术企业', '高新技术企业数量', '国家高新技术企业数'],
  valid_invention_patents: ['有效发明专利', '有效发明专利数', '有效发明专利量'],
  tech_sme_count: ['科技型中小企业', '科技型中小企业数量'],
};

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
      for (const alias of INDICATOR_ALIASES[i.code] ?? []) this.names.add('derived', alias, i);
    }
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
