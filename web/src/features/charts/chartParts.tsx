import type { ReactElement, ReactNode } from 'react';
import { Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../format/numbers';
import type { Lang } from '../../i18n/lang';
import { ChartTooltip, type ChartTooltipProps } from './ChartTooltip';
import type { Axis, PlottedPoint } from './chartData';
import { MARK_SHAPE, markerPath, PALETTE } from './symbols';

/**
 * The pieces every chart of the dashboard draws the same way: the axes, the observed series with its
 * vintage and sample points, and a tooltip per year. They are functions returning recharts elements
 * (not components), because recharts reads its children's props directly.
 */

export const CHART_HEIGHT = 380;

export interface YearAxis {
  domain: [number, number];
  ticks: number[];
}

/** A figure's point: its shape says the vintage, hollow says sample (see chartData.ts). */
export function pointElement(
  point: PlottedPoint | null,
  cx: number | undefined,
  cy: number | undefined,
  series: string,
  color: string,
  key: string,
): ReactNode {
  if (!point || cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g key={key} />;
  return (
    <path
      key={key}
      d={markerPath(MARK_SHAPE[point.mark], cx, cy, 4.5)}
      fill={point.isSample ? PALETTE.surface : color}
      stroke={color}
      strokeWidth={point.isSample ? 2 : 1.5}
      data-point={series}
      data-year={point.year}
      data-mark={point.mark}
      data-sample={point.isSample ? 'true' : 'false'}
    />
  );
}

/** Years along the bottom, values (in the locale's digits) up the side. */
export function chartAxes(lang: Lang, axis: Axis, years: YearAxis): ReactElement[] {
  return [
    <XAxis
      key="x"
      dataKey="year"
      type="number"
      domain={years.domain}
      ticks={years.ticks}
      allowDecimals={false}
      tickFormatter={(year: number) => String(year)}
      tick={{ fontSize: 12, fill: PALETTE.axis }}
      stroke={PALETTE.axis}
      padding={{ left: 14, right: 14 }}
    />,
    <YAxis
      key="y"
      domain={axis.domain}
      ticks={axis.ticks}
      tickFormatter={(value: number) => formatNumber(value, lang)}
      tick={{ fontSize: 12, fill: PALETTE.axis }}
      stroke={PALETTE.axis}
      width={64}
      allowDataOverflow
    />,
  ];
}

/** The region's own figures: a solid line, a point a year shaped by vintage, hollow for samples. */
export function observedLine<Row extends { observedPoint: PlottedPoint | null }>(options: { highlightActive: boolean }) {
  return (
    <Line
      key="observed"
      dataKey="observed"
      type="linear"
      stroke={PALETTE.observed}
      strokeWidth={2.5}
      connectNulls={false}
      isAnimationActive={false}
      dot={(props) =>
        pointElement((props.payload as Row).observedPoint, props.cx, props.cy, 'observed', PALETTE.observed, `o-${props.index}`)
      }
      activeDot={options.highlightActive ? { r: 7, fill: 'none', stroke: PALETTE.observed, strokeWidth: 2 } : false}
      data-series="observed"
    />
  );
}

/** A tooltip for the year under the pointer, its lines written by `describe`. */
export function yearTooltip<Row extends { year: number }>(rows: readonly Row[], describe: (row: Row) => ChartTooltipProps) {
  const byYear = new Map(rows.map((row) => [row.year, row]));
  return (
    <Tooltip
      key="tooltip"
      cursor={{ stroke: PALETTE.axis, strokeDasharray: '3 3' }}
      isAnimationActive={false}
      content={({ active, label }) => {
        const row = typeof label === 'number' ? byYear.get(label) : undefined;
        if (!active || !row) return null;
        return <ChartTooltip {...describe(row)} />;
      }}
    />
  );
}
