// A request the server refuses for a reason the user can act on: an HTTP status, a stable code the web
// app may translate, the message in both languages, and what it found (fields of the answer). One
// class for every service's refusals (uploads, reverts, aliases, review), answered in one place
// (routes/errors.ts), so each says its own words and none repeats the answer's shape.
export class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messages: { zh: string; en: string },
    /** What the refusal says beyond its message, as fields of the answer. */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(messages.en);
  }
}
