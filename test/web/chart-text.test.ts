import { describe, expect, it } from 'vitest';
import {
  buildTargetRows,
  type GoalMarker,
  observedSeries,
  type SeriesObservation,
  type TargetChartRow,
} from '../../web/src/features/charts/chartData.js';
import { composeExportSvg, escapeXml, exportFileName, textWidth, wrapText } from '../../web/src/features/charts/chartExport.js';
import { sparkline } from '../../web/src/features/charts/sparkline.js';
import { markerPath, symbolMarkup } from '../../web/src/features/charts/symbols.js';
import {
  chartSubtitle,
  describeChartRow,
  describeCompareRow,
  describeDataGaps,
  describeMissingYears,
  formatDerived,
  pointNotes,
  pointSource,
  roundDerived,
  sourceLine,
  targetLegend,
  targetLegendItems,
} from '../../web/src/format/chartText.js';

const zh = 'zh-CN' as const;
const en = 'en' as const;

function obs(year: number, value: number | null, extra: Partial<SeriesObservation> = {}): SeriesObservation {
  return {
    year,
    value,
    vintage: 'final',
    isSample: false,
    revisionCount: 1,
    sourceTitle: `公报${year}`,
    sourceUrl: null,
    ...extra,
  };
}

describe('years without data, in words', () => {
  it('says from which year the figures stop', () => {
    expect(describeDataGaps([2014, 2015, 2016, 2017, 2018], 2014, 2021, zh)).toBe('2019年起无数据');
    expect(describeDataGaps([2014, 2015, 2016, 2017, 2018], 2014, 2021, en)).toBe('No figures from 2019 onwards');
    expect(describeDataGaps([2020], 2020, 2021, zh)).toBe('2021年起无数据');
  });

  it('names the holes, and both when both happen', () => {
    expect(describeDataGaps([2014, 2017, 2018], 2014, 2018, zh)).toBe('缺2015、2016年数据');
    expect(describeDataGaps([2014, 2017, 2018], 2014, 2018, en)).toBe('No figures for 2015, 2016');
    expect(describeDataGaps([2014, 2016], 2014, 2019, zh)).toBe('缺2015年数据；2017年起无数据');
    expect(describeDataGaps([2014, 2016], 2014, 2019, en)).toBe('No figures for 2015; no figures from 2017 onwards');
    expect(describeMissingYears([2010, 2011, 2012, 2015], 2010, 2016, zh)).toBe('缺2010–2012、2015年数据');
  });

  it('says when there is nothing at all, and nothing when nothing is missing', () => {
    expect(describeDataGaps([], 2014, 2020, zh)).toBe('2014–2020年无数据');
    expect(describeDataGaps([], 2014, 2020, en)).toBe('No figures for 2014–2020');
    expect(describeDataGaps([], 2019, 2019, zh)).toBe('2019年无数据');
    expect(describeDataGaps([2019, 2020], 2019, 2020, zh)).toBeNull();
    expect(describeDataGaps([2019], 2021, 2020, zh)).toBeNull();
  });
});

describe('values and points in words', () => {
  it('rounds derived values to what they are worth', () => {
    expect([1.6985714285714284, 0.8971428571428571, 15.735570560966064, 261.47, 0, -0.004].map(roundDerived)).toEqual([
      1.7, 0.9, 15.7, 261, 0, 0,
    ]);
    expect(formatDerived(1.6985714285714284, '%', zh)).toBe('1.7%');
    expect(formatDerived(17500.4, '万元', zh)).toBe('1.75 亿元');
    expect(formatDerived(46.52511867377655, 'firms', en)).toBe('46.5 firms');
  });

  it('says what a point’s shape and fill say: sample, vintage, revisions', () => {
    expect(pointNotes({ isSample: true, vintage: 'final', revisionCount: 1 }, zh)).toEqual(['示例数据', '最终核实']);
    expect(pointNotes({ isSample: false, vintage: 'preliminary', revisionCount: 1 }, en)).toEqual(['Preliminary']);
    expect(pointNotes({ isSample: false, vintage: 'final', revisionCount: 2 }, zh)).toEqual(['最终核实', '已修订 1 次']);
    expect(pointNotes({ isSample: true, vintage: 'final', revisionCount: 1 }, en)).toEqual(['Sample', 'Final']);
  });

  it('gives each year’s tooltip: the figure with unit, vintage and source; the path; the projection and its range; the goal', () => {
    const rows = buildTargetRows({
      observed: observedSeries([obs(2017, 0.56, { isSample: true, sourceTitle: '示例数据 (sample, not published)' })]),
      requiredPath: [
        { year: 2017, value: 1.6985714285714284 },
        { year: 2020, value: 2.5 },
      ],
      projection: [
        { year: 2017, value: 0.56 },
        { year: 2020, value: 0.5 },
      ],
      band: [
        { year: 2017, low: 0.56, high: 0.56 },
        { year: 2020, low: 0.45, high: 0.55 },
      ],
      benchmark: observedSeries([obs(2017, 2.13, { revisionCount: 2, sourceTitle: '2017年全国科技经费投入统计公报' })]),
    });
    const markers: GoalMarker[] = [{ kind: 'target', year: 2020, value: 2.5, status: null }];
    const first = rows[0] as TargetChartRow;
    expect(describeChartRow(first, markers, '%', zh, '全国')).toEqual({
      title: '2017年',
      lines: [
        {
          key: 'observed',
          label: '实际',
          value: '0.56%',
          notes: ['示例数据', '最终核实'],
          source: '示例数据（演示用，并非公开发布）',
        },
        { key: 'required', label: '要求路径', value: '1.7%', notes: [], source: null },
        {
          key: 'benchmark',
          label: '全国',
          value: '2.13%',
          notes: ['最终核实', '已修订 1 次'],
          source: '2017年全国科技经费投入统计公报',
        },
      ],
    });
    const last = rows.at(-1) as TargetChartRow;
    expect(describeChartRow(last, markers, '%', en, 'China')).toEqual({
      title: '2020',
      lines: [
        { key: 'required', label: 'Required path', value: '2.5%', notes: [], source: null },
        { key: 'projection', label: 'Projection', value: '0.5%', notes: ['range 0.45%–0.55%'], source: null },
        { key: 'target', label: 'Target', value: '2.5%', notes: [], source: null },
      ],
    });
    const unpublished = buildTargetRows({
      observed: observedSeries([obs(2016, null, { published: false })]),
      requiredPath: [],
      projection: [],
      band: [],
    })[0] as TargetChartRow;
    expect(describeChartRow(unpublished, [], '件', zh, null).lines).toEqual([
      { key: 'observed', label: '实际', value: '未公布', notes: [], source: null },
    ]);
  });

  it('gives a comparison’s tooltip, region by region', () => {
    const row = {
      year: 2020,
      values: { a: 2.4, b: null },
      points: { a: observedSeries([obs(2020, 2.4, { vintage: 'preliminary' })]).points[0] ?? null, b: null },
    };
    expect(
      describeCompareRow(
        row,
        [
          { key: 'a', label: '全国' },
          { key: 'b', label: '吕梁市' },
        ],
        '%',
        zh,
      ),
    ).toEqual({
      title: '2020年',
      lines: [
        { key: 'series', label: '全国', value: '2.4%', notes: ['初步核算'], source: '公报2020' },
        { key: 'series', label: '吕梁市', value: '—', notes: [], source: null },
      ],
    });
  });
});

describe('source lines, subtitles and legends', () => {
  it('names each published source once, and sample figures as such', () => {
    const points = [
      { isSample: true, sourceTitle: '示例数据 (sample, not published)' },
      { isSample: false, sourceTitle: '2017年山西省科技经费投入统计公报' },
      { isSample: false, sourceTitle: '2017年山西省科技经费投入统计公报' },
      { isSample: false, sourceTitle: '2021年山西省科技经费投入统计公报' },
    ];
    expect(sourceLine(points, zh)).toBe(
      '来源：2017年山西省科技经费投入统计公报；2021年山西省科技经费投入统计公报；示例数据（演示用，并非公开发布）',
    );
    expect(sourceLine(points, en)).toBe(
      'Source: 2017年山西省科技经费投入统计公报; 2021年山西省科技经费投入统计公报; sample data (illustrative, not published)',
    );
    const many = ['A', 'B', 'C', 'D', 'E'].map((sourceTitle) => ({ isSample: false, sourceTitle }));
    expect(sourceLine(many, zh)).toBe('来源：A；B；C；等 2 项来源');
    expect(sourceLine([], zh)).toBe('');
    // A tooltip names a sample figure's source in the page's language only, whatever the stored title.
    expect(pointSource(points[0] as (typeof points)[number], zh)).toBe('示例数据（演示用，并非公开发布）');
    expect(pointSource(points[0] as (typeof points)[number], en)).toBe('sample data (illustrative, not published)');
    expect(pointSource(points[1] as (typeof points)[number], zh)).toBe('2017年山西省科技经费投入统计公报');
  });

  it('writes the unit, any note and the as-of year under the title', () => {
    expect(chartSubtitle('%', 2017, zh, ['目标：2020年达到 ≥ 2.5%'])).toBe('单位：% · 目标：2020年达到 ≥ 2.5% · 数据截至2017年');
    expect(chartSubtitle('firms', null, en)).toBe('Unit: firms');
  });

  it('lists only what the chart shows', () => {
    const rows = buildTargetRows({
      observed: observedSeries([obs(2019, 1, { isSample: true }), obs(2020, 2, { vintage: 'preliminary' })]),
      requiredPath: [{ year: 2020, value: 3 }],
      projection: [],
      band: [],
    });
    const markers: GoalMarker[] = [
      { kind: 'milestone', year: 2019, value: 2, status: 'missed' },
      { kind: 'target', year: 2020, value: 3, status: null },
    ];
    const presence = targetLegend(rows, markers, '全国');
    expect(presence).toEqual({
      observed: true,
      preliminary: true,
      revised: false,
      sample: true,
      required: true,
      projection: false,
      target: true,
      range: false,
      milestone: true,
      // No benchmark figure is drawn, so the benchmark is not in the legend.
      benchmarkName: null,
    });
    expect(targetLegendItems(presence, zh).map((i) => [i.id, i.label])).toEqual([
      ['observed', '实际值'],
      ['preliminary', '初步核算'],
      ['sample', '示例数据（空心）'],
      ['required', '要求路径'],
      ['target', '目标'],
      ['milestone', '阶段目标'],
    ]);
    const withProjection = { ...presence, projection: true, revised: true, benchmarkName: 'China (national)' };
    expect(targetLegendItems(withProjection, en).map((i) => i.label)).toEqual([
      'Observed',
      'Preliminary',
      'Revised',
      'Sample data (hollow)',
      'Required path',
      'Projection at the current trend',
      'Projection range',
      'Target',
      'Milestone',
      'China (national) (benchmark)',
    ]);
  });
});

describe('marker shapes', () => {
  it('draws each shape around its centre', () => {
    expect(markerPath('square', 10, 10, 5)).toBe('M5.5 5.5H14.5V14.5H5.5Z');
    expect(markerPath('diamond', 10, 10, 5)).toBe('M10 3.5L16.5 10L10 16.5L3.5 10Z');
    expect(markerPath('circle', 10, 10, 5)).toBe('M5 10a5 5 0 1 0 10 0a5 5 0 1 0 -10 0Z');
    expect(markerPath('triangle', 10, 10, 5)).toBe('M10 4.25L15.75 14.6L4.25 14.6Z');
    expect(markerPath('star', 0, 0, 2).startsWith('M0 -3L')).toBe(true);
    expect(symbolMarkup({ kind: 'marker', shape: 'circle', color: '#143f6b', hollow: true })).toContain('fill="#ffffff"');
  });
});

describe('the overview’s sparkline', () => {
  it('spans the figures and the target, from zero', () => {
    const line = sparkline(
      [
        { year: 2013, value: 0 },
        { year: 2015, value: 10, isSample: true },
      ],
      { year: 2017, value: 20 },
      240,
      56,
      5,
    );
    expect(line.path).toBe('M5 51L120 28');
    expect(line.points.map((p) => [p.x, p.y, p.isSample])).toEqual([
      [5, 51, false],
      [120, 28, true],
    ]);
    expect(line.target).toEqual({ x: 235, y: 5 });
    expect(line.targetY).toBe(5);
    expect(sparkline([], null).points).toEqual([]);
  });
});

describe('the exported image', () => {
  const chart = {
    markup: '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="380"><path d="M0 0"/></svg>',
    width: 800,
    height: 380,
  };

  it('carries the title, units, legend, source and the sample label around the chart', () => {
    const picture = composeExportSvg({
      chart,
      title: '吕梁市R&D经费投入强度',
      subtitle: '单位：% · 目标：2020年达到 ≥ 2.5%',
      legend: [{ id: 'observed', label: '实际值', symbol: { kind: 'line', stroke: '#143f6b', marker: 'circle' } }],
      source: '来源：示例数据（演示用，并非公开发布）',
      sampleLabel: '含示例数据：空心点为演示用数字，并非公开发布的数据',
      credit: '进度 Jindu',
    });
    expect(picture.svg.startsWith('<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(picture.svg).toContain('<title>吕梁市R&amp;D经费投入强度</title>');
    expect(picture.svg).toContain('>吕梁市R&amp;D经费投入强度</text>');
    expect(picture.svg).toContain('单位：% · 目标：2020年达到 ≥ 2.5%');
    expect(picture.svg).toContain('data-export="sample"');
    expect(picture.svg).toContain('含示例数据：空心点为演示用数字，并非公开发布的数据');
    expect(picture.svg).toContain('来源：示例数据（演示用，并非公开发布）');
    expect(picture.svg).toContain('data-legend="observed"');
    expect(picture.svg).toContain(chart.markup);
    expect(picture.width).toBe(800);
    expect(picture.height).toBeGreaterThan(380 + 100);
    expect(picture.svg.endsWith('</svg>')).toBe(true);
  });

  it('has no sample label when no figure is a sample', () => {
    const picture = composeExportSvg({
      chart,
      title: 'R&D intensity',
      subtitle: '',
      legend: [],
      source: '',
      sampleLabel: null,
      credit: 'Jindu',
    });
    expect(picture.svg).not.toContain('data-export="sample"');
    expect(picture.svg).toContain('>R&amp;D intensity</text>');
  });

  it('escapes text, measures and wraps it, and names the file', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(textWidth('吕梁', 10)).toBe(20);
    expect(textWidth('ab c', 10)).toBeCloseTo(20.4, 6);
    expect(wrapText('吕梁市科技经费投入统计公报', 50, 10)).toEqual(['吕梁市科技', '经费投入统', '计公报']);
    expect(wrapText('Source: the national bulletin of 2017', 100, 10)).toEqual(['Source: the', 'national bulletin', 'of 2017']);
    expect(exportFileName('吕梁市R&D经费投入强度', 'png')).toBe('吕梁市R-D经费投入强度.png');
    expect(exportFileName('R&D intensity: Lüliang, Shanxi', 'svg')).toBe('R-D-intensity-Lüliang-Shanxi.svg');
    expect(exportFileName('***', 'svg')).toBe('chart.svg');
  });
});
