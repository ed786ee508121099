import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { useApp } from '../helpers/app.js';

// A statistician pastes a bulletin paragraph: POST /api/imports/bulletin reads it into proposed
// figures (nothing stored), then previews the chosen ones like an upload's rows; the ordinary commit
// writes them, each with its sentence as the quote and the bulletin as the source. Real app, demo mode.

const { app, dbPath } = useApp({ demo: true, publicRead: false });

let db: Db;
let statistician: { cookie: string; csrf: string };

async function signIn(name: string, password: string) {
  const res = await app().inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jindu_session');
  return { cookie: `jindu_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
}
const post = (url: string, payload: unknown, who = statistician) =>
  app().inject({ method: 'POST', url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf }, payload: payload as object });

const PARAGRAPH =
  '2022年全市专利申请量与授权量分别为1020件和610件，比上年增长12.5%。年末高新技术企业达到96家，比上年增加12家。全年R&D经费比上年增长10.3%。';
const bulletin = (extra: Record<string, unknown> = {}) => ({
  region: '141100',
  year: 2022,
  sourceTitle: '吕梁市2022年国民经济和社会发展统计公报',
  sourceUrl: 'http://www.lvliang.gov.cn/tjgb/2022.html',
  vintage: 'final',
  text: PARAGRAPH,
  ...extra,
});
const counts = () =>
  ['imports', 'import_rows', 'observation_revisions', "audit_log WHERE action NOT LIKE 'session.%'"].map(
    (table) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
  );

beforeAll(async () => {
  db = openDatabase(dbPath());
  statistician = await signIn('demo-statistician', 'jindu-demo-statistician');
});
afterAll(() => {
  db?.close();
});

describe('POST /api/imports/bulletin', () => {
  it('reads the proposals without storing anything: levels with their sentences, growth rates apart', async () => {
    const before = counts();
    const res = await post('/api/imports/bulletin', bulletin());
    expect(res.statusCode, res.body).toBe(200);
    const { reading } = res.json();
    expect(reading.proposals.map((p: Record<string, unknown>) => [p.index, p.indicatorCode, p.value, p.unit])).toEqual([
      [0, 'patent_applications', 1020, '件'],
      [1, 'patent_grants', 610, '件'],
      [2, 'high_tech_firms', 96, '家'],
    ]);
    expect(reading.proposals[1].sentence).toBe('2022年全市专利申请量与授权量分别为1020件和610件，比上年增长12.5%');
    expect(reading.proposals[1].changes).toEqual([{ text: '比上年增长12.5%', value: 12.5, unit: '%', direction: 'up' }]);
    expect(reading.proposals[2].changes).toEqual([{ text: '比上年增加12家', value: 12, unit: '家', direction: 'up' }]);
    expect(reading.skipped).toEqual([
      expect.objectContaining({ reason: 'change_only', indicatorCode: 'rd_expenditure', sentence: '全年R&D经费比上年增长10.3%' }),
    ]);
    expect(counts()).toEqual(before);
  });

  it('refuses another region (403), a bad field (400 naming it), a proposal that is not there (400 accept)', async () => {
    const before = counts();
    const other = await post('/api/imports/bulletin', bulletin({ region: '211100' }));
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('region_not_assigned');
    const noText = await post('/api/imports/bulletin', bulletin({ text: '' }));
    expect(noText.statusCode).toBe(400);
    expect(noText.json().field).toBe('text');
    const noTitle = await post('/api/imports/bulletin', bulletin({ sourceTitle: undefined }));
    expect(noTitle.json().field).toBe('sourceTitle');
    const badUrl = await post('/api/imports/bulletin', bulletin({ sourceUrl: 'javascript:alert(1)' }));
    expect(badUrl.json().field).toBe('sourceUrl');
    const wrong = await post('/api/imports/bulletin', bulletin({ accept: [7] }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/accept/);
    const none = await post('/api/imports/bulletin', bulletin({ accept: [] }));
    expect(none.statusCode).toBe(400);
    const viewer = await signIn('demo-viewer', 'jindu-demo-viewer');
    expect((await post('/api/imports/bulletin', bulletin(), viewer)).statusCode).toBe(403);
    expect(counts()).toEqual(before);
  });

  it('previews the chosen proposals like an upload, and the commit writes them with their sentences as quotes', async () => {
    const res = await post('/api/imports/bulletin', bulletin({ accept: [1, 2] }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.import).toMatchObject({
      fileName: '吕梁市2022年国民经济和社会发展统计公报',
      fileType: 'bulletin',
      status: 'preview',
      defaultVintage: 'final',
      summary: { rowsRead: 2, new: 2, errors: 0 },
    });
    expect(body.rows.map((r: Record<string, unknown>) => [r.row, r.indicatorCode, r.year, r.value, r.rawValue, r.quote])).toEqual(
      [
        [1, 'patent_grants', 2022, 610, '610件', '2022年全市专利申请量与授权量分别为1020件和610件，比上年增长12.5%'],
        [2, 'high_tech_firms', 2022, 96, '96家', '年末高新技术企业达到96家，比上年增加12家'],
      ],
    );
    expect(body.rows[0]).toMatchObject({
      regionCode: '141100',
      sourceTitle: '吕梁市2022年国民经济和社会发展统计公报',
      sourceUrl: 'http://www.lvliang.gov.cn/tjgb/2022.html',
      vintage: 'final',
      note: '比上年增长12.5%',
    });

    const commit = await post(`/api/imports/${body.import.id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json().written).toBe(2);
    const written = db
      .prepare(
        `SELECT indicator_code AS indicator, value, vintage, source_title AS title, source_url AS url, quote, note, origin
           FROM observation_revisions WHERE region_code = '141100' AND year = 2022 AND indicator_code IN ('patent_grants', 'high_tech_firms')
          ORDER BY id`,
      )
      .all();
    expect(written).toEqual([
      {
        indicator: 'patent_grants',
        value: 610,
        vintage: 'final',
        title: '吕梁市2022年国民经济和社会发展统计公报',
        url: 'http://www.lvliang.gov.cn/tjgb/2022.html',
        quote: '2022年全市专利申请量与授权量分别为1020件和610件，比上年增长12.5%',
        note: '比上年增长12.5%',
        origin: 'upload',
      },
      {
        indicator: 'high_tech_firms',
        value: 96,
        vintage: 'final',
        title: '吕梁市2022年国民经济和社会发展统计公报',
        url: 'http://www.lvliang.gov.cn/tjgb/2022.html',
        quote: '年末高新技术企业达到96家，比上年增加12家',
        note: '比上年增加12家',
        origin: 'upload',
      },
    ]);
    // Growth rates are never values: no figure of 12.5, 12 or 10.3 was written anywhere.
    expect(
      db
        .prepare(
          "SELECT count(*) FROM observation_revisions WHERE value IN (12.5, 12, 10.3) AND entered_by = 'demo-statistician'",
        )
        .pluck()
        .get(),
    ).toBe(0);
    // Not proposed: the patent applications (not accepted) and R&D (a growth rate only).
    expect(
      db
        .prepare(
          "SELECT count(*) FROM observation_revisions WHERE year = 2022 AND indicator_code IN ('patent_applications', 'rd_expenditure') AND region_code = '141100'",
        )
        .pluck()
        .get(),
    ).toBe(0);
    // The figure's history shows the quote, as the target page reads it.
    const history = await app().inject({
      method: 'GET',
      url: '/api/observations?region=141100&indicator=high_tech_firms',
      headers: { cookie: statistician.cookie },
    });
    const row = history.json().observations.find((o: { year: number }) => o.year === 2022);
    expect(row).toMatchObject({ value: 96, quote: '年末高新技术企业达到96家，比上年增加12家' });
  });
});
