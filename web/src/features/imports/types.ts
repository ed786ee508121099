import type { Vintage } from '../../api/types.js';

/** The API's upload shapes (server/src/routes/imports.ts). */

export type Bilingual = { zh: string; en: string };

export interface ImportSummary {
  rowsRead: number;
  new: number;
  changed: number;
  unchanged: number;
  /** changed rows whose current figure is a sample figure (示例数据) */
  replacesSample: number;
  errors: number;
  warnings: number;
}

export type ImportStatus = 'preview' | 'committed' | 'discarded';

export interface ImportRecord {
  id: number;
  userName: string;
  fileName: string;
  sizeBytes: number;
  fileType: string | null;
  encoding: string | null;
  sheet: string | null;
  layout: string | null;
  defaultVintage: Vintage;
  defaultSource: string | null;
  status: ImportStatus | string;
  summary: ImportSummary;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface ImportIssue {
  row: number | null;
  column: string | null;
  sheet: string | null;
  value: string | null;
  severity: 'error' | 'warning' | string;
  code: string;
  message: Bilingual;
}

export type RowStatus = 'new' | 'changed' | 'unchanged';

export interface PreviewRow {
  row: number;
  sheet: string | null;
  column: string | null;
  regionCode: string;
  indicatorCode: string;
  year: number;
  /** null: not published ("—", "x"), never zero */
  value: number | null;
  rawValue: string;
  vintage: Vintage;
  sourceTitle: string;
  sourceUrl: string | null;
  note: string | null;
  conversion: { fromUnit: string; toUnit: string; factor: number } | null;
  status: RowStatus | string;
  /** the figure now in the database; isSample: a sample figure (示例数据), which this row replaces */
  old: { value: number | null; published: boolean; vintage: Vintage; isSample: boolean } | null;
  warnings: { code: string; message: Bilingual }[];
}

export interface ImportPreview {
  import: ImportRecord;
  issues: ImportIssue[];
  rows: PreviewRow[];
}

export interface CommitResult {
  importId: number;
  written: number;
  alreadyCommitted: boolean;
}

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
