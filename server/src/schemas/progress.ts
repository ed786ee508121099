import { Type } from 'typebox';
import { Nullable, Year } from './common.js';

const StatusSchema = Type.Union([
  Type.Literal('achieved'),
  Type.Literal('met_late'),
  Type.Literal('on_track'),
  Type.Literal('accelerate'),
  Type.Literal('limited'),
  Type.Literal('moving_away'),
  Type.Literal('missed'),
  Type.Literal('insufficient_data'),
  Type.Literal('no_data'),
  Type.Literal('not_assessable'),
]);
const YearValue = Type.Object({ year: Type.Integer(), value: Type.Number() });
const Pace = Type.Object({
  value: Type.Number(),
  unit: Type.Union([Type.Literal('percent_per_year'), Type.Literal('points_per_year'), Type.Literal('units_per_year')]),
  fromYear: Type.Integer(),
  toYear: Type.Integer(),
});
const UsedObservation = Type.Object({
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  vintage: Type.String(),
  isSample: Type.Boolean(),
  revisionCount: Type.Integer(),
});

const resultProperties = {
  status: StatusSchema,
  basis: Nullable(
    Type.Union([Type.Literal('published'), Type.Literal('sample')], {
      description: 'what the verdict rests on: published figures only, or some sample (illustrative) ones',
    }),
  ),
  sampleFigures: Type.Array(
    Type.Object({
      year: Type.Integer(),
      value: Type.Number(),
      series: Type.Union([Type.Literal('own'), Type.Literal('benchmark')]),
    }),
  ),
  publishedOnly: Nullable(
    Type.Object(
      { status: StatusSchema, explanation: Type.Object({ zh: Type.String(), en: Type.String() }) },
      { description: 'the verdict on the published figures alone, where the verdict rests on sample ones' },
    ),
  ),
  score: Nullable(Type.Number({ description: 'Open SDG score, −5…+5' })),
  asOf: Nullable(Type.Integer()),
  progressToDate: Nullable(Type.Number({ description: 'A: 1 means exactly on the required path' })),
  progressToDateReason: Nullable(Type.String()),
  outlook: Nullable(Type.Number({ description: 'P: the share of the way to the target the projection covers' })),
  outlookReason: Nullable(Type.String()),
  confidence: Nullable(Type.Union([Type.Literal('normal'), Type.Literal('low_confidence')])),
  checkpoint: Nullable(
    Type.Object({
      year: Type.Integer(),
      value: Type.Number(),
      kind: Type.Union([Type.Literal('milestone'), Type.Literal('target')]),
    }),
  ),
  base: Nullable(Type.Object({ year: Type.Integer(), value: Type.Number(), source: Type.String() })),
  projectedValue: Nullable(Type.Number()),
  paceAchieved: Nullable(Pace),
  requiredAnnualPace: Nullable(Pace),
  milestones: Type.Array(
    Type.Object({
      year: Type.Integer(),
      value: Nullable(Type.Number()),
      observed: Nullable(Type.Number()),
      status: Type.String(),
    }),
  ),
  cumulative: Nullable(Type.Object({ actual: Type.Number(), required: Type.Number(), missingYears: Type.Array(Type.Integer()) })),
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      value: Type.Number(),
      goal: Type.Number(),
      met: Type.Boolean(),
      isSample: Type.Boolean(),
    }),
  ),
  badges: Type.Array(Type.String()),
  flags: Type.Array(
    Type.Object({
      code: Type.String(),
      years: Type.Optional(Type.Array(Type.Integer())),
      values: Type.Optional(Type.Array(Type.Number())),
      suggestedValue: Type.Optional(Type.Number()),
      detail: Type.String(),
    }),
  ),
  inputs: Type.Object({
    observations: Type.Array(UsedObservation),
    base: Nullable(YearValue),
    targetValue: Nullable(Type.Number()),
    milestones: Type.Array(Type.Object({ year: Type.Integer(), value: Nullable(Type.Number()) })),
    benchmark: Type.Array(UsedObservation),
    method: Type.String(),
  }),
  explanation: Type.Object({ zh: Type.String(), en: Type.String() }),
};

/** The judgement without the year-by-year path, for lists of targets. */
export const ProgressSummary = Type.Object(resultProperties);
/** The full judgement, with the required path and the projection, for charting one target. */
export const ProgressResult = Type.Object({
  ...resultProperties,
  requiredPath: Type.Array(YearValue),
  projection: Type.Array(YearValue),
});

const { inputs: _inputs, ...briefProperties } = resultProperties;
/** The judgement in brief, for the plan page: the figures used summed up, not listed (api/types.ts JudgedFigures). */
export const ProgressBrief = Type.Object({
  ...briefProperties,
  judged: Type.Object({
    latest: Nullable(Type.Object({ year: Type.Integer(), value: Type.Number(), isSample: Type.Boolean() })),
    figureCount: Type.Integer(),
  }),
});

export const Rollup = Type.Object({
  targetCount: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  meanScore: Nullable(Type.Number()),
  scoredCount: Type.Integer(),
  judgedOnPublished: Type.Integer(),
  judgedOnSample: Type.Integer(),
  meanScoreIsHeadline: Type.Boolean(),
});

export const AsOfQuery = Type.Object({ asOf: Type.Optional(Year) }, { additionalProperties: false });

export const PlanProgress = Type.Object({
  planId: Type.Integer(),
  asOf: Nullable(Type.Integer()),
  rollup: Rollup,
  indicators: Type.Array(Type.Object({ indicatorCode: Type.String(), status: StatusSchema })),
  targets: Type.Array(
    Type.Object({ targetId: Type.Integer(), indicatorCode: Type.String(), regionCode: Type.String(), result: ProgressSummary }),
  ),
});

export const PlanProgressSummary = Type.Object({
  planId: Type.Integer(),
  asOf: Nullable(Type.Integer()),
  rollup: Rollup,
  indicators: Type.Array(Type.Object({ indicatorCode: Type.String(), status: StatusSchema })),
  targets: Type.Array(
    Type.Object({ targetId: Type.Integer(), indicatorCode: Type.String(), regionCode: Type.String(), result: ProgressBrief }),
  ),
});
