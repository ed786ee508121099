import { Type } from 'typebox';
import { Nullable } from './common.js';

// The answer of an upload's preview, here rather than in routes/imports.ts because the import worker
// (workers/importWorker.ts) serialises it too: the same schema, so the same bytes either way.

export const Message = Type.Object({ zh: Type.String(), en: Type.String() });
const Summary = Type.Object({
  rowsRead: Type.Integer(),
  new: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  replacesSample: Type.Integer({ description: 'changed rows whose current figure is a sample figure (示例数据)' }),
  errors: Type.Integer(),
  warnings: Type.Integer(),
});
export const ImportRecord = Type.Object({
  id: Type.Integer(),
  userName: Type.String(),
  fileName: Type.String(),
  sizeBytes: Type.Integer(),
  fileType: Nullable(Type.String()),
  encoding: Nullable(Type.String()),
  sheet: Nullable(Type.String()),
  layout: Nullable(Type.String()),
  defaultVintage: Type.String(),
  defaultSource: Nullable(Type.String()),
  status: Type.String(),
  summary: Summary,
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  acknowledgement: Nullable(
    Type.Object(
      {
        by: Type.String(),
        at: Type.String(),
        rows: Type.Array(Type.Integer()),
        warnings: Type.Array(Type.Object({ row: Type.Integer(), column: Nullable(Type.String()), code: Type.String() })),
      },
      { description: 'who acknowledged which rows’ warnings when committing; null: none to acknowledge, or not committed' },
    ),
  ),
  // A committed upload reverted since (status `reverted`): when, by whom, and what the revert did.
  revertedAt: Nullable(Type.String()),
  revertedBy: Nullable(Type.String()),
  revertSummary: Nullable(
    Type.Object({ restore: Type.Integer(), withdraw: Type.Integer(), leftAlone: Type.Integer(), unchanged: Type.Integer() }),
  ),
});
const Issue = Type.Object({
  row: Nullable(Type.Integer()),
  column: Nullable(Type.String()),
  sheet: Nullable(Type.String()),
  value: Nullable(Type.String()),
  severity: Type.String(),
  code: Type.String(),
  message: Message,
});
export const Row = Type.Object({
  row: Type.Integer(),
  sheet: Nullable(Type.String()),
  column: Nullable(Type.String()),
  regionCode: Type.String(),
  indicatorCode: Type.String(),
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  rawValue: Type.String(),
  vintage: Type.String(),
  sourceTitle: Type.String(),
  sourceUrl: Nullable(Type.String()),
  note: Nullable(Type.String()),
  quote: Type.Optional(Nullable(Type.String({ description: 'the sentence the figure was read from (a bulletin)' }))),
  conversion: Nullable(Type.Object({ fromUnit: Type.String(), toUnit: Type.String(), factor: Type.Number() })),
  status: Type.String(),
  old: Nullable(
    Type.Object({
      value: Nullable(Type.Number()),
      published: Type.Boolean(),
      vintage: Type.String(),
      isSample: Type.Boolean({ description: 'the current figure is a sample figure (示例数据), which this row replaces' }),
      sourceTitle: Type.Optional(
        Nullable(Type.String({ description: 'the current figure’s source (null in previews made before it was kept)' })),
      ),
      sourceUrl: Type.Optional(Nullable(Type.String())),
    }),
  ),
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Message })),
});

/** How many of an upload's rows its preview answer lists (the rest are paged through GET …/rows). */
export const PREVIEW_ROWS = 500;

export const PreviewResponse = Type.Object({
  import: ImportRecord,
  issues: Type.Array(Issue),
  rows: Type.Array(Row),
  warnedRows: Type.Array(Type.Integer(), {
    description: 'every row that would be written with a warning; each must be acknowledged to commit',
  }),
});
