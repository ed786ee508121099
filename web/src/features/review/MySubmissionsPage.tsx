import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { FigureSubmission, Indicator, SubmissionState } from '../../api/types';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatQuantity } from '../../format/numbers';
import { useLocale } from '../../i18n/useLocale';
import { nameOf, referenceQueries } from '../imports/reference';
import { ApiErrorText } from '../session/ApiErrorText';
import { canEnterFigures } from '../session/permissions';
import { RequireSignIn } from '../session/RequireSignIn';
import { formatDateTime } from '../session/time';
import { useResubmit } from './mutations';
import { reviewQueries } from './queries';
import '../../styles/write.css';

/** The order of the page's sections: what needs the reporter first. */
const SECTIONS: readonly SubmissionState[] = ['returned', 'pending', 'approved', 'withdrawn'];

/** A returned figure, corrected: a new value or an explanation, submitted again. */
function ResubmitForm({ submission }: { submission: FigureSubmission }) {
  const { t } = useLocale();
  const id = useId();
  const resubmit = useResubmit();
  const [value, setValue] = useState(submission.value === null ? '' : String(submission.value));
  const [explanation, setExplanation] = useState(submission.explanation ?? '');
  const [badValue, setBadValue] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim().replaceAll(',', '');
    const number = text === '' ? null : Number(text);
    if (number !== null && !Number.isFinite(number)) return setBadValue(true);
    setBadValue(false);
    resubmit.mutate({ id: submission.id, value: number, explanation: explanation.trim() || null });
  };
  if (resubmit.isSuccess) {
    return (
      <p className="notice notice--ok" role="status">
        {t('review.mine.sent')}
      </p>
    );
  }
  return (
    <form className="form review-resubmit" onSubmit={submit} noValidate aria-label={t('review.mine.resubmit')}>
      <h4>{t('review.mine.resubmit')}</h4>
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('review.mine.newValue')}</label>
          <input
            id={`${id}-value`}
            inputMode="decimal"
            value={value}
            aria-describedby={`${id}-value-hint`}
            onChange={(event) => setValue(event.target.value)}
          />
          <p id={`${id}-value-hint`} className="field__hint">
            {badValue ? t('review.mine.badValue') : t('review.mine.newValueHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-explanation`}>{t('review.mine.explanation')}</label>
          <textarea
            id={`${id}-explanation`}
            rows={2}
            maxLength={2000}
            value={explanation}
            onChange={(event) => setExplanation(event.target.value)}
          />
        </div>
      </div>
      {resubmit.isError ? (
        <p className="notice notice--error" role="alert">
          <ApiErrorText error={resubmit.error} />
        </p>
      ) : null}
      <p className="form__actions">
        <button type="submit" className="button button--primary" disabled={resubmit.isPending}>
          {t('review.mine.send')}
        </button>
      </p>
    </form>
  );
}

function SubmissionItem({ submission, indicator }: { submission: FigureSubmission; indicator: Indicator | undefined }) {
  const { lang, t } = useLocale();
  const regions = useQuery(referenceQueries.regions());
  const unit = indicator ? (lang === 'en' ? indicator.unitEn : indicator.unit) : '';
  const value =
    submission.value === null || !submission.published ? t('target.notPublished') : formatQuantity(submission.value, unit, lang);
  return (
    <li className="review-figure panel" data-submission={submission.id} data-state={submission.state}>
      <h3 className="review-figure__title">
        {nameOf(regions.data, submission.regionCode, lang)} ·{' '}
        {indicator ? (lang === 'en' ? indicator.nameEn : indicator.nameZh) : submission.indicatorCode} ·{' '}
        {t('format.year', { year: submission.year })}
      </h3>
      <dl className="review-figure__facts">
        <div>
          <dt>{t('review.queue.value')}</dt>
          <dd>
            <strong>{value}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('review.mine.submittedAt')}</dt>
          <dd>{formatDateTime(submission.submittedAt, lang)}</dd>
        </div>
        {submission.explanation ? (
          <div>
            <dt>{t('review.queue.explanation')}</dt>
            <dd>{submission.explanation}</dd>
          </div>
        ) : null}
        {submission.decidedBy && submission.decidedAt ? (
          <div>
            <dt>{t(`review.mine.${submission.state}`)}</dt>
            <dd>{t('review.mine.decided', { name: submission.decidedBy, at: formatDateTime(submission.decidedAt, lang) })}</dd>
          </div>
        ) : null}
        {submission.state === 'returned' && submission.decisionReason ? (
          <div className="review-figure__reason">
            <dt>{t('review.mine.reason')}</dt>
            <dd data-field="reason">{submission.decisionReason}</dd>
          </div>
        ) : null}
      </dl>
      {submission.state === 'returned' ? <ResubmitForm submission={submission} /> : null}
    </li>
  );
}

function Mine() {
  const { t } = useLocale();
  const mine = useQuery(reviewQueries.mine());
  const indicators = useQuery(referenceQueries.indicators());
  return (
    <div className="page review-page">
      <title>{t('app.pageTitle', { page: t('review.mine.title') })}</title>
      <div className="page-intro">
        <h1>{t('review.mine.title')}</h1>
        <p className="lede">{t('review.mine.intro')}</p>
      </div>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorMessage error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.submissions.length === 0 ? (
        <p className="empty-state">{t('review.mine.empty')}</p>
      ) : (
        SECTIONS.map((state) => {
          const items = mine.data.submissions.filter((s) => s.state === state);
          if (items.length === 0) return null;
          return (
            <section key={state} className="review-batch" data-section={state} aria-labelledby={`mine-${state}`}>
              <h2 id={`mine-${state}`}>
                {t(`review.mine.${state}`)} <span className="muted">({items.length})</span>
              </h2>
              <ul className="review-figures">
                {items.map((submission) => (
                  <SubmissionItem
                    key={submission.id}
                    submission={submission}
                    indicator={indicators.data?.find((i) => i.code === submission.indicatorCode)}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </div>
  );
}

/** /review/mine: a reporter's submissions, returned ones first with the reason and a form to fix them. */
export default function MySubmissionsPage() {
  return (
    <RequireSignIn allow={canEnterFigures}>
      <Mine />
    </RequireSignIn>
  );
}
