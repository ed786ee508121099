import type { CommitResult } from '../api/types.js';
import { BulletinTerms } from '../domain/bulletin.js';
import type { ParseResult } from '../domain/import/types.js';
import type { Principal } from '../domain/permissions.js';
import type { Repositories } from '../repositories/index.js';
import { previewAnswer } from './importPreviewAnswer.js';
import type { ImportWorker, PreviewFormInput } from './importWorker.js';
import {
  createImportWrites,
  distinctRows,
  ImportRejected,
  importIndicators,
  LISTED_ISSUES,
  type PreviewInput,
} from './importWrites.js';

export { ImportRejected, importIndicators };

export interface ImportHooks {
  /**
   * Test hook, read at each commit: the commit fails after writing its revisions when it wrote more
   * than this many (null: never). A number, not a callback, because the commit runs on the worker.
   */
  failCommitAfterRevisions?: () => number | null;
}

/**
 * Uploads: the reads of a preview (its record, rows, warned rows) on the main thread's connection;
 * the parse, the checks and the writes (storing a preview, committing it) on the import worker
 * (services/importWorker.ts), so a 100,000-row file holds no other request back.
 */
export function createImportService(repos: Repositories, hooks: ImportHooks, worker: ImportWorker) {
  // The few writes that stay here are small (a discard); the record checks are shared with the worker.
  const { visible } = createImportWrites(repos);
  // The worker's commits come from another connection: the data version (repositories/dataVersion.ts)
  // sees them through PRAGMA data_version, so nothing here has to tell it.

  return {
    /** Parses and checks an upload and stores its preview; writes no figure. */
    preview: (input: PreviewInput & { defaultRegionCode: string | null }): Promise<number> => worker.preview(input),

    /** As `preview`, with the preview's answer (`previewAnswer`) as JSON bytes made on the worker. */
    previewAnswered: (input: PreviewInput & { defaultRegionCode: string | null }) => worker.previewAnswered(input),

    /** As `previewAnswered`, from an upload's whole multipart body, read on the worker (services/uploadForm.ts). */
    previewForm: (input: PreviewFormInput) => worker.previewForm(input),

    /** An upload's preview as its answer shows it (the record, issues, first rows, warned rows). */
    previewAnswer: (importId: number, user: Principal) => previewAnswer(repos, importId, user),

    /**
     * Checks figures read from elsewhere than a file (a bulletin's sentences, domain/bulletin.ts) as
     * an upload's are, and stores their preview: the ordinary commit writes them.
     */
    previewParsed: (parsed: Omit<ParseResult, 'fileType'> & { fileType: string | null }, input: PreviewInput) =>
      worker.previewParsed(parsed, input),

    /** The catalogue's names and aliases as the bulletin reader matches them (domain/bulletin.ts). */
    bulletinTerms(): BulletinTerms {
      return new BulletinTerms(importIndicators(repos).map((i) => ({ ...i, aliases: i.aliases ?? [] })));
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
     * Writes the preview's new and changed figures as revisions in one transaction, on the worker
     * (createImportWrites().commit says what it checks). Committing a preview twice writes nothing
     * the second time.
     */
    async commit(
      importId: number,
      user: Principal,
      address: string | null = null,
      acknowledged: readonly number[] = [],
      /** With review on: the explanation (情况说明) of each flagged row, by row number. */
      explanations: Readonly<Record<number, string>> = {},
    ): Promise<CommitResult> {
      return worker.commit({
        importId,
        user,
        address,
        acknowledged,
        explanations,
        failAfterRevisions: hooks.failCommitAfterRevisions?.() ?? null,
      });
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
      repos.transaction(() => {
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
      });
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
