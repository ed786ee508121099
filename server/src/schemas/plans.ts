import { Type } from 'typebox';
import { Nullable } from './common.js';
import { CurrentObservation } from './observations.js';
import { Indicator } from './reference.js';
import { TargetUnit } from './units.js';

export const PlanParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$', description: 'plan id (a number) or slug' }),
});

export const PlanSummary = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  kind: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  docNumber: Nullable(Type.String()),
  issuerZh: Type.String(),
  issuerEn: Type.String(),
  issueDate: Nullable(Type.String()),
  periodStart: Nullable(Type.Integer()),
  periodEnd: Nullable(Type.Integer()),
  status: Type.String(),
  statusNoteZh: Nullable(Type.String()),
  statusNoteEn: Nullable(Type.String()),
  region: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  targetCount: Type.Integer(),
  noteZh: Nullable(Type.String()),
  noteEn: Nullable(Type.String()),
  source: Type.Object({ fileName: Type.String(), title: Type.String() }),
});

export const Milestone = Type.Object({ year: Type.Integer(), value: Nullable(Type.Number()), clause: Type.String() });

/** What a target says, wherever it is shown. */
export const TargetCore = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  type: Type.String(),
  comparator: Type.String(),
  value: Nullable(Type.Number()),
  valueAsPrinted: Nullable(
    Type.Number({ description: 'the value as the source page renders it, where a damaged glyph makes it differ from value' }),
  ),
  valueMin: Nullable(Type.Number()),
  valueMax: Nullable(Type.Number()),
  valueUnknown: Type.Boolean(),
  targetYear: Nullable(Type.Integer()),
  baseYear: Nullable(Type.Integer()),
  baseValue: Nullable(Type.Number()),
  benchmarkRegionCode: Nullable(Type.String()),
  commitment: Nullable(Type.String()),
  clause: Type.String({ description: 'quoted verbatim from the source document' }),
  noteZh: Nullable(Type.String({ description: "the reviewer's note in Chinese" })),
  noteEn: Nullable(Type.String({ description: "the reviewer's note in English" })),
  milestones: Type.Array(Milestone),
});

export const Target = Type.Object({
  ...TargetCore.properties,
  region: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  indicator: Indicator,
  latestObservation: Nullable(CurrentObservation),
  units: Type.Array(TargetUnit, { description: 'lead units first, each role in the order printed' }),
});

export const PlanDetail = Type.Object({ ...PlanSummary.properties, targets: Type.Array(Target) });
