import type { TSchema } from 'typebox';

type Json = { [key: string]: unknown };

const isObject = (x: unknown): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * A response schema rewritten, meaning the same JSON, into the form fast-json-stringify (Fastify's
 * serialiser) writes fastest. The serialiser cannot tell the branches of an `anyOf` apart by itself:
 * for each value it runs a schema validator per branch, in order, until one passes. `Nullable(X)`
 * (`anyOf: [X, null]`) and a union of string literals are the two unions the progress answers are
 * made of, and both have a form with no `anyOf`:
 * - `anyOf: [{ type: T, … }, { type: 'null' }]` → `{ type: [T, 'null'], … }` (null then added to an `enum`);
 * - `anyOf` of string `const`s → `{ type: 'string', enum: […] }`.
 * Any other union is kept as it is. A plan's progress (about 40 targets, ~27 KB) was serialised in
 * 2.5× the time of JSON.stringify with the unions, and in the same time without them; the bytes are
 * identical (test/server/progress-serialised.test.ts).
 *
 * Only for responses: Fastify does not validate answers, and request schemas keep their unions
 * (the validator coerces, and the order of the branches matters there: common.ts NullableNumber).
 */
export function forSerialising<T extends TSchema>(schema: T): T {
  return rewrite(schema) as T;
}

function rewrite(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewrite);
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === 'anyOf' ? value : rewrite(value);
  if (!Array.isArray(schema.anyOf)) return out;

  const { anyOf: _anyOf, ...rest } = out;
  const options = (schema.anyOf as unknown[]).map(rewrite);
  if (options.length > 0 && options.every((o) => isObject(o) && typeof o.const === 'string'))
    return { ...rest, type: 'string', enum: options.map((o) => (o as Json).const) };
  const nonNull = options.filter((o) => !(isObject(o) && o.type === 'null' && Object.keys(o).length === 1));
  const only = nonNull[0];
  if (options.length === 2 && nonNull.length === 1 && isObject(only) && typeof only.type === 'string' && !('anyOf' in only)) {
    const merged: Json = { ...rest, ...only, type: [only.type, 'null'] };
    if (Array.isArray(only.enum)) merged.enum = [...only.enum, null];
    return merged;
  }
  return { ...rest, anyOf: options };
}
