import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../server/src/db/setup.js';
import type { Status } from '../../server/src/domain/progress/types.js';
import { type BriefingInput, briefingOf } from '../../server/src/reports/briefing.js';
import { clauseParts, clauseText, damagedNote } from '../../server/src/reports/clause.js';
import { STATUS_LABELS } from '../../server/src/reports/labels.js';
import { buildReportModel, type ReportModel } from '../../server/src/reports/model.js';
import { createRepositories, type Repositories } from '../../server/src/repositories/index.js';
import { createProgressService, type ProgressService } from '../../server/src/services/progress.js';
import { tempDbPath } from '../helpers/db.js';

// The generated opening of the reports (briefing.ts) and the legible clause (clause.ts): pure
// functions of the report model and of a clause, checked on the seeded plans and on models made here.

let repos: Repositories;
let progress: ProgressService;
let cleanup: () => void;

beforeAll(() => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  repos = createRepositories(prepareDatabase(tmp.dbPath).db);
  progress = createProgressService(repos);
});
afterAll(() => {
  repos.db.close();
  cleanup();
});

function model(slug: string, asOf: number | null = null, lang: 'zh' | 'en' = 'zh', region: string | null = null): ReportModel {
  const plan = repos.plans.find(slug);
  if (!plan) throw new Error(`no plan ${slug}`);
  return buildReportModel({ repos, progress }, { plan, asOf, lang, region, now: new Date('2026-03-05T02:00:00Z') });
}

const count = (m: ReportModel, statuses: Status[]) =>
  m.summary.counts.filter((c) => statuses.includes(c.status)).reduce((n, c) => n + c.count, 0);

/** The numbers of the opening sentence, read back from its words. */
function countsSaid(sentence: string) {
  const n = (re: RegExp) => Number(re.exec(sentence)?.[1]);
  return {
    total: n(/共 (\d+) 项/),
    met: n(/已实现 (\d+) 项/),
    onCourse: n(/进度正常 (\d+) 项/),
    offCourse: n(/落后于进度或未实现 (\d+) 项/),
    notJudgeable: n(/暂无法判断 (\d+) 项/),
  };
}

describe('the generated briefing', () => {
  it("says the Lüliang plan's counts in plain Chinese, each equal to the model's, and they add up", () => {
    const m = model('lvliang-2014-2020');
    const b = briefingOf(m);
    const said = countsSaid(b.paragraphs[0] as string);
    expect(said).toEqual({
      total: m.summary.targetCount,
      met: count(m, ['achieved', 'met_late']),
      onCourse: count(m, ['on_track']),
      offCourse: count(m, ['accelerate', 'limited', 'moving_away', 'missed']),
      notJudgeable: count(m, ['insufficient_data', 'no_data', 'not_assessable']),
    });
    expect(said.met + said.onCourse + said.offCourse + said.notJudgeable).toBe(said.total);
    // The seeded plan as of its latest figures, in full.
    expect(b.paragraphs[0]).toBe(
      '截至2021年，本计划共 59 项目标：已实现 2 项，进度正常 0 项，落后于进度或未实现 6 项（未达成 4 项、倒退 1 项、进展有限 1 项），暂无法判断 51 项（无数据 47 项、未录入 4 项）。',
    );
    expect(b).toMatchObject({ total: 59, judged: 8, judgedOnSample: 8 });
    expect(b.groups.off_course.statuses.map((s) => s.status)).toEqual(['missed', 'moving_away', 'limited']);
  });

  it('warns when verdicts rest on sample figures, and names the three most urgent targets in the order of the summary table', () => {
    const m = model('lvliang-2014-2020');
    const b = briefingOf(m);
    expect(b.paragraphs[1]).toContain('已作出判断的 8 项中，全部的判断依据含示例数据');
    expect(b.urgent.map((u) => u.targetId)).toEqual(m.summary.behind.slice(0, 3).map((t) => t.targetId));
    const urgent = b.paragraphs[2] as string;
    expect(
      urgent.startsWith(
        '最需关注的 3 项：一是科技进步贡献率，目标为每年达到山西省平均水平，2019年为 53.1%（示例数据），呈倒退态势；二是',
      ),
    ).toBe(true);
    // A target whose year has passed has no pace left: it says so instead.
    expect(urgent).toContain('2020年为 0.71%（示例数据），未达成目标，目标年已过');
    expect(urgent.endsWith('。')).toBe(true);
  });

  it('gives the pace still needed, and the pace so far, for a target that can still be met', () => {
    const m = model('lvliang-2014-2020', 2019);
    const b = briefingOf(m);
    const rd = b.urgent.find((u) => u.indicatorName.startsWith('R&D经费投入强度'));
    expect(rd).toMatchObject({ status: 'limited', paceNeeded: '年均 +1.83 个百分点', paceAchieved: '年均 +0.01 个百分点' });
    expect(rd?.text).toContain('进展有限，今后需年均 +1.83 个百分点（已实现年均 +0.01 个百分点）');
    expect(countsSaid(b.paragraphs[0] as string)).toMatchObject({ met: 0, onCourse: 2, offCourse: 6, notJudgeable: 51 });

    const en = briefingOf(model('lvliang-2014-2020', 2019, 'en'));
    expect(en.paragraphs[0]).toBe(
      'As of 2019, the plan has 59 targets: 0 met, 2 on track, 6 off course or missed (moving away: 1, limited progress: 3, needs to accelerate: 2), and 51 that cannot be judged yet (no data: 47, not recorded: 4).',
    );
    expect(en.paragraphs[2]).toContain('making limited progress; it needs +1.83 pp a year from now (so far +0.01 pp a year)');
    expect(en.paragraphs[2]?.startsWith('Most urgent: (1) Contribution of S&T progress to economic growth')).toBe(true);
  });

  it("speaks of a region's targets in a region's report, and of nothing to judge when nothing can be", () => {
    const b = briefingOf(model('lvliang-2014-2020', null, 'zh', '141102'));
    // The district has no figure at all: no as-of year to speak of.
    expect(b.paragraphs[0]).toBe(
      '本计划中吕梁市离石区的目标共 4 项：已实现 0 项，进度正常 0 项，落后于进度或未实现 0 项，暂无法判断 4 项（无数据 4 项）。',
    );
    expect(b.paragraphs).toHaveLength(2);
    expect(b.paragraphs[1]).toBe('目前没有可作判断的目标，待数据录入后自动评估。');
    expect(b.urgent).toEqual([]);
  });

  /** A model made here: the counts given, no target behind. */
  function input(counts: Partial<Record<Status, number>>, extra: Partial<BriefingInput['summary']> = {}): BriefingInput {
    const m = model('panjin-2019-2021');
    const list = m.summary.counts.map((c) => ({ ...c, count: counts[c.status] ?? 0 }));
    const total = list.reduce((n, c) => n + c.count, 0);
    return {
      lang: 'zh',
      asOf: 2020,
      scope: null,
      plan: m.plan,
      summary: { ...m.summary, counts: list, targetCount: total, scoredCount: total, judgedOnSample: 0, behind: [], ...extra },
    };
  }

  it('names the targets met late, and says so when every judged target is on course, without a sample caveat on published figures', () => {
    const b = briefingOf(input({ achieved: 2, met_late: 1, on_track: 3 }));
    expect(b.paragraphs).toEqual([
      `截至2020年，本计划共 6 项目标：已实现 3 项（${STATUS_LABELS.achieved.zh} 2 项、${STATUS_LABELS.met_late.zh} 1 项），进度正常 3 项，落后于进度或未实现 0 项，暂无法判断 0 项。`,
      '已作出判断的目标均未落后于进度。',
    ]);
    // Part of the verdicts on sample figures: the number of them, not "all".
    const some = briefingOf(input({ on_track: 3 }, { judgedOnSample: 1 }));
    expect(some.paragraphs[1]).toMatch(/^已作出判断的 3 项中，1 项的判断依据含示例数据/);
  });
});

const RD = '研究与试验发展(R&D)经费占地区生产总值(GDP)的比重到2020年达到2\uE0105%以上';
const GAS = '2020年,地面煤层气总产能力争达到50亿立方米,煤矿瓦斯抽采量25\uE0105亿立方米,瓦斯风排量4\uE0105亿立方米';

describe('the legible clause', () => {
  it('draws a lost decimal point as a visible marker and reads the number across it', () => {
    expect(clauseText(RD)).toBe('研究与试验发展(R&D)经费占地区生产总值(GDP)的比重到2020年达到2[.]5%以上');
    expect(clauseParts(RD)).toEqual([
      { text: '研究与试验发展(R&D)经费占地区生产总值(GDP)的比重到2020年达到2' },
      { text: '[.]', damaged: { reading: '2.5' } },
      { text: '5%以上' },
    ]);
    expect(damagedNote(RD, 'zh')).toBe('[.] 原文此处小数点缺失，读作 2.5。');
    expect(damagedNote(RD, 'en')).toBe('[.] The source lost the decimal point here; it is read as 2.5.');
  });

  it('reads each of several lost points, in order', () => {
    expect(clauseText(GAS)).toContain('抽采量25[.]5亿立方米,瓦斯风排量4[.]5亿立方米');
    expect(damagedNote(GAS, 'zh')).toBe('[.] 原文这 2 处小数点缺失，依次读作 25.5、4.5。');
    expect(damagedNote(GAS, 'en')).toBe('[.] The source lost the decimal point in 2 places; they are read as 25.5 and 4.5.');
  });

  it('marks a private-use character that is not between digits without guessing, and leaves a sound clause alone', () => {
    expect(clauseText('达到\uE010以上')).toBe('达到[?]以上');
    expect(damagedNote('达到\uE010以上', 'zh')).toBe('[?] 原文此处为无法显示的字符。');
    expect(clauseText('有效发明专利拥有量到2020年达到260件以上')).toBe('有效发明专利拥有量到2020年达到260件以上');
    expect(damagedNote('有效发明专利拥有量到2020年达到260件以上', 'zh')).toBeNull();
  });

  it('says what was lost in words, never as a code point, for every damaged clause of the seed', () => {
    const clauses = model('lvliang-2014-2020').targets.map((t) => t.clause);
    const damaged = clauses.filter((c) => /[\uE000-\uF8FF]/.test(c));
    expect(damaged.length).toBeGreaterThanOrEqual(5);
    for (const c of damaged) {
      expect(clauseText(c)).not.toMatch(/[\uE000-\uF8FF□]/);
      const note = damagedNote(c, 'zh') as string;
      expect(note).toMatch(/^\[\.\] 原文(此处|这 \d 处)小数点缺失，(依次)?读作 \d/);
      expect(note).not.toMatch(/U\+|E010|[\uE000-\uF8FF]/i);
    }
  });
});
