import { aliasProblem } from '../domain/import/lookup.js';
import { planProblems } from '../domain/planFile.js';
import { parseTsv } from '../domain/tsv.js';
import { matchUnit, type UnitForms } from '../domain/unitMatch.js';
import {
  COMPARATORS,
  PLAN_KINDS,
  PLAN_STATUSES,
  type SeedData,
  type SeedDocument,
  type SeedIndicator,
  type SeedIndicatorAlias,
  type SeedObservation,
  type SeedPlan,
  type SeedRegion,
  type SeedTarget,
  type SeedUnit,
  type SeedUnitAlias,
  TARGET_TYPES,
  UNIT_KINDS,
  VINTAGES,
} from './types.js';

// Pure parsing and checking of the seed files: the loader reads the files, these functions turn
// their text into typed records and list every problem, so a reviewer sees all of them at once.

export const REGION_HEADER = ['code', 'name_zh', 'name_en', 'level', 'parent_code'] as const;
export const INDICATOR_HEADER = [
  'code',
  'name_zh',
  'name_en',
  'unit',
  'unit_en',
  'direction',
  'kind',
  'note',
  'plausible_min',
  'plausible_max',
] as const;

function optionalNumber(s: string | undefined, where: string): number | null {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new Error(`${where}: "${s}" is not a number`);
  return n;
}
export const OBSERVATION_HEADER = [
  'region_code',
  'indicator_code',
  'year',
  'value',
  'vintage',
  'is_sample',
  'source_title',
  'source_url',
  'quote',
  'note',
] as const;

const orNull = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s);

function oneOf<T extends string>(value: string, allowed: readonly T[], where: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`${where}: "${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function parseRegions(text: string, fileName = 'regions.tsv'): SeedRegion[] {
  return parseTsv(text, fileName, REGION_HEADER).map((r, i) => ({
    code: r.code ?? '',
    nameZh: r.name_zh ?? '',
    nameEn: r.name_en ?? '',
    level: oneOf(r.level ?? '', ['country', 'province', 'prefecture', 'county'] as const, `${fileName} row ${i + 2} level`),
    parentCode: orNull(r.parent_code),
  }));
}

export function parseIndicators(text: string, fileName = 'indicators.tsv'): SeedIndicator[] {
  return parseTsv(text, fileName, INDICATOR_HEADER).map((r, i) => ({
    code: r.code ?? '',
    nameZh: r.name_zh ?? '',
    nameEn: r.name_en ?? '',
    unit: r.unit ?? '',
    unitEn: r.unit_en ?? '',
    direction: oneOf(r.direction ?? '', ['up', 'down', 'band'] as const, `${fileName} row ${i + 2} direction`),
    kind: oneOf(r.kind ?? '', ['stock', 'flow', 'share', 'money'] as const, `${fileName} row ${i + 2} kind`),
    note: orNull(r.note),
    plausibleMin: optionalNumber(r.plausible_min, `${fileName} row ${i + 2} plausible_min`),
    plausibleMax: optionalNumber(r.plausible_max, `${fileName} row ${i + 2} plausible_max`),
  }));
}

export const INDICATOR_ALIAS_HEADER = ['indicator_code', 'alias'] as const;

export function parseIndicatorAliases(text: string, fileName = 'indicator_aliases.tsv'): SeedIndicatorAlias[] {
  return parseTsv(text, fileName, INDICATOR_ALIAS_HEADER).map((r, i) => ({
    indicatorCode: r.indicator_code ?? '',
    alias: r.alias ?? '',
    origin: `${fileName} line ${i + 2}`,
  }));
}

export const UNIT_HEADER = ['region_code', 'name_zh', 'name_en', 'kind'] as const;
export const UNIT_ALIAS_HEADER = ['region_code', 'alias', 'unit_zh'] as const;

export function parseUnits(text: string, fileName = 'units.tsv'): SeedUnit[] {
  return parseTsv(text, fileName, UNIT_HEADER).map((r, i) => ({
    regionCode: r.region_code ?? '',
    nameZh: r.name_zh ?? '',
    nameEn: r.name_en ?? '',
    kind: oneOf(r.kind ?? '', UNIT_KINDS, `${fileName} row ${i + 2} kind`),
    origin: `${fileName} line ${i + 2}`,
  }));
}

export function parseUnitAliases(text: string, fileName = 'unit_aliases.tsv'): SeedUnitAlias[] {
  return parseTsv(text, fileName, UNIT_ALIAS_HEADER).map((r, i) => ({
    regionCode: r.region_code ?? '',
    alias: r.alias ?? '',
    unitZh: r.unit_zh ?? '',
    origin: `${fileName} line ${i + 2}`,
  }));
}

/**
 * Whether a form a seed plan prints for a target's unit names a unit of one of the regions, by the
 * rule an upload's forms are matched by (domain/unitMatch.ts, as the units repository applies it):
 * the seed's plan files are plan files, checked as any other.
 */
export function seedUnitExists(data: Pick<SeedData, 'units' | 'unitAliases'>) {
  const byRegion = new Map<string, UnitForms[]>();
  data.units.forEach((u, id) => {
    const aliases = data.unitAliases.filter((a) => a.regionCode === u.regionCode && a.unitZh === u.nameZh).map((a) => a.alias);
    byRegion.set(u.regionCode, [...(byRegion.get(u.regionCode) ?? []), { id, nameZh: u.nameZh, aliases }]);
  });
  return (regions: readonly string[], form: string) => regions.some((r) => matchUnit(form, byRegion.get(r) ?? []) !== null);
}

function unitProblems(data: SeedData, regions: Set<string>): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const u of data.units) {
    if (!regions.has(u.regionCode)) problems.push(`${u.origin}: region ${u.regionCode} does not exist`);
    if (!u.nameZh || !u.nameEn) problems.push(`${u.origin}: a unit needs its name in Chinese and in English`);
    const key = `${u.regionCode}/${u.nameZh}`;
    if (names.has(key)) problems.push(`${u.origin}: ${u.nameZh} is listed twice for region ${u.regionCode}`);
    names.add(key);
  }
  const aliases = new Set<string>();
  for (const a of data.unitAliases) {
    const key = `${a.regionCode}/${a.alias}`;
    if (!names.has(`${a.regionCode}/${a.unitZh}`)) problems.push(`${a.origin}: no unit ${a.unitZh} in region ${a.regionCode}`);
    // An alias that is another unit's name would make one printed form mean two units.
    if (names.has(key)) problems.push(`${a.origin}: "${a.alias}" is already the name of a unit of ${a.regionCode}`);
    if (aliases.has(key)) problems.push(`${a.origin}: "${a.alias}" is listed twice for region ${a.regionCode}`);
    aliases.add(key);
  }
  return problems;
}

export function parseObservations(text: string, fileName: string): SeedObservation[] {
  return parseTsv(text, fileName, OBSERVATION_HEADER).map((r, i) => {
    const where = `${fileName} line ${i + 2}`;
    const year = Number(r.year);
    const value = Number(r.value);
    if (!Number.isInteger(year)) throw new Error(`${where}: year "${r.year}" is not a whole number`);
    if (r.value === '' || !Number.isFinite(value)) throw new Error(`${where}: value "${r.value}" is not a number`);
    if (r.is_sample !== '0' && r.is_sample !== '1') throw new Error(`${where}: is_sample must be 0 or 1`);
    return {
      regionCode: r.region_code ?? '',
      indicatorCode: r.indicator_code ?? '',
      year,
      value,
      vintage: oneOf(r.vintage ?? '', VINTAGES, `${where} vintage`),
      isSample: r.is_sample === '1',
      sourceTitle: r.source_title ?? '',
      sourceUrl: orNull(r.source_url),
      quote: orNull(r.quote),
      note: orNull(r.note),
      origin: where,
    };
  });
}

/** Parses one plan file; structural errors throw, semantic ones are left to checkSeed. */
export function parsePlan(text: string, fileName: string): SeedPlan {
  return normalizePlan(JSON.parse(text) as SeedPlan, fileName);
}

/**
 * A plan file's object with every optional field filled in (null, false or []), as the loader and
 * the upload (POST /api/plans) insert it. Throws on an unknown kind, status, type or comparator.
 */
export function normalizePlan(input: SeedPlan, fileName: string): SeedPlan {
  const raw: SeedPlan = {
    ...input,
    docNumber: input.docNumber ?? null,
    issueDate: input.issueDate ?? null,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    statusNoteZh: input.statusNoteZh ?? null,
    statusNoteEn: input.statusNoteEn ?? null,
    noteZh: input.noteZh ?? null,
    noteEn: input.noteEn ?? null,
  };
  oneOf(raw.kind, PLAN_KINDS, `${fileName} kind`);
  oneOf(raw.status, PLAN_STATUSES, `${fileName} status`);
  if (!Array.isArray(raw.targets)) throw new Error(`${fileName}: targets must be a list`);
  raw.targets = raw.targets.map((t, i) => normalizeTarget(t, `${fileName} target ${i + 1} (${t.key})`));
  return raw;
}

/** One target of a plan file with its optional fields filled in (a plan file's, or one added to a saved plan). */
export function normalizeTarget(t: SeedTarget, where: string): SeedTarget {
  oneOf(t.type, TARGET_TYPES, `${where} type`);
  oneOf(t.comparator, COMPARATORS, `${where} comparator`);
  return {
    ...t,
    value: t.value ?? null,
    valueAsPrinted: t.valueAsPrinted ?? null,
    valueMin: t.valueMin ?? null,
    valueMax: t.valueMax ?? null,
    valueUnknown: t.valueUnknown === true,
    targetYear: t.targetYear ?? null,
    baseYear: t.baseYear ?? null,
    baseValue: t.baseValue ?? null,
    benchmarkRegion: t.benchmarkRegion ?? null,
    commitment: t.commitment ?? null,
    milestones: t.milestones ?? [],
    noteZh: t.noteZh ?? null,
    noteEn: t.noteEn ?? null,
  };
}

/**
 * What a note must not hold: the notes are for readers of the pages, and file names, code points and
 * damaged characters belong to the technical details (the seed's README says how to word them).
 */
const TECHNICAL_IN_NOTE: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /[\uE000-\uF8FF]/, what: 'a private-use character' },
  { pattern: /U\+[0-9A-Fa-f]{4}/, what: 'a code point' },
  // By its extension alone: a name before it would make the pattern slow on hostile text.
  { pattern: /\.(?:txt|tsv|json|md|csv|xlsx)\b/, what: 'a file name' },
];

/** The problems of a seed plan's notes: each in both languages or in neither, and in plain words. */
export function noteProblems(plan: SeedPlan): string[] {
  const problems: string[] = [];
  const check = (where: string, zh: string | null | undefined, en: string | null | undefined) => {
    if (!zh !== !en) problems.push(`${where}: a note needs both its Chinese and its English text`);
    for (const [lang, text] of [
      ['Zh', zh],
      ['En', en],
    ] as const)
      for (const { pattern, what } of TECHNICAL_IN_NOTE)
        if (text && pattern.test(text)) problems.push(`${where}${lang}: ${what} in a note (say it in words)`);
  };
  check('statusNote', plan.statusNoteZh, plan.statusNoteEn);
  check('note', plan.noteZh, plan.noteEn);
  for (const t of plan.targets) check(`target ${t.key} note`, t.noteZh, t.noteEn);
  return problems;
}

/** Every problem in the seed as a whole: references, verbatim clauses, and type-specific fields. */
export function checkSeed(data: SeedData): string[] {
  const problems: string[] = [];
  const regions = new Set(data.regions.map((r) => r.code));
  const indicators = new Map(data.indicators.map((i) => [i.code, i]));
  const documents = new Map<string, SeedDocument>(data.documents.map((d) => [d.fileName, d]));

  for (const r of data.regions) {
    if (!/^\d{6}$/.test(r.code)) problems.push(`region ${r.code}: code must be six digits (GB/T 2260)`);
    if (r.parentCode && !regions.has(r.parentCode)) problems.push(`region ${r.code}: parent ${r.parentCode} does not exist`);
  }
  const slugs = new Set<string>();
  const unitExists = seedUnitExists(data);
  for (const plan of data.plans) {
    const p = `plan ${plan.slug}`;
    if (slugs.has(plan.slug)) problems.push(`${p}: slug used twice`);
    slugs.add(plan.slug);
    const doc = documents.get(plan.sourceFile);
    if (!doc) problems.push(`${p}: source file ${plan.sourceFile} is not in seed/sources`);
    for (const problem of noteProblems(plan)) problems.push(`${p} ${problem}`);
    // Everything else about a plan file is the domain's, shared with a plan uploaded by an administrator.
    for (const problem of planProblems(plan, {
      regionExists: (code) => regions.has(code),
      indicatorExists: (code) => indicators.has(code),
      documentBody: doc?.body ?? null,
      unitExists,
    })) {
      problems.push(`${p}${problem.targetKey === undefined ? '' : ` target ${problem.targetKey}`}: ${problem.message}`);
    }
  }
  // Each alias checked as an administrator's would be: against every name and the aliases before it.
  const withAliases = data.indicators.map((i) => ({ ...i, aliases: [] as string[] }));
  for (const a of data.indicatorAliases) {
    const indicator = withAliases.find((i) => i.code === a.indicatorCode);
    if (!indicator) {
      problems.push(`${a.origin}: indicator ${a.indicatorCode} does not exist`);
      continue;
    }
    const problem = aliasProblem(withAliases, a.indicatorCode, a.alias);
    if (problem === null) indicator.aliases.push(a.alias);
    else if (problem.reason === 'taken') problems.push(`${a.origin}: "${a.alias}" is already a name of ${problem.by.code}`);
    else
      problems.push(
        `${a.origin}: "${a.alias}" is ${problem.reason === 'duplicate' ? 'already a name of this indicator' : problem.reason}`,
      );
  }
  problems.push(...unitProblems(data, regions));
  const realKeys = new Set(
    data.observations.filter((o) => !o.isSample).map((o) => `${o.regionCode}/${o.indicatorCode}/${o.year}`),
  );
  for (const o of data.observations) {
    if (!regions.has(o.regionCode)) problems.push(`${o.origin}: region ${o.regionCode} does not exist`);
    if (!indicators.has(o.indicatorCode)) problems.push(`${o.origin}: indicator ${o.indicatorCode} does not exist`);
    if (o.isSample && realKeys.has(`${o.regionCode}/${o.indicatorCode}/${o.year}`)) {
      problems.push(`${o.origin}: a sample figure must not stand beside a published one for the same region, indicator and year`);
    }
    if (!o.sourceTitle) problems.push(`${o.origin}: every figure needs a source`);
  }
  return problems;
}
