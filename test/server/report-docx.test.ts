import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';

// The Word briefing (GET /api/reports/plans/:id.docx) opened back as a reader's program would: the
// package unzipped (jszip), its parts checked to be well-formed and to resolve, and word/document.xml
// read into its paragraphs (with their styles) and tables (rows of cell texts), in document order.
// What it must say is taken from the API, not from the report code. The worker must be built first
// (npm run build --workspace server), as for every report test.

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts', 'reports');
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const { app } = useApp();

// ---------------------------------------------------------------------------------------------
// Reading the package.

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

interface Tag {
  name: string;
  kind: 'open' | 'close' | 'empty';
  start: number;
  end: number;
  attrs: string;
}

/** The tags of an XML part, in order; throws where it is not well-formed (unbalanced or stray markup). */
function tags(xml: string): Tag[] {
  const out: Tag[] = [];
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w.:-]*)(\s[^<>]*|\/)?>|<\?[^<>]*\?>|<!\[CDATA\[[\s\S]*?\]\]>/g;
  let last = 0;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const between = xml.slice(last, m.index);
    if (/[<>]/.test(between)) throw new Error(`stray markup near ${JSON.stringify(between.slice(0, 60))}`);
    if (/&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(between)) throw new Error(`bare & near ${between.slice(0, 60)}`);
    last = re.lastIndex;
    if (!m[2]) continue;
    const tag: Tag = {
      name: m[2],
      kind: m[1] ? 'close' : m[0].endsWith('/>') ? 'empty' : 'open',
      start: m.index,
      end: re.lastIndex,
      attrs: m[3] ?? '',
    };
    if (tag.kind === 'open') stack.push(tag.name);
    if (tag.kind === 'close' && stack.pop() !== tag.name) throw new Error(`</${tag.name}> closes nothing open at ${m.index}`);
    out.push(tag);
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (/[<>]/.test(xml.slice(last))) throw new Error('stray markup at the end');
  return out;
}

/** The text of a stretch of WordprocessingML: its w:t runs, a tab as a tab. */
function textOf(xml: string): string {
  let text = '';
  const re = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) text += m[1] === undefined ? '\t' : decode(m[1]);
  return text;
}

type Block = { kind: 'p'; style: string | null; text: string; xml: string } | { kind: 'table'; rows: string[][] };

/** The children of an element, by name, that are not nested in another of the names. */
function children(xml: string, names: string[]): { name: string; xml: string }[] {
  const found: { name: string; xml: string }[] = [];
  let depth = 0;
  let from = 0;
  let current = '';
  for (const t of tags(xml)) {
    if (!names.includes(t.name)) continue;
    if (t.kind === 'empty') {
      if (depth === 0) found.push({ name: t.name, xml: xml.slice(t.start, t.end) });
    } else if (t.kind === 'open') {
      if (depth === 0) {
        from = t.start;
        current = t.name;
      }
      depth++;
    } else {
      depth--;
      if (depth === 0) found.push({ name: current, xml: xml.slice(from, t.end) });
    }
  }
  return found;
}

function blocksOf(documentXml: string): Block[] {
  const body = documentXml.slice(documentXml.indexOf('<w:body>') + '<w:body>'.length, documentXml.lastIndexOf('</w:body>'));
  return children(body, ['w:p', 'w:tbl']).map((el) => {
    if (el.name === 'w:p') {
      const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(el.xml)?.[1] ?? null;
      return { kind: 'p', style, text: textOf(el.xml), xml: el.xml };
    }
    const rows = children(el.xml.slice(el.xml.indexOf('>') + 1, el.xml.lastIndexOf('</w:tbl>')), ['w:tr']).map((tr) =>
      children(tr.xml.slice(tr.xml.indexOf('>') + 1, tr.xml.lastIndexOf('</w:tr>')), ['w:tc']).map((tc) =>
        children(tc.xml, ['w:p'])
          .map((p) => textOf(p.xml))
          .join('\n'),
      ),
    );
    return { kind: 'table', rows };
  });
}

interface Briefing {
  zip: JSZip;
  parts: Record<string, string>;
  blocks: Block[];
  paragraphs: Extract<Block, { kind: 'p' }>[];
  tables: string[][][];
}

async function open(bytes: Buffer): Promise<Briefing> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (file && /\.(xml|rels)$/.test(name)) parts[name] = await file.async('string');
  }
  const blocks = blocksOf(parts['word/document.xml'] as string);
  return {
    zip,
    parts,
    blocks,
    paragraphs: blocks.filter((b): b is Extract<Block, { kind: 'p' }> => b.kind === 'p'),
    tables: blocks.flatMap((b) => (b.kind === 'table' ? [b.rows] : [])),
  };
}

async function fetchBriefing(
  url: string,
): Promise<{ res: Awaited<ReturnType<ReturnType<typeof app>['inject']>>; doc: Briefing }> {
  const res = await app().inject({ method: 'GET', url });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return { res, doc: await open(res.rawPayload) };
}

const getJson = async <T>(url: string): Promise<T> => {
  const res = await app().inject({ method: 'GET', url });
  expect(res.statusCode, url).toBe(200);
  return res.json() as T;
};

/** The table whose header row is exactly this. */
function tableWith(doc: Briefing, header: string[]): string[][] {
  const found = doc.tables.find((t) => JSON.stringify(t[0]) === JSON.stringify(header));
  expect(found, `a table headed ${header.join(' | ')}`).toBeDefined();
  return found as string[][];
}

// Latin-script text a Chinese briefing may hold: addresses, site names in source titles, the app's
// name, the method's references, abbreviations in indicator names (R&D, GDP), and one-letter symbols
// (A, P, R(t)). Clauses are quoted from the source as they are (one names "UPS"): taken out first.
const ALLOWED_LATIN = [
  /https?:\/\/\S+/g,
  /\b[\w-]+(?:\.[\w-]+)*\.(?:cn|com|org|net|cc)\b/g,
  /\bJindu\b/g,
  /\bOpen SDG\b/g,
  /R&D/g,
  /\bGDP\b/g,
];

/** A clause as the briefing quotes it: a private-use character between digits drawn as [.]. */
const quoted = (clause: string) => clause.replace(/(?<=\d)[\uE000-\uF8FF](?=\d)/g, '[.]');

function latinWords(text: string, clauses: string[] = []): string[] {
  let rest = text;
  for (const c of [...clauses].sort((a, b) => b.length - a.length)) rest = rest.split(quoted(c)).join(' ');
  for (const re of ALLOWED_LATIN) rest = rest.replace(re, ' ');
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])];
}

// ---------------------------------------------------------------------------------------------

describe('the Word briefing (.docx)', () => {
  it('is a well-formed Word package: every part parses, every listed part and relationship target exists, A4 pages', async () => {
    const { res, doc } = await fetchBriefing('/api/reports/plans/lvliang-2014-2020.docx');
    expect(res.headers['content-type']).toBe(DOCX_TYPE);
    expect(res.headers['content-disposition']).toContain('lvliang-2014-2020-progress-zh.docx');
    expect([...res.rawPayload.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'lvliang-2014-2020-zh.docx'), res.rawPayload);

    for (const [name, xml] of Object.entries(doc.parts)) expect(() => tags(xml), name).not.toThrow();
    // The checker refuses what a Word reader would.
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a>', '<a/>>']) expect(() => tags(bad), bad).toThrow();
    expect(tags('<?xml version="1.0"?><w:p a="1"><w:tab/><w:t xml:space="preserve"> a &amp; b</w:t></w:p>')).toHaveLength(5);
    const types = doc.parts['[Content_Types].xml'] as string;
    expect(types).toContain(`ContentType="${DOCX_TYPE.replace('.document', '.document.main+xml')}"`);
    for (const [, part] of types.matchAll(/PartName="\/([^"]+)"/g)) expect(doc.zip.file(part as string), part).not.toBeNull();
    for (const [rels, xml] of Object.entries(doc.parts).filter(([n]) => n.endsWith('.rels'))) {
      const base = rels.replace(/_rels\/[^/]*\.rels$/, '');
      for (const [, target, mode] of xml.matchAll(/Target="([^"]+)"(?:\s+TargetMode="(\w+)")?/g)) {
        if (mode === 'External') continue;
        const resolved = path.posix.normalize(path.posix.join(base, target as string)).replace(/^\//, '');
        expect(doc.zip.file(resolved), `${rels} → ${target}`).not.toBeNull();
      }
    }
    // A4 portrait, official-document margins (37 mm top, 28 mm left).
    const sect = /<w:sectPr[\s\S]*<\/w:sectPr>/.exec(doc.parts['word/document.xml'] as string)?.[0] as string;
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(sect).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });

  it('names its Chinese fonts for Word and WPS, each in the East Asian slot, and marks East Asian text zh-CN', async () => {
    const { doc } = await fetchBriefing('/api/reports/plans/lvliang-2014-2020.docx');
    const styles = doc.parts['word/styles.xml'] as string;
    for (const font of ['仿宋', '黑体', '宋体', '楷体']) expect(styles, font).toContain(`w:eastAsia="${font}"`);
    expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    // The body's default: 仿宋 三号 (16 pt, 32 half-points).
    const defaults = /<w:docDefaults>[\s\S]*<\/w:docDefaults>/.exec(styles)?.[0] as string;
    expect(defaults).toMatch(/<w:rFonts [^>]*w:eastAsia="仿宋"/);
    expect(defaults).toContain('<w:sz w:val="32"/>');
    // Headings as Word styles with outline levels, so that the navigation pane lists the sections.
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1">[\s\S]*?w:eastAsia="黑体"[\s\S]*?<\/w:style>/);
  });

  it('Lüliang in Chinese: masthead, 文号 line, title, the numbered sections in order, opening with the generated summary', async () => {
    const plan = await getJson<{ id: number; titleZh: string; targets: unknown[] }>('/api/plans/lvliang-2014-2020');
    const progress = await getJson<{ targets: { result: { status: string } }[] }>('/api/plans/lvliang-2014-2020/progress');
    const { doc } = await fetchBriefing('/api/reports/plans/lvliang-2014-2020.docx?lang=zh');
    const texts = doc.paragraphs.map((p) => p.text);

    expect(texts[0]).toBe('科技创新规划进展简报');
    expect(texts[1]).toMatch(new RegExp(`^进度简报〔20\\d\\d〕${plan.id}号$`));
    expect(texts[2]).toMatch(/^Jindu（进度）编印\t20\d\d年\d{1,2}月\d{1,2}日$/);
    const title = doc.paragraphs.find((p) => p.style === 'Title');
    expect(title?.text).toBe(`《${plan.titleZh}》目标进展情况`);
    expect(texts).toContain('吕政发〔2014〕22号　规划期2014–2020年　数据截至2021年');

    expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      '一、总体情况',
      '二、落后于进度的目标',
      '三、各项目标进展情况',
      '四、数据来源与评估方法',
    ]);
    expect(doc.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual([
      '（一）目标状态统计',
      '（二）核心指标',
      '（一）有数据的目标',
      '（二）全部目标一览',
      '（一）数据来源',
      '（二）评估方法',
      '（三）得分与进度指标',
    ]);
    // Third-level headings: one per target with figures, numbered 1．2．…
    const third = doc.paragraphs.filter((p) => p.style === 'Heading3').map((p) => p.text);
    expect(third.length).toBeGreaterThan(0);
    third.forEach((t, i) => {
      expect(t.startsWith(`${i + 1}．`)).toBe(true);
    });

    // The overview opens with the generated summary; its numbers are the API's.
    const overview = texts.indexOf('一、总体情况');
    const opening = texts[overview + 1] as string;
    const statuses = progress.targets.map((t) => t.result.status);
    const n = (list: string[]) => statuses.filter((s) => list.includes(s)).length;
    expect(opening).toContain(`本计划共 ${plan.targets.length} 项目标`);
    expect(opening).toContain(`已实现 ${n(['achieved', 'met_late'])} 项`);
    expect(opening).toContain(`进度正常 ${n(['on_track'])} 项`);
    expect(opening).toContain(`落后于进度或未实现 ${n(['accelerate', 'limited', 'moving_away', 'missed'])} 项`);
    expect(opening).toContain(`暂无法判断 ${n(['insufficient_data', 'no_data', 'not_assessable'])} 项`);
    expect(texts[overview + 3]).toMatch(/^最需关注的 3 项：一是.+；二是.+；三是.+。$/);
  });

  it('has the tables of a briefing: counts by status, the targets behind with their pace, and every target', async () => {
    const plan = await getJson<{ targets: { key: string; clause: string }[] }>('/api/plans/lvliang-2014-2020');
    const { doc } = await fetchBriefing('/api/reports/plans/lvliang-2014-2020.docx');

    const counts = tableWith(doc, ['类别', '状态', '项数']);
    expect(counts.at(-1)).toEqual(['合计', '', String(plan.targets.length)]);
    expect(counts.slice(1, -1).reduce((sum, row) => sum + Number(row[2]), 0)).toBe(plan.targets.length);
    expect(counts).toContainEqual(['', '倒退', '1']);

    const behind = tableWith(doc, ['序号', '指标', '目标', '评估所用数值', '状态', '所需年均速度']);
    expect(behind.length).toBeGreaterThan(1);
    // The R&D intensity target: missed on a sample figure, its year passed.
    expect(behind).toContainEqual([
      expect.any(String),
      'R&D经费投入强度(R&D经费占地区生产总值比重)',
      '2020年 ≥ 2.5%（原文印作 25%）',
      '0.71%（2020年）\n示例数据',
      '未达成（依据示例数据）',
      '目标年已过',
    ]);

    const all = tableWith(doc, ['序号', '指标', '原文条款', '目标', '状态', '最新值', '所需年均速度']);
    expect(all).toHaveLength(plan.targets.length + 1);
    const rd = all.find((r) => r[1]?.startsWith('R&D经费投入强度')) as string[];
    // The damaged clause: a visible marker where the source lost the decimal point, and the reading in words.
    expect(rd[2]).toBe(
      '研究与试验发展(R&D)经费占地区生产总值(GDP)的比重到2020年达到2[.]5%以上\n[.] 原文此处小数点缺失，读作 2.5。',
    );
    expect(rd[5]).toBe('0.74%（2021年）');
    const xml = doc.parts['word/document.xml'] as string;
    expect(xml).not.toMatch(/[\uE000-\uF8FF]/);
    // The clause quoted on the target's own part carries a footnote saying the same.
    const clause = doc.paragraphs.find((p) => p.text.startsWith('原文：研究与试验发展(R&D)'));
    expect(clause?.text).toContain('2[.]5%以上');
    expect(clause?.xml).toContain('<w:footnoteReference');
    expect(doc.parts['word/footnotes.xml']).toContain('原文此处小数点缺失，读作 2.5。');
  });

  it('marks every sample figure 示例数据 where it appears, and on every page', async () => {
    const { doc } = await fetchBriefing('/api/reports/plans/lvliang-2014-2020.docx');
    const observations = await getJson<{ observations: { year: number; value: number | null; isSample: boolean }[] }>(
      '/api/observations?region=141100&indicator=rd_intensity',
    );
    const sampleYears = observations.observations.filter((o) => o.isSample && o.value !== null).map((o) => String(o.year));
    expect(sampleYears.length).toBeGreaterThan(0);
    // The R&D intensity years: sample years say so, the published one says it was published.
    const years = doc.tables.find(
      (t) => t[0]?.[1] === '观测值（%）' && t.some((r) => r[0] === '2021' && r[1] === '0.74'),
    ) as string[][];
    expect(years).toBeDefined();
    for (const row of years.slice(1)) {
      if (sampleYears.includes(row[0] as string)) expect(row[3], row[0]).toBe('示例数据');
    }
    expect(years.find((r) => r[0] === '2021')?.[3]).toBe('公开发布');
    // The sources table: each sample figure is marked, with no invented source.
    const sources = tableWith(doc, ['地区', '指标', '年份', '数值', '数据版本', '来源']);
    const rdSources = sources.filter((r) => r[1]?.startsWith('R&D经费投入强度') && r[0] === '吕梁市');
    for (const row of rdSources)
      if (sampleYears.includes(row[2] as string)) {
        expect(row[3]).toMatch(/\n示例数据$/);
        expect(row[5]).toBe('示例数据，未公开发布');
      }
    // The notice under the title, and the running header of every page.
    expect(doc.paragraphs.some((p) => p.text.startsWith('示例数据　本简报含示例数据'))).toBe(true);
    const header = Object.entries(doc.parts).find(([n]) => /^word\/header\d*\.xml$/.test(n))?.[1] as string;
    expect(textOf(header)).toBe('本简报含示例数据（非公开发布的说明性数值），不得作为统计数据引用');
    // Scores and the progress measures are kept to the method section.
    const texts = doc.paragraphs.map((p) => p.text);
    const method = texts.indexOf('（二）评估方法');
    for (const [i, t] of texts.entries()) if (i < method) expect(t, t).not.toMatch(/得分|进度 A|展望 P/);
  });

  it('writes no English on the Chinese briefing beyond names, addresses and one-letter symbols', async () => {
    for (const [slug, query] of [
      ['lvliang-2014-2020', ''],
      ['panjin-2019-2021', '?lang=zh'],
      ['lvliang-2014-2020', '?region=141102'],
    ]) {
      const url = `/api/reports/plans/${slug}.docx${query}`;
      const clauses = (await getJson<{ targets: { clause: string }[] }>(`/api/plans/${slug}`)).targets.map((t) => t.clause);
      const { doc } = await fetchBriefing(url);
      const text = [
        ...doc.blocks.map((b) => (b.kind === 'p' ? b.text : b.rows.flat().join('\n'))),
        ...Object.entries(doc.parts)
          .filter(([n]) => /^word\/(header|footer|footnotes)\d*\.xml$/.test(n))
          .map(([, xml]) => textOf(xml)),
      ].join('\n');
      expect(latinWords(text, clauses), url).toEqual([]);
    }
    // The checker itself finds English where it is.
    expect(latinWords('已达成 (on sample figures) 见 http://www.sxyh.gov.cn/a.html 与 Jindu、R&D、sxllnews.cn')).toEqual([
      'on',
      'sample',
      'figures',
    ]);
  });

  it("a region's briefing: its targets only, the region under the title", async () => {
    const { doc, res } = await fetchBriefing('/api/reports/plans/lvliang-2014-2020.docx?region=141102&lang=zh');
    expect(res.headers['content-disposition']).toContain('lvliang-2014-2020-141102-progress-zh.docx');
    expect(doc.paragraphs.map((p) => p.text)).toContain('（吕梁市离石区）');
    const all = tableWith(doc, ['序号', '指标', '原文条款', '目标', '状态', '最新值', '所需年均速度']);
    expect(all).toHaveLength(5);
    expect(doc.paragraphs.find((p) => p.text.startsWith('本计划中吕梁市离石区的目标共 4 项'))).toBeDefined();
  });

  it('in English: the same sections and tables in English', async () => {
    const plan = await getJson<{ id: number; titleEn: string; targets: unknown[] }>('/api/plans/panjin-2019-2021');
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
    const { doc, res } = await fetchBriefing('/api/reports/plans/panjin-2019-2021.docx?lang=en&asOf=2020');
    expect(res.headers['content-disposition']).toContain('panjin-2019-2021-progress-2020-en.docx');
    expect(doc.paragraphs.find((p) => p.style === 'Title')?.text).toBe(`Progress toward the targets of the ${plan.titleEn}`);
    expect(doc.paragraphs.map((p) => p.text)).toContain(`Jindu Briefing [${year}] No. ${plan.id}`);
    expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      '1. Overview',
      '2. Targets behind their path',
      '3. Progress of each target',
      '4. Sources and method',
    ]);
    tableWith(doc, ['#', 'Indicator', 'Target', 'Figure judged', 'Status', 'Pace needed']);
    const opening = doc.paragraphs[doc.paragraphs.findIndex((p) => p.text === '1. Overview') + 1]?.text;
    expect(opening).toMatch(
      new RegExp(`^As of 2020, the plan has ${plan.targets.length} targets: \\d+ met, \\d+ on track, \\d+ off course or missed`),
    );
  });

  it('is laid out on a worker thread and kept: a second request is served from the cache, 304 to its ETag', async () => {
    const url = '/api/reports/plans/panjin-2019-2021.docx?asOf=2019';
    const pool = () => app().reportService.pool.stats();
    const before = pool().completed;
    const first = await app().inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(pool().completed).toBe(before + 1);
    expect(pool().threadIds).not.toContain(threadId);
    const second = await app().inject({ method: 'GET', url });
    expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0);
    expect(pool().completed).toBe(before + 1);
    const again = await app().inject({ method: 'GET', url, headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 for an unknown plan, 400 naming the field for a bad language, year, region or an unknown field', async () => {
    expect((await app().inject({ method: 'GET', url: '/api/reports/plans/nope.docx' })).statusCode).toBe(404);
    for (const [query, field] of [
      ['lang=fr', 'lang'],
      ['asOf=1800', 'asOf'],
      ['region=lishi', 'region'],
      ['region=141122', 'region'],
    ] as const) {
      const res = await app().inject({ method: 'GET', url: `/api/reports/plans/lvliang-2014-2020.docx?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().field, query).toBe(field);
    }
    expect(
      (await app().inject({ method: 'GET', url: '/api/reports/plans/lvliang-2014-2020.docx?encoding=gb18030' })).statusCode,
    ).toBe(400);
  });
});
