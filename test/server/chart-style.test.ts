import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../server/src/db/setup.js';
import {
  CHART_DASH,
  CHART_OPACITY,
  CHART_PALETTE,
  dashArray,
  LEGEND_ORDER,
  MARK_SHAPE,
} from '../../server/src/reports/chartStyle.js';
import type { ChartModel, ReportModel } from '../../server/src/reports/model.js';
import { buildReportModel } from '../../server/src/reports/model.js';
import { drawChart, legend, PX, pdfLegendItems } from '../../server/src/reports/pdf/chart.js';
import { Writer } from '../../server/src/reports/pdf/drawing.js';
import { T } from '../../server/src/reports/words.js';
import { createRepositories, type Repositories } from '../../server/src/repositories/index.js';
import { createProgressService } from '../../server/src/services/progress.js';
import {
  BAND_WIDENING as WEB_BAND_WIDENING,
  projectionBand as webProjectionBand,
} from '../../web/src/features/charts/chartData.js';
import { DASH, PALETTE, MARK_SHAPE as WEB_MARK_SHAPE } from '../../web/src/features/charts/symbols.js';
import { chartPhrases, type TargetLegendPresence, targetLegendItems } from '../../web/src/format/chartText.js';
import type { Lang as WebLang } from '../../web/src/i18n/lang.js';
import { tempDbPath } from '../helpers/db.js';

// One visual language for a target's path and goal, on the web and in the PDF: the same colours,
// dashes, shapes and legend words. Both take their constants from server/src/reports/chartStyle.ts;
// these tests hold the web to those constants, the PDF's legend to the web's (entries, words,
// symbols), and the PDF's drawing to the constants, by recording what it draws.

const LANGS: ['zh' | 'en', WebLang][] = [
  ['zh', 'zh-CN'],
  ['en', 'en'],
];

describe('the shared chart style', () => {
  it('is what the web draws with: palette, dashes, vintage shapes and the projection band', () => {
    expect(PALETTE).toBe(CHART_PALETTE);
    expect(DASH).toBe(CHART_DASH);
    expect(WEB_MARK_SHAPE).toBe(MARK_SHAPE);
    expect(WEB_BAND_WIDENING.normal).toBe(0.05);
    expect(
      webProjectionBand(
        [
          { year: 2020, value: 10 },
          { year: 2022, value: 12 },
        ],
        'normal',
      ),
    ).toEqual([
      { year: 2020, low: 10, high: 10 },
      { year: 2022, low: 10.8, high: 13.2 },
    ]);
  });
});

/** A chart with every kind of entry. */
const FULL: ChartModel = {
  unit: '%',
  observedKind: 'figures',
  observed: [
    { year: 2016, value: 1, isSample: true, mark: 'final' },
    { year: 2017, value: 1.2, isSample: false, mark: 'revised' },
    { year: 2018, value: 1.3, isSample: false, mark: 'preliminary' },
  ],
  required: [
    { year: 2016, value: 1 },
    { year: 2020, value: 2 },
  ],
  projection: [
    { year: 2018, value: 1.3 },
    { year: 2020, value: 1.5 },
  ],
  projectionBand: [
    { year: 2018, low: 1.3, high: 1.3 },
    { year: 2020, low: 1.35, high: 1.65 },
  ],
  benchmark: [{ year: 2017, value: 1.4, isSample: false, mark: 'final' }],
  benchmarkRegionName: '山西省',
  target: { year: 2020, value: 2 },
  band: { year: 2020, min: 1.8, max: 2.2 },
  targetLine: 2,
  milestones: [{ year: 2018, value: 1.5, achieved: false }],
};

const ALL: TargetLegendPresence = {
  observed: true,
  preliminary: true,
  revised: true,
  sample: true,
  required: true,
  projection: true,
  target: true,
  range: true,
  milestone: true,
  benchmarkName: '山西省',
};

describe("the PDF chart's legend", () => {
  it('has the web legend’s entries, words and symbols, in both languages', () => {
    for (const [lang, webLang] of LANGS) {
      const pdf = pdfLegendItems(FULL, T[lang]);
      const web = targetLegendItems(ALL, webLang);
      expect(pdf.map((i) => i.id)).toEqual([...LEGEND_ORDER]);
      expect(pdf).toEqual(web);
      // The words themselves: the web's resource file, word for word.
      const phrases = chartPhrases(webLang);
      expect(pdf.find((i) => i.id === 'required')?.label).toBe(phrases.legend.required);
      expect(pdf.find((i) => i.id === 'benchmark')?.label).toBe(phrases.legend.benchmark.replace('{{region}}', '山西省'));
      expect(T[lang].sampleShade).toBe(phrases.sampleLabel);
    }
    expect(pdfLegendItems(FULL, T.zh).map((i) => i.label)).toEqual([
      '实际值',
      '初步核算',
      '已修订',
      '示例数据（空心）',
      '要求路径',
      '按目前趋势预测',
      '预测区间',
      '目标',
      '目标区间（上下限）',
      '阶段目标',
      '山西省（对标）',
    ]);
  });

  it('lists only what the chart shows, as the web does', () => {
    const bare: ChartModel = {
      ...FULL,
      observed: FULL.observed.map((p) => ({ ...p, isSample: false, mark: 'final' as const })),
      projection: [],
      projectionBand: [],
      benchmark: [],
      band: null,
      milestones: [],
    };
    const presence: TargetLegendPresence = {
      ...ALL,
      preliminary: false,
      revised: false,
      sample: false,
      projection: false,
      range: false,
      milestone: false,
      benchmarkName: null,
    };
    for (const [lang, webLang] of LANGS) expect(pdfLegendItems(bare, T[lang])).toEqual(targetLegendItems(presence, webLang));
    expect(pdfLegendItems(bare, T.en).map((i) => i.id)).toEqual(['observed', 'required', 'target']);
  });
});

// ---------------------------------------------------------------------------------------------
// What the PDF draws, recorded call by call on the real pdfkit document.

let repos: Repositories;
let cleanup: () => void;
beforeAll(() => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  repos = createRepositories(prepareDatabase(tmp.dbPath).db);
});
afterAll(() => {
  repos.db.close();
  cleanup();
});

function model(lang: 'zh' | 'en'): ReportModel {
  const plan = repos.plans.find('lvliang-2014-2020');
  if (!plan) throw new Error('no plan');
  return buildReportModel({ repos, progress: createProgressService(repos) }, { plan, asOf: null, lang });
}

interface Drawn {
  strokes: string[];
  fills: { color: string; opacity: number }[];
  dashes: number[][];
  paths: string[];
  texts: string[];
}

/** Draws a chart and its legend, recording the strokes, fills (with their opacity), dashes, paths and texts. */
function record(chart: ChartModel, lang: 'zh' | 'en'): Drawn {
  const out = new Writer(model(lang), lang);
  out.newPage();
  const doc = out.doc as unknown as Record<string, (...args: unknown[]) => unknown>;
  const drawn: Drawn = { strokes: [], fills: [], dashes: [], paths: [], texts: [] };
  let opacity = 1;
  let fillColor = '';
  const spy = (name: string, note: (...args: unknown[]) => void) => {
    const original = (doc[name] as (...args: unknown[]) => unknown).bind(doc);
    doc[name] = (...args: unknown[]) => {
      note(...args);
      return original(...args);
    };
  };
  spy('strokeColor', (c) => drawn.strokes.push(String(c)));
  // pdfkit's fillColor calls fillOpacity without a value, which leaves the opacity as it was.
  spy('fillOpacity', (o) => {
    if (o !== undefined && o !== null) opacity = Number(o);
  });
  spy('fillColor', (c) => {
    fillColor = String(c);
  });
  spy('fill', (c) => drawn.fills.push({ color: c === undefined ? fillColor : String(c), opacity }));
  spy('fillAndStroke', () => drawn.fills.push({ color: fillColor, opacity }));
  spy('dash', (d) => drawn.dashes.push(d as number[]));
  spy('path', (p) => drawn.paths.push(String(p)));
  spy('text', (t) => drawn.texts.push(String(t)));
  // One-line labels are written by the Writer itself (pdf/content.ts), not through doc.text.
  const line = out.line.bind(out);
  out.line = (t: string, x: number, y: number) => {
    drawn.texts.push(t);
    return line(t, x, y);
  };
  drawChart(out, chart, 52, 100, 490, 200);
  legend(out, chart, 320);
  return drawn;
}

const scaled = (pattern: string) => dashArray(pattern).map((d) => d * PX);

describe("the PDF chart's drawing", () => {
  it('draws a seeded target (科技进步贡献率) with the shared colours, dashes, shapes, band and sample shading', () => {
    // The ≥ 60% target (the plan has a benchmark target on the same indicator too).
    const target = model('zh').detailed.find((t) => t.indicatorName === '科技进步贡献率' && t.chart?.target);
    const chart = target?.chart;
    if (!chart) throw new Error('no chart for 科技进步贡献率');
    // The seeded figures give this chart a projection with its band, sample years and a preliminary figure.
    expect(chart.projectionBand.length).toBeGreaterThan(1);
    expect(chart.observed.some((p) => p.isSample)).toBe(true);
    expect(chart.observed.some((p) => p.mark === 'preliminary')).toBe(true);
    const drawn = record(chart, 'zh');

    // Dashes: the required path dotted, the projection dashed, the target's level, all the web's patterns.
    for (const pattern of [CHART_DASH.required, CHART_DASH.projection, CHART_DASH.target])
      expect(drawn.dashes).toContainEqual(scaled(pattern));
    // Every stroke is a colour of the shared palette.
    const palette = new Set<string>(Object.values(CHART_PALETTE));
    expect(drawn.strokes.filter((c) => !palette.has(c))).toEqual([]);
    for (const c of [CHART_PALETTE.observed, CHART_PALETTE.required, CHART_PALETTE.projection, CHART_PALETTE.target])
      expect(drawn.strokes).toContain(c);
    // The sample years shaded and labelled; the projection's band at the web's opacity.
    expect(drawn.fills).toContainEqual({ color: CHART_PALETTE.sampleSoft, opacity: CHART_OPACITY.sampleShade });
    expect(drawn.fills).toContainEqual({ color: CHART_PALETTE.band, opacity: CHART_OPACITY.band });
    expect(drawn.texts).toContain('示例数据');
    // Sample points hollow (filled with the surface), the target a filled star.
    expect(drawn.fills).toContainEqual({ color: CHART_PALETTE.surface, opacity: 1 });
    expect(drawn.fills).toContainEqual({ color: CHART_PALETTE.target, opacity: 1 });
    // The legend's words, the web's.
    for (const word of ['实际值', '初步核算', '示例数据（空心）', '要求路径', '按目前趋势预测', '预测区间', '目标'])
      expect(drawn.texts).toContain(word);
    expect(drawn.texts).not.toContain('观测值');
  });

  it('draws a benchmark dash-dot and a range as two target stars, in English too', () => {
    const drawn = record(FULL, 'en');
    expect(drawn.dashes).toContainEqual(scaled(CHART_DASH.benchmark));
    expect(drawn.strokes).toContain(CHART_PALETTE.benchmark);
    // A star for the target and one for each bound of the range (the legend adds two more).
    const stars = drawn.paths.filter((p) => (p.match(/L/g) ?? []).length === 9);
    expect(stars.length).toBe(3 + 2);
    expect(drawn.texts).toContain('Projection at the current trend');
    expect(drawn.texts).toContain('Target range (bounds)');
    expect(drawn.texts).toContain('山西省 (benchmark)');
  });
});
