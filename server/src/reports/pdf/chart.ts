// The chart of a target page, in vector graphics, in the web chart's visual language (chartStyle.ts):
// the years whose figures are sample data shaded and labelled, the projection's band, a dashed line
// at the target's level, the required path dotted, the projection dashed, the benchmark dash-dot, the
// observed figures solid with a point shaped by vintage (hollow for a sample figure), the target a
// star and milestones diamonds; and its legend, in the web's words.

import {
  CHART_DASH,
  CHART_OPACITY,
  CHART_STROKE,
  CHART_PALETTE as CP,
  dashArray,
  GOAL_SHAPE,
  type LegendId,
  type LegendItem,
  type LegendSymbol,
  legendItems,
  MARK_SHAPE,
  type MarkerShape,
  markerPath,
  sampleSpans,
} from '../chartStyle.js';
import { formatNumber, withUnit } from '../labels.js';
import type { ChartModel } from '../model.js';
import { valueAxis, yearTicks } from '../scale.js';
import type { Words } from '../words.js';
import { C, type Doc, MARGIN, WIDTH, type Writer } from './drawing.js';

/** The web draws in CSS pixels; a CSS pixel is 0.75 of a point: strokes, dashes and markers scale by it. */
export const PX = 0.75;

/** A dash pattern of the shared style, in points. */
const dash = (pattern: string): number[] => dashArray(pattern).map((d) => d * PX);

function setDash(doc: Doc, pattern: string | undefined): void {
  if (!pattern) return;
  // pdfkit writes an array as the dash array itself (its types know only a single length).
  doc.dash(dash(pattern) as unknown as number, {});
}

/** A marker of the shared shapes, filled or hollow (a sample figure, a milestone not yet met). */
function marker(doc: Doc, shape: MarkerShape, x: number, y: number, r: number, color: string, hollow: boolean, width: number) {
  doc.path(markerPath(shape, x, y, r));
  if (hollow) doc.lineWidth(width).fillColor(CP.surface).strokeColor(color).fillAndStroke();
  else doc.lineWidth(width).fillColor(color).strokeColor(color).fillAndStroke();
}

/** Chart of one target in vector graphics. */
export function drawChart(out: Writer, chart: ChartModel, x0: number, y0: number, width: number, height: number): void {
  const { doc, w, lang } = out;
  const left = x0 + 46;
  const right = x0 + width - 10;
  const top = y0 + 14;
  const bottom = y0 + height - 26;
  const values = [
    ...chart.observed.map((p) => p.value),
    ...chart.required.map((p) => p.value),
    ...chart.projection.map((p) => p.value),
    ...chart.projectionBand.flatMap((p) => [p.low, p.high]),
    ...chart.benchmark.map((p) => p.value),
    ...chart.milestones.map((p) => p.value),
    ...(chart.target ? [chart.target.value] : []),
    ...(chart.band ? [chart.band.min, chart.band.max] : []),
  ];
  const axis = valueAxis(values);
  const years = [
    ...chart.observed.map((p) => p.year),
    ...chart.required.map((p) => p.year),
    ...chart.projection.map((p) => p.year),
    ...chart.benchmark.map((p) => p.year),
    ...chart.milestones.map((p) => p.year),
    ...(chart.target ? [chart.target.year] : []),
    ...(chart.band ? [chart.band.year] : []),
  ];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const slot = (right - left) / (last - first + 1);
  const sx = (year: number) => left + (year - first + 0.5) * slot;
  const sy = (v: number) => bottom - ((v - axis.min) / (axis.max - axis.min)) * (bottom - top);

  doc.save();
  // The sample years, shaded behind everything and labelled where they are (as on the web).
  for (const span of sampleSpans(chart.observed)) {
    const x1 = sx(span.from) - slot * 0.4;
    const x2 = sx(span.to) + slot * 0.4;
    doc
      .rect(x1, top - 10, x2 - x1, bottom - top + 10)
      .fillOpacity(CHART_OPACITY.sampleShade)
      .fill(CP.sampleSoft);
    doc.fillOpacity(1);
    out.font(true, 7, CP.sample);
    out.put(w.sampleShade, x1, top - 9, { width: x2 - x1, align: 'center', lineBreak: false });
  }
  // Grid and value labels.
  for (const tick of axis.ticks) {
    const y = sy(tick);
    doc
      .moveTo(left, y)
      .lineTo(right, y)
      .lineWidth(tick === 0 ? 0.8 : 0.5)
      .strokeColor(tick === 0 ? CP.axis : CP.grid)
      .stroke();
    out.font(false, 7, CP.axis);
    out.put(formatNumber(tick, lang, 2), x0, y - 4, { width: 40, align: 'right', lineBreak: false });
  }
  out.font(false, 7.5, CP.axis);
  out.put(chart.unit || '', x0, y0, { width: 120, lineBreak: false });
  for (const year of yearTicks(first, last)) {
    const x = sx(year);
    doc
      .moveTo(x, bottom)
      .lineTo(x, bottom + 3)
      .lineWidth(0.5)
      .strokeColor(CP.axis)
      .stroke();
    out.font(false, 7, CP.axis);
    out.put(String(year), x - 15, bottom + 5, { width: 30, align: 'center', lineBreak: false });
  }
  out.font(false, 7.5, CP.axis);
  out.put(w.year, right - 60, bottom + 15, { width: 60, align: 'right', lineBreak: false });

  const path = (points: readonly { year: number; value: number }[]) => {
    points.forEach((p, i) => {
      if (i === 0) doc.moveTo(sx(p.year), sy(p.value));
      else doc.lineTo(sx(p.year), sy(p.value));
    });
  };
  const line = (points: readonly { year: number; value: number }[], color: string, px: number, pattern?: string) => {
    if (points.length < 2) return;
    path(points);
    setDash(doc, pattern);
    doc
      .lineWidth(px * PX)
      .strokeColor(color)
      .stroke();
    doc.undash();
  };

  // The projection's band: from the latest figure, widening a year at a time.
  if (chart.projectionBand.length > 1) {
    const band = chart.projectionBand;
    band.forEach((p, i) => {
      if (i === 0) doc.moveTo(sx(p.year), sy(p.high));
      else doc.lineTo(sx(p.year), sy(p.high));
    });
    for (const p of [...band].reverse()) doc.lineTo(sx(p.year), sy(p.low));
    doc.closePath().fillOpacity(CHART_OPACITY.band).fill(CP.band);
    doc.fillOpacity(1);
  }
  // The target's level across the chart, labelled at its left end.
  if (chart.targetLine !== null) {
    const y = sy(chart.targetLine);
    doc.moveTo(left, y).lineTo(right, y);
    setDash(doc, CHART_DASH.target);
    doc
      .lineWidth(CHART_STROKE.target * PX)
      .strokeColor(CP.target)
      .stroke();
    doc.undash();
    out.font(true, 7.5, CP.target);
    out.line(`${w.legendTarget} ${withUnit(chart.targetLine, chart.unit, lang)}`, left + 4, y - 10);
  }
  line(chart.required, CP.required, CHART_STROKE.required, CHART_DASH.required);
  line(chart.projection, CP.projection, CHART_STROKE.projection, CHART_DASH.projection);
  line(chart.benchmark, CP.benchmark, CHART_STROKE.benchmark, CHART_DASH.benchmark);
  for (const p of chart.benchmark)
    marker(doc, MARK_SHAPE[p.mark], sx(p.year), sy(p.value), 4.5 * PX, CP.benchmark, p.isSample, (p.isSample ? 2 : 1.5) * PX);
  line(chart.observed, CP.observed, CHART_STROKE.observed);
  // Each figure's point: its shape says the vintage, hollow says sample (survives black-and-white print).
  for (const p of chart.observed)
    marker(doc, MARK_SHAPE[p.mark], sx(p.year), sy(p.value), 4.5 * PX, CP.observed, p.isSample, (p.isSample ? 2 : 1.5) * PX);
  for (const m of chart.milestones) {
    // A met milestone is filled; one missed or still to come is an outline.
    marker(doc, GOAL_SHAPE.milestone, sx(m.year), sy(m.value), 5 * PX, CP.milestone, !m.achieved, CHART_STROKE.marker * PX);
    out.font(false, 7, CP.milestone);
    out.line(withUnit(m.value, chart.unit, lang), sx(m.year) + 6, sy(m.value) - 4);
  }
  const goals = [...(chart.target ? [chart.target.value] : []), ...(chart.band ? [chart.band.min, chart.band.max] : [])];
  const goalYear = chart.target?.year ?? chart.band?.year ?? null;
  if (goalYear !== null)
    for (const value of goals)
      marker(doc, GOAL_SHAPE.target, sx(goalYear), sy(value), 6 * PX, CP.target, false, CHART_STROKE.marker * PX);
  // A range's upper bound, beside its star (the lower one is on the target line's label).
  if (chart.band && goalYear !== null) {
    const label = withUnit(chart.band.max, chart.unit, lang);
    out.font(true, 7.5, CP.target);
    const lw = doc.widthOfString(label);
    const tx = sx(goalYear);
    out.line(label, tx + 8 + lw > right ? tx - 8 - lw : tx + 8, sy(chart.band.max) - 4);
  }
  doc.restore();
  // Frame.
  doc.moveTo(left, top).lineTo(left, bottom).lineWidth(0.6).strokeColor(CP.axis).stroke();
}

/** What a chart of the report shows, entry by entry, as the web's targetLegend finds it. */
export function pdfLegendItems(chart: ChartModel, w: Words): LegendItem[] {
  const points = [...chart.observed, ...chart.benchmark];
  const labels: Record<LegendId, string> = {
    observed: w.legendObserved,
    preliminary: w.legendPreliminary,
    revised: w.legendRevised,
    sample: w.legendSample,
    required: w.legendRequired,
    projection: w.legendProjection,
    band: w.legendBand,
    target: w.legendTarget,
    range: w.legendRange,
    milestone: w.legendMilestone,
    benchmark: w.legendBenchmark(chart.benchmarkRegionName),
  };
  return legendItems(
    {
      observed: chart.observed.length > 0,
      preliminary: points.some((p) => p.mark === 'preliminary'),
      revised: points.some((p) => p.mark === 'revised'),
      sample: points.some((p) => p.isSample),
      required: chart.required.length > 0,
      projection: chart.projection.length > 0,
      target: chart.target !== null,
      range: chart.band !== null,
      milestone: chart.milestones.length > 0,
      benchmark: chart.benchmark.length > 0,
    },
    (id) => labels[id],
  );
}

/** A legend symbol in a 20 × 9 point box centred on (x, y): the web's 28 × 14 px symbol, scaled. */
function drawSymbol(doc: Doc, symbol: LegendSymbol, x: number, y: number): void {
  const cx = x + 10;
  switch (symbol.kind) {
    case 'line':
      doc.moveTo(x + 1, y).lineTo(x + 19, y);
      setDash(doc, symbol.dash);
      doc
        .lineWidth((symbol.width ?? 2) * PX)
        .strokeColor(symbol.stroke)
        .stroke();
      doc.undash();
      if (symbol.marker) marker(doc, symbol.marker, cx, y, 3.5 * PX, symbol.stroke, false, 1.5 * PX);
      return;
    case 'marker':
      marker(doc, symbol.shape, cx, y, 4.5 * PX, symbol.color, symbol.hollow ?? false, 1.75 * PX);
      return;
    case 'area':
      doc
        .rect(x + 2, y - 3.5, 16, 7)
        .fillOpacity(symbol.opacity)
        .fill(symbol.fill);
      doc.fillOpacity(1);
  }
}

/** The legend laid out in lines: each entry's x and line, and the number of lines. */
function legendLayout(out: Writer, items: readonly LegendItem[]): { item: LegendItem; x: number; line: number }[] {
  const { doc } = out;
  let x = MARGIN.left + 46;
  let line = 0;
  return items.map((item) => {
    out.font(false, 7.5, C.muted);
    const lw = doc.widthOfString(item.label);
    if (x + 24 + lw > MARGIN.left + WIDTH && x > MARGIN.left + 46) {
      x = MARGIN.left + 46;
      line += 1;
    }
    const placed = { item, x, line };
    x += 24 + lw + 12;
    return placed;
  });
}

/** The legend's height in points. */
export function legendHeight(out: Writer, chart: ChartModel): number {
  const placed = legendLayout(out, pdfLegendItems(chart, out.w));
  return placed.length === 0 ? 0 : ((placed.at(-1)?.line ?? 0) + 1) * 12;
}

export function legend(out: Writer, chart: ChartModel, y: number): number {
  const placed = legendLayout(out, pdfLegendItems(chart, out.w));
  for (const { item, x, line } of placed) {
    const ly = y + line * 12;
    out.doc.save();
    drawSymbol(out.doc, item.symbol, x, ly + 4.5);
    out.doc.restore();
    out.font(false, 7.5, C.muted);
    out.line(item.label, x + 24, ly);
  }
  return y + legendHeight(out, chart);
}
