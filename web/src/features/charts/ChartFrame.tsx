import { type ReactNode, useRef, useState } from 'react';
import { useLocale } from '../../i18n/useLocale';
import { ChartLegend } from './ChartLegend';
import { exportFileName } from './chartExport';
import type { LegendItem } from './symbols';

/**
 * A chart with everything that makes it readable on its own: title, units, the sample-data notice,
 * the legend, the source line, and the PNG / SVG downloads, which carry all of these too.
 */
export function ChartFrame({
  id,
  title,
  subtitle,
  legend,
  source,
  sampleLabel,
  sampleNotice,
  children,
  headingLevel = 2,
}: {
  id: string;
  title: string;
  subtitle: string;
  legend: readonly LegendItem[];
  source: string;
  /** the sample warning for the exported image; null when no figure is a sample */
  sampleLabel: string | null;
  /** the same warning on the page */
  sampleNotice: string | null;
  children: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const { t } = useLocale();
  const chartRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState<'png' | 'svg' | null>(null);
  const [failed, setFailed] = useState(false);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const titleId = `${id}-title`;

  async function download(format: 'png' | 'svg') {
    const container = chartRef.current;
    if (!container) return;
    setBusy(format);
    setFailed(false);
    try {
      // Loaded on first use: the page does not pay for the export until someone asks for it.
      const { exportChart } = await import('./exportImage');
      const ok = await exportChart(
        container,
        { title, subtitle, legend, source, sampleLabel, credit: t('dashboard.format.madeWith') },
        format,
        exportFileName(title, format),
      );
      if (!ok) setFailed(true);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  }

  return (
    <figure className="chart-frame" aria-labelledby={titleId} data-chart={id}>
      <div className="chart-frame__head">
        <div>
          <Heading className="chart-frame__title" id={titleId}>
            {title}
          </Heading>
          <p className="chart-frame__subtitle">{subtitle}</p>
        </div>
        <div className="chart-frame__downloads">
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void download('png')}
            disabled={busy !== null}
            data-download="png"
          >
            {t('dashboard.chart.downloadPng')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void download('svg')}
            disabled={busy !== null}
            data-download="svg"
          >
            {t('dashboard.chart.downloadSvg')}
          </button>
        </div>
      </div>
      {failed ? (
        <p className="chart-frame__error" role="alert">
          {t('dashboard.chart.downloadFailed')}
        </p>
      ) : null}
      {sampleNotice ? (
        <p className="chart-frame__sample">
          <span className="badge badge--sample">{t('target.sample')}</span> {sampleNotice}
        </p>
      ) : null}
      <ChartLegend items={legend} label={t('dashboard.chart.legendLabel')} />
      <div className="chart-frame__chart" ref={chartRef}>
        {children}
      </div>
      {/* The sources' titles are data, as published: mostly Chinese, in either language. */}
      {source ? (
        <figcaption className="chart-frame__source" data-source="">
          {source}
        </figcaption>
      ) : null}
    </figure>
  );
}
