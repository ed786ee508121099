// A plan's facts as its first lines state them: the title (what 印发…的通知 announces, or the first
// line naming a 规划/计划/意见/方案), the document number (吕政发〔2014〕22号), the issuer (the
// government or office that signs), the issue date (2014年11月25日), the period ((2014-2020年)) and
// the region (the issuer's city found in the region list). Each is a proposal the administrator
// checks; a fact not found is null.

import { isDigit } from './text.js';

export interface RegionRef {
  code: string;
  nameZh: string;
  parentCode?: string | null;
}

export interface PlanFacts {
  titleZh: string | null;
  docNumber: string | null;
  issuerZh: string | null;
  issueDate: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  regionCode: string | null;
}

const TITLE_WORDS = ['规划', '计划', '意见', '方案', '纲要', '办法', '措施'];
const DASHES = '-–—~～至';

/** (2014-2020年), 2019—2021, 2014至2020年: the first period in the head of the document. */
export function findPeriod(view: string): { start: number; end: number } | null {
  for (let i = 0; i + 9 <= view.length; i++) {
    if (!isDigit(view[i]) || isDigit(view[i - 1])) continue;
    const a = view.slice(i, i + 4);
    if (!/^\d{4}$/.test(a)) continue;
    const dash = view[i + 4] ?? '';
    if (!DASHES.includes(dash)) continue;
    const b = view.slice(i + 5, i + 9);
    if (!/^\d{4}$/.test(b) || isDigit(view[i + 9])) continue;
    const start = Number(a);
    const end = Number(b);
    if (start >= 1949 && end <= 2100 && end > start && end - start <= 15) return { start, end };
  }
  return null;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim());

/** The title: inside 印发《…》 / 印发…的通知, else the first line with a plan word and no sentence end. */
function findTitle(text: string, view: string): string | null {
  const textLines = lines(text);
  const viewLines = lines(view);
  for (let n = 0; n < viewLines.length && n < 40; n++) {
    const v = viewLines[n] as string;
    const t = textLines[n] as string;
    const at = v.indexOf('印发');
    const end = v.lastIndexOf('的通知');
    if (at >= 0 && end > at + 2) {
      let title = t.slice(at + 2, end);
      if (title.startsWith('《') && title.endsWith('》')) title = title.slice(1, -1);
      if (title.length >= 4) return title;
    }
  }
  for (let n = 0; n < viewLines.length && n < 40; n++) {
    const v = viewLines[n] as string;
    if (v.length >= 6 && v.length <= 80 && !v.includes('。') && TITLE_WORDS.some((w) => v.includes(w)))
      return textLines[n] as string;
  }
  return null;
}

/** 吕政发〔2014〕22号; a number whose closing bracket and 号 were lost in copying (盤政辦發〔201929) is restored. */
function findDocNumber(text: string, view: string): string | null {
  const open = view.indexOf('〔');
  if (open < 0 || open > 3000) return null;
  let s = open;
  while (s > 0 && s > open - 8 && /[\u4e00-\u9fff]/.test(view[s - 1] as string)) s--;
  const issuer = text.slice(s, open);
  const year = view.slice(open + 1, open + 5);
  if (!/^\d{4}$/.test(year) || issuer.length === 0) return null;
  let i = open + 5;
  const closed = view[i] === '〕';
  if (closed) i++;
  let num = '';
  while (isDigit(view[i]) && num.length < 5) num += view[i++];
  if (num === '') return null;
  // the number is written with 号 (號 in traditional text); the brackets are always 〔〕
  const hao = text[i] === '號' || text.includes('號') ? '號' : '号';
  return `${issuer}〔${year}〕${num}${hao}`;
}

function findIssuer(text: string, view: string): string | null {
  const textLines = lines(text);
  const viewLines = lines(view);
  for (let n = 0; n < viewLines.length && n < 60; n++) {
    const v = viewLines[n] as string;
    if (v.length <= 20 && /(?:人民政府|人民政府办公室|人民政府办公厅|委员会|科学技术局|科技局)$/.test(v))
      return textLines[n] as string;
  }
  return null;
}

function findIssueDate(view: string): string | null {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(view.slice(0, 4000));
  if (!m) return null;
  const [, y, mo, d] = m;
  return `${y}-${(mo as string).padStart(2, '0')}-${(d as string).padStart(2, '0')}`;
}

/** The region whose name (or name without its 市/县/区/省) begins the issuer, else the title. */
function findRegion(
  facts: { issuer: string | null; title: string | null },
  regions: readonly RegionRef[],
  toView: (s: string) => string,
) {
  for (const where of [facts.issuer, facts.title]) {
    if (!where) continue;
    const v = toView(where);
    const hits = regions
      .filter((r) => r.nameZh.length >= 2)
      .map((r) => {
        const short = r.nameZh.length > 2 ? r.nameZh.replace(/[市县区省]$/, '') : r.nameZh;
        return { r, at: v.includes(r.nameZh) ? v.indexOf(r.nameZh) : v.indexOf(short), len: r.nameZh.length };
      })
      .filter((h) => h.at >= 0)
      .sort((a, b) => a.at - b.at || b.len - a.len);
    if (hits[0]) return hits[0].r.code;
  }
  return null;
}

/**
 * A one-year plan (a bureau's 工作要点) names no period but its year: in the title (2019年工作要点)
 * or at the head of its first paragraph (2019年,市科技局紧紧围绕…).
 */
function singleYear(view: string, title: string | null): number | null {
  const inTitle = title ? /(\d{4})年/.exec(title) : null;
  if (inTitle) return Number(inTitle[1]);
  for (const line of view.split('\n', 8)) {
    const m = /^\s*(\d{4})年[,，]/.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

export function planFacts(text: string, view: string, regions: readonly RegionRef[], toView: (s: string) => string): PlanFacts {
  const head = view.slice(0, 6000);
  const titleView = findTitle(text, view);
  const year = singleYear(head, titleView ? toView(titleView) : null);
  const period = findPeriod(head) ?? (year !== null && year >= 1949 && year <= 2100 ? { start: year, end: year } : null);
  const titleZh = titleView;
  const issuerZh = findIssuer(text, view);
  return {
    titleZh,
    docNumber: findDocNumber(text, view),
    issuerZh,
    issueDate: findIssueDate(view),
    periodStart: period?.start ?? null,
    periodEnd: period?.end ?? null,
    regionCode: findRegion({ issuer: issuerZh, title: titleZh }, regions, toView),
  };
}
