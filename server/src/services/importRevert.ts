import { createHash } from 'node:crypto';
import type { RevertFigure, RevertFigureState, RevertPlan, RevertResult, RevertSummary } from '../api/types.js';
import type { Principal } from '../domain/permissions.js';
import { canWriteRegion } from '../domain/permissions.js';
import { type FigureState, planBasis, type RevertAction, type RevertDecision, revertDecision } from '../domain/revert.js';
import type { Repositories } from '../repositories/index.js';
import type { FigureRevision, UploadedFigure } from '../repositories/observations.js';
import { ImportRejected, visibleImport } from './importWrites.js';

// Reverting a committed upload (issue 12): every figure it wrote goes back to what it was before, as
// new revisions, in one transaction with its audit entries; the rules are in domain/revert.ts. The
// server runs it on the import worker (services/importWorker.ts): a dry run reads, and a revert
// writes, every figure of the upload, up to 100,000, which on the event loop held every other request.

export interface RevertHooks {
  /**
   * Test hook, read at each revert: the revert fails before writing its figure of this index (null:
   * never). A number, not a callback, because the revert runs on the worker.
   */
  failRevertAt?: () => number | null;
}

/** What a revert is asked: the choice, the dry run's fingerprint, and the test hook's failure point. */
export interface RevertOptions {
  includeRevisedSince: boolean;
  fingerprint?: string;
  failAt?: number | null;
}

/** How many figures each list of a plan carries; the summary counts all of them. */
const LISTED = 200;

const state = (r: FigureRevision | FigureState): RevertFigureState => ({
  revisionId: r.id,
  value: r.value,
  published: r.published,
  vintage: r.vintage,
  isSample: r.isSample,
  withdrawn: r.withdrawn,
});

interface PlannedFigure {
  figure: UploadedFigure;
  decision: RevertDecision;
}

/** A planned figure as the API lists it (only the listed ones are built: an upload may hold 100,000). */
const toApi = ({ figure, decision }: PlannedFigure): RevertFigure => ({
  regionCode: figure.regionCode,
  indicatorCode: figure.indicatorCode,
  year: figure.year,
  uploaded: state(figure.uploaded),
  current: {
    ...state(figure.current),
    importId: figure.current.importId,
    enteredBy: figure.current.enteredBy,
    enteredAt: figure.current.enteredAt,
  },
  restoreTo: decision.restoreTo ? state(decision.restoreTo) : null,
  revisedSince: decision.revisedSince,
});

export function createImportRevertService(repos: Repositories) {
  const regionName = (code: string, lang: 'zh' | 'en') => {
    const region = repos.reference.region(code);
    return (lang === 'zh' ? region?.nameZh : region?.nameEn) ?? code;
  };

  /** The upload, when the user may revert it: its uploader or an administrator; committed, not reverted. */
  function revertible(importId: number, user: Principal) {
    const record = visibleImport(repos, importId, user);
    if (record.status === 'reverted') {
      throw new ImportRejected(409, 'import_reverted', {
        zh: `该上传已于 ${record.revertedAt ?? ''} 撤销，不能再次撤销`,
        en: `This upload was reverted at ${record.revertedAt ?? ''}; it cannot be reverted again`,
      });
    }
    if (record.status !== 'committed') {
      throw new ImportRejected(409, 'import_not_committed', {
        zh: '只有已提交的上传才能撤销；未提交的预览请直接放弃',
        en: 'Only a committed upload can be reverted; a preview is discarded instead',
      });
    }
    return record;
  }

  /**
   * What reverting the upload would do now. Refused whole (403) when the user may no longer write one
   * of the regions the upload wrote: a revert, like a commit, is all or nothing.
   */
  function plan(importId: number, user: Principal, includeRevisedSince: boolean) {
    const record = revertible(importId, user);
    const figures = repos.observations.writtenByImport(importId);
    const refusedRegions = [...new Set(figures.map((f) => f.regionCode))].filter((code) => !canWriteRegion(user, code));
    if (refusedRegions.length > 0) {
      const names = (lang: 'zh' | 'en') => refusedRegions.map((c) => regionName(c, lang)).join(lang === 'zh' ? '、' : ', ');
      throw new ImportRejected(
        403,
        'region_not_assigned',
        {
          zh: `您现在无权修改以下地区的数据：${names('zh')}。该上传未撤销。`,
          en: `You may no longer change figures for ${names('en')}. The upload was not reverted.`,
        },
        { refusedRegions },
      );
    }
    const planned: Record<RevertAction, PlannedFigure[]> = { restore: [], withdraw: [], leftAlone: [], unchanged: [] };
    for (const figure of figures) {
      const decision = revertDecision(figure, includeRevisedSince);
      planned[decision.action].push({ figure, decision });
    }
    // With review on, an upload's figures may still be waiting: reverting the upload withdraws them
    // too, or a reviewer could later publish figures of an upload its uploader took back. Said only
    // when there are any, so a revert with review off reads as it always has.
    const openSubmissions = repos.figureSubmissions.openOfImport(importId);
    const summary: RevertSummary = {
      restore: planned.restore.length,
      withdraw: planned.withdraw.length,
      leftAlone: planned.leftAlone.length,
      unchanged: planned.unchanged.length,
      ...(openSubmissions > 0 ? { openSubmissions } : {}),
    };
    const basis = planBasis(figures.map((f) => ({ key: `${f.regionCode}/${f.indicatorCode}/${f.year}`, current: f.current })));
    const listed = (action: RevertAction) => planned[action].slice(0, LISTED).map(toApi);
    const api: RevertPlan = {
      importId,
      fileName: record.fileName,
      includeRevisedSince,
      fingerprint: createHash('sha256').update(basis).digest('hex'),
      summary,
      listed: LISTED,
      restore: listed('restore'),
      withdraw: listed('withdraw'),
      leftAlone: listed('leftAlone'),
      unchanged: listed('unchanged'),
    };
    return { record, planned, api };
  }

  return {
    /** The dry run: what a revert would do now; writes nothing. */
    preview(importId: number, user: Principal, includeRevisedSince: boolean): RevertPlan {
      return plan(importId, user, includeRevisedSince).api;
    },

    /**
     * Reverts the upload in one transaction: a new revision for every figure restored or withdrawn,
     * each with its audit entry, then `import.revert` (who, address, counts, the figures left alone),
     * and the upload marked reverted. With `fingerprint` (from the dry run the user confirmed), refuses
     * with 409 revert_stale when a figure has been revised since that dry run, writing nothing.
     */
    revert(importId: number, user: Principal, options: RevertOptions, address: string | null = null): RevertResult {
      const at = new Date().toISOString();
      // Immediate: the plan is made from the state the writes then change, with no write in between.
      return repos.transaction((): RevertResult => {
        const { record, planned, api } = plan(importId, user, options.includeRevisedSince);
        if (options.fingerprint !== undefined && options.fingerprint !== api.fingerprint) {
          throw new ImportRejected(409, 'revert_stale', {
            zh: '自您查看撤销内容以来，这次上传写入的数据又有修改，未撤销任何数据。请重新查看撤销内容后再确认。',
            en: 'Figures this upload wrote have changed since you looked at what the revert would do; nothing was reverted. Look at it again, then confirm.',
          });
        }
        if (!repos.imports.markReverted(importId, user.id, at, api.summary)) {
          throw new ImportRejected(409, 'import_reverted', {
            zh: '该上传已撤销，不能再次撤销',
            en: 'This upload has been reverted already',
          });
        }
        // In the same immediate transaction as the plan that counted them.
        repos.figureSubmissions.withdrawOfImport(importId, at);
        const toWrite = [
          ...planned.restore.map((p) => ({ ...p, action: 'restore' as const })),
          ...planned.withdraw.map((p) => ({ ...p, action: 'withdraw' as const })),
        ];
        for (const [index, { figure, decision, action }] of toWrite.entries()) {
          if (options.failAt != null && index === options.failAt) throw new Error('injected failure half-way through the revert');
          // A restore copies the earlier revision whole; a withdrawal names the figure it takes back
          // (the current one's source).
          const copy = repos.observations.revision(action === 'restore' ? (decision.restoreTo?.id ?? 0) : figure.current.id);
          if (!copy) throw new Error(`a revision of ${figure.regionCode}/${figure.indicatorCode}/${figure.year} is missing`);
          const restoreTo = action === 'restore' ? copy : null;
          const id = repos.observations.append({
            regionCode: figure.regionCode,
            indicatorCode: figure.indicatorCode,
            year: figure.year,
            value: restoreTo ? restoreTo.value : null,
            vintage: copy.vintage,
            isSample: restoreTo ? restoreTo.isSample : false,
            sourceTitle: copy.sourceTitle,
            sourceUrl: copy.sourceUrl,
            quote: restoreTo ? restoreTo.quote : null,
            note: restoreTo ? restoreTo.note : null,
            enteredBy: user.name,
            enteredByUserId: user.id,
            enteredAt: at,
            origin: 'upload',
            withdrawn: action === 'withdraw',
            restoredFromId: restoreTo ? restoreTo.id : null,
            revertedImportId: importId,
          });
          const current = figure.current;
          repos.audit.record(
            {
              actor: user.name,
              userId: user.id,
              action: action === 'restore' ? 'observation.revert' : 'observation.withdraw',
              entity: 'observation',
              entityId: String(id),
              before: {
                revisionId: current.id,
                year: figure.year,
                value: current.value,
                vintage: current.vintage,
                ...(current.isSample ? { isSample: true } : {}),
                ...(current.withdrawn ? { withdrawn: true } : {}),
                ...(decision.revisedSince ? { revisedSince: true } : {}),
              },
              after: restoreTo
                ? {
                    year: figure.year,
                    value: restoreTo.value,
                    vintage: restoreTo.vintage,
                    ...(restoreTo.isSample ? { isSample: true } : {}),
                    restoredFrom: restoreTo.id,
                  }
                : { year: figure.year, withdrawn: true },
              origin: 'upload',
              address,
              regionCode: figure.regionCode,
              indicatorCode: figure.indicatorCode,
              importId,
            },
            at,
          );
        }
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'import.revert',
            entity: 'import',
            entityId: String(importId),
            before: null,
            after: {
              fileName: record.fileName,
              ...api.summary,
              includeRevisedSince: options.includeRevisedSince,
              // Every figure left alone, not only the listed ones: the log is where they are looked up.
              leftAloneFigures: planned.leftAlone.map(
                ({ figure }) => `${figure.regionCode}/${figure.indicatorCode}/${figure.year}`,
              ),
            },
            origin: 'upload',
            address,
            importId,
          },
          at,
        );
        return { ...api, revertedAt: at, written: toWrite.length };
      }, 'immediate');
    },
  };
}

export type ImportRevertService = ReturnType<typeof createImportRevertService>;
