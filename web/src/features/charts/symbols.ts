/**
 * The marks the charts draw, as SVG path data and plain attributes (no CSS classes), so that the
 * exported SVG and PNG look exactly like the chart on screen. Pure: the components and the export
 * both draw from here.
 */
import {
  CHART_DASH,
  CHART_PALETTE,
  type LegendSymbol,
  MARK_SHAPE,
  type MarkerShape,
  markerPath,
} from '../../../../server/src/reports/chartStyle.js';

// The target chart's colours, dashes and shapes are the PDF's too (server/src/reports/chartStyle.ts).
export { MARK_SHAPE, type MarkerShape, markerPath };
export const PALETTE = CHART_PALETTE;
export const DASH = CHART_DASH;

/** Lines of compared series: colour, dash and a label at the line's end tell them apart. */
export const SERIES_STYLES: readonly { stroke: string; dash: string | undefined }[] = [
  { stroke: '#143f6b', dash: undefined },
  { stroke: '#b45309', dash: '8 4' },
  { stroke: '#6d28d9', dash: '2 3' },
  { stroke: '#0f766e', dash: '10 3 2 3' },
  { stroke: '#be185d', dash: '4 2' },
  { stroke: '#4d7c0f', dash: '12 4' },
];

export function seriesStyle(index: number): { stroke: string; dash: string | undefined } {
  return SERIES_STYLES[index % SERIES_STYLES.length] as { stroke: string; dash: string | undefined };
}

export type { LegendItem, LegendSymbol } from '../../../../server/src/reports/chartStyle.js';

/** The legend symbol as SVG markup in a 28 × 14 box (the HTML legend and the export draw the same). */
export function symbolMarkup(symbol: LegendSymbol, x = 0, y = 0): string {
  const cx = x + 14;
  const cy = y + 7;
  switch (symbol.kind) {
    case 'line': {
      const dash = symbol.dash ? ` stroke-dasharray="${symbol.dash}"` : '';
      const line = `<path d="M${x + 1} ${cy}H${x + 27}" stroke="${symbol.stroke}" stroke-width="${symbol.width ?? 2}" fill="none"${dash}/>`;
      const marker = symbol.marker
        ? `<path d="${markerPath(symbol.marker, cx, cy, 3.5)}" fill="${symbol.stroke}" stroke="${symbol.stroke}" stroke-width="1.5"/>`
        : '';
      return line + marker;
    }
    case 'marker':
      return `<path d="${markerPath(symbol.shape, cx, cy, 4.5)}" fill="${symbol.hollow ? PALETTE.surface : symbol.color}" stroke="${symbol.color}" stroke-width="1.75"/>`;
    case 'area':
      return `<rect x="${x + 2}" y="${y + 2}" width="24" height="10" rx="2" fill="${symbol.fill}" fill-opacity="${symbol.opacity}"/>`;
  }
}
