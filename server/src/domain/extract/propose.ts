// proposeTargets: every quantified target of a plan's text, as proposals an administrator accepts,
// edits or rejects. Deterministic rules over the words of Chinese plans, no external service. The
// rules, and why each exists, are in the comments where they act; the README of this folder gives
// the order. Offsets are offsets in the normalised text (./text.ts), so a clause is verbatim.

import { type CatalogueIndicator, type IndexedIndicator, IndicatorIndex, type IndicatorMatch, type Window } from './catalogue.js';
import { type PlanFacts, planFacts, type RegionRef } from './facts.js';
import { type Comparator, type Quantity, scanQuantities } from './numbers.js';
import { tableProposals } from './table.js';
import { isCjk, isDigit, matchView, normaliseDocument } from './text.js';
import { conversionFactor, unitFamily } from './units.js';

export type ProposalType = 'level' | 'share' | 'annual_growth' | 'per_year' | 'cumulative' | 'range' | 'benchmark' | 'milestone';

export type ReasonCode =
  | 'indicator_name'
  | 'indicator_alias'
  | 'indicator_inherited'
  | 'new_indicator'
  | 'year_in_sentence'
  | 'year_in_paragraph'
  | 'year_from_period'
  | 'year_missing'
  | 'comparator_stated'
  | 'comparator_from_direction'
  | 'unit_converted'
  | 'counter_differs'
  | 'decimal_glyph'
  | 'chinese_numeral'
  | 'table_row'
  | 'flow_over_period'
  | 'doubling'
  | 'also_stated';

export interface Reason {
  code: ReasonCode;
  /** a number or word the message shows: the match score, the year, the printed unit */
  detail?: string;
}

export interface NewIndicator {
  code: string;
  nameZh: string;
  unit: string;
  kind: 'share' | 'money' | 'flow' | 'stock';
  direction: 'up' | 'down';
}

export interface ProposedMilestone {
  year: number;
  value: number | null;
  clause: string;
  start: number;
  end: number;
}

export interface Proposal {
  key: string;
  start: number;
  end: number;
  clause: string;
  indicator: string | null;
  newIndicator: NewIndicator | null;
  type: ProposalType;
  comparator: Comparator;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  valueUnknown: boolean;
  /** the value as printed when the decimal glyph is ignored (the seed's valueAsPrinted) */
  valueAsPrinted: number | null;
  /** the unit as printed (万元, 家, %) and the indicator's unit the value is in */
  unitPrinted: string;
  unit: string;
  targetYear: number | null;
  baseYear: number | null;
  baseValue: number | null;
  benchmarkRegion: string | null;
  commitment: 'binding' | 'expected' | null;
  milestones: ProposedMilestone[];
  leadUnits: string[];
  responsibleUnits: string[];
  confidence: number;
  reasons: Reason[];
  /** the same target stated again elsewhere in the text */
  alsoAt: { start: number; end: number }[];
}

export interface ExtractOptions {
  regions?: readonly RegionRef[];
  /** known facts win over those read from the text */
  periodStart?: number | null;
  periodEnd?: number | null;
  regionCode?: string | null;
  /** the weighted share of an indicator's name that must be found in the clause (0–1) */
  minIndicatorScore?: number;
}

export interface Extraction {
  text: string;
  facts: PlanFacts;
  proposals: Proposal[];
}

// Below this share of its name found, an indicator is not proposed (measured on the seed plans: the
// right indicator scores 0.45–1, a wrong one seldom above 0.35).
const MIN_SCORE = 0.42;

// ---- the text's structure ------------------------------------------------------------------------

interface Span {
  start: number;
  end: number;
}

const SENTENCE_ENDS = '。；;！？!?';
const CLAUSE_ENDS = ',，:：';

/** Lines that are the noise of a copied web page, not the plan: navigation, footers, keyword spam. */
const NOISE_WORDS = [
  '版权所有',
  'copyright',
  'icp备',
  '主办单位',
  '承办单位',
  '联系我们',
  '网站地图',
  '当前位置',
  '浏览次数',
  '发布时间',
  '来源:',
  '打印本页',
  '关闭窗口',
  '分享到',
  '扫一扫',
  '上一篇',
  '下一篇',
];

export function isNoiseLine(view: string): boolean {
  const v = view.trim();
  if (v === '') return true;
  const lower = v.toLowerCase();
  if (NOISE_WORDS.some((w) => lower.includes(w))) return true;
  // A keyword line: several short comma- or space-separated phrases and no sentence of the plan
  // (the spam line heading Panjin's copy). Plan sentences end with 。 or carry a verb run longer than this.
  // (a table row has numbers in its cells and is not one)
  if (!v.includes('。') && !v.includes('；') && !v.includes('\t') && !/\d/.test(v)) {
    const parts = v.split(/[,，|/]|\s/).filter((p) => p.length > 0);
    if (parts.length >= 3 && parts.every((p) => p.length <= 16)) return true;
  }
  return false;
}

function spansOf(view: string, span: Span, ends: string): Span[] {
  const out: Span[] = [];
  let s = span.start;
  for (let i = span.start; i < span.end; i++) {
    if (ends.includes(view[i] as string)) {
      if (i > s) out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  if (span.end > s) out.push({ start: s, end: span.end });
  return out;
}

interface YearMention {
  start: number;
  end: number;
  year: number;
  /** 比2015年 / 由2015年的: a base, not a target year */
  base: boolean;
}

/** Years that set a target's year: 到2020年, 2020年, 于2015年前, 2014年底; not periods (2014-2020年) nor dates. */
export function yearMentions(view: string, span: Span): YearMention[] {
  const out: YearMention[] = [];
  for (let i = span.start; i + 5 <= span.end; i++) {
    if (view[i + 4] !== '年' || isDigit(view[i - 1])) continue;
    const digits = view.slice(i, i + 4);
    if (!/^\d{4}$/.test(digits)) continue;
    const year = Number(digits);
    if (year < 1949 || year > 2100) continue;
    const prev = view[i - 1] ?? '';
    // the end of a period (2014—2020年): not a target year
    if ('-–—~～至'.includes(prev) && prev !== '' && isDigit(view[i - 2])) continue;
    const next = view[i + 5] ?? '';
    if (isDigit(next) || view.startsWith('以来', i + 5) || next === '度') continue;
    let end = i + 5;
    if (next === '底' || next === '末' || next === '前') end++;
    let start = i;
    for (const w of ['力争到', '争取到', '力争在', '到', '至', '于', '在']) {
      if (view.startsWith(w, i - w.length)) {
        start = i - w.length;
        break;
      }
    }
    const base = prev === '比' || prev === '较' || prev === '由' || prev === '从';
    out.push({ start, end, year, base });
  }
  return out;
}

// ---- the words around a quantity -------------------------------------------------------------------

// Words after which the subject is on the left (全市高新技术企业达到140家): a copula or a rate.
const COPULAS = [
  '达到',
  '达',
  '为',
  '至',
  '到',
  '增长',
  '突破',
  '超过',
  '控制在',
  '提高到',
  '增加到',
  '保持在',
  '不低于',
  '不少于',
  '不超过',
  '不高于',
  '约',
];
// Words that are the plan's grammar, not its subject: stripped before asking whether a clause names anything.
const FUNCTION_WORDS = [
  '力争',
  '争取',
  '达到',
  '年均增长率',
  '年均增长',
  '年增长率',
  '年增长',
  '增长率',
  '增长',
  '以上',
  '以下',
  '每年',
  '累计',
  '实现',
  '提高到',
  '保持在',
  '控制在',
  '全市',
  '全省',
  '达',
  '到',
  '至',
  '于',
  '在',
  '为',
  '年',
  '底',
  '前',
  '了',
  '的',
];
// Words that mark an amount of money or a share as a policy parameter (a subsidy, a reward), not a
// target: Panjin's 一次性予以100万元奖励, 最高补贴50万元, 3.6万元/年的薪酬补贴.
const POLICY_WORDS = ['奖励', '补贴', '资助', '贴息', '补助', '奖补', '经费支持', '配套支持', '薪酬'];
// Annual amounts of a flow (年产各类无人系统装备1万台架, 年生产生物基材料2万吨, a work plan's 全年新增):
// a level in the target year, not a total over the period.
const ANNUAL_AMOUNT = [
  '全年',
  '年内',
  '年产',
  '年生产',
  '年销售',
  '年实现',
  '年净利润',
  '年产值',
  '年税收',
  '年收入',
  '年处理',
  '年加工',
];
const GROWTH_WORDS = ['年均增长', '年增长', '年均递增', '年递增', '年均增速'];
const NEW_WORDS = ['新增', '新认定', '新培育', '新发展', '新引进'];
const COMPLETION_VERBS = ['完成', '建成', '成立', '进入', '跻身', '成为', '创建', '获批', '通过', '建立'];
const AT_LEAST_BEFORE = ['不低于', '不少于', '超过', '突破', '高于'];
const AT_MOST_BEFORE = ['不超过', '不高于', '控制在', '低于', '以内'];

function stripFunctionWords(s: string): string {
  let out = s.replace(/\d{4}年/g, '');
  for (const w of FUNCTION_WORDS) out = out.split(w).join('');
  return [...out].filter(isCjk).join('');
}

interface Candidate {
  q: Quantity | null;
  /** for a benchmark: where 全国平均水平 is */
  start: number;
  end: number;
  paragraph: Span;
  sentence: Span;
  clause: Span;
  windows: Window[];
  subjectEmpty: boolean;
  benchmarkScope: 'country' | 'province' | 'city' | null;
  growth: boolean;
  perYearWord: boolean;
  /** 新增, 新认定, 新培育: what is added, a flow, not the stock */
  newWord: boolean;
  cumulativeWord: boolean;
  annualAmount: boolean;
  comparatorBefore: Comparator | null;
  base: { year: number | null; value: number } | null;
  leftClauseStart: number;
  /** where the clause quoted for the target ends: after the object noun when there is one */
  objectEnd: number;
  /** 翻一番 (×2), 翻两番 (×4): a multiple of the base */
  multiple?: number;
}

/** the object after a counter ends before a conjunction that starts the next item (人才和10个…) */
function objectEnd(view: string, from: number, to: number): number {
  let end = to;
  while (end > from && /[\s和及与、]/.test(view[end - 1] as string)) end--;
  return end;
}

// ---- proposing -----------------------------------------------------------------------------------

export function proposeTargets(
  rawText: string,
  catalogue: readonly CatalogueIndicator[],
  options: ExtractOptions = {},
): Extraction {
  const text = normaliseDocument(rawText);
  const view = matchView(text);
  const regions = options.regions ?? [];
  const read = planFacts(text, view, regions, matchView);
  const facts: PlanFacts = {
    ...read,
    periodStart: options.periodStart !== undefined ? options.periodStart : read.periodStart,
    periodEnd: options.periodEnd !== undefined ? options.periodEnd : read.periodEnd,
    regionCode: options.regionCode !== undefined ? options.regionCode : read.regionCode,
  };
  const index = new IndicatorIndex(catalogue);
  const minScore = options.minIndicatorScore ?? MIN_SCORE;

  const paragraphs = spansOf(view, { start: 0, end: view.length }, '\n').filter((p) => !isNoiseLine(view.slice(p.start, p.end)));

  const proposals: Proposal[] = [];
  let heading: Span | null = null;
  for (const [n, paragraph] of paragraphs.entries()) {
    const pv = view.slice(paragraph.start, paragraph.end);
    const trimmed = pv.trim();
    // A heading (3.吕梁无人机产业基地, (二)山西吕梁国家级农业园区建设。) names what the paragraphs under
    // it speak of: its words are weak context for them.
    const isHeading = trimmed.length <= 40 && (trimmed.match(/。/g)?.length ?? 0) <= 1 && !/\d{4}年/.test(trimmed);
    const table = tableProposals(text, view, paragraph, index, facts);
    if (table) {
      proposals.push(table);
      continue;
    }
    const paragraphProposals = proposeInParagraph(
      text,
      view,
      paragraph,
      paragraphs[n + 1] ?? null,
      heading,
      index,
      facts,
      regions,
      minScore,
    );
    proposals.push(...paragraphProposals);
    if (isHeading) heading = { start: paragraph.start, end: paragraph.end };
  }
  return { text, facts, proposals: finish(text, proposals) };
}

function proposeInParagraph(
  text: string,
  view: string,
  paragraph: Span,
  nextParagraph: Span | null,
  heading: Span | null,
  index: IndicatorIndex,
  facts: PlanFacts,
  regions: readonly RegionRef[],
  minScore: number,
): Proposal[] {
  const years = yearMentions(view, paragraph);
  const sentences = spansOf(view, paragraph, SENTENCE_ENDS);
  // The units are named at the end of a task, which may run over two paragraphs (Lüliang's gas
  // paragraph and its plants paragraph share one 牵头单位): the next paragraph's, when this one has none.
  let units = responsibleUnits(text, view, paragraph);
  if (units.lead.length === 0 && units.responsible.length === 0 && nextParagraph)
    units = responsibleUnits(text, view, nextParagraph);
  // The paragraph's lead (1.部署农业园区创新链。) names its subject for every sentence after it.
  const first = sentences[0];
  const lead: Window[] = [];
  if (heading) lead.push({ view: view.slice(heading.start, heading.end), weight: 0.6 });
  if (first && first.end - first.start <= 30 && sentences.length > 1)
    lead.push({ view: view.slice(first.start, first.end), weight: 0.6 });

  const out: Proposal[] = [];
  for (const sentence of sentences) {
    const sv = view.slice(sentence.start, sentence.end);
    const policy = POLICY_WORDS.some((w) => sv.includes(w));
    // A quantity is a policy parameter when its own clause is about a subsidy, or when it is money in
    // a sentence that is (对…予以20万元、50万元奖励); a count after a reward clause is still a target
    // (…给予10万元奖励,力争年内新增高新技术企业11家).
    const isPolicy = (c: Candidate) => {
      const cv = view.slice(c.clause.start, c.clause.end);
      if (POLICY_WORDS.some((w) => cv.includes(w))) return true;
      return c.q !== null && c.q.base === '元' && (policy || /予以|给予|最高/.test(cv));
    };
    const clauses = spansOf(view, sentence, CLAUSE_ENDS);
    const candidates: Candidate[] = [];
    {
      // the sentence's topic: its words before its first quantity (later clauses have their own subjects)
      const topicEnd = scanQuantities(view, sentence.start, sentence.end)[0]?.start ?? sentence.end;
      for (const clause of clauses) candidates.push(...clauseCandidates(view, paragraph, sentence, clause, lead, topicEnd));
      candidates.push(...benchmarkCandidates(view, paragraph, sentence, clauses, lead));
      candidates.push(...doublingCandidates(view, paragraph, sentence, clauses, lead));
      candidates.sort((a, b) => a.start - b.start);
    }
    for (let i = candidates.length - 1; i >= 0; i--) if (isPolicy(candidates[i] as Candidate)) candidates.splice(i, 1);
    type Previous = { match: IndicatorMatch | null; candidate: Candidate; newIndicator: NewIndicator | null };
    let previous = null as Previous | null;
    const usedClauses = new Set<number>();
    let base: { q: Quantity; year: number | null } | null = null;
    for (const c of candidates) {
      if (c.q && isBaseQuantity(view, c)) {
        // 由2020年的1.5%提高到2.5%: the starting point of the next target in the sentence
        const mention = years.find((y) => y.base && y.start >= c.clause.start && y.end <= c.start);
        base = { q: c.q, year: mention?.year ?? null };
        continue;
      }
      const inherited: boolean = c.subjectEmpty && previous !== null;
      const match: IndicatorMatch | null = inherited ? (previous?.match ?? null) : bestIndicator(index, c, minScore);
      const proposal = buildProposal(text, view, c, match, inherited, years, facts, regions, units, index, minScore);
      if (!proposal) continue;
      if (inherited && previous) {
        proposal.start = Math.min(proposal.start, previous.candidate.leftClauseStart);
        proposal.clause = clauseText(text, proposal.start, proposal.end);
        if (!match && previous.newIndicator) proposal.newIndicator = previous.newIndicator;
      }
      if (base && proposal.value !== null && base.year !== null && proposal.type !== 'annual_growth') {
        const factor = proposal.indicator && base.q.base !== '%' ? (conversionFactor(base.q, proposal.unit) ?? 1) : 1;
        proposal.baseYear = base.year;
        proposal.baseValue = round(base.q.value * factor);
      }
      base = null;
      out.push(proposal);
      usedClauses.add(c.clause.start);
      previous = { match, candidate: c, newIndicator: proposal.newIndicator };
    }
    if (!policy) {
      const free = clauses.filter((cl) => !usedClauses.has(cl.start));
      const m = free.length > 0 ? milestoneProposal(text, view, sentence, free, lead, years, index, facts, units) : null;
      if (m) out.push(m);
    }
  }
  return out;
}

/** a quantity introduced as the starting point (由2015年的1.5%提高到2.5%) is the next one's base */
function isBaseQuantity(view: string, c: Candidate): boolean {
  const left = view.slice(c.clause.start, c.start);
  return /(?:由|从|比)(?:\d{4}年)?(?:的)?$/.test(left.slice(-10));
}

function clauseCandidates(
  view: string,
  paragraph: Span,
  sentence: Span,
  clause: Span,
  lead: Window[],
  topicEnd: number,
): Candidate[] {
  const qs = scanQuantities(view, clause.start, clause.end);
  const out: Candidate[] = [];
  let leftBound = clause.start;
  const clauseLead = qs[0] ? view.slice(clause.start, qs[0].start) : '';
  const earlierClauses = view.slice(sentence.start, Math.min(clause.start, topicEnd));
  qs.forEach((q, i) => {
    const next = qs[i + 1];
    const rightEnd = next ? next.start : clause.end;
    const left = view.slice(leftBound, q.start);
    const rightRaw = view.slice(q.end, rightEnd);
    const right = rightRaw.startsWith('的') ? rightRaw.slice(1) : rightRaw;
    const copula = COPULAS.some((w) => left.endsWith(w));
    // An object after the counter (引进和培养30名高层次人才, 建成15个以上产业技术创新联盟): the subject
    // is on the right. Not when the next character ends the item (4-6个、工程技术研究中心2-4个).
    const claimsRight = !copula && (isCjk(right[0]) || rightRaw.startsWith('的')) && [...right].filter(isCjk).length >= 2;
    const windows: Window[] = [{ view: left, weight: 1 }];
    if (claimsRight) windows.push({ view: right, weight: 1 });
    else {
      // a counter that is the first character of a word (七大项目): the word names the subject too
      let k = q.unitEnd;
      while (k < rightEnd && isCjk(view[k]) && k - q.unitEnd < 6) k++;
      if (k > q.unitEnd) windows.push({ view: view.slice(q.unitEnd - 1, k), weight: 1 });
    }
    // Chinese plans state a topic once and its figures in the clauses after it (开发大型光伏电站项目
    // 建设,到2020年装机规模达20万千瓦): the sentence's earlier clauses weigh almost as much as the clause.
    if (i > 0) windows.push({ view: clauseLead, weight: 0.7 });
    windows.push({ view: earlierClauses, weight: 0.7 }, ...lead);
    // bounded look-back: a hostile sentence of thousands of quantities must not make this quadratic
    const before = view.slice(Math.max(sentence.start, q.start - 200), q.start);
    const nearLeft = left.slice(-12);
    const comparatorBefore = AT_LEAST_BEFORE.some((w) => nearLeft.includes(w))
      ? 'at_least'
      : AT_MOST_BEFORE.some((w) => nearLeft.includes(w))
        ? 'at_most'
        : null;
    out.push({
      q,
      start: q.start,
      end: q.end,
      paragraph,
      sentence,
      clause,
      windows,
      subjectEmpty: stripFunctionWords(left).length < 2 && !claimsRight,
      benchmarkScope: null,
      growth: q.base === '%' && GROWTH_WORDS.some((w) => nearLeft.includes(w)),
      perYearWord: before.includes('每年'),
      newWord: NEW_WORDS.some((w) => left.includes(w)),
      cumulativeWord: left.includes('累计'),
      annualAmount: ANNUAL_AMOUNT.some((w) => before.includes(w)) || q.perYear,
      comparatorBefore,
      base: null,
      leftClauseStart: clause.start,
      objectEnd: claimsRight ? objectEnd(view, q.end, rightEnd) : q.end,
    });
    leftBound = claimsRight ? rightEnd : q.end;
  });
  return out;
}

const BENCHMARK_SCOPES: [string, 'country' | 'province' | 'city'][] = [
  ['全国', 'country'],
  ['全省', 'province'],
  ['全区', 'province'],
  ['全市', 'city'],
];

/** 科技成果转化率每年达到全国平均水平: a benchmark, judged against the named region's figure. */
function benchmarkCandidates(view: string, paragraph: Span, sentence: Span, clauses: Span[], lead: Window[]): Candidate[] {
  const out: Candidate[] = [];
  for (const clause of clauses) {
    const cv = view.slice(clause.start, clause.end);
    const at = cv.indexOf('平均水平');
    if (at < 2) continue;
    const scope = BENCHMARK_SCOPES.find(([w]) => cv.slice(0, at).endsWith(w));
    if (!scope) continue;
    const start = clause.start + at - 2;
    const left = view.slice(clause.start, start);
    out.push({
      q: null,
      start,
      end: clause.start + at + 4,
      paragraph,
      sentence,
      clause,
      windows: [{ view: left, weight: 1 }, { view: view.slice(sentence.start, clause.start), weight: 0.5 }, ...lead],
      subjectEmpty: stripFunctionWords(left).length < 2,
      benchmarkScope: scope[1],
      growth: false,
      perYearWord: false,
      newWord: false,
      cumulativeWord: false,
      annualAmount: false,
      comparatorBefore: /不低于|高于|超过/.test(left.slice(-6)) ? 'at_least' : null,
      base: null,
      leftClauseStart: clause.start,
      objectEnd: clause.start + at + 4,
    });
  }
  return out;
}

const MULTIPLES: [string, number][] = [
  ['翻一番', 2],
  ['翻两番', 4],
  ['翻番', 2],
];

/** 研发经费比2020年翻一番: the level doubles from a base; with no base stated, from the year before the period. */
function doublingCandidates(view: string, paragraph: Span, sentence: Span, clauses: Span[], lead: Window[]): Candidate[] {
  const out: Candidate[] = [];
  for (const clause of clauses) {
    const cv = view.slice(clause.start, clause.end);
    const hit = MULTIPLES.find(([w]) => cv.includes(w));
    if (!hit) continue;
    const at = clause.start + cv.indexOf(hit[0]);
    const left = view.slice(clause.start, at);
    out.push({
      q: null,
      start: at,
      end: at + hit[0].length,
      paragraph,
      sentence,
      clause,
      windows: [{ view: left, weight: 1 }, { view: view.slice(sentence.start, clause.start), weight: 0.7 }, ...lead],
      subjectEmpty: stripFunctionWords(left).length < 2,
      benchmarkScope: null,
      growth: false,
      perYearWord: false,
      newWord: false,
      cumulativeWord: false,
      annualAmount: false,
      comparatorBefore: null,
      base: null,
      leftClauseStart: clause.start,
      objectEnd: at + hit[0].length,
      multiple: hit[1],
    });
  }
  return out;
}

function accepts(c: Candidate): (i: IndexedIndicator) => boolean {
  const q = c.q;
  return (i) => {
    if (i.yesNo) return false;
    if (!q) return true; // a benchmark: any indicator with figures
    if (c.growth) return true; // a growth rate in %: of any quantity
    if (q.base === '%') return i.unit === '%';
    return conversionFactor(q, i.unit) !== null;
  };
}

function bestIndicator(index: IndicatorIndex, c: Candidate, minScore: number): IndicatorMatch | null {
  const ranked = index.rank(c.windows, accepts(c));
  // A count "every year" or "newly added" is of a flow: a stock (高新技术企业数) cannot be per year.
  // 每年培育10户科技型企业通过高新技术企业认定 and 全年新增高新技术企业15家 are the newly certified
  // firms, not the stock of them; the stock only when no flow is named.
  const flowWanted = c.q !== null && c.q.base !== '%' && ((c.perYearWord && !c.annualAmount) || c.newWord);
  const flows = flowWanted ? ranked.filter((m) => m.indicator.kind !== 'stock') : [];
  const best = flows[0] && flows[0].score >= minScore ? flows[0] : ranked[0];
  return best && best.score >= minScore ? best : null;
}

function targetYearOf(
  c: { start: number; sentence: Span },
  years: YearMention[],
  facts: PlanFacts,
): { year: number | null; reason: Reason } {
  const last = lastYearBefore(years, c.start);
  if (last && last.start >= c.sentence.start)
    return { year: last.year, reason: { code: 'year_in_sentence', detail: String(last.year) } };
  if (last) return { year: last.year, reason: { code: 'year_in_paragraph', detail: String(last.year) } };
  if (facts.periodEnd !== null)
    return { year: facts.periodEnd, reason: { code: 'year_from_period', detail: String(facts.periodEnd) } };
  return { year: null, reason: { code: 'year_missing' } };
}

/** the last target-year mention ending at or before `at` (binary search: the mentions are in order) */
function lastYearBefore(years: YearMention[], at: number): YearMention | undefined {
  let lo = 0;
  let hi = years.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((years[mid] as YearMention).end <= at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 50; i--) if (!(years[i] as YearMention).base) return years[i];
  return undefined;
}

function benchmarkRegionOf(
  scope: 'country' | 'province' | 'city',
  facts: PlanFacts,
  regions: readonly RegionRef[],
): string | null {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const chain: RegionRef[] = [];
  let r = facts.regionCode ? byCode.get(facts.regionCode) : undefined;
  while (r && chain.length < 6) {
    chain.push(r);
    r = r.parentCode ? byCode.get(r.parentCode) : undefined;
  }
  if (scope === 'country') return chain[chain.length - 1]?.code ?? regions.find((x) => !x.parentCode)?.code ?? null;
  if (scope === 'city') return facts.regionCode;
  // the province: the region below the country in the plan region's chain
  return chain.length >= 2 ? (chain[chain.length - 2]?.code ?? null) : null;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

function clauseText(text: string, start: number, end: number): string {
  return text.slice(start, end);
}

/** From the clause's start (or the year phrase before it in the same sentence) to the quantity's end. */
function clauseStartOf(view: string, c: Candidate, years: YearMention[]): number {
  const last = lastYearBefore(years, c.start);
  const year = last && last.start >= c.sentence.start ? last : undefined;
  let start = year ? Math.min(year.start, c.clause.start) : c.clause.start;
  while (start < c.start && /[\s——\-·•、]/.test(view[start] as string)) start++;
  return start;
}

function buildProposal(
  text: string,
  view: string,
  c: Candidate,
  match: IndicatorMatch | null,
  inherited: boolean,
  years: YearMention[],
  facts: PlanFacts,
  regions: readonly RegionRef[],
  units: { lead: string[]; responsible: string[] },
  index: IndicatorIndex,
  minScore: number,
): Proposal | null {
  const q = c.q;
  const reasons: Reason[] = [];
  let indicator = match?.indicator ?? null;
  if (indicator && q && !c.growth && q.base !== '%' && conversionFactor(q, indicator.unit) === null) indicator = null;
  let newIndicator: NewIndicator | null = null;
  if (!indicator) {
    // A clause that names no catalogue indicator is proposed with a new one only when the plan's
    // grammar says it is a target (达到…, …以上, 到N年, 每年, 累计): a number in passing is not.
    const left = view.slice(c.clause.start, c.start);
    const strong =
      q !== null && (q.comparator !== null || c.comparatorBefore !== null || /达到|达|力争|累计|每年|年均增长|控制在/.test(left));
    const hasYear = (lastYearBefore(years, c.start)?.start ?? -1) >= c.paragraph.start;
    if (!strong || !hasYear || !q) return null;
    const name = stripSubject(left);
    if (name.length < 2) return null;
    newIndicator = proposeIndicator(text.slice(c.clause.start, c.start), name, q, c);
    reasons.push({ code: 'new_indicator' });
  } else if (inherited) {
    reasons.push({ code: 'indicator_inherited', detail: indicator.code });
  } else if (match) {
    reasons.push({ code: match.alias ? 'indicator_alias' : 'indicator_name', detail: match.score.toFixed(2) });
  }
  void index;
  void minScore;

  const { year, reason: yearReason } = targetYearOf(c, years, facts);
  reasons.push(yearReason);

  const unit = indicator?.unit ?? newIndicator?.unit ?? '';
  const direction = indicator?.direction ?? newIndicator?.direction ?? 'up';
  let comparator: Comparator;
  if (q?.comparator ?? c.comparatorBefore) {
    comparator = (q?.comparator ?? c.comparatorBefore) as Comparator;
    reasons.push({ code: 'comparator_stated' });
  } else {
    // 达到N reads as "at least N" for a quantity that should rise, "at most" for one that should fall
    // (煤矿瓦斯风排量: vented methane): the seed's reading of plan language.
    comparator = direction === 'down' ? 'at_most' : 'at_least';
    reasons.push({ code: 'comparator_from_direction' });
  }

  let type: ProposalType;
  let value: number | null = null;
  let valueMin: number | null = null;
  let valueMax: number | null = null;
  let valueAsPrinted: number | null = null;
  let unitPrinted = '';
  let benchmarkRegion: string | null = null;
  if (!q && c.multiple) {
    // A multiple of a base is a growth over the years between: ×2 over n years is (2^(1/n) − 1) a
    // year, the rate the progress method judges. The base year is the one named (比2020年), else the
    // year before the plan's period.
    const named = years.find((y) => y.base && y.start >= c.clause.start && y.end <= c.start);
    const baseYear = named?.year ?? (facts.periodStart !== null ? facts.periodStart - 1 : null);
    type = 'annual_growth';
    if (baseYear !== null && year !== null && year > baseYear) {
      value = Math.round((c.multiple ** (1 / (year - baseYear)) - 1) * 10000) / 100;
      reasons.push({ code: 'doubling', detail: `×${c.multiple} ${baseYear}–${year}` });
    }
    if (!indicator) return null;
  } else if (!q) {
    type = 'benchmark';
    benchmarkRegion = c.benchmarkScope ? benchmarkRegionOf(c.benchmarkScope, facts, regions) : null;
    comparator = 'at_least';
  } else {
    unitPrinted = `${q.prefix}${q.base}${q.perYear ? '/年' : ''}`;
    let factor = 1;
    if (q.base !== '%') {
      factor = (indicator ? conversionFactor(q, indicator.unit) : 1) ?? 1;
      if (factor !== 1) reasons.push({ code: 'unit_converted', detail: `${unitPrinted}→${unit}` });
      const printedBase = q.base;
      const targetBase = unit.replace(/^[万亿]/, '').split('/')[0];
      if (indicator && unitFamily(printedBase) === 'count' && targetBase !== printedBase)
        reasons.push({ code: 'counter_differs', detail: `${printedBase}→${targetBase}` });
    }
    if (q.damagedDecimal) {
      valueAsPrinted = q.valueAsPrinted;
      reasons.push({ code: 'decimal_glyph', detail: String(q.valueAsPrinted) });
    }
    if (q.chineseNumeral) reasons.push({ code: 'chinese_numeral' });
    if (c.growth) {
      type = 'annual_growth';
      value = q.value;
    } else if (q.valueMax !== null) {
      type = 'range';
      valueMin = round(q.value * factor);
      valueMax = round(q.valueMax * factor);
    } else {
      value = round(q.value * factor);
      if (q.base === '%') type = 'share';
      else if (c.perYearWord && !c.annualAmount) type = 'per_year';
      else if (c.cumulativeWord) type = 'cumulative';
      else if (
        (indicator?.kind ?? newIndicator?.kind) === 'flow' &&
        !c.annualAmount &&
        facts.periodStart !== facts.periodEnd &&
        (unitFamily(q.base) === 'count' || unitFamily(q.base) === 'persons')
      ) {
        // A counted flow (technologies mastered, talents brought in) without "a year" is counted over
        // the plan's period: 攻克关键核心技术50项 by 2021 is 50 in 2019–2021 together. A measured flow
        // (瓦斯抽采量25.5亿立方米) by a year is that year's amount: a level; so is any flow of a one-year plan.
        type = 'cumulative';
        reasons.push({ code: 'flow_over_period' });
      } else type = 'level';
    }
  }

  const start = clauseStartOf(view, c, years);
  const end = Math.max(c.end, c.objectEnd);
  const confidence = confidenceOf(match, inherited, newIndicator !== null, yearReason.code, reasons);
  return {
    key: '',
    start,
    end,
    clause: clauseText(text, start, end),
    indicator: indicator?.code ?? null,
    newIndicator,
    type,
    comparator,
    value,
    valueMin,
    valueMax,
    valueUnknown: false,
    valueAsPrinted,
    unitPrinted,
    unit,
    targetYear: year,
    baseYear: null,
    baseValue: null,
    benchmarkRegion,
    commitment: null,
    milestones: [],
    leadUnits: units.lead,
    responsibleUnits: units.responsible,
    confidence,
    reasons,
    alsoAt: [],
  };
}

function confidenceOf(
  match: IndicatorMatch | null,
  inherited: boolean,
  isNew: boolean,
  yearCode: ReasonCode,
  reasons: Reason[],
): number {
  let c = 0.35;
  if (match) c += 0.4 * Math.min(1, match.score);
  if (inherited) c -= 0.05;
  if (isNew) c += 0.1;
  if (yearCode === 'year_in_sentence') c += 0.15;
  else if (yearCode === 'year_in_paragraph') c += 0.1;
  else if (yearCode === 'year_from_period') c += 0.03;
  if (reasons.some((r) => r.code === 'comparator_stated')) c += 0.1;
  if (reasons.some((r) => r.code === 'counter_differs' || r.code === 'decimal_glyph')) c -= 0.05;
  return Math.max(0.05, Math.min(0.99, Math.round(c * 100) / 100));
}

/** The subject words of a clause for a new indicator's name: the grammar and the year stripped. */
function stripSubject(left: string): string {
  let s = left.replace(/\d{4}年(?:底|末|前)?/g, '');
  for (const w of [
    '力争到',
    '争取到',
    '力争',
    '争取',
    '达到',
    '达',
    '到',
    '至',
    '全市',
    '全省',
    '每年',
    '累计',
    '年均增长',
    '控制在',
    '不低于',
    '不少于',
  ])
    s = s.split(w).join('');
  return s.replace(/[\s,，、:：“”"]/g, '');
}

function proposeIndicator(printedName: string, name: string, q: Quantity, c: Candidate): NewIndicator {
  const kind: NewIndicator['kind'] =
    q.base === '%' ? 'share' : q.base === '元' ? 'money' : c.perYearWord || c.cumulativeWord ? 'flow' : 'stock';
  const down = /控制在|以下|以内|不超过|不高于|降低|下降|减少/.test(printedName) || q.comparator === 'at_most';
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return {
    code: `new_${h.toString(36)}`,
    nameZh: name,
    unit: c.growth ? '' : `${q.prefix}${q.base}`,
    kind,
    direction: down ? 'down' : 'up',
  };
}

/** (牵头单位:市科技局;责任单位:各县区政府、经济区管委会) in the paragraph, simplified or traditional. */
function responsibleUnits(text: string, view: string, paragraph: Span): { lead: string[]; responsible: string[] } {
  const pv = view.slice(paragraph.start, paragraph.end);
  const pick = (label: string): string[] => {
    const at = pv.lastIndexOf(label);
    if (at < 0) return [];
    let i = at + label.length;
    if (pv[i] === ':' || pv[i] === '：') i++;
    let j = i;
    while (j < pv.length && !';；)）\n'.includes(pv[j] as string)) j++;
    return text
      .slice(paragraph.start + i, paragraph.start + j)
      .split(/[、,，]/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  };
  return { lead: pick('牵头单位'), responsible: pick('责任单位') };
}

/**
 * A deliverable (a catalogue indicator whose unit is 是/否: 进入国家创新型城市行列, “一城三基地”建成)
 * named in a sentence with a verb of completion (建成, 完成, 跻身…) and no quantity: a milestone.
 */
function milestoneProposal(
  text: string,
  view: string,

  sentence: Span,
  clauses: Span[],
  lead: Window[],
  years: YearMention[],
  index: IndicatorIndex,
  facts: PlanFacts,
  units: { lead: string[]; responsible: string[] },
): Proposal | null {
  // only the clauses no quantity was proposed from (力争5个试点县进入全省创新型城市行列 is a count)
  const sv = clauses.map((cl) => view.slice(cl.start, cl.end)).join(',');
  if (!COMPLETION_VERBS.some((v) => sv.includes(v))) return null;
  const ranked = index.rank([{ view: sv, weight: 1 }, ...lead.map((l) => ({ ...l, weight: 0.2 }))], (i) => i.yesNo);
  const best = ranked[0];
  if (!best || best.score < 0.6) return null;
  let start = sentence.start;
  while (start < sentence.end && /[\s——\-·•]/.test(view[start] as string)) start++;
  const c = { start: sentence.end, sentence };
  let lo = 0;
  let hi = years.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((years[mid] as YearMention).start < sentence.start) lo = mid + 1;
    else hi = mid;
  }
  let inSentence: YearMention | undefined;
  for (let i = lo; i < years.length && (years[i] as YearMention).end <= sentence.end && i < lo + 50; i++) {
    if (!(years[i] as YearMention).base) {
      inSentence = years[i];
      break;
    }
  }
  const yr = inSentence
    ? { year: inSentence.year, reason: { code: 'year_in_sentence' as const, detail: String(inSentence.year) } }
    : targetYearOf({ ...c, start: sentence.start }, years, facts);
  const reasons: Reason[] = [
    { code: best.alias ? 'indicator_alias' : 'indicator_name', detail: best.score.toFixed(2) },
    yr.reason,
  ];
  return {
    key: '',
    start,
    end: sentence.end,
    clause: text.slice(start, sentence.end),
    indicator: best.indicator.code,
    newIndicator: null,
    type: 'milestone',
    comparator: 'at_least',
    value: null,
    valueMin: null,
    valueMax: null,
    valueUnknown: false,
    valueAsPrinted: null,
    unitPrinted: '',
    unit: best.indicator.unit,
    targetYear: yr.year,
    baseYear: null,
    baseValue: null,
    benchmarkRegion: null,
    commitment: null,
    milestones: [],
    leadUnits: units.lead,
    responsibleUnits: units.responsible,
    confidence: confidenceOf(best, false, false, yr.reason.code, reasons),
    reasons,
    alsoAt: [],
  };
}

// ---- merging ---------------------------------------------------------------------------------------

const identity = (p: Proposal) =>
  [p.indicator ?? p.newIndicator?.nameZh, p.type, p.value, p.valueMin, p.valueMax, p.targetYear, p.benchmarkRegion].join('|');

/**
 * Interim milestones, then one proposal per target. The same indicator named twice in one paragraph
 * for two years (到2015年…25亿立方米…2020年…50亿立方米) is one target with a milestone; the same target
 * stated twice (Panjin's goal paragraph and its task 6) is proposed once; a deliverable is done once.
 */
function finish(text: string, proposals: Proposal[]): Proposal[] {
  const byParagraphIndicator = new Map<string, Proposal[]>();
  const paragraphOf = (p: Proposal) => text.lastIndexOf('\n', p.start);
  for (const p of proposals) {
    if (!p.indicator || p.type === 'milestone' || p.type === 'benchmark' || p.targetYear === null) continue;
    const k = `${paragraphOf(p)}|${p.indicator}|${p.type}`;
    byParagraphIndicator.set(k, [...(byParagraphIndicator.get(k) ?? []), p]);
  }
  const dropped = new Set<Proposal>();
  for (const group of byParagraphIndicator.values()) {
    if (group.length < 2) continue;
    const latest = group.reduce((a, b) => ((b.targetYear ?? 0) > (a.targetYear ?? 0) ? b : a));
    for (const p of group) {
      if (p === latest || (p.targetYear ?? 0) >= (latest.targetYear ?? 0)) continue;
      latest.milestones.push({ year: p.targetYear as number, value: p.value, clause: p.clause, start: p.start, end: p.end });
      dropped.add(p);
    }
    latest.milestones.sort((a, b) => a.year - b.year);
  }
  const kept: Proposal[] = [];
  const seen = new Map<string, Proposal>();
  const deliverables = new Map<string, Proposal>();
  for (const p of proposals) {
    if (dropped.has(p)) continue;
    if (p.type === 'milestone' && p.indicator) {
      const first = deliverables.get(p.indicator);
      if (first) {
        first.alsoAt.push({ start: p.start, end: p.end });
        continue;
      }
      deliverables.set(p.indicator, p);
    }
    const id = identity(p);
    const same = seen.get(id);
    if (same) {
      same.alsoAt.push({ start: p.start, end: p.end });
      if (!same.reasons.some((r) => r.code === 'also_stated')) same.reasons.push({ code: 'also_stated' });
      continue;
    }
    seen.set(id, p);
    kept.push(p);
  }
  const keys = new Set<string>();
  for (const p of kept) {
    const stem =
      `${(p.indicator ?? p.newIndicator?.code ?? 'target').replace(/_/g, '-')}${p.type === 'annual_growth' ? '-growth' : p.type === 'per_year' ? '-per-year' : ''}${p.targetYear ? `-${p.targetYear}` : ''}`.slice(
        0,
        70,
      );
    let key = stem;
    for (let n = 2; keys.has(key); n++) key = `${stem}-${n}`;
    keys.add(key);
    p.key = key;
  }
  return kept;
}
