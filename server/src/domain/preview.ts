import { type CheckedIndicator, checkFigure, type FileFigure } from './figureChecks.js';
import type { ImportIssue, Message, ParsedFigure, Vintage } from './import/types.js';
import { type RelatedFigure, relatedIndicators } from './reviewRules.js';

// The second half of an upload's preview: each parsed figure compared with the figure the database
// holds now (new, changed, unchanged), the figure checks (figureChecks.ts: errors drop the row,
// warnings travel with it and must be acknowledged at commit), and the rules of who may write which
// region. Pure.
//
// A figure that would replace a sample figure (示例数据, is_sample = 1) says so: its `old` carries
// `isSample`, so the preview can label the old value and count and filter these rows.
//
// And the checks a commit makes on a stored preview, since time has passed since it was made: its age,
// the committer's rights now, and whether the figures it was compared with are still the current ones.

export interface CurrentFigure {
  year: number;
  value: number | null;
  published: boolean;
  vintage: Vintage;
  /** A sample figure (示例数据): illustrative, never published. */
  isSample: boolean;
  /** The revision that holds this figure: what the preview was compared with. */
  revisionId: number;
  /** Its source (undefined: not known to the caller, and not compared). */
  sourceTitle?: string | null;
  sourceUrl?: string | null;
}

export interface PreviewRow extends Omit<ParsedFigure, 'vintage' | 'sourceTitle'> {
  vintage: Vintage;
  sourceTitle: string;
  status: 'new' | 'changed' | 'unchanged';
  old: CurrentFigure | null;
  /** The revision this row was compared with (null: none existed); a commit finds the same one or refuses. */
  basedOn: number | null;
  warnings: { code: string; message: Message }[];
}

export interface PreviewOptions {
  /** The current figures of a region and indicator, by year. */
  current: (regionCode: string, indicatorCode: string) => Map<number, CurrentFigure>;
  /** The indicator a figure is checked by (figureChecks.ts). */
  indicator: (indicatorCode: string) => CheckedIndicator | undefined;
  canWriteRegion: (regionCode: string) => boolean;
  regionName: (regionCode: string) => string;
  defaultVintage: Vintage;
  defaultSource: string | null;
  /**
   * Whether the file has a source column (ParseResult.hasSourceColumn; default true). Without one
   * and without a default source, the file gets one message rather than one per figure.
   */
  hasSourceColumn?: boolean;
  /** Review is on: the review rules (reviewRules.ts) run too, and their warnings need an explanation. */
  reviewRules?: boolean;
}

const at = (f: ParsedFigure) => ({
  zh: `第${f.row}行${f.column ? `${f.column}列` : ''}`,
  en: `Row ${f.row}${f.column ? `, column ${f.column}` : ''}`,
});

function issue(f: ParsedFigure, code: string, severity: 'error' | 'warning', message: Message): ImportIssue {
  return { row: f.row, column: f.column, sheet: f.sheet, value: f.rawValue, severity, code, message };
}

/**
 * Whether an uploaded figure leaves the current one as it is: the same value, published or not, the
 * same vintage and the same source. A figure confirmed by a new source or a later vintage is a
 * correction and is written (a link left empty in the file says nothing about the link, so it
 * changes nothing). Never the same when the current one is a sample figure: an upload is a real
 * figure (it is written with is_sample = 0), so even the very number of the sample, from a real
 * source now, is a change from sample to real. It is shown as `changed` (with `old.isSample`), and
 * committing it writes it, so the sample label leaves that year.
 */
export function sameFigure(
  a: { value: number | null; published: boolean; vintage: Vintage; sourceTitle: string; sourceUrl: string | null },
  b: CurrentFigure,
): boolean {
  return (
    !b.isSample &&
    a.published === b.published &&
    a.vintage === b.vintage &&
    (b.sourceTitle === undefined || a.sourceTitle.trim() === (b.sourceTitle ?? '').trim()) &&
    (b.sourceUrl === undefined || a.sourceUrl === null || a.sourceUrl === b.sourceUrl) &&
    (a.value === b.value ||
      (a.value !== null && b.value !== null && Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(b.value))))
  );
}

export function previewFigures(figures: ParsedFigure[], options: PreviewOptions): { rows: PreviewRow[]; issues: ImportIssue[] } {
  const rows: PreviewRow[] = [];
  const issues: ImportIssue[] = [];
  const cache = new Map<string, Map<number, CurrentFigure>>();
  const currentOf = (region: string, indicator: string) => {
    const key = `${region}/${indicator}`;
    let found = cache.get(key);
    if (!found) {
      found = options.current(region, indicator);
      cache.set(key, found);
    }
    return found;
  };
  // The file's own figures of each region and indicator: a year is compared with the file's earlier
  // years too (a wide file's row of six years), not only with the database.
  const inFile = new Map<string, FileFigure[]>();
  for (const f of figures) {
    const key = `${f.regionCode}/${f.indicatorCode}`;
    const list = inFile.get(key) ?? [];
    list.push({ year: f.year, value: f.value, row: f.row });
    inFile.set(key, list);
  }
  // With review on: the figures of related indicators of the same region and year, the file's first
  // (it is about to replace the published one), else the published one.
  const related = (f: ParsedFigure): RelatedFigure[] =>
    relatedIndicators(f.indicatorCode).flatMap((code): RelatedFigure[] => {
      const other = options.indicator(code);
      if (!other) return [];
      const names = { indicatorCode: code, nameZh: other.nameZh, nameEn: other.nameEn };
      const inSameFile = inFile.get(`${f.regionCode}/${code}`)?.find((x) => x.year === f.year && x.value !== null);
      if (inSameFile?.value != null) return [{ ...names, value: inSameFile.value, from: 'file' as const }];
      const stored = currentOf(f.regionCode, code).get(f.year);
      return stored && stored.value !== null && !stored.isSample
        ? [{ ...names, value: stored.value, from: 'published' as const }]
        : [];
    });
  // No source column and no default source: every figure lacks one for the same reason, said once.
  const noSourceAnywhere = options.hasSourceColumn === false && !options.defaultSource;
  if (noSourceAnywhere) {
    issues.push({
      row: null,
      column: null,
      sheet: null,
      value: null,
      severity: 'error',
      code: 'missing_source',
      message: {
        zh: '文件没有来源列，请填写默认来源（上传时的“默认来源”），或在文件中加上“来源”列',
        en: 'The file has no source column; give a default source when uploading (“Default source”), or add a “source” column to the file',
      },
    });
  }

  for (const f of figures) {
    if (!options.canWriteRegion(f.regionCode)) {
      const where = at(f);
      const name = options.regionName(f.regionCode);
      issues.push(
        issue(f, 'region_not_assigned', 'error', {
          zh: `${where.zh}：您无权录入${name}的数据`,
          en: `${where.en}: you may not enter figures for ${name}`,
        }),
      );
      continue;
    }
    const sourceTitle = f.sourceTitle ?? options.defaultSource;
    if (!sourceTitle) {
      if (noSourceAnywhere) continue;
      const where = at(f);
      issues.push(
        issue(f, 'missing_source', 'error', {
          zh: `${where.zh}：缺少数据来源；请在文件中填写“来源”列，或在上传时填写默认来源`,
          en: `${where.en}: no source; fill in the “source” column or give a default source when uploading`,
        }),
      );
      continue;
    }
    const vintage = f.vintage ?? options.defaultVintage;
    const series = currentOf(f.regionCode, f.indicatorCode);
    const old = series.get(f.year) ?? null;
    const status =
      old === null
        ? 'new'
        : sameFigure({ value: f.value, published: f.published, vintage, sourceTitle, sourceUrl: f.sourceUrl }, old)
          ? 'unchanged'
          : 'changed';
    const indicator = options.indicator(f.indicatorCode);
    const findings = indicator
      ? checkFigure({
          indicator,
          year: f.year,
          value: f.value,
          stored: series.values(),
          inFile: inFile.get(`${f.regionCode}/${f.indicatorCode}`),
          where: { row: f.row, column: f.column },
          review: options.reviewRules ? { related: related(f) } : null,
        })
      : [];
    const errors = findings.filter((x) => x.severity === 'error');
    if (errors.length > 0) {
      // A figure that cannot be true gives no row, like any other error: the file is fixed and sent again.
      for (const e of errors) issues.push(issue(f, e.code, 'error', e.message));
      continue;
    }
    // An unchanged row writes nothing, so there is nothing to acknowledge about it.
    const warnings: PreviewRow['warnings'] =
      status === 'unchanged' ? [] : findings.map(({ code, message }) => ({ code, message }));
    for (const w of warnings) issues.push(issue(f, w.code, 'warning', w.message));
    // Written out rather than spread from the figure: one object of a fixed shape per row, of which
    // a large file makes 100,000 (the spread was the costliest line of the preview).
    rows.push({
      row: f.row,
      sheet: f.sheet,
      regionCode: f.regionCode,
      indicatorCode: f.indicatorCode,
      year: f.year,
      value: f.value,
      published: f.published,
      rawValue: f.rawValue,
      column: f.column,
      sourceUrl: f.sourceUrl,
      note: f.note,
      quote: f.quote ?? null,
      conversion: f.conversion,
      vintage,
      sourceTitle,
      status,
      old,
      basedOn: old?.revisionId ?? null,
      warnings,
    });
  }
  return { rows, issues };
}

/**
 * How long a preview may be committed after it was made. Its comparison and checks describe the
 * database of that moment; a day later the page is no longer what the statistician would be signing
 * off, so they upload again and see today's comparison. Stated in the README and in the refusal.
 */
export const PREVIEW_LIFETIME_HOURS = 24;

export function previewExpired(createdAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(createdAt) > PREVIEW_LIFETIME_HOURS * 3_600_000;
}
