import { describe, expect, it } from 'vitest';
import { type PlanFileContext, type PlanFileInput, planProblems } from '../../server/src/domain/planFile.js';
import { matchUnit } from '../../server/src/domain/unitMatch.js';

// The plan file's `indicators` and a target's `units`, checked by the domain (pure): paths and codes.

const DOC = '到2030年，智能网联汽车测试里程达到500万公里以上。';
const target = (over: Partial<PlanFileInput['targets'][number]> = {}): PlanFileInput['targets'][number] => ({
  key: 'test-km-2030',
  indicator: 'test_km',
  type: 'level',
  value: 500,
  valueMin: null,
  valueMax: null,
  valueUnknown: false,
  targetYear: 2030,
  baseYear: null,
  baseValue: null,
  benchmarkRegion: null,
  clause: '智能网联汽车测试里程达到500万公里以上',
  milestones: [],
  ...over,
});
const definition = {
  code: 'test_km',
  nameZh: '智能网联汽车测试里程',
  nameEn: 'Test distance',
  unit: '万公里',
  unitEn: '10,000 km',
  direction: 'up',
  kind: 'stock',
};
const plan = (over: Partial<PlanFileInput> = {}): PlanFileInput => ({
  periodStart: 2026,
  periodEnd: 2030,
  regionCode: '211100',
  sourceFile: 'future.txt',
  targets: [target()],
  indicators: [definition],
  ...over,
});
const gdp = {
  code: 'gdp',
  nameZh: '地区生产总值',
  nameEn: 'Gross regional product (GDP)',
  unit: '亿元',
  unitEn: '100 million yuan',
  kind: 'money' as const,
  direction: 'up',
  aliases: ['GRP'],
};
const ctx: PlanFileContext = {
  regionExists: (code) => code === '211100',
  indicatorExists: (code) => code === 'gdp',
  documentBody: DOC,
  catalogue: [gdp],
  unitExists: (regions, form) => regions.includes('211100') && form === '市科技局',
};
const paths = (p: PlanFileInput, c = ctx) => planProblems(p, c).map((x) => `${x.path} ${x.code}`);

describe('a plan file defining indicators', () => {
  it('accepts a new indicator its target uses', () => {
    expect(paths(plan())).toEqual([]);
  });

  it('refuses an unknown kind or direction, a bad code, a definition used twice or by no target', () => {
    expect(paths(plan({ indicators: [{ ...definition, kind: 'count', direction: 'higher' }] }))).toEqual([
      'indicators[0].kind unknown_kind',
      'indicators[0].direction unknown_direction',
    ]);
    expect(paths(plan({ indicators: [{ ...definition, code: 'Test-KM' }] }))).toEqual([
      'indicators[0].code invalid_indicator_code',
      'targets[0].indicator unknown_indicator',
    ]);
    expect(paths(plan({ indicators: [definition, definition] }))).toEqual(['indicators[1].code duplicate_indicator']);
    expect(paths(plan({ indicators: [definition, { ...definition, code: 'spare' }] }))).toEqual([
      'indicators[1].code indicator_unused',
    ]);
  });

  it('reuses a catalogue indicator defined the same, and names each field that differs', () => {
    const onGdp = plan({ targets: [target({ indicator: 'gdp' })] });
    const { aliases: _aliases, ...same } = gdp;
    expect(paths({ ...onGdp, indicators: [same] })).toEqual([]);
    expect(paths({ ...onGdp, indicators: [{ ...same, unit: '万元', kind: 'stock' }] })).toEqual([
      'indicators[0].unit indicator_differs',
      'indicators[0].kind indicator_differs',
    ]);
  });

  it("refuses a new name that is another indicator's name or alias", () => {
    expect(paths(plan({ indicators: [{ ...definition, nameZh: 'GRP' }] }))).toEqual([
      'indicators[0].nameZh indicator_name_taken',
    ]);
  });

  it('defines nothing where the caller gives no catalogue (the seed, a target added to a saved plan)', () => {
    const { catalogue: _c, ...bare } = ctx;
    expect(paths(plan(), bare)).toContain('indicators[0].code indicator_differs');
  });
});

describe("a target's units", () => {
  it('must name a unit of the region, once per role', () => {
    const units = [
      { role: 'lead' as const, unit: '市科技局' },
      { role: 'responsible' as const, unit: '市未来产业办' },
      { role: 'lead' as const, unit: '市科技局' },
    ];
    expect(paths(plan({ targets: [target({ units })] }))).toEqual([
      'targets[0].units[1].unit unknown_unit',
      'targets[0].units[2].unit duplicate_unit',
    ]);
  });
});

describe('matchUnit', () => {
  const units = [
    { id: 1, nameZh: '市经信委', aliases: [] },
    { id: 2, nameZh: '经济区管委会', aliases: ['經濟區管委會'] },
    { id: 3, nameZh: '市科技局', aliases: [] },
  ];
  it('matches a name or an alias exactly, and a traditional or full-width form read as simplified', () => {
    expect(matchUnit('市科技局', units)?.id).toBe(3);
    expect(matchUnit('經濟區管委會', units)?.id).toBe(2);
    expect(matchUnit('市經信委', units)?.id).toBe(1);
    expect(matchUnit(' 市 科技局 ', units)?.id).toBe(3);
    expect(matchUnit('市未来产业办', units)).toBeNull();
    expect(matchUnit('', units)).toBeNull();
  });
  it('matches nothing when two units read alike and neither is the form exactly', () => {
    const twins = [
      { id: 1, nameZh: '市经信委', aliases: [] },
      { id: 4, nameZh: '市經信委', aliases: [] },
    ];
    expect(matchUnit('市經信委', twins)?.id).toBe(4);
    expect(matchUnit('市經 信委', twins)).toBeNull();
  });
});
