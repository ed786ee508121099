// Figures read from a statistical bulletin (统计公报): a statistician pastes a paragraph, and each
// sentence that names a catalogue indicator and gives it a figure becomes a proposed observation,
// with the sentence as its quote. Pure: the caller gives the catalogue (names and aliases).
//
// What a bulletin sentence looks like, and what is read from it:
// - "全年专利授权量422件" / "年末高新技术企业达到84家" / "全年实现地区生产总值2418.9亿元": an indicator's
//   name or alias, a few words (为, 达到, 完成, 支出), a number and its unit: a level.
// - "吕梁以1420亿的GDP总量", "38户高新技术企业通过评审": the number before the name (a level, or with
//   通过评审/通过认定 the newly certified count, read through the alias 新认定<name>).
// - "专利申请量与授权量分别为749件和422件": names and numbers paired in order; a short second name
//   borrows the first one's head (授权量 → 专利授权量).
// - "比上年增长10.3%", "比上年提高0.07个百分点", "增加12家": a change, never a level. It is shown beside
//   the figure of the same indicator and never stored as the indicator's value.
// - Units are converted to the indicator's: 亿 and 万 (28252亿 → 亿元, 3500万元 → 0.35 亿元), and counts
//   of firms in 家, 个 or 户 alike. A unit that does not fit (a % for an amount) gives no proposal.
// - Parentheses ("投入强度(与国内生产总值之比)为2.07%") are an aside: a name or number inside is not read.
//
// Every pattern here is a scan of the text, character by character, or a regular expression of one
// character class: the time is linear in the paragraph (test/domain/bulletin-redos.test.ts).

export interface BulletinIndicator {
  code: string;
  nameZh: string;
  unit: string;
  aliases: readonly string[];
}

export interface BulletinChange {
  /** as printed: "比上年增长10.3%" */
  text: string;
  value: number;
  /** "%", "个百分点", "倍", or a count's unit */
  unit: string;
  direction: 'up' | 'down';
}

export interface BulletinProposal {
  indicatorCode: string;
  /** the name or alias as found in the sentence */
  term: string;
  /** in the indicator's unit */
  value: number;
  unit: string;
  /** the figure as printed: "28252", "亿" */
  printed: { value: string; unit: string };
  /** value = printed × factor; null when the units are the same */
  conversion: { fromUnit: string; toUnit: string; factor: number } | null;
  /** the sentence, as found: the observation's quote */
  sentence: string;
  /** changes the sentence gives for the same indicator: shown, never stored as the value */
  changes: BulletinChange[];
}

/** A sentence with a figure that gave no proposal, and why: for the statistician to see what was left. */
export interface BulletinSkipped {
  sentence: string;
  text: string;
  reason: 'no_indicator' | 'unit_mismatch' | 'change_only';
  indicatorCode: string | null;
  changes: BulletinChange[];
}

export interface BulletinReading {
  proposals: BulletinProposal[];
  skipped: BulletinSkipped[];
}

/** The longest paragraph read: a whole bulletin is a few thousand characters. */
export const MAX_BULLETIN_CHARS = 100_000;

// ---- text -------------------------------------------------------------------------------------------

/** Full-width forms folded to ASCII, one character for one, so positions stay those of the sentence. */
function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0).toLowerCase();
    else if (c === 0x3000) out += ' ';
    else out += ch.length === 1 ? ch.toLowerCase() : ' '.repeat(ch.length);
  }
  return out;
}

const SENTENCE_END = new Set(['。', '！', '？', '；', ';', '!', '?', '\n', '\r']);
const CLAUSE_END = new Set([',', '，', ':', '：']);

/** The sentences of a paragraph, each with its text as found (trimmed). */
export function bulletinSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || SENTENCE_END.has(text[i] as string)) {
      const s = text.slice(start, i).trim();
      if (s) out.push(s);
      start = i + 1;
    }
  }
  return out;
}

// ---- the catalogue's names ----------------------------------------------------------------------------

const AMBIGUOUS = '\u0000ambiguous';

/** Codes, names, names without their bracketed qualifier or counting 数, and aliases: term → indicator code. */
export class BulletinTerms {
  private readonly byTerm = new Map<string, string>();
  /** terms by their first character, longest first */
  private readonly byFirst = new Map<string, string[]>();
  readonly units = new Map<string, string>();

  constructor(indicators: readonly BulletinIndicator[]) {
    for (const i of indicators) {
      this.units.set(i.code, i.unit);
      // The code too, as uploads match it: "gdp" is how bulletins write GDP.
      const names = [i.code, i.nameZh, ...i.aliases];
      const bare = stripTrailingBracket(i.nameZh);
      names.push(bare);
      if (bare.endsWith('数') && bare.length > 4) names.push(bare.slice(0, -1));
      for (const name of names) this.add(fold(name.trim()), i.code);
    }
    for (const [term, code] of this.byTerm) {
      if (code === AMBIGUOUS) continue;
      const first = term[0] as string;
      this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), term]);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
  }

  private add(term: string, code: string) {
    // One or two characters match too much of a sentence (件, 亿元): a term is longer.
    if (term.length < 3) return;
    const found = this.byTerm.get(term);
    this.byTerm.set(term, found === undefined || found === code ? code : AMBIGUOUS);
  }

  code(term: string): string | null {
    const found = this.byTerm.get(term);
    return found === undefined || found === AMBIGUOUS ? null : found;
  }

  /** The longest term starting at position i of a folded text. */
  at(folded: string, i: number): string | null {
    for (const term of this.byFirst.get(folded[i] as string) ?? []) if (folded.startsWith(term, i)) return term;
    return null;
  }
}

function stripTrailingBracket(name: string): string {
  const t = name.trim();
  const last = t[t.length - 1];
  const open = last === ')' ? '(' : last === '）' ? '（' : null;
  if (!open) return t;
  const at = t.lastIndexOf(open);
  return at > 0 ? t.slice(0, at).trim() : t;
}

// ---- tokens -------------------------------------------------------------------------------------------

interface Term {
  kind: 'term';
  start: number;
  end: number;
  text: string;
  code: string;
}

interface NumberToken {
  kind: 'number';
  start: number;
  end: number;
  /** digits as printed (thousands separators removed) */
  digits: string;
  value: number;
  /** 亿, 万 or '' */
  multiplier: string;
  /** 元, 件, 家, %, 个百分点, 倍 … or '' */
  base: string;
  /** what the number is read as, from the words before it */
  change: 'up' | 'down' | null;
  /** the words before the number that make it a change: 比上年增长 */
  changeText: string;
}

type Token = Term | NumberToken;

const BASE_UNITS = [
  '个百分点',
  '百分点',
  '人次',
  '立方米',
  '平方米',
  '千瓦',
  '美元',
  '元',
  '件',
  '家',
  '户',
  '个',
  '项',
  '人',
  '名',
  '所',
  '颗',
  '吨',
  '只',
  '台',
  '%',
  '倍',
];
const COUNTS_OF_FIRMS = new Set(['家', '户', '个']);
const PERSONS = new Set(['人', '名']);
const UP = ['增长', '提高', '增加', '上升', '提升', '增幅'];
const DOWN = ['下降', '降低', '减少', '回落', '下滑', '降幅'];
/** After a number, these make it a date or an ordinal, not a figure. */
const NOT_A_FIGURE = new Set(['年', '月', '日', '号', '季', '期', '次', '批', '届', '位']);

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** The ranges in parentheses, ( ) or （ ）, not nested deeper than one. */
function asides(folded: string): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i];
    if ((c === '(' || c === '（') && open < 0) open = i;
    else if ((c === ')' || c === '）') && open >= 0) {
      out.push([open, i + 1]);
      open = -1;
    }
  }
  return out;
}

/** The change a gap of words ends with ("比上年增长"), or null. */
function changeIn(gap: string): { direction: 'up' | 'down'; text: string } | null {
  let best: { direction: 'up' | 'down'; at: number } | null = null;
  for (const [words, direction] of [
    [UP, 'up'],
    [DOWN, 'down'],
  ] as const)
    for (const w of words) {
      const at = gap.lastIndexOf(w);
      // 增加值 is value added (an indicator), not an increase.
      if (at >= 0 && !(w === '增加' && gap[at + 2] === '值') && (best === null || at > best.at)) best = { direction, at };
    }
  if (!best) return null;
  const from = gap.lastIndexOf('比', best.at) >= 0 ? gap.lastIndexOf('比', best.at) : best.at;
  return { direction: best.direction, text: gap.slice(from) };
}

function tokenize(folded: string, terms: BulletinTerms): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < folded.length) {
    const term = terms.at(folded, i);
    if (term) {
      const code = terms.code(term) as string;
      tokens.push({ kind: 'term', start: i, end: i + term.length, text: term, code });
      i += term.length;
      continue;
    }
    if (isDigit(folded[i]) && !isDigit(folded[i - 1]) && folded[i - 1] !== '.') {
      const start = i;
      let digits = '';
      // Digits, thousands separators (a comma before exactly three digits), one decimal point.
      while (i < folded.length) {
        const c = folded[i] as string;
        if (isDigit(c)) digits += c;
        else if (
          c === ',' &&
          isDigit(folded[i + 1]) &&
          isDigit(folded[i + 2]) &&
          isDigit(folded[i + 3]) &&
          !isDigit(folded[i + 4])
        ) {
          /* a thousands separator */
        } else if (c === '.' && isDigit(folded[i + 1]) && !digits.includes('.')) digits += c;
        else break;
        i++;
      }
      let j = i;
      while (folded[j] === ' ') j++;
      let multiplier = '';
      if (folded[j] === '亿' || folded[j] === '万') {
        multiplier = folded[j] as string;
        j++;
      }
      const base = BASE_UNITS.find((u) => folded.startsWith(u, j)) ?? '';
      j += base.length;
      if (!(base === '' && multiplier === '' && NOT_A_FIGURE.has(folded[j] as string)))
        tokens.push({
          kind: 'number',
          start,
          end: j,
          digits,
          value: Number(digits),
          multiplier,
          base,
          change: null,
          changeText: '',
        });
      i = Math.max(j, i);
      continue;
    }
    i++;
  }
  return tokens;
}

// ---- units --------------------------------------------------------------------------------------------

const MULTIPLIERS: Record<string, number> = { '': 1, 万: 1e4, 亿: 1e8 };

function splitUnit(unit: string): { multiplier: string; base: string } {
  const m = unit[0] === '万' || unit[0] === '亿' ? (unit[0] as string) : '';
  return { multiplier: m, base: unit.slice(m.length) };
}

function sameBase(found: string, wanted: string): boolean {
  if (found === wanted) return true;
  if (COUNTS_OF_FIRMS.has(found) && COUNTS_OF_FIRMS.has(wanted)) return true;
  if (PERSONS.has(found) && PERSONS.has(wanted)) return true;
  return false;
}

/** The number in the indicator's unit, or null when its unit does not fit the indicator's. */
function convert(n: NumberToken, indicatorUnit: string): { value: number; factor: number } | null {
  const wanted = splitUnit(indicatorUnit);
  // "1420亿" of an amount in 亿元: the 元 is understood.
  const base = n.base === '' && n.multiplier !== '' && wanted.base === '元' ? '元' : n.base;
  if (base === '' || !sameBase(base, wanted.base)) return null;
  const factor = (MULTIPLIERS[n.multiplier] ?? 1) / (MULTIPLIERS[wanted.multiplier] ?? 1);
  // Rounded to the printed precision: 3500万元 is 0.35 亿元, not 0.35000000000000003.
  const value = Number((n.value * factor).toPrecision(12));
  return { value, factor };
}

// ---- reading ------------------------------------------------------------------------------------------

/** 通过评审, 通过认定, 获批认定: the count is of those newly certified. */
const NEWLY = ['通过评审', '通过认定', '获批认定', '被认定为', '新认定'];

const MAX_RESPECTIVELY = 8;

/** Reads the proposals of one paragraph. */
export function readBulletin(text: string, indicators: readonly BulletinIndicator[] | BulletinTerms): BulletinReading {
  const terms = indicators instanceof BulletinTerms ? indicators : new BulletinTerms(indicators);
  const proposals: BulletinProposal[] = [];
  const skipped: BulletinSkipped[] = [];
  for (const sentence of bulletinSentences(text.slice(0, MAX_BULLETIN_CHARS))) {
    const read = readSentence(sentence, terms);
    proposals.push(...read.proposals);
    skipped.push(...read.skipped);
  }
  return { proposals, skipped };
}

function readSentence(sentence: string, terms: BulletinTerms): BulletinReading {
  const folded = fold(sentence);
  const ranges = asides(folded);
  // Where each position's clause starts, in one walk (looked up, never searched for again).
  const starts = new Int32Array(folded.length + 1);
  for (let i = 0, start = 0; i <= folded.length; i++) {
    starts[i] = start;
    if (CLAUSE_END.has(folded[i] as string)) start = i + 1;
  }
  const clauseStart = (pos: number) => starts[pos] ?? 0;
  // An aside is skipped unless a term spans it (研究与试验发展(R&D)经费 is one name). Tokens and
  // asides are both in text order: one walk.
  const tokens: Token[] = [];
  let r = 0;
  for (const t of tokenize(folded, terms)) {
    while (r < ranges.length && (ranges[r] as [number, number])[1] <= t.start) r++;
    const range = ranges[r];
    if (range && t.start >= range[0] && t.end <= range[1]) continue;
    // "其中发明专利授权量96件": a part of the total before it. Only a name right after 其中 is that
    // part's own (其中发明专利申请量 is an indicator); a shorter name inside it (专利授权量) is not.
    if (t.kind === 'term' && subItem(folded, clauseStart(t.start), t.start)) continue;
    tokens.push(t);
  }

  // Each token's clause: commas and colons outside numbers (a thousands separator is inside one).
  const clause: number[] = [];
  {
    let n = 0;
    let pos = 0;
    for (const t of tokens) {
      for (; pos < t.start; pos++) if (CLAUSE_END.has(folded[pos] as string)) n++;
      clause.push(n);
      pos = Math.max(pos, t.end);
    }
  }

  // Changes: a number with 增长/下降… in the words before it, back to the previous token or clause.
  tokens.forEach((t, k) => {
    if (t.kind !== 'number') return;
    const from = k > 0 && clause[k - 1] === clause[k] ? (tokens[k - 1] as Token).end : clauseStart(t.start);
    const gap = folded.slice(from, t.start);
    const change = changeIn(gap);
    if (change || t.base === '个百分点' || t.base === '百分点') {
      t.change = change?.direction ?? 'up';
      t.changeText = sentence.slice(from + (change ? gap.lastIndexOf(change.text) : 0), t.end).trim();
    }
  });

  const levelOf = new Map<NumberToken, Term>();
  const usedTerms = new Set<Term>();

  // 分别: "A与B分别为X和Y".
  const respectively = folded.indexOf('分别');
  if (respectively >= 0) pairRespectively(folded, clauseStart(respectively), respectively, tokens, clause, terms, levelOf);

  // The nearest term before each token in its clause, and after it: two walks.
  const termBefore: (Term | null)[] = [];
  const termAfter: (Term | null)[] = new Array(tokens.length).fill(null);
  for (let k = 0; k < tokens.length; k++) {
    const prev = k > 0 && clause[k - 1] === clause[k] ? (termBefore[k - 1] ?? null) : null;
    const prevToken = tokens[k - 1];
    termBefore.push(prevToken?.kind === 'term' && clause[k - 1] === clause[k] ? prevToken : prev);
  }
  for (let k = tokens.length - 2; k >= 0; k--) {
    const next = tokens[k + 1] as Token;
    if (clause[k + 1] !== clause[k]) continue;
    termAfter[k] = next.kind === 'term' ? next : (termAfter[k + 1] ?? null);
  }

  const skipped: BulletinSkipped[] = [];
  tokens.forEach((t, k) => {
    if (t.kind !== 'number' || t.change || levelOf.has(t)) return;
    let term = termBefore[k] ?? termAfter[k] ?? null;
    if (term && usedTerms.has(term)) term = null;
    if (term) {
      usedTerms.add(term);
      levelOf.set(t, newlyCertified(term, folded, terms));
    } else if (t.base !== '')
      skipped.push({ sentence, text: sentence.slice(t.start, t.end), reason: 'no_indicator', indicatorCode: null, changes: [] });
  });

  // Each change belongs to the indicator of the nearest level or name before it (one walk).
  const changesOf = new Map<string, BulletinChange[]>();
  let owner: string | null = null;
  for (const t of tokens) {
    if (t.kind === 'term') owner = t.code;
    else if (!t.change) owner = levelOf.get(t)?.code ?? owner;
    else if (owner !== null) {
      const list = changesOf.get(owner) ?? [];
      list.push({ text: t.changeText, value: t.value, unit: `${t.multiplier}${t.base}`, direction: t.change });
      changesOf.set(owner, list);
    }
  }

  const proposals: BulletinProposal[] = [];
  const proposed = new Set<string>();
  for (const [n, term] of [...levelOf].sort((a, b) => a[0].start - b[0].start)) {
    const unit = terms.units.get(term.code) ?? '';
    const converted = convert(n, unit);
    const changes = proposed.has(term.code) ? [] : (changesOf.get(term.code) ?? []);
    if (!converted) {
      skipped.push({
        sentence,
        text: sentence.slice(n.start, n.end),
        reason: 'unit_mismatch',
        indicatorCode: term.code,
        changes,
      });
      continue;
    }
    proposed.add(term.code);
    const printedUnit = `${n.multiplier}${n.base}`;
    proposals.push({
      indicatorCode: term.code,
      term: sentence.slice(term.start, term.end),
      value: converted.value,
      unit,
      printed: { value: n.digits, unit: printedUnit },
      conversion: converted.factor === 1 ? null : { fromUnit: printedUnit, toUnit: unit, factor: converted.factor },
      sentence,
      changes,
    });
  }
  // A name with only a change ("R&D经费比上年增长10.3%"): shown, never a value.
  for (const [code, changes] of changesOf) {
    if (proposed.has(code) || skipped.some((s) => s.indicatorCode === code)) continue;
    const term = tokens.find((t): t is Term => t.kind === 'term' && t.code === code);
    skipped.push({
      sentence,
      text: term ? sentence.slice(term.start, term.end) : code,
      reason: 'change_only',
      indicatorCode: code,
      changes,
    });
  }
  return { proposals, skipped };
}

/** Whether a name at pos is in a clause that starts 其中, and does not follow 其中 directly. */
function subItem(folded: string, clauseStart: number, pos: number): boolean {
  let lead = clauseStart;
  while (folded[lead] === ' ') lead++;
  return folded.startsWith('其中', lead) && pos > lead + 2;
}

/** A count of firms that passed certification is the newly certified count: the alias 新认定<name>. */
function newlyCertified(term: Term, folded: string, terms: BulletinTerms): Term {
  const after = folded.slice(term.end, term.end + 6);
  const before = folded.slice(Math.max(0, term.start - 3), term.start);
  if (!NEWLY.some((w) => after.startsWith(w) || before.endsWith(w))) return term;
  for (const prefix of ['新认定', '新增']) {
    const code = terms.code(`${prefix}${term.text}`);
    if (code) return { ...term, code };
  }
  return term;
}

/** "A与B分别为X和Y": the names before 分别 and the numbers after it in its clause, in order. */
function pairRespectively(
  folded: string,
  start: number,
  at: number,
  tokens: Token[],
  clause: number[],
  terms: BulletinTerms,
  levelOf: Map<NumberToken, Term>,
) {
  const subject = folded.slice(start, at);
  const parts: { text: string; start: number }[] = [];
  let from = 0;
  for (let i = 0; i <= subject.length; i++) {
    if (i === subject.length || subject[i] === '与' || subject[i] === '和' || subject[i] === '及' || subject[i] === '、') {
      if (i > from) parts.push({ text: subject.slice(from, i), start: start + from });
      from = i + 1;
    }
  }
  // A list of a few names; more is not a bulletin's sentence (and each part is looked up below).
  if (parts.length < 2 || parts.length > MAX_RESPECTIVELY) return;
  const named: Term[] = [];
  let head: Term | null = null;
  for (const part of parts) {
    const end = part.start + part.text.length;
    const inside = tokens.filter((t): t is Term => t.kind === 'term' && t.start >= part.start && t.end <= end);
    const found = inside[inside.length - 1];
    if (found) {
      named.push(found);
      head ??= found;
      continue;
    }
    // 授权量 after 专利申请量: the first name's head with this part's ending (专利 + 授权量).
    if (!head) return;
    const tail = part.text.trim();
    let composed: Term | null = null;
    for (let k = head.text.length - 1; k > 0 && !composed; k--) {
      const code = terms.code(head.text.slice(0, k) + tail);
      if (code) composed = { kind: 'term', start: end - tail.length, end, text: tail, code };
    }
    if (!composed) return;
    named.push(composed);
  }
  const first = tokens.findIndex((t) => t.start >= at);
  if (first < 0) return;
  const values = tokens.filter(
    (t, k): t is NumberToken => t.kind === 'number' && k >= first && !t.change && clause[k] === clause[first],
  );
  if (named.length < 2 || values.length !== named.length) return;
  values.forEach((v, k) => {
    levelOf.set(v, named[k] as Term);
  });
}
