import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { PlanDetail, Region, Target } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, PageSkeleton } from '../../app/QueryStatus';
import {
  bandRates,
  chartPhrases,
  chartSubtitle,
  describeAxis,
  describeDataGaps,
  sourceLine,
  targetLegend,
  targetLegendItems,
} from '../../format/chartText';
import { formatQuantity } from '../../format/numbers';
import { formatYear } from '../../format/plans';
import {
  describeBasis,
  describeConfidence,
  describeFlags,
  describeJudgedYear,
  describePublishedOnly,
  describeTargetStatus,
  formatPace,
  formatPacePeriod,
  judgedObservation,
} from '../../format/progress';
import { describeTarget, isYesNoTarget, unitOf } from '../../format/targets';
import { useLocale } from '../../i18n/useLocale';
import { TargetEditor, TargetHistory } from '../admin/TargetAdmin';
import { ChartFrame } from '../charts/ChartFrame';
import { TargetChart } from '../charts/TargetChart';
import { targetChartModel } from '../charts/targetChartModel';
import { TargetComments } from '../comments/TargetComments';
import { asOfFromSearch } from '../plans/asOf';
import { AsOfSelect } from '../plans/components/AsOfSelect';
import { ProgressStatusBadge } from '../plans/components/ProgressStatusBadge';
import { TargetUnits } from '../units/TargetUnits';
import { TargetUnitsEditor } from '../units/TargetUnitsEditor';
import { TargetTable } from './components/TargetTable';
import { dashboardQueries } from './queries';
import type { TargetProgressDetail } from './types';
import { searchWith } from './urlState';
import '../../styles/dashboard.css';

function Breadcrumb({ plan, current }: { plan?: PlanDetail; current?: string }) {
  const { lang, t } = useLocale();
  return (
    <nav className="breadcrumb" aria-label={t('plan.breadcrumb')}>
      <ol>
        <li>
          <LangLink to={plan ? `/?region=${plan.region.code}` : '/'}>{t('nav.overview')}</LangLink>
        </li>
        {plan ? (
          <li>
            <LangLink to={`/plans/${plan.slug}`}>{lang === 'en' ? plan.titleEn : plan.titleZh}</LangLink>
          </li>
        ) : null}
        {current ? <li aria-current="page">{current}</li> : null}
      </ol>
    </nav>
  );
}

function regionName(regions: readonly Region[] | undefined, code: string | null, en: boolean): string | null {
  if (code === null) return null;
  const region = regions?.find((r) => r.code === code);
  return region ? (en ? region.nameEn : region.nameZh) : code;
}

function TargetView({ detail, plan, asOf }: { detail: TargetProgressDetail; plan: PlanDetail; asOf: number | null }) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const regions = useQuery(dashboardQueries.regions()).data;
  const target = plan.targets.find((x) => x.id === detail.targetId) as Target;
  const result = detail.result;
  const unit = unitOf(target, lang);
  const indicatorName = en ? target.indicator.nameEn : target.indicator.nameZh;
  const region = regionName(regions, detail.regionCode, en) ?? target.region.nameZh;
  const benchmarkName = regionName(regions, detail.benchmarkRegionCode, en);
  const yesNo = isYesNoTarget(target);
  const model = targetChartModel({
    target,
    result,
    observations: detail.observations,
    benchmark: detail.benchmark,
    asOf,
    indicatorKind: target.indicator.kind,
  });
  const axisNote = describeAxis(model.axis, lang);
  const presence = targetLegend(model.rows, model.markers, benchmarkName);
  const legend = targetLegendItems(presence, lang);
  const phrases = chartPhrases(lang);
  const targetText = describeTarget(target, lang);
  const title = t('dashboard.chart.title', { region, indicator: indicatorName });
  const extra = [
    `${t('target.target')}${en ? ': ' : '：'}${targetText}`,
    ...(model.cumulativeFrom !== null ? [t('dashboard.chart.cumulative', { year: model.cumulativeFrom })] : []),
    ...(axisNote ? [axisNote] : []),
  ];
  const subtitle = chartSubtitle(unit, asOf, lang, extra);
  const plotted = [...model.observed.points, ...model.benchmark.points];
  const source = sourceLine(plotted, lang);
  const anySample = plotted.some((p) => p.isSample);
  const flags = describeFlags(result.flags, unit, lang);
  const prominent = flags.filter((f) => f.prominent);
  const notes = flags.filter((f) => !f.prominent);
  const confidence = describeConfidence(result, lang);
  const figure = yesNo ? null : judgedObservation(result);
  const basis = describeBasis(result, lang);
  const publishedOnly = describePublishedOnly(result, lang);
  const judgedYear = describeJudgedYear(result, target.targetYear, lang);
  const currentYear = new Date().getFullYear();
  const gapsFrom = plan.periodStart ?? model.observed.points[0]?.year ?? target.targetYear;
  const gaps =
    gapsFrom === null
      ? null
      : describeDataGaps(
          model.observed.points.map((p) => p.year),
          gapsFrom,
          asOf ?? currentYear - 1,
          lang,
        );
  const rates = bandRates();
  const caption = t('dashboard.chart.tableCaption', { title });

  return (
    <div className="page target-page">
      <title>{t('app.pageTitle', { page: `${indicatorName} · ${region}` })}</title>
      <Breadcrumb plan={plan} current={indicatorName} />
      <header className="target-head">
        <p className="dash-head__eyebrow">{t('dashboard.chart.eyebrow', { region, plan: en ? plan.titleEn : plan.titleZh })}</p>
        <h1>{indicatorName}</h1>
        <div className="target-head__row">
          <p className="target-head__goal">
            <span className="label">{t('target.target')}</span> <span className="target-head__goal-text">{targetText}</span>
          </p>
          <AsOfSelect periodStart={plan.periodStart} periodEnd={plan.periodEnd} asOf={asOf} currentYear={currentYear} />
        </div>
        <TargetUnits units={target.units} className="target-units target-units--head" />
      </header>

      <section className={`target-verdict pstatus-tone--${result.status}`} aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" className="visually-hidden">
          {t('dashboard.chart.verdictHeading')}
        </h2>
        <div className="target-verdict__status">
          <ProgressStatusBadge
            status={result.status}
            size="large"
            basis={result.basis}
            label={describeTargetStatus(result, yesNo, lang).label}
          />
          {judgedYear ? (
            <span className="target-verdict__year" data-judged-year={result.asOf}>
              {t('progress.judgedYear')} {judgedYear.year}
              {judgedYear.why ? <span className="verdict__year-why"> · {judgedYear.why}</span> : null}
            </span>
          ) : null}
        </div>
        <dl className="target-verdict__facts">
          {figure ? (
            <div>
              <dt>{t('progress.judgedFigure')}</dt>
              <dd>
                <strong>{formatQuantity(figure.value, unit, lang)}</strong> {formatYear(figure.year, lang)}
                {figure.isSample ? <span className="badge badge--sample">{t('target.sample')}</span> : null}
              </dd>
            </div>
          ) : null}
          {result.requiredAnnualPace && !yesNo ? (
            <div>
              <dt>{t('progress.required')}</dt>
              <dd>
                <strong>{formatPace(result.requiredAnnualPace, unit, 'required', lang)}</strong>{' '}
                {formatPacePeriod(result.requiredAnnualPace, lang)}
              </dd>
            </div>
          ) : null}
          {result.paceAchieved && !yesNo ? (
            <div>
              <dt>{t('progress.achieved')}</dt>
              <dd>
                {formatPace(result.paceAchieved, unit, 'achieved', lang)} {formatPacePeriod(result.paceAchieved, lang)}
              </dd>
            </div>
          ) : null}
          {confidence ? (
            <div data-confidence="low_confidence">
              <dt>{t('progress.outlook')}</dt>
              <dd>
                {confidence.label} · {confidence.why}
              </dd>
            </div>
          ) : null}
        </dl>
        {basis ? (
          <p className="verdict__basis target-verdict__basis" data-basis="sample">
            <strong>{basis.text}</strong>
            {publishedOnly ? <span className="verdict__published-only"> · {publishedOnly}</span> : null}
          </p>
        ) : null}
        {prominent.map((flag) => (
          <p key={flag.code} className="tile__flag target-verdict__flag" data-flag={flag.code}>
            {flag.text}
          </p>
        ))}
      </section>

      {yesNo || target.valueUnknown || model.empty ? (
        <div className="empty-state chart-empty" data-empty="chart">
          <p className="empty-state__title">
            {yesNo
              ? t('dashboard.chart.yesNo')
              : target.valueUnknown
                ? t('dashboard.chart.masked')
                : t('dashboard.overview.noData')}
          </p>
          {gaps ? <p data-gaps="">{gaps}</p> : null}
        </div>
      ) : (
        <ChartFrame
          id={`target-${target.id}`}
          title={title}
          subtitle={subtitle}
          legend={legend}
          source={source}
          sampleLabel={anySample ? phrases.sampleExport : null}
          sampleNotice={anySample ? t('dashboard.chart.sampleNotice') : null}
        >
          <TargetChart
            rows={model.rows}
            markers={model.markers}
            axis={model.axis}
            years={model.years}
            targetLine={model.targetLine}
            sampleSpans={model.sampleSpans}
            unit={unit}
            lang={lang}
            benchmarkName={benchmarkName}
            description={caption}
          />
        </ChartFrame>
      )}

      <section className="target-explain" aria-labelledby="explain-heading">
        <h2 id="explain-heading">{t('dashboard.chart.explanationHeading')}</h2>
        <p className="target-explain__sentence" lang={en ? 'en' : 'zh'} data-explanation="">
          {en ? result.explanation.en : result.explanation.zh}
        </p>
        {notes.length > 0 || gaps ? (
          <ul className="target-explain__flags" aria-label={t('progress.flagsLabel')}>
            {notes.map((flag) => (
              <li key={flag.code} data-flag={flag.code}>
                {flag.text}
              </li>
            ))}
            {gaps && !model.empty ? <li data-gaps="">{gaps}</li> : null}
          </ul>
        ) : null}
        {detail.benchmarkRegionCode && model.benchmark.points.length === 0 ? (
          <p className="target-explain__note">{t('dashboard.chart.benchmarkNoData', { region: benchmarkName })}</p>
        ) : null}
        {presence.projection ? <p className="target-explain__note">{t('dashboard.chart.bandNote', rates)}</p> : null}
        <p className="target-explain__links">
          <LangLink to={`/compare${searchWith('', { indicator: target.indicator.code, region: detail.regionCode })}`}>
            {t('dashboard.chart.openCompare')} →
          </LangLink>
        </p>
      </section>

      {/* Commentary ("2020年受疫情影响…") beside the figures it explains; a reader who may not
          comment sees nothing when there is none. */}
      <TargetComments target={target} headingLevel={2} />

      {/* Who changed the target, when, why; and, for administrators only, the form that changes it. */}
      <section className="target-admin" aria-label={t('admin.target.historyTitle')}>
        <TargetHistory target={target} />
        <TargetEditor key={target.id} target={target} />
        <TargetUnitsEditor key={`units-${target.id}`} target={target} planRegion={plan.region.code} />
      </section>

      {!model.empty && !yesNo ? (
        <section className="target-data" aria-labelledby="data-heading">
          <h2 id="data-heading">{t('dashboard.chart.tableHeading')}</h2>
          <TargetTable rows={model.rows} markers={model.markers} unit={unit} caption={caption} benchmarkName={benchmarkName} />
        </section>
      ) : null}
    </div>
  );
}

/** `/targets/:id`: one target's chart, verdict, explanation and figures, as of a year. */
export default function TargetPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const [params] = useSearchParams();
  const asOf = asOfFromSearch(params);
  const targetId = /^\d{1,9}$/.test(id) ? Number(id) : null;
  const detail = useQuery({ ...dashboardQueries.target(targetId ?? 0, asOf), enabled: targetId !== null });
  const plan = useQuery({ ...dashboardQueries.planById(detail.data?.planId ?? 0), enabled: detail.data !== undefined });

  const error = targetId === null ? new ApiError(404, `No target with id ${id}`) : (detail.error ?? plan.error);
  if (error) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <div className="page">
        <title>{t('app.pageTitle', { page: notFound ? t('dashboard.chart.notFound') : t('common.errorTitle') })}</title>
        <Breadcrumb />
        <ErrorMessage
          error={error}
          title={notFound ? t('dashboard.chart.notFound') : undefined}
          headingLevel={1}
          onRetry={notFound ? undefined : () => void (detail.error ? detail.refetch() : plan.refetch())}
        />
      </div>
    );
  }
  // The page (chart, explanation, figures table) is rendered in the background once its data is
  // there, in slices between which the browser stays responsive, and shown in one piece: the
  // skeleton stays until then (one render in one go was the page's blocking time).
  return <DeferredTargetView detail={detail.data} plan={plan.data} asOf={asOf} />;
}

function DeferredTargetView(props: { detail?: TargetProgressDetail; plan?: PlanDetail; asOf: number | null }) {
  const detail = useDeferredValue(props.detail);
  const plan = useDeferredValue(props.plan);
  // Deferred with the data, so a changed year is never drawn with the previous year's figures.
  const asOf = useDeferredValue(props.asOf);
  if (!detail || !plan) return <PageSkeleton shape="target" />;
  if (!plan.targets.some((x) => x.id === detail.targetId)) return <PageSkeleton shape="target" />;
  return <TargetView detail={detail} plan={plan} asOf={asOf} />;
}
