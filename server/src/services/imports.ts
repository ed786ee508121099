import { createHash } from 'node:crypto';
import type { CommitResult, ImportSummary } from '../api/types.js';
import { parseImportFile } from '../domain/import/index.js';
import type { ImportIssue, ParseResult, Vintage } from '../domain/import/types.js';
import type { Principal } from '../domain/permissions.js';
import { canWriteRegion } from '../domain/permissions.js';
import { type CurrentFigure, previewFigures } from '../domain/preview.js';
import type { Repositories } from '../repositories/index.js';

export class ImportRejected extends Error {
  override name = 'ImportRejected';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messages: { zh: string; en: string },
  ) {
    super(messages.en);
  }
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
    indicators: repos.reference
      .listIndicators()
      .map(({ code, nameZh, nameEn, unit, unitEn, kind }) => ({ code, nameZh, nameEn, unit, unitEn, kind })),
  });
  const regionName = (code: string) => repos.reference.listRegions().find((r) => r.code === code)?.nameZh ?? code;
  const currentFigures = (region: string, indicator: string) =>
    new Map<number, CurrentFigure>(
      repos.observations
        .series(region, indicator)
        .map((o) => [
          o.year,
          { year: o.year, value: o.value, published: o.value !== null, vintage: o.vintage, isSample: o.isSample },
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

  return {
    /** Parses and checks an upload and stores its preview; writes no figure. */
    async preview(input: {
      bytes: Uint8Array;
      fileName: string;
      user: Principal;
      defaultVintage: Vintage;
      defaultSource: string | null;
      defaultRegionCode: string | null;
    }) {
      const ctx = { ...context(), defaultRegionCode: input.defaultRegionCode };
      const parsed: ParseResult = await parseImportFile(input.bytes, input.fileName, ctx);
      if (parsed.fatal) throw new ImportRejected(422, parsed.fatal.code, parsed.fatal.message);
      const { rows, issues: previewIssues } = previewFigures(parsed.figures, {
        current: currentFigures,
        canWriteRegion: (code) => canWriteRegion(input.user, code),
        regionName,
        defaultVintage: input.defaultVintage,
        defaultSource: input.defaultSource,
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
      const importId = repos.db.transaction(() =>
        repos.imports.create(
          {
            userId: input.user.id,
            fileName: input.fileName,
            sha256: createHash('sha256').update(input.bytes).digest('hex'),
            sizeBytes: input.bytes.byteLength,
            fileType: parsed.fileType,
            encoding: parsed.encoding,
            sheet: parsed.sheet,
            layout: parsed.layout,
            defaultVintage: input.defaultVintage,
            defaultSource: input.defaultSource,
            createdAt: new Date().toISOString(),
            summary,
          },
          rows,
          issues.slice(0, LISTED_ISSUES),
        ),
      )();
      return importId;
    },

    details(importId: number, user: Principal) {
      const record = visible(importId, user);
      return { ...record, issues: repos.imports.issues(importId, LISTED_ISSUES) };
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
     */
    commit(importId: number, user: Principal): CommitResult {
      const record = visible(importId, user);
      if (record.status === 'committed') return { importId, written: 0, alreadyCommitted: true };
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
      const now = new Date().toISOString();
      let written = 0;
      repos.db.transaction(() => {
        if (!repos.imports.decide(importId, 'committed', user.id, now)) {
          throw new ImportRejected(409, 'import_decided', { zh: '该上传已处理', en: 'This upload has been decided already' });
        }
        const rows = [
          ...repos.imports.rows(importId, 'new', 0, Number.MAX_SAFE_INTEGER),
          ...repos.imports.rows(importId, 'changed', 0, Number.MAX_SAFE_INTEGER),
        ];
        for (const [index, r] of rows.entries()) {
          hooks.beforeRowWrite?.(index);
          // Re-check against the figure now in the database: another upload may have landed since the preview.
          // A sample figure is replaced even by its own number: the upload is a real figure.
          const now2 = repos.observations.currentOfYear(r.regionCode, r.indicatorCode, r.year) ?? null;
          if (now2 && !now2.isSample && now2.value === r.value && now2.vintage === r.vintage) continue;
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
            enteredAt: now,
            origin: 'upload',
          });
          repos.audit.record(
            {
              actor: user.name,
              userId: user.id,
              action: now2 ? 'observation.revise' : 'observation.create',
              entity: 'observation',
              entityId: String(id),
              before: now2
                ? { year: now2.year, value: now2.value, vintage: now2.vintage, ...(now2.isSample ? { isSample: true } : {}) }
                : null,
              after: {
                year: r.year,
                value: r.value,
                vintage: r.vintage,
                ...(now2?.isSample ? { isSample: false } : {}),
                sourceTitle: r.sourceTitle,
                row: r.row,
              },
              origin: 'upload',
              regionCode: r.regionCode,
              indicatorCode: r.indicatorCode,
              importId,
            },
            now,
          );
          written++;
        }
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'import.commit',
            entity: 'import',
            entityId: String(importId),
            before: null,
            after: { fileName: record.fileName, written, summary: record.summary },
            origin: 'upload',
            importId,
          },
          now,
        );
      })();
      return { importId, written, alreadyCommitted: false };
    },

    discard(importId: number, user: Principal) {
      const record = visible(importId, user);
      if (record.status !== 'preview') {
        throw new ImportRejected(409, 'import_decided', {
          zh: '该上传已处理，不能放弃',
          en: 'This upload has been decided already',
        });
      }
      repos.imports.decide(importId, 'discarded', user.id, new Date().toISOString());
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
