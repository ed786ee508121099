import { createHash } from 'node:crypto';
import type { CommitResult, ImportAcknowledgement, ImportSummary } from '../api/types.js';
import type { ContextIndicator, ImportContext, ImportIssue, ParseResult, Vintage } from '../domain/import/types.js';
import type { Principal } from '../domain/permissions.js';
import { canWriteRegion } from '../domain/permissions.js';
import { type CurrentFigure, PREVIEW_LIFETIME_HOURS, previewExpired, previewFigures } from '../domain/preview.js';
import { Refusal } from '../domain/refusal.js';
import { explanationRequired, unexplainedRows } from '../domain/review.js';
import type { WarnedRow } from '../repositories/imports.js';
import type { Repositories } from '../repositories/index.js';
import type { LeanRevision } from '../repositories/observations.js';
import { submitImportForReview } from './review.js';

/** An upload or revert refused (see CommitRefusal for what a commit's refusal carries). */
export class ImportRejected extends Refusal {
  override name = 'ImportRejected';
}

/** The rows of a list of warned rows, once each, in file order (a wide row warns in several columns). */
export function distinctRows(warned: readonly WarnedRow[]): number[] {
  return [...new Set(warned.map((w) => w.row))];
}

/** How many warned rows a refusal lists, and an audit entry names (the upload's record keeps them all). */
const LISTED_ROWS = 1000;

/** 409 naming the warned rows a commit did not acknowledge. */
function warningsUnacknowledged(missing: number[]): ImportRejected {
  const shown = (sep: string) => `${missing.slice(0, 20).join(sep)}${missing.length > 20 ? ' …' : ''}`;
  return new ImportRejected(
    409,
    'warnings_unacknowledged',
    {
      zh: `第${shown('、')}行的警告尚未确认（共 ${missing.length} 行）；请逐行核对并确认后再提交。未写入任何数据。`,
      en: `The warnings of row${missing.length > 1 ? 's' : ''} ${shown(', ')} (${missing.length} in all) have not been acknowledged; check and acknowledge them, then commit. Nothing was written.`,
    },
    { unacknowledgedRows: missing.slice(0, LISTED_ROWS), unacknowledgedCount: missing.length },
  );
}

/** The acknowledgement as the import.commit audit entry keeps it: a huge file's list is cut, with its counts. */
function auditedAcknowledgement(a: ImportAcknowledgement) {
  return {
    rows: a.rows.slice(0, LISTED_ROWS),
    warnings: a.warnings.slice(0, LISTED_ROWS),
    ...(a.rows.length > LISTED_ROWS || a.warnings.length > LISTED_ROWS
      ? { rowCount: a.rows.length, warningCount: a.warnings.length }
      : {}),
  };
}

/** The indicators as the upload parser reads them: names, unit, kind, and the catalogue's aliases. */
export function importIndicators(repos: Repositories): ContextIndicator[] {
  const aliases = new Map<string, string[]>();
  for (const a of repos.reference.listAliases()) aliases.set(a.indicatorCode, [...(aliases.get(a.indicatorCode) ?? []), a.alias]);
  return repos.reference.listIndicators().map(({ code, nameZh, nameEn, unit, unitEn, kind }) => ({
    code,
    nameZh,
    nameEn,
    unit,
    unitEn,
    kind,
    aliases: aliases.get(code) ?? [],
  }));
}

/**
 * An upload as its uploader or an administrator may see it; 404 to anyone else, as to an id that
 * does not exist, so an upload's existence is not told to those who may not see it.
 */
export function visibleImport(repos: Repositories, importId: number, user: Principal) {
  const record = repos.imports.find(importId);
  if (!record || (user.role !== 'admin' && record.userId !== user.id)) {
    throw new ImportRejected(404, 'import_not_found', {
      zh: `找不到上传记录 ${importId}`,
      en: `No upload with id ${importId}`,
    });
  }
  return record;
}

/** A commit as the import worker runs it (services/importWorker.ts): plain data, so it crosses to the thread. */
export interface CommitRequest {
  importId: number;
  user: Principal;
  address: string | null;
  acknowledged: readonly number[];
  /** With review on: the explanation (情况说明) of each flagged row, by row number. */
  explanations: Readonly<Record<number, string>>;
  /** Test hook: the commit fails after writing its revisions when it wrote more than this many. */
  failAfterRevisions?: number | null;
}

/** How many issues a preview lists; the counts cover all of them. */
export const LISTED_ISSUES = 200;

/** The stored preview's input besides the figures: who sent what, and the defaults they chose. */
export interface PreviewInput {
  bytes: Uint8Array;
  fileName: string;
  user: Principal;
  address?: string | null;
  defaultVintage: Vintage;
  defaultSource: string | null;
}

/** The regions and indicators the upload parser reads names against. */
export function importContext(repos: Repositories): ImportContext {
  return {
    regions: repos.reference.listRegions().map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
    indicators: importIndicators(repos),
  };
}

/**
 * The writes of an upload: its checked preview stored, and its commit. They run on the import worker's
 * own connection (workers/importWorker.ts), off the event loop: each is one transaction there, and the
 * main thread's connection reads on meanwhile (WAL).
 */
export function createImportWrites(repos: Repositories) {
  const regionOf = (code: string) => repos.reference.region(code);
  const regionName = (code: string) => regionOf(code)?.nameZh ?? code;
  const byYear = (revisions: LeanRevision[]) => {
    const figures = new Map<number, CurrentFigure>();
    for (const o of revisions) {
      figures.set(o.year, {
        year: o.year,
        value: o.value,
        published: o.value !== null,
        vintage: o.vintage,
        isSample: o.isSample,
        revisionId: o.id,
        sourceTitle: o.sourceTitle,
        sourceUrl: o.sourceUrl,
      });
    }
    return figures;
  };
  /**
   * The current figures of every region and indicator of the file, read in one statement (a file of
   * 100,000 figures names thousands of series); any other series asked for (a related indicator's,
   * with review on) is read on its own.
   */
  function currentFiguresOf(figures: readonly { regionCode: string; indicatorCode: string }[]) {
    const pairs = new Map<string, [string, string]>();
    for (const f of figures) {
      const key = `${f.regionCode}/${f.indicatorCode}`;
      if (!pairs.has(key)) pairs.set(key, [f.regionCode, f.indicatorCode]);
    }
    const read = repos.observations.currentRevisionsOfMany([...pairs.values()]);
    const found = new Map<string, Map<number, CurrentFigure>>();
    let i = 0;
    for (const key of pairs.keys()) found.set(key, byYear(read[i++] as LeanRevision[]));
    return (region: string, indicator: string) =>
      found.get(`${region}/${indicator}`) ?? byYear(repos.observations.currentRevisions(region, indicator));
  }

  const visible = (importId: number, user: Principal) => visibleImport(repos, importId, user);

  /** 403 naming each region the committer may no longer write, with its rows (the first ten). */
  function regionsRefused(refused: { regionCode: string; rows: number[] }[]) {
    const listed = (lang: 'zh' | 'en') =>
      refused
        .map(({ regionCode, rows }) => {
          const region = regionOf(regionCode);
          const name = (lang === 'zh' ? region?.nameZh : region?.nameEn) ?? regionCode;
          const shown = rows.slice(0, 10).join(lang === 'zh' ? '、' : ', ');
          if (lang === 'zh') return `${name}（第${shown}${rows.length > 10 ? ' 等' : ''}行）`;
          return `${name} (row${rows.length > 1 ? 's' : ''} ${shown}${rows.length > 10 ? ' …' : ''})`;
        })
        .join(lang === 'zh' ? '；' : '; ');
    return new ImportRejected(
      403,
      'region_not_assigned',
      {
        zh: `您现在无权录入以下地区的数据：${listed('zh')}。整份文件未写入任何数据。`,
        en: `You may no longer enter figures for ${listed('en')}. Nothing in the file was written.`,
      },
      { refused },
    );
  }

  /** The checks and the stored preview of figures read (from a file, or a bulletin's sentences). */
  function storePreview(parsed: Omit<ParseResult, 'fileType'> & { fileType: string | null }, input: PreviewInput): number {
    const indicators = new Map(repos.reference.listIndicators().map((i) => [i.code, i]));
    const { rows, issues: previewIssues } = previewFigures(parsed.figures, {
      current: currentFiguresOf(parsed.figures),
      indicator: (code) => indicators.get(code),
      canWriteRegion: (code) => canWriteRegion(input.user, code),
      regionName,
      defaultVintage: input.defaultVintage,
      defaultSource: input.defaultSource,
      hasSourceColumn: parsed.hasSourceColumn,
      reviewRules: repos.settings.reviewRequired(),
    });
    const issues: ImportIssue[] = [...parsed.issues, ...previewIssues].sort(
      (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning') || (a.row ?? 0) - (b.row ?? 0),
    );
    const summary: ImportSummary = {
      rowsRead: parsed.rowsRead,
      new: rows.filter((r) => r.status === 'new').length,
      changed: rows.filter((r) => r.status === 'changed').length,
      unchanged: rows.filter((r) => r.status === 'unchanged').length,
      replacesSample: rows.filter((r) => r.status === 'changed' && r.old?.isSample === true).length,
      errors: parsed.issueCount.errors + previewIssues.filter((i) => i.severity === 'error').length,
      warnings: parsed.issueCount.warnings + previewIssues.filter((i) => i.severity === 'warning').length,
    };
    const createdAt = new Date().toISOString();
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const importId = repos.transaction(() => {
      const id = repos.imports.create(
        {
          userId: input.user.id,
          fileName: input.fileName,
          sha256,
          sizeBytes: input.bytes.byteLength,
          fileType: parsed.fileType,
          encoding: parsed.encoding,
          sheet: parsed.sheet,
          layout: parsed.layout,
          defaultVintage: input.defaultVintage,
          defaultSource: input.defaultSource,
          createdAt,
          summary,
        },
        rows,
        issues.slice(0, LISTED_ISSUES),
      );
      // Who sent which file is worth keeping even when it is never committed: a wrong file
      // uploaded, or files tried against the checks, show up in the log. The summary holds the
      // rows read; the file's hash stays on the upload's record.
      repos.audit.record(
        {
          actor: input.user.name,
          userId: input.user.id,
          action: 'import.preview',
          entity: 'import',
          entityId: String(id),
          before: null,
          after: { fileName: input.fileName, sizeBytes: input.bytes.byteLength, summary },
          origin: 'upload',
          address: input.address ?? null,
          importId: id,
        },
        createdAt,
      );
      return id;
    });
    return importId;
  }

  /**
   * Writes the preview's new and changed figures as revisions, with one audit entry for the upload, in
   * one transaction: all or nothing. Committing a preview twice writes nothing the second time.
   *
   * A preview describes the database and the uploader's rights at the moment it was made, so the
   * commit checks them again: the preview is not older than PREVIEW_LIFETIME_HOURS (410
   * preview_expired), the committer may write every row's region now (403 region_not_assigned),
   * and every row's figure is still the revision the preview compared with (409 preview_stale).
   *
   * Every row written with a warning (figureChecks.ts) must be among `acknowledged` (409
   * warnings_unacknowledged, naming the rows); who acknowledged which rows and warnings is kept with
   * the upload and in the import.commit audit entry.
   */
  function commit({
    importId,
    user,
    address,
    acknowledged,
    explanations,
    failAfterRevisions = null,
  }: CommitRequest): CommitResult {
    const now = new Date();
    const record = visible(importId, user);
    if (record.status === 'committed') return { importId, written: 0, alreadyCommitted: true };
    if (record.status === 'reverted') {
      throw new ImportRejected(409, 'import_reverted', {
        zh: '该上传已提交并已撤销，不能再次提交；请重新上传文件',
        en: 'This upload was committed and then reverted; upload the file again to commit its figures',
      });
    }
    if (record.status === 'discarded') {
      throw new ImportRejected(409, 'import_discarded', {
        zh: '该上传已放弃，不能提交',
        en: 'This upload was discarded; it cannot be committed',
      });
    }
    if (record.summary.errors > 0) {
      throw new ImportRejected(409, 'import_has_errors', {
        zh: `该文件有 ${record.summary.errors} 处错误，请修正后重新上传`,
        en: `The file has ${record.summary.errors} error(s); fix them and upload it again`,
      });
    }
    if (previewExpired(record.createdAt, now)) {
      throw new ImportRejected(
        410,
        'preview_expired',
        {
          zh: `该预览已超过 ${PREVIEW_LIFETIME_HOURS} 小时，不能再提交，未写入任何数据。请重新上传文件，按现有数据重新核对。`,
          en: `This preview is more than ${PREVIEW_LIFETIME_HOURS} hours old and can no longer be committed; nothing was written. Upload the file again to check it against the current figures.`,
        },
        { expiredAfterHours: PREVIEW_LIFETIME_HOURS },
      );
    }
    const warned = repos.imports.warned(importId);
    // With review on, a flagged row needs an explanation for the reviewer, which acknowledges it too.
    const review = repos.settings.reviewRequired();
    const unexplained = review ? unexplainedRows(distinctRows(warned), explanations) : [];
    if (unexplained.length > 0) {
      throw new ImportRejected(400, 'explanation_required', explanationRequired(unexplained), {
        field: 'explanations',
        unexplainedRows: unexplained.slice(0, LISTED_ROWS),
      });
    }
    const acknowledgedRows = new Set(review ? distinctRows(warned) : acknowledged);
    const missing = distinctRows(warned).filter((row) => !acknowledgedRows.has(row));
    if (missing.length > 0) throw warningsUnacknowledged(missing);
    const at = now.toISOString();
    const acknowledgement =
      warned.length === 0
        ? null
        : {
            by: user.name,
            at,
            rows: distinctRows(warned),
            warnings: warned.flatMap((w) => w.codes.map((code) => ({ row: w.row, column: w.column, code }))),
          };
    let written = 0;
    let pendingReview: number | null = null;
    const commitAudit = (writtenNow: number) =>
      repos.audit.record(
        {
          actor: user.name,
          userId: user.id,
          action: 'import.commit',
          entity: 'import',
          entityId: String(importId),
          before: null,
          after: {
            fileName: record.fileName,
            written: writtenNow,
            ...(pendingReview !== null ? { pendingReview } : {}),
            summary: record.summary,
            ...(acknowledgement ? { acknowledged: auditedAcknowledgement(acknowledgement) } : {}),
          },
          origin: 'upload',
          address,
          importId,
        },
        at,
      );
    // Immediate: the checks below and the writes see one state of the database, with no other
    // connection's write in between.
    repos.transaction(() => {
      if (!repos.imports.decide(importId, 'committed', user.id, at)) {
        throw new ImportRejected(409, 'import_decided', { zh: '该上传已处理', en: 'This upload has been decided already' });
      }
      if (acknowledgement) repos.imports.acknowledge(importId, { ...acknowledgement, userId: user.id });
      // Every row, not only those that would be written: a commit signs off the whole file.
      // Refused whole rather than in part: the page promises all or nothing, and a partial commit
      // would leave the statistician to find out which figures landed and which did not.
      const refusedRegions = repos.imports.regionsOf(importId).filter((code) => !canWriteRegion(user, code));
      if (refusedRegions.length > 0) {
        throw regionsRefused(
          refusedRegions.map((regionCode) => ({ regionCode, rows: repos.imports.rowsIn(importId, regionCode) })),
        );
      }

      // Every row's figure must still be the revision the preview compared with; then the
      // preview's statuses hold as they were shown (new, changed, unchanged: sameFigure), and the
      // new and changed rows are exactly what to write.
      const stale = repos.imports.staleRows(importId);
      if (stale > 0) {
        throw new ImportRejected(
          409,
          'preview_stale',
          {
            zh: `预览之后，文件中有 ${stale} 项数据已被修改，预览的对比已过时，未写入任何数据。请重新上传文件，按现有数据重新核对。`,
            en: `Since this preview was made, the figures of ${stale} of its rows have been changed, so its comparison is out of date; nothing was written. Upload the file again to check it against the current figures.`,
          },
          { changedRows: stale },
        );
      }

      if (review) {
        // Review on: the figures wait for a reviewer (services/review.ts); nothing is published yet.
        pendingReview = submitImportForReview(repos, importId, user, at, explanations, address, record.fileName);
        commitAudit(0);
        return;
      }
      // Set-based: one INSERT … SELECT from the staged rows, and one audit entry for the upload
      // (below), not one per figure. Each revision carries the upload (import_id), and each staged
      // row keeps what it replaced (old_*, based_on_revision_id) and its warnings: the entry per
      // figure only repeated them, and tripled the writes of a large file.
      written = repos.imports.writeRevisions(importId, { name: user.name, userId: user.id }, at);
      if (failAfterRevisions !== null && written > failAfterRevisions)
        throw new Error('injected failure after the revisions were written');
      commitAudit(written);
    }, 'immediate');
    return { importId, written, alreadyCommitted: false, ...(pendingReview !== null ? { pendingReview } : {}) };
  }

  return { storePreview, commit, visible };
}
