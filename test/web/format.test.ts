import { describe, expect, it } from 'vitest';
import { formatNumber, formatQuantity, joinUnit, quantityParts } from '../../web/src/format/numbers.js';
import { formatDate, formatPeriod, noteIn, privateUseCodePoints } from '../../web/src/format/plans.js';
import {
  type DescribedTarget,
  describeBase,
  describeMilestone,
  describeTarget,
  maskedToken,
} from '../../web/src/format/targets.js';
import { langFromSearch, searchWithLang } from '../../web/src/i18n/lang.js';
import { enResources as en, zhResources as zh } from '../../web/src/i18n/resources.js';

const firms = { unit: '户', unitEn: 'firms' };
const percent = { unit: '%', unitEn: '%' };

function target(overrides: Partial<DescribedTarget>): DescribedTarget {
  return {
    type: 'level',
    comparator: 'at_least',
    value: null,
    valueMin: null,
    valueMax: null,
    valueUnknown: false,
    targetYear: null,
    baseYear: null,
    baseValue: null,
    benchmarkRegionCode: null,
    clause: '',
    indicator: firms,
    ...overrides,
  };
}

function both(t: DescribedTarget): [string, string] {
  return [describeTarget(t, 'zh-CN'), describeTarget(t, 'en')];
}

describe('formatNumber', () => {
  it('counts large Chinese numbers in 万 and 亿', () => {
    expect(formatNumber(17500, 'zh-CN')).toBe('1.75万');
    expect(formatNumber(12345, 'zh-CN')).toBe('1.2345万');
    expect(formatNumber(10000, 'zh-CN')).toBe('1万');
    expect(formatNumber(150_000_000, 'zh-CN')).toBe('1.5亿');
    expect(formatNumber(2_600_000_000, 'zh-CN')).toBe('26亿');
    expect(formatNumber(9999, 'zh-CN')).toBe('9999');
    expect(formatNumber(2.6, 'zh-CN')).toBe('2.6');
    expect(formatNumber(-25000, 'zh-CN')).toBe('−2.5万');
  });

  it('uses thousands separators in English', () => {
    expect(formatNumber(17500, 'en')).toBe('17,500');
    expect(formatNumber(150_000_000, 'en')).toBe('150,000,000');
    expect(formatNumber(0.74, 'en')).toBe('0.74');
    expect(formatNumber(-1234.5, 'en')).toBe('−1,234.5');
  });

  it('prints a dash for what is not a number', () => {
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
  });
});

describe('formatQuantity', () => {
  it('writes percent tight and other units after a space', () => {
    expect(formatQuantity(2.6, '%', 'zh-CN')).toBe('2.6%');
    expect(formatQuantity(80, '户', 'zh-CN')).toBe('80 户');
    expect(formatQuantity(17500, '平方米', 'zh-CN')).toBe('1.75万 平方米');
    expect(formatQuantity(80, 'firms', 'en')).toBe('80 firms');
  });

  it('moves an amount counted in 万 up to 亿 in Chinese', () => {
    expect(formatQuantity(17500, '万元', 'zh-CN')).toBe('1.75 亿元');
    expect(formatQuantity(600, '万元', 'zh-CN')).toBe('600 万元');
  });

  it('multiplies out an English unit that is itself a number, keeping the precision', () => {
    expect(formatQuantity(145, '100 million yuan', 'en')).toBe('14.5 billion yuan');
    expect(formatQuantity(4.1, '100 million yuan', 'en')).toBe('410 million yuan');
    expect(formatQuantity(3.61, '100 million yuan', 'en')).toBe('361 million yuan');
    expect(formatQuantity(0.74, '100 million yuan', 'en')).toBe('74 million yuan');
    expect(formatQuantity(25, '10,000 kW', 'en')).toBe('250,000 kW');
    expect(formatQuantity(1200, '10,000 pieces', 'en')).toBe('12 million pieces');
    expect(formatQuantity(25.5, '100 million m³', 'en')).toBe('2.55 billion m³');
    expect(formatQuantity(-4.1, '100 million yuan', 'en')).toBe('−410 million yuan');
    expect(quantityParts(4.1, '100 million yuan', 'en')).toEqual({ number: '410', unit: 'million yuan', tight: false });
    // Chinese keeps its own units; a unit that is not a number is left alone.
    expect(formatQuantity(4.1, '亿元', 'zh-CN')).toBe('4.1 亿元');
    expect(formatQuantity(80, 'firms', 'en')).toBe('80 firms');
    // A number already written cannot be multiplied: it is joined with ×.
    expect(joinUnit('1–2', '100 million yuan')).toBe('1–2 × 100 million yuan');
    expect(joinUnit('1–2', 'institutes')).toBe('1–2 institutes');
    expect(joinUnit('3', '')).toBe('3');
  });
});

describe('describeTarget', () => {
  it('a level with at_least', () => {
    expect(both(target({ value: 80, targetYear: 2020 }))).toEqual(['2020年达到 ≥ 80 户', '≥ 80 firms by 2020']);
  });

  it('a level without a year, and at_most', () => {
    expect(both(target({ value: 4.5, comparator: 'at_most' }))).toEqual(['达到 ≤ 4.5 户', '≤ 4.5 firms']);
  });

  it("a share with the 'about' comparator", () => {
    expect(both(target({ type: 'share', indicator: percent, comparator: 'about', value: 2.6, targetYear: 2021 }))).toEqual([
      '2021年达到 2.6%左右',
      'about 2.6% by 2021',
    ]);
  });

  it('an exact level', () => {
    expect(both(target({ comparator: 'exactly', value: 140, targetYear: 2021 }))).toEqual([
      '2021年达到 140 户',
      '140 firms by 2021',
    ]);
  });

  it('a range', () => {
    const range = target({
      type: 'range',
      valueMin: 1,
      valueMax: 2,
      targetYear: 2020,
      indicator: { unit: '家', unitEn: 'institutes' },
    });
    expect(both(range)).toEqual(['2020年达到 1–2 家', '1–2 institutes by 2020']);
  });

  it('a range open at one end', () => {
    expect(both(target({ type: 'range', valueMin: 4, targetYear: 2016 }))).toEqual(['2016年达到 ≥ 4 户', '≥ 4 firms by 2016']);
  });

  it('annual growth, with and without a base year', () => {
    const growth = target({
      type: 'annual_growth',
      comparator: 'exactly',
      value: 10,
      indicator: { unit: '亿元', unitEn: '100 million yuan' },
    });
    expect(both(growth)).toEqual(['年均增长 10%', '+10%/yr']);
    expect(both({ ...growth, comparator: 'at_least', targetYear: 2020 })).toEqual([
      '至2020年年均增长 ≥ 10%',
      '≥ +10%/yr to 2020',
    ]);
    expect(both({ ...growth, baseYear: 2013, targetYear: 2020 })).toEqual(['2013–2020年年均增长 10%', '+10%/yr, 2013–2020']);
  });

  it('a flow every year', () => {
    const perYear = target({
      type: 'per_year',
      value: 50,
      targetYear: 2021,
      indicator: { unit: '人次', unitEn: 'person-times' },
    });
    expect(both(perYear)).toEqual(['至2021年每年 ≥ 50 人次', '≥ 50 person-times a year to 2021']);
  });

  it('a cumulative total', () => {
    const total = target({
      type: 'cumulative',
      value: 200,
      baseYear: 2019,
      targetYear: 2021,
      indicator: { unit: '项', unitEn: 'items' },
    });
    expect(both(total)).toEqual(['2019–2021年累计 ≥ 200 项', '≥ 200 items in total, 2019–2021']);
    expect(both({ ...total, baseYear: null })).toEqual(['至2021年累计 ≥ 200 项', '≥ 200 items in total by 2021']);
  });

  it('a benchmark: the national or provincial average each year', () => {
    const national = target({ type: 'benchmark', comparator: 'exactly', benchmarkRegionCode: '100000', indicator: percent });
    expect(both(national)).toEqual(['每年达到全国平均水平', 'the national average each year']);
    const provincial = { ...national, comparator: 'at_least' as const, benchmarkRegionCode: '140000', targetYear: 2020 };
    expect(both(provincial)).toEqual(['至2020年每年不低于全省平均水平', 'at least the provincial average each year to 2020']);
  });

  it('a yes/no milestone', () => {
    const deliverable = target({
      type: 'milestone',
      targetYear: 2017,
      indicator: { unit: '是/否', unitEn: 'yes/no (1 = done)' },
    });
    expect(both(deliverable)).toEqual(['2017年前完成', 'completed by 2017']);
    expect(both({ ...deliverable, targetYear: null })).toEqual(['按期完成（未注明年份）', 'to be completed (no date given)']);
  });

  it('a value masked in the source', () => {
    const masked = target({ valueUnknown: true, clause: '新增國家高新技術(shù)企業(yè)xx家以上' });
    expect(both(masked)).toEqual(['原文数值被遮蔽（xx）', 'value masked in the source (xx)']);
    expect(both({ ...masked, targetYear: 2024 })).toEqual([
      '2024年目标，原文数值被遮蔽（xx）',
      'value masked in the source (xx), target year 2024',
    ]);
    expect(both({ ...masked, clause: 'R&D經費支出達xx.xx億元,占GDP比重提高到x.xx%' })).toEqual([
      '原文数值被遮蔽',
      'value masked in the source',
    ]);
  });

  it('a level whose value the source does not state', () => {
    expect(both(target({ targetYear: 2020 }))).toEqual(['原文未给出数值', 'no value stated in the source']);
  });

  it('large values in words', () => {
    const area = target({ value: 17500, targetYear: 2016, indicator: { unit: '平方米', unitEn: 'm²' } });
    expect(both(area)).toEqual(['2016年达到 ≥ 1.75万 平方米', '≥ 17,500 m² by 2016']);
  });
});

describe('maskedToken', () => {
  it('ignores masked years and pinyin glosses', () => {
    expect(maskedToken('xxxx年新增企業xx家')).toBe('xx');
    expect(maskedToken('持續(xù)增長x.x%')).toBe('x.x');
    expect(maskedToken('達到80家')).toBeNull();
  });
});

describe('describeMilestone and describeBase', () => {
  const gas = target({ value: 25.5, targetYear: 2020, indicator: { unit: '亿立方米', unitEn: '100 million m³' } });

  it('describes an interim milestone like the target', () => {
    const milestone = { year: 2015, value: 16, clause: '' };
    expect(describeMilestone(milestone, gas, 'zh-CN')).toBe('2015年达到 ≥ 16 亿立方米');
    expect(describeMilestone(milestone, gas, 'en')).toBe('≥ 1.6 billion m³ by 2015');
    expect(describeMilestone({ ...milestone, value: null }, gas, 'en')).toBe('2015: no value stated in the source');
  });

  it('describes the base', () => {
    expect(describeBase(gas, 'zh-CN')).toBeNull();
    expect(describeBase({ ...gas, baseValue: 16, baseYear: 2014 }, 'zh-CN')).toBe('16 亿立方米（2014年）');
    expect(describeBase({ ...gas, baseValue: 16, baseYear: 2014 }, 'en')).toBe('1.6 billion m³ (2014)');
  });
});

describe('plan periods and dates', () => {
  it('formats a period, a single year, and masked years', () => {
    expect(formatPeriod(2014, 2020, 'zh-CN')).toBe('2014–2020年');
    expect(formatPeriod(2014, 2020, 'en')).toBe('2014–2020');
    expect(formatPeriod(2019, 2019, 'zh-CN')).toBe('2019年');
    expect(formatPeriod(null, null, 'zh-CN')).toBe('年份被遮蔽');
    expect(formatPeriod(null, null, 'en')).toBe('years masked');
  });

  it('formats an issue date', () => {
    expect(formatDate('2014-11-25', 'zh-CN')).toBe('2014年11月25日');
    expect(formatDate('2014-11-25', 'en')).toBe('25 November 2014');
  });
});

describe('language in the URL', () => {
  it('defaults to Chinese and keeps other parameters', () => {
    expect(langFromSearch('')).toBe('zh-CN');
    expect(langFromSearch('?lang=en')).toBe('en');
    expect(langFromSearch('?lang=fr')).toBe('zh-CN');
    expect(searchWithLang('?kind=share', 'en')).toBe('?kind=share&lang=en');
    expect(searchWithLang('?kind=share&lang=en', 'zh-CN')).toBe('?kind=share');
    expect(searchWithLang('?lang=en', 'zh-CN')).toBe('');
  });
});

describe('resources', () => {
  // Plural forms differ by language (English has _one, Chinese only _other), so compare base keys.
  function keys(value: unknown, prefix = ''): string[] {
    if (typeof value !== 'object' || value === null) return [prefix.replace(/_(one|other)$/, '')];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }

  it('has every string in both languages', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(zh))].sort());
  });

  it('has no empty strings', () => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings);
    expect(strings(en).filter((s) => s.trim() === '')).toEqual([]);
    expect(strings(zh).filter((s) => s.trim() === '')).toEqual([]);
  });
});

describe('notes in the page language', () => {
  it('shows the note in the page language, and the other one marked as such where it is missing', () => {
    const both = { zh: '原文此处小数点缺失，读作 2.5', en: 'The source lost the decimal point here; read as 2.5' };
    expect(noteIn(both, 'zh-CN')).toEqual({ text: both.zh, lang: 'zh', otherLanguage: false });
    expect(noteIn(both, 'en')).toEqual({ text: both.en, lang: 'en', otherLanguage: false });
    // A database seeded before notes came in two languages: the English note, marked, on a Chinese page.
    expect(noteIn({ zh: null, en: 'Lead unit: Lishi.' }, 'zh-CN')).toEqual({
      text: 'Lead unit: Lishi.',
      lang: 'en',
      otherLanguage: true,
    });
    expect(noteIn({ zh: '', en: null }, 'en')).toBeNull();
  });

  it('names the damaged characters of a clause by code point, for the technical details only', () => {
    expect(privateUseCodePoints('到2020年达到2\ue0105%以上,瓦斯风排量4\ue0105亿立方米')).toEqual(['U+E010']);
    expect(privateUseCodePoints('有效发明专利拥有量到2020年达到260件以上')).toEqual([]);
  });
});
