import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { IndicatorKind, PlanDetail, PlanProgressSummary, ProgressBrief, RegionRef, Target } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, PageSkeleton } from '../../app/QueryStatus';
import { formatQuantity } from '../../format/numbers';
import { formatYear } from '../../format/plans';
import { describeStatus, describeTargetStatus } from '../../format/progress';
import { describeTarget, isYesNoTarget } from '../../format/targets';
import { useLocale } from '../../i18n/useLocale';
import { PlanManage, RetiredTargets } from '../admin/PlanEdit';
import { ReportDownloads, reportScopes } from '../dashboard/components/ReportDownloads';
import { searchWith } from '../dashboard/urlState';
import { FigureControls } from '../figures/FigureControls';
import { PlanCompleteness } from '../rounds/PlanCompleteness';
import { UnitFilter } from '../units/UnitFilter';
import { asOfFromSearch } from './asOf';
import { KindFilter, kindFromSearch } from './components/KindFilter';
import { Note } from './components/Note';
import { PlanFacts } from './components/PlanFacts';
import { ProgressStatusBadge } from './components/ProgressStatusBadge';
import { ProgressSummary } from './components/ProgressSummary';
import { TargetCard } from './components/TargetCard';
import { TechDetails } from './components/TechDetails';
import { planQueries } from './queries';
import {
  arrangeTargets,
  searchWithStatuses,
  searchWithUnit,
  statusesFromSearch,
  unitFromSearch,
  unitsOfTargets,
} from './targetOrder';

function Breadcrumb({ current }: { current?: string }) {
  const { t } = useLocale();
  return (
    <nav className="breadcrumb" aria-label={t('plan.breadcrumb')}>
      <ol>
        <li>
          <LangLink to="/plans">{t('plan.allPlans')}</LangLink>
        </li>
        {current ? <li aria-current="page">{current}</li> : null}
      </ol>
    </nav>
  );
}

function Targets({
  plan,
  progress,
}: {
  plan: PlanDetail;
  progress: { data: PlanProgressSummary | undefined; judging: boolean };
}) {
  const { lang, t } = useLocale();
  const location = useLocation();
  const [params] = useSearchParams();
  const verdicts = new Map(progress.data?.targets.map((entry) => [entry.targetId, entry.result]));
  const total = plan.targets.length;
  const counts = new Map<IndicatorKind, number>();
  for (const target of plan.targets) counts.set(target.indicator.kind, (counts.get(target.indicator.kind) ?? 0) + 1);
  const kind = kindFromSearch(params);
  const statuses = statusesFromSearch(params);
  const unitChoices = unitsOfTargets(plan.targets);
  const unitId = unitFromSearch(params);
  const unit = unitChoices.find((u) => u.id === unitId);
  // Without verdicts (they failed to load) the plan's own order, every target a card.
  const known = progress.data !== undefined;
  const arranged = arrangeTargets(plan.targets, known ? (target) => verdicts.get(target.id)?.status : null, {
    kind,
    statuses,
    unit: unitId,
  });
  const filtered = kind !== null || unitId !== null || (known && statuses.length > 0);
  const statusWords = statuses.map((status) => describeStatus(status, lang).label).join(lang === 'en' ? ', ' : '、');
  return (
    <section className="targets" aria-labelledby="targets-heading">
      <div className="section-head">
        <h2 id="targets-heading">{t('plan.targetsHeading')}</h2>
        <p className="section-head__count">{t('plan.targetCount', { count: total })}</p>
      </div>
      {total === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{t('plan.empty')}</p>
          <p>{t('plan.emptyHint')}</p>
        </div>
      ) : (
        <>
          {counts.size > 1 ? <KindFilter counts={counts} total={total} /> : null}
          <UnitFilter units={unitChoices} current={unitId} />
          {known ? <p className="targets__order">{t('plan.sortedNote')}</p> : null}
          {filtered ? (
            <p className="filter-result" role="status">
              {t('plan.showing', { shown: arranged.shown, total })}
              {known && statuses.length > 0 ? (
                <>
                  {' · '}
                  <span className="filter-result__statuses" data-statuses={statuses.join(',')}>
                    {t('plan.statusFilterActive', { statuses: statusWords })}
                  </span>{' '}
                  <Link
                    to={{ pathname: location.pathname, search: searchWithStatuses(location.search, []) }}
                    preventScrollReset
                    className="filter-result__clear"
                  >
                    {t('plan.statusFilterClear')}
                  </Link>
                </>
              ) : null}
              {unitId !== null ? (
                <>
                  {' · '}
                  <span className="filter-result__unit" data-unit={unitId}>
                    {t('units.filter.active', { unit: unit ? (lang === 'en' ? unit.nameEn : unit.nameZh) : unitId })}
                  </span>{' '}
                  <Link
                    to={{ pathname: location.pathname, search: searchWithUnit(location.search, null) }}
                    preventScrollReset
                    className="filter-result__clear"
                  >
                    {t('units.filter.clear')}
                  </Link>
                </>
              ) : null}
            </p>
          ) : null}
          {progress.judging && !known ? (
            <p className="targets__judging" role="status">
              <span className="spinner" aria-hidden="true" /> {t('progress.judging')}
            </p>
          ) : (
            <>
              {arranged.shown === 0 ? <p className="targets__none">{t('plan.noMatch')}</p> : null}
              {arranged.cards.length > 0 ? (
                <ol className="target-list">
                  {arranged.cards.map((target) => (
                    <li key={target.id}>
                      <TargetCard
                        target={target}
                        planRegion={plan.region}
                        progress={verdicts.get(target.id)}
                        judging={progress.judging}
                      />
                    </li>
                  ))}
                </ol>
              ) : null}
              {arranged.folded.length > 0 ? (
                <FoldedTargets targets={arranged.folded} planRegion={plan.region} verdicts={verdicts} />
              ) : null}
            </>
          )}
        </>
      )}
    </section>
  );
}

/**
 * A folded target's latest figure in one line (most have none), with its history and, for those who
 * may write the region's figures, the entry button: the first figure of a target is entered here.
 */
function FoldedFigure({ target }: { target: Target }) {
  const { lang, t } = useLocale();
  const observation = target.latestObservation;
  const unit = lang === 'en' ? target.indicator.unitEn : target.indicator.unit;
  return (
    <>
      {observation === null ? (
        <span className="muted">{t('target.noData')}</span>
      ) : (
        <span className="folded-targets__figure">
          {!observation.published || observation.value === null
            ? t('target.notPublished')
            : isYesNoTarget(target)
              ? t(observation.value >= 1 ? 'target.done' : 'target.notDone')
              : formatQuantity(observation.value, unit, lang)}{' '}
          {formatYear(observation.year, lang)}
          {observation.isSample ? (
            <span className="badge badge--sample" title={t('target.sampleHint')}>
              {t('target.sample')}
            </span>
          ) : null}
        </span>
      )}
      <FigureControls region={target.region} indicator={target.indicator} observation={observation} />
    </>
  );
}

/**
 * The targets with nothing to judge (no figure, a masked value, a deliverable with nothing recorded):
 * one row each, the target in words and a link to its page, instead of a full card.
 */
function FoldedTargets({
  targets,
  planRegion,
  verdicts,
}: {
  targets: readonly Target[];
  planRegion: RegionRef;
  verdicts: ReadonlyMap<number, ProgressBrief>;
}) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const [params] = useSearchParams();
  const asOf = asOfFromSearch(params);
  return (
    <section className="folded-targets" aria-labelledby="folded-heading">
      <h3 id="folded-heading">
        {t('plan.foldedHeading')}{' '}
        <span className="folded-targets__count">{t('plan.foldedCount', { count: targets.length })}</span>
      </h3>
      <p className="folded-targets__hint">{t('plan.foldedHint')}</p>
      <div className="table-scroll">
        <table className="data-table folded-targets__table" data-table="folded-targets">
          <thead>
            <tr>
              <th scope="col">{t('plan.foldedIndicator')}</th>
              <th scope="col">{t('target.target')}</th>
              <th scope="col">{t('plan.foldedStatus')}</th>
              <th scope="col">{t('target.latest')}</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((target) => {
              const result = verdicts.get(target.id);
              const name = en ? target.indicator.nameEn : target.indicator.nameZh;
              const status = result ? describeTargetStatus(result, isYesNoTarget(target), lang) : null;
              return (
                <tr
                  key={target.id}
                  data-target-id={target.id}
                  data-indicator={target.indicator.code}
                  data-status={result?.status}
                >
                  <th scope="row">
                    <LangLink to={`/targets/${target.id}${searchWith('', { asOf })}`}>{name}</LangLink>
                    {target.region.code !== planRegion.code ? (
                      <span className="badge badge--region">
                        <span className="visually-hidden">{t('target.region')} </span>
                        {en ? target.region.nameEn : target.region.nameZh}
                      </span>
                    ) : null}
                  </th>
                  <td className={target.valueUnknown ? 'is-masked' : undefined}>{describeTarget(target, lang)}</td>
                  <td>{result && status ? <ProgressStatusBadge status={result.status} label={status.label} /> : null}</td>
                  <td className="folded-targets__latest">
                    <FoldedFigure target={target} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function PlanPage() {
  const { slug = '' } = useParams();
  const { lang, t } = useLocale();
  const [params] = useSearchParams();
  const asOf = asOfFromSearch(params);
  const plan = useQuery(planQueries.detail(slug));
  // Fetched beside the plan, not after it: the two answers arrive together.
  const progress = useQuery(planQueries.progress(slug, asOf));
  // A plan's 59 cards rendered at once, when the plan and again when its verdicts arrive, were a
  // 750 ms task before the page could answer a click. Deferred, each is rendered in the background,
  // in slices between which the browser stays responsive, and shown in one piece when complete.
  const planData = useDeferredValue(plan.data);
  const progressData = useDeferredValue(progress.data);

  if (plan.isPending) return <PageSkeleton shape="plan" />;
  if (plan.isError) {
    const notFound = plan.error instanceof ApiError && plan.error.status === 404;
    return (
      <div className="page">
        <title>{t('app.pageTitle', { page: notFound ? t('plan.notFoundTitle') : t('common.errorTitle') })}</title>
        <Breadcrumb />
        <ErrorMessage
          error={plan.error}
          title={notFound ? t('plan.notFoundTitle') : undefined}
          headingLevel={1}
          onRetry={notFound ? undefined : () => void plan.refetch()}
        />
      </div>
    );
  }

  const data = planData;
  if (data === undefined) return <PageSkeleton shape="plan" />;
  const en = lang === 'en';
  const title = en ? data.titleEn : data.titleZh;
  return (
    <div className="page">
      <title>{t('app.pageTitle', { page: title })}</title>
      <Breadcrumb current={title} />
      <header className="plan-header">
        <p className="plan-header__kind">
          <span className="badge badge--kind">{t(`planKind.${data.kind}`)}</span>
        </p>
        <h1>{title}</h1>
        {en ? (
          <p className="plan-header__original">
            <span className="label">{t('plan.officialTitle')}</span> <span lang="zh">{data.titleZh}</span>
          </p>
        ) : null}
      </header>
      <ReportDownloads slug={data.slug} asOf={asOf} scopes={reportScopes(data.targets, data.region.code)} />
      {data.targets.length > 0 ? (
        <ProgressSummary
          progress={{ data: progressData, error: progress.error, refetch: () => void progress.refetch() }}
          periodStart={data.periodStart}
          periodEnd={data.periodEnd}
          asOf={asOf}
          currentYear={new Date().getFullYear()}
          // Still updating while the deferred verdicts lag behind the answer that has arrived.
          updating={progress.isPlaceholderData || progressData !== progress.data}
        />
      ) : null}
      <Targets plan={data} progress={{ data: progressData, judging: progressData === undefined && progress.error === null }} />
      {/* Retired targets stay readable, folded after the plan's own. */}
      <RetiredTargets targets={data.retiredTargets ?? []} />
      <PlanManage plan={data} />
      {/* The document's particulars after its targets: what is off course comes first. */}
      <section className="plan-details">
        {/* Below the targets: it arrives after them, and above them it would move the page down. */}
        <PlanCompleteness planId={data.id} />
        <PlanFacts plan={data} />
        <Note zh={data.noteZh} en={data.noteEn} className="note note--plan" />
        <TechDetails plan={data} />
      </section>
    </div>
  );
}
