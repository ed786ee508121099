import { CartesianGrid, ComposedChart, Line, ReferenceDot, ResponsiveContainer } from 'recharts';
import { describeCompareRow, describePlanPathsRow } from '../../format/chartText';
import type { Lang } from '../../i18n/lang';
import type { Axis, CompareGoal, CompareRow, GoalMarker, PlanPathsRow } from './chartData';
import { CHART_HEIGHT, chartAxes, observedLine, pointElement, yearTooltip } from './chartParts';
import { markerPath, PALETTE } from './symbols';

export interface ComparedSeries {
  key: string;
  label: string;
  stroke: string;
  dash: string | undefined;
}

/** The index of the last row where the series has a value: its name is written there. */
function lastIndex(rows: readonly CompareRow[], key: string): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]?.values[key] != null) return i;
  return -1;
}

/**
 * One indicator across regions: a line per region, told apart by colour, dash and the region's
 * name written at the end of its line; the points keep the vintage and sample encoding.
 */
export function CompareRegionsChart({
  rows,
  series,
  goals,
  axis,
  years,
  unit,
  lang,
  description,
}: {
  rows: readonly CompareRow[];
  series: readonly ComparedSeries[];
  /** the regions' targets, each a star in its region's colour */
  goals: readonly CompareGoal[];
  axis: Axis;
  years: { domain: [number, number]; ticks: number[] };
  unit: string;
  lang: Lang;
  description: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 960, height: CHART_HEIGHT }}>
      <ComposedChart data={rows as CompareRow[]} margin={{ top: 24, right: 96, bottom: 8, left: 8 }} desc={description}>
        <CartesianGrid stroke={PALETTE.grid} vertical={false} />
        {chartAxes(lang, axis, years)}
        {series.map((s) => {
          const last = lastIndex(rows, s.key);
          return (
            <Line
              key={s.key}
              dataKey={(row: CompareRow) => row.values[s.key] ?? null}
              name={s.label}
              type="linear"
              stroke={s.stroke}
              strokeDasharray={s.dash}
              strokeWidth={2.5}
              connectNulls
              isAnimationActive={false}
              dot={(props) =>
                pointElement(
                  (props.payload as CompareRow).points[s.key] ?? null,
                  props.cx,
                  props.cy,
                  s.key,
                  s.stroke,
                  `${s.key}-${props.index}`,
                )
              }
              activeDot={false}
              label={(props: { x?: number | string; y?: number | string; index?: number }) =>
                props.index === last ? (
                  <text
                    key={`${s.key}-label`}
                    x={Number(props.x) + 10}
                    y={Number(props.y) + 4}
                    fill={s.stroke}
                    fontSize={12.5}
                    fontWeight={600}
                    data-series-label={s.key}
                  >
                    {s.label}
                  </text>
                ) : (
                  <g key={`${s.key}-nolabel-${props.index}`} />
                )
              }
              data-series={s.key}
            />
          );
        })}
        {goals.map((goal) => {
          const stroke = series.find((s) => s.key === goal.key)?.stroke ?? PALETTE.target;
          return (
            <ReferenceDot
              key={`goal-${goal.targetId}-${goal.kind}`}
              x={goal.year}
              y={goal.value}
              ifOverflow="extendDomain"
              shape={(props: { cx?: number; cy?: number }) =>
                props.cx === undefined || props.cy === undefined ? (
                  <g />
                ) : (
                  <path
                    d={markerPath('star', props.cx, props.cy, 6.5)}
                    fill={stroke}
                    stroke={PALETTE.surface}
                    strokeWidth={1}
                    data-marker="target"
                    data-series={goal.key}
                    data-target-id={goal.targetId}
                    data-year={goal.year}
                    data-value={goal.value}
                  />
                )
              }
            />
          );
        })}
        {yearTooltip(rows, (row) => describeCompareRow(row, series, unit, lang))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export interface ComparedPlanTarget {
  id: number;
  /** "要求路径：…" */
  label: string;
  targetLabel: string;
  stroke: string;
  dash: string | undefined;
  goal: GoalMarker | null;
}

/** One region's figures, with the required path and target of each plan that sets one. */
export function PlanPathsChart({
  rows,
  targets,
  axis,
  years,
  unit,
  lang,
  description,
}: {
  rows: readonly PlanPathsRow[];
  targets: readonly ComparedPlanTarget[];
  axis: Axis;
  years: { domain: [number, number]; ticks: number[] };
  unit: string;
  lang: Lang;
  description: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 960, height: CHART_HEIGHT }}>
      <ComposedChart data={rows as PlanPathsRow[]} margin={{ top: 24, right: 28, bottom: 8, left: 8 }} desc={description}>
        <CartesianGrid stroke={PALETTE.grid} vertical={false} />
        {chartAxes(lang, axis, years)}
        {targets.map((target) => (
          <Line
            key={target.id}
            dataKey={(row: PlanPathsRow) => row.paths[String(target.id)] ?? null}
            name={target.label}
            type="linear"
            stroke={target.stroke}
            strokeDasharray={target.dash}
            strokeWidth={2}
            dot={false}
            activeDot={false}
            connectNulls={false}
            isAnimationActive={false}
            data-series={`path-${target.id}`}
          />
        ))}
        {observedLine<PlanPathsRow>({ highlightActive: false })}
        {targets.map((target) =>
          target.goal ? (
            <ReferenceDot
              key={`goal-${target.id}`}
              x={target.goal.year}
              y={target.goal.value}
              ifOverflow="extendDomain"
              shape={(props: { cx?: number; cy?: number }) =>
                props.cx === undefined || props.cy === undefined ? (
                  <g />
                ) : (
                  <path
                    d={markerPath('star', props.cx, props.cy, 6)}
                    fill={target.stroke}
                    stroke={target.stroke}
                    strokeWidth={1.5}
                    data-marker="target"
                    data-target-id={target.id}
                  />
                )
              }
            />
          ) : null,
        )}
        {yearTooltip(rows, (row) => describePlanPathsRow(row, targets, unit, lang))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
