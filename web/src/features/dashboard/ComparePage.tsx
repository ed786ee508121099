import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useDeferredValue, useEffect, useId, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Indicator, Region } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import {
  chartPhrases,
  chartSubtitle,
  describeAxis,
  describeDataGaps,
  formatFigure,
  pointNotes,
  sourceLine,
} from '../../format/chartText';
import { formatYear } from '../../format/plans';
import { describeFlags, describeJudgedYear, formatPace, formatPacePeriod } from '../../format/progress';
import { describeTarget } from '../../format/targets';
import { useLocale } from '../../i18n/useLocale';
import { ChartFrame } from '../charts/ChartFrame';
import { type ComparedPlanTarget, type ComparedSeries, CompareRegionsChart, PlanPathsChart } from '../charts/CompareCharts';
import {
  buildCompareRows,
  buildPlanPathRows,
  compareGoals,
  fitsAxisToData,
  goalMarkers,
  observedSeries,
  valueAxis,
  yearTicks,
} from '../charts/chartData';
import { DASH, type LegendItem, MARK_SHAPE, PALETTE, seriesStyle } from '../charts/symbols';
import { asOfFromSearch } from '../plans/asOf';
import { AsOfSelect } from '../plans/components/AsOfSelect';
import { ProgressStatusBadge } from '../plans/components/ProgressStatusBadge';
import { planQueries } from '../plans/queries';
import { RegionSelect } from './components/RegionSelect';
import { dashboardQueries } from './queries';
import {
  DEFAULT_COMPARE_INDICATOR,
  defaultComparedRegions,
  INDICATOR_PARAM,
  indicatorFromSearch,
  modeFromSearch,
  REGIONS_PARAM,
  readLastRegion,
  regionFromSearch,
  regionPeriod,
  regionsFromSearch,
  regionsWithPlans,
  searchWith,
} from './urlState';
import '../../styles/dashboard.css';

function lastRegion(): string | null {
  try {
    return readLastRegion(window.localStorage);
  } catch {
    return null;
  }
}

function useIndicatorSelect(param = INDICATOR_PARAM) {
  const location = useLocation();
  const navigate = useNavigate();
  return (code: string) =>
    void navigate({ pathname: location.pathname, search: searchWith(location.search, { [param]: code }) }, { replace: true });
}

function IndicatorSelect({ indicators, value }: { indicators: readonly Indicator[]; value: string }) {
  const { lang, t } = useLocale();
  const id = useId();
  const select = useIndicatorSelect();
  return (
    <div className="dash-select dash-select--wide">
      <label htmlFor={id} className="dash-select__label">
        {t('dashboard.compare.indicator')}
      </label>
      {/* Empty and disabled until the indicators arrive: drawn at once, so nothing moves when they do. */}
      <select
        id={id}
        className="dash-select__select"
        value={value}
        disabled={indicators.length === 0}
        onChange={(e) => select(e.currentTarget.value)}
      >
        {indicators.map((indicator) => (
          <option key={indicator.code} value={indicator.code}>
            {lang === 'en' ? indicator.nameEn : indicator.nameZh}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Checkboxes, each a change of the URL: the compared regions can be shared as a link. */
function RegionChecklist({ regions, selected }: { regions: readonly Region[]; selected: readonly string[] }) {
  const { lang, t } = useLocale();
  const location = useLocation();
  const navigate = useNavigate();
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...selected, code] : selected.filter((c) => c !== code);
    void navigate(
      { pathname: location.pathname, search: searchWith(location.search, { [REGIONS_PARAM]: next.length > 0 ? next : '' }) },
      { replace: true },
    );
  };
  return (
    <fieldset className="region-checklist">
      <legend>{t('dashboard.compare.regions')}</legend>
      <ul>
        {regions.map((region) => (
          <li key={region.code}>
            <label>
              <input
                type="checkbox"
                checked={selected.includes(region.code)}
                onChange={(e) => toggle(region.code, e.currentTarget.checked)}
                value={region.code}
              />
              {lang === 'en' ? region.nameEn : region.nameZh}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function vintageLegend(points: readonly { mark: string; isSample: boolean }[], lang: 'zh-CN' | 'en'): LegendItem[] {
  const p = chartPhrases(lang).legend;
  const items: LegendItem[] = [];
  if (points.some((x) => x.mark === 'preliminary'))
    items.push({
      id: 'preliminary',
      label: p.preliminary,
      symbol: { kind: 'marker', shape: MARK_SHAPE.preliminary, color: PALETTE.observed },
    });
  if (points.some((x) => x.mark === 'revised'))
    items.push({
      id: 'revised',
      label: p.revised,
      symbol: { kind: 'marker', shape: MARK_SHAPE.revised, color: PALETTE.observed },
    });
  if (points.some((x) => x.isSample))
    items.push({
      id: 'sample',
      label: p.sample,
      symbol: { kind: 'marker', shape: 'circle', color: PALETTE.observed, hollow: true },
    });
  return items;
}

function RegionsComparisonView() {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const regions = useQuery(dashboardQueries.regions());
  const indicators = useQuery(dashboardQueries.indicators());
  const indicator = indicatorFromSearch(params) ?? DEFAULT_COMPARE_INDICATOR;
  const fromUrl = regionsFromSearch(params);
  const anchor = regionFromSearch(params) ?? lastRegion() ?? '141100';
  const parentOf = (code: string) => regions.data?.find((r) => r.code === code)?.parentCode ?? null;
  const selected = fromUrl ?? (regions.data ? defaultComparedRegions(anchor, parentOf) : null);

  // Write the defaults into the URL, so the link shows exactly this comparison.
  useEffect(() => {
    if (fromUrl === null && selected !== null) {
      const search = searchWith(location.search, { [REGIONS_PARAM]: selected, [INDICATOR_PARAM]: indicator, region: null });
      void navigate({ pathname: location.pathname, search }, { replace: true });
    }
  }, [fromUrl, selected, indicator, location.pathname, location.search, navigate]);

  const comparison = useQuery({
    ...dashboardQueries.compareRegions(indicator, selected ?? []),
    enabled: selected !== null && selected.length > 0,
  });
  const checklist = useMemo(() => {
    const list = (regions.data ?? []).filter((r) => r.level !== 'county' || (selected ?? []).includes(r.code));
    return list;
  }, [regions.data, selected]);

  const nameOf = (code: string) => {
    const region = regions.data?.find((r) => r.code === code);
    return region ? (en ? region.nameEn : region.nameZh) : code;
  };
  // Drawn in the background once it arrives (in slices, the browser responsive between them),
  // the placeholder holding its place until then: one render in one go was the page's blocking time.
  const data = useDeferredValue(comparison.data);
  const unit = data ? (en ? data.indicator.unitEn : data.indicator.unit) : '';
  const indicatorName = data ? (en ? data.indicator.nameEn : data.indicator.nameZh) : '';
  const seriesPoints = (data?.series ?? []).map((s, i) => ({
    key: `region_${s.regionCode}`,
    code: s.regionCode,
    points: observedSeries(s.observations).points,
    style: seriesStyle(i),
  }));
  const rows = buildCompareRows(seriesPoints);
  const allPoints = seriesPoints.flatMap((s) => s.points);
  const goals = compareGoals(data?.targets ?? [], (code) => seriesPoints.find((s) => s.code === code)?.key ?? null);
  const axis = valueAxis([...allPoints.map((p) => p.value), ...goals.map((g) => g.value)], {
    fit: fitsAxisToData(data?.indicator.kind),
  });
  const goalYears = goals.map((g) => g.year);
  const from = Math.min(rows[0]?.year ?? 0, ...goalYears);
  const to = Math.max(rows.at(-1)?.year ?? 0, ...goalYears);
  const series: ComparedSeries[] = seriesPoints.map((s) => ({
    key: s.key,
    label: nameOf(s.code),
    stroke: s.style.stroke,
    dash: s.style.dash,
  }));
  const title = t('dashboard.compare.regionsTitle', {
    indicator: indicatorName,
    regions: series.map((s) => s.label).join(en ? ', ' : '、'),
  });
  const legend: LegendItem[] = [
    ...series.map((s) => ({
      id: s.key,
      label: s.label,
      symbol: { kind: 'line' as const, stroke: s.stroke, dash: s.dash, width: 2.5, marker: 'circle' as const },
    })),
    ...(data?.targets ?? [])
      .filter((x) => goals.some((g) => g.targetId === x.target.id))
      .map((x) => {
        const key = seriesPoints.find((s) => s.code === x.regionCode)?.key ?? '';
        return {
          id: `goal-${x.target.id}`,
          label: `${chartPhrases(lang).legend.target}${en ? ': ' : '：'}${nameOf(x.regionCode)} ${describeTarget({ ...x.target, indicator: data?.indicator ?? { unit: '', unitEn: '' } }, lang)}`,
          symbol: {
            kind: 'marker' as const,
            shape: 'star' as const,
            color: series.find((s) => s.key === key)?.stroke ?? PALETTE.target,
          },
        };
      }),
    ...vintageLegend(allPoints, lang),
  ];
  const anySample = allPoints.some((p) => p.isSample);
  const axisNote = describeAxis(axis, lang);
  const currentYear = new Date().getFullYear();
  const missing = seriesPoints
    .map((s) => ({
      name: nameOf(s.code),
      text:
        s.points.length === 0
          ? null
          : describeDataGaps(
              s.points.map((p) => p.year),
              s.points[0]?.year ?? from,
              currentYear - 1,
              lang,
            ),
      none: s.points.length === 0,
    }))
    .filter((m) => m.text !== null || m.none);

  return (
    <>
      <div className="compare-controls">
        <IndicatorSelect indicators={indicators.data ?? []} value={indicator} />
        {/* The list's line is there before the regions arrive, so the charts below do not move down. */}
        <RegionChecklist regions={regions.data ? checklist : []} selected={selected ?? []} />
      </div>
      {selected !== null && selected.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{t('dashboard.compare.noRegions')}</p>
        </div>
      ) : comparison.isError ? (
        <ErrorMessage error={comparison.error} onRetry={() => void comparison.refetch()} />
      ) : !data ? (
        <div className="chart-placeholder">
          <Loading />
        </div>
      ) : allPoints.length === 0 ? (
        <div className="empty-state" data-empty="compare">
          <p className="empty-state__title">{t('dashboard.compare.noData')}</p>
        </div>
      ) : (
        <>
          <ChartFrame
            id="compare-regions"
            title={title}
            subtitle={chartSubtitle(unit, null, lang, axisNote ? [axisNote] : [])}
            legend={legend}
            source={sourceLine(allPoints, lang)}
            sampleLabel={anySample ? chartPhrases(lang).sampleExport : null}
            sampleNotice={anySample ? t('dashboard.chart.sampleNotice') : null}
          >
            <CompareRegionsChart
              rows={rows}
              series={series}
              goals={goals}
              axis={axis}
              years={{ domain: [from, to], ticks: yearTicks(from, to) }}
              unit={unit}
              lang={lang}
              description={title}
            />
          </ChartFrame>
          {missing.length > 0 ? (
            <ul className="compare-gaps" aria-label={t('dashboard.chart.dataGapsLabel')}>
              {missing.map((m) => (
                <li key={m.name} data-gaps="">
                  {m.none ? t('dashboard.compare.regionNoData', { region: m.name }) : `${m.name}${en ? ': ' : '：'}${m.text}`}
                </li>
              ))}
            </ul>
          ) : null}
          <section className="target-data" aria-labelledby="compare-table-heading">
            <h2 id="compare-table-heading">{t('dashboard.chart.tableHeading')}</h2>
            <div className="table-scroll">
              <table className="data-table" data-table="compare-regions">
                <caption>{t('dashboard.chart.tableCaption', { title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.chart.year')}</th>
                    {series.map((s) => (
                      <th key={s.key} scope="col" className="num">
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.year}>
                      <th scope="row">{formatYear(row.year, lang)}</th>
                      {series.map((s) => {
                        const point = row.points[s.key];
                        return (
                          <td key={s.key} className="num">
                            {point ? (
                              <>
                                {formatFigure(point.value, unit, lang)}
                                {point.isSample ? (
                                  <span className="badge badge--sample">{t('dashboard.format.sampleLabel')}</span>
                                ) : null}
                                {point.mark !== 'final' ? (
                                  <span className="table-note">
                                    {' '}
                                    {pointNotes({ ...point, isSample: false }, lang).join(' · ')}
                                  </span>
                                ) : null}
                              </>
                            ) : (
                              '—'
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

function PlansComparisonView() {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const asOf = asOfFromSearch(params);
  const plans = useQuery(planQueries.list());
  const choices = useMemo(() => regionsWithPlans(plans.data ?? []), [plans.data]);
  const region = regionFromSearch(params) ?? lastRegion() ?? choices[0]?.code ?? null;
  const recurring = useQuery({ ...dashboardQueries.recurring(region ?? ''), enabled: region !== null });
  const indicators = useQuery(dashboardQueries.indicators());
  const fromUrl = indicatorFromSearch(params);
  const recurringCodes = recurring.data?.map((r) => r.indicatorCode) ?? [];
  const indicator = fromUrl ?? recurringCodes[0] ?? null;

  useEffect(() => {
    if (region !== null && (regionFromSearch(location.search) === null || (fromUrl === null && indicator !== null))) {
      const search = searchWith(location.search, { region, [INDICATOR_PARAM]: indicator, [REGIONS_PARAM]: null });
      if (search !== location.search) void navigate({ pathname: location.pathname, search }, { replace: true });
    }
  }, [region, indicator, fromUrl, location.pathname, location.search, navigate]);

  const comparison = useQuery({
    ...dashboardQueries.comparePlans(region ?? '', indicator ?? '', asOf),
    enabled: region !== null && indicator !== null,
  });
  const recurringIndicators = (indicators.data ?? []).filter((i) => recurringCodes.includes(i.code) || i.code === indicator);
  const data = comparison.data;
  const regionChoice = choices.find((c) => c.code === region);
  const period = regionPeriod((plans.data ?? []).filter((p) => p.region.code === region));
  const regionName = regionChoice ? (en ? regionChoice.nameEn : regionChoice.nameZh) : (region ?? '');

  let body: ReactNode;
  if (recurring.isPending || (indicator !== null && comparison.isPending)) {
    body = (
      <div className="chart-placeholder">
        <Loading />
      </div>
    );
  } else if (recurring.isError || comparison.isError) {
    body = <ErrorMessage error={recurring.error ?? comparison.error} />;
  } else if (indicator === null || !data) {
    body = (
      <div className="empty-state" data-empty="recurring">
        <p className="empty-state__title">{t('dashboard.compare.noRecurring')}</p>
        <p>{t('dashboard.compare.noRecurringHint')}</p>
      </div>
    );
  } else {
    const unit = en ? data.indicator.unitEn : data.indicator.unit;
    const indicatorName = en ? data.indicator.nameEn : data.indicator.nameZh;
    const observed = observedSeries(data.observations, { asOf });
    const rows = buildPlanPathRows(
      observed,
      data.targets.map((x) => ({ id: x.target.id, requiredPath: x.result.requiredPath })),
    );
    const targets: ComparedPlanTarget[] = data.targets.map((x, i) => {
      const style = seriesStyle(i + 1);
      const planTitle = en ? x.plan.titleEn : x.plan.titleZh;
      const goal = goalMarkers(x.target, x.result).find((m) => m.kind === 'target') ?? null;
      return {
        id: x.target.id,
        label: `${chartPhrases(lang).legend.required}${en ? ': ' : '：'}${planTitle}`,
        targetLabel: `${chartPhrases(lang).legend.target}${en ? ': ' : '：'}${planTitle}`,
        stroke: style.stroke,
        dash: style.dash ?? DASH.required,
        goal,
      };
    });
    const values = [
      ...rows.flatMap((r) => [r.observed, ...Object.values(r.paths)]),
      ...targets.flatMap((x) => (x.goal ? [x.goal.value] : [])),
    ];
    const axis = valueAxis(values, {
      fit: fitsAxisToData(data.indicator.kind) || data.targets.some((x) => fitsAxisToData(null, x.target.type)),
    });
    const axisNote = describeAxis(axis, lang);
    const years = [...rows.map((r) => r.year), ...targets.flatMap((x) => (x.goal ? [x.goal.year] : []))];
    const from = years.length > 0 ? Math.min(...years) : 0;
    const to = years.length > 0 ? Math.max(...years) : 0;
    const title = t('dashboard.compare.plansTitle', { region: regionName, indicator: indicatorName });
    const p = chartPhrases(lang).legend;
    const legend: LegendItem[] = [
      { id: 'observed', label: p.observed, symbol: { kind: 'line', stroke: PALETTE.observed, width: 2.5, marker: 'circle' } },
      ...vintageLegend(observed.points, lang),
      ...targets.map((x) => ({
        id: `path-${x.id}`,
        label: x.label,
        symbol: { kind: 'line' as const, stroke: x.stroke, dash: x.dash, width: 2 },
      })),
      ...targets
        .filter((x) => x.goal)
        .map((x) => ({
          id: `goal-${x.id}`,
          label: x.targetLabel,
          symbol: { kind: 'marker' as const, shape: 'star' as const, color: x.stroke },
        })),
    ];
    const anySample = observed.points.some((pt) => pt.isSample);
    body = (
      <>
        <ChartFrame
          id="compare-plans"
          title={title}
          subtitle={chartSubtitle(unit, asOf, lang, axisNote ? [axisNote] : [])}
          legend={legend}
          source={sourceLine(observed.points, lang)}
          sampleLabel={anySample ? chartPhrases(lang).sampleExport : null}
          sampleNotice={anySample ? t('dashboard.chart.sampleNotice') : null}
        >
          <PlanPathsChart
            rows={rows}
            targets={targets}
            axis={axis}
            years={{ domain: [from, to], ticks: yearTicks(from, to) }}
            unit={unit}
            lang={lang}
            description={title}
          />
        </ChartFrame>
        <section className="dash-section" aria-labelledby="compare-targets-heading">
          <h2 id="compare-targets-heading">{t('dashboard.compare.targetsHeading')}</h2>
          <ul className="compare-targets">
            {data.targets.map((x, i) => {
              const style = seriesStyle(i + 1);
              const flags = describeFlags(x.result.flags, unit, lang).filter((f) => f.prominent);
              const pace = x.result.requiredAnnualPace;
              const judgedWhy = describeJudgedYear(x.result, x.target.targetYear, lang)?.why ?? null;
              return (
                <li key={x.target.id}>
                  <article
                    className={`compare-target pstatus-tone--${x.result.status}`}
                    data-target-id={x.target.id}
                    aria-labelledby={`ct-${x.target.id}`}
                  >
                    <p className="compare-target__swatch" aria-hidden="true">
                      <svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true" focusable="false">
                        <path d="M1 7H27" stroke={style.stroke} strokeWidth="2.5" strokeDasharray={style.dash ?? DASH.required} />
                      </svg>
                    </p>
                    <h3 id={`ct-${x.target.id}`}>
                      <LangLink to={`/plans/${x.plan.slug}${searchWith('', { asOf })}`}>
                        {en ? x.plan.titleEn : x.plan.titleZh}
                      </LangLink>
                    </h3>
                    <p className="compare-target__goal">
                      <span className="label">{t('target.target')}</span>{' '}
                      {describeTarget({ ...x.target, indicator: data.indicator }, lang)}
                    </p>
                    <p className="compare-target__status">
                      <ProgressStatusBadge status={x.result.status} basis={x.result.basis} />
                      {x.result.asOf !== null ? (
                        <span className="compare-target__year" data-judged-year={x.result.asOf}>
                          {t('dashboard.compare.judgedAt', { year: x.result.asOf })}
                          {judgedWhy ? <span className="verdict__year-why"> · {judgedWhy}</span> : null}
                        </span>
                      ) : null}
                    </p>
                    <p className="compare-target__explanation" lang={en ? 'en' : 'zh'}>
                      {en ? x.result.explanation.en : x.result.explanation.zh}
                    </p>
                    {pace ? (
                      <p className="compare-target__pace">
                        <span className="label">{t('progress.required')}</span>{' '}
                        <strong>{formatPace(pace, unit, 'required', lang)}</strong> {formatPacePeriod(pace, lang)}
                      </p>
                    ) : null}
                    {flags.map((f) => (
                      <p key={f.code} className="tile__flag" data-flag={f.code}>
                        {f.text}
                      </p>
                    ))}
                    <p className="compare-target__more">
                      <LangLink to={`/targets/${x.target.id}${searchWith('', { asOf })}`}>
                        {t('dashboard.compare.openChart')} →
                      </LangLink>
                    </p>
                  </article>
                </li>
              );
            })}
          </ul>
        </section>
      </>
    );
  }

  return (
    <>
      <div className="compare-controls">
        <RegionSelect regions={choices} value={region} label={t('dashboard.compare.region')} replace />
        {recurringIndicators.length > 0 && indicator ? (
          <IndicatorSelect indicators={recurringIndicators} value={indicator} />
        ) : null}
        <AsOfSelect periodStart={period.start} periodEnd={period.end} asOf={asOf} currentYear={new Date().getFullYear()} />
      </div>
      {body}
    </>
  );
}

/** `/compare`: one indicator across regions, or one region's recurring targets across plans. */
export default function ComparePage() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const mode = modeFromSearch(params);
  return (
    <div className="page compare-page">
      <title>{t('app.pageTitle', { page: t('dashboard.compare.pageTitle') })}</title>
      <div className="page-intro">
        <h1>{t('dashboard.compare.title')}</h1>
        <p className="lede">{t('dashboard.compare.intro')}</p>
      </div>
      <nav className="compare-modes" aria-label={t('dashboard.compare.modesLabel')}>
        <ul>
          <li>
            <LangLink to="/compare" aria-current={mode === 'regions' ? 'page' : undefined} data-mode="regions">
              {t('dashboard.compare.modeRegions')}
            </LangLink>
          </li>
          <li>
            <LangLink to="/compare?mode=plans" aria-current={mode === 'plans' ? 'page' : undefined} data-mode="plans">
              {t('dashboard.compare.modePlans')}
            </LangLink>
          </li>
        </ul>
      </nav>
      {mode === 'regions' ? <RegionsComparisonView key="regions" /> : <PlansComparisonView key="plans" />}
    </div>
  );
}
