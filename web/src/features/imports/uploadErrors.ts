import type { ApiFailure } from '../session/errors.js';

/**
 * A refused upload or grid entry (400, 413) said in the user's language from the answer's code and
 * parameters (server/src/domain/requestFields.ts): the field named with the form's own label, the
 * allowed vintages with their names, the grid's figure with its indicator. Pure: `t` translates.
 * null for any other failure, which the server's bilingual message or the general describer covers.
 */

export const FIELD_REASONS = [
  'missing',
  'not_allowed',
  'too_long',
  'too_short',
  'bad_format',
  'too_small',
  'too_large',
  'too_few',
  'too_many',
  'unknown_field',
  'wrong_type',
] as const;
export type FieldReason = (typeof FIELD_REASONS)[number];

/** The fields the upload form and the grid send, each with a label in imports.errors.fields. */
export const LABELLED_FIELDS = [
  'file',
  'defaultVintage',
  'defaultSource',
  'region',
  'figures',
  'indicator',
  'year',
  'value',
  'vintage',
  'source',
  'note',
] as const;

type Translate = (key: string, values?: Record<string, unknown>) => string;

interface InvalidFieldBody {
  field?: unknown;
  reason?: unknown;
  limit?: unknown;
  allowed?: unknown;
  item?: unknown;
}

const PLAIN: Record<string, string> = {
  file_missing: 'imports.errors.fileMissing',
  not_multipart: 'imports.errors.notMultipart',
  upload_incomplete: 'imports.errors.uploadIncomplete',
  bad_request: 'imports.errors.badRequest',
};

export function uploadErrorText(
  error: Pick<ApiFailure, 'status' | 'code' | 'body'> | null | undefined,
  t: Translate,
  options: { maxMb?: number; itemName?: (item: number) => string | null } = {},
): string | null {
  if (!error) return null;
  if (error.code === 'file_too_large' && error.status === 413) return t('imports.form.tooLarge', { mb: options.maxMb ?? 10 });
  const plain = error.code ? PLAIN[error.code] : undefined;
  if (plain) return t(plain);
  if (error.code !== 'invalid_field' || typeof error.body !== 'object' || error.body === null) return null;
  const body = error.body as InvalidFieldBody;
  const reason = FIELD_REASONS.find((r) => r === body.reason);
  if (typeof body.field !== 'string' || reason === undefined) return null;
  const last = body.field.split('.').pop() ?? body.field;
  const label = (LABELLED_FIELDS as readonly string[]).includes(last) ? t(`imports.errors.fields.${last}`) : body.field;
  const allowed = Array.isArray(body.allowed)
    ? body.allowed.map((v) => (v === 'preliminary' || v === 'final' || v === 'revised' ? t(`vintage.${v}`) : String(v)))
    : [];
  const key = reason === 'bad_format' && last === 'region' ? 'badRegion' : reason;
  const message = t(`imports.errors.invalidField.${key}`, {
    field: label,
    limit: typeof body.limit === 'number' ? body.limit : '',
    allowed: allowed.join(t('imports.errors.listSeparator')),
  });
  if (typeof body.item !== 'number') return message;
  const name = options.itemName?.(body.item) ?? null;
  return name ? t('imports.errors.namedItem', { name, message }) : t('imports.errors.item', { item: body.item, message });
}
