import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { PendingBatch, PendingFigure, ReviewDecisionRequest, ReviewDecisionResult } from '../../api/types';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatQuantity } from '../../format/numbers';
import { useLocale } from '../../i18n/useLocale';
import { GRID_FILE_NAME } from '../imports/preview';
import { referenceQueries } from '../imports/reference';
import { ApiErrorText } from '../session/ApiErrorText';
import { isReviewer, type SessionUser } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { RequireSignIn } from '../session/RequireSignIn';
import { formatDateTime } from '../session/time';
import { useReviewDecision } from './mutations';
import { reviewQueries } from './queries';
import '../../styles/write.css';

type Done = (result: ReviewDecisionResult) => void;

/** A submitted value with its unit, or 未公布 / not published. */
function useValueText() {
  const { lang, t } = useLocale();
  return (value: number | null, figure: Pick<PendingFigure, 'unit' | 'unitEn'>) =>
    value === null ? t('target.notPublished') : formatQuantity(value, lang === 'en' ? figure.unitEn : figure.unit, lang);
}

/**
 * Approve or return: one figure (ids) or a whole submission (batchId). Returning asks for the reason
 * first; a refusal (own submission, decided already) is said in the user's language.
 */
function Decide({
  target,
  count,
  batch,
  onDone,
}: {
  target: Pick<ReviewDecisionRequest, 'ids' | 'batchId'>;
  count: number;
  /** The whole submission's buttons ("全部通过"), not one figure's. */
  batch: boolean;
  /** Said by the page: the decided figures leave the queue, this control with them. */
  onDone: Done;
}) {
  const { t } = useLocale();
  const id = useId();
  const decide = useReviewDecision(onDone);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const send = (decision: 'approve' | 'return') =>
    decide.mutate({ decision, ...target, ...(decision === 'return' ? { reason: reason.trim() } : {}) });
  const submitReturn = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setMissingReason(true);
    setMissingReason(false);
    send('return');
  };
  return (
    <div className="review-decide" data-decide={batch ? 'batch' : 'figure'}>
      {decide.isError ? (
        <p className="notice notice--error" role="alert">
          <ApiErrorText error={decide.error} />
        </p>
      ) : null}
      {returning ? (
        <form className="form review-decide__return" onSubmit={submitReturn} noValidate>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('review.queue.reason')}</label>
            <textarea
              id={`${id}-reason`}
              rows={2}
              maxLength={2000}
              value={reason}
              aria-describedby={`${id}-reason-hint`}
              onChange={(event) => setReason(event.target.value)}
            />
            <p id={`${id}-reason-hint`} className="field__hint">
              {missingReason ? t('review.queue.reasonRequired') : t('review.queue.reasonHint')}
            </p>
          </div>
          <p className="form__actions">
            <button type="submit" className="button button--primary" disabled={decide.isPending}>
              {decide.isPending ? t('review.queue.working') : t('review.queue.confirmReturn')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setReturning(false)}>
              {t('review.queue.cancel')}
            </button>
          </p>
        </form>
      ) : (
        <p className="form__actions">
          <button type="button" className="button button--primary" disabled={decide.isPending} onClick={() => send('approve')}>
            {batch ? t('review.queue.approveBatch', { count }) : t('review.queue.approve')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={decide.isPending}
            onClick={() => setReturning(true)}
          >
            {batch ? t('review.queue.returnBatch', { count }) : t('review.queue.return')}
          </button>
        </p>
      )}
    </div>
  );
}

/** One pending figure: what it is, its past years, the checks beside the explanation, and what it would change. */
function FigureCard({ figure, user, onDone }: { figure: PendingFigure; user: SessionUser; onDone: Done }) {
  const { lang, t } = useLocale();
  const valueText = useValueText();
  const en = lang === 'en';
  const own = figure.submittedById === user.id;
  return (
    <li className="review-figure panel" data-submission={figure.id} data-indicator={figure.indicatorCode}>
      <h3 className="review-figure__title">
        {en ? figure.regionNameEn : figure.regionNameZh} · {en ? figure.indicatorNameEn : figure.indicatorNameZh} ·{' '}
        {t('format.year', { year: figure.year })}
      </h3>
      <dl className="review-figure__facts">
        <div>
          <dt>{t('review.queue.value')}</dt>
          <dd>
            <strong data-field="value">{valueText(figure.published ? figure.value : null, figure)}</strong>
            {figure.current ? (
              <span className="muted"> {t('review.queue.current', { value: valueText(figure.current.value, figure) })}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('review.queue.previous')}</dt>
          <dd data-field="previous">
            {figure.previous.length === 0
              ? t('review.queue.noPrevious')
              : figure.previous
                  .map((p) => `${t('format.year', { year: p.year })} ${valueText(p.value, figure)}`)
                  .join(en ? '; ' : '；')}
          </dd>
        </div>
        <div>
          <dt>{t('review.queue.source')}</dt>
          <dd>{figure.sourceTitle}</dd>
        </div>
      </dl>
      <div className="review-figure__side">
        <div className="review-figure__checks" data-field="checks">
          <h4>{t('review.queue.checks')}</h4>
          {figure.checks.length === 0 ? (
            <p className="muted">{t('review.queue.noChecks')}</p>
          ) : (
            <ul>
              {figure.checks.map((check) => (
                <li key={`${check.code}-${check.message.en}`} className={`pline__issue pline__issue--${check.severity}`}>
                  {en ? check.message.en : check.message.zh}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="review-figure__explanation" data-field="explanation">
          <h4>{t('review.queue.explanation')}</h4>
          <p>{figure.explanation ?? t('review.queue.noExplanation')}</p>
        </div>
      </div>
      <div className="review-figure__changes" data-field="changes">
        <h4>{t('review.queue.changes')}</h4>
        {figure.verdictChanges.length === 0 ? (
          <p className="muted">{t('review.queue.noChanges')}</p>
        ) : (
          <ul>
            {figure.verdictChanges.map((c) => (
              <li key={c.targetId}>
                {t('review.queue.change', {
                  plan: en ? c.planTitleEn : c.planTitleZh,
                  from: t(`format.progress.status.${c.status}` as 'format.progress.status.on_track'),
                  to: t(`format.progress.status.${c.statusIfApproved}` as 'format.progress.status.on_track'),
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {own ? <p className="field__hint">{t('review.queue.ownHint')}</p> : null}
      <Decide target={{ ids: [figure.id] }} count={1} batch={false} onDone={onDone} />
    </li>
  );
}

function Batch({ batch, user, onDone }: { batch: PendingBatch; user: SessionUser; onDone: Done }) {
  const { lang, t } = useLocale();
  const headingId = useId();
  return (
    <section className="review-batch" aria-labelledby={headingId} data-batch={batch.batchId}>
      <h2 id={headingId}>{t('review.queue.batch', { name: batch.submittedBy, at: formatDateTime(batch.submittedAt, lang) })}</h2>
      <p className="muted">
        {batch.fileName === null || batch.fileName === GRID_FILE_NAME
          ? t('review.queue.batchGrid')
          : t('review.queue.batchFile', { file: batch.fileName })}{' '}
        · {t('review.queue.count', { count: batch.figures.length })}
      </p>
      {batch.figures.length > 1 ? (
        <Decide target={{ batchId: batch.batchId }} count={batch.figures.length} batch onDone={onDone} />
      ) : null}
      <ul className="review-figures">
        {batch.figures.map((figure) => (
          <FigureCard key={figure.id} figure={figure} user={user} onDone={onDone} />
        ))}
      </ul>
    </section>
  );
}

function Queue() {
  const { lang, t } = useLocale();
  const id = useId();
  const user = useCurrentUser() as SessionUser;
  const [region, setRegion] = useState('');
  const [done, setDone] = useState<ReviewDecisionResult | null>(null);
  const pending = useQuery(reviewQueries.pending(region));
  const regions = useQuery(referenceQueries.regions());
  const choices = (regions.data ?? []).filter((r) => user.role === 'admin' || user.regions.includes(r.code));
  return (
    <div className="page review-page">
      <title>{t('app.pageTitle', { page: t('review.queue.title') })}</title>
      <div className="page-intro">
        <h1>{t('review.queue.title')}</h1>
        <p className="lede">{t('review.queue.intro')}</p>
      </div>
      <div className="field review-page__region">
        <label htmlFor={`${id}-region`}>{t('review.queue.region')}</label>
        <select id={`${id}-region`} value={region} onChange={(event) => setRegion(event.target.value)}>
          <option value="">{t('review.queue.allRegions')}</option>
          {choices.map((r) => (
            <option key={r.code} value={r.code}>
              {lang === 'en' ? r.nameEn : r.nameZh}
            </option>
          ))}
        </select>
      </div>
      <p className="notice notice--ok review-page__done" role="status" hidden={!done}>
        {done
          ? done.decision === 'approve'
            ? t('review.queue.approved', { count: done.decided })
            : t('review.queue.returned', { count: done.decided })
          : null}
      </p>
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <ErrorMessage error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.batches.length === 0 ? (
        <p className="empty-state">{t('review.queue.empty')}</p>
      ) : (
        pending.data.batches.map((batch) => <Batch key={batch.batchId} batch={batch} user={user} onDone={setDone} />)
      )}
    </div>
  );
}

/** /review: the figures waiting for the signed-in reviewer, by submission. */
export default function ReviewPage() {
  return (
    <RequireSignIn allow={isReviewer}>
      <Queue />
    </RequireSignIn>
  );
}
