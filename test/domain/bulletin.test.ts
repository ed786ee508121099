import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BulletinIndicator, BulletinTerms, bulletinSentences, readBulletin } from '../../server/src/domain/bulletin.js';
import { parseTsv } from '../../server/src/domain/tsv.js';
import { seedImportContext } from '../helpers/importContext.js';

// Figures read from bulletin sentences (server/src/domain/bulletin.ts), against the catalogue of the
// seed (names and seed/indicator_aliases.tsv), and against every bulletin sentence quoted in the
// published figures (../shared/data/published-figures.tsv, copied to seed/sources/).

const catalogue: BulletinIndicator[] = seedImportContext().indicators.map(({ code, nameZh, unit, aliases }) => ({
  code,
  nameZh,
  unit,
  aliases: aliases ?? [],
}));
const terms = new BulletinTerms(catalogue);
const read = (text: string) => readBulletin(text, terms);
const figures = (text: string) => read(text).proposals.map((p) => [p.indicatorCode, p.value, p.unit]);

describe('readBulletin: sentences of a bulletin', () => {
  it('reads a level after its name, with the sentence as the quote', () => {
    const r = read('全年专利授权量422件，其中发明专利授权量96件。年末高新技术企业达到84家。');
    expect(r.proposals.map((p) => [p.indicatorCode, p.value, p.unit, p.sentence])).toEqual([
      ['patent_grants', 422, '件', '全年专利授权量422件，其中发明专利授权量96件'],
      ['high_tech_firms', 84, '家', '年末高新技术企业达到84家'],
    ]);
    // 发明专利授权量 is not in the catalogue: its figure is left, said so, not given to 专利授权量.
    expect(r.skipped).toEqual([
      expect.objectContaining({ text: '96件', reason: 'no_indicator', sentence: '全年专利授权量422件，其中发明专利授权量96件' }),
    ]);
  });

  it('shows a growth rate beside the figure and never reads it as the value', () => {
    const r = read('全年专利授权量422件，比上年增长10.3%。');
    expect(r.proposals).toHaveLength(1);
    expect(r.proposals[0]).toMatchObject({ indicatorCode: 'patent_grants', value: 422 });
    expect(r.proposals[0]?.changes).toEqual([{ text: '比上年增长10.3%', value: 10.3, unit: '%', direction: 'up' }]);
    const down = read('研究与试验发展(R&D)经费投入强度为1.12%，比上年降低0.06个百分点。');
    expect(down.proposals.map((p) => [p.indicatorCode, p.value])).toEqual([['rd_intensity', 1.12]]);
    expect(down.proposals[0]?.changes).toEqual([
      { text: '比上年降低0.06个百分点', value: 0.06, unit: '个百分点', direction: 'down' },
    ]);
    // A name with only its growth: shown apart, no proposal at all.
    const only = read('R&D经费比上年增长10.3%。');
    expect(only.proposals).toEqual([]);
    expect(only.skipped).toEqual([
      expect.objectContaining({
        reason: 'change_only',
        indicatorCode: 'rd_expenditure',
        changes: [expect.objectContaining({ value: 10.3 })],
      }),
    ]);
    // An increase by a count is a change too.
    expect(figures('年末高新技术企业达到84家，比上年增加12家。')).toEqual([['high_tech_firms', 84, '家']]);
  });

  it("converts units to the indicator's (亿/万, 家/个/户) and refuses one that does not fit", () => {
    expect(figures('技术合同成交额3500万元。')).toEqual([['tech_contract_turnover', 0.35, '亿元']]);
    expect(read('技术合同成交额3500万元。').proposals[0]?.conversion).toEqual({
      fromUnit: '万元',
      toUnit: '亿元',
      factor: 0.0001,
    });
    expect(figures('全市高新技术企业数量为84户')).toEqual([['high_tech_firms', 84, '家']]);
    expect(figures('年末高新技术企业达到26个')).toEqual([['high_tech_firms', 26, '家']]);
    expect(figures('专利授权量1.2万件')).toEqual([['patent_grants', 12000, '件']]);
    expect(figures('技术合同成交金额28,252亿')).toEqual([['tech_contract_turnover', 28252, '亿元']]);
    expect(figures('ＧＤＰ总量２０７１．４亿元')).toEqual([['gdp', 2071.4, '亿元']]);
    // A share for an amount: no proposal, said why.
    const mismatch = read('与GDP之比2.40%');
    expect(mismatch.proposals).toEqual([]);
    expect(mismatch.skipped).toEqual([expect.objectContaining({ reason: 'unit_mismatch', indicatorCode: 'gdp', text: '2.40%' })]);
  });

  it('reads names before numbers, 分别 pairs, newly certified firms, and skips asides and years', () => {
    expect(figures('全市专利申请量与授权量分别为749件和422件')).toEqual([
      ['patent_applications', 749, '件'],
      ['patent_grants', 422, '件'],
    ]);
    expect(figures('吕梁以1420亿的GDP总量')).toEqual([['gdp', 1420, '亿元']]);
    expect(figures('吕梁市38户高新技术企业通过评审')).toEqual([['new_high_tech_firms', 38, '家']]);
    expect(figures('投入强度(与国内生产总值之比)为2.07%')).toEqual([['rd_intensity', 2.07, '%']]);
    expect(figures('2021年,吕梁GDP总量2071.4亿元')).toEqual([['gdp', 2071.4, '亿元']]);
    expect(figures('2016年为2.11%')).toEqual([]);
    expect(figures('高新技术产品增加值120亿元，增长20%')).toEqual([['high_tech_product_value_added', 120, '亿元']]);
  });

  it('splits a paragraph into sentences at 。；！？ and line ends', () => {
    expect(bulletinSentences('甲。乙；丙\n丁！  ')).toEqual(['甲', '乙', '丙', '丁']);
  });
});

describe('readBulletin over the published figures', () => {
  const tsv = (url: URL, header: string[]) => parseTsv(readFileSync(url, 'utf8'), url.pathname, header);
  const shared = tsv(new URL('../../seed/sources/published-figures.tsv', import.meta.url), [
    'region',
    'year',
    'indicator',
    'value',
    'unit',
    'vintage',
    'source',
    'quote',
  ]);
  // The same rows mapped to the catalogue's codes and units, in the same order.
  const coded = tsv(new URL('../../seed/observations/published.tsv', import.meta.url), [
    'region_code',
    'indicator_code',
    'year',
    'value',
    'vintage',
    'is_sample',
    'source_title',
    'source_url',
    'quote',
    'note',
  ]);
  const unitOf = new Map(catalogue.map((i) => [i.code, i.unit]));

  /** The bulletin sentence a quote holds: its note in English after it taken off; none if it is a description. */
  const sentenceOf = (quote: string, value: string): string | null => {
    const s = quote
      .replace(/ \([^()]*\)$/, '')
      .replace(/^统计公报: /, '')
      .trim();
    if (!/[\u4e00-\u9fff]/.test(s) || /[a-z]{3}/i.test(s.replace(/R&D|GDP/g, ''))) return null;
    return s.includes(value) ? s : null;
  };

  it('reads the figure of each row from its sentence, and never a growth rate as a value', () => {
    expect(shared).toHaveLength(coded.length);
    let sentences = 0;
    let matched = 0;
    const missed: string[] = [];
    shared.forEach((row, k) => {
      const code = coded[k] as Record<string, string>;
      expect(code.quote).toBe(row.quote);
      const sentence = sentenceOf(row.quote as string, row.value as string);
      if (sentence === null) return;
      sentences++;
      const r = read(sentence);
      const want = Number(code.value);
      const found = r.proposals.find((p) => p.indicatorCode === code.indicator_code && p.value === want);
      if (found) {
        matched++;
        expect(found.unit).toBe(unitOf.get(code.indicator_code as string));
        expect(found.sentence).toBe(sentence);
        expect(Number(found.printed.value)).toBe(Number(row.value));
      } else
        missed.push(
          `${row.indicator} ${row.value}: ${sentence} → ${JSON.stringify(r.proposals.map((p) => [p.indicatorCode, p.value]))}`,
        );
      // Nothing wrong is proposed: every proposal of the sentence is the row's figure or another
      // figure the sentence states for another indicator, never a change.
      for (const p of r.proposals) {
        for (const c of p.changes) expect(p.value).not.toBe(c.value);
        if (p.indicatorCode === code.indicator_code) expect(p.value).toBe(want);
      }
      // "比上年提高0.07个百分点": the change is shown, and no proposal carries its number.
      for (const s of r.proposals.flatMap((p) => p.changes)) expect(r.proposals.map((p) => p.value)).not.toContain(s.value);
    });
    console.log(
      `bulletin sentences in published-figures.tsv: ${sentences} of ${shared.length} rows; figure read: ${matched} of ${sentences}`,
    );
    if (missed.length) console.log(`not read:\n  ${missed.join('\n  ')}`);
    expect(sentences).toBeGreaterThanOrEqual(25);
    expect(matched).toBeGreaterThanOrEqual(sentences - 2);
  });

  it('reads the rows with growth beside them as levels, the changes apart', () => {
    const r = read('投入强度为0.95%,比上年下降0.07个百分点');
    expect(r.proposals.map((p) => [p.indicatorCode, p.value])).toEqual([['rd_intensity', 0.95]]);
    expect(r.proposals[0]?.changes).toEqual([
      { text: '比上年下降0.07个百分点', value: 0.07, unit: '个百分点', direction: 'down' },
    ]);
  });
});
