import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { deliveryUrl, escapeMarkdown, webhookBody, webhookUrlProblem } from '../../server/src/domain/webhooks.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { tempDbPath } from '../helpers/db.js';

// Webhooks of collection rounds, against a local HTTP receiver started here: the exact JSON bodies of
// 企业微信 and 钉钉 group robots, 钉钉's signature, retries, and that nothing is sent for a write that
// did not happen.

interface Received {
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: unknown;
}

const PASSWORD = 'webhook test password';
const SECRET = 'SECa1b2c3d4e5f6';
let app: App;
let db: Db;
let cleanup: () => void;
let receiver: http.Server;
let base = '';
const received: Received[] = [];
/** Per path: the statuses to answer with, in turn (the last one repeats). */
const script: Record<string, { status: number; body: string }[]> = {
  '/wecom': [{ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }],
  '/ding': [{ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }],
  '/generic': [{ status: 204, body: '' }],
  '/flaky': [
    { status: 500, body: 'busy' },
    { status: 502, body: 'busy' },
    { status: 200, body: 'ok' },
  ],
  '/down': [{ status: 500, body: 'down' }],
  '/robot-error': [{ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' }],
};
const cookies: Record<string, { cookie: string; csrf: string }> = {};

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({
        path: url.pathname,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        body: text ? JSON.parse(text) : null,
      });
      const turns = script[url.pathname] ?? [{ status: 404, body: '' }];
      const answer =
        turns.length > 1 ? (turns.shift() as { status: number; body: string }) : (turns[0] as { status: number; body: string });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  app = await buildApp({
    dbPath: tmp.dbPath,
    serveWeb: false,
    publicRead: true,
    roundSweepMs: 0,
    // Short waits between attempts: the retries are asserted by their count, not their timing.
    webhooks: { retryDelaysMs: [10, 10, 10], timeoutMs: 5_000 },
  });
  db = openDatabase(tmp.dbPath);
  const repos = createRepositories(db);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  repos.users.create({ name: 'hook-admin', displayName: '管理员', role: 'admin', regions: [], passwordHash }, now);
  repos.users.create({ name: 'hook-viewer', displayName: '读者', role: 'viewer', regions: [], passwordHash }, now);
  const kejiju = db.prepare(`SELECT id FROM units WHERE region_code = '141100' AND name_zh = '市科技局'`).pluck().get() as number;
  repos.users.create(
    { name: 'hook-reporter', displayName: '填报人', role: 'reporter', regions: ['141100'], unitId: kejiju, passwordHash },
    now,
  );
  repos.users.create({ name: 'hook-reviewer', displayName: '审核人', role: 'reviewer', regions: ['141100'], passwordHash }, now);
  for (const name of ['hook-admin', 'hook-viewer', 'hook-reporter', 'hook-reviewer']) {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
    cookies[name] = {
      cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`,
      csrf: res.json().csrfToken,
    };
  }
});
afterAll(async () => {
  db.close();
  await app.close();
  // The sender's keep-alive connections would hold close() for seconds.
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  cleanup();
});

const send = (who: string, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[who]?.cookie ?? '', 'x-csrf-token': cookies[who]?.csrf ?? '' } });

/** Waits until no delivery is pending (each failure is retried after 10 ms). */
async function drained(): Promise<void> {
  await vi.waitFor(
    async () => {
      await app.webhookDispatcher.settled();
      expect(db.prepare(`SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'`).pluck().get()).toBe(0);
    },
    { timeout: 5_000, interval: 20 },
  );
}

const ROUND = {
  regionCode: '141100',
  year: 2019,
  titleZh: '2019年度数据填报',
  titleEn: '2019 data collection',
  dueDate: '2099-03-31',
};

describe('webhook messages', () => {
  const event = {
    kind: 'round_opened' as const,
    round: { id: 1, titleZh: '2019年度数据填报', regionNameZh: '吕梁市', year: 2019, dueDate: '2099-03-31' },
    items: 3,
    by: 'admin',
  };
  const text = [
    '### 填报开始：2019年度数据填报',
    '> 地区：吕梁市',
    '> 数据年度：2019年',
    '> 应报数据：3 项',
    '> 截止日期：2099-03-31',
    '> 发起人：admin',
  ].join('\n');

  it('are in the 企业微信 and 钉钉 robots’ markdown formats, and plain JSON for others', () => {
    expect(webhookBody('wecom', event)).toEqual({ msgtype: 'markdown', markdown: { content: text } });
    expect(webhookBody('dingtalk', event)).toEqual({
      msgtype: 'markdown',
      markdown: { title: '填报开始：2019年度数据填报', text },
    });
    expect(webhookBody('generic', event)).toEqual({
      event: 'round_opened',
      title: '填报开始：2019年度数据填报',
      text: '地区：吕梁市\n数据年度：2019年\n应报数据：3 项\n截止日期：2099-03-31\n发起人：admin',
      data: event,
    });
  });

  it('escape markdown in what users typed, so a reason cannot become a link or a heading', () => {
    expect(escapeMarkdown('[点我](http://evil)\n# 标题 ![x](y) <b>*粗*</b>')).toBe(
      '［点我］(http://evil) # 标题 ！［x］(y) ＜b＞＊粗＊＜/b＞',
    );
  });

  it('sign a 钉钉 URL with timestamp and HMAC-SHA256 of "timestamp\\nsecret", and leave others alone', () => {
    const url = new URL(
      deliveryUrl(
        { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: SECRET },
        1700000000000,
      ),
    );
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    const expected = createHmac('sha256', SECRET).update(`1700000000000\n${SECRET}`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    // base64's + / = are percent-encoded in the query string, as 钉钉 requires.
    expect(url.search).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(deliveryUrl({ kind: 'dingtalk', url: 'https://x.example/send?a=1', secret: null }, 1)).toBe(
      'https://x.example/send?a=1',
    );
    expect(deliveryUrl({ kind: 'wecom', url: 'https://x.example/send?key=k', secret: 'ignored' }, 1)).toBe(
      'https://x.example/send?key=k',
    );
  });

  it('allow only http(s) URLs without credentials', () => {
    expect(webhookUrlProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k')).toBeNull();
    expect(webhookUrlProblem('ftp://example.com/x')).toMatch(/http/);
    expect(webhookUrlProblem('javascript:alert(1)')).toMatch(/http/);
    expect(webhookUrlProblem('https://user:pw@example.com/')).toMatch(/password/);
    expect(webhookUrlProblem('not a url')).toBe('not a URL');
  });
});

describe('webhooks of collection rounds', () => {
  it('are configured by an administrator only, http(s) only, a secret only for 钉钉', async () => {
    expect((await send('hook-viewer', 'POST', '/api/webhooks', { kind: 'wecom', url: `${base}/wecom` })).statusCode).toBe(403);
    const ftp = await send('hook-admin', 'POST', '/api/webhooks', { kind: 'generic', url: 'ftp://example.com/hook' });
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json().field).toBe('url');
    const secretOnWecom = await send('hook-admin', 'POST', '/api/webhooks', { kind: 'wecom', url: `${base}/wecom`, secret: 'x' });
    expect(secretOnWecom.statusCode).toBe(400);
    expect(secretOnWecom.json().field).toBe('secret');
    for (const [kind, path, secret] of [
      ['wecom', '/wecom', null],
      ['dingtalk', '/ding?access_token=tok', SECRET],
      ['generic', '/generic', null],
    ] as const) {
      const res = await send('hook-admin', 'POST', '/api/webhooks', {
        kind,
        url: `${base}${path}`,
        ...(secret ? { secret } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        kind,
        url: `${base}${path}`,
        signed: secret !== null,
        enabled: true,
        createdBy: 'hook-admin',
      });
      expect(res.json()).not.toHaveProperty('secret');
    }
    // The audit entry masks the robot's key.
    const audit = db
      .prepare(`SELECT after_json FROM audit_log WHERE action = 'webhook.create' ORDER BY id`)
      .pluck()
      .all() as string[];
    expect(audit.map((a) => JSON.parse(a).url)).toEqual([`${base}/wecom`, `${base}/ding?…`, `${base}/generic`]);
  });

  it('post the opening of a round to each robot in its format, the 钉钉 one signed', async () => {
    received.length = 0;
    const started = Date.now();
    const res = await send('hook-admin', 'POST', '/api/rounds', ROUND);
    expect(res.statusCode, res.body).toBe(201);
    const items = (db.prepare('SELECT count(*) FROM round_items WHERE round_id = ?').pluck().get(res.json().id) as number) ?? 0;
    await drained();
    const text = [
      '### 填报开始：2019年度数据填报',
      '> 地区：吕梁市',
      '> 数据年度：2019年',
      `> 应报数据：${items} 项`,
      '> 截止日期：2099-03-31',
      '> 发起人：hook-admin',
    ].join('\n');
    const byPath = Object.fromEntries(received.map((r) => [r.path, r]));
    expect(Object.keys(byPath).sort()).toEqual(['/ding', '/generic', '/wecom']);
    expect(byPath['/wecom']?.body).toEqual({ msgtype: 'markdown', markdown: { content: text } });
    expect(byPath['/wecom']?.contentType).toBe('application/json; charset=utf-8');
    expect(byPath['/ding']?.body).toEqual({ msgtype: 'markdown', markdown: { title: '填报开始：2019年度数据填报', text } });
    expect(byPath['/generic']?.body).toMatchObject({
      event: 'round_opened',
      title: '填报开始：2019年度数据填报',
      data: { kind: 'round_opened', items, by: 'hook-admin', round: { id: res.json().id, regionNameZh: '吕梁市', year: 2019 } },
    });
    // 钉钉's signature, checked as the robot checks it.
    const ding = byPath['/ding'] as Received;
    const timestamp = Number(ding.query.get('timestamp'));
    expect(ding.query.get('access_token')).toBe('tok');
    expect(timestamp).toBeGreaterThanOrEqual(started);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
    expect(ding.query.get('sign')).toBe(createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64'));
    expect(db.prepare(`SELECT state, attempts FROM webhook_deliveries ORDER BY id`).all()).toEqual([
      { state: 'sent', attempts: 1 },
      { state: 'sent', attempts: 1 },
      { state: 'sent', attempts: 1 },
    ]);
  });

  it('send nothing for a round that was refused (nothing written, nothing queued)', async () => {
    received.length = 0;
    const before = db.prepare('SELECT count(*) FROM webhook_deliveries').pluck().get();
    const res = await send('hook-admin', 'POST', '/api/rounds', { ...ROUND, year: 2030 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('nothing_owed');
    await drained();
    expect(db.prepare('SELECT count(*) FROM webhook_deliveries').pluck().get()).toBe(before);
    expect(received).toEqual([]);
  });

  it('retry a failed delivery, record each failure, and never fail the request', async () => {
    for (const id of db.prepare('SELECT id FROM webhooks').pluck().all() as number[]) {
      expect((await send('hook-admin', 'PATCH', `/api/webhooks/${id}`, { enabled: false })).statusCode).toBe(200);
    }
    for (const path of ['/flaky', '/down', '/robot-error']) {
      const kind = path === '/robot-error' ? 'wecom' : 'generic';
      expect((await send('hook-admin', 'POST', '/api/webhooks', { kind, url: `${base}${path}` })).statusCode).toBe(201);
    }
    received.length = 0;
    const res = await send('hook-admin', 'POST', '/api/rounds', { ...ROUND, titleZh: '2019年度补报' });
    expect(res.statusCode).toBe(201);
    await drained();
    const rows = db
      .prepare(
        `SELECT w.url, d.state, d.attempts, d.last_status AS lastStatus, d.last_error AS lastError
           FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.round_id = ? ORDER BY w.id`,
      )
      .all(res.json().id);
    expect(rows).toEqual([
      // Failed twice (500, 502), sent at the third attempt.
      { url: `${base}/flaky`, state: 'sent', attempts: 3, lastStatus: 200, lastError: null },
      // Four attempts (the first and three retries), then given up, the last failure kept.
      { url: `${base}/down`, state: 'failed', attempts: 4, lastStatus: 500, lastError: 'HTTP 500' },
      // A robot that answers 200 with an error code has not posted the message.
      {
        url: `${base}/robot-error`,
        state: 'failed',
        attempts: 4,
        lastStatus: 200,
        lastError: 'errcode 93000: invalid webhook url',
      },
    ]);
    expect(received.filter((r) => r.path === '/flaky')).toHaveLength(3);
    expect(received.filter((r) => r.path === '/down')).toHaveLength(4);
    // The administrator sees the deliveries, the failures among them.
    const list = await app.inject({
      method: 'GET',
      url: '/api/webhooks',
      headers: { cookie: cookies['hook-admin']?.cookie ?? '' },
    });
    expect(list.json().deliveries.filter((d: { state: string }) => d.state === 'failed')).toHaveLength(2);
  });

  it('post a round’s overdue event once, when its due date has passed with items outstanding', async () => {
    db.prepare(`UPDATE webhooks SET enabled = CASE WHEN url LIKE '%/generic' THEN 1 ELSE 0 END`).run();
    received.length = 0;
    const res = await send('hook-admin', 'POST', '/api/rounds', { ...ROUND, titleZh: '2019年度逾期测试', dueDate: '2020-01-31' });
    expect(res.statusCode).toBe(201);
    const items = db.prepare('SELECT count(*) FROM round_items WHERE round_id = ?').pluck().get(res.json().id) as number;
    // Looked for after every write and on a timer; however often, it is sent once.
    app.rounds.sweep();
    app.rounds.sweep();
    await drained();
    const overdue = received.filter((r) => (r.body as { event: string }).event === 'round_overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.body).toMatchObject({
      title: '填报逾期：2019年度逾期测试',
      text: `截止日期 2020-01-31 已过\n尚有 ${items} / ${items} 项未审核通过`,
    });
  });

  it('post review’s steps on a round’s figures (submitted, returned with the reason, approved), then the round complete', async () => {
    db.prepare(`UPDATE webhooks SET enabled = CASE WHEN url LIKE '%/generic' OR url LIKE '%/wecom' THEN 1 ELSE 0 END`).run();
    expect((await send('hook-admin', 'PUT', '/api/settings/review', { reviewRequired: true })).statusCode).toBe(200);
    // Each open round asking for a figure hears of it: the earlier rounds of this file are closed first.
    for (const id of db.prepare('SELECT id FROM collection_rounds WHERE closed_at IS NULL').pluck().all() as number[]) {
      expect((await send('hook-admin', 'POST', `/api/rounds/${id}/close`)).statusCode).toBe(200);
    }
    const res = await send('hook-admin', 'POST', '/api/rounds', {
      ...ROUND,
      titleZh: '2019年度科技局补报',
      indicatorCodes: ['high_tech_firms', 'industry_tech_alliances'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const roundId = res.json().id;
    await drained();
    received.length = 0;
    const submit = async (indicator: string, value: number) => {
      const r = await send('hook-reporter', 'POST', '/api/observations', {
        region: '141100',
        indicator,
        year: 2019,
        value,
        vintage: 'final',
        sourceTitle: '市科技局报送',
        acknowledgeWarnings: true,
        explanation: '按年报口径核实',
      });
      expect(r.statusCode, r.body).toBe(202);
      return r.json().id as number;
    };
    const firms = await submit('high_tech_firms', 88);
    const alliances = await submit('industry_tech_alliances', 6);
    const returned = await send('hook-reviewer', 'POST', '/api/review/decisions', {
      decision: 'return',
      ids: [alliances],
      reason: '请附联盟名单',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const approved = await send('hook-reviewer', 'POST', '/api/review/decisions', { decision: 'approve', ids: [firms] });
    expect(approved.statusCode, approved.body).toBe(200);
    // The steps are announced after the requests, from the audit log; then the round is one short.
    app.rounds.sweep();
    await drained();
    const generic = received
      .filter((r) => r.path === '/generic')
      .map((r) => r.body as { event: string; title: string; text: string });
    expect(generic.map((b) => b.event)).toEqual(['figure_submitted', 'figure_submitted', 'figure_returned', 'figure_approved']);
    expect(generic[2]).toMatchObject({
      title: '数据被退回',
      text: '吕梁市 2019年 产业技术创新(战略)联盟数：6 个\n填报轮次：2019年度科技局补报\n退回原因：请附联盟名单\n审核人：hook-reviewer',
    });
    const wecomApproved = received.filter((r) => r.path === '/wecom').at(-1)?.body as { markdown: { content: string } };
    expect(wecomApproved.markdown.content).toContain('### 数据审核通过并发布\n> 吕梁市 2019年 高新技术企业数(年末)：88 家');
    expect((await app.inject({ method: 'GET', url: `/api/rounds/${roundId}` })).json().all).toMatchObject({
      approved: 1,
      returned: 1,
    });

    // The reporter resubmits, the reviewer approves: every item approved, the round is complete, once.
    received.length = 0;
    const again = await send('hook-reporter', 'POST', `/api/review/submissions/${alliances}/resubmit`, {
      value: 6,
      explanation: '名单已附',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(
      (await send('hook-reviewer', 'POST', '/api/review/decisions', { decision: 'approve', ids: [again.json().id] })).statusCode,
    ).toBe(200);
    app.rounds.sweep();
    app.rounds.sweep();
    await drained();
    const events = received.filter((r) => r.path === '/generic').map((r) => (r.body as { event: string }).event);
    expect(events).toEqual(['figure_submitted', 'figure_approved', 'round_complete']);
    expect(received.filter((r) => r.path === '/generic').at(-1)?.body).toMatchObject({
      title: '填报完成：2019年度科技局补报',
      text: '2 项数据全部审核通过',
    });
  });
});
