import { Type } from 'typebox';
import { Nullable } from './common.js';
import { ProgressSummary, Rollup } from './progress.js';

export const UnitKindSchema = Type.Union([
  Type.Literal('department'),
  Type.Literal('government'),
  Type.Literal('committee'),
  Type.Literal('other'),
]);
export const TargetUnitRoleSchema = Type.Union([Type.Literal('lead'), Type.Literal('responsible')], {
  description: 'lead: 牵头单位; responsible: 责任单位',
});

export const Unit = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: UnitKindSchema,
});

/** One of a target's units, as plan and target answers carry them. */
export const TargetUnit = Type.Object({
  id: Type.Integer({ description: "the unit's id" }),
  nameZh: Type.String(),
  nameEn: Type.String(),
  role: TargetUnitRoleSchema,
  asPrinted: Type.String({ description: 'the form the source document prints (市科技局, 經信委)' }),
});

export const UnitTarget = Type.Object({
  targetId: Type.Integer(),
  key: Type.String(),
  clause: Type.String(),
  targetYear: Nullable(Type.Integer()),
  regionCode: Type.String(),
  role: TargetUnitRoleSchema,
  asPrinted: Type.String(),
  indicator: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  plan: Type.Object({ id: Type.Integer(), slug: Type.String(), titleZh: Type.String(), titleEn: Type.String() }),
  result: ProgressSummary,
});

export const UnitDetail = Type.Object({
  ...Unit.properties,
  region: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  aliases: Type.Array(Type.String()),
  asOf: Nullable(Type.Integer()),
  leadRollup: Rollup,
  targets: Type.Array(UnitTarget),
});

/** PUT /api/targets/:id/units: the target's units, in the order printed; asPrinted defaults to the unit's name. */
export const TargetUnitsBody = Type.Object(
  {
    units: Type.Array(
      Type.Object(
        {
          unitId: Type.Integer({ minimum: 1 }),
          role: TargetUnitRoleSchema,
          asPrinted: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
  },
  { additionalProperties: false },
);
