import { Link, useLocation } from 'react-router';
import type { PlanProgressSummary, ProgressStatus } from '../../../api/types';
import { ErrorMessage } from '../../../app/QueryStatus';
import { describeStatus, isJudged, meanScoreParts, type SummarySegment, summariseRollup } from '../../../format/progress';
import { useLocale } from '../../../i18n/useLocale';
import { searchWithStatuses, severityRank, statusesFromSearch, toggleStatus } from '../targetOrder';
import { AsOfSelect } from './AsOfSelect';
import { StatusIcon } from './StatusIcon';

/** The score's place on the −5…+5 scale, drawn; the number beside it is the figure to read. */
function ScoreScale({ score }: { score: number | null }) {
  const position = score === null ? null : ((Math.max(-5, Math.min(5, score)) + 5) / 10) * 100;
  return (
    <div className="score-scale" aria-hidden="true">
      <span className="score-scale__track" />
      <span className="score-scale__zero" />
      {position === null ? null : <span className="score-scale__marker" style={{ left: `${position}%` }} />}
      <span className="score-scale__end score-scale__end--min">−5</span>
      <span className="score-scale__end score-scale__end--max">+5</span>
    </div>
  );
}

/**
 * A status with its count. It is also the filter of the targets below: a link that adds the status to
 * the URL's `status` list, or takes it away (a new history entry each time, so Back undoes a filter).
 */
function LegendItem({ segment, selected }: { segment: SummarySegment; selected: readonly ProgressStatus[] }) {
  const { lang } = useLocale();
  const location = useLocation();
  const { label, icon } = describeStatus(segment.status, lang);
  const on = selected.includes(segment.status);
  const content = (
    <>
      <span className="legend__swatch" aria-hidden="true">
        <StatusIcon icon={icon} />
      </span>
      <span className="legend__label">{label}</span>
      <span className="legend__count" data-count={segment.count}>
        {segment.count}
      </span>
    </>
  );
  return (
    <li
      className={`legend__item pstatus-tone--${segment.status}${segment.count === 0 ? ' is-zero' : ''}${on ? ' is-selected' : ''}`}
      data-status={segment.status}
    >
      {segment.count === 0 && !on ? (
        <span className="legend__entry">{content}</span>
      ) : (
        <Link
          className="legend__entry legend__filter"
          to={{
            pathname: location.pathname,
            search: searchWithStatuses(location.search, toggleStatus(selected, segment.status)),
          }}
          preventScrollReset
          aria-current={on ? 'true' : undefined}
          data-filter-status={segment.status}
        >
          {content}
        </Link>
      )}
    </li>
  );
}

export function ProgressSummary({
  progress,
  periodStart,
  periodEnd,
  asOf,
  currentYear,
  updating,
}: {
  progress: { data: PlanProgressSummary | undefined; error: unknown; refetch: () => void };
  periodStart: number | null;
  periodEnd: number | null;
  asOf: number | null;
  currentYear: number;
  /** another year is loading: the figures shown are the previous year's */
  updating: boolean;
}) {
  const { lang, t } = useLocale();
  const location = useLocation();
  const selected = statusesFromSearch(location.search);
  const data = progress.data;
  const summary = data ? summariseRollup(data.rollup, lang) : null;
  const score = meanScoreParts(data?.rollup.meanScore ?? null, lang);
  // Off course first, here as on the cards below and in the bar.
  const bySeverity = [...(summary?.segments ?? [])].sort((a, b) => severityRank(a.status) - severityRank(b.status));
  const judgedSegments = bySeverity.filter((s) => isJudged(s.status));
  const otherSegments = bySeverity.filter((s) => !isJudged(s.status));

  // The mean score leads only when the engine says it may (at least half the targets judged);
  // otherwise it is a note under the counts, with the reason.
  const scoreBlock =
    summary && data ? (
      <div
        className={`score${summary.scoreIsHeadline ? '' : ' score--not-headline'}`}
        data-score-headline={summary.scoreIsHeadline}
      >
        <p className="score__text">
          <span className="score__label">{score.label}</span>{' '}
          <span className="score__value" data-score={data.rollup.meanScore ?? ''}>
            {score.score}
          </span>
          {lang === 'en' ? ' ' : ''}
          <span className="score__range">{score.range}</span>
        </p>
        {summary.scoreIsHeadline ? <ScoreScale score={data.rollup.meanScore} /> : null}
        {summary.scoreCaveat ? (
          <p className="score__caveat" data-score-caveat="">
            {summary.scoreCaveat}
          </p>
        ) : null}
        <p className="score__hint">
          {data.rollup.scoredCount > 0 ? t('progress.meanScoreHint', { count: data.rollup.scoredCount }) : t('progress.noScore')}
        </p>
      </div>
    ) : null;

  return (
    <section className="progress-summary" aria-labelledby="progress-heading" aria-busy={updating || !data}>
      <div className="progress-summary__head">
        <div>
          <h2 id="progress-heading">{t('progress.heading')}</h2>
          <p className="progress-summary__note">
            {asOf === null ? t('progress.asOfLatestNote') : t('progress.asOfYearNote', { year: asOf })}
            {updating ? (
              <span className="progress-summary__updating" role="status">
                <span className="spinner" aria-hidden="true" /> {t('progress.updating')}
              </span>
            ) : null}
          </p>
        </div>
        <AsOfSelect periodStart={periodStart} periodEnd={periodEnd} asOf={asOf} currentYear={currentYear} />
      </div>

      {progress.error && !data ? (
        <ErrorMessage error={progress.error} title={t('progress.errorTitle')} onRetry={progress.refetch} />
      ) : !summary || !data ? (
        <p className="progress-summary__loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('progress.judging')}
        </p>
      ) : (
        <div
          className={`progress-summary__body${updating ? ' is-updating' : ''}${summary.scoreIsHeadline ? ' has-headline-score' : ''}`}
        >
          <div className="tally">
            <p className="tally__judged">
              <strong>{summary.judgedText}</strong>
              <span className="tally__rest">{summary.notJudgedText}</span>
            </p>
            {summary.basisText ? (
              <p className="tally__basis" data-judged-on-sample={data.rollup.judgedOnSample}>
                {summary.basisText}
              </p>
            ) : null}
            {/* The bar is a picture of the legend below, which carries the numbers as text. */}
            <div className="stacked-bar" role="img" aria-label={t('progress.barLabel')}>
              {bySeverity
                .filter((segment) => segment.count > 0)
                .map((segment) => (
                  <span
                    key={segment.status}
                    className={`stacked-bar__segment pstatus-tone--${segment.status}`}
                    style={{ flexGrow: segment.count }}
                    title={`${describeStatus(segment.status, lang).label} ${segment.count}`}
                  />
                ))}
            </div>
            <nav className="legend" aria-label={t('plan.statusFilterLabel')}>
              <div className="legend__group">
                <h3 className="legend__heading">{t('progress.judgedGroup')}</h3>
                <ul className="legend__list">
                  {judgedSegments.map((segment) => (
                    <LegendItem key={segment.status} segment={segment} selected={selected} />
                  ))}
                </ul>
              </div>
              <div className="legend__group legend__group--other">
                <h3 className="legend__heading">{t('progress.notJudgedGroup')}</h3>
                <ul className="legend__list">
                  {otherSegments.map((segment) => (
                    <LegendItem key={segment.status} segment={segment} selected={selected} />
                  ))}
                </ul>
              </div>
            </nav>
            <p className="legend__hint">{t('plan.statusFilterHint')}</p>
          </div>
          {scoreBlock}
        </div>
      )}
    </section>
  );
}
