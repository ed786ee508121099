import { Type } from 'typebox';
import { FIRST_YEAR, LAST_YEAR } from '../domain/targets.js';
import { IndicatorCode, NullableInteger, NullableNumber, NullableString, RegionCode } from './common.js';

// A plan file as seed/plans/*.json writes it (seed/README.md), as JSON Schema: what POST /api/plans
// accepts. Fields the seed parser defaults (nulls, valueUnknown false, no milestones) may be left out.
// Nullable fields are single two-type schemas: the app's validator coerces, and an anyOf would turn
// null into 0 or "" in its first branch.

const YearOrNull = NullableInteger({ minimum: FIRST_YEAR, maximum: LAST_YEAR });
const Year = Type.Integer({ minimum: FIRST_YEAR, maximum: LAST_YEAR });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const PlanFileMilestone = Type.Object(
  { year: Year, value: NullableNumber(), clause: Text(2000) },
  { additionalProperties: false },
);

export const PlanFileTarget = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$', description: 'kebab-case, unique in the plan' }),
    indicator: IndicatorCode,
    region: Type.Optional(NullableString({ pattern: '^[0-9]{6}$' })),
    type: Type.Union(
      ['level', 'share', 'annual_growth', 'per_year', 'cumulative', 'range', 'benchmark', 'milestone'].map((t) =>
        Type.Literal(t),
      ),
    ),
    value: Type.Optional(NullableNumber()),
    valueAsPrinted: Type.Optional(NullableNumber()),
    valueMin: Type.Optional(NullableNumber()),
    valueMax: Type.Optional(NullableNumber()),
    valueUnknown: Type.Optional(Type.Boolean()),
    targetYear: Type.Optional(YearOrNull),
    baseYear: Type.Optional(YearOrNull),
    baseValue: Type.Optional(NullableNumber()),
    benchmarkRegion: Type.Optional(NullableString({ pattern: '^[0-9]{6}$' })),
    commitment: Type.Optional(
      Type.Unsafe<'binding' | 'expected' | null>({ type: ['string', 'null'], enum: ['binding', 'expected', null] }),
    ),
    comparator: Type.Union(['at_least', 'at_most', 'about', 'exactly'].map((c) => Type.Literal(c))),
    milestones: Type.Optional(Type.Array(PlanFileMilestone, { maxItems: 50 })),
    clause: Text(2000),
    noteZh: Type.Optional(NullableString({ maxLength: 4000, description: 'the note in Chinese' })),
    noteEn: Type.Optional(NullableString({ maxLength: 4000, description: 'the note in English' })),
  },
  { additionalProperties: false },
);

// A target's lead and responsible units (牵头单位 / 责任单位), in the order printed: the form the
// document prints, which must name a unit of the plan's region (its name or an alias, simplified or
// traditional). In a plan file, where a unit is named as printed; the add-target form of a saved plan
// (routes/planEdit.ts) picks units by id from a list instead.
export const PlanFileTargetUnit = Type.Object(
  {
    role: Type.Union([Type.Literal('lead'), Type.Literal('responsible')], {
      description: 'lead: 牵头单位; responsible: 责任单位',
    }),
    unit: Type.String({ minLength: 1, maxLength: 100, description: 'the form printed: a unit’s name or alias in the region' }),
  },
  { additionalProperties: false },
);

export const PlanFileTargetWithUnits = Type.Object(
  { ...PlanFileTarget.properties, units: Type.Optional(Type.Array(PlanFileTargetUnit, { maxItems: 50 })) },
  { additionalProperties: false },
);

// An indicator the plan defines (the columns of seed/indicators.tsv). Kind and direction are plain
// strings here and checked by domain/planFile.ts, so that a wrong word is a problem with its path
// and code like any other, not a schema error.
export const PlanFileIndicator = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64, description: 'snake_case: a-z, 0-9 and _, starting with a letter' }),
    nameZh: Text(200),
    nameEn: Text(300),
    unit: Text(40),
    unitEn: Text(80),
    direction: Type.String({ maxLength: 10, description: 'up | down | band' }),
    kind: Type.String({ maxLength: 10, description: 'stock | flow | share | money' }),
    note: Type.Optional(NullableString({ maxLength: 2000 })),
    plausibleMin: Type.Optional(NullableNumber()),
    plausibleMax: Type.Optional(NullableNumber()),
  },
  { additionalProperties: false },
);

export const PlanFile = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z][a-z0-9-]{0,79}$', description: 'kebab-case, starting with a letter' }),
    sourceFile: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$', description: 'the source document’s file name' }),
    kind: Type.Union(['action_plan', 'implementation_opinion', 'work_plan', 'work_summary'].map((k) => Type.Literal(k))),
    titleZh: Text(300),
    titleEn: Text(300),
    docNumber: Type.Optional(NullableString({ maxLength: 100 })),
    issuerZh: Text(200),
    issuerEn: Text(200),
    issueDate: Type.Optional(NullableString({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })),
    periodStart: Type.Optional(YearOrNull),
    periodEnd: Type.Optional(YearOrNull),
    status: Type.Union(['in_force', 'expired', 'unknown'].map((s) => Type.Literal(s))),
    statusNoteZh: Type.Optional(NullableString({ maxLength: 2000 })),
    statusNoteEn: Type.Optional(NullableString({ maxLength: 2000 })),
    regionCode: RegionCode,
    noteZh: Type.Optional(NullableString({ maxLength: 8000 })),
    noteEn: Type.Optional(NullableString({ maxLength: 8000 })),
    // New indicators the plan's targets use; omitted when they are all in the seed's catalogue.
    indicators: Type.Optional(Type.Array(PlanFileIndicator, { maxItems: 200 })),
    targets: Type.Array(PlanFileTargetWithUnits, { maxItems: 1000 }),
    // Not in the seed files, which sit beside their documents in seed/sources: the text of the source
    // document, verbatim, when `sourceFile` is not one of the stored documents (see routes/plans.ts).
    sourceText: Type.Optional(Type.String({ minLength: 1, maxLength: 1_500_000 })),
  },
  { additionalProperties: false },
);

/** A refused plan file: every problem found, each with its JSON path. */
export const PlanFileError = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
  problems: Type.Array(
    Type.Object({
      path: Type.String(),
      code: Type.String(),
      message: Type.String(),
      targetKey: Type.Optional(Type.String({ description: 'the key of the target the problem is in' })),
      unit: Type.Optional(Type.String({ description: 'the unit as printed, for unknown_unit and duplicate_unit' })),
    }),
  ),
});
