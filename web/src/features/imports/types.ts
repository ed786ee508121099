/** The API's upload shapes (server/src/routes/imports.ts); the grid's request body is the web's own. */
import type { Vintage } from '../../api/types.js';

export type {
  CommitRefusal,
  CommitRequest,
  CommitResult,
  ImportIssue,
  ImportPreview,
  ImportRecord,
  ImportSummary,
  PreviewRow,
  RevertFigure,
  RevertPlan,
  RevertResult,
  RevertSummary,
} from '../../api/types.js';

export interface GridFigure {
  indicator: string;
  year: number;
  value: string;
  vintage?: Vintage;
  source?: string;
  note?: string;
}

export interface GridEntry {
  region: string;
  defaultVintage: Vintage;
  defaultSource?: string;
  figures: GridFigure[];
}
