// The words of the Word briefing that the PDF does not say the same way: the masthead, the numbered
// sections and the tables' headers. Chinese prose takes full-width punctuation.

import type { BriefingGroup } from '../briefing.js';

export const DOCX_WORDS = {
  zh: {
    masthead: '科技创新规划进展简报',
    /**
     * The briefing's number in the form of a 发文字号: the year it was made and the plan's number in
     * Jindu, one per plan a year. It identifies the briefing; it is not the number of an issued document.
     */
    number: (year: string, planId: number) => `进度简报〔${year}〕${planId}号`,
    compiledBy: 'Jindu（进度）编印',
    date: (iso: string) => {
      const [y, m, d] = iso.split('-').map(Number);
      return `${y}年${m}月${d}日`;
    },
    title: (planTitle: string) => `《${planTitle}》目标进展情况`,
    scopeTitle: (region: string) => `（${region}）`,
    facts: (docNumber: string | null, period: string | null, asOf: number | null) =>
      [docNumber, period === null ? null : `规划期${period}年`, asOf === null ? '暂无数据' : `数据截至${asOf}年`]
        .filter((x): x is string => x !== null)
        .join('　'),
    sampleNotice:
      '本简报含示例数据：部分年份的数值是为演示而设的说明性数值，并非公开发布的统计数据。凡用到示例数据之处均标注“示例数据”，依据示例数据作出的判断均注明“依据示例数据”。',
    headerSample: '本简报含示例数据（非公开发布的说明性数值），不得作为统计数据引用',
    s1: '一、总体情况',
    s1a: '（一）目标状态统计',
    s1b: '（二）核心指标',
    s2: '二、落后于进度的目标',
    s2intro: (n: number) => `以下 ${n} 项目标落后于进度或未达成，按落后程度排列，并列出按期实现所需的年均速度。`,
    s2none: '没有落后于进度的已评估目标。',
    s3: '三、各项目标进展情况',
    s3a: '（一）有数据的目标',
    s3aNone: '本简报范围内的目标在评估年份前均没有数据。',
    s3b: '（二）全部目标一览',
    s3bIntro: (n: number) => `本简报范围内共 ${n} 项目标，按规划原文顺序排列。`,
    s4: '四、数据来源与评估方法',
    s4a: '（一）数据来源',
    s4aIntro: '本简报所用的每一个数值及其数据版本和来源。示例数据为说明性数值，并非公开发布。',
    s4b: '（二）评估方法',
    s4c: '（三）得分与进度指标',
    groups: {
      met: '已实现',
      on_course: '进度正常',
      off_course: '落后于进度或未实现',
      not_judgeable: '暂无法判断',
    } satisfies Record<BriefingGroup, string>,
    total: '合计',
    countCols: ['类别', '状态', '项数'],
    behindCols: ['序号', '指标', '目标', '评估所用数值', '状态', '所需年均速度'],
    allCols: ['序号', '指标', '原文条款', '目标', '状态', '最新值', '所需年均速度'],
    sourceCols: ['地区', '指标', '年份', '数值', '数据版本', '来源'],
    sampleSource: '示例数据，未公开发布',
    item: (i: number) => `${i}．`,
    field: (label: string) => `${label}：`,
    join: '；',
    end: '。',
    colophon: (date: string) =>
      `本简报由 Jindu（进度）根据已录入的统计数据和规划原文于${date}自动生成。简报编号由生成年份和计划序号组成，仅供识别，不是发文字号。`,
  },
  en: {
    masthead: 'Science and Technology Plan Progress Briefing',
    number: (year: string, planId: number) => `Jindu Briefing [${year}] No. ${planId}`,
    compiledBy: 'Compiled by Jindu',
    date: (iso: string) => {
      const [y, m, d] = iso.split('-').map(Number);
      return new Date(Date.UTC(y as number, (m as number) - 1, d as number)).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
    },
    title: (planTitle: string) => `Progress toward the targets of the ${planTitle}`,
    scopeTitle: (region: string) => `(${region})`,
    facts: (docNumber: string | null, period: string | null, asOf: number | null) =>
      [docNumber, period === null ? null : `plan period ${period}`, asOf === null ? 'no figures yet' : `figures as of ${asOf}`]
        .filter((x): x is string => x !== null)
        .join(' · '),
    sampleNotice:
      'This briefing contains sample data: some yearly figures are illustrative values set for demonstration, not published statistics. Every such figure is marked “sample data”, and every verdict resting on one says so.',
    headerSample: 'Contains sample data (illustrative figures, not published): do not cite them as statistics',
    s1: '1. Overview',
    s1a: '(1) Targets by status',
    s1b: '(2) Headline indicators',
    s2: '2. Targets behind their path',
    s2intro: (n: number) =>
      `These ${n === 1 ? 'target is' : `${n} targets are`} behind their path or missed, the furthest behind first, with the pace a year needed to meet them in time.`,
    s2none: 'No judged target is behind its path.',
    s3: '3. Progress of each target',
    s3a: '(1) Targets with figures',
    s3aNone: 'No target of this briefing has a figure up to the as-of year.',
    s3b: '(2) All targets',
    s3bIntro: (n: number) => `The ${n === 1 ? 'target' : `${n} targets`} of this briefing, in the order of the plan.`,
    s4: '4. Sources and method',
    s4a: '(1) Sources',
    s4aIntro:
      'Every figure this briefing uses, with its vintage and source. Sample figures are illustrative and were not published.',
    s4b: '(2) Method',
    s4c: '(3) Scores and progress measures',
    groups: {
      met: 'Met',
      on_course: 'On track',
      off_course: 'Off course or missed',
      not_judgeable: 'Cannot be judged yet',
    } satisfies Record<BriefingGroup, string>,
    total: 'Total',
    countCols: ['Group', 'Status', 'Targets'],
    behindCols: ['#', 'Indicator', 'Target', 'Figure judged', 'Status', 'Pace needed'],
    allCols: ['#', 'Indicator', 'Clause (source text)', 'Target', 'Status', 'Latest', 'Pace needed'],
    sourceCols: ['Region', 'Indicator', 'Year', 'Value', 'Vintage', 'Source'],
    sampleSource: 'Sample data, not published',
    item: (i: number) => `${i}. `,
    field: (label: string) => `${label}: `,
    join: '; ',
    end: '.',
    colophon: (date: string) =>
      `Made by Jindu on ${date} from the figures entered and the text of the plan. The briefing number is the year it was made and the plan's number in Jindu: it identifies the briefing and is not the number of an issued document.`,
  },
};
