import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CheckedIndicator,
  checkFigure,
  comparedFigures,
  isCount,
  type StoredFigure,
} from '../../server/src/domain/figureChecks.js';
import { parseImportFile } from '../../server/src/domain/import/index.js';
import { type CurrentFigure, previewFigures } from '../../server/src/domain/preview.js';
import { seedCheckedIndicators, seedImportContext } from '../helpers/importContext.js';

// Every figure is checked by its indicator before it is written (issue 12, point 1). The minimal rows
// of the issue go through the real parser and the preview against the seed's indicators; the rest
// call the check itself. Expected values are worked out by hand from the figures written.

const indicators = seedCheckedIndicators();
const indicator = (code: string) => indicators.find((i) => i.code === code) as CheckedIndicator;
const published = (year: number, value: number | null): StoredFigure => ({ year, value, isSample: false });
const sample = (year: number, value: number): StoredFigure => ({ year, value, isSample: true });
const codes = (findings: { code: string; severity: string }[]) => findings.map((f) => [f.code, f.severity]);

describe('the minimal rows of issue 12, through the parser and the preview', () => {
  const ctx = seedImportContext();
  // Lüliang as the seed has it: R&D intensity 0.74% published for 2021, samples before; high-tech
  // firms 84 published (preliminary) for 2021, samples for 2018–2020.
  const stored = new Map<string, Map<number, CurrentFigure>>([
    [
      '141100/rd_intensity',
      new Map([
        [2020, { year: 2020, value: 0.71, published: true, vintage: 'final', isSample: true, revisionId: 1 }],
        [2021, { year: 2021, value: 0.74, published: true, vintage: 'final', isSample: false, revisionId: 2 }],
      ]),
    ],
    [
      '141100/high_tech_firms',
      new Map([
        [2020, { year: 2020, value: 62, published: true, vintage: 'final', isSample: true, revisionId: 3 }],
        [2021, { year: 2021, value: 84, published: true, vintage: 'preliminary', isSample: false, revisionId: 4 }],
        // A sample figure for 2022 (as the seed has for earlier years): never compared with.
        [2022, { year: 2022, value: 250, published: true, vintage: 'final', isSample: true, revisionId: 5 }],
      ]),
    ],
  ]);
  const preview = async (rows: string[]) => {
    const csv = ['地区代码,指标,年份,数值,单位,口径,来源', ...rows].join('\n');
    const parsed = await parseImportFile(new TextEncoder().encode(csv), 'issue12.csv', ctx);
    expect(parsed.fatal).toBeNull();
    expect(parsed.issues).toEqual([]);
    return previewFigures(parsed.figures, {
      current: (r, i) => stored.get(`${r}/${i}`) ?? new Map(),
      indicator: (code) => indicators.find((i) => i.code === code),
      canWriteRegion: () => true,
      regionName: (r) => r,
      defaultVintage: 'final',
      defaultSource: null,
    });
  };

  it('blocks `141100,高新技术企业,2022,-4,户,final,x`: a count below zero is an error, and the row gives no figure', async () => {
    const { rows, issues } = await preview(['141100,高新技术企业,2022,-4,户,final,x']);
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      {
        row: 2,
        column: 'D',
        sheet: null,
        value: '-4',
        severity: 'error',
        code: 'negative_value',
        message: {
          zh: '第2行D列：“高新技术企业数(年末)”是数量，不能为负数，填写的是 -4；请核对数值',
          en: 'Row 2, column D: “High-tech enterprises (nationally certified), at year end” is a quantity and cannot be negative (found -4); check the figure',
        },
      },
    ]);
  });

  it('blocks 40.5 firms and 118.45 firms: a count is a whole number', async () => {
    const { rows, issues } = await preview([
      '141100,高新技术企业,2022,40.5,户,final,x',
      '141100,高新技术企业,2023,118.45,家,final,x',
    ]);
    expect(rows).toEqual([]);
    expect(issues.map((i) => [i.row, i.code, i.severity, i.value])).toEqual([
      [2, 'fractional_count', 'error', '40.5'],
      [3, 'fractional_count', 'error', '118.45'],
    ]);
    expect(issues[1]?.message).toEqual({
      zh: '第3行D列：“高新技术企业数(年末)”以家计数，应为整数，填写的是 118.45；请核对数值和单位',
      en: 'Row 3, column D: “High-tech enterprises (nationally certified), at year end” counts whole firms, so it must be a whole number (found 118.45); check the figure and its unit',
    });
  });

  it('warns of an R&D intensity of 12%: above the indicator’s plausible maximum of 10%, and a jump from the published 0.74%', async () => {
    const { rows, issues } = await preview(['141100,R&D经费投入强度,2022,12,%,final,x']);
    expect(rows.map((r) => [r.row, r.status, r.value])).toEqual([[2, 'new', 12]]);
    expect(rows[0]?.warnings).toEqual([
      {
        code: 'implausible_jump',
        message: {
          zh: '第2行D列：12% 是2021年已公布的 0.74%的 16.2 倍；请核对数值和单位',
          en: 'Row 2, column D: 12% is 16.2× the published 2021 figure of 0.74%; check the figure and its unit',
        },
      },
      {
        code: 'outside_plausible_range',
        message: {
          zh: '第2行D列：12% 高于“R&D经费投入强度(R&D经费占地区生产总值比重)”的合理上限 10%，合理范围为 0–10%；请核对数值和单位',
          en: 'Row 2, column D: 12% is above the plausible maximum of 10% for “R&D intensity (R&D expenditure as a share of GDP)” (plausible range 0–10%); check the figure and its unit',
        },
      },
    ]);
    // The preview's issues list them too, as warnings (not errors: the file may be committed once they are acknowledged).
    expect(issues.map((i) => [i.code, i.severity])).toEqual([
      ['implausible_jump', 'warning'],
      ['outside_plausible_range', 'warning'],
    ]);
  });

  it('warns that 0.021 with unit % against the published 0.74% looks like a share typed as a fraction, naming 2.1', async () => {
    const { rows } = await preview(['141100,R&D经费投入强度,2022,0.021,%,final,x']);
    expect(rows[0]?.warnings).toEqual([
      {
        code: 'share_as_fraction',
        message: {
          zh: '第2行D列：0.021% 像是把比例填成了小数（对比2021年已公布的 0.74%）；若指 2.1%，请填写 2.1',
          en: 'Row 2, column D: 0.021% looks like a share typed as a fraction (compared with the published 2021 figure of 0.74%); if 2.1% is meant, write 2.1',
        },
      },
    ]);
  });

  it('measures a jump against the last published figure, not the sample figure before it', async () => {
    // 300 replaces the sample 250 of 2022 (1.2×: no jump); it is 3.6× the published 84 of 2021.
    const { rows } = await preview(['141100,高新技术企业,2022,300,家,final,x']);
    expect(rows[0]?.old).toMatchObject({ value: 250, isSample: true });
    expect(rows[0]?.warnings.map((w) => w.message.zh)).toEqual([
      '第2行D列：300家 是2021年已公布的 84家的 3.6 倍；请核对数值和单位',
    ]);
  });
});

describe('checkFigure', () => {
  const rd = indicator('rd_intensity');
  const firms = indicator('high_tech_firms');

  it('reads the seed’s indicators: counts, shares and their plausible ranges', () => {
    expect(isCount(firms)).toBe(true);
    expect(isCount(indicator('uav_base_jobs'))).toBe(false); // 万人: a tenth of 10,000 persons is a figure
    expect(isCount(indicator('rd_expenditure'))).toBe(false);
    expect([rd.kind, rd.unit, rd.plausibleMin, rd.plausibleMax]).toEqual(['share', '%', 0, 10]);
  });

  it('keeps the range checks when there is no prior year: 12% still warns, with no jump measured', () => {
    const findings = checkFigure({ indicator: rd, year: 2022, value: 12, stored: [] });
    expect(codes(findings)).toEqual([['outside_plausible_range', 'warning']]);
    expect(findings[0]?.message.zh).toBe(
      '12% 高于“R&D经费投入强度(R&D经费占地区生产总值比重)”的合理上限 10%，合理范围为 0–10%；请核对数值和单位',
    );
    // Nor does an earlier sample figure give one (0.71% would make 12% a 17× jump).
    expect(codes(checkFigure({ indicator: rd, year: 2022, value: 12, stored: [sample(2021, 0.71)] }))).toEqual([
      ['outside_plausible_range', 'warning'],
    ]);
    // The hard bounds too: a share above 100% and a negative count are errors with no history at all.
    expect(codes(checkFigure({ indicator: rd, year: 2022, value: 120, stored: [] }))).toEqual([['share_out_of_range', 'error']]);
    expect(codes(checkFigure({ indicator: firms, year: 2022, value: -4, stored: [] }))).toEqual([['negative_value', 'error']]);
  });

  it('names the intended value of a share typed as a fraction, against a published ~2% as against 0.74%', () => {
    const findings = checkFigure({ indicator: rd, year: 2022, value: 0.021, stored: [published(2021, 2.04)] });
    expect(findings).toEqual([
      {
        code: 'share_as_fraction',
        severity: 'warning',
        likely: 2.1,
        comparedWith: { year: 2021, value: 2.04, from: 'published', row: null },
        message: {
          zh: '0.021% 像是把比例填成了小数（对比2021年已公布的 2.04%）；若指 2.1%，请填写 2.1',
          en: '0.021% looks like a share typed as a fraction (compared with the published 2021 figure of 2.04%); if 2.1% is meant, write 2.1',
        },
      },
    ]);
    expect(checkFigure({ indicator: rd, year: 2022, value: 0.021, stored: [published(2021, 0.74)] })[0]?.likely).toBe(2.1);
    // A real 0.5% after 0.74% is no fraction (50% would be absurd), and within the plausible range.
    expect(checkFigure({ indicator: rd, year: 2022, value: 0.5, stored: [published(2021, 0.74)] })).toEqual([]);
    // With nothing to compare with, 0.021% is a possible R&D intensity: its range (0–10) starts at 0.
    expect(checkFigure({ indicator: rd, year: 2022, value: 0.021, stored: [] })).toEqual([]);
    // A later published year serves when there is no earlier one (a back-filled year).
    expect(codes(checkFigure({ indicator: rd, year: 2015, value: 0.021, stored: [published(2021, 2.04)] }))).toEqual([
      ['share_as_fraction', 'warning'],
    ]);
  });

  it('warns of a 10⁴ unit slip (万元 for 亿元 and back) and names the likely figure, instead of a jump', () => {
    const expenditure = indicator('rd_expenditure'); // 亿元
    const up = checkFigure({ indicator: expenditure, year: 2022, value: 153000, stored: [published(2021, 15.3)] });
    expect(up).toEqual([
      {
        code: 'looks_like_wrong_unit',
        severity: 'warning',
        likely: 15.3,
        comparedWith: { year: 2021, value: 15.3, from: 'published', row: null },
        message: {
          zh: '153000亿元 约为2021年已公布的 15.3亿元的1万倍，单位可能有误（万元与元、亿元？）；是否应为 15.3亿元？',
          en: '153000 100 million yuan is about 10,000× the published 2021 figure of 15.3 100 million yuan; is the unit wrong (10,000 yuan vs yuan or 100 million yuan)? Did you mean 15.3 100 million yuan?',
        },
      },
    ]);
    const down = checkFigure({ indicator: expenditure, year: 2022, value: 0.00162, stored: [published(2021, 15.3)] });
    expect(down.map((f) => [f.code, f.likely])).toEqual([['looks_like_wrong_unit', 16.2]]);
    expect(down[0]?.message.zh).toBe(
      '0.00162亿元 约为2021年已公布的 15.3亿元的万分之一，单位可能有误（万元与元、亿元？）；是否应为 16.2亿元？',
    );
    // 元 for 亿元: 10⁸.
    expect(
      checkFigure({ indicator: expenditure, year: 2022, value: 1_600_000_000, stored: [published(2021, 15.3)] }).map((f) => [
        f.code,
        f.likely,
      ]),
    ).toEqual([['looks_like_wrong_unit', 16]]);
  });

  it('measures a jump against the last published figure: more than 3×, or a fall by more than two thirds', () => {
    // Against the sample, 40 would be 4× the 10 of 2021; against the published 30 of 2020 it is fine.
    expect(checkFigure({ indicator: firms, year: 2022, value: 40, stored: [published(2020, 30), sample(2021, 10)] })).toEqual([]);
    // And the other way round: no jump against the sample's 100, but 4.5× the published 20 of 2020.
    const jump = checkFigure({ indicator: firms, year: 2022, value: 90, stored: [published(2020, 20), sample(2021, 100)] });
    expect(jump).toEqual([
      {
        code: 'implausible_jump',
        severity: 'warning',
        comparedWith: { year: 2020, value: 20, from: 'published', row: null },
        message: {
          zh: '90家 是2020年已公布的 20家的 4.5 倍；请核对数值和单位',
          en: '90 firms is 4.5× the published 2020 figure of 20 firms; check the figure and its unit',
        },
      },
    ]);
    const fall = checkFigure({ indicator: firms, year: 2022, value: 27, stored: [published(2021, 84)] });
    expect(fall.map((f) => f.message.en)).toEqual([
      '27 firms is 67.9% below the published 2021 figure of 84 firms; check the figure and its unit',
    ]);
    // Exactly 3× and exactly a third are not jumps.
    expect(checkFigure({ indicator: firms, year: 2022, value: 252, stored: [published(2021, 84)] })).toEqual([]);
    expect(checkFigure({ indicator: firms, year: 2022, value: 28, stored: [published(2021, 84)] })).toEqual([]);
    // A not-published year is no figure to compare with: the published one before it is.
    expect(
      codes(checkFigure({ indicator: firms, year: 2022, value: 90, stored: [published(2020, 20), published(2021, null)] })),
    ).toEqual([['implausible_jump', 'warning']]);
  });

  it('compares a revised year with its own published figure, and a file’s year with the same file’s earlier year', () => {
    // Revising 2021 (84 published) to 300.
    expect(checkFigure({ indicator: firms, year: 2021, value: 300, stored: [published(2021, 84)] })[0]?.comparedWith).toEqual({
      year: 2021,
      value: 84,
      from: 'published',
      row: null,
    });
    // The file's 2021 (row 3) is later than the database's 2020, and about to become current.
    const inFile = checkFigure({
      indicator: indicator('valid_invention_patents'),
      year: 2022,
      value: 350,
      stored: [published(2020, 340)],
      inFile: [
        { year: 2021, value: 100, row: 3 },
        { year: 2022, value: 350, row: 4 },
      ],
      where: { row: 4, column: 'D' },
    });
    expect(inFile.map((f) => f.message)).toEqual([
      {
        zh: '第4行D列：350件 是本文件第3行2021年的 100件的 3.5 倍；请核对数值和单位',
        en: 'Row 4, column D: 350 items is 3.5× the 2021 figure of 100 items in row 3 of this file; check the figure and its unit',
      },
    ]);
  });

  it('leaves alone what is not a figure to judge: not published, yes/no, money below zero, a fraction of 万人', () => {
    expect(checkFigure({ indicator: firms, year: 2022, value: null, stored: [published(2021, 84)] })).toEqual([]);
    const yesNo = indicators.find((i) => i.unit === '是/否') as CheckedIndicator;
    expect(checkFigure({ indicator: yesNo, year: 2022, value: 1, stored: [published(2021, 0)] })).toEqual([]);
    // A net profit may be a loss.
    expect(checkFigure({ indicator: indicator('lan_base_net_profit'), year: 2022, value: -0.3, stored: [] })).toEqual([]);
    expect(checkFigure({ indicator: indicator('uav_base_jobs'), year: 2022, value: 0.5, stored: [] })).toEqual([]);
    expect(codes(checkFigure({ indicator: indicator('uav_base_jobs'), year: 2022, value: -0.5, stored: [] }))).toEqual([
      ['negative_value', 'error'],
    ]);
  });

  it('picks the figure compared with: the latest published of the year or before, the file’s at a later year', () => {
    const stored = [sample(2022, 5), published(2019, 10), published(2020, 12), published(2024, 20)];
    expect(comparedFigures(2022, stored)).toEqual({
      earlier: { year: 2020, value: 12, from: 'published', row: null },
      later: { year: 2024, value: 20, from: 'published', row: null },
    });
    expect(comparedFigures(2022, stored, [{ year: 2021, value: 11, row: 7 }]).earlier).toEqual({
      year: 2021,
      value: 11,
      from: 'file',
      row: 7,
    });
    expect(comparedFigures(2018, stored).earlier).toBeNull();
  });
});

describe('checkFigure, for any figure', () => {
  const counts = indicators.filter(isCount);
  const shares = indicators.filter((i) => i.kind === 'share');

  it('refuses every fractional or negative count, and accepts every whole one with nothing to compare with', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...counts),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (ind, v, whole) => {
          const bad = !Number.isInteger(v) || v < 0;
          const findings = checkFigure({ indicator: ind, year: 2022, value: v, stored: [] });
          expect(findings.length > 0 && findings.every((f) => f.severity === 'error')).toBe(bad);
          expect(checkFigure({ indicator: ind, year: 2022, value: whole, stored: [] })).toEqual([]);
        },
      ),
    );
  });

  it('lets a share through only inside 0–100, and warns outside its plausible range, in both languages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...shares), fc.double({ min: -50, max: 150, noNaN: true }), (ind, v) => {
        const findings = checkFigure({ indicator: ind, year: 2022, value: v, stored: [] });
        const hard = v < 0 || v > 100;
        const soft =
          !hard && ((ind.plausibleMax !== null && v > ind.plausibleMax) || (ind.plausibleMin !== null && v < ind.plausibleMin));
        expect(codes(findings)).toEqual(
          hard ? [['share_out_of_range', 'error']] : soft ? [['outside_plausible_range', 'warning']] : [],
        );
        // Full-width punctuation in the prose; the indicator's name is quoted as stored.
        for (const f of findings) expect(f.message.zh.replace(/“[^”]*”/g, '')).not.toMatch(/[,:;()?]/);
      }),
    );
  });
});
