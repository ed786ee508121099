// Adding a plan from a plan file (seed format): reading the chosen files, and the server's refusals
// as translation keys with their JSON paths. Pure: no React, no DOM.

import type { ApiFailure } from '../session/errors.js';
import { CORRECTION_CODES, type CorrectionCode } from './targetCorrection.js';
import type { PlanFileProblem } from './types.js';

/** Codes of a refused plan file that the plan page names itself (the rest are a target's, shared with the target form). */
export const PLAN_FILE_CODES = [
  'invalid',
  'slug_taken',
  'document_differs',
  'document_required',
  'period_order',
  'unknown_region',
  'unknown_indicator',
  'duplicate_key',
  'clause_not_verbatim',
  'invalid_indicator_code',
  'unknown_kind',
  'unknown_direction',
  'duplicate_indicator',
  'indicator_differs',
  'indicator_name_taken',
  'indicator_unused',
  'plausible_order',
  'unknown_unit',
  'duplicate_unit',
] as const;
export type PlanFileCode = (typeof PLAN_FILE_CODES)[number];

/** The body POST /api/plans takes: the plan file's object, with the document's text when one is given. */
export type PlanUploadBody = Record<string, unknown>;

export type ReadPlanFile = { ok: true; body: PlanUploadBody; slug: string | null } | { ok: false; detail: string };

/** The JSON file's text (a UTF-8 byte-order mark allowed) and the document's text, if any, as one body. */
export function planUploadBody(jsonText: string, sourceText: string | null): ReadPlanFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, detail: 'the file holds no JSON object' };
  const body: PlanUploadBody = { ...(parsed as Record<string, unknown>) };
  // The document as found, byte for byte: the clauses are checked against it verbatim.
  if (sourceText !== null) body.sourceText = sourceText;
  const slug = typeof body.slug === 'string' ? body.slug : null;
  return { ok: true, body, slug };
}

export interface ProblemText {
  path: string;
  /** a key under admin.plans.errors, or under admin.target.errors for a target's own rules */
  key: { group: 'plans'; code: PlanFileCode } | { group: 'target'; code: CorrectionCode };
  /** the server's English sentence, kept beside the translation for the cases it details (a schema error) */
  detail: string;
  /**
   * What the message names beside the path: the target's key and the unit as printed (unknown_unit).
   * Always given, empty when the server named none, so no placeholder is left in the text.
   */
  values: { target: string; unit: string };
}

/** Every problem of a refused upload, in the order the server found them. */
export function planProblemTexts(
  error: (Pick<ApiFailure, 'status' | 'field' | 'code' | 'message'> & { problems?: PlanFileProblem[] }) | null | undefined,
): ProblemText[] | undefined {
  if (!error || (error.status !== 400 && error.status !== 409)) return undefined;
  const problems = error.problems ?? [{ path: error.field ?? '', code: error.code ?? 'invalid', message: error.message }];
  return problems.map((p) => ({
    path: p.path,
    key: (CORRECTION_CODES as readonly string[]).includes(p.code)
      ? { group: 'target', code: p.code as CorrectionCode }
      : { group: 'plans', code: (PLAN_FILE_CODES as readonly string[]).includes(p.code) ? (p.code as PlanFileCode) : 'invalid' },
    detail: p.message,
    values: { target: p.targetKey ?? '', unit: p.unit ?? '' },
  }));
}
