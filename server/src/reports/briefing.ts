// The few sentences a leader reads first: how many targets are met, off course and not yet
// judgeable, and the most urgent ones with the pace they still need. Made from the report model
// alone (pure: no database, no layout), so the PDF and the Word briefing open with the same words,
// and a test can check them against the model's counts.

import type { Status } from '../domain/progress/types.js';
import { type Lang, SAMPLE_WORD, withUnit } from './labels.js';
import type { ReportModel, ReportTarget } from './model.js';

/** The four things a leader asks of a plan, each a set of the engine's statuses. */
export type BriefingGroup = 'met' | 'on_course' | 'off_course' | 'not_judgeable';

export const BRIEFING_GROUPS: Record<BriefingGroup, readonly Status[]> = {
  met: ['achieved', 'met_late'],
  on_course: ['on_track'],
  // Worst first: the order the breakdown is written in.
  off_course: ['missed', 'moving_away', 'limited', 'accelerate'],
  not_judgeable: ['no_data', 'insufficient_data', 'not_assessable'],
};

/** How many of the targets furthest behind the opening names. */
export const URGENT_COUNT = 3;

export interface BriefingGroupCount {
  count: number;
  /** The group's statuses that occur, with their labels and counts. */
  statuses: { status: Status; label: string; count: number }[];
}

export interface UrgentTarget {
  targetId: number;
  indicatorName: string;
  status: Status;
  /** The figure the verdict rests on, and whether it is a sample figure. */
  figure: { year: number; value: number; isSample: boolean } | null;
  paceNeeded: string | null;
  paceAchieved: string | null;
  /** One clause of the opening: name, target, figure, verdict and pace. */
  text: string;
}

export interface Briefing {
  total: number;
  groups: Record<BriefingGroup, BriefingGroupCount>;
  judged: number;
  judgedOnSample: number;
  urgent: UrgentTarget[];
  /** The opening, in the report's language: counts, the sample caveat where due, the most urgent. */
  paragraphs: string[];
}

export type BriefingInput = Pick<ReportModel, 'lang' | 'asOf' | 'scope' | 'plan' | 'summary'>;

/** The verdict as the predicate of a sentence. */
const VERDICT: Record<Status, { zh: string; en: string }> = {
  missed: { zh: '未达成目标', en: 'missed' },
  moving_away: { zh: '呈倒退态势', en: 'moving away from the target' },
  limited: { zh: '进展有限', en: 'making limited progress' },
  accelerate: { zh: '需加快进度', en: 'needing to accelerate' },
  achieved: { zh: '已达成', en: 'achieved' },
  met_late: { zh: '逾期达成', en: 'met late' },
  on_track: { zh: '进度正常', en: 'on track' },
  insufficient_data: { zh: '数据不足', en: 'without enough figures' },
  no_data: { zh: '无数据', en: 'without figures' },
  not_assessable: { zh: '无法评估', en: 'not assessable' },
};

const ORDINALS_ZH = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function groupCount(model: BriefingInput, group: BriefingGroup): BriefingGroupCount {
  const statuses = BRIEFING_GROUPS[group].flatMap((status) => {
    const found = model.summary.counts.find((c) => c.status === status);
    return found && found.count > 0 ? [{ status, label: found.label, count: found.count }] : [];
  });
  return { count: statuses.reduce((n, s) => n + s.count, 0), statuses };
}

/** "（未达成 4 项、倒退 1 项）", " (missed: 4, moving away: 1)"; empty when the group is empty. */
function breakdown(g: BriefingGroupCount, lang: Lang): string {
  if (g.statuses.length === 0) return '';
  return lang === 'zh'
    ? `（${g.statuses.map((s) => `${s.label} ${s.count} 项`).join('、')}）`
    : ` (${g.statuses.map((s) => `${lower(s.label)}: ${s.count}`).join(', ')})`;
}

function urgentOf(t: ReportTarget, model: BriefingInput): UrgentTarget {
  const { lang } = model;
  const zh = lang === 'zh';
  const ownRegion = model.scope?.regionCode ?? model.plan.regionCode;
  const name =
    t.regionCode === ownRegion
      ? t.indicatorName
      : zh
        ? `${t.regionName}${t.indicatorName}`
        : `${t.indicatorName} (${t.regionName})`;
  const f = t.judgedLatest;
  const sample = f?.isSample ? (zh ? `（${SAMPLE_WORD.zh}）` : ` (${SAMPLE_WORD.en.toLowerCase()})`) : '';
  const figure = f
    ? zh
      ? `${f.year}年为 ${withUnit(f.value, t.unit, lang)}${sample}，`
      : `${withUnit(f.value, t.unit, lang)} in ${f.year}${sample}, `
    : '';
  const verdict = VERDICT[t.status][lang];
  let pace = '';
  if (t.requiredPaceText)
    pace = zh
      ? `，今后需${t.requiredPaceText}${t.paceAchievedText ? `（已实现${t.paceAchievedText}）` : ''}`
      : `; it needs ${t.requiredPaceText} from now${t.paceAchievedText ? ` (so far ${t.paceAchievedText})` : ''}`;
  else if (t.status === 'missed') pace = zh ? '，目标年已过' : '; the target year has passed';
  const text = zh
    ? `${name}，目标为${t.targetText}，${figure}${verdict}${pace}`
    : `${name}, target ${t.targetText}: ${figure}${verdict}${pace}`;
  return {
    targetId: t.targetId,
    indicatorName: t.indicatorName,
    status: t.status,
    figure: f,
    paceNeeded: t.requiredPaceText,
    paceAchieved: t.paceAchievedText,
    text,
  };
}

/** The opening of the report, from its model. */
export function briefingOf(model: BriefingInput): Briefing {
  const { lang, summary } = model;
  const zh = lang === 'zh';
  const groups = {
    met: groupCount(model, 'met'),
    on_course: groupCount(model, 'on_course'),
    off_course: groupCount(model, 'off_course'),
    not_judgeable: groupCount(model, 'not_judgeable'),
  };
  const total = summary.targetCount;
  const judged = summary.scoredCount;
  const judgedOnSample = summary.judgedOnSample;
  const urgent = summary.behind.slice(0, URGENT_COUNT).map((t) => urgentOf(t, model));

  const paragraphs: string[] = [];
  const { met, on_course: onCourse, off_course: offCourse, not_judgeable: notJudgeable } = groups;
  if (zh) {
    const when = model.asOf === null ? '' : `截至${model.asOf}年，`;
    const whose = model.scope ? `本计划中${model.scope.regionName}的目标共 ${total} 项` : `本计划共 ${total} 项目标`;
    paragraphs.push(
      `${when}${whose}：已实现 ${met.count} 项${met.statuses.some((s) => s.status === 'met_late') ? breakdown(met, lang) : ''}，进度正常 ${onCourse.count} 项，落后于进度或未实现 ${offCourse.count} 项${breakdown(offCourse, lang)}，暂无法判断 ${notJudgeable.count} 项${breakdown(notJudgeable, lang)}。`,
    );
  } else {
    const when = model.asOf === null ? '' : `As of ${model.asOf}, `;
    const whose = model.scope
      ? `the plan has ${plural(total, 'target', 'targets')} for ${model.scope.regionName}`
      : `the plan has ${plural(total, 'target', 'targets')}`;
    const opening = `${when}${whose}`;
    paragraphs.push(
      `${opening.charAt(0).toUpperCase()}${opening.slice(1)}: ${met.count} met${met.statuses.some((s) => s.status === 'met_late') ? breakdown(met, lang) : ''}, ${onCourse.count} on track, ${offCourse.count} off course or missed${breakdown(offCourse, lang)}, and ${notJudgeable.count} that cannot be judged yet${breakdown(notJudgeable, lang)}.`,
    );
  }
  if (judgedOnSample > 0)
    paragraphs.push(
      zh
        ? `已作出判断的 ${judged} 项中，${judgedOnSample === judged ? '全部' : `${judgedOnSample} 项`}的判断依据含示例数据（为演示而设的说明性数值，并非公开发布的统计数据），相关结论不能作为正式评估结论引用。`
        : `Of the ${plural(judged, 'judged target', 'judged targets')}, ${judgedOnSample === judged ? (judged === 1 ? 'it rests' : 'all rest') : `${judgedOnSample} rest`} on sample figures (illustrative values set for demonstration, not published statistics): those verdicts are not an official assessment.`,
    );
  if (urgent.length > 0) {
    paragraphs.push(
      zh
        ? `最需关注的 ${urgent.length} 项：${urgent.map((u, i) => `${ORDINALS_ZH[i]}是${u.text}`).join('；')}。`
        : `Most urgent: ${urgent.map((u, i) => `(${i + 1}) ${u.text}`).join('; ')}.`,
    );
  } else if (judged > 0) {
    paragraphs.push(zh ? '已作出判断的目标均未落后于进度。' : 'No judged target is behind its path.');
  } else {
    paragraphs.push(
      zh
        ? '目前没有可作判断的目标，待数据录入后自动评估。'
        : 'No target can be judged yet; each is judged as soon as its figures are entered.',
    );
  }
  return { total, groups, judged, judgedOnSample, urgent, paragraphs };
}
