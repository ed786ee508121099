import { describe, expect, it } from 'vitest';
import { type Proposal, proposeTargets } from '../../server/src/domain/extract/index.js';
import { seedCatalogue, seedRegions } from '../helpers/extractCatalogue.js';

// The patterns of Chinese plan language, one case each, through the whole extractor with the seed's
// catalogue (and a few indicators of its own where the seed has none of the kind). Each case is a
// short plan: a title with its period, then the sentence under test.

const catalogue = [
  ...seedCatalogue(),
  { code: 'new_rd_institutions', nameZh: '新型研发机构数', unit: '家', kind: 'stock', direction: 'up' as const },
  { code: 'jobs_created', nameZh: '带动就业人数', unit: '人', kind: 'stock', direction: 'up' as const },
  { code: 'water_supply', nameZh: '供水能力', unit: '亿立方米', kind: 'stock', direction: 'up' as const },
];
const head = '某某市科技创新发展规划(2021-2025年)\n某某市人民政府\n';
const propose = (sentence: string) =>
  proposeTargets(`${head}${sentence}\n`, catalogue, { regions: seedRegions(), regionCode: '141100' });
const only = (sentence: string): Proposal => {
  const { proposals } = propose(sentence);
  expect(proposals).toHaveLength(1);
  return proposals[0] as Proposal;
};

describe('plan language', () => {
  it('"1-2家": a range', () => {
    expect(only('到2025年,全市新型研发机构达到1-2家。')).toMatchObject({
      indicator: 'new_rd_institutions',
      type: 'range',
      valueMin: 1,
      valueMax: 2,
      targetYear: 2025,
      comparator: 'at_least',
    });
  });

  it('"2万人": converted to the indicator\'s unit (人)', () => {
    expect(only('到2023年,带动就业2万人。')).toMatchObject({
      indicator: 'jobs_created',
      type: 'level',
      value: 20000,
      unitPrinted: '万人',
      unit: '人',
      targetYear: 2023,
    });
  });

  it('"1200万只": kept in 万只 when the indicator counts in 万只', () => {
    expect(only('争取到2025年,岚县新材料基地年生产软磁芯1200万只。')).toMatchObject({
      indicator: 'lan_soft_magnetic_core_output',
      type: 'level',
      value: 1200,
      unit: '万只',
    });
  });

  it('"600万元/年,年增长率达到10%": a yearly level, then the growth of the same quantity', () => {
    const { proposals } = propose('农业园区到2024年技术研发投入达到600万元/年,年增长率达到10%。');
    expect(proposals.map((p) => [p.indicator, p.type, p.value, p.targetYear])).toEqual([
      ['agri_park_rd_investment', 'level', 600, 2024],
      ['agri_park_rd_investment', 'annual_growth', 10, 2024],
    ]);
    expect(proposals[1]?.reasons.map((r) => r.code)).toContain('indicator_inherited');
  });

  it('"力争达到50亿立方米"', () => {
    expect(only('2025年,供水能力力争达到50亿立方米。')).toMatchObject({
      indicator: 'water_supply',
      type: 'level',
      value: 50,
      targetYear: 2025,
    });
  });

  it('"翻一番": a doubling from the named base year, as the yearly growth it takes', () => {
    expect(only('到2025年,全市技术合同成交额比2020年翻一番。')).toMatchObject({
      indicator: 'tech_contract_turnover',
      type: 'annual_growth',
      value: 14.87, // 2^(1/5) − 1
      targetYear: 2025,
    });
  });

  it('"不低于全省平均水平": a benchmark against the province of the plan\'s region', () => {
    expect(only('科技进步贡献率每年不低于全省平均水平。')).toMatchObject({
      indicator: 'st_progress_contribution',
      type: 'benchmark',
      benchmarkRegion: '140000',
      comparator: 'at_least',
      targetYear: 2025,
    });
  });

  it('a traditional-character clause, with its lead and responsible units', () => {
    const p = only('到2024年,全市高新技術企業達到300家以上。(牽頭單位:市科技局;責任單位:各縣區政府)');
    expect(p).toMatchObject({
      indicator: 'high_tech_firms',
      type: 'level',
      value: 300,
      targetYear: 2024,
      comparator: 'at_least',
    });
    expect(p.clause).toBe('到2024年,全市高新技術企業達到300家以上');
    expect(p.leadUnits).toEqual(['市科技局']);
    expect(p.responsibleUnits).toEqual(['各縣區政府']);
  });

  it('a table row (指标表): base and target from the columns, years from the header', () => {
    const { proposals } = proposeTargets(
      `${head}主要指标表\n指标\t2020年\t2025年\t属性\n高新技术企业数(家)\t84\t150\t预期性\nR&D经费投入强度(%)\t1.5\t2.5\t约束性\n`,
      catalogue,
      { regions: seedRegions() },
    );
    expect(proposals.map((p) => [p.indicator, p.type, p.value, p.targetYear, p.baseYear, p.baseValue, p.commitment])).toEqual([
      ['high_tech_firms', 'level', 150, 2025, 2020, 84, 'expected'],
      ['rd_intensity', 'share', 2.5, 2025, 2020, 1.5, 'binding'],
    ]);
  });

  it('full-width digits and punctuation', () => {
    const p = only('到２０２５年，有效发明专利拥有量达到１２００件。');
    expect(p).toMatchObject({ indicator: 'valid_invention_patents', value: 1200, targetYear: 2025 });
    expect(p.clause).toBe('到２０２５年，有效发明专利拥有量达到１２００件');
  });

  it('Chinese numerals: 三十家, 两千万元', () => {
    expect(only('到2025年,全市创新型领军企业达到三十家。')).toMatchObject({ indicator: 'innovative_leading_firms', value: 30 });
    expect(only('市财政每年安排科技专项资金预算两千万元。')).toMatchObject({
      indicator: 'st_special_fund_budget',
      type: 'per_year',
      value: 2000,
    });
  });

  it('a base: 由2020年的1.5%提高到2.5%', () => {
    expect(only('到2025年,R&D经费投入强度由2020年的1.5%提高到2.5%。')).toMatchObject({
      indicator: 'rd_intensity',
      type: 'share',
      value: 2.5,
      baseYear: 2020,
      baseValue: 1.5,
      targetYear: 2025,
    });
  });

  it('a one-year work plan: its year from the first line, a flow of the year is a level', () => {
    const { proposals, facts } = proposeTargets(
      '2019年,市科技局围绕中心工作,推进创新。\n全年新增高新技术企业15家。\n',
      catalogue,
      {
        regions: seedRegions(),
      },
    );
    expect(facts).toMatchObject({ periodStart: 2019, periodEnd: 2019 });
    expect(proposals.map((p) => [p.indicator, p.type, p.value, p.targetYear])).toEqual([
      ['new_high_tech_firms', 'level', 15, 2019],
    ]);
  });

  it('the damaged decimal glyph: read with the point, the printed value kept', () => {
    expect(only('到2025年,R&D经费投入强度达到2\uE0105%。')).toMatchObject({ value: 2.5, valueAsPrinted: 25, type: 'share' });
  });

  it('a deliverable: a milestone of a yes/no indicator', () => {
    expect(only('到2023年,躋身國家創新型城市行列。')).toMatchObject({
      indicator: 'national_innovative_city_status',
      type: 'milestone',
      targetYear: 2023,
    });
  });

  it('an earlier year of the same quantity in the paragraph is an interim milestone', () => {
    const p = only('到2022年,全市高新技术企业达到100家;到2025年,高新技术企业达到150家。');
    expect(p).toMatchObject({ value: 150, targetYear: 2025 });
    expect(p.milestones.map((m) => [m.year, m.value])).toEqual([[2022, 100]]);
  });

  it('ignores the noise of a copied web page and policy parameters', () => {
    const { proposals } = proposeTargets(
      [
        '首页 > 政务公开 > 规划计划',
        '国产免费,一区二区三区,精品 欧美,高清 在线',
        head,
        '对新认定的国家级孵化器,一次性予以20万元奖励;对企业贷款按基准利率50%予以贴息,最高补贴50万元。',
        '版权所有:某某市人民政府 地址:某某路1号 ICP备05000001号 浏览次数:360',
      ].join('\n'),
      catalogue,
      { regions: seedRegions() },
    );
    expect(proposals).toEqual([]);
  });

  it('an unknown quantity with the grammar of a target is proposed with a new indicator', () => {
    const p = only('到2025年,全市5G基站数量达到8000个以上。');
    expect(p.indicator).toBeNull();
    expect(p.newIndicator).toMatchObject({ unit: '个', kind: 'stock', direction: 'up' });
    expect(p.value).toBe(8000);
  });
});
