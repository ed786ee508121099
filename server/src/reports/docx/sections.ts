// The parts of the Word briefing, in the order of a government document: the masthead with the
// briefing's number and the title; 一 the overview, opening with the generated briefing, with the
// counts by status and the headline indicators; 二 the targets behind their path with the pace they
// need; 三 each target with figures, then a table of all targets; 四 sources and method, where the
// scores and the progress measures are kept. Every sample figure is marked 示例数据 where it appears.

import {
  AlignmentType,
  BorderStyle,
  FootnoteReferenceRun,
  HeadingLevel,
  Paragraph,
  ShadingType,
  type Table,
  TabStopType,
} from 'docx';
import type { Briefing, BriefingGroup } from '../briefing.js';
import { clauseParts, damagedNote } from '../clause.js';
import { formatNumber, type Lang, SAMPLE_WORD, statusText, vintageLabel, withUnit } from '../labels.js';
import type { ReportModel, ReportTarget } from '../model.js';
import { T, type Words } from '../words.js';
import { body, COLOR, type DocCell, FONT, gap, note, type Run, runs, SIZE, TEXT_WIDTH, table, xmlSafe } from './style.js';
import { DOCX_WORDS } from './words.js';

export type Block = Paragraph | Table;
type DocxWords = (typeof DOCX_WORDS)['zh'];

/** Footnotes gathered while the body is built: the document is made with them once the body is done. */
export class Footnotes {
  readonly notes: Record<number, { children: Paragraph[] }> = {};
  private next = 1;

  add(text: string): FootnoteReferenceRun {
    const id = this.next++;
    this.notes[id] = { children: [new Paragraph({ style: 'FootnoteText', children: runs([text]) })] };
    return new FootnoteReferenceRun(id);
  }
}

export interface Context {
  model: ReportModel;
  lang: Lang;
  /** The PDF's words, where the briefing says the same. */
  w: Words;
  d: DocxWords;
  briefing: Briefing;
  footnotes: Footnotes;
}

export function context(model: ReportModel, briefing: Briefing): Context {
  return {
    model,
    lang: model.lang,
    w: T[model.lang] as Words,
    d: DOCX_WORDS[model.lang] as DocxWords,
    briefing,
    footnotes: new Footnotes(),
  };
}

const heading = (level: (typeof HeadingLevel)[keyof typeof HeadingLevel], text: string) =>
  new Paragraph({ heading: level, children: runs([text]) });
const h1 = (text: string) => heading(HeadingLevel.HEADING_1, text);
const h2 = (text: string) => heading(HeadingLevel.HEADING_2, text);
const h3 = (text: string) => heading(HeadingLevel.HEADING_3, text);

/** "0.71%（2020年）", "0.71% (2020)". */
function yearValue(v: { year: number; value: number }, unit: string, lang: Lang): string {
  return lang === 'zh' ? `${withUnit(v.value, unit, lang)}（${v.year}年）` : `${withUnit(v.value, unit, lang)} (${v.year})`;
}

/** A figure in running text, its year and, for a sample figure, the mark: "62家（2020年，示例数据）". */
function yearValueMarked(v: { year: number; value: number; isSample: boolean }, unit: string, lang: Lang): string {
  if (!v.isSample) return yearValue(v, unit, lang);
  return lang === 'zh'
    ? `${withUnit(v.value, unit, lang)}（${v.year}年，${SAMPLE_WORD.zh}）`
    : `${withUnit(v.value, unit, lang)} (${v.year}, ${SAMPLE_WORD.en.toLowerCase()})`;
}

/** The target's name, with its region in front where it is not the briefing's own. */
function targetName(t: ReportTarget, ctx: Context): string {
  const own = ctx.model.scope?.regionCode ?? ctx.model.plan.regionCode;
  if (t.regionCode === own) return t.indicatorName;
  return ctx.lang === 'zh' ? `${t.regionName} · ${t.indicatorName}` : `${t.indicatorName} (${t.regionName})`;
}

/** A clause as runs: the source's text, its damaged characters as bold red markers. */
function clauseRuns(clause: string): Run[] {
  return clauseParts(clause).map((p) => (p.damaged ? { text: p.text, bold: true, color: COLOR.red } : p.text));
}

function period(model: ReportModel): string | null {
  const { periodStart, periodEnd } = model.plan;
  if (periodStart === null) return null;
  return periodEnd === null || periodEnd === periodStart ? String(periodStart) : `${periodStart}–${periodEnd}`;
}

export function masthead(ctx: Context): Block[] {
  const { model, d, lang } = ctx;
  const blocks: Block[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 900, lineRule: 'exact' },
      children: runs([
        {
          text: d.masthead,
          font: FONT.songti,
          bold: true,
          color: COLOR.red,
          size: lang === 'zh' ? 56 : 40,
          characterSpacing: lang === 'zh' ? 40 : 0,
        },
      ]),
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: runs([d.number(model.generatedOn.slice(0, 4), model.plan.id)]),
    }),
    // The line under the masthead: who compiled it on the left, the date on the right, a red rule below.
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: COLOR.red, space: 4 } },
      children: runs([`${d.compiledBy}\t${d.date(model.generatedOn)}`], { size: SIZE.si }),
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs([d.title(model.plan.title)]) }),
  ];
  if (model.scope)
    blocks.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: runs([{ text: d.scopeTitle(model.scope.regionName), font: FONT.kaiti }]),
      }),
    );
  blocks.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: runs([{ text: d.facts(model.plan.docNumber, period(model), model.asOf), font: FONT.kaiti, size: SIZE.si }]),
    }),
  );
  if (model.hasSample)
    blocks.push(
      new Paragraph({
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOR.sampleWash },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: COLOR.sample, space: 6 } },
        spacing: { line: 400, lineRule: 'exact', after: 120 },
        children: runs(
          [
            { text: `${SAMPLE_WORD[lang]}${lang === 'zh' ? '　' : ' · '}`, font: FONT.heiti, color: COLOR.sample },
            d.sampleNotice,
          ],
          { size: SIZE.xiaosi },
        ),
      }),
    );
  return blocks;
}

const GROUP_ORDER: BriefingGroup[] = ['met', 'on_course', 'off_course', 'not_judgeable'];

export function overview(ctx: Context): Block[] {
  const { model, d, w, lang, briefing } = ctx;
  const blocks: Block[] = [h1(d.s1), ...briefing.paragraphs.map((p) => body(p))];

  blocks.push(h2(d.s1a));
  const rows: DocCell[][] = GROUP_ORDER.flatMap((group) => {
    const g = briefing.groups[group];
    if (g.statuses.length === 0)
      return [[{ text: d.groups[group], bold: true }, { text: '—' }, { text: '0', align: 'right' as const }]];
    return g.statuses.map((s, i) => [
      { text: i === 0 ? d.groups[group] : '', bold: true },
      { text: s.label },
      { text: String(s.count), align: 'right' as const },
    ]);
  });
  rows.push([{ text: d.total, bold: true }, { text: '' }, { text: String(briefing.total), align: 'right', bold: true }]);
  blocks.push(table(d.countCols, rows, [3, 3, 1.4]), gap(), body(w.totals(model)));

  blocks.push(h2(d.s1b));
  blocks.push(
    table(
      w.headlineCols,
      model.summary.headlines.map((h) => [
        { text: h.indicatorName },
        {
          text: h.latest ? withUnit(h.latest.value, h.unit, lang) : w.noFigure,
          align: 'right',
          bold: h.latest !== null,
          sub: h.latest?.isSample ? SAMPLE_WORD[lang] : null,
        },
        { text: h.latest ? String(h.latest.year) : '—', align: 'center' },
        { text: h.latest ? vintageLabel(h.latest.vintage, lang) : '—' },
        { text: h.target ? h.target.text : w.noTarget },
        { text: h.target ? statusText(h.target.status, h.target.basis, lang, h.target.statusLabel) : '—' },
      ]),
      // 数据版本 and 最终核实 on one line each (LibreOffice broke them at 1.3).
      [3, 1.6, 1, 1.6, 2.6, 2.1],
    ),
    note(w.headlineNote),
  );
  return blocks;
}

/** The figure a verdict rests on, with its year; the sample mark under it. */
function judgedCell(t: ReportTarget, ctx: Context): DocCell {
  return {
    text: t.judgedLatest ? yearValue(t.judgedLatest, t.unit, ctx.lang) : '—',
    sub: t.judgedLatest?.isSample ? SAMPLE_WORD[ctx.lang] : null,
  };
}

const paceCell = (t: ReportTarget, w: Words): DocCell =>
  t.requiredPaceText ? { text: t.requiredPaceText, bold: true } : { text: t.status === 'missed' ? w.targetYearPassed : '—' };

export function behind(ctx: Context): Block[] {
  const { model, d, w } = ctx;
  const list = model.summary.behind;
  if (list.length === 0) return [h1(d.s2), body(d.s2none)];
  return [
    h1(d.s2),
    body(d.s2intro(list.length)),
    table(
      d.behindCols,
      list.map((t, i) => [
        { text: String(i + 1), align: 'center' },
        { text: targetName(t, ctx) },
        { text: t.targetText },
        judgedCell(t, ctx),
        { text: t.statusText },
        paceCell(t, w),
      ]),
      [1, 3, 2.7, 2.3, 2, 2.2],
    ),
    gap(),
  ];
}

/** A field of a target's paragraph: "目标：…". */
const field = (d: DocxWords, label: string, value: string): Run[] => [{ text: d.field(label), font: FONT.heiti }, value];

function targetPart(t: ReportTarget, index: number, ctx: Context): Block[] {
  const { d, w, lang } = ctx;
  const blocks: Block[] = [h3(`${d.item(index)}${targetName(t, ctx)}`)];
  // The clause as the source prints it; what a marker stands for, in a footnote.
  const damaged = damagedNote(t.clause, lang);
  blocks.push(
    body([{ text: d.field(w.clause), font: FONT.heiti }, ...clauseRuns(t.clause)], damaged ? [ctx.footnotes.add(damaged)] : []),
  );

  const latest = t.latest ? yearValueMarked(t.latest, t.unit, lang) : '—';
  const facts: Run[][] = [
    field(d, w.target, t.targetText),
    field(d, w.status, t.statusText),
    field(d, w.latest, latest),
    field(d, w.paceNeeded, t.requiredPaceText ?? (t.status === 'missed' ? w.targetYearPassed : '—')),
    field(d, w.paceAchieved, t.paceAchievedText ?? '—'),
  ];
  if (t.judgedLatest && t.latest && t.judgedLatest.year !== t.latest.year)
    facts.push([
      w.judgedOn(yearValueMarked(t.judgedLatest, t.unit, lang), t.targetYear !== null && t.judgedLatest.year > t.targetYear),
    ]);
  // A latest year after the target year is never shown without saying why (the web's words).
  else if (t.judgedYearNote) facts.push([t.judgedYearNote]);
  if (t.badges.length > 0) facts.push([t.badges.join(d.join)]);
  blocks.push(body(facts.flatMap((f, i) => (i < facts.length - 1 ? [...f, d.join] : [...f, d.end]))));
  blocks.push(body(field(d, w.explanation, t.explanation)));
  if (t.cumulative && (t.type === 'cumulative' || t.type === 'per_year'))
    blocks.push(
      body(w.cumulativeLine(withUnit(t.cumulative.actual, t.unit, lang), withUnit(t.cumulative.required, t.unit, lang))),
    );
  if (t.milestones.length > 0)
    blocks.push(
      body(
        field(
          d,
          w.milestones,
          t.milestones
            .map((m) =>
              w.milestoneLine(
                m.year,
                m.value === null ? '—' : withUnit(m.value, t.unit, lang),
                m.observed === null ? '—' : withUnit(m.observed, t.unit, lang),
                m.statusLabel,
              ),
            )
            .join(d.join) + d.end,
        ),
      ),
    );
  if (t.flags.length > 0) blocks.push(body(field(d, w.flags, t.flags.map((f) => f.text).join(lang === 'zh' ? '' : ' '))));
  for (const c of t.comments)
    blocks.push(body(field(d, w.commentary, `${w.commentLine(c)}${lang === 'zh' ? '：' : ': '}${c.body}`)));

  // The figures year by year.
  const hasBench = t.rows.some((r) => r.benchmark !== null);
  const hasRunning = t.rows.some((r) => r.runningTotal !== null);
  const headers = [
    ...w.tableCols(t.unit),
    ...(hasBench ? [w.benchCol(t.unit)] : []),
    ...(hasRunning ? [w.runningCol(t.unit)] : []),
  ];
  const num = (x: number | null) => (x === null ? '—' : formatNumber(x, lang));
  const rows: DocCell[][] = t.rows.map((r) => [
    { text: String(r.year), align: 'center' },
    { text: num(r.observed), align: 'right', bold: r.observed !== null },
    { text: r.vintage ? vintageLabel(r.vintage, lang) : '—' },
    {
      text: r.isSample === null ? '—' : r.isSample ? SAMPLE_WORD[lang] : r.observed === null ? w.notPublished : w.published,
      bold: r.isSample === true,
    },
    { text: num(r.required), align: 'right' },
    { text: num(r.projected), align: 'right' },
    ...(hasBench
      ? [{ text: num(r.benchmark), align: 'right' as const, sub: r.benchmarkIsSample ? SAMPLE_WORD[lang] : null }]
      : []),
    ...(hasRunning ? [{ text: num(r.runningTotal), align: 'right' as const }] : []),
  ]);
  blocks.push(
    table(headers, rows, [1, 1.6, 1.3, 1.5, 1.6, 1.4, ...(hasBench ? [1.6] : []), ...(hasRunning ? [1.5] : [])]),
    gap(),
  );
  return blocks;
}

export function targets(ctx: Context): Block[] {
  const { model, d, w, lang } = ctx;
  const blocks: Block[] = [h1(d.s3), h2(d.s3a)];
  if (model.detailed.length === 0) blocks.push(body(d.s3aNone));
  model.detailed.forEach((t, i) => {
    blocks.push(...targetPart(t, i + 1, ctx));
  });
  blocks.push(h2(d.s3b), body(d.s3bIntro(model.targets.length)));
  blocks.push(
    table(
      d.allCols,
      model.targets.map((t) => [
        { text: String(t.position + 1), align: 'center' },
        { text: targetName(t, ctx) },
        { text: '', runs: clauseRuns(t.clause), sub: damagedNote(t.clause, lang), subColor: COLOR.red },
        { text: t.targetText },
        { text: t.statusText },
        {
          text: t.latest ? yearValue(t.latest, t.unit, lang) : '—',
          sub: t.latest?.isSample ? SAMPLE_WORD[lang] : null,
        },
        paceCell(t, w),
      ]),
      // 序号 on one line; a long English word (expenditure, Achieved) not broken inside.
      [1, 2.5, 3.1, 2.1, 2.1, 1.7, 1.7],
    ),
    gap(),
  );
  return blocks;
}

export function sourcesAndMethod(ctx: Context): Block[] {
  const { model, d, w, lang } = ctx;
  const blocks: Block[] = [h1(d.s4), h2(d.s4a), body(d.s4aIntro)];
  if (model.sources.length === 0) blocks.push(body(w.noSources));
  else
    blocks.push(
      table(
        d.sourceCols,
        model.sources.flatMap((s) =>
          s.figures.map((f) => [
            { text: s.regionName },
            { text: `${s.indicatorName}${s.unit ? (lang === 'zh' ? `（${s.unit}）` : ` (${s.unit})`) : ''}` },
            { text: String(f.year), align: 'center' as const },
            {
              text: f.value === null ? '—' : withUnit(f.value, s.unit, lang, 4),
              align: 'right' as const,
              bold: true,
              sub: f.isSample ? SAMPLE_WORD[lang] : null,
            },
            {
              text: f.isSample
                ? SAMPLE_WORD[lang]
                : vintageLabel(f.vintage, lang) + (f.revisionCount > 1 ? ` · ${w.revisions(f.revisionCount - 1)}` : ''),
            },
            // A sample figure has no source: the briefing says what it is, in the briefing's language.
            f.isSample ? { text: d.sampleSource } : { text: f.sourceTitle, sub: f.sourceUrl, subColor: '1F5FBF' },
          ]),
        ),
        [1.3, 2.6, 0.9, 1.6, 1.5, 4],
      ),
      gap(),
    );

  blocks.push(h2(d.s4b), ...w.method.map((p) => body(p)));

  blocks.push(h2(d.s4c), body(w.scoresIntro));
  const judged = model.targets.filter((t) => t.score !== null);
  if (judged.length === 0) blocks.push(body(w.noScores));
  else {
    const value = (x: number | null) => (x === null ? '—' : formatNumber(x, lang));
    blocks.push(
      table(
        w.scoreCols,
        judged.map((t) => [
          { text: String(t.position + 1), align: 'center' },
          { text: targetName(t, ctx) },
          { text: t.statusText },
          { text: t.score === null ? '—' : `${formatNumber(t.score, lang)} / 5`, align: 'right', bold: true },
          { text: value(t.progressToDate), align: 'right' },
          {
            text: value(t.outlook),
            align: 'right',
            sub: t.outlook !== null && t.confidence === 'low_confidence' ? w.lowConfidenceShort : null,
            subColor: COLOR.muted,
          },
        ]),
        [0.8, 3.4, 2.4, 1.3, 1.3, 1.3],
      ),
      gap(),
      body(w.meanScore(model)),
    );
  }
  blocks.push(
    new Paragraph({
      style: 'BriefingNote',
      spacing: { before: 360 },
      border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } },
      children: runs([xmlSafe(d.colophon(d.date(model.generatedOn)))]),
    }),
  );
  return blocks;
}
