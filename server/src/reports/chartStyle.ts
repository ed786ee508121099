// The visual language of a target's chart, one for the web and the PDF: the colours, dash patterns,
// marker shapes, opacities and stroke widths of the figures, the required path, the projection and
// its band, the benchmark, the target and milestones, and the shaded sample years; and the symbol of
// each legend entry. The web's chart (web/src/features/charts/symbols.ts) and the PDF's
// (pdf/chart.ts) both draw from here, so a leader who has seen one reads the other. Pure constants
// and functions with no imports: the web bundles this file as it is.

export type MarkerShape = 'circle' | 'triangle' | 'square' | 'diamond' | 'star';

/** How a figure's point is drawn: by its vintage (the web's chartData.ts names the same three). */
export type PointMark = 'final' | 'preliminary' | 'revised';

/** Colours of the series; each also differs by dash pattern or shape, never by colour alone. */
export const CHART_PALETTE = {
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

/**
 * Dash patterns in SVG's notation (dash, gap, …): the observed figures solid, the required path
 * dotted, the projection dashed, the benchmark dash-dot, the target's level short dashes.
 */
export const CHART_DASH = {
  observed: undefined,
  required: '2 4',
  projection: '7 4',
  benchmark: '9 3 2 3',
  target: '4 3',
} as const;

/** A dash pattern as numbers, for a drawing API that takes an array (pdfkit). */
export function dashArray(dash: string): number[] {
  return dash.split(' ').map(Number);
}

/** Line widths on screen, in CSS pixels (the PDF scales them with its chart). */
export const CHART_STROKE = {
  observed: 2.5,
  required: 2,
  projection: 2.25,
  benchmark: 2,
  target: 1.25,
  marker: 1.75,
} as const;

export const CHART_OPACITY = {
  /** the projection's band */
  band: 0.16,
  /** the shading of the years whose figures are sample data */
  sampleShade: 0.55,
} as const;

/** The shape of each vintage's point: a sample figure's point is hollow, whatever its shape. */
export const MARK_SHAPE: Record<PointMark, MarkerShape> = {
  final: 'circle',
  preliminary: 'triangle',
  revised: 'square',
};

/** The target's point (and a range's two bounds) is a star; a milestone a diamond, filled once met. */
export const GOAL_SHAPE = { target: 'star', milestone: 'diamond' } as const satisfies Record<string, MarkerShape>;

/** A figure's mark from its vintage and how often it was revised. */
export function pointMark(o: { vintage: string; revisionCount: number }): PointMark {
  if (o.vintage === 'preliminary') return 'preliminary';
  if (o.vintage === 'revised' || o.revisionCount > 1) return 'revised';
  return 'final';
}

/**
 * How much the projection's band widens per year ahead of the latest figure, as a share of the
 * projected value. The engine gives a projection, not an interval; the band is an honest reminder
 * that the further the projection reaches, the less it is worth: ±5% per year ahead (four years
 * ahead: ±20%), doubled when the outlook rests on two or three figures only.
 */
export const BAND_WIDENING = { normal: 0.05, low_confidence: 0.1 } as const;

export interface BandPoint {
  year: number;
  low: number;
  high: number;
}

/** Rounds away binary noise (0.1 + 0.2), as the web's chartData.ts does. */
const round = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * The band around the projection. Its first point is the latest figure itself (width 0); each later
 * year widens by the rate above. Quantities that cannot be negative (counts, shares, money: all the
 * values are ≥ 0) keep the band's lower edge at 0 or above.
 */
export function projectionBand(
  projection: readonly { year: number; value: number }[],
  confidence: 'normal' | 'low_confidence' | null,
): BandPoint[] {
  const first = projection[0];
  if (!first) return [];
  const rate = BAND_WIDENING[confidence === 'low_confidence' ? 'low_confidence' : 'normal'];
  const nonNegative = projection.every((p) => p.value >= 0);
  return projection.map((p) => {
    const half = Math.abs(p.value) * rate * (p.year - first.year);
    const low = p.value - half;
    return { year: p.year, low: round(nonNegative ? Math.max(0, low) : low), high: round(p.value + half) };
  });
}

/** The runs of consecutive years whose figures are sample data, to shade behind the chart. */
export function sampleSpans(points: readonly { year: number; isSample: boolean }[]): { from: number; to: number }[] {
  const years = points
    .filter((p) => p.isSample)
    .map((p) => p.year)
    .sort((a, b) => a - b);
  const spans: { from: number; to: number }[] = [];
  for (const year of years) {
    const last = spans.at(-1);
    if (last && year === last.to + 1) last.to = year;
    else spans.push({ from: year, to: year });
  }
  return spans;
}

/* ---------- Markers ---------- */

function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The outline of a marker of half-size `r` centred on (cx, cy), as SVG path data (pdfkit draws it too). */
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

/* ---------- The legend ---------- */

/** What a legend entry shows: a stretch of line, a marker, or a patch of the band. */
export type LegendSymbol =
  | { kind: 'line'; stroke: string; dash?: string | undefined; width?: number; marker?: MarkerShape }
  | { kind: 'marker'; shape: MarkerShape; color: string; hollow?: boolean }
  | { kind: 'area'; fill: string; opacity: number };

/** The entries a target chart's legend may have, in the order both legends list them. */
export const LEGEND_ORDER = [
  'observed',
  'preliminary',
  'revised',
  'sample',
  'required',
  'projection',
  'band',
  'target',
  'range',
  'milestone',
  'benchmark',
] as const;

export type LegendId = (typeof LEGEND_ORDER)[number];

export interface LegendItem {
  id: string;
  label: string;
  symbol: LegendSymbol;
}

const P = CHART_PALETTE;

/** The symbol of each legend entry: the same stroke, dash and shape as the chart draws. */
export const LEGEND_SYMBOL: Record<LegendId, LegendSymbol> = {
  observed: { kind: 'line', stroke: P.observed, width: CHART_STROKE.observed, marker: MARK_SHAPE.final },
  preliminary: { kind: 'marker', shape: MARK_SHAPE.preliminary, color: P.observed },
  revised: { kind: 'marker', shape: MARK_SHAPE.revised, color: P.observed },
  sample: { kind: 'marker', shape: MARK_SHAPE.final, color: P.observed, hollow: true },
  required: { kind: 'line', stroke: P.required, dash: CHART_DASH.required, width: CHART_STROKE.required },
  projection: { kind: 'line', stroke: P.projection, dash: CHART_DASH.projection, width: 2 },
  band: { kind: 'area', fill: P.band, opacity: CHART_OPACITY.band },
  target: { kind: 'marker', shape: GOAL_SHAPE.target, color: P.target },
  range: { kind: 'marker', shape: GOAL_SHAPE.target, color: P.target },
  milestone: { kind: 'marker', shape: GOAL_SHAPE.milestone, color: P.milestone },
  benchmark: { kind: 'line', stroke: P.benchmark, dash: CHART_DASH.benchmark, width: CHART_STROKE.benchmark, marker: 'square' },
};

/** What is on a chart, entry by entry; the legend lists exactly these, in LEGEND_ORDER. */
export type LegendPresence = Record<Exclude<LegendId, 'band' | 'benchmark'>, boolean> & { benchmark: boolean };

/** The legend's entries for what is present, labelled by `label` (the web's i18n, the PDF's words). */
export function legendItems(presence: LegendPresence, label: (id: LegendId) => string): LegendItem[] {
  const present = (id: LegendId): boolean => (id === 'band' ? presence.projection : presence[id]);
  return LEGEND_ORDER.filter(present).map((id) => ({ id, label: label(id), symbol: LEGEND_SYMBOL[id] }));
}
