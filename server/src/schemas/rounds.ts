import { Type } from 'typebox';
import { IndicatorCode, IsoDate, Nullable, NullableNumber, RegionCode, Year } from './common.js';

// Collection rounds (填报轮次), their items with status, and what waits for a user.

export const ItemStatus = Type.Union([
  Type.Literal('owed'),
  Type.Literal('submitted'),
  Type.Literal('returned'),
  Type.Literal('approved'),
  Type.Literal('overdue'),
]);

export const StatusCounts = Type.Object({
  total: Type.Integer(),
  owed: Type.Integer(),
  submitted: Type.Integer(),
  returned: Type.Integer(),
  approved: Type.Integer(),
  overdue: Type.Integer(),
});

export const NewRound = Type.Object(
  {
    regionCode: { ...RegionCode, description: 'the city whose plans the round covers, its sub-regions included' },
    year: { ...Year, description: 'the year the figures are for' },
    titleZh: Type.String({ minLength: 1, maxLength: 200 }),
    titleEn: Type.String({ minLength: 1, maxLength: 200 }),
    dueDate: { ...IsoDate, description: 'the last day to submit, in China Standard Time' },
    indicatorCodes: Type.Optional(
      Type.Array(IndicatorCode, {
        minItems: 1,
        maxItems: 200,
        uniqueItems: true,
        description: 'narrow the round to these indicators (a supplementary round); absent: every figure the plans need',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Round = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionNameZh: Type.String(),
  regionNameEn: Type.String(),
  year: Type.Integer(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  dueDate: Type.String(),
  openedBy: Type.Integer(),
  openedByName: Type.String(),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
});

export const RoundSummary = Type.Object({ round: Round, counts: StatusCounts });

export const RoundItem = Type.Object({
  regionCode: Type.String(),
  regionNameZh: Type.String(),
  regionNameEn: Type.String(),
  indicatorCode: Type.String(),
  indicatorNameZh: Type.String(),
  indicatorNameEn: Type.String(),
  unit: Type.String(),
  unitEn: Type.String(),
  unitId: Nullable(Type.Integer({ description: 'the unit that owes the figure; null: 未指定单位' })),
  otherUnitIds: Type.Array(Type.Integer(), { description: 'other lead units the targets name' }),
  targetIds: Type.Array(Type.Integer()),
  status: ItemStatus,
  reason: Nullable(Type.String({ description: 'the reviewer’s reason, for a returned item' })),
  submissionId: Nullable(Type.Integer()),
  revisionId: Nullable(Type.Integer()),
});

export const Unit = Type.Object({ id: Type.Integer(), regionCode: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

export const RoundDetail = Type.Object({
  round: Round,
  items: Type.Array(RoundItem),
  all: StatusCounts,
  byUnit: Type.Array(Type.Object({ unitId: Nullable(Type.Integer()), counts: StatusCounts })),
  units: Type.Record(Type.String(), Unit, { description: 'the units named by the items, by id' }),
  notOwed: Type.Array(
    Type.Object({
      regionCode: Type.String(),
      indicatorCode: Type.String(),
      targetId: Type.Integer(),
      reason: Type.Literal('benchmark_outside_city'),
    }),
    { description: 'benchmark figures the targets compare with that no unit of the city is asked for' },
  ),
});

export const TodoItem = Type.Object({
  ...RoundItem.properties,
  earlier: Type.Array(Type.Object({ year: Type.Integer(), value: NullableNumber(), isSample: Type.Boolean() }), {
    description: 'the published figures of the last three years, newest first',
  }),
});

export const Todo = Type.Object({
  rounds: Type.Array(Type.Object({ round: Round, items: Type.Array(TodoItem) })),
  units: Type.Record(Type.String(), Unit),
});

export const RoundParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const PlanCompleteness = Type.Object({
  completeness: Nullable(Type.Object({ round: Round, counts: StatusCounts })),
});

export const RoundItemKey = Type.Object({ regionCode: RegionCode, indicatorCode: IndicatorCode });

// What waits for a user (GET /api/notifications/mine).
const RoundTask = Type.Object({
  roundId: Type.Integer(),
  roundTitleZh: Type.String(),
  roundTitleEn: Type.String(),
  dueDate: Type.String(),
  year: Type.Integer(),
  regionCode: Type.String(),
  regionNameZh: Type.String(),
  regionNameEn: Type.String(),
  indicatorCode: Type.String(),
  indicatorNameZh: Type.String(),
  indicatorNameEn: Type.String(),
  status: ItemStatus,
  reason: Nullable(Type.String({ description: 'why it was returned' })),
  submissionId: Nullable(Type.Integer()),
});
const ReviewTask = Type.Object({
  submissionId: Type.Integer(),
  batchId: Type.String(),
  regionCode: Type.String(),
  regionNameZh: Type.String(),
  regionNameEn: Type.String(),
  indicatorCode: Type.String(),
  indicatorNameZh: Type.String(),
  indicatorNameEn: Type.String(),
  unit: Type.String(),
  year: Type.Integer(),
  value: NullableNumber(),
  submittedBy: Type.String(),
  submittedAt: Type.String(),
});
export const Notifications = Type.Object({
  count: Type.Integer({ description: 'everything that waits, for the navigation’s badge' }),
  toFill: Type.Array(RoundTask),
  toFix: Type.Array(RoundTask),
  toReview: Type.Array(ReviewTask),
});
