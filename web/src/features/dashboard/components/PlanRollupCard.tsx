import type { PlanSummary, ProgressRollup } from '../../../api/types';
import { LangLink } from '../../../app/LangLink';
import { formatPeriod } from '../../../format/plans';
import { describeStatus, meanScoreParts, summariseRollup } from '../../../format/progress';
import { useLocale } from '../../../i18n/useLocale';
import { StatusBadge } from '../../plans/components/StatusBadge';
import { StatusIcon } from '../../plans/components/StatusIcon';
import { STATUS_PARAM, severityRank } from '../../plans/targetOrder';
import { searchWith } from '../urlState';

/**
 * A plan of the region: how many of its targets are judged, its counts per status (word, shape and
 * number, off course first, each a link to those targets on the plan page), then its mean score:
 * beside the counts when it may stand for the plan (meanScoreIsHeadline), else as a note with the reason.
 */
export function PlanRollupCard({ plan, rollup, asOf }: { plan: PlanSummary; rollup: ProgressRollup; asOf: number | null }) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const summary = summariseRollup(rollup, lang);
  const score = meanScoreParts(rollup.meanScore, lang);
  const titleId = `plan-rollup-${plan.id}`;
  const present = summary.segments.filter((s) => s.count > 0).sort((a, b) => severityRank(a.status) - severityRank(b.status));
  const to = `/plans/${plan.slug}${searchWith('', { asOf })}`;
  return (
    <article className="plan-rollup" aria-labelledby={titleId} data-plan={plan.slug}>
      <p className="plan-rollup__tags">
        <span className="badge badge--kind">{t(`planKind.${plan.kind}`)}</span>
        <StatusBadge status={plan.status} />
        <span className="plan-rollup__period">{formatPeriod(plan.periodStart, plan.periodEnd, lang)}</span>
      </p>
      <h3 className="plan-rollup__title" id={titleId}>
        <LangLink to={to}>{en ? plan.titleEn : plan.titleZh}</LangLink>
      </h3>
      {summary.total === 0 ? (
        <p className="plan-rollup__empty">{t('dashboard.overview.noTargets')}</p>
      ) : (
        <div className={`plan-rollup__body${summary.scoreIsHeadline ? ' has-headline-score' : ''}`}>
          <div className="plan-rollup__tally">
            <p className="plan-rollup__judged">{summary.judgedText}</p>
            {summary.basisText ? (
              <p className="plan-rollup__basis" data-judged-on-sample={rollup.judgedOnSample}>
                {summary.basisText}
              </p>
            ) : null}
            <div className="stacked-bar stacked-bar--small" aria-hidden="true">
              {present.map((segment) => (
                <span
                  key={segment.status}
                  className={`stacked-bar__segment pstatus-tone--${segment.status}`}
                  style={{ flexGrow: segment.count }}
                />
              ))}
            </div>
            <ul className="rollup-counts">
              {present.map((segment) => {
                const { label, icon } = describeStatus(segment.status, lang);
                return (
                  <li
                    key={segment.status}
                    className={`rollup-counts__item pstatus-tone--${segment.status}`}
                    data-status={segment.status}
                  >
                    <LangLink
                      to={`/plans/${plan.slug}${searchWith('', { asOf, [STATUS_PARAM]: segment.status })}`}
                      className="rollup-counts__link"
                    >
                      <StatusIcon icon={icon} />
                      <span className="rollup-counts__label">{label}</span>
                      <span className="rollup-counts__count">{segment.count}</span>
                    </LangLink>
                  </li>
                );
              })}
            </ul>
          </div>
          {/* The mean score: a figure beside the counts only when it may stand for the plan. */}
          <div className="plan-rollup__standing">
            <p
              className={`plan-rollup__score${summary.scoreIsHeadline ? '' : ' plan-rollup__score--not-headline'}`}
              data-score-headline={summary.scoreIsHeadline}
            >
              <span className="plan-rollup__score-label">{score.label}</span>
              <span className="plan-rollup__score-value" data-score={rollup.meanScore ?? ''}>
                {score.score}
              </span>
              <span className="plan-rollup__score-range">{score.range}</span>
            </p>
            {summary.scoreCaveat ? <p className="plan-rollup__caveat">{summary.scoreCaveat}</p> : null}
          </div>
        </div>
      )}
      {summary.total > 0 ? (
        <p className="plan-rollup__more">
          <LangLink to={to} aria-describedby={titleId}>
            {t('dashboard.overview.openPlan', { count: summary.total })} →
          </LangLink>
        </p>
      ) : null}
    </article>
  );
}
