import type { AuditEntry, AuditFilter } from './types.js';

/** The audit search in the page's address, and what the page says about each entry. Pure. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^\d{6}$/;
const INDICATOR = /^[a-z][a-z0-9_]*$/;

export function auditFilterFromSearch(params: URLSearchParams): AuditFilter {
  const pick = (name: string, pattern?: RegExp) => {
    const value = (params.get(name) ?? '').trim();
    return pattern && !pattern.test(value) ? '' : value;
  };
  const offset = Number(params.get('offset'));
  return {
    user: pick('user').slice(0, 64),
    region: pick('region', REGION),
    indicator: pick('indicator', INDICATOR),
    from: pick('from', DATE),
    to: pick('to', DATE),
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The filter's non-empty fields, for the page's address (the language is added by the caller). */
export function auditSearch(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['user', 'region', 'indicator', 'from', 'to'] as const) {
    if (filter[key]) params.set(key, filter[key]);
  }
  if (filter.offset > 0) params.set('offset', String(filter.offset));
  return params;
}

export function auditQueryString(filter: AuditFilter, limit: number): string {
  const params = auditSearch(filter);
  params.set('limit', String(limit));
  return params.toString();
}

/** Actions with a name in both languages (auth.audit.action.*); others are shown as written. */
export const KNOWN_ACTIONS = [
  'observation.create',
  'observation.revise',
  'observation.restore',
  'observation.revert',
  'observation.withdraw',
  'import.preview',
  'import.commit',
  'import.discard',
  'import.revert',
  'comment.create',
  'comment.replace',
  'user.create',
  'user.update',
  'user.password_change',
  'user.password_reset',
  'target.update',
  'target.create',
  'target.retire',
  'plan.create',
  'seed',
  'session.sign_in',
  'session.sign_out',
  'session.sign_in_failed',
  'user.unlock',
  'indicator.alias_create',
  'indicator.alias_delete',
  'review.submit',
  'review.resubmit',
  'review.approve',
  'review.return',
  'settings.update',
] as const;
export type KnownAction = (typeof KNOWN_ACTIONS)[number];

export function isKnownAction(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

/** What entries are about, named in both languages (auth.audit.entities.*): "用户 #3", not "user #3". */
export const KNOWN_ENTITIES = [
  'user',
  'observation',
  'import',
  'comment',
  'target',
  'plan',
  'database',
  'figure_submission',
  'settings',
] as const;
export type KnownEntity = (typeof KNOWN_ENTITIES)[number];
export function isKnownEntity(entity: string): entity is KnownEntity {
  return (KNOWN_ENTITIES as readonly string[]).includes(entity);
}

/** Actors that are not accounts: the seed loader, and a failed sign-in with an unknown name. */
export const SYSTEM_ACTORS = ['seed', 'anonymous'] as const;
export function isSystemActor(actor: string): actor is (typeof SYSTEM_ACTORS)[number] {
  return (SYSTEM_ACTORS as readonly string[]).includes(actor);
}

export const KNOWN_ORIGINS = ['form', 'upload', 'cli', 'seed'] as const;
export type KnownOrigin = (typeof KNOWN_ORIGINS)[number];
export function isKnownOrigin(origin: string): origin is KnownOrigin {
  return (KNOWN_ORIGINS as readonly string[]).includes(origin);
}

/** One field's change: "role: viewer → statistician", or a value written or removed. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * The fields entries write (server: routes, services, seed), each with a name in both languages
 * (auth.audit.fields.*; a dotted field is a nested key). Others are shown as written.
 */
export const KNOWN_FIELDS = [
  // figures
  'year',
  'value',
  'vintage',
  'isSample',
  'sourceTitle',
  'row',
  'restoredFrom',
  // uploads
  'fileName',
  'sizeBytes',
  'written',
  'summary.rowsRead',
  'summary.new',
  'summary.changed',
  'summary.unchanged',
  'summary.replacesSample',
  'summary.errors',
  'summary.warnings',
  // accounts and sign-ins
  'name',
  'displayName',
  'role',
  'regions',
  'disabled',
  'reason',
  'sessionsEnded',
  // comments
  'targetId',
  'body',
  // targets corrected (note: before notes came in two languages)
  'valueMin',
  'valueMax',
  'valueUnknown',
  'targetYear',
  'baseYear',
  'baseValue',
  'comparator',
  'commitment',
  'note',
  'noteZh',
  'noteEn',
  // targets added to a saved plan
  'key',
  'indicator',
  'type',
  'clause',
  'benchmarkRegion',
  'units',
  // plans added, and the seed's counts
  'slug',
  'titleZh',
  'sourceFile',
  'documentStored',
  'targets',
  'milestones',
  'plans',
  'indicators',
  'observations',
] as const;
export type KnownField = (typeof KNOWN_FIELDS)[number];

export function isKnownField(field: string): field is KnownField {
  return (KNOWN_FIELDS as readonly string[]).includes(field);
}

/** The words a value is shown with, in the page's language (the page fills them from i18n). */
export interface AuditValueWords {
  yes: string;
  no: string;
  /** a value that was empty (null) */
  none: string;
  listSeparator: string;
  /** Coded values by field: vintage, role, comparator, commitment, and a failed sign-in's reason. */
  codes: Partial<Record<KnownField, Record<string, string>>>;
}

/**
 * A value as the log shows it: yes/no for a flag, the name of a coded value (最终核实, not "final"),
 * lists joined; numbers and text as written.
 */
export function auditValueText(field: string, value: unknown, words: AuditValueWords): string {
  if (value === null) return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.map((v) => auditValueText(field, v, words)).join(words.listSeparator);
  // A target's milestone ("2020: 120") and unit ("各縣區政府 · responsible") in a list of them.
  if (isRecord(value) && typeof value.year === 'number' && 'value' in value)
    return `${value.year}: ${value.value === null ? words.none : show(value.value)}`;
  if (isRecord(value) && typeof value.asPrinted === 'string' && typeof value.role === 'string')
    return `${value.asPrinted} · ${words.codes.units?.[value.role] ?? value.role}`;
  if (typeof value === 'string' && isKnownField(field)) {
    const named = words.codes[field]?.[value];
    if (named) return named;
  }
  return show(value);
}

function show(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(show).join(', ');
  return JSON.stringify(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One level of nesting as dotted fields ("summary.errors"), so a summary reads field by field. */
function flatten(record: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (isRecord(value)) for (const [inner, v] of Object.entries(value)) flat[`${key}.${inner}`] = v;
    else flat[key] = value;
  }
  return flat;
}

// Bookkeeping that says nothing to a reader of the log.
const QUIET_FIELDS = new Set(['id', 'createdAt', 'passwordChangedAt', 'isDemo']);

/**
 * The fields an entry changed, before → after. A field equal on both sides is left out; an entry
 * with nothing before (a creation) lists what was written.
 */
export function describeChange(
  entry: Pick<AuditEntry, 'before' | 'after'>,
  text: (field: string, value: unknown) => string = (_field, value) => show(value),
): FieldChange[] {
  const before = isRecord(entry.before) ? flatten(entry.before) : null;
  const after = isRecord(entry.after) ? flatten(entry.after) : null;
  if (!before && !after) {
    if (entry.before === null && entry.after === null) return [];
    return [
      {
        field: '',
        before: entry.before == null ? null : text('', entry.before),
        after: entry.after == null ? null : text('', entry.after),
      },
    ];
  }
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((f) => !QUIET_FIELDS.has(f));
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const b = before && field in before ? text(field, before[field]) : null;
    const a = after && field in after ? text(field, after[field]) : null;
    if (before && after && b === a) continue;
    changes.push({ field, before: b, after: a });
  }
  return changes;
}
