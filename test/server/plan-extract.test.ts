import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDir } from '../../server/src/paths.js';
import { type Extraction, factsOf, planFileOf, rowsOf } from '../../web/src/features/planExtract/draft.js';
import { useApp } from '../helpers/app.js';

// POST /api/plans/extract through the real app: text pasted or a document uploaded (.txt in GB18030,
// .html, .docx, a text PDF), the targets proposed, nothing saved; then the accepted proposals saved
// as a plan file through POST /api/plans, with its checks. The document is read on a worker thread
// (server/dist/documents/worker.js): run `npm run build --workspace server` before this file alone.

const require = createRequire(import.meta.url);
const { app } = useApp({ demo: true, publicRead: false });
let admin: { cookie: string; csrf: string };
let viewer: { cookie: string; csrf: string };

async function signIn(name: string, password: string) {
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}
const auth = () => ({ cookie: admin.cookie, 'x-csrf-token': admin.csrf });

beforeAll(async () => {
  admin = await signIn('demo-admin', 'jindu-demo-admin');
  viewer = await signIn('demo-viewer', 'jindu-demo-viewer');
});

const panjin = fs.readFileSync(
  path.join(seedDir, 'sources', fs.readdirSync(path.join(seedDir, 'sources')).find((f) => f.startsWith('004_')) as string),
  'utf8',
);

function multipart(fileName: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = 'extractboundary';
  return {
    headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

const SHORT = '某某市科技创新规划(2021-2025年)\n到2025年,全市高新技术企业达到300家以上,有效发明专利拥有量达到1200件。\n';
const summary = (body: { proposals: { indicator: string; value: number; targetYear: number }[] }) =>
  body.proposals.map((p) => [p.indicator, p.value, p.targetYear]);
const EXPECTED = [
  ['high_tech_firms', 300, 2025],
  ['valid_invention_patents', 1200, 2025],
];

describe('POST /api/plans/extract', () => {
  it('pasted text: the Panjin plan, its facts and proposals; nothing saved', async () => {
    const before = (await app().inject({ method: 'GET', url: '/api/plans', headers: auth() })).json().length;
    const res = await app().inject({ method: 'POST', url: '/api/plans/extract', headers: auth(), payload: { text: panjin } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.source).toEqual({ fileName: null, format: 'text', encoding: null });
    expect(body.facts).toMatchObject({ periodStart: 2019, periodEnd: 2021, regionCode: '211100' });
    expect(body.proposals).toHaveLength(20);
    const rd = body.proposals.find((p: { indicator: string }) => p.indicator === 'rd_intensity');
    expect(rd).toMatchObject({ type: 'share', value: 2.6, targetYear: 2021, comparator: 'at_least' });
    expect(body.text.slice(rd.start, rd.end)).toBe(rd.clause);
    expect((await app().inject({ method: 'GET', url: '/api/plans', headers: auth() })).json()).toHaveLength(before);
  });

  it('a .txt in GB18030', async () => {
    const iconv = (await import('iconv-lite')).default;
    const res = await app().inject({
      method: 'POST',
      url: '/api/plans/extract',
      ...multipart('plan.txt', iconv.encode(SHORT, 'gb18030')),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().source).toEqual({ fileName: 'plan.txt', format: 'txt', encoding: 'gb18030' });
    expect(summary(res.json())).toEqual(EXPECTED);
  });

  it('an .html page: navigation and scripts left out, a table read as rows', async () => {
    const html = `<html><head><script>var x = "达到999家";</script></head><body><nav>首页 | 政务公开</nav>
      <h1>某某市科技创新规划(2021-2025年)</h1><p>到2025年,全市高新技术企业达到300家以上,有效发明专利拥有量达到1200件。</p>
      <table><tr><td>指标</td><td>2020年</td><td>2025年</td></tr><tr><td>R&amp;D经费投入强度(%)</td><td>1.5</td><td>2.5</td></tr></table></body></html>`;
    const res = await app().inject({ method: 'POST', url: '/api/plans/extract', ...multipart('plan.html', Buffer.from(html)) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().source.format).toBe('html');
    expect(
      res
        .json()
        .proposals.map((p: { indicator: string; value: number; baseValue: number | null }) => [
          p.indicator,
          p.value,
          p.baseValue,
        ]),
    ).toEqual([
      ['high_tech_firms', 300, null],
      ['valid_invention_patents', 1200, null],
      ['rd_intensity', 2.5, 1.5],
    ]);
  });

  it('a .docx', async () => {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    zip.file(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    );
    const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${SHORT.trim()
        .split('\n')
        .map(para)
        .join('')}</w:body></w:document>`,
    );
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    const res = await app().inject({ method: 'POST', url: '/api/plans/extract', ...multipart('plan.docx', bytes) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().source.format).toBe('docx');
    expect(summary(res.json())).toEqual(EXPECTED);
  });

  it('a text PDF', async () => {
    const fontPath = path.join(
      path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')),
      fs
        .readdirSync(path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), { recursive: true })
        .map(String)
        .find((f) => f.endsWith('NotoSansSC_400Regular.ttf')) as string,
    );
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.font(fontPath);
    for (const line of SHORT.trim().split('\n')) doc.text(line);
    doc.end();
    await done;
    const res = await app().inject({
      method: 'POST',
      url: '/api/plans/extract',
      ...multipart('plan.pdf', Buffer.concat(chunks)),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().source.format).toBe('pdf');
    expect(summary(res.json())).toEqual(EXPECTED);
  });

  it('refuses what it cannot read, and non-administrators', async () => {
    const odd = await app().inject({ method: 'POST', url: '/api/plans/extract', ...multipart('plan.odt', Buffer.from('x')) });
    expect(odd.statusCode).toBe(422);
    expect(odd.json()).toMatchObject({ code: 'unknown_format', field: 'file' });
    const broken = await app().inject({
      method: 'POST',
      url: '/api/plans/extract',
      ...multipart('plan.pdf', Buffer.from('not a pdf')),
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().code).toBe('document_unreadable');
    const empty = await app().inject({ method: 'POST', url: '/api/plans/extract', headers: auth(), payload: { text: '' } });
    expect(empty.statusCode).toBe(400);
    const asViewer = await app().inject({
      method: 'POST',
      url: '/api/plans/extract',
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf },
      payload: { text: SHORT },
    });
    expect(asViewer.statusCode).toBe(403);
  });

  it('the accepted proposals save as a plan file through POST /api/plans, with its checks', async () => {
    const text = `某某市科技创新规划(2021-2025年)\n某某市人民政府\n到2025年,全市高新技术企业达到300家以上。\n`;
    const body = (await app().inject({ method: 'POST', url: '/api/plans/extract', headers: auth(), payload: { text } })).json();
    const [p] = body.proposals;
    const target = {
      key: p.key,
      indicator: p.indicator,
      type: p.type,
      value: p.value,
      targetYear: p.targetYear,
      comparator: p.comparator,
      clause: p.clause,
    };
    const plan = {
      slug: 'extracted-plan',
      sourceFile: 'extracted-plan.txt',
      kind: 'action_plan',
      titleZh: '某某市科技创新规划(2021-2025年)',
      titleEn: 'A plan',
      issuerZh: '某某市人民政府',
      issuerEn: 'A government',
      periodStart: 2021,
      periodEnd: 2025,
      status: 'in_force',
      regionCode: '141100',
      sourceText: body.text,
    };
    const bad = await app().inject({
      method: 'POST',
      url: '/api/plans',
      headers: auth(),
      payload: { ...plan, targets: [{ ...target, clause: '到2025年,高新技术企业三百家' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().problems[0]).toMatchObject({ path: 'targets[0].clause', code: 'clause_not_verbatim' });
    const good = await app().inject({
      method: 'POST',
      url: '/api/plans',
      headers: auth(),
      payload: { ...plan, targets: [target] },
    });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toMatchObject({ slug: 'extracted-plan', targetCount: 1 });
  });

  it("two plans pasted the same day save side by side under the page's default file names; the same text again reuses its document", async () => {
    const save = async (text: string, slug: string, day = '2026-12-06') => {
      const extraction = (
        await app().inject({ method: 'POST', url: '/api/plans/extract', headers: auth(), payload: { text } })
      ).json() as Extraction;
      const facts = { ...factsOf(extraction, new Date(day)), slug, titleEn: 'A plan', issuerEn: 'A government' };
      const rows = rowsOf(extraction.proposals).map((r) => ({ ...r, decision: 'accepted' as const }));
      const res = await app().inject({
        method: 'POST',
        url: '/api/plans',
        headers: auth(),
        payload: planFileOf({ ...facts, regionCode: '141100' }, rows, extraction.text),
      });
      return { res, sourceFile: facts.sourceFile };
    };
    const first = await save(
      '某某市科技创新规划(2026-2030年)\n某某市人民政府\n到2030年,全市高新技术企业达到500家以上。\n',
      'pasted-one',
    );
    const second = await save(
      '某某市科技创新规划(2026-2030年)\n某某市人民政府\n到2030年,全市专利授权量达到900件以上。\n',
      'pasted-two',
    );
    // Before, both defaulted to plan-20261206.txt and the second met 409 document_differs.
    expect(first.res.statusCode, first.res.body).toBe(201);
    expect(second.res.statusCode, second.res.body).toBe(201);
    expect(second.sourceFile).not.toBe(first.sourceFile);
    const documents = () =>
      ['pasted-one', 'pasted-two', 'pasted-three'].map((slug) =>
        app()
          .inject({ method: 'GET', url: `/api/plans/${slug}`, headers: { cookie: admin.cookie } })
          .then((r) => (r.statusCode === 200 ? r.json().source.fileName : null)),
      );
    // The first text pasted again another day: the same name, its stored document reused.
    const again = await save(
      '某某市科技创新规划(2026-2030年)\n某某市人民政府\n到2030年,全市高新技术企业达到500家以上。\n',
      'pasted-three',
      '2027-03-01',
    );
    expect(again.res.statusCode, again.res.body).toBe(201);
    expect(await Promise.all(documents())).toEqual([first.sourceFile, second.sourceFile, first.sourceFile]);
  });
});
