import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { createReportCache } from '../../server/src/reports/cache.js';
import { buildReportModel } from '../../server/src/reports/model.js';
import { createReportPool } from '../../server/src/reports/pool.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { createProgressService } from '../../server/src/services/progress.js';
import { useApp } from '../helpers/app.js';
import { tempDir } from '../helpers/db.js';

// Reports are made on worker threads (server/dist/reports/worker.js: `npm run build --workspace
// server` first), a few at a time per reader and in all, and kept until the data version changes.
// Each app here runs the real pool on the real seeded database.

const PASSWORD = 'report pool admin password';

// Room for ten renders at once from different addresses (the event-loop test); the defaults otherwise.
const { app, dbPath } = useApp({ reports: { maxQueue: 10 } });
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  const db = openDatabase(dbPath());
  createRepositories(db).users.create(
    { name: 'pool-admin', displayName: 'Pool admin', role: 'admin', regions: [], passwordHash: await hashPassword(PASSWORD) },
    new Date().toISOString(),
  );
  db.close();
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name: 'pool-admin', password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  admin = { cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`, csrf: res.json().csrfToken };
});

const stats = () => app().reportService.pool.stats();
const get = (url: string, options: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  app().inject({ method: 'GET', url, ...options });

/** The PDF's text, read back by poppler as a reader's viewer would. */
function pdfText(pdf: Buffer): string {
  const { dir, cleanup } = tempDir('jindu-pool-');
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    cleanup();
  }
}

describe('reports on the worker pool', () => {
  it('sends the worker a structured-cloneable model: plain data, no functions or class instances', () => {
    const db = openDatabase(dbPath());
    try {
      const repos = createRepositories(db);
      const plan = repos.plans.find('lvliang-2014-2020');
      if (!plan) throw new Error('seeded plan missing');
      const model = buildReportModel({ repos, progress: createProgressService(repos) }, { plan, asOf: null, lang: 'zh' });
      // toStrictEqual compares prototypes too: a class instance would come back a plain object.
      expect(structuredClone(model)).toStrictEqual(model);
    } finally {
      db.close();
    }
  });

  it('renders the PDF on a worker thread, not on the event loop, and it is a valid PDF', async () => {
    const before = stats().completed;
    const res = await get('/api/reports/plans/panjin-2019-2021.pdf?lang=zh');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(res.rawPayload)).toContain('盘政办发〔2019〕29号');
    const after = stats();
    expect(after.completed).toBe(before + 1);
    expect(after.threadIds.length).toBeGreaterThan(0);
    expect(after.threadIds).not.toContain(threadId);
    expect(after.threadIds).not.toContain(0);
  });

  it('serves a second identical request from the cache: same bytes, no new render, and 304 to its ETag', async () => {
    const url = '/api/reports/plans/panjin-2019-2021.pdf?lang=en&asOf=2020';
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    const rendered = stats().completed;
    const second = await get(url);
    expect(second.statusCode).toBe(200);
    expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0);
    expect(stats().completed).toBe(rendered);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(second.headers.etag).toBe(etag);
    expect(second.headers['cache-control']).toBe('private, no-cache');
    const notModified = await get(url, { headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.rawPayload.length).toBe(0);
    expect(stats().completed).toBe(rendered);
  });

  it('makes the report again once a figure it shows is written (POST /api/observations), and it shows the figure', async () => {
    const url = '/api/reports/plans/panjin-2019-2021.pdf?lang=en';
    const before = await get(url);
    expect(before.statusCode).toBe(200);
    const etag = before.headers.etag as string;
    const textBefore = pdfText(before.rawPayload);
    expect(textBefore).not.toMatch(/1,?234\b/);
    const rendered = stats().completed;

    const written = await app().inject({
      method: 'POST',
      url: '/api/observations',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: {
        region: '211100',
        indicator: 'invention_patent_applications',
        year: 2021,
        value: 1234,
        vintage: 'revised',
        sourceTitle: '盘锦市统计公报(修订)',
      },
    });
    expect(written.statusCode, written.body).toBe(201);

    // The old ETag is no longer current: the client's copy is replaced, not confirmed.
    const after = await get(url, { headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(stats().completed).toBe(rendered + 1);
    const textAfter = pdfText(after.rawPayload);
    expect(textAfter).toMatch(/1,?234\b/);
    expect(textAfter).not.toBe(textBefore);
    // And that new report is the one kept.
    expect(Buffer.compare((await get(url)).rawPayload, after.rawPayload)).toBe(0);
    expect(stats().completed).toBe(rendered + 1);
  });

  it('makes one report for identical requests that arrive while it is being made', async () => {
    const url = '/api/reports/plans/lvliang-2014-2020.pdf?region=141102&asOf=2019';
    const rendered = stats().completed;
    const answers = await Promise.all([get(url), get(url), get(url)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(stats().completed).toBe(rendered + 1);
    for (const a of answers) expect(Buffer.compare(a.rawPayload, answers[0]?.rawPayload as Buffer)).toBe(0);
  });

  it('answers 429 with Retry-After beyond two renders at once per reader; another reader is not held back', async () => {
    const url = (asOf: number) => `/api/reports/plans/lvliang-2014-2020.pdf?region=141102&asOf=${asOf}&lang=en`;
    const rendered = stats().completed;
    const [a, b, c, d, other] = await Promise.all([
      get(url(2015), { remoteAddress: '192.0.2.7' }),
      get(url(2016), { remoteAddress: '192.0.2.7' }),
      get(url(2017), { remoteAddress: '192.0.2.7' }),
      get(url(2018), { remoteAddress: '192.0.2.7' }),
      app().inject({ method: 'GET', url: url(2014), remoteAddress: '192.0.2.7', headers: { cookie: admin.cookie } }),
    ]);
    expect([a, b, c, d].map((r) => r?.statusCode)).toEqual([200, 200, 429, 429]);
    // The signed-in user counts as themself, not as the address they share.
    expect(other?.statusCode).toBe(200);
    for (const refused of [c, d]) {
      expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused?.json()).toMatchObject({ statusCode: 429, code: 'reports_per_reader_limit' });
      expect(refused?.json().message).toMatch(/Too many reports at once: 2 of yours/);
      // The web app shows the refusal in the reader's language, not the raw answer.
      expect(refused?.json().messages.zh).toMatch(/^您同时请求生成的报告过多；请等正在生成的报告完成（约 \d+ 秒）后再下载。$/);
      expect(refused?.json().messages.en).toMatch(/^Too many of your reports are being made at once/);
    }
    expect(stats().completed).toBe(rendered + 3);
    // Once those are made, the reader may ask again.
    expect((await get(url(2017), { remoteAddress: '192.0.2.7' })).statusCode).toBe(200);
  });

  it('keeps the event loop responsive while ten PDFs render: its longest delay is well below one render', async () => {
    const urls = [2016, 2017, 2018, 2019, 2020].flatMap((asOf) =>
      (['zh', 'en'] as const).map((lang) => `/api/reports/plans/lvliang-2014-2020.pdf?asOf=${asOf}&lang=${lang}`),
    );
    const rendered = stats().completed;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const answers = await Promise.all(urls.map((url, i) => get(url, { remoteAddress: `198.51.100.${i + 1}` })));
    delay.disable();
    expect(answers.map((a) => a.statusCode)).toEqual(urls.map(() => 200));
    expect(stats().completed).toBe(rendered + urls.length);
    // On the event loop each render would have blocked it for its whole length, the longest one at
    // least that long; off it, the loop only builds the models (tens of ms), one as each thread frees.
    // Half the longest render of the batch is a generous bound, and holds on a busy machine too (the
    // renders slow down with the loop).
    const renders = stats().recentMs.slice(-urls.length);
    const longestRenderMs = Math.max(...renders);
    const longestDelayMs = delay.max / 1e6;
    expect(longestDelayMs, `longest delay ${longestDelayMs} ms; renders ${renders.join(', ')} ms`).toBeLessThan(
      longestRenderMs / 2,
    );
  });
});

describe('the worker file', () => {
  it('says to build the server when the compiled worker is missing, and frees the place it took', async () => {
    const { dir, cleanup } = tempDir();
    const pool = createReportPool({ workerFile: path.join(dir, 'missing', 'worker.js') });
    const task = () => ({ format: 'pdf' as const, model: {} as never });
    expect(() => pool.render('someone', task)).toThrow(
      /report worker .*worker\.js is missing; build the server first: npm run build --workspace server/,
    );
    expect(pool.stats().inFlight).toBe(0);
    await pool.close();
    cleanup();
  });
});

describe('a full report queue', () => {
  const tight = useApp({ reports: { threads: 1, maxQueue: 1, perOwner: 10 } });

  it('answers 503 with Retry-After beyond the threads and the queue, and never queues without end', async () => {
    const url = (asOf: number) => `/api/reports/plans/lvliang-2014-2020.pdf?region=141102&asOf=${asOf}`;
    const answers = await Promise.all(
      [2015, 2016, 2017, 2018].map((asOf, i) =>
        tight.app().inject({ method: 'GET', url: url(asOf), remoteAddress: `203.0.113.${i + 1}` }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 503, 503]);
    for (const refused of answers.slice(2)) {
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'reports_queue_full' });
      expect(refused.json().message).toMatch(/1 at once, 1 waiting/);
    }
    expect(tight.app().reportService.pool.stats()).toMatchObject({ completed: 2, inFlight: 0 });
  });
});

describe('the data version', () => {
  it('changes on writes a report shows (figures, targets, indicators, comments, an author’s name), not on sign-ins', async () => {
    const db = openDatabase(dbPath());
    try {
      const repos = createRepositories(db);
      const version = () => repos.dataVersion.current().version;
      const changes = (write: () => void) => {
        const before = version();
        write();
        return version() - before;
      };
      const author = repos.users.byName('pool-admin');
      if (!author) throw new Error('admin missing');
      const target = repos.plans.targets((repos.plans.find('panjin-2019-2021') as { id: number }).id)[0];
      if (!target) throw new Error('target missing');
      expect(
        changes(() =>
          repos.comments.add({
            targetId: target.id,
            year: 2020,
            body: '测试',
            authorId: author.id,
            createdAt: new Date().toISOString(),
            replacesId: null,
          }),
        ),
      ).toBe(1);
      expect(changes(() => db.prepare('UPDATE targets SET note_zh = ? WHERE id = ?').run('已更正', target.id))).toBe(1);
      const figure = {
        regionCode: '211100',
        indicatorCode: 'gdp',
        year: 2019,
        value: 1100,
        vintage: 'final' as const,
        isSample: false,
        sourceTitle: 's',
        sourceUrl: null,
        quote: null,
        note: null,
        enteredBy: 'pool-admin',
        enteredByUserId: author.id,
        enteredAt: new Date().toISOString(),
        origin: 'api' as const,
      };
      expect(changes(() => repos.observations.append(figure))).toBe(1);
      expect(changes(() => db.prepare("UPDATE indicators SET name_en = name_en || ' ' WHERE code = 'gdp'").run())).toBe(1);
      const same = { displayName: author.displayName, role: author.role, disabled: false, regions: [] };
      expect(changes(() => repos.users.update(author.id, same))).toBe(0);
      expect(changes(() => repos.users.update(author.id, { ...same, displayName: 'Renamed admin' }))).toBe(1);
      expect(
        changes(() =>
          repos.users.createSession(
            { tokenHash: 'x'.repeat(64), userId: author.id, csrfToken: 'c', expiresAt: '2999-01-01T00:00:00Z' },
            new Date().toISOString(),
          ),
        ),
      ).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('the report cache', () => {
  const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

  it('is bounded by bytes and lets the least recently used go first', () => {
    const cache = createReportCache(100);
    cache.set('a', bytes(40), 1);
    cache.set('b', bytes(40), 1);
    expect(cache.get('a')?.length).toBe(40); // a is now the most recently used
    cache.set('c', bytes(40), 1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.length).toBe(40);
    expect(cache.get('c')?.length).toBe(40);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 80 });
    cache.set('huge', bytes(101), 1);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.stats().bytes).toBe(80);
  });

  it('drops the reports of an older data version, and never keeps one made from older data', () => {
    const cache = createReportCache(1000);
    cache.set('v1-a', bytes(10), 1);
    cache.set('v2-a', bytes(10), 2);
    expect(cache.get('v1-a')).toBeUndefined();
    cache.set('late-v1', bytes(10), 1);
    expect(cache.get('late-v1')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 10 });
  });
});
