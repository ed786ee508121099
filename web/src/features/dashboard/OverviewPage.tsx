import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../app/QueryStatus';
import { useLocale } from '../../i18n/useLocale';
import { asOfFromSearch } from '../plans/asOf';
import { AsOfSelect } from '../plans/components/AsOfSelect';
import { HEADLINE_CODES, HeadlineTile, HeadlineTileSkeleton } from './components/HeadlineTile';
import { NeedsAttention } from './components/NeedsAttention';
import { PlanRollupCard } from './components/PlanRollupCard';
import { RegionSelect } from './components/RegionSelect';
import { dashboardQueries } from './queries';
import {
  chooseRegion,
  type RegionChoice,
  readLastRegion,
  regionFromSearch,
  regionPeriod,
  searchWith,
  writeLastRegion,
} from './urlState';
import '../../styles/dashboard.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The overview of a region, the first page: the targets that need attention, one tile per headline
 * indicator and one card per plan.
 * Region, as-of year and language live in the URL; without a region the page opens on the one last
 * viewed, else the region with the most targets, and writes it into the URL.
 */
const NO_CHOICES: RegionChoice[] = [];

export function OverviewPage() {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const urlRegion = regionFromSearch(params);
  const asOf = asOfFromSearch(params);
  const [lastViewed] = useState(() => readLastRegion(storage()));

  // The first page asks only for what it shows: the regions plans are issued for (one page, most
  // targets first) and the chosen region's overview, which carries its plans; never every plan or
  // every region of a national database.
  const regionChoices = useQuery(dashboardQueries.regionChoices());
  const choices = regionChoices.data ?? NO_CHOICES;
  const region = chooseRegion(urlRegion, lastViewed, choices);
  const overview = useQuery({ ...dashboardQueries.overview(region ?? '', asOf), enabled: region !== null });
  // A region without plans of its own (a county in the URL) is named by asking for it alone.
  const unlisted = region !== null && regionChoices.isSuccess && !choices.some((c) => c.code === region);
  const regionAlone = useQuery({ ...dashboardQueries.region(region ?? ''), enabled: unlisted });

  useEffect(() => {
    if (urlRegion === null && region !== null) {
      void navigate({ pathname: location.pathname, search: searchWith(location.search, { region }) }, { replace: true });
    }
  }, [urlRegion, region, location.pathname, location.search, navigate]);
  useEffect(() => {
    if (urlRegion !== null && overview.isSuccess) writeLastRegion(storage(), urlRegion);
  }, [urlRegion, overview.isSuccess]);

  const known = choices.find((r) => r.code === region) ?? (unlisted ? regionAlone.data : undefined) ?? undefined;
  const regionName = known ? (en ? known.nameEn : known.nameZh) : null;
  const options = known && !choices.some((c) => c.code === known.code) ? [...choices, known] : choices;
  const regionPlans = useMemo(
    () => (overview.data && overview.data.regionCode === region ? overview.data.plans.map((p) => p.plan) : []),
    [overview.data, region],
  );
  const period = regionPeriod(regionPlans);
  const targetCount = regionPlans.reduce((sum, p) => sum + p.targetCount, 0);
  const currentYear = new Date().getFullYear();
  // Figures for a year are published the year after: the latest that could exist is last year's.
  const expectedYear = asOf ?? currentYear - 1;
  const data = overview.data;
  const updating = overview.isPlaceholderData;
  const notFound = overview.error instanceof ApiError && overview.error.status === 404;

  return (
    <div className="page dashboard">
      <title>
        {t('app.pageTitle', {
          page: regionName ? `${regionName} · ${t('dashboard.overview.pageTitle')}` : t('dashboard.overview.pageTitle'),
        })}
      </title>
      <header className="dash-head">
        <div className="dash-head__text">
          <p className="dash-head__eyebrow">{t('dashboard.overview.eyebrow')}</p>
          <h1>{regionName ? t('dashboard.overview.title', { region: regionName }) : '\u00a0'}</h1>
          <p className="dash-head__note">
            {regionPlans.length > 0 ? (
              <>
                {t('dashboard.overview.planCount', { count: regionPlans.length })} ·{' '}
                {t('dashboard.overview.targetCount', { count: targetCount })} ·{' '}
              </>
            ) : null}
            {asOf === null ? t('progress.asOfLatestNote') : t('progress.asOfYearNote', { year: asOf })}
            {updating ? (
              <span className="dash-head__updating" role="status">
                <span className="spinner" aria-hidden="true" /> {t('progress.updating')}
              </span>
            ) : null}
          </p>
        </div>
        <div className="dash-controls">
          <RegionSelect regions={options} value={region} label={t('dashboard.overview.region')} />
          {/* Its place is kept while the plans' years load, so the controls do not move. */}
          <div className="dash-controls__as-of">
            <AsOfSelect periodStart={period.start} periodEnd={period.end} asOf={asOf} currentYear={currentYear} />
          </div>
        </div>
      </header>

      {overview.isError ? (
        <ErrorMessage
          error={overview.error}
          title={notFound ? t('dashboard.overview.regionNotFound') : undefined}
          onRetry={notFound ? undefined : () => void overview.refetch()}
        />
      ) : regionChoices.isError && region === null ? (
        <ErrorMessage error={regionChoices.error} onRetry={() => void regionChoices.refetch()} />
      ) : (
        <div className={updating ? 'dash-body is-updating' : 'dash-body'} aria-busy={!data || updating}>
          <NeedsAttention overview={data} regionName={regionName} asOf={asOf} />
          <section className="dash-section" aria-labelledby="headlines-heading">
            <div className="dash-section__head">
              <h2 id="headlines-heading">{t('dashboard.overview.headlinesHeading')}</h2>
              <p className="dash-section__hint">{t('dashboard.overview.headlinesHint')}</p>
            </div>
            <ul className="tile-grid">
              {data
                ? data.headlines.map((headline) => {
                    const plan = data.plans.find((p) => p.plan.id === headline.target?.planId)?.plan;
                    return (
                      <li key={headline.indicator.code}>
                        <HeadlineTile
                          headline={headline}
                          region={data.regionCode}
                          asOf={asOf}
                          expectedYear={expectedYear}
                          periodStart={plan?.periodStart ?? period.start}
                        />
                      </li>
                    );
                  })
                : HEADLINE_CODES.map((code) => (
                    <li key={code}>
                      <HeadlineTileSkeleton code={code} />
                    </li>
                  ))}
            </ul>
          </section>

          <section className="dash-section" aria-labelledby="plans-heading">
            <div className="dash-section__head">
              <h2 id="plans-heading">{t('dashboard.overview.plansHeading')}</h2>
            </div>
            {!data ? (
              <div className="plan-rollups plan-rollups--loading" aria-hidden="true">
                <div className="plan-rollup plan-rollup--skeleton" />
                <div className="plan-rollup plan-rollup--skeleton" />
              </div>
            ) : data.plans.length === 0 ? (
              <div className="empty-state">
                <p className="empty-state__title">{t('dashboard.overview.noPlans')}</p>
                <p>{t('dashboard.overview.noPlansHint')}</p>
              </div>
            ) : (
              <ul className="plan-rollups">
                {data.plans.map(({ plan, rollup }) => (
                  <li key={plan.id}>
                    <PlanRollupCard plan={plan} rollup={rollup} asOf={asOf} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
