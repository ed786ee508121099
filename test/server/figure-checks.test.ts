import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// The figure checks (server/src/domain/figureChecks.ts) through the real app on a real SQLite file:
// an upload's preview shows them, a commit must acknowledge every warned row, and one figure entered
// by hand is refused (400) or held back (409) the same way. The seed holds, for Lüliang (141100): R&D
// intensity 0.74% published for 2021 (samples before), high-tech firms 84 published for 2021 (2020:
// a sample 62).

const PASSWORD = 'statistician password';
let app: App;
let db: Db;
let cleanup: () => void;
let lv: { cookie: string; csrf: string };

beforeAll(async () => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  repos.users.create(
    { name: 'lv', displayName: '吕梁统计员', role: 'statistician', regions: ['141100'], passwordHash },
    new Date().toISOString(),
  );
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'lv', password: PASSWORD } });
  lv = {
    cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`,
    csrf: res.json().csrfToken as string,
  };
});
afterAll(async () => {
  db.close();
  await app.close();
  cleanup();
});

const headers = () => ({ cookie: lv.cookie, 'x-csrf-token': lv.csrf });

async function upload(csv: string) {
  const boundary = 'figurechecks';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="defaultVintage"\r\n\r\nfinal\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="issue12.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  const res = await app.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: { ...headers(), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const commit = (id: number, body?: unknown) =>
  app.inject({
    method: 'POST',
    url: `/api/imports/${id}/commit`,
    headers: headers(),
    ...(body === undefined ? {} : { payload: body as object }),
  });
const enter = (figure: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: '/api/observations',
    headers: headers(),
    payload: { region: '141100', vintage: 'final', sourceTitle: '2022年吕梁市统计公报', ...figure },
  });

const revisions = (indicator: string, year: number) =>
  db
    .prepare(
      "SELECT value, import_id AS importId FROM observation_revisions WHERE region_code = '141100' AND indicator_code = ? AND year = ? ORDER BY id",
    )
    .all(indicator, year);
const audit = (action: string) =>
  (
    db.prepare('SELECT actor, after_json AS after FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
      actor: string;
      after: string;
    }[]
  ).map((a) => ({ actor: a.actor, after: JSON.parse(a.after) }));

const HEADER = '地区代码,指标,年份,数值,单位,口径,来源';

describe('an upload with a figure that cannot be true', () => {
  it('shows `141100,高新技术企业,2022,-4,户,final,x` and 40.5 firms as errors, and refuses to commit', async () => {
    const body = await upload(
      [HEADER, '141100,高新技术企业,2022,-4,户,final,x', '141100,高新技术企业,2023,40.5,户,final,x'].join('\n'),
    );
    expect(body.import.summary).toMatchObject({ rowsRead: 2, new: 0, changed: 0, errors: 2, warnings: 0 });
    expect(body.rows).toEqual([]);
    expect(
      body.issues.map((i: { row: number; column: string; code: string; severity: string }) => [
        i.row,
        i.column,
        i.code,
        i.severity,
      ]),
    ).toEqual([
      [2, 'D', 'negative_value', 'error'],
      [3, 'D', 'fractional_count', 'error'],
    ]);
    expect(body.issues[0].message.zh).toBe('第2行D列：“高新技术企业数(年末)”是数量，不能为负数，填写的是 -4；请核对数值');
    const refused = await commit(body.import.id, { acknowledged: [2, 3] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('import_has_errors');
    expect(revisions('high_tech_firms', 2022)).toEqual([]);
  });

  it('gives the entry grid the same errors (118.45 firms)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/grid',
      headers: headers(),
      payload: {
        region: '141100',
        defaultVintage: 'final',
        defaultSource: '公报',
        figures: [{ indicator: 'high_tech_firms', year: 2022, value: '118.45' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().issues.map((i: { code: string }) => i.code)).toEqual(['fractional_count']);
    expect(res.json().import.summary.errors).toBe(1);
  });
});

describe('an upload with warnings', () => {
  const csv = [HEADER, '141100,R&D经费投入强度,2022,0.021,%,final,公报', '141100,R&D经费投入强度,2023,12,%,final,公报'].join(
    '\n',
  );
  let preview: {
    import: { id: number; summary: Record<string, number> };
    rows: { row: number; warnings: { code: string; message: { zh: string; en: string } }[] }[];
    warnedRows: number[];
  };

  it('shows each row’s warnings in both languages and lists the rows to acknowledge', async () => {
    preview = await upload(csv);
    expect(preview.import.summary).toMatchObject({ new: 2, errors: 0, warnings: 3 });
    expect(preview.rows.map((r) => [r.row, r.warnings.map((w) => w.code)])).toEqual([
      [2, ['share_as_fraction']],
      // 2023 is compared with the file's own 2022, later than the published 2021.
      [3, ['implausible_jump', 'outside_plausible_range']],
    ]);
    expect(preview.rows[0]?.warnings[0]?.message.en).toBe(
      'Row 2, column D: 0.021% looks like a share typed as a fraction (compared with the published 2021 figure of 0.74%); if 2.1% is meant, write 2.1',
    );
    expect(preview.rows[1]?.warnings.map((w) => w.message.zh)).toEqual([
      '第3行D列：12% 是本文件第2行2022年的 0.021%的 571.4 倍；请核对数值和单位',
      '第3行D列：12% 高于“R&D经费投入强度(R&D经费占地区生产总值比重)”的合理上限 10%，合理范围为 0–10%；请核对数值和单位',
    ]);
    expect(preview.warnedRows).toEqual([2, 3]);
  });

  it('refuses a commit that does not acknowledge every warned row, naming the rows, and writes nothing', async () => {
    const none = await commit(preview.import.id);
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({
      code: 'warnings_unacknowledged',
      unacknowledgedRows: [2, 3],
      unacknowledgedCount: 2,
      messages: { zh: '第2、3行的警告尚未确认（共 2 行）；请逐行核对并确认后再提交。未写入任何数据。' },
    });
    const some = await commit(preview.import.id, { acknowledged: [2, 7] });
    expect(some.statusCode).toBe(409);
    expect(some.json()).toMatchObject({ code: 'warnings_unacknowledged', unacknowledgedRows: [3], unacknowledgedCount: 1 });
    expect(revisions('rd_intensity', 2022)).toEqual([]);
    expect(audit('import.commit')).toEqual([]);
    // Still a preview: it can be committed once acknowledged.
    const record = await app.inject({ method: 'GET', url: `/api/imports/${preview.import.id}`, headers: headers() });
    expect(record.json().import).toMatchObject({ status: 'preview', acknowledgement: null });
  });

  it('refuses an acknowledgement that is not a list of row numbers', async () => {
    const res = await commit(preview.import.id, { acknowledged: 'all' });
    expect(res.statusCode).toBe(400);
    // The validator reads a lone value as a list of one, and names its first item.
    expect(res.json().field).toBe('acknowledged.0');
  });

  it('writes the figures once every warned row is acknowledged, and records who acknowledged which warnings', async () => {
    const res = await commit(preview.import.id, { acknowledged: [3, 2] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: 2, alreadyCommitted: false });
    expect(revisions('rd_intensity', 2022)).toEqual([{ value: 0.021, importId: preview.import.id }]);
    expect(revisions('rd_intensity', 2023)).toEqual([{ value: 12, importId: preview.import.id }]);

    const warnings = [
      { row: 2, column: 'D', code: 'share_as_fraction' },
      { row: 3, column: 'D', code: 'implausible_jump' },
      { row: 3, column: 'D', code: 'outside_plausible_range' },
    ];
    const record = await app.inject({ method: 'GET', url: `/api/imports/${preview.import.id}`, headers: headers() });
    expect(record.json().import).toMatchObject({ status: 'committed', acknowledgement: { by: 'lv', rows: [2, 3], warnings } });
    expect(record.json().import.acknowledgement.at).toBe(record.json().import.decidedAt);
    const [entry] = audit('import.commit');
    expect(entry).toMatchObject({ actor: 'lv', after: { written: 2, acknowledged: { rows: [2, 3], warnings } } });
    // The upload's one commit entry names the acknowledged warnings; there is no entry per figure.
    const perFigure = db.prepare("SELECT count(*) FROM audit_log WHERE import_id = ? AND entity = 'observation'").pluck();
    expect(perFigure.get(preview.import.id)).toBe(0);
  });

  it('needs no acknowledgement, and records none, for a file without warnings', async () => {
    const body = await upload([HEADER, '141100,R&D经费投入强度,2024,9.5,%,final,公报'].join('\n'));
    // 9.5% against the 12% just committed for 2023: within 3× of it, and within the plausible range.
    expect(body.warnedRows).toEqual([]);
    const res = await commit(body.import.id);
    expect(res.statusCode, res.body).toBe(200);
    const record = await app.inject({ method: 'GET', url: `/api/imports/${body.import.id}`, headers: headers() });
    expect(record.json().import.acknowledgement).toBeNull();
    expect(audit('import.commit').at(-1)?.after).not.toHaveProperty('acknowledged');
  });
});

describe('one figure entered by hand (POST /api/observations)', () => {
  it('answers 400 naming the field `value` for a figure that cannot be true, and writes nothing', async () => {
    const negative = await enter({ indicator: 'high_tech_firms', year: 2022, value: -4 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json()).toMatchObject({
      field: 'value',
      code: 'negative_value',
      messages: { zh: '“高新技术企业数(年末)”是数量，不能为负数，填写的是 -4；请核对数值' },
    });
    expect(negative.json().message).toMatch(/^field "value": /);
    const fraction = await enter({ indicator: 'high_tech_firms', year: 2022, value: 40.5, acknowledgeWarnings: true });
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json()).toMatchObject({ field: 'value', code: 'fractional_count' });
    const share = await enter({ indicator: 'rd_intensity', year: 2019, value: 120 });
    expect(share.json()).toMatchObject({ field: 'value', code: 'share_out_of_range' });
    expect(revisions('high_tech_firms', 2022)).toEqual([]);
  });

  it('answers 409 with the warnings, measured against the last published figure (not the sample), until acknowledged', async () => {
    const before = revisions('high_tech_firms', 2022).length;
    const held = await enter({ indicator: 'high_tech_firms', year: 2022, value: 300 });
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({
      code: 'warnings_unacknowledged',
      field: 'value',
      warnings: [
        {
          code: 'implausible_jump',
          message: {
            zh: '300家 是2021年已公布的 84家的 3.6 倍；请核对数值和单位',
            en: '300 firms is 3.6× the published 2021 figure of 84 firms; check the figure and its unit',
          },
        },
      ],
    });
    expect(revisions('high_tech_firms', 2022)).toHaveLength(before);

    const written = await enter({ indicator: 'high_tech_firms', year: 2022, value: 300, acknowledgeWarnings: true });
    expect(written.statusCode, written.body).toBe(201);
    expect(written.json()).toMatchObject({ year: 2022, value: 300 });
    const entry = audit('observation.create').at(-1);
    expect(entry).toMatchObject({
      actor: 'lv',
      after: { value: 300, acknowledgedWarnings: [{ code: 'implausible_jump', message: held.json().warnings[0].message }] },
    });
  });

  it('writes a plausible figure without an acknowledgement, and records none', async () => {
    const res = await enter({ indicator: 'high_tech_firms', year: 2023, value: 320 });
    expect(res.statusCode, res.body).toBe(201);
    expect(audit('observation.create').at(-1)?.after).not.toHaveProperty('acknowledgedWarnings');
    // The range check needs no earlier year: 12% for a year before any figure still warns.
    const early = await enter({ indicator: 'rd_intensity', year: 2000, value: 12 });
    expect(early.statusCode).toBe(409);
    expect(early.json().warnings.map((w: { code: string }) => w.code)).toEqual(['outside_plausible_range']);
  });
});
