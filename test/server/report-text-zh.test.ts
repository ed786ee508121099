import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readSeed } from '../../server/src/seed/load.js';
import { useApp } from '../helpers/app.js';
import { CJK, latinRuns, literalText, PLACEHOLDER } from '../helpers/zhText.js';

// The Chinese reports are read by leaders: their prose takes full-width punctuation (，。：；（）？！),
// with no space around a full-width bracket, as the progress engine's sentences and the import
// messages do. ASCII stays where it is not prose: numbers (1,234.5), ranges, units, codes, URLs and
// paths (/api/targets/:id/progress), formulas (R(t)), English, and data quoted as stored: clauses,
// source titles, plan titles and the names of indicators and regions (高新技术企业数(年末)).
//
// Two readings, as the import messages' test does (test/domain/import-messages-zh.test.ts):
//  1. every Chinese literal of the report code, parsed with TypeScript, so that a text the seed never
//     shows (a flag, a target type, a scope line) is read too;
//  2. the Chinese PDFs (and the workbook's own words) as a reader gets them, through pdftotext, with
//     the seed's data taken out.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'reports');

// ---------------------------------------------------------------------------------------------
// 1. The source.
//
// A literal is Chinese when it is
//  - inside the value of a `zh:` property (`{ zh: '已达成', en: 'Achieved' }`, the PDF's `T.zh`), or
//  - in the Chinese branch of a test of the language: `zh ? A : B`, `lang === 'zh' ? A : B`,
//    `lang === 'en' ? B : A`, `if (lang === 'zh') { A }`, or
//  - outside any such test and holding a Chinese character.
// In a Chinese literal, every ASCII , : ; ( ) ? ! is prose punctuation, and wrong, unless it is part of
// one of these, which are taken out first: a `${…}` placeholder, a quoted value (“…”), a number with
// thousands separators (1,234.5), a ratio (120:1), a URL or path (https://…, /api/targets/:id/progress,
// docs/progress-method.md), or a function of one letter (R(t)). A mark with nothing Chinese beside it
// is still prose in a Chinese literal: `'('` in `zh ? '(' : ' ('` opens a bracket in a Chinese line, and
// “+5,5 为已达成” is a comma between two clauses, not a number.

const SOURCES = [
  // The report code, its parts' folders (pdf/, docx/) included.
  ...fs
    .readdirSync(path.join(ROOT, 'server/src/reports'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => `server/src/reports/${f}`),
  // The engine's explanation and the labels are shown in the reports as they are.
  'server/src/domain/progress/explain.ts',
];

interface Literal {
  file: string;
  line: number;
  text: string;
}

type Lang = 'zh' | 'en' | null;

/** The language a condition selects for its true branch: `zh`, `lang === 'zh'`, `x.lang !== 'en'`, `!zh`. */
function branchLanguage(cond: ts.Expression): Lang {
  let e = cond;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isIdentifier(e) && e.text === 'zh') return 'zh';
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = branchLanguage(e.operand);
    return inner === 'zh' ? 'en' : inner === 'en' ? 'zh' : null;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!equal && !unequal) return null;
    const lit = [e.left, e.right].find((x) => ts.isStringLiteral(x) && (x.text === 'zh' || x.text === 'en')) as
      | ts.StringLiteral
      | undefined;
    if (!lit) return null;
    const named = lit.text as 'zh' | 'en';
    return equal ? named : named === 'zh' ? 'en' : 'zh';
  }
  return null;
}

const other = (lang: 'zh' | 'en'): 'zh' | 'en' => (lang === 'zh' ? 'en' : 'zh');

function chineseLiterals(file: string, code: string): Literal[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const out: Literal[] = [];
  const visit = (node: ts.Node, lang: Lang) => {
    const text = literalText(node);
    if (text !== null && (lang === 'zh' || (lang === null && CJK.test(text)))) {
      out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && (node.name.text === 'zh' || node.name.text === 'en')) {
      visit(node.initializer, node.name.text);
      return;
    }
    if (ts.isConditionalExpression(node) || ts.isIfStatement(node)) {
      const cond = ts.isConditionalExpression(node) ? node.condition : node.expression;
      const yes = ts.isConditionalExpression(node) ? node.whenTrue : node.thenStatement;
      const no = ts.isConditionalExpression(node) ? node.whenFalse : node.elseStatement;
      const chosen = branchLanguage(cond);
      if (chosen !== null) {
        visit(cond, null);
        visit(yes, chosen);
        if (no) visit(no, other(chosen));
        return;
      }
    }
    // A template's own spans are read with the template; its nested templates are their own.
    if (ts.isTemplateExpression(node)) {
      for (const span of node.templateSpans) visit(span.expression, lang);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, lang));
  };
  visit(source, null);
  return out;
}

/** What stands where something that is not prose was taken out. */
const GAP = '⟨⟩';

/** What is left of a Chinese literal once the parts that are not prose are taken out. */
function proseOf(zh: string): string {
  return zh
    .split(PLACEHOLDER)
    .join(GAP)
    .replace(/“[^”]*”/g, GAP) // a quoted value
    .replace(/[a-z]+:\/\/\S*/gi, GAP) // a URL
    .replace(/[A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.:-]+)+/g, GAP) // a path: /api/targets/:id/progress, docs/x.md
    .replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?/g, GAP) // 1,234.5
    .replace(/\d+:\d+/g, GAP) // 120:1
    .replace(/\b[A-Za-z]\([a-z]\)/g, GAP); // R(t)
}

const ASCII_MARKS = /[,:;()?!]/;

/** The ASCII marks left in the prose of a Chinese literal, each with a little context; empty when clean. */
function asciiMarksInProse(zh: string): string[] {
  const rest = proseOf(zh);
  const found: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (ASCII_MARKS.test(rest[i] as string)) found.push(`…${rest.slice(Math.max(0, i - 8), i + 9)}…`);
  }
  return found;
}

describe('the Chinese words of the report code', () => {
  const literals = SOURCES.flatMap((file) => chineseLiterals(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));

  it('are found in every file that has them, in tables, branches and templates', () => {
    for (const file of ['labels.ts', 'model.ts', 'words.ts', 'clause.ts', 'briefing.ts', 'docx/words.ts', 'tables.ts', 'xlsx.ts'])
      expect(literals.filter((l) => l.file === `server/src/reports/${file}`).length, file).toBeGreaterThan(
        file === 'model.ts' || file === 'clause.ts' ? 0 : 10,
      );
    expect(literals.filter((l) => l.file.endsWith('explain.ts')).length).toBeGreaterThan(20);
    // Some that only a branch or a table says are Chinese.
    const texts = literals.map((l) => l.text);
    expect(texts).toContain('已达成'); // STATUS_LABELS, a `zh:` property
    expect(texts).toContain('汇总'); // xlsx, `zh ? '汇总' : 'Summary'`
    expect(texts.some((t) => t.startsWith('年均增长'))).toBe(true); // labels, a template in a zh branch
    expect(literals.length).toBeGreaterThan(200);
  });

  it('use full-width punctuation in their prose', () => {
    const bad = literals.flatMap((l) => asciiMarksInProse(l.text).map((where) => `${l.file}:${l.line} ${where}`));
    expect(bad).toEqual([]);
  });
});

describe('the source reader itself', () => {
  const read = (code: string) => chineseLiterals('x.ts', code).map((l) => l.text);

  it('takes the Chinese branch of a language test, and the `zh:` of a table', () => {
    expect(read(`const a = zh ? '(' : ' (';`)).toEqual(['(']);
    expect(read(`const a = lang === 'en' ? ' (' : ':';`)).toEqual([':']);
    expect(read(`const a = model.lang !== 'zh' ? 'Scope: ' : '范围';`)).toEqual(['范围']);
    expect(read(`if (lang === 'zh') { x = \`年均 \${n}%\`; } else { x = '% a year'; }`)).toEqual(['年均 ⟨…⟩%']);
    expect(read(`const L = { a: { zh: '已达成', en: 'Achieved' } };`)).toEqual(['已达成']);
    expect(read(`const T = { zh: { unit: (u) => \`(\${u})\` }, en: { unit: (u) => \` (\${u})\` } };`)).toEqual(['(⟨…⟩)']);
    // Outside any test, only what holds Chinese; English that quotes Chinese in an English branch is English.
    expect(read(`const a = '(%)'; const b = '单位(%)'; const c = zh ? 'x' : 'Report (进展报告)';`)).toEqual(['单位(%)', 'x']);
  });

  it('flags ASCII marks in Chinese prose, and only there', () => {
    expect(asciiMarksInProse('报告范围:本计划中⟨…⟩的 ⟨…⟩ 项目标')).toHaveLength(1);
    expect(asciiMarksInProse('报告范围：本计划中⟨…⟩的 ⟨…⟩ 项目标')).toEqual([]);
    expect(asciiMarksInProse('平均得分 ⟨…⟩(−5 至 +5,5 为已达成)。')).toHaveLength(3);
    expect(asciiMarksInProse('(⟨…⟩)')).toHaveLength(2);
    expect(asciiMarksInProse('与 /api/targets/:id/progress 和 /api/observations 一致；方法见 docs/progress-method.md。')).toEqual(
      [],
    );
    expect(asciiMarksInProse('进度 A =（最新值 − 基期值）/（R(t) − 基期值），1 表示恰在路径上')).toEqual([]);
    expect(asciiMarksInProse('未公布（“—”“x”）的年份，共 1,234.5 万元，比例 120:1')).toEqual([]);
    expect(asciiMarksInProse('docs/progress-method.md(《Jindu 如何应用进展评估方法》)')).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The reports as read.
//
// The text of the PDF (pdftotext -raw: the order it was written in, so a wrapped cell or clause stays
// in one piece) with every space and line break taken out, and then every piece of data the seed
// holds, as it is stored: the plans' titles, document numbers, issuers and clauses, the sources'
// titles and addresses, and the names of the indicators and the regions (seed/indicators.tsv,
// seed/regions.tsv). What is left is the report's own words and numbers. An ASCII , ; : ( ) ? ! there
// with a Chinese character on either side (a space between them does not count) is Chinese prose
// punctuated in ASCII: “标:本”, “得分—(−5”, “%(原文”, “Jindu(进度)”.

const seed = readSeed(path.join(ROOT, 'seed'));
const DATA = [
  ...seed.plans.flatMap((p) => [p.titleZh, p.docNumber ?? '', p.issuerZh, ...p.targets.map((t) => t.clause)]),
  ...seed.observations.flatMap((o) => [o.sourceTitle, o.sourceUrl ?? '']),
  ...seed.indicators.flatMap((i) => [i.nameZh, i.unit]),
  ...seed.regions.map((r) => r.nameZh),
]
  // As the PDF shows a clause: a damaged glyph (a private-use character) between digits drawn as [.].
  .map((s) => s.replace(/(?<=\d)[\uE000-\uF8FF](?=\d)/g, '[.]').replace(/\s+/g, ''))
  .filter((s) => s !== '' && /[,;:()?!]/.test(s));
const DATA_LONGEST_FIRST = [...new Set(DATA)].sort((a, b) => b.length - a.length);

/** The report's own words: spaces out, the seed's data out, and a function of one letter (R(t)) too. */
function ownWords(text: string): string {
  let s = text.replace(/\s+/g, '');
  for (const d of DATA_LONGEST_FIRST) s = s.split(d).join(GAP);
  return s.replace(/\b[A-Za-z]\([a-z]\)/g, GAP);
}

/** The ASCII marks of Chinese prose: a CJK character right before or right after. */
function asciiMarksBesideChinese(own: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < own.length; i++) {
    if (!/[,;:()?!]/.test(own[i] as string)) continue;
    if (CJK.test(own[i - 1] ?? '') || CJK.test(own[i + 1] ?? '')) found.push(`…${own.slice(Math.max(0, i - 10), i + 11)}…`);
  }
  return found;
}

describe('the checker of the reports as read', () => {
  it('takes the seed data out and finds ASCII marks beside Chinese', () => {
    // The seed does hold names and titles with ASCII brackets: they are data, left as stored.
    expect(DATA).toContain('高新技术企业数(年末)');
    expect(DATA).toContain('示例数据(sample,notpublished)');
    expect(DATA).toContain('国家创新驱动发展战略吕梁行动计划(2014-2020年)');
    expect(asciiMarksBesideChinese(ownWords('吕梁市 · 高新技术企业数(年末)（家）'))).toEqual([]);
    expect(asciiMarksBesideChinese(ownWords('吕梁市 · 高新技术企业数(年末)(家)'))).toHaveLength(2);
    expect(asciiMarksBesideChinese(ownWords('报告范围:本计划中吕梁市离石区的 4 项目标'))).toHaveLength(1);
    expect(asciiMarksBesideChinese(ownWords('2020年 ≥ 2.5%(原文印作 25%)'))).toHaveLength(1);
    // Beside Chinese only: “—(−5” and “+5,5” have none, and are left to the reading of the source.
    expect(asciiMarksBesideChinese(ownWords('共 4 项目标,已评估 0 项;平均得分 —(−5 至 +5,5 为已达成)。'))).toHaveLength(3);
    expect(asciiMarksBesideChinese(ownWords('2020年 ≥ 2.5%（原文印作 25%）'))).toEqual([]);
    expect(asciiMarksBesideChinese(ownWords('要求路径 R(t)：1,234.5 http://www.sxyh.gov.cn/a.html (2021)'))).toEqual([]);
  });
});

const { app } = useApp();
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const REPORTS = [
  { name: 'lvliang-2014-2020', url: '/api/reports/plans/lvliang-2014-2020' },
  { name: 'lvliang-2014-2020-141102', url: '/api/reports/plans/lvliang-2014-2020', query: '&region=141102' },
  { name: 'panjin-2019-2021', url: '/api/reports/plans/panjin-2019-2021' },
] as const;

describe('the Chinese reports as read', () => {
  for (const report of REPORTS) {
    it(`${report.name}: the PDF's own words take full-width punctuation`, async () => {
      const res = await app().inject({ method: 'GET', url: `${report.url}.pdf?lang=zh${'query' in report ? report.query : ''}` });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `punct-${report.name}-zh.pdf`);
      fs.writeFileSync(file, res.rawPayload);
      const own = ownWords(run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']));
      // The text was read, and the report's words are in it.
      expect(own).toContain('第1页/共');
      expect(own).toContain('附录二评估方法说明');
      expect(asciiMarksBesideChinese(own)).toEqual([]);
    });
  }

  it("the Word briefing's own words take full-width punctuation", async () => {
    for (const report of REPORTS) {
      const res = await app().inject({
        method: 'GET',
        url: `${report.url}.docx?lang=zh${'query' in report ? report.query : ''}`,
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
      // The text of its runs, a paragraph a line (entities decoded: &amp; in R&D).
      const text = xml
        .split('</w:p>')
        .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
        .join('\n')
        .replace(/&amp;/g, '&')
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"');
      const own = ownWords(text);
      expect(own).toContain('一、总体情况');
      expect(asciiMarksBesideChinese(own), report.name).toEqual([]);
    }
  });

  it("the workbook's own words (headers, the about sheet) take full-width punctuation", async () => {
    for (const query of ['', '&region=141102']) {
      const res = await app().inject({ method: 'GET', url: `/api/reports/plans/lvliang-2014-2020.xlsx?lang=zh${query}` });
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const words: string[] = [];
      for (const sheet of workbook.worksheets) {
        for (const v of (sheet.getRow(1).values as unknown[]).slice(1)) words.push(String(v));
        if (sheet.name === '说明') sheet.eachRow((row) => words.push(String(row.getCell(2).value ?? '')));
      }
      expect(words).toContain('原文条款');
      // The whole plan has sheets of figures; the district none, but a line saying whose targets these are.
      if (query === '') expect(words.some((w) => w.startsWith('观测值'))).toBe(true);
      else expect(words.some((w) => w.startsWith('本计划中吕梁市离石区的'))).toBe(true);
      const bad = words.flatMap((w) => asciiMarksBesideChinese(ownWords(w)).map((where) => `${w}: ${where}`));
      expect(bad).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Latin script in the Chinese reports (issue 13): no English sentence, field name, file name or
// code point; names, units and codes on the allow-list of test/helpers/zhText.ts pass. The workbook's
// and the CSV's code columns (target key, indicator and region code, source address) are codes, kept
// for anyone who recomputes, and are read apart from the words.

/** The columns of the workbook and the CSV that hold codes, not words. */
const CODE_COLUMNS = new Set(['目标键', '指标代码', '地区代码', '来源链接']);

describe('the Chinese reports have no Latin-script sentences', () => {
  for (const report of REPORTS) {
    it(`${report.name}: the PDF`, async () => {
      const res = await app().inject({ method: 'GET', url: `${report.url}.pdf?lang=zh${'query' in report ? report.query : ''}` });
      expect(res.statusCode).toBe(200);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `latin-${report.name}-zh.pdf`);
      fs.writeFileSync(file, res.rawPayload);
      const text = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
      expect(text).toContain('附录二');
      expect(latinRuns(text)).toEqual([]);
      // The words that used to be there: the method's files and code, the sample source in two languages.
      for (const gone of ['docs/progress-method.md', 'ProgressMeasure', 'sample, not published'])
        expect(text).not.toContain(gone);
    });
  }

  it('the workbook: every sheet name and every cell but the code columns', async () => {
    for (const query of ['', '&region=141102']) {
      const res = await app().inject({ method: 'GET', url: `/api/reports/plans/lvliang-2014-2020.xlsx?lang=zh${query}` });
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const words: string[] = [];
      let codes = 0;
      for (const sheet of workbook.worksheets) {
        words.push(sheet.name);
        const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
        sheet.eachRow((row) =>
          row.eachCell((cell, col) => {
            if (typeof cell.value === 'number') return;
            if (CODE_COLUMNS.has(header[col] ?? '')) codes++;
            else
              words.push(
                typeof cell.value === 'object' && cell.value && 'text' in cell.value
                  ? String(cell.value.text)
                  : String(cell.value ?? ''),
              );
          }),
        );
      }
      expect(codes).toBeGreaterThan(0);
      expect(words.some((w) => w.includes('示例数据（演示用，并非公开发布）'))).toBe(query === '');
      expect(latinRuns(words.join('\n'))).toEqual([]);
    }
  });

  it('the CSV, in UTF-8 and in GB18030: every cell but the code columns', async () => {
    for (const encoding of ['utf-8', 'gb18030'] as const) {
      const res = await app().inject({
        method: 'GET',
        url: `/api/reports/plans/lvliang-2014-2020.csv?lang=zh&encoding=${encoding}`,
      });
      expect(res.statusCode).toBe(200);
      const text = encoding === 'utf-8' ? res.rawPayload.subarray(3).toString('utf8') : iconv.decode(res.rawPayload, 'gb18030');
      const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(50);
      const words = rows.flatMap((r) =>
        Object.entries(r)
          .filter(([column]) => !CODE_COLUMNS.has(column))
          .map(([, v]) => v),
      );
      expect(words).toContain('示例数据（演示用，并非公开发布）');
      expect(latinRuns([Object.keys(rows[0] ?? {}).join(','), ...words].join('\n'))).toEqual([]);
    }
  });
});
