// Which catalogue indicator a clause speaks of. Names and aliases (seed/indicator_aliases.tsv, kept by
// administrators) are compared with the words around a quantity by their character bigrams, each
// weighted by how rare it is in the catalogue (IDF): 核桃 or 硕士生 decide, 技术 or 企业 barely count.
// The score is the weighted share of an indicator's name found in the clause (its coverage), so a
// clause that names 发明专利申请量 picks that indicator over 专利申请量, whose whole name is also
// there, by the larger weight matched.

import { matchView, tokens } from './text.js';

export interface CatalogueIndicator {
  code: string;
  nameZh: string;
  nameEn?: string;
  unit: string;
  /** share, money, flow, stock */
  kind: string;
  direction: 'up' | 'down';
  aliases?: readonly string[];
}

/** One character of a name (or one Latin word) and the tokens that contain it. */
interface NameUnit {
  neighbours: string[];
  weight: number;
}

interface Variant {
  units: NameUnit[];
  weight: number;
  alias: boolean;
}

/**
 * A name as characters, each covered when a bigram containing it is found. Counting characters
 * rather than bigrams keeps the bigrams that straddle two words of a name (软磁芯年产量: 芯年) from
 * counting against it: 软 and 芯 are covered by 软磁 and 磁芯.
 */
function nameUnits(view: string): string[][] {
  const out: string[][] = [];
  for (const run of view.split(/[^\u3400-\u4dbf\u4e00-\u9fffa-z0-9&]+/)) {
    if (run === '') continue;
    const cjk = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/.test(run);
    if (!cjk) {
      out.push(...tokens(run).map((t) => [t]));
      continue;
    }
    if (run.length === 1) {
      out.push([run]);
      continue;
    }
    for (let k = 0; k < run.length; k++) {
      const n: string[] = [];
      if (k > 0) n.push(run.slice(k - 1, k + 1));
      if (k + 1 < run.length) n.push(run.slice(k, k + 2));
      out.push(n);
    }
  }
  return out;
}

export interface IndexedIndicator extends CatalogueIndicator {
  variants: Variant[];
  /** a deliverable (unit 是/否): proposed as a milestone, never as a number */
  yesNo: boolean;
}

/** A window of text around a quantity and how much its words count (1 the clause, less for context). */
export interface Window {
  view: string;
  weight: number;
}

export interface IndicatorMatch {
  indicator: IndexedIndicator;
  score: number;
  matchedWeight: number;
  alias: boolean;
}

/** 高新技术企业数(年末) → 高新技术企业; 工程(技术)研究中心 stays whole in a second variant. */
function nameVariants(name: string): string[] {
  const view = matchView(name);
  const withoutBrackets = view.replace(/\([^()]*\)/g, '').replace(/（[^（）]*）/g, '');
  const out = new Set<string>();
  for (const v of [view, withoutBrackets]) {
    const trimmed = v.replace(/数$/, '').replace(/数量$/, '');
    if (trimmed.length > 0) out.add(trimmed);
  }
  return [...out];
}

export class IndicatorIndex {
  readonly indicators: IndexedIndicator[];
  private readonly idf = new Map<string, number>();

  constructor(catalogue: readonly CatalogueIndicator[]) {
    const raw = catalogue.map((c) => ({
      c,
      variants: [
        ...nameVariants(c.nameZh).map((v) => ({ v, alias: false })),
        ...(c.aliases ?? []).flatMap((a) => nameVariants(a).map((v) => ({ v, alias: true }))),
      ],
    }));
    const df = new Map<string, number>();
    for (const { variants } of raw) {
      const seen = new Set(variants.flatMap(({ v }) => tokens(v)));
      for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const n = Math.max(1, raw.length);
    for (const [t, d] of df) this.idf.set(t, Math.log(1 + n / d));
    this.indicators = raw.map(({ c, variants }) => ({
      ...c,
      yesNo: c.unit === '是/否',
      variants: variants.map(({ v, alias }) => {
        const units = nameUnits(v).map((neighbours) => ({
          neighbours,
          weight: neighbours.reduce((s, t) => s + this.weightOf(t), 0) / neighbours.length,
        }));
        return { units, weight: units.reduce((s, u) => s + u.weight, 0), alias };
      }),
    }));
  }

  weightOf(token: string): number {
    return this.idf.get(token) ?? Math.log(1 + this.indicators?.length || 100);
  }

  /** The tokens of the windows with the best weight each was seen with. */
  static windowTokens(windows: readonly Window[]): Map<string, number> {
    const seen = new Map<string, number>();
    for (const w of windows) {
      for (const t of tokens(w.view)) seen.set(t, Math.max(seen.get(t) ?? 0, w.weight));
    }
    return seen;
  }

  score(indicator: IndexedIndicator, seen: Map<string, number>): IndicatorMatch {
    let best: IndicatorMatch = { indicator, score: 0, matchedWeight: 0, alias: false };
    for (const v of indicator.variants) {
      if (v.weight === 0) continue;
      let matched = 0;
      let primary = 0;
      for (const u of v.units) {
        let w = 0;
        for (const t of u.neighbours) w = Math.max(w, seen.get(t) ?? 0);
        matched += u.weight * w;
        if (w === 1) primary += u.weight;
      }
      // Context (the sentence before, the heading) helps, but between two names the one the clause
      // itself says more of wins: 硕士生200名 after 博士生50名 is the master's students.
      const score = 0.8 * (matched / v.weight) + 0.2 * (primary / v.weight);
      if (score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && matched > best.matchedWeight))
        best = { indicator, score, matchedWeight: matched, alias: v.alias };
    }
    return best;
  }

  /** The best indicators among those `accept` admits, best first. */
  rank(windows: readonly Window[], accept: (i: IndexedIndicator) => boolean): IndicatorMatch[] {
    const seen = IndicatorIndex.windowTokens(windows);
    return this.indicators
      .filter(accept)
      .map((i) => this.score(i, seen))
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score || b.matchedWeight - a.matchedWeight);
  }
}

/** The catalogue as the database and the seed hold it: indicators, and aliases in rows of their own. */
export function catalogueOf(
  indicators: readonly { code: string; nameZh: string; unit: string; kind: string; direction: string }[],
  aliases: readonly { indicatorCode: string; alias: string }[],
): CatalogueIndicator[] {
  const byCode = new Map<string, string[]>();
  for (const a of aliases) byCode.set(a.indicatorCode, [...(byCode.get(a.indicatorCode) ?? []), a.alias]);
  return indicators.map((i) => ({
    code: i.code,
    nameZh: i.nameZh,
    unit: i.unit,
    kind: i.kind,
    direction: i.direction === 'down' ? 'down' : 'up',
    aliases: byCode.get(i.code) ?? [],
  }));
}
