import { Type } from 'typebox';
import { Nullable } from './common.js';

export const Region = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  level: Type.Union([Type.Literal('country'), Type.Literal('province'), Type.Literal('prefecture'), Type.Literal('county')]),
  parentCode: Nullable(Type.String()),
});

export const Indicator = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  unitEn: Type.String(),
  direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('band')]),
  kind: Type.Union([Type.Literal('stock'), Type.Literal('flow'), Type.Literal('share'), Type.Literal('money')]),
  note: Nullable(Type.String()),
  plausibleMin: Nullable(Type.Number()),
  plausibleMax: Nullable(Type.Number({ description: 'above this a target or value is flagged implausible' })),
});
