/**
 * The marks the charts draw, as SVG path data and plain attributes (no CSS classes), so that the
 * exported SVG and PNG look exactly like the chart on screen. Pure: the components and the export
 * both draw from here.
 */
import type { PointMark } from './chartData.js';

export type MarkerShape = 'circle' | 'triangle' | 'square' | 'diamond' | 'star';

/** The shape of each vintage (see chartData.ts). */
export const MARK_SHAPE: Record<PointMark, MarkerShape> = {
  final: 'circle',
  preliminary: 'triangle',
  revised: 'square',
};

/** Colours of the series; each also differs by dash pattern or shape, never by colour alone. */
export const PALETTE = {
  observed: '#143f6b',
  required: '#5c6675',
  projection: '#1a56a0',
  band: '#1a56a0',
  target: '#b1261b',
  milestone: '#b1261b',
  benchmark: '#6d28d9',
  grid: '#e7eaef',
  axis: '#5c6675',
  text: '#1b2430',
  sample: '#8a5a00',
  sampleSoft: '#fff3d1',
  surface: '#ffffff',
} as const;

/** Dash patterns: observed solid, required path dotted, projection dashed, benchmark dash-dot. */
export const DASH = {
  observed: undefined,
  required: '2 4',
  projection: '7 4',
  benchmark: '9 3 2 3',
  target: '4 3',
} as const;

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

function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The outline of a marker of half-size `r` centred on (cx, cy), as SVG path data. */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r: number): string {
  switch (shape) {
    case 'circle':
      return `M${n(cx - r)} ${n(cy)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`;
    case 'triangle': {
      const h = r * 1.15;
      return `M${n(cx)} ${n(cy - h)}L${n(cx + h)} ${n(cy + h * 0.8)}L${n(cx - h)} ${n(cy + h * 0.8)}Z`;
    }
    case 'square': {
      const s = r * 0.9;
      return `M${n(cx - s)} ${n(cy - s)}H${n(cx + s)}V${n(cy + s)}H${n(cx - s)}Z`;
    }
    case 'diamond': {
      const d = r * 1.3;
      return `M${n(cx)} ${n(cy - d)}L${n(cx + d)} ${n(cy)}L${n(cx)} ${n(cy + d)}L${n(cx - d)} ${n(cy)}Z`;
    }
    case 'star': {
      const outer = r * 1.5;
      const inner = outer * 0.45;
      const parts: string[] = [];
      for (let i = 0; i < 10; i++) {
        const radius = i % 2 === 0 ? outer : inner;
        const angle = (Math.PI / 5) * i - Math.PI / 2;
        parts.push(`${i === 0 ? 'M' : 'L'}${n(cx + radius * Math.cos(angle))} ${n(cy + radius * Math.sin(angle))}`);
      }
      return `${parts.join('')}Z`;
    }
  }
}

/** What a legend entry shows: a stretch of line, a marker, or a patch of the band. */
export type LegendSymbol =
  | { kind: 'line'; stroke: string; dash?: string | undefined; width?: number; marker?: MarkerShape }
  | { kind: 'marker'; shape: MarkerShape; color: string; hollow?: boolean }
  | { kind: 'area'; fill: string; opacity: number };

export interface LegendItem {
  id: string;
  label: string;
  symbol: LegendSymbol;
}

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
