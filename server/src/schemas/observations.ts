import { Type } from 'typebox';
import { IndicatorCode, Nullable, RegionCode, Year } from './common.js';

export const Observation = Type.Object({
  id: Type.Integer({ description: 'the revision id; a revision is never changed' }),
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  published: Type.Boolean({ description: 'false when the figure was printed as "—", "x" or similar: not published, never zero' }),
  vintage: Type.Union([Type.Literal('preliminary'), Type.Literal('final'), Type.Literal('revised')]),
  isSample: Type.Boolean({ description: 'true for illustrative sample figures, not published ones' }),
  sourceTitle: Type.String(),
  sourceUrl: Nullable(Type.String()),
  quote: Nullable(Type.String()),
  note: Nullable(Type.String()),
  enteredBy: Type.String(),
  enteredAt: Type.String(),
});

export const CurrentObservation = Type.Object({ ...Observation.properties, revisionCount: Type.Integer() });

export const ObservationsQuery = Type.Object({ region: RegionCode, indicator: IndicatorCode }, { additionalProperties: false });

export const ObservationHistoryQuery = Type.Object(
  { region: RegionCode, indicator: IndicatorCode, year: Year },
  { additionalProperties: false },
);
