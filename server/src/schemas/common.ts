import { Type } from 'typebox';

export const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A number or null in a request body. Not Nullable(Type.Number()): the app's validator coerces
 * types, and with anyOf its first branch turns null into 0 before the null branch is tried. One
 * schema with both types leaves a value that already has one of them as it is.
 */
export const NullableNumber = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: ['number', 'null'], ...options });
export const NullableInteger = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], ...options });
export const NullableString = (options: { maxLength?: number; pattern?: string; description?: string } = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

/** An account's role; see Role in api/types.ts. */
export const RoleSchema = Type.Union([
  Type.Literal('viewer'),
  Type.Literal('statistician'),
  Type.Literal('reporter'),
  Type.Literal('reviewer'),
  Type.Literal('admin'),
]);
export const RegionCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 region code, six digits' });
export const IndicatorCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description: 'stable indicator code' });
export const Year = Type.Integer({ minimum: 1949, maximum: 2100 });
/** A row offset for a paged list: past a billion it is a typo, not a page (and SQLite cannot bind it). */
export const Offset = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
/** A calendar date: the format checks that the day exists (no 9999-99-99, no 2023-02-30). */
export const IsoDate = Type.String({ format: 'date', maxLength: 10, description: 'YYYY-MM-DD' });

export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'the offending field, for 400 answers' })),
  code: Type.Optional(Type.String({ description: 'a stable code the web app translates' })),
  reason: Type.Optional(Type.String({ description: 'invalid_field: missing, not_allowed, too_long, bad_format …' })),
  messages: Type.Optional(
    Type.Object({ zh: Type.String(), en: Type.String() }, { description: 'the message in both languages, for the user' }),
  ),
});

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  500: ErrorResponse,
};
