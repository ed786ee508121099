// A plan written back as its plan file: the seed's JSON format (seed/README.md), which POST /api/plans
// imports, so a plan defined on one installation can be carried to another. Pure: the caller reads
// the plan, its targets in force and its source document.
//
// The fields come in the seed files' order, so an exported seed plan is the seed file itself (the
// round-trip test holds that), and a diff between two exports reads like a diff of seed files.
// `valueAsPrinted` is written only where it is set, as the seed writes it. `sourceText` (the document
// as found) comes last: another installation has no copy of it, and the import checks every clause
// against it.
//
// Indicators: the file carries the definitions of the indicators its targets use that are not the
// seed's (those a plan created, migration 0019), in `indicators`, so the file imports on a fresh
// installation, which has the seed's catalogue and nothing else. Not all the indicators it uses:
// the seed plans' files would then differ from the seed files, and every file would repeat the
// catalogue that every installation already has. None to carry: no `indicators` field at all.
//
// Units: each target's lead and responsible units (target_units), as `units` after its notes: the
// form printed (as_printed, not the record's name, so the clause and its units still read alike),
// the role, lead units first and each role in the order printed, as the import writes them back.
// The units themselves do not travel (they are the region's, from seed/units.tsv): the
// import matches each form to a unit of its region and refuses a form it cannot (unknown_unit)
// rather than drop a unit or guess. A target without units has no `units` field, as in the seed.

import type { Indicator, PlanFields, TargetFields, TargetUnitRole } from '../api/types.js';

/** A target's unit as exported: its role and the form printed. */
export interface ExportTargetUnit {
  role: TargetUnitRole;
  asPrinted: string;
}

export interface ExportTarget extends TargetFields {
  indicatorCode: string;
  regionCode: string;
  valueAsPrinted: number | null;
  benchmarkRegionCode: string | null;
}

export interface ExportPlan extends PlanFields {
  regionCode: string;
  sourceFileName: string;
}

/** One target of a plan file, in the seed's field order, with its units (lead first, as printed). */
export function targetFileEntry(t: ExportTarget, units: readonly ExportTargetUnit[] = []): Record<string, unknown> {
  const ordered = [...units.filter((u) => u.role === 'lead'), ...units.filter((u) => u.role === 'responsible')];
  return {
    key: t.key,
    indicator: t.indicatorCode,
    region: t.regionCode,
    type: t.type,
    value: t.value,
    ...(t.valueAsPrinted === null ? {} : { valueAsPrinted: t.valueAsPrinted }),
    valueMin: t.valueMin,
    valueMax: t.valueMax,
    valueUnknown: t.valueUnknown,
    targetYear: t.targetYear,
    baseYear: t.baseYear,
    baseValue: t.baseValue,
    benchmarkRegion: t.benchmarkRegionCode,
    commitment: t.commitment,
    comparator: t.comparator,
    milestones: t.milestones.map((m) => ({ year: m.year, value: m.value, clause: m.clause })),
    clause: t.clause,
    noteZh: t.noteZh,
    noteEn: t.noteEn,
    ...(ordered.length > 0 ? { units: ordered.map((u) => ({ role: u.role, unit: u.asPrinted })) } : {}),
  };
}

/**
 * The plan file of a plan: its facts, its targets in force (a retired target is no longer part of the
 * plan's definition; it stays readable where it was retired), each with its units (`unitsOf`, by
 * target id, in the order printed), and the source document's text.
 */
export function planFile(
  plan: ExportPlan,
  targets: readonly (ExportTarget & { id: number })[],
  sourceText: string,
  definedIndicators: readonly Indicator[] = [],
  unitsOf: ReadonlyMap<number, readonly ExportTargetUnit[]> = new Map(),
): Record<string, unknown> {
  const used = new Set(targets.map((t) => t.indicatorCode));
  const indicators = definedIndicators.filter((i) => used.has(i.code)).map(indicatorFileEntry);
  return {
    slug: plan.slug,
    sourceFile: plan.sourceFileName,
    kind: plan.kind,
    titleZh: plan.titleZh,
    titleEn: plan.titleEn,
    docNumber: plan.docNumber,
    issuerZh: plan.issuerZh,
    issuerEn: plan.issuerEn,
    issueDate: plan.issueDate,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    status: plan.status,
    statusNoteZh: plan.statusNoteZh,
    statusNoteEn: plan.statusNoteEn,
    regionCode: plan.regionCode,
    noteZh: plan.noteZh,
    noteEn: plan.noteEn,
    ...(indicators.length > 0 ? { indicators } : {}),
    targets: targets.map((t) => targetFileEntry(t, unitsOf.get(t.id))),
    sourceText,
  };
}

/** An indicator the plan file defines, in the columns' order (seed/indicators.tsv). */
export function indicatorFileEntry(i: Indicator): Record<string, unknown> {
  return {
    code: i.code,
    nameZh: i.nameZh,
    nameEn: i.nameEn,
    unit: i.unit,
    unitEn: i.unitEn,
    direction: i.direction,
    kind: i.kind,
    note: i.note,
    plausibleMin: i.plausibleMin,
    plausibleMax: i.plausibleMax,
  };
}
