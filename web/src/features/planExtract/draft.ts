// The new-plan page's state, pure: proposals from POST /api/plans/extract as editable rows, the
// accepted rows as a plan file's targets (the seed format, domain/planFile.ts checks it on save),
// the plan's facts prefilled from what the text says, and a refused save's problems traced back to
// the row and field they are about. No React, no DOM.

export type ProposalType = 'level' | 'share' | 'annual_growth' | 'per_year' | 'cumulative' | 'range' | 'benchmark' | 'milestone';
export const PROPOSAL_TYPES: readonly ProposalType[] = [
  'level',
  'share',
  'annual_growth',
  'per_year',
  'cumulative',
  'range',
  'benchmark',
  'milestone',
];
export const COMPARATORS = ['at_least', 'at_most', 'about', 'exactly'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export interface Proposal {
  key: string;
  start: number;
  end: number;
  clause: string;
  indicator: string | null;
  newIndicator: { code: string; nameZh: string; unit: string; kind: string; direction: string } | null;
  type: string;
  comparator: string;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  valueUnknown: boolean;
  valueAsPrinted: number | null;
  unitPrinted: string;
  unit: string;
  targetYear: number | null;
  baseYear: number | null;
  baseValue: number | null;
  benchmarkRegion: string | null;
  commitment: string | null;
  milestones: { year: number; value: number | null; clause: string; start: number; end: number }[];
  leadUnits: string[];
  responsibleUnits: string[];
  confidence: number;
  reasons: { code: string; detail?: string }[];
  alsoAt: { start: number; end: number }[];
}

export interface Extraction {
  text: string;
  source: { fileName: string | null; format: string; encoding: string | null };
  facts: {
    titleZh: string | null;
    docNumber: string | null;
    issuerZh: string | null;
    issueDate: string | null;
    periodStart: number | null;
    periodEnd: number | null;
    regionCode: string | null;
  };
  proposals: Proposal[];
}

export type Decision = 'proposed' | 'accepted' | 'rejected';

/** The indicators table's words (seed/indicators.tsv): a new indicator's kind and direction. */
export const INDICATOR_KINDS = ['stock', 'flow', 'share', 'money'] as const;
export const INDICATOR_DIRECTIONS = ['up', 'down', 'band'] as const;

/**
 * A new indicator as the administrator edits it before saving: the extractor's proposal (its
 * Chinese name, unit, kind and direction), with the English names to fill. Saved as the plan file's
 * `indicators` entry; the server creates it with the plan.
 */
export interface NewIndicatorDraft {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  kind: string;
  direction: string;
}
export type NewIndicatorField = keyof NewIndicatorDraft;

/** A proposal as the administrator edits it: numbers as typed, so a half-typed "2." stays. */
export interface Row {
  id: string;
  proposal: Proposal;
  decision: Decision;
  edited: boolean;
  indicator: string;
  type: ProposalType;
  comparator: Comparator;
  value: string;
  valueMin: string;
  valueMax: string;
  targetYear: string;
  benchmarkRegion: string;
  /** the new indicator the row proposes, used while no catalogue indicator is chosen */
  newIndicator: NewIndicatorDraft | null;
}

const text = (n: number | null) => (n === null ? '' : String(n));

function newIndicatorDraft(n: Proposal['newIndicator']): NewIndicatorDraft | null {
  if (!n) return null;
  // The English unit starts as the printed one (%, 万公里 reads in English pages too) for the administrator to translate.
  return { code: n.code, nameZh: n.nameZh, nameEn: '', unit: n.unit, unitEn: n.unit, kind: n.kind, direction: n.direction };
}

export function rowsOf(proposals: readonly Proposal[]): Row[] {
  return proposals.map((p) => ({
    id: p.key,
    proposal: p,
    decision: 'proposed',
    edited: false,
    indicator: p.indicator ?? '',
    type: (PROPOSAL_TYPES as readonly string[]).includes(p.type) ? (p.type as ProposalType) : 'level',
    comparator: (COMPARATORS as readonly string[]).includes(p.comparator) ? (p.comparator as Comparator) : 'at_least',
    value: text(p.value),
    valueMin: text(p.valueMin),
    valueMax: text(p.valueMax),
    targetYear: text(p.targetYear),
    benchmarkRegion: p.benchmarkRegion ?? '',
    newIndicator: newIndicatorDraft(p.newIndicator),
  }));
}

export type RowField = 'indicator' | 'type' | 'comparator' | 'value' | 'valueMin' | 'valueMax' | 'targetYear' | 'benchmarkRegion';

/** An edit accepts the row: the administrator has looked at it and said what it is. */
export function editRow(row: Row, field: RowField, value: string): Row {
  return { ...row, [field]: value, edited: true, decision: 'accepted' };
}

/** An edit of the row's new indicator accepts the row too. */
export function editNewIndicator(row: Row, field: NewIndicatorField, value: string): Row {
  if (!row.newIndicator) return row;
  return { ...row, newIndicator: { ...row.newIndicator, [field]: value }, edited: true, decision: 'accepted' };
}

/** Whether the row's target uses its new indicator (no catalogue indicator chosen). */
export const usesNewIndicator = (row: Row): row is Row & { newIndicator: NewIndicatorDraft } =>
  row.indicator === '' && row.newIndicator !== null;

/**
 * The new indicators the accepted rows use, once each by code, in row order: the plan file's
 * `indicators` (the first row's definition counts when two rows propose the same one).
 */
export function newIndicatorsOf(rows: readonly Row[]): { draft: NewIndicatorDraft; row: Row }[] {
  const out: { draft: NewIndicatorDraft; row: Row }[] = [];
  for (const r of rows) {
    if (r.decision !== 'accepted' || !usesNewIndicator(r)) continue;
    if (!out.some((o) => o.draft.code === r.newIndicator.code)) out.push({ draft: r.newIndicator, row: r });
  }
  return out;
}

/** Every unit form the rows print (牵头单位 / 责任单位), once each: what GET /api/units/match is asked about. */
export function unitFormsOf(rows: readonly Row[]): string[] {
  return [...new Set(rows.flatMap((r) => [...r.proposal.leadUnits, ...r.proposal.responsibleUnits]))].sort();
}

/** A form's match, as GET /api/units/match answers: true when it names a unit of the plan's region. */
export type UnitMatches = ReadonlyMap<string, boolean>;

export interface Facts {
  slug: string;
  sourceFile: string;
  kind: 'action_plan' | 'implementation_opinion' | 'work_plan' | 'work_summary';
  titleZh: string;
  titleEn: string;
  docNumber: string;
  issuerZh: string;
  issuerEn: string;
  issueDate: string;
  periodStart: string;
  periodEnd: string;
  status: 'in_force' | 'expired' | 'unknown';
  regionCode: string;
}

/** The facts form prefilled from the text; the English names and the slug are the administrator's. */
/**
 * A short fingerprint of a text, stable across sessions and browsers: FNV-1a (32 bits) over its
 * UTF-16 code units, as 8 hex digits. Not a security hash: it only keeps two documents' default
 * file names apart (see sourceFileOf).
 */
export function textFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The file name a new plan's document is stored under. The server keeps one document per name and
 * refuses another text under a stored name (409 document_differs), so a default made of the date
 * alone made the second plan pasted the same day fail. The default is a function of the text alone:
 * another text, another name; the same text pasted again (another day, too), the same name, and the
 * stored document is reused, not stored twice. An uploaded file keeps its own name where it has a
 * Latin letter or digit to keep (the server takes A–Z, 0–9, _ . -); a name of Chinese characters
 * only would shrink to its extension (方案.docx → docx) and collide with every other, so it takes the
 * default too.
 */
export function sourceFileOf(extraction: Pick<Extraction, 'text' | 'source'>): string {
  const name = extraction.source.fileName ?? '';
  const stem = name.slice(0, name.lastIndexOf('.') >= 0 ? name.lastIndexOf('.') : name.length);
  const given = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return /[A-Za-z0-9]/.test(stem) && given !== '' ? given : `plan-${textFingerprint(extraction.text)}.txt`;
}

export function factsOf(extraction: Extraction, now = new Date()): Facts {
  const f = extraction.facts;
  const title = f.titleZh ?? '';
  const kind: Facts['kind'] = /意见|意見/.test(title)
    ? 'implementation_opinion'
    : /要点|要點|工作计划|工作計劃/.test(title)
      ? 'work_plan'
      : /总结/.test(title)
        ? 'work_summary'
        : 'action_plan';
  const end = f.periodEnd;
  return {
    slug: ['plan', f.regionCode ?? 'new', f.periodStart, end].filter((part) => part !== null && part !== undefined).join('-'),
    sourceFile: sourceFileOf(extraction),
    kind,
    titleZh: title,
    titleEn: '',
    docNumber: f.docNumber ?? '',
    issuerZh: f.issuerZh ?? '',
    issuerEn: '',
    issueDate: f.issueDate ?? '',
    periodStart: text(f.periodStart),
    periodEnd: text(end),
    status: end !== null && end < now.getFullYear() ? 'expired' : 'in_force',
    regionCode: f.regionCode ?? '',
  };
}

const num = (s: string): number | null => {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
};

/** One accepted row as a plan file's target (seed/README.md); its clause verbatim from the text. */
export function targetOf(row: Row, planRegion: string, unitMatches: UnitMatches = new Map()): Record<string, unknown> {
  const p = row.proposal;
  const type = row.type;
  const range = type === 'range';
  const noValue = type === 'benchmark' || type === 'milestone' || range;
  const targetYear = num(row.targetYear);
  const units = targetUnitsOf(p, unitMatches);
  return {
    key: p.key,
    indicator: usesNewIndicator(row) ? row.newIndicator.code : row.indicator,
    region: planRegion || null,
    type,
    value: noValue ? null : num(row.value),
    valueAsPrinted: !row.edited ? p.valueAsPrinted : null,
    valueMin: range ? num(row.valueMin) : null,
    valueMax: range ? num(row.valueMax) : null,
    valueUnknown: false,
    targetYear,
    baseYear: p.baseYear,
    baseValue: p.baseValue,
    benchmarkRegion: type === 'benchmark' ? row.benchmarkRegion || null : null,
    commitment: p.commitment === 'binding' || p.commitment === 'expected' ? p.commitment : null,
    comparator: row.comparator,
    milestones: p.milestones
      .filter((m) => targetYear === null || m.year < targetYear)
      .map((m) => ({ year: m.year, value: m.value, clause: m.clause })),
    clause: p.clause,
    ...(units.length > 0 ? { units } : {}),
    noteZh: unitsNote(p, unitMatches),
    noteEn: null,
  };
}

/** The lead and responsible units that name a unit of the region: the target's units (target_units). */
function targetUnitsOf(p: Proposal, unitMatches: UnitMatches): { role: 'lead' | 'responsible'; unit: string }[] {
  return [
    ...p.leadUnits.filter((u) => unitMatches.get(u) === true).map((unit) => ({ role: 'lead' as const, unit })),
    ...p.responsibleUnits.filter((u) => unitMatches.get(u) === true).map((unit) => ({ role: 'responsible' as const, unit })),
  ];
}

/** The units no unit of the region matches stay in the target's note, as printed, so nothing read is lost. */
function unitsNote(p: Proposal, unitMatches: UnitMatches): string | null {
  const lead = p.leadUnits.filter((u) => unitMatches.get(u) !== true);
  const responsible = p.responsibleUnits.filter((u) => unitMatches.get(u) !== true);
  const parts: string[] = [];
  if (lead.length > 0) parts.push(`牵头单位：${lead.join('、')}`);
  if (responsible.length > 0) parts.push(`责任单位：${responsible.join('、')}`);
  return parts.length > 0 ? parts.join('；') : null;
}

export function planFileOf(
  facts: Facts,
  rows: readonly Row[],
  documentText: string,
  unitMatches: UnitMatches = new Map(),
): Record<string, unknown> {
  const year = (s: string) => (s.trim() === '' ? null : Number(s));
  const indicators = newIndicatorsOf(rows).map(({ draft }) => ({ ...draft }));
  return {
    slug: facts.slug,
    sourceFile: facts.sourceFile,
    kind: facts.kind,
    titleZh: facts.titleZh,
    titleEn: facts.titleEn,
    docNumber: facts.docNumber || null,
    issuerZh: facts.issuerZh,
    issuerEn: facts.issuerEn,
    issueDate: facts.issueDate || null,
    periodStart: year(facts.periodStart),
    periodEnd: year(facts.periodEnd),
    status: facts.status,
    regionCode: facts.regionCode,
    ...(indicators.length > 0 ? { indicators } : {}),
    targets: rows.filter((r) => r.decision === 'accepted').map((r) => targetOf(r, facts.regionCode, unitMatches)),
    sourceText: documentText,
  };
}

/**
 * Where a refused save's problem is: `targets[2].valueMin` is the third accepted row's valueMin;
 * anything else is a field of the plan's facts.
 */
export function problemPlace(
  path: string,
  rows: readonly Row[],
): { kind: 'target'; row: Row; field: string } | { kind: 'plan'; field: string } {
  const m = /^targets\[(\d+)\]\.?(.*)$/.exec(path);
  if (m) {
    const row = rows.filter((r) => r.decision === 'accepted')[Number(m[1])];
    if (row) return { kind: 'target', row, field: m[2] || 'key' };
  }
  // `indicators[0].kind`: the new indicator of the first accepted row that brings one
  const n = /^indicators\[(\d+)\]\.?(.*)$/.exec(path);
  if (n) {
    const found = newIndicatorsOf(rows)[Number(n[1])];
    if (found) return { kind: 'target', row: found.row, field: `newIndicator.${n[2] || 'code'}` };
  }
  return { kind: 'plan', field: path };
}

/**
 * The text cut at every clause's start and end, each piece with the rows whose clause covers it:
 * clauses overlap (a year phrase governs several), so a piece may belong to more than one.
 */
export function highlightSegments(documentText: string, rows: readonly Row[]): { start: number; end: number; rows: string[] }[] {
  const cuts = new Set<number>([0, documentText.length]);
  for (const r of rows) {
    cuts.add(r.proposal.start);
    cuts.add(r.proposal.end);
  }
  const points = [...cuts].filter((c) => c >= 0 && c <= documentText.length).sort((a, b) => a - b);
  const out: { start: number; end: number; rows: string[] }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    out.push({
      start,
      end,
      rows: rows.filter((r) => r.proposal.start <= start && r.proposal.end >= end && r.decision !== 'rejected').map((r) => r.id),
    });
  }
  return out;
}
