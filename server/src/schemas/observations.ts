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
  submittedBy: Type.Optional(Nullable(Type.String({ description: 'who supplied the figure (review before publication)' }))),
  approvedBy: Type.Optional(
    Nullable(Type.String({ description: 'who approved it; null: published directly (review off, seed, restore, revert)' })),
  ),
});

const UploadRef = Type.Object({ id: Type.Integer(), fileName: Type.String() });

/** A revision in a figure's history, with how it came in (RevisionProvenance in api/types.ts). */
export const ObservationRevision = Type.Object({
  ...Observation.properties,
  cameFrom: Type.Union(
    [
      Type.Literal('seed'),
      Type.Literal('form'),
      Type.Literal('api'),
      Type.Literal('upload'),
      Type.Literal('restore'),
      Type.Literal('revert'),
    ],
    {
      description:
        'seed; form: entered by hand; api; upload: from the upload `import`; restore: an earlier revision restored by hand; revert: written by reverting the upload `revertedImport`',
    },
  ),
  withdrawn: Type.Boolean({ description: 'a withdrawal: from this revision on the figure is not current (no value, not zero)' }),
  import: Nullable(UploadRef),
  revertedImport: Nullable(UploadRef),
  restoredFromId: Nullable(Type.Integer({ description: 'the earlier revision whose figure this one restores' })),
});

export const CurrentObservation = Type.Object({ ...Observation.properties, revisionCount: Type.Integer() });

export const ObservationsQuery = Type.Object({ region: RegionCode, indicator: IndicatorCode }, { additionalProperties: false });

export const ObservationHistoryQuery = Type.Object(
  { region: RegionCode, indicator: IndicatorCode, year: Year },
  { additionalProperties: false },
);
