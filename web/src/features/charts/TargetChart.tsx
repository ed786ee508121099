import type { ReactElement } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
} from 'recharts';
import { chartPhrases, describeChartRow, formatDerived } from '../../format/chartText';
import type { Lang } from '../../i18n/lang';
import type { Axis, GoalMarker, TargetChartRow } from './chartData';
import { CHART_HEIGHT, chartAxes, observedLine, pointElement, yearTooltip } from './chartParts';
import { DASH, markerPath, PALETTE } from './symbols';

function goalShape(marker: GoalMarker, cx: number | undefined, cy: number | undefined): ReactElement<SVGElement> {
  if (cx === undefined || cy === undefined) return <g />;
  const milestone = marker.kind === 'milestone';
  // A met milestone is filled; one missed or still to come is an outline.
  const filled = !milestone || marker.status === 'achieved';
  const color = milestone ? PALETTE.milestone : PALETTE.target;
  return (
    <path
      d={markerPath(milestone ? 'diamond' : 'star', cx, cy, milestone ? 5 : 6)}
      fill={filled ? color : PALETTE.surface}
      stroke={color}
      strokeWidth={1.75}
      data-marker={marker.kind === 'milestone' ? 'milestone' : 'target'}
      data-kind={marker.kind}
      data-year={marker.year}
      data-value={marker.value}
      data-status={marker.status ?? undefined}
    />
  );
}

/**
 * One target's chart: the observed figures, the required path, the projection and its band, the
 * benchmark, the target and milestones as marked points, and a line at the target's level. Draws
 * only: every number comes shaped from chartData.ts.
 */
export function TargetChart({
  rows,
  markers,
  axis,
  years,
  targetLine,
  sampleSpans,
  unit,
  lang,
  benchmarkName,
  description,
}: {
  rows: readonly TargetChartRow[];
  markers: readonly GoalMarker[];
  axis: Axis;
  years: { domain: [number, number]; ticks: number[] };
  targetLine: number | null;
  sampleSpans: readonly { from: number; to: number }[];
  unit: string;
  lang: Lang;
  benchmarkName: string | null;
  description: string;
}) {
  const phrases = chartPhrases(lang);
  const hasBand = rows.some((r) => r.band !== null);
  const hasBenchmark = rows.some((r) => r.benchmark !== null);
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 960, height: CHART_HEIGHT }}>
      <ComposedChart data={rows as TargetChartRow[]} margin={{ top: 24, right: 28, bottom: 8, left: 8 }} desc={description}>
        <CartesianGrid stroke={PALETTE.grid} vertical={false} />
        {sampleSpans.map((span) => (
          <ReferenceArea
            key={span.from}
            x1={span.from - 0.4}
            x2={span.to + 0.4}
            fill={PALETTE.sampleSoft}
            fillOpacity={0.55}
            stroke="none"
            ifOverflow="hidden"
            label={{ value: phrases.sampleLabel, position: 'insideTop', fill: PALETTE.sample, fontSize: 12, fontWeight: 600 }}
            data-sample-span={`${span.from}-${span.to}`}
          />
        ))}
        {chartAxes(lang, axis, years)}
        {hasBand ? (
          <Area
            dataKey="band"
            type="linear"
            stroke="none"
            fill={PALETTE.band}
            fillOpacity={0.16}
            isAnimationActive={false}
            activeDot={false}
            connectNulls={false}
            data-series="band"
          />
        ) : null}
        {targetLine !== null ? (
          <ReferenceLine
            y={targetLine}
            stroke={PALETTE.target}
            strokeDasharray={DASH.target}
            strokeWidth={1.25}
            ifOverflow="extendDomain"
            label={{
              value: `${phrases.tooltip.target} ${formatDerived(targetLine, unit, lang)}`,
              position: 'insideTopLeft',
              fill: PALETTE.target,
              fontSize: 12,
              fontWeight: 600,
            }}
            data-series="target-line"
          />
        ) : null}
        <Line
          dataKey="required"
          type="linear"
          stroke={PALETTE.required}
          strokeDasharray={DASH.required}
          strokeWidth={2}
          dot={false}
          activeDot={false}
          connectNulls
          isAnimationActive={false}
          data-series="required"
        />
        <Line
          dataKey="projection"
          type="linear"
          stroke={PALETTE.projection}
          strokeDasharray={DASH.projection}
          strokeWidth={2.25}
          dot={false}
          activeDot={false}
          connectNulls
          isAnimationActive={false}
          data-series="projection"
        />
        {hasBenchmark ? (
          <Line
            dataKey="benchmark"
            type="linear"
            stroke={PALETTE.benchmark}
            strokeDasharray={DASH.benchmark}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
            dot={(props) =>
              pointElement(
                (props.payload as TargetChartRow).benchmarkPoint,
                props.cx,
                props.cy,
                'benchmark',
                PALETTE.benchmark,
                `b-${props.index}`,
              )
            }
            activeDot={false}
            data-series="benchmark"
          />
        ) : null}
        {observedLine<TargetChartRow>({ highlightActive: true })}
        {markers.map((marker) => (
          <ReferenceDot
            key={`${marker.kind}-${marker.year}-${marker.value}`}
            x={marker.year}
            y={marker.value}
            ifOverflow="extendDomain"
            shape={(props: { cx?: number; cy?: number }) => goalShape(marker, props.cx, props.cy)}
          />
        ))}
        {yearTooltip(rows, (row) => describeChartRow(row, markers, unit, lang, benchmarkName))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
