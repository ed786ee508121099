import { createHash } from 'node:crypto';
import type { CommitResult, ImportAcknowledgement, ImportSummary } from '../api/types.js';
import { parseImportFile } from '../domain/import/index.js';
import type { ContextIndicator, ImportIssue, ParseResult, Vintage } from '../domain/import/types.js';
import type { Principal } from '../domain/permissions.js';
import { canWriteRegion } from '../domain/permissions.js';
import {
  type CurrentFigure,
  PREVIEW_LIFETIME_HOURS,
  previewExpired,
  previewFigures,
  rowsNotAllowed,
  sameFigure,
  staleRows,
} from '../domain/preview.js';
import { explanationRequired, unexplainedRows } from '../domain/review.js';
import type { WarnedRow } from '../repositories/imports.js';
import type { Repositories } from '../repositories/index.js';
import { submitImportForReview } from './review.js';

export class ImportRejected extends Error {
  override name = 'ImportRejected';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messages: { zh: string; en: string },
    /** What the refusal says beyond its message, as fields of the answer (see CommitRefusal). */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(messages.en);
  }
}

/** The rows of a list of warned rows, once each, in file order (a wide row warns in several columns). */
function distinctRows(warned: readonly WarnedRow[]): number[] {
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

export interface ImportHooks {
  /** Called before each row is written at commit: tests inject a failure half-way through. */
  beforeRowWrite?: (index: number) => void;
}

/** How many issues a preview lists; the counts cover all of them. */
const LISTED_ISSUES = 200;

export function createImportService(repos: Repositories, hooks: ImportHooks = {}) {
  const context = () => ({
    regions: repos.reference.listRegions().map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
    indicators: importIndicators(repos),
  });
  const regionOf = (code: string) => repos.reference.listRegions().find((r) => r.code === code);
  const regionName = (code: string) => regionOf(code)?.nameZh ?? code;
  const currentFigures = (region: string, indicator: string) =>
    new Map<number, CurrentFigure>(
      repos.observations.currentRevisions(region, indicator).map((o) => [
        o.year,
        {
          year: o.year,
          value: o.value,
          published: o.value !== null,
          vintage: o.vintage,
          isSample: o.isSample,
          revisionId: o.id,
          sourceTitle: o.sourceTitle,
          sourceUrl: o.sourceUrl,
        },
      ]),
    );

  function visible(importId: number, user: Principal) {
    const record = repos.imports.find(importId);
    if (!record || (user.role !== 'admin' && record.userId !== user.id)) {
      throw new ImportRejected(404, 'import_not_found', {
        zh: `找不到上传记录 ${importId}`,
        en: `No upload with id ${importId}`,
      });
    }
    return record;
  }

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

  return {
    /** Parses and checks an upload and stores its preview; writes no figure. */
    async preview(input: {
      bytes: Uint8Array;
      fileName: string;
      user: Principal;
      /** The client's address, for the audit log (none from a script). */
      address?: string | null;
      defaultVintage: Vintage;
      defaultSource: string | null;
      defaultRegionCode: string | null;
    }) {
      const ctx = { ...context(), defaultRegionCode: input.defaultRegionCode };
      const parsed: ParseResult = await parseImportFile(input.bytes, input.fileName, ctx);
      if (parsed.fatal) throw new ImportRejected(422, parsed.fatal.code, parsed.fatal.message);
      const indicators = new Map(repos.reference.listIndicators().map((i) => [i.code, i]));
      const { rows, issues: previewIssues } = previewFigures(parsed.figures, {
        current: currentFigures,
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
      const importId = repos.db.transaction(() => {
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
      })();
      return importId;
    },

    details(importId: number, user: Principal) {
      const record = visible(importId, user);
      return { ...record, issues: repos.imports.issues(importId, LISTED_ISSUES) };
    },

    /** Every row that would be written with a warning: each must be acknowledged to commit. */
    warnedRows(importId: number, user: Principal): number[] {
      visible(importId, user);
      return distinctRows(repos.imports.warned(importId));
    },

    rows(importId: number, user: Principal, status: 'new' | 'changed' | 'unchanged' | null, offset: number, limit: number) {
      visible(importId, user);
      return repos.imports.rows(importId, status, offset, limit);
    },

    list(user: Principal) {
      return repos.imports.list(user.role === 'admin' ? null : user.id);
    },

    /**
     * Writes the preview's new and changed figures as revisions, each with its audit entry, in one
     * transaction: all or nothing. Committing a preview twice writes nothing the second time.
     *
     * A preview describes the database and the uploader's rights at the moment it was made, so the
     * commit checks them again: the preview is not older than PREVIEW_LIFETIME_HOURS (410
     * preview_expired), the committer may write every row's region now (403 region_not_assigned),
     * and every row's figure is still the revision the preview compared with (409 preview_stale).
     *
     * Every row written with a warning (figureChecks.ts) must be among `acknowledged` (409
     * warnings_unacknowledged, naming the rows); who acknowledged which rows and warnings is kept with
     * the upload and in the import.commit audit entry, and each figure's audit entry names its warnings.
     */
    commit(
      importId: number,
      user: Principal,
      address: string | null = null,
      acknowledged: readonly number[] = [],
      /** With review on: the explanation (情况说明) of each flagged row, by row number. */
      explanations: Readonly<Record<number, string>> = {},
    ): CommitResult {
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
      repos.db
        .transaction(() => {
          if (!repos.imports.decide(importId, 'committed', user.id, at)) {
            throw new ImportRejected(409, 'import_decided', { zh: '该上传已处理', en: 'This upload has been decided already' });
          }
          if (acknowledgement) repos.imports.acknowledge(importId, { ...acknowledgement, userId: user.id });
          const staged = repos.imports.rows(importId, null, 0, Number.MAX_SAFE_INTEGER);

          // Every row, not only those that would be written: a commit signs off the whole file.
          // Refused whole rather than in part: the page promises all or nothing, and a partial commit
          // would leave the statistician to find out which figures landed and which did not.
          const refused = rowsNotAllowed(staged, (code) => canWriteRegion(user, code));
          if (refused.length > 0) throw regionsRefused(refused);

          // Each row's current figure, read once: for the check and then for the write and its audit.
          const currentOf = new Map(
            staged.map((r) => [r, repos.observations.currentOfYear(r.regionCode, r.indicatorCode, r.year) ?? null]),
          );
          const stale = staleRows(staged, (r) => currentOf.get(r)?.id ?? null);
          if (stale.length > 0) {
            throw new ImportRejected(
              409,
              'preview_stale',
              {
                zh: `预览之后，文件中有 ${stale.length} 项数据已被修改，预览的对比已过时，未写入任何数据。请重新上传文件，按现有数据重新核对。`,
                en: `Since this preview was made, the figures of ${stale.length} of its rows have been changed, so its comparison is out of date; nothing was written. Upload the file again to check it against the current figures.`,
              },
              { changedRows: stale.length },
            );
          }

          if (review) {
            // Review on: the figures wait for a reviewer (services/review.ts); nothing is published yet.
            pendingReview = submitImportForReview(repos, importId, user, at, explanations, address, record.fileName);
            commitAudit(0);
            return;
          }
          const rows = [...staged.filter((r) => r.status === 'new'), ...staged.filter((r) => r.status === 'changed')];
          for (const [index, r] of rows.entries()) {
            hooks.beforeRowWrite?.(index);
            // The figure now in the database is the one the preview compared with (checked above).
            // A sample figure is replaced even by its own number: the upload is a real figure; and a
            // figure confirmed by a new source or vintage is a correction, written (sameFigure).
            const current = currentOf.get(r) ?? null;
            if (
              current &&
              sameFigure(
                { ...r, published: r.value !== null },
                { ...current, published: current.value !== null, revisionId: current.id },
              )
            )
              continue;
            const id = repos.observations.append({
              regionCode: r.regionCode,
              indicatorCode: r.indicatorCode,
              year: r.year,
              value: r.value,
              vintage: r.vintage,
              isSample: false,
              sourceTitle: r.sourceTitle,
              sourceUrl: r.sourceUrl,
              quote: null,
              note: r.note,
              enteredBy: user.name,
              enteredByUserId: user.id,
              importId,
              enteredAt: at,
              origin: 'upload',
            });
            repos.audit.record(
              {
                actor: user.name,
                userId: user.id,
                action: current ? 'observation.revise' : 'observation.create',
                entity: 'observation',
                entityId: String(id),
                before: current
                  ? {
                      year: current.year,
                      value: current.value,
                      vintage: current.vintage,
                      ...(current.isSample ? { isSample: true } : {}),
                    }
                  : null,
                after: {
                  year: r.year,
                  value: r.value,
                  vintage: r.vintage,
                  ...(current?.isSample ? { isSample: false } : {}),
                  sourceTitle: r.sourceTitle,
                  row: r.row,
                  // Acknowledged at commit (the import.commit entry says by whom).
                  ...(r.warnings.length > 0 ? { acknowledgedWarnings: r.warnings.map((w) => w.code) } : {}),
                },
                origin: 'upload',
                address,
                regionCode: r.regionCode,
                indicatorCode: r.indicatorCode,
                importId,
              },
              at,
            );
            written++;
          }
          commitAudit(written);
        })
        .immediate();
      return { importId, written, alreadyCommitted: false, ...(pendingReview !== null ? { pendingReview } : {}) };
    },

    discard(importId: number, user: Principal, address: string | null = null) {
      const record = visible(importId, user);
      if (record.status !== 'preview') {
        throw new ImportRejected(409, 'import_decided', {
          zh: '该上传已处理，不能放弃',
          en: 'This upload has been decided already',
        });
      }
      const at = new Date().toISOString();
      repos.db.transaction(() => {
        if (!repos.imports.decide(importId, 'discarded', user.id, at)) {
          throw new ImportRejected(409, 'import_decided', {
            zh: '该上传已处理，不能放弃',
            en: 'This upload has been decided already',
          });
        }
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'import.discard',
            entity: 'import',
            entityId: String(importId),
            before: null,
            after: { fileName: record.fileName, summary: record.summary },
            origin: 'upload',
            address,
            importId,
          },
          at,
        );
      })();
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
