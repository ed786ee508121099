// The public shapes of the import parser: what a caller passes in (the reference lists, limits) and
// what it gets back (figures in the indicator's unit, issues in both languages, or one fatal issue).
// Types only: the API's types (../../api/types.ts) take ImportIssue and Message from here, and the
// web app imports those with `import type`.

import type { IndicatorKind, Vintage } from '../progress/types.js';

export type { IndicatorKind, Vintage };

export interface ContextRegion {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface ContextIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  kind: IndicatorKind;
  /** Other names it is known by (高企, high-tech enterprises): the catalogue's indicator_aliases. */
  aliases?: readonly string[];
}

export interface ImportContext {
  regions: ContextRegion[];
  indicators: ContextIndicator[];
  /** Used when the file has no region column (a template for one region). */
  defaultRegionCode?: string | null;
}

export interface ImportLimits {
  /** Larger files are refused before anything is read (`file_too_large`). */
  maxBytes: number;
  /** More data rows than this are refused (`too_many_rows`). */
  maxRows: number;
  /** Issues listed in the result; all of them are still counted. */
  maxIssues: number;
  /** The sum of the uncompressed sizes of an XLSX's parts (`zip_bomb`). */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed size of any XLSX part above a small grace size (`zip_bomb`). */
  maxCompressionRatio: number;
}

export interface Message {
  zh: string;
  en: string;
}

export interface ParsedFigure {
  /** 1-based row number as the user sees it in Excel (XLSX) or a text editor (CSV: the record's first line). */
  row: number;
  sheet: string | null;
  regionCode: string;
  indicatorCode: string;
  year: number;
  /** In the INDICATOR's unit; null = not published ("—", "-", "…", "x", "xx" …), never 0. */
  value: number | null;
  published: boolean;
  /** The cell as found. */
  rawValue: string;
  /** Excel letter of the value cell ("D"); in the wide layout the year (or indicator) column. */
  column: string;
  /** null when the file does not say. */
  vintage: Vintage | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  note: string | null;
  /** The sentence the figure was read from (a bulletin's, domain/bulletin.ts): the observation's quote. */
  quote?: string | null;
  /** e.g. 万元 → 亿元, factor 0.0001: value = number as written × factor. */
  conversion: { fromUnit: string; toUnit: string; factor: number } | null;
}

export interface ImportIssue {
  row: number | null;
  column: string | null;
  sheet: string | null;
  /** The value found (the cell as written, cut to 200 characters), or null for a whole-file issue. */
  value: string | null;
  severity: 'error' | 'warning';
  /** One of IMPORT_ISSUE_CODES (issues.ts). */
  code: string;
  /** Both languages, naming row and column ("第5行D列：…" / "Row 5, column D: …"). */
  message: Message;
}

export interface ParseResult {
  fileType: 'xlsx' | 'csv' | 'tsv' | null;
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  /** The data sheet chosen (XLSX only). */
  sheet: string | null;
  layout: 'long' | 'wide' | null;
  /** Whether the header has a source column: without one, every figure needs the upload's default source. */
  hasSourceColumn: boolean;
  /** Data rows read below the header (blank rows and footnotes not counted). */
  rowsRead: number;
  /** Only rows without errors. */
  figures: ParsedFigure[];
  /** At most limits.maxIssues: errors first, then warnings, each in row order. A fatal issue is listed here too. */
  issues: ImportIssue[];
  /** All of them, even past the listing limit. */
  issueCount: { errors: number; warnings: number };
  /** A whole-file problem: then figures is empty. */
  fatal: ImportIssue | null;
}
