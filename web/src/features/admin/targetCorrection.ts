// An administrator's correction of a target: the form's text fields, the changes they make, and the
// API's refusals as translation keys. Pure: no React, no DOM (the tests import it directly).

import type { ApiFailure } from '../session/errors.js';
import { type MilestoneRow, milestoneRows, milestonesOf, parseNumber, splitFieldPath } from './targetForm.js';

export { parseNumber };

import type { CorrectableField, Target, TargetCorrection } from './types.js';

export const REASON_MAX = 500;
export const NOTE_MAX = 2000;

/** The form as typed: numbers and years as text (empty = none), so a half-typed "2." stays on screen. */
export interface CorrectionForm {
  value: string;
  valueMin: string;
  valueMax: string;
  valueUnknown: boolean;
  targetYear: string;
  baseYear: string;
  baseValue: string;
  comparator: Target['comparator'];
  commitment: '' | 'binding' | 'expected';
  noteZh: string;
  noteEn: string;
  clause: string;
  milestones: MilestoneRow[];
  reason: string;
}

const text = (n: number | null) => (n === null ? '' : String(n));

export function correctionForm(t: Target): CorrectionForm {
  return {
    value: text(t.value),
    valueMin: text(t.valueMin),
    valueMax: text(t.valueMax),
    valueUnknown: t.valueUnknown,
    targetYear: text(t.targetYear),
    baseYear: text(t.baseYear),
    baseValue: text(t.baseValue),
    comparator: t.comparator,
    commitment: t.commitment ?? '',
    noteZh: t.noteZh ?? '',
    noteEn: t.noteEn ?? '',
    clause: t.clause,
    milestones: milestoneRows(t.milestones),
    reason: '',
  };
}

const NUMBER_FIELDS = ['value', 'valueMin', 'valueMax', 'baseValue'] as const;
const YEAR_FIELDS = ['targetYear', 'baseYear'] as const;

export type Changes =
  | { ok: true; correction: TargetCorrection; changed: CorrectableField[] }
  | {
      ok: false;
      /** a field, or a path into the milestones (`milestones[1].year`) */
      field: CorrectableField | 'reason' | `milestones[${number}].${string}`;
      code: 'not_a_number' | 'reason_required' | 'no_change';
    };

/** Milestones as one comparable text: year order, each year, value and clause. */
const milestonesKey = (ms: readonly { year: number; value: number | null; clause: string }[]) =>
  JSON.stringify([...ms].sort((a, b) => a.year - b.year).map((m) => [m.year, m.value, m.clause]));

/** The correction a form asks for: only the fields that differ from the target, with the reason. */
export function correctionChanges(target: Target, form: CorrectionForm): Changes {
  const correction: Partial<Record<CorrectableField, unknown>> = {};
  for (const field of [...NUMBER_FIELDS, ...YEAR_FIELDS]) {
    const parsed = parseNumber(form[field]);
    if (parsed !== null && (Number.isNaN(parsed) || (field.endsWith('Year') && !Number.isInteger(parsed))))
      return { ok: false, field, code: 'not_a_number' };
    if (parsed !== target[field]) correction[field] = parsed;
  }
  if (form.valueUnknown !== target.valueUnknown) correction.valueUnknown = form.valueUnknown;
  if (form.comparator !== target.comparator) correction.comparator = form.comparator;
  const commitment = form.commitment === '' ? null : form.commitment;
  if (commitment !== target.commitment) correction.commitment = commitment;
  for (const field of ['noteZh', 'noteEn'] as const) {
    const note = form[field].trim() === '' ? null : form[field].trim();
    if (note !== target[field]) correction[field] = note;
  }
  const clause = form.clause.trim();
  if (clause !== target.clause) correction.clause = clause;
  const milestones = milestonesOf(form.milestones);
  if (!milestones.ok) return { ok: false, field: milestones.field as `milestones[${number}].year`, code: 'not_a_number' };
  // Sent whole when any of them changed: the server replaces the list.
  if (milestonesKey(milestones.milestones) !== milestonesKey(target.milestones)) correction.milestones = milestones.milestones;
  const changed = Object.keys(correction) as CorrectableField[];
  if (changed.length === 0) return { ok: false, field: 'reason', code: 'no_change' };
  if (form.reason.trim() === '') return { ok: false, field: 'reason', code: 'reason_required' };
  return { ok: true, correction: { ...correction, reason: form.reason.trim() } as TargetCorrection, changed };
}

/** The codes the server sends with a refused correction (server/src/domain/targets.ts, routes/targets.ts). */
export const CORRECTION_CODES = [
  'value_unknown_has_value',
  'year_required',
  'year_out_of_bounds',
  'year_before_period',
  'range_order',
  'range_bounds_required',
  'benchmark_region_required',
  'value_required',
  'not_a_number',
  'base_pair',
  'base_after_target',
  'milestone_after_target',
  'milestone_repeated',
  'clause_not_verbatim',
  'target_retired',
  'reason_required',
  'no_change',
] as const;
export type CorrectionCode = (typeof CORRECTION_CODES)[number];

export const FIELD_NAMES = [
  'value',
  'valueMin',
  'valueMax',
  'valueUnknown',
  'targetYear',
  'baseYear',
  'baseValue',
  'comparator',
  'commitment',
  'noteZh',
  'noteEn',
  'clause',
  'milestones',
  // Corrections made before notes came in two languages (migration 0013) changed "note": their history still names it.
  'note',
  'reason',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/**
 * A refused correction as a code and the field it names (both translated by the form); undefined when
 * it is not about a field (403, network…), which the general error text says.
 */
export function correctionError(
  error: Pick<ApiFailure, 'status' | 'field' | 'code'> | null | undefined,
): { code: CorrectionCode | 'invalid'; field: FieldName | null; rawField: string | null } | undefined {
  if (error?.status === 409 && error.code === 'target_retired') return { code: 'target_retired', field: null, rawField: null };
  if (error?.status !== 400) return undefined;
  const code = (CORRECTION_CODES as readonly string[]).includes(error.code ?? '') ? (error.code as CorrectionCode) : 'invalid';
  const raw = error.field ?? null;
  // A milestone's field names its row (`milestones[1].year`): the form labels it from rawField.
  const field =
    raw !== null && (FIELD_NAMES as readonly string[]).includes(raw)
      ? (raw as FieldName)
      : raw !== null && splitFieldPath(raw).group === 'milestones'
        ? 'milestones'
        : null;
  return { code, field, rawField: raw };
}
