// The plan page's target forms (a target added, a target corrected): their repeatable rows
// (interim milestones, lead and responsible units), the body a new target is sent as, and the
// field paths the server names (`milestones[1].year`, `units[0].unitId`) split into a field and a row,
// for the form to name in the reader's language. Pure: no React, no DOM (the tests import it directly).

import type { Milestone, NewTarget, TargetType, TargetUnitRole } from '../../api/types.js';

/** "２.５" or "1,234.5" as typed by someone who works in Excel; null for empty; NaN when not a number. */
export function parseNumber(s: string): number | null {
  const normalized = s
    .trim()
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/,/g, '');
  if (normalized === '') return null;
  return /^-?\d+(\.\d+)?$|^-?\.\d+$/.test(normalized) ? Number(normalized) : Number.NaN;
}

/** One interim milestone as typed: numbers as text, so a half-typed "2." stays on screen. */
export interface MilestoneRow {
  year: string;
  value: string;
  clause: string;
}

/** One lead or responsible unit as chosen: the unit's id as the select holds it ('' for none yet). */
export interface UnitRow {
  unitId: string;
  role: TargetUnitRole;
  asPrinted: string;
}

export const emptyMilestone = (): MilestoneRow => ({ year: '', value: '', clause: '' });
export const emptyUnit = (): UnitRow => ({ unitId: '', role: 'lead', asPrinted: '' });

export const milestoneRows = (milestones: readonly Milestone[]): MilestoneRow[] =>
  milestones.map((m) => ({ year: String(m.year), value: m.value === null ? '' : String(m.value), clause: m.clause }));

/** A problem found before sending: the path the server would name, and the code it would send. */
export interface LocalProblem {
  field: string;
  code: 'not_a_number' | 'unit_required';
}

/**
 * The milestones the rows say, or the first unreadable number. Every row counts (one not wanted is
 * removed with its button), so that a row's number is the index the server names.
 */
export function milestonesOf(
  rows: readonly MilestoneRow[],
): { ok: true; milestones: Milestone[] } | ({ ok: false } & LocalProblem) {
  const milestones: Milestone[] = [];
  for (const [i, row] of rows.entries()) {
    const year = parseNumber(row.year);
    if (year === null || Number.isNaN(year) || !Number.isInteger(year))
      return { ok: false, field: `milestones[${i}].year`, code: 'not_a_number' };
    const value = parseNumber(row.value);
    if (Number.isNaN(value)) return { ok: false, field: `milestones[${i}].value`, code: 'not_a_number' };
    milestones.push({ year, value, clause: row.clause.trim() });
  }
  return { ok: true, milestones };
}

/** The add-target form as typed. */
export interface NewTargetForm {
  key: string;
  indicator: string;
  type: TargetType;
  comparator: NewTarget['comparator'];
  value: string;
  valueMin: string;
  valueMax: string;
  targetYear: string;
  baseYear: string;
  baseValue: string;
  benchmarkRegion: string;
  clause: string;
  noteZh: string;
  noteEn: string;
  milestones: MilestoneRow[];
  units: UnitRow[];
}

export function emptyNewTarget(targetYear: number | null): NewTargetForm {
  return {
    key: '',
    indicator: '',
    type: 'level',
    comparator: 'at_least',
    value: '',
    valueMin: '',
    valueMax: '',
    targetYear: targetYear === null ? '' : String(targetYear),
    baseYear: '',
    baseValue: '',
    benchmarkRegion: '',
    clause: '',
    noteZh: '',
    noteEn: '',
    milestones: [],
    units: [],
  };
}

const NUMBER_FIELDS = ['value', 'valueMin', 'valueMax', 'targetYear', 'baseYear', 'baseValue'] as const;

/**
 * The body of POST /api/plans/:id/targets: the type's own fields only (a range has bounds and no
 * value, only a benchmark names a benchmark region); the server checks the rest as a plan file's.
 */
export function newTargetBody(form: NewTargetForm): { ok: true; body: NewTarget } | ({ ok: false } & LocalProblem) {
  const numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number | null>> = {};
  for (const field of NUMBER_FIELDS) {
    const n = parseNumber(form[field]);
    if (Number.isNaN(n) || (n !== null && field.endsWith('Year') && !Number.isInteger(n)))
      return { ok: false, field, code: 'not_a_number' };
    numbers[field] = n;
  }
  const milestones = milestonesOf(form.milestones);
  if (!milestones.ok) return milestones;
  const unchosen = form.units.findIndex((u) => u.unitId === '');
  if (unchosen >= 0) return { ok: false, field: `units[${unchosen}].unitId`, code: 'unit_required' };
  const range = form.type === 'range';
  return {
    ok: true,
    body: {
      key: form.key.trim(),
      indicator: form.indicator,
      type: form.type,
      comparator: form.comparator,
      value: range ? null : (numbers.value ?? null),
      valueMin: range ? (numbers.valueMin ?? null) : null,
      valueMax: range ? (numbers.valueMax ?? null) : null,
      targetYear: numbers.targetYear ?? null,
      baseYear: numbers.baseYear ?? null,
      baseValue: numbers.baseValue ?? null,
      benchmarkRegion: form.type === 'benchmark' && form.benchmarkRegion ? form.benchmarkRegion : null,
      milestones: milestones.milestones,
      clause: form.clause.trim(),
      noteZh: form.noteZh.trim() || null,
      noteEn: form.noteEn.trim() || null,
      units: form.units.map((u) => ({
        unitId: Number(u.unitId),
        role: u.role,
        ...(u.asPrinted.trim() ? { asPrinted: u.asPrinted.trim() } : {}),
      })),
    },
  };
}

/**
 * A field path as the server names it, split: `milestones[1].year` → the milestone row 1's `year`;
 * `units[0].unitId` → unit row 0; `value` → the field itself (row null).
 */
export function splitFieldPath(
  path: string,
): { group: 'milestones' | 'units'; row: number; part: string | null } | { group: null; field: string } {
  const m = /^(milestones|units)\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (!m) return { group: null, field: path };
  return { group: m[1] as 'milestones' | 'units', row: Number(m[2]), part: m[3] ?? null };
}
