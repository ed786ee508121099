// The chart of a target page, in vector graphics: axes with units, the observed figures (hollow
// where they are sample figures), the required path, the projection, the benchmark and the target;
// and its legend.

import { formatNumber, withUnit } from '../labels.js';
import type { ChartModel } from '../model.js';
import { valueAxis, yearTicks } from '../scale.js';
import { C, MARGIN, WIDTH, type Writer } from './drawing.js';

/** Chart of one target in vector graphics: axes with units, observed, required path, projection, benchmark, target. */
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
    ...chart.benchmark.map((p) => p.value),
    ...chart.milestones.map((p) => p.value),
    ...(chart.target ? [chart.target.value] : []),
    ...(chart.band ? [chart.band.min, chart.band.max] : []),
    ...(chart.perYear !== null ? [chart.perYear] : []),
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
  const sx = (year: number) => left + ((year - first + 0.5) / (last - first + 1)) * (right - left);
  const sy = (v: number) => bottom - ((v - axis.min) / (axis.max - axis.min)) * (bottom - top);

  doc.save();
  // Grid and value labels.
  for (const tick of axis.ticks) {
    const y = sy(tick);
    doc
      .moveTo(left, y)
      .lineTo(right, y)
      .lineWidth(tick === 0 ? 0.8 : 0.4)
      .strokeColor(tick === 0 ? C.faint : C.rule)
      .stroke();
    out.font(false, 7, C.muted).text(formatNumber(tick, lang, 2), x0, y - 4, { width: 40, align: 'right', lineBreak: false });
  }
  out.font(false, 7.5, C.muted).text(chart.unit || '', x0, y0, { width: 120, lineBreak: false });
  for (const year of yearTicks(first, last)) {
    const x = sx(year);
    doc
      .moveTo(x, bottom)
      .lineTo(x, bottom + 3)
      .lineWidth(0.5)
      .strokeColor(C.faint)
      .stroke();
    out.font(false, 7, C.muted).text(String(year), x - 15, bottom + 5, { width: 30, align: 'center', lineBreak: false });
  }
  out.font(false, 7.5, C.muted).text(w.year, right - 60, bottom + 15, { width: 60, align: 'right', lineBreak: false });

  const line = (points: { year: number; value: number }[]) => {
    points.forEach((p, i) => {
      if (i === 0) doc.moveTo(sx(p.year), sy(p.value));
      else doc.lineTo(sx(p.year), sy(p.value));
    });
  };

  if (chart.band) {
    const bx = sx(chart.band.year);
    doc
      .rect(bx - 7, sy(chart.band.max), 14, sy(chart.band.min) - sy(chart.band.max))
      .fillOpacity(0.18)
      .fill(C.target);
    doc.fillOpacity(1);
    doc
      .rect(bx - 7, sy(chart.band.max), 14, sy(chart.band.min) - sy(chart.band.max))
      .lineWidth(0.8)
      .strokeColor(C.target)
      .stroke();
  }
  if (chart.perYear !== null) {
    doc
      .moveTo(left, sy(chart.perYear))
      .lineTo(right, sy(chart.perYear))
      .lineWidth(1.2)
      .dash(2, { space: 2 })
      .strokeColor(C.target)
      .stroke();
    doc.undash();
  }
  if (chart.required.length > 1) {
    line(chart.required);
    doc.lineWidth(1.6).strokeColor(C.required).stroke();
  }
  if (chart.benchmark.length > 0) {
    if (chart.benchmark.length > 1) {
      line(chart.benchmark);
      doc.lineWidth(1.2).strokeColor(C.benchmark).stroke();
    }
    for (const p of chart.benchmark) {
      doc.rect(sx(p.year) - 2, sy(p.value) - 2, 4, 4);
      if (p.isSample) doc.lineWidth(0.8).fillAndStroke('#ffffff', C.benchmark);
      else doc.fill(C.benchmark);
    }
  }
  if (chart.projection.length > 1) {
    line(chart.projection);
    doc.lineWidth(1.4).dash(4, { space: 3 }).strokeColor(C.projection).stroke();
    doc.undash();
  }
  if (chart.observed.length > 1) {
    line(chart.observed);
    doc.lineWidth(2).strokeColor(C.observed).stroke();
  }
  for (const p of chart.observed) {
    doc.circle(sx(p.year), sy(p.value), 2.8);
    // Sample figures hollow, published ones filled: the difference survives black-and-white printing.
    if (p.isSample) doc.lineWidth(1.2).fillAndStroke('#ffffff', C.observed);
    else doc.fill(C.observed);
  }
  const diamond = (x: number, y: number, r: number, filled: boolean) => {
    doc.polygon([x, y - r], [x + r, y], [x, y + r], [x - r, y]);
    if (filled) doc.fill(C.target);
    else doc.lineWidth(1.2).fillAndStroke('#ffffff', C.target);
  };
  for (const m of chart.milestones) {
    diamond(sx(m.year), sy(m.value), 4, false);
    out.font(false, 7, C.target).text(withUnit(m.value, chart.unit, lang), sx(m.year) + 6, sy(m.value) - 4, { lineBreak: false });
  }
  if (chart.target) {
    const tx = sx(chart.target.year);
    const ty = sy(chart.target.value);
    diamond(tx, ty, 5, true);
    const label = `${w.legendTarget} ${withUnit(chart.target.value, chart.unit, lang)}`;
    out.font(true, 7.5, C.target);
    const lw = doc.widthOfString(label);
    // Left of the marker when later years are drawn to its right (or the label would leave the chart).
    const targetYear = chart.target.year;
    const later = [...chart.observed, ...chart.projection].some((p) => p.year > targetYear);
    const lx = later || tx + 8 + lw > right ? tx - 8 - lw : tx + 8;
    doc.text(label, lx, ty - 12, { lineBreak: false });
  }
  doc.restore();
  // Frame.
  doc.moveTo(left, top).lineTo(left, bottom).lineWidth(0.6).strokeColor(C.faint).stroke();
}

export function legend(out: Writer, chart: ChartModel, y: number): number {
  const { doc, w } = out;
  let x = MARGIN.left + 46;
  const item = (draw: (x: number, y: number) => void, label: string) => {
    out.font(false, 7.5, C.muted);
    const lw = doc.widthOfString(label);
    if (x + 22 + lw > MARGIN.left + WIDTH) {
      x = MARGIN.left + 46;
      y += 12;
    }
    draw(x, y + 4.5);
    out.font(false, 7.5, C.muted).text(label, x + 20, y, { lineBreak: false });
    x += 20 + lw + 14;
  };
  // A legend's line sample: 14 points long, solid or dashed ([dash, space]).
  const legendLine = (lx: number, ly: number, width: number, color: string, dash?: [number, number]) => {
    if (dash) doc.dash(dash[0], { space: dash[1] });
    doc
      .moveTo(lx, ly)
      .lineTo(lx + 14, ly)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
    if (dash) doc.undash();
  };
  const hasSample = chart.observed.some((p) => p.isSample);
  const hasPublished = chart.observed.some((p) => !p.isSample);
  if (hasPublished || chart.observed.length === 0)
    item(
      (lx, ly) => {
        doc
          .moveTo(lx, ly)
          .lineTo(lx + 14, ly)
          .lineWidth(2)
          .strokeColor(C.observed)
          .stroke();
        doc.circle(lx + 7, ly, 2.6).fill(C.observed);
      },
      chart.observedKind === 'running_total' ? w.legendRunning : w.legendObserved,
    );
  if (hasSample)
    item(
      (lx, ly) => {
        doc
          .moveTo(lx, ly)
          .lineTo(lx + 14, ly)
          .lineWidth(2)
          .strokeColor(C.observed)
          .stroke();
        doc
          .circle(lx + 7, ly, 2.6)
          .lineWidth(1.2)
          .fillAndStroke('#ffffff', C.observed);
      },
      (chart.observedKind === 'running_total' ? w.legendRunning : w.legendObserved) + w.paren(w.legendSample),
    );
  if (chart.required.length > 1) item((lx, ly) => legendLine(lx, ly, 1.6, C.required), w.legendRequired);
  if (chart.projection.length > 1) item((lx, ly) => legendLine(lx, ly, 1.4, C.projection, [4, 3]), w.legendProjection);
  if (chart.benchmark.length > 0)
    item((lx, ly) => {
      legendLine(lx, ly, 1.2, C.benchmark);
      doc.rect(lx + 5, ly - 2, 4, 4).fill(C.benchmark);
    }, w.legendBenchmark(chart.benchmarkRegionName));
  if (chart.target)
    item((lx, ly) => {
      doc.polygon([lx + 7, ly - 4.5], [lx + 11.5, ly], [lx + 7, ly + 4.5], [lx + 2.5, ly]).fill(C.target);
    }, w.legendTarget);
  if (chart.milestones.length > 0)
    item((lx, ly) => {
      doc
        .polygon([lx + 7, ly - 4], [lx + 11, ly], [lx + 7, ly + 4], [lx + 3, ly])
        .lineWidth(1.2)
        .fillAndStroke('#ffffff', C.target);
    }, w.legendMilestone);
  if (chart.perYear !== null) item((lx, ly) => legendLine(lx, ly, 1.2, C.target, [2, 2]), w.legendPerYear);
  if (chart.band)
    item((lx, ly) => {
      doc
        .rect(lx + 3, ly - 4, 8, 8)
        .lineWidth(0.8)
        .strokeColor(C.target)
        .stroke();
    }, w.legendTarget);
  return y + 12;
}
