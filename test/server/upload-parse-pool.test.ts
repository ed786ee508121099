import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { createImportWorker } from '../../server/src/services/importWorker.js';
import { tempDbPath } from '../helpers/db.js';
import { seedImportContext } from '../helpers/importContext.js';

// An upload's file is parsed on a worker thread (services/importWorker.ts): while a 60,000-row file is
// read, other requests are answered. Asserted by order, not by time: a read sent after the upload
// began is answered before the upload's preview is.

const PASSWORD = 'a long enough password';
const ROWS = 60_000;
const INDICATORS = ['high_tech_firms', 'rd_intensity', 'tech_sme_count', 'valid_invention_patents'];

/** A long-form CSV of distinct figures: Lüliang's four indicators over the years, and its counties. */
function bigCsv(): string {
  const db = openDatabase(tempPath.dbPath);
  const regions = db.prepare("SELECT code FROM regions WHERE code LIKE '14%' ORDER BY code").pluck().all() as string[];
  db.close();
  const lines = ['地区代码,指标代码,年份,数值'];
  let n = 0;
  for (const region of regions) {
    for (const indicator of INDICATORS) {
      for (let year = 1950; year <= 2100 && n < ROWS; year++, n++) lines.push(`${region},${indicator},${year},${(n % 97) + 1}`);
    }
  }
  // Fewer Shanxi regions than needed: the rest repeat, which the parser reads all the same.
  for (let i = 1; lines.length <= ROWS; i++) lines.push(lines[i] as string);
  return lines.join('\n');
}

const tempPath = tempDbPath();
let app: App;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  app = await buildApp({ dbPath: tempPath.dbPath, serveWeb: false, publicRead: true });
  const repos = createRepositories(openDatabase(tempPath.dbPath));
  repos.users.create(
    { name: 'big', displayName: 'big', role: 'admin', regions: [], passwordHash: await hashPassword(PASSWORD) },
    new Date().toISOString(),
  );
  repos.db.close();
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'big', password: PASSWORD } });
  cookie = `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`;
  csrf = res.json().csrfToken;
});
afterAll(async () => {
  await app.close();
  tempPath.cleanup();
});

describe('parsing an upload off the event loop', () => {
  it('parses on a worker thread: the event loop turns while a 60,000-row file is read', async () => {
    const pool = createImportWorker({ dbPath: tempPath.dbPath });
    const bytes = new TextEncoder().encode(bigCsv());
    let parsed = false;
    const parsing = pool.parse(bytes, 'big.csv', seedImportContext()).then((r) => {
      parsed = true;
      return r;
    });
    // A read answered, and timers run, before the parse is done.
    const read = await app.inject({ method: 'GET', url: '/api/plans/lvliang-2014-2020/progress' });
    expect(read.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(parsed).toBe(false);
    const result = await parsing;
    expect(result.fatal).toBeNull();
    expect(result.rowsRead).toBe(ROWS);
    await pool.close();
  });

  it('answers a read sent after a large upload began before the upload’s preview', async () => {
    const boundary = '----jinduparse';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="defaultVintage"\r\n\r\nfinal\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="defaultSource"\r\n\r\n测试来源\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(bigCsv()),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const order: string[] = [];
    const upload = app
      .inject({
        method: 'POST',
        url: '/api/imports',
        payload,
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
      })
      .then((res) => {
        order.push('upload');
        return res;
      });
    // Let the upload's body arrive and its parse begin, then read.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    const read = await app.inject({ method: 'GET', url: '/api/plans/lvliang-2014-2020/progress?asOf=2019' });
    order.push('read');
    expect(read.statusCode).toBe(200);
    const res = await upload;
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().import.summary.rowsRead).toBe(ROWS);
    expect(order).toEqual(['read', 'upload']);
  });
});
