import { Type } from 'typebox';
import { Nullable, NullableNumber, NullableString, RegionCode } from './common.js';

// The schemas of review before publication (api/review.ts gives the same shapes as types).

const Message = Type.Object({ zh: Type.String(), en: Type.String() });
const Vintage = Type.Union([Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('revised')]);

export const SubmissionCheck = Type.Object({
  code: Type.String({
    description: 'a figure check or review rule (审核规则): looks_like_wrong_unit, change_beyond_threshold …',
  }),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  message: Message,
});

export const FigureSubmission = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  indicatorCode: Type.String(),
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  published: Type.Boolean(),
  vintage: Vintage,
  isSample: Type.Boolean(),
  sourceTitle: Type.String(),
  sourceUrl: Nullable(Type.String()),
  quote: Nullable(Type.String()),
  note: Nullable(Type.String()),
  explanation: Nullable(Type.String({ description: '情况说明: the reporter’s explanation of the checks’ findings' })),
  checks: Type.Array(SubmissionCheck),
  state: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('returned'), Type.Literal('withdrawn')]),
  submittedBy: Type.String(),
  submittedById: Nullable(Type.Integer()),
  submittedAt: Type.String(),
  importId: Nullable(Type.Integer()),
  batchId: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  revisionId: Nullable(Type.Integer()),
  replacesId: Nullable(Type.Integer()),
});

export const PendingFigure = Type.Object({
  ...FigureSubmission.properties,
  regionNameZh: Type.String(),
  regionNameEn: Type.String(),
  indicatorNameZh: Type.String(),
  indicatorNameEn: Type.String(),
  unit: Type.String(),
  unitEn: Type.String(),
  current: Nullable(Type.Object({ value: Nullable(Type.Number()), isSample: Type.Boolean() })),
  previous: Type.Array(Type.Object({ year: Type.Integer(), value: Nullable(Type.Number()) })),
  verdictChanges: Type.Array(
    Type.Object({
      targetId: Type.Integer(),
      planId: Type.Integer(),
      planTitleZh: Type.String(),
      planTitleEn: Type.String(),
      key: Type.String(),
      status: Type.String(),
      statusIfApproved: Type.String(),
    }),
  ),
});

export const PendingBatch = Type.Object({
  batchId: Type.String(),
  submittedBy: Type.String(),
  submittedAt: Type.String(),
  importId: Nullable(Type.Integer()),
  fileName: Nullable(Type.String()),
  figures: Type.Array(PendingFigure),
});

export const ReviewDecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]),
    ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 200_000 })),
    batchId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'required to return' })),
  },
  { additionalProperties: false },
);

export const ReviewDecisionResult = Type.Object({
  decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]),
  decided: Type.Integer(),
  revisionIds: Type.Array(Type.Integer()),
});

export const ResubmitBody = Type.Object(
  {
    value: Type.Optional(NullableNumber({ description: 'null: not published ("—"), never zero' })),
    explanation: Type.Optional(NullableString({ maxLength: 2000 })),
    sourceTitle: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    vintage: Type.Optional(Vintage),
    note: Type.Optional(NullableString({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ReviewSettings = Type.Object({ reviewRequired: Type.Boolean() }, { additionalProperties: false });

export const PendingQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });

export const ReviewRefusal = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  // Optional: the access check's own 401/403 answers (plugins/auth.ts) carry no second language.
  messages: Type.Optional(Message),
  ids: Type.Optional(Type.Array(Type.Integer())),
  checks: Type.Optional(Type.Array(SubmissionCheck)),
});
