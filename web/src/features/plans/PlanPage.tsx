import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { IndicatorKind, PlanDetail, PlanProgress } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, PageSkeleton } from '../../app/QueryStatus';
import { useLocale } from '../../i18n/useLocale';
import { ReportDownloads, reportScopes } from '../dashboard/components/ReportDownloads';
import { asOfFromSearch } from './asOf';
import { KindFilter, kindFromSearch } from './components/KindFilter';
import { PlanFacts } from './components/PlanFacts';
import { ProgressSummary } from './components/ProgressSummary';
import { TargetCard } from './components/TargetCard';
import { planQueries } from './queries';

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

function Targets({ plan, progress }: { plan: PlanDetail; progress: { data: PlanProgress | undefined; judging: boolean } }) {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const verdicts = new Map(progress.data?.targets.map((entry) => [entry.targetId, entry.result]));
  const total = plan.targets.length;
  const counts = new Map<IndicatorKind, number>();
  for (const target of plan.targets) counts.set(target.indicator.kind, (counts.get(target.indicator.kind) ?? 0) + 1);
  const kind = kindFromSearch(params);
  const shown = kind ? plan.targets.filter((target) => target.indicator.kind === kind) : plan.targets;
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
          {kind ? (
            <p className="filter-result" role="status">
              {t('plan.showing', { shown: shown.length, total })}
            </p>
          ) : null}
          <ol className="target-list">
            {shown.map((target) => (
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
        </>
      )}
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
          updating={progress.isPlaceholderData}
        />
      ) : null}
      <section className="plan-details">
        <PlanFacts plan={data} />
        {data.note ? (
          <p className="note note--plan">
            <span className="note__label">{t('common.note')}</span> <span lang="en">{data.note}</span>
          </p>
        ) : null}
      </section>
      <Targets plan={data} progress={{ data: progressData, judging: progressData === undefined && progress.error === null }} />
    </div>
  );
}
