import { formatDerived, formatFigure, pointNotes } from '../../../format/chartText';
import { formatYear } from '../../../format/plans';
import { describeMilestoneVerdict } from '../../../format/progress';
import { useLocale } from '../../../i18n/useLocale';
import type { GoalMarker, TargetChartRow } from '../../charts/chartData';

/**
 * The chart's numbers as a table, for screen readers and for those who would rather read: every
 * year with a figure, a path value, a projection or a goal.
 */
export function TargetTable({
  rows,
  markers,
  unit,
  caption,
  benchmarkName,
}: {
  rows: readonly TargetChartRow[];
  markers: readonly GoalMarker[];
  unit: string;
  caption: string;
  benchmarkName: string | null;
}) {
  const { lang, t } = useLocale();
  const goalsByYear = new Map<number, GoalMarker[]>();
  for (const m of markers) goalsByYear.set(m.year, [...(goalsByYear.get(m.year) ?? []), m]);
  const shown = rows.filter(
    (r) =>
      r.observedPoint ||
      r.unpublished ||
      r.required !== null ||
      r.projection !== null ||
      r.benchmark !== null ||
      goalsByYear.has(r.year),
  );
  const hasRequired = shown.some((r) => r.required !== null);
  const hasProjection = shown.some((r) => r.projection !== null);
  const hasBenchmark = benchmarkName !== null && shown.some((r) => r.benchmark !== null);
  const hasGoals = markers.length > 0;
  const goalText = (m: GoalMarker) => {
    const label = t(
      m.kind === 'milestone'
        ? 'dashboard.format.tooltip.milestone'
        : m.kind === 'target'
          ? 'dashboard.format.tooltip.target'
          : m.kind === 'range_low'
            ? 'dashboard.format.tooltip.rangeLow'
            : 'dashboard.format.tooltip.rangeHigh',
    );
    const value = formatDerived(m.value, unit, lang);
    const verdict = m.status
      ? ` — ${describeMilestoneVerdict({ year: m.year, value: m.value, observed: null, status: m.status }, unit, lang)}`
      : '';
    return `${label} ${value}${verdict}`;
  };
  return (
    <div className="table-scroll">
      <table className="data-table" data-table="target">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.chart.year')}</th>
            <th scope="col" className="num">
              {t('dashboard.chart.observed')}
            </th>
            <th scope="col">{t('dashboard.chart.vintage')}</th>
            {hasRequired ? (
              <th scope="col" className="num">
                {t('dashboard.chart.required')}
              </th>
            ) : null}
            {hasProjection ? (
              <th scope="col" className="num">
                {t('dashboard.chart.projection')}
              </th>
            ) : null}
            {hasBenchmark ? (
              <th scope="col" className="num">
                {t('dashboard.chart.benchmark', { region: benchmarkName })}
              </th>
            ) : null}
            {hasGoals ? <th scope="col">{t('target.target')}</th> : null}
            <th scope="col">{t('dashboard.chart.source')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const point = row.observedPoint;
            return (
              <tr key={row.year} data-year={row.year} className={point?.isSample ? 'is-sample' : undefined}>
                <th scope="row">{formatYear(row.year, lang)}</th>
                <td className="num">
                  {point ? formatFigure(point.value, unit, lang) : row.unpublished ? t('target.notPublished') : '—'}
                </td>
                <td>
                  {point ? (
                    <>
                      {point.isSample ? <span className="badge badge--sample">{t('dashboard.format.sampleLabel')}</span> : null}
                      <span className="table-note">{pointNotes({ ...point, isSample: false }, lang).join(' · ')}</span>
                    </>
                  ) : null}
                </td>
                {hasRequired ? (
                  <td className="num">{row.required === null ? '—' : formatDerived(row.required, unit, lang)}</td>
                ) : null}
                {hasProjection ? (
                  <td className="num">
                    {row.projection === null || point
                      ? '—'
                      : `${formatDerived(row.projection, unit, lang)}${row.band && row.band[0] !== row.band[1] ? ` (${formatDerived(row.band[0], unit, lang)}–${formatDerived(row.band[1], unit, lang)})` : ''}`}
                  </td>
                ) : null}
                {hasBenchmark ? (
                  <td className="num" data-benchmark-year={row.year}>
                    {/* The benchmark's figures are labelled like the region's own: sample, preliminary, revised. */}
                    {row.benchmarkPoint ? (
                      <>
                        {row.benchmarkPoint.isSample ? (
                          <span className="badge badge--sample">{t('dashboard.format.sampleLabel')}</span>
                        ) : null}{' '}
                        {formatFigure(row.benchmarkPoint.value, unit, lang)}
                        {/* "final" goes without saying; a preliminary or revised benchmark figure says so. */}
                        {row.benchmarkPoint.vintage !== 'final' || row.benchmarkPoint.revisionCount > 1 ? (
                          <span className="table-note">
                            {' '}
                            {pointNotes({ ...row.benchmarkPoint, isSample: false }, lang).join(' · ')}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                ) : null}
                {hasGoals ? <td>{(goalsByYear.get(row.year) ?? []).map(goalText).join('; ')}</td> : null}
                {/* A source's title is data, printed as published (usually Chinese). */}
                <td
                  className="data-table__source"
                  data-source=""
                  lang={point && /[\u3400-\u9fff]/.test(point.sourceTitle) ? 'zh' : undefined}
                >
                  {point && !point.isSample ? point.sourceTitle : ''}
                  {/* The sentence a figure was read from (a bulletin's), quoted as printed. */}
                  {point && !point.isSample && point.quote ? (
                    <q className="data-table__quote" lang="zh" data-quote="">
                      {point.quote}
                    </q>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
