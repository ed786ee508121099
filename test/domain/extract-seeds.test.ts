import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Proposal, proposeTargets } from '../../server/src/domain/extract/index.js';
import { seedCatalogue, seedRegions, seedSource } from '../helpers/extractCatalogue.js';

// The extractor over two real plans, against their targets as seeded by hand (seed/plans): a
// proposal matches a seeded target when it has the same indicator, type, value (or range) and year.
// Recall: the share of seeded targets proposed; precision: the share of proposals that are seeded
// targets. Nothing in the extractor knows these documents: the rules are general (see the comments
// in server/src/domain/extract/), and the same rules run over the unit cases in extract.test.ts.

interface SeedTarget {
  indicator: string;
  type: string;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  targetYear: number | null;
}

const identity = (t: SeedTarget | Proposal) =>
  [t.indicator, t.type, t.value ?? '', t.valueMin ?? '', t.valueMax ?? '', t.targetYear].join('|');

function measure(source: string, planFile: string) {
  const plan = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../seed/plans', planFile), 'utf8')) as {
    targets: SeedTarget[];
  };
  const { proposals, facts } = proposeTargets(seedSource(source), seedCatalogue(), { regions: seedRegions() });
  const seeded = new Set(plan.targets.map(identity));
  const proposed = new Set(proposals.map(identity));
  const found = [...seeded].filter((t) => proposed.has(t)).length;
  const right = proposals.filter((p) => seeded.has(identity(p))).length;
  return {
    facts,
    proposals,
    seeded: seeded.size,
    proposed: proposals.length,
    recall: found / seeded.size,
    precision: right / proposals.length,
    missed: [...seeded].filter((t) => !proposed.has(t)),
    wrong: proposals.filter((p) => !seeded.has(identity(p))).map((p) => `${identity(p)} «${p.clause.slice(-30)}»`),
  };
}

describe('targets proposed from the seed documents, against the hand-checked plan files', () => {
  const lvliang = measure('003_', 'lvliang-2014-2020.json');
  const panjin = measure('004_', 'panjin-2019-2021.json');

  it('prints recall and precision', () => {
    console.log(
      [
        'document                        seeded  proposed  recall  precision',
        ...[
          ['003 Lüliang 2014–2020', lvliang],
          ['004 Panjin 2019–2021 (繁體)', panjin],
        ].map(
          ([name, m]) =>
            `${String(name).padEnd(32)}${String((m as typeof lvliang).seeded).padStart(6)}${String((m as typeof lvliang).proposed).padStart(10)}${(m as typeof lvliang).recall.toFixed(3).padStart(8)}${(m as typeof lvliang).precision.toFixed(3).padStart(11)}`,
        ),
        `missed: ${JSON.stringify([...lvliang.missed, ...panjin.missed])}`,
        `not seeded: ${JSON.stringify([...lvliang.wrong, ...panjin.wrong])}`,
      ].join('\n'),
    );
    expect(lvliang.seeded).toBeGreaterThan(50);
    expect(panjin.seeded).toBe(20);
  });

  it('Lüliang (003): recall and precision of at least 0.90', () => {
    expect(lvliang.recall).toBeGreaterThanOrEqual(0.9);
    expect(lvliang.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('Panjin (004, traditional characters, a spam line at the top): recall and precision of at least 0.90', () => {
    expect(panjin.recall).toBeGreaterThanOrEqual(0.9);
    expect(panjin.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('every clause is verbatim in the text, at its offsets', () => {
    for (const source of ['003_', '004_']) {
      const { text, proposals } = proposeTargets(seedSource(source), seedCatalogue(), { regions: seedRegions() });
      for (const p of proposals) {
        expect(text.slice(p.start, p.end)).toBe(p.clause);
        for (const m of p.milestones) expect(text.slice(m.start, m.end)).toBe(m.clause);
      }
    }
  });

  it('reads the plan facts from the text', () => {
    expect(lvliang.facts).toEqual({
      titleZh: '国家创新驱动发展战略吕梁行动计划(2014-2020年)',
      docNumber: '吕政发〔2014〕22号',
      issuerZh: '吕梁市人民政府',
      issueDate: '2014-11-25',
      periodStart: 2014,
      periodEnd: 2020,
      regionCode: '141100',
    });
    // the copy lost the closing bracket and 号 of the number and the date's separators: the number
    // is restored, the date is left for the administrator
    expect(panjin.facts).toMatchObject({
      docNumber: '盤政辦發〔2019〕29号',
      issuerZh: '盤錦市人民政府辦公室',
      issueDate: null,
      periodStart: 2019,
      periodEnd: 2021,
      regionCode: '211100',
    });
  });

  it('details: the damaged decimal, milestones, lead units, benchmark regions', () => {
    const byKey = (m: typeof lvliang, indicator: string, type?: string) =>
      m.proposals.find((p) => p.indicator === indicator && (!type || p.type === type));
    const rd = byKey(lvliang, 'rd_intensity');
    expect(rd).toMatchObject({ value: 2.5, valueAsPrinted: 25, type: 'share', targetYear: 2020 });
    const cbm = byKey(lvliang, 'cbm_surface_capacity');
    expect(cbm?.milestones.map((m) => [m.year, m.value])).toEqual([[2015, 25]]);
    expect(cbm?.leadUnits).toEqual(['市发展改革委']);
    expect(byKey(lvliang, 'coal_mine_gas_vented')).toMatchObject({ value: 4.5, comparator: 'at_most' });
    expect(byKey(lvliang, 'tech_conversion_rate')).toMatchObject({ type: 'benchmark', benchmarkRegion: '100000' });
    expect(byKey(lvliang, 'st_progress_contribution', 'benchmark')).toMatchObject({ benchmarkRegion: '140000' });
    const institutes = byKey(panjin, 'industry_tech_institutes');
    expect(institutes?.leadUnits).toEqual(['市科技局']);
    expect(institutes?.responsibleUnits).toEqual(['各縣區政府', '經濟區管委會']);
    expect(byKey(panjin, 'high_tech_firms')?.alsoAt).toHaveLength(1);
  });
});
