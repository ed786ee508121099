import { randomUUID } from 'node:crypto';
import type {
  FigureSubmission,
  PendingBatch,
  PendingFigure,
  ReviewDecisionRequest,
  ReviewDecisionResult,
  SubmissionCheck,
} from '../api/review.js';
import type { Principal } from '../domain/permissions.js';
import { canWriteRegion } from '../domain/permissions.js';
import type { Vintage } from '../domain/progress/types.js';
import { Refusal } from '../domain/refusal.js';
import { hasExplanation, OWN_SUBMISSION, ownSubmission, reviewsRegion } from '../domain/review.js';
import type { NewSubmission } from '../repositories/figureSubmissions.js';
import type { Repositories } from '../repositories/index.js';
import { checkFigureToWrite } from './figureChecks.js';
import type { ProgressService } from './progress.js';

/** A refusal of the review routes: status, a stable code, both languages, and details. */
export class ReviewRefused extends Refusal {
  override name = 'ReviewRefused';
}

/** How many figures an audit entry of a submission or a decision lists (the table keeps them all). */
const LISTED = 1000;

/** A figure as an audit entry of review lists it. */
const brief = (s: FigureSubmission) => ({
  id: s.id,
  region: s.regionCode,
  indicator: s.indicatorCode,
  year: s.year,
  value: s.value,
  ...(s.checks.length > 0 ? { checks: s.checks.map((c) => c.code) } : {}),
  ...(s.explanation ? { explanation: s.explanation } : {}),
});

/** One audit entry of review: about a submission (its batch id), listing the figures. */
function reviewAudit(
  repos: Repositories,
  user: Principal,
  action: string,
  batchId: string,
  after: unknown,
  address: string | null,
  at: string,
  extra: { regionCode?: string | null; indicatorCode?: string | null; importId?: number | null } = {},
) {
  repos.audit.record(
    {
      actor: user.name,
      userId: user.id,
      action,
      entity: 'figure_submission',
      entityId: batchId,
      before: null,
      after,
      origin: 'review',
      address,
      ...extra,
    },
    at,
  );
}

/** The region and indicator when every figure shares them, for the audit log's filters. */
const common = (list: readonly FigureSubmission[]) => ({
  regionCode: list.every((s) => s.regionCode === list[0]?.regionCode) ? (list[0]?.regionCode ?? null) : null,
  indicatorCode: list.every((s) => s.indicatorCode === list[0]?.indicatorCode) ? (list[0]?.indicatorCode ?? null) : null,
});

/**
 * An upload's (or grid save's) new and changed figures as one pending submission, straight from its
 * staged rows (one INSERT … SELECT), with one audit entry. Called by the import commit inside its
 * transaction, after its checks, when review is on.
 */
export function submitImportForReview(
  repos: Repositories,
  importId: number,
  user: Principal,
  at: string,
  explanations: Readonly<Record<number, string>>,
  address: string | null,
  fileName: string,
): number {
  const batchId = `import-${importId}`;
  const trimmed: Record<number, string> = {};
  for (const [row, text] of Object.entries(explanations)) if (hasExplanation(text)) trimmed[Number(row)] = text.trim();
  const count = repos.figureSubmissions.insertFromImport(
    importId,
    { submittedBy: user.name, submittedById: user.id, submittedAt: at, batchId },
    trimmed,
  );
  const figures = repos.figureSubmissions.ofBatch(batchId);
  reviewAudit(
    repos,
    user,
    'review.submit',
    batchId,
    { importId, fileName, count, figures: figures.slice(0, LISTED).map(brief) },
    address,
    at,
    {
      ...common(figures),
      importId,
    },
  );
  return count;
}

/** One figure entered by hand (or resubmitted) for review: a submission before the checks and the record of who sent it. */
export type FigureToSubmit = Omit<
  NewSubmission,
  'checks' | 'submittedBy' | 'submittedById' | 'submittedAt' | 'importId' | 'batchId' | 'replacesId'
>;

/** The checks of one figure with review on: errors refuse (400 value), warnings need an explanation. */
function checked(repos: Repositories, f: FigureToSubmit): SubmissionCheck[] {
  const { errors, warnings } = checkFigureToWrite(repos, f, { review: true });
  if (errors.length > 0) {
    throw new ReviewRefused(
      400,
      errors[0]?.code ?? 'implausible_value',
      { zh: errors.map((e) => e.message.zh).join('；'), en: errors.map((e) => e.message.en).join('; ') },
      { field: 'value' },
    );
  }
  if (warnings.length > 0 && !hasExplanation(f.explanation)) {
    throw new ReviewRefused(
      400,
      'explanation_required',
      {
        zh: `该数据未通过审核规则（${warnings.map((w) => w.message.zh).join('；')}），须填写情况说明（explanation）后才能提交审核`,
        en: `The figure was flagged by the review rules (${warnings.map((w) => w.message.en).join('; ')}); it needs an explanation (explanation) before it can be submitted for review`,
      },
      { field: 'explanation', checks: warnings.map(({ code, severity, message }) => ({ code, severity, message })) },
    );
  }
  return warnings.map(({ code, severity, message }) => ({ code, severity, message }));
}

function insertOne(
  repos: Repositories,
  f: FigureToSubmit,
  user: Principal,
  checks: SubmissionCheck[],
  at: string,
  replacesId: number | null,
) {
  const batchId = `figure-${randomUUID()}`;
  const id = repos.figureSubmissions.insert({
    ...f,
    explanation: hasExplanation(f.explanation) ? f.explanation.trim() : null,
    checks,
    submittedBy: user.name,
    submittedById: user.id,
    submittedAt: at,
    importId: null,
    batchId,
    replacesId,
  });
  return repos.figureSubmissions.find(id) as FigureSubmission;
}

/** One figure entered by hand, as a pending submission: checked, explained where flagged, audited. */
export function submitFigureForReview(
  repos: Repositories,
  f: FigureToSubmit,
  user: Principal,
  address: string | null,
): FigureSubmission {
  const at = new Date().toISOString();
  return repos.transaction(() => {
    const s = insertOne(repos, f, user, checked(repos, f), at, null);
    reviewAudit(repos, user, 'review.submit', s.batchId, { count: 1, figures: [brief(s)] }, address, at, {
      regionCode: s.regionCode,
      indicatorCode: s.indicatorCode,
    });
    return s;
  });
}

export function createReviewService(repos: Repositories, progress: ProgressService) {
  const subs = repos.figureSubmissions;
  return {
    reviewRequired: () => repos.settings.reviewRequired(),

    submitOne: (f: FigureToSubmit, user: Principal, address: string | null) => submitFigureForReview(repos, f, user, address),

    /**
     * A returned (or still pending) figure sent again with a changed value or explanation: a new
     * pending submission that names the old one, which becomes withdrawn.
     */
    resubmit(
      id: number,
      user: Principal,
      changes: {
        value?: number | null;
        explanation?: string | null;
        sourceTitle?: string;
        vintage?: Vintage;
        note?: string | null;
      },
      address: string | null,
    ): FigureSubmission {
      const at = new Date().toISOString();
      return repos.transaction(() => {
        const old = subs.find(id);
        if (!old || !ownSubmission(user, old)) {
          throw new ReviewRefused(404, 'submission_not_found', {
            zh: `找不到您填报的第 ${id} 号数据`,
            en: `No submission ${id} of yours`,
          });
        }
        if (!canWriteRegion(user, old.regionCode)) {
          throw new ReviewRefused(403, 'region_not_assigned', {
            zh: `您现在无权录入该地区（${old.regionCode}）的数据`,
            en: `You may no longer enter figures for region ${old.regionCode}`,
          });
        }
        if (old.state !== 'returned' && old.state !== 'pending') {
          throw new ReviewRefused(409, 'submission_decided', {
            zh: `第 ${id} 号数据已${old.state === 'approved' ? '审核通过' : '撤回'}，不能重新提交`,
            en: `Submission ${id} has been ${old.state}; it cannot be submitted again`,
          });
        }
        const f: FigureToSubmit = {
          regionCode: old.regionCode,
          indicatorCode: old.indicatorCode,
          year: old.year,
          value: changes.value !== undefined ? changes.value : old.value,
          vintage: changes.vintage ?? old.vintage,
          isSample: old.isSample,
          sourceTitle: changes.sourceTitle ?? old.sourceTitle,
          sourceUrl: old.sourceUrl,
          quote: old.quote,
          note: changes.note !== undefined ? changes.note : old.note,
          explanation: changes.explanation !== undefined ? changes.explanation : old.explanation,
        };
        const checks = checked(repos, f);
        if (!subs.withdraw(old.id, at)) {
          throw new ReviewRefused(409, 'submission_decided', {
            zh: `第 ${id} 号数据已被处理，不能重新提交`,
            en: `Submission ${id} has been decided meanwhile; it cannot be submitted again`,
          });
        }
        const s = insertOne(repos, f, user, checks, at, old.id);
        reviewAudit(
          repos,
          user,
          'review.resubmit',
          s.batchId,
          { replaces: old.id, count: 1, figures: [brief(s)], before: { value: old.value, explanation: old.explanation } },
          address,
          at,
          { regionCode: s.regionCode, indicatorCode: s.indicatorCode },
        );
        return s;
      }, 'immediate');
    },

    /**
     * The pending figures of the regions the user reviews (one region when asked), by submission, each
     * with the last published years, the figure it would replace, and the targets whose verdict would
     * change were it approved (judged with the progress engine, nothing written).
     */
    pending(user: Principal, region: string | null): PendingBatch[] {
      const list = subs
        .pending(region ? [region] : null)
        .filter((s) => reviewsRegion(user, s.regionCode) && (region === null || s.regionCode === region));
      const regions = new Map(repos.reference.listRegions().map((r) => [r.code, r]));
      const indicators = new Map(repos.reference.listIndicators().map((i) => [i.code, i]));
      // The pending figures of each region and indicator judged together: a batch of several years moves a target once.
      const byFigure = new Map<string, FigureSubmission[]>();
      for (const s of list) {
        const key = `${s.regionCode}/${s.indicatorCode}`;
        byFigure.set(key, [...(byFigure.get(key) ?? []), s]);
      }
      const changes = new Map<string, PendingFigure['verdictChanges']>();
      for (const [key, group] of byFigure) {
        const [regionCode, indicatorCode] = key.split('/') as [string, string];
        const pendingPoints = group.map((s) => ({
          year: s.year,
          value: s.value,
          vintage: s.vintage,
          isSample: s.isSample,
          revisionCount: 1,
        }));
        changes.set(
          key,
          progress
            .whatIf(regionCode, indicatorCode, pendingPoints)
            .filter((j) => j.now.status !== j.ifApproved.status)
            .map((j) => ({
              targetId: j.target.id,
              planId: j.plan.id,
              planTitleZh: j.plan.titleZh,
              planTitleEn: j.plan.titleEn,
              key: j.target.key,
              status: j.now.status,
              statusIfApproved: j.ifApproved.status,
            })),
        );
      }
      const batches = new Map<string, PendingBatch>();
      for (const s of list) {
        const region = regions.get(s.regionCode);
        const indicator = indicators.get(s.indicatorCode);
        const current = repos.observations.currentOfYear(s.regionCode, s.indicatorCode, s.year);
        const previous = repos.observations
          .current(s.regionCode, s.indicatorCode)
          .filter((o) => o.year < s.year && !o.isSample)
          .slice(-3)
          .reverse()
          .map((o) => ({ year: o.year, value: o.value }));
        const figure: PendingFigure = {
          ...s,
          regionNameZh: region?.nameZh ?? s.regionCode,
          regionNameEn: region?.nameEn ?? s.regionCode,
          indicatorNameZh: indicator?.nameZh ?? s.indicatorCode,
          indicatorNameEn: indicator?.nameEn ?? s.indicatorCode,
          unit: indicator?.unit ?? '',
          unitEn: indicator?.unitEn ?? '',
          current: current ? { value: current.value, isSample: current.isSample } : null,
          previous,
          verdictChanges: changes.get(`${s.regionCode}/${s.indicatorCode}`) ?? [],
        };
        const batch = batches.get(s.batchId) ?? {
          batchId: s.batchId,
          submittedBy: s.submittedBy,
          submittedAt: s.submittedAt,
          importId: s.importId,
          fileName: s.importId !== null ? (repos.imports.find(s.importId)?.fileName ?? null) : null,
          figures: [],
        };
        batch.figures.push(figure);
        batches.set(s.batchId, batch);
      }
      return [...batches.values()];
    },

    /** The user's own submissions: returned (with the reason) first, then pending, then decided. */
    mine: (user: Principal) => subs.mine(user.id),

    /** Every submission of one figure, oldest first: its history beside the revisions. */
    ofFigure: (regionCode: string, indicatorCode: string, year: number) => subs.ofFigure(regionCode, indicatorCode, year),

    /**
     * Approves or returns figures (a list, or every pending figure of a submission) in one
     * transaction, with one audit entry listing them. Refused whole: a figure of a region the user
     * does not review (403), one the user submitted (403, two-person rule), one decided already (409).
     */
    decide(user: Principal, request: ReviewDecisionRequest, address: string | null): ReviewDecisionResult {
      const reason = request.reason?.trim() ?? '';
      if (request.decision === 'return' && reason.length === 0) {
        throw new ReviewRefused(
          400,
          'reason_required',
          { zh: '退回须填写理由（reason）', en: 'Returning figures needs a reason (field "reason")' },
          { field: 'reason' },
        );
      }
      if ((request.ids === undefined) === (request.batchId === undefined)) {
        throw new ReviewRefused(
          400,
          'ids_or_batch',
          {
            zh: '请给出数据编号（ids）或整批编号（batchId），二者取一',
            en: 'Give either the figures (ids) or a whole submission (batchId)',
          },
          { field: 'ids' },
        );
      }
      const at = new Date().toISOString();
      return repos.transaction((): ReviewDecisionResult => {
        const found = request.ids !== undefined ? subs.ofIds(request.ids) : subs.ofBatch(request.batchId as string);
        const chosen = request.ids !== undefined ? found : found.filter((s) => s.state === 'pending');
        const missing = request.ids !== undefined ? request.ids.filter((id) => !found.some((s) => s.id === id)) : [];
        if (missing.length > 0 || chosen.length === 0) {
          throw new ReviewRefused(404, 'submission_not_found', {
            zh: missing.length > 0 ? `找不到待审核数据 ${missing.join('、')}` : '该批次没有待审核的数据',
            en: missing.length > 0 ? `No submitted figure ${missing.join(', ')}` : 'That submission has no pending figures',
          });
        }
        const notMine = chosen.filter((s) => !reviewsRegion(user, s.regionCode));
        if (notMine.length > 0) {
          throw new ReviewRefused(403, 'region_not_reviewed', {
            zh: `您不负责审核这些地区的数据：${[...new Set(notMine.map((s) => s.regionCode))].join('、')}`,
            en: `You do not review figures of ${[...new Set(notMine.map((s) => s.regionCode))].join(', ')}`,
          });
        }
        const own = chosen.filter((s) => ownSubmission(user, s));
        if (own.length > 0) throw new ReviewRefused(403, 'own_submission', OWN_SUBMISSION, { ids: own.map((s) => s.id) });
        const decided = chosen.filter((s) => s.state !== 'pending');
        if (decided.length > 0) {
          throw new ReviewRefused(
            409,
            'already_decided',
            {
              zh: `第 ${decided.map((s) => s.id).join('、')} 号数据已被处理，未做任何更改；请刷新后再审核`,
              en: `Figure${decided.length > 1 ? 's' : ''} ${decided.map((s) => s.id).join(', ')} ${decided.length > 1 ? 'have' : 'has'} been decided already; nothing was changed. Reload and review again`,
            },
            { ids: decided.map((s) => s.id) },
          );
        }
        const figureKeys = new Set(chosen.map((s) => `${s.regionCode}/${s.indicatorCode}/${s.year}`));
        if (request.decision === 'approve' && figureKeys.size < chosen.length) {
          throw new ReviewRefused(409, 'same_figure_twice', {
            zh: '所选数据中同一地区、指标、年份出现了不止一次；请只批准其中一个',
            en: 'The figures chosen hold the same region, indicator and year more than once; approve only one of them',
          });
        }
        const ids = chosen.map((s) => s.id);
        // The reporter's checks (change against the published figure, 10⁴ slips) and the reviewer's
        // view were made against the figure published then; approving over a newer one would publish
        // a figure nobody compared with it. Returning stays possible.
        const stale = request.decision === 'approve' ? subs.changedSinceSubmission(ids) : [];
        if (stale.length > 0) {
          throw new ReviewRefused(
            409,
            'changed_since_submission',
            {
              zh: `第 ${stale.join('、')} 号数据提交之后，已发布的数值又有更新，提交时的核对已过时；未做任何更改。请退回，由填报人对照最新数值后重新提交`,
              en: `The published figure behind submission${stale.length > 1 ? 's' : ''} ${stale.join(', ')} changed after ${stale.length > 1 ? 'they were' : 'it was'} submitted, so the checks made then are out of date; nothing was changed. Return ${stale.length > 1 ? 'them' : 'it'} so the reporter can compare with the latest figure and submit again`,
            },
            { ids: stale },
          );
        }
        const decision = { decidedBy: user.name, decidedById: user.id, decidedAt: at, reason: reason || null };
        const changed =
          request.decision === 'approve' ? subs.approve(ids, decision) : subs.returnToReporter(ids, { ...decision, reason });
        if (changed !== ids.length) {
          throw new ReviewRefused(409, 'already_decided', {
            zh: '有数据在此期间已被他人处理，未做任何更改；请刷新后再审核',
            en: 'Some figures were decided by someone else meanwhile; nothing was changed. Reload and review again',
          });
        }
        const after = subs.ofIds(ids);
        const batchIds = [...new Set(after.map((s) => s.batchId))];
        reviewAudit(
          repos,
          user,
          request.decision === 'approve' ? 'review.approve' : 'review.return',
          batchIds.length === 1 ? (batchIds[0] as string) : batchIds.join(','),
          {
            count: ids.length,
            ...(reason ? { reason } : {}),
            submittedBy: [...new Set(after.map((s) => s.submittedBy))],
            figures: after.slice(0, LISTED).map((s) => ({ ...brief(s), ...(s.revisionId ? { revisionId: s.revisionId } : {}) })),
          },
          address,
          at,
          common(after),
        );
        return {
          decision: request.decision,
          decided: ids.length,
          revisionIds: after.flatMap((s) => (s.revisionId === null ? [] : [s.revisionId])),
        };
      }, 'immediate');
    },

    /** Switches review on or off for the installation, audited. */
    setReviewRequired(user: Principal, on: boolean, address: string | null) {
      const at = new Date().toISOString();
      repos.transaction(() => {
        const before = repos.settings.reviewRequired();
        repos.settings.set('review_required', on ? '1' : '0');
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'settings.update',
            entity: 'settings',
            entityId: 'review_required',
            before: { reviewRequired: before },
            after: { reviewRequired: on },
            origin: 'form',
            address,
          },
          at,
        );
      });
      return { reviewRequired: on };
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
