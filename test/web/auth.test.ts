import { describe, expect, it } from 'vitest';
import {
  type AuditValueWords,
  auditFilterFromSearch,
  auditQueryString,
  auditSearch,
  auditValueText,
  describeChange,
  KNOWN_ENTITIES,
  KNOWN_FIELDS,
  SYSTEM_ACTORS,
} from '../../web/src/features/admin/audit.js';
import { userErrorKey } from '../../web/src/features/admin/userErrors.js';
import { commentYears, defaultCommentYear, sortComments } from '../../web/src/features/comments/comments.js';
import { httpUrl } from '../../web/src/features/figures/links.js';
import { type ApiFailure, describeApiError, waitMinutes } from '../../web/src/features/session/errors.js';
import {
  canEnterFigures,
  canReviewRegion,
  canWriteRegion,
  type SessionUser,
  writableRegions,
} from '../../web/src/features/session/permissions.js';
import { safeNext, signInPath, signInReasonOf } from '../../web/src/features/session/redirect.js';
import { enResources as en, zhResources as zh } from '../../web/src/i18n/resources.js';

// Sign-in, permissions, the audit search and commentary: the pure parts, with the exact words shown.

/** An API failure as ApiError carries it (the class itself needs the DOM's fetch types). */
class ApiError implements ApiFailure {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly field?: string,
    readonly code?: string,
    readonly body?: unknown,
  ) {}
}

const user = (role: SessionUser['role'], regions: string[] = []): SessionUser => ({
  id: 1,
  name: 'u',
  displayName: 'U',
  role,
  regions,
  unitId: role === 'reporter' ? 7 : null,
  isDemo: false,
});

describe('where sign-in sends people', () => {
  it('follows only paths of this site, never another origin or the sign-in page itself', () => {
    expect(safeNext('/plans/lvliang-2014-2020?asOf=2017&lang=en')).toBe('/plans/lvliang-2014-2020?asOf=2017&lang=en');
    for (const bad of [
      null,
      '',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/signin',
      '/signin?next=/x',
    ]) {
      expect(safeNext(bad)).toBe('/');
    }
  });

  it('remembers where the user was and why they were sent', () => {
    expect(signInPath('/uploads?show=errors', 'expired')).toBe('/signin?next=%2Fuploads%3Fshow%3Derrors&reason=expired');
    expect(signInPath('/')).toBe('/signin');
  });

  it('recognises the two answers that mean "sign in", and no other', () => {
    expect(signInReasonOf(new ApiError(401, 'x', undefined, 'session_expired'))).toBe('expired');
    expect(signInReasonOf(new ApiError(401, 'x', undefined, 'sign_in_required'))).toBe('required');
    expect(signInReasonOf(new ApiError(401, 'Wrong name or password.', undefined, 'wrong_credentials'))).toBeNull();
    expect(signInReasonOf(new ApiError(403, 'x', undefined, 'forbidden'))).toBeNull();
  });
});

describe('errors in the user’s language', () => {
  const zhT = (key: string, values: Record<string, unknown> = {}) => {
    const [, group, name] = key.split('.');
    const errors = zh.auth.error as Record<string, string>;
    // Chinese has one plural form: a key counted (values.count) is its _other.
    const template = errors[name ?? ''] ?? errors[`${name}_other`] ?? `${group}`;
    return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
  };

  it('says a wrong password and a slow-down in Chinese, with the wait the server gave, in whole minutes', () => {
    const wrong = describeApiError(new ApiError(401, 'Wrong name or password.', undefined, 'wrong_credentials'));
    expect(zhT(wrong.key, wrong.values)).toBe('用户名或密码错误。');
    const slowed = describeApiError(
      new ApiError(429, 'Too many failed sign-ins for this account; try again in 14 minutes.', undefined, 'account_throttled', {
        retryAfter: 14 * 60 - 30,
      }),
    );
    expect(slowed).toEqual({ key: 'auth.error.accountThrottled', values: { count: 14 } });
    expect(zhT(slowed.key, slowed.values)).toBe('该账号登录失败次数过多，请 14 分钟后再试。');
    const address = describeApiError(new ApiError(429, '…', undefined, 'address_throttled', { retryAfter: 60 }));
    expect(zhT(address.key, address.values)).toBe('来自您所在网络地址的登录失败次数过多，请 1 分钟后再试。');
    expect(waitMinutes({ retryAfter: 1 })).toBe(1);
    expect(waitMinutes({ retryAfter: 121 })).toBe(3);
    expect(waitMinutes(null)).toBe(15);
    const demo = describeApiError(new ApiError(401, 'Demo accounts…', undefined, 'demo_account_disabled'));
    expect(zhT(demo.key)).toBe('演示账号只能在演示模式下登录，这台服务器没有以演示模式运行。');
    expect(describeApiError(new ApiError(401, 'expired', undefined, 'session_expired')).key).toBe('auth.error.sessionExpired');
    expect(describeApiError(new ApiError(0, 'Failed to fetch')).key).toBe('auth.error.network');
    expect(describeApiError(new ApiError(500, 'boom'))).toEqual({ key: 'auth.error.other', values: { status: 500 } });
  });

  it('says why an administrator cannot reset their own password, and a short new one, in Chinese', () => {
    const own = describeApiError(new ApiError(400, 'Change your own password…', 'id', 'own_password'));
    expect(own).toEqual({ key: 'auth.error.ownPassword' });
    expect(zhT(own.key)).toBe('自己的密码请在“修改密码”页面修改，那里需要输入当前密码。');
    const short = describeApiError(
      new ApiError(400, 'The password needs at least 10 characters.', 'password', 'password_too_short'),
    );
    expect(zhT(short.key)).toBe('新密码至少需要 10 个字符。');
    expect(en.auth.error.ownPassword).toMatch(/^Change your own password on the Change password page/);
  });

  it('names the account form’s refusals', () => {
    expect(userErrorKey(new ApiError(409, 'taken', 'name'))).toBe('nameTaken');
    expect(userErrorKey(new ApiError(400, 'short', 'password'))).toBe('password');
    expect(userErrorKey(new ApiError(400, 'self', 'role'))).toBe('self');
    expect(userErrorKey(new ApiError(400, 'bad', 'regions.0'))).toBe('regions');
    expect(userErrorKey(new ApiError(500, 'boom'))).toBeUndefined();
  });

  it('has every sign-in, upload and comment string in both languages', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
        : [prefix.replace(/_(one|other)$/, '')];
    expect([...new Set(keys(en.auth))].sort()).toEqual([...new Set(keys(zh.auth))].sort());
    expect([...new Set(keys(en.imports))].sort()).toEqual([...new Set(keys(zh.imports))].sort());
    expect(en.nav.uploads).toBe('Uploads');
    expect(zh.nav.audit).toBe('审计日志');
  });
});

describe('who sees the write controls', () => {
  it('statisticians for their regions, administrators everywhere, viewers and visitors nowhere', () => {
    expect(canWriteRegion(user('statistician', ['141100']), '141100')).toBe(true);
    expect(canWriteRegion(user('statistician', ['141100']), '211100')).toBe(false);
    expect(canWriteRegion(user('admin'), '211100')).toBe(true);
    expect(canWriteRegion(user('viewer', ['141100']), '141100')).toBe(false);
    expect(canWriteRegion(null, '141100')).toBe(false);
    const regions = [{ code: '141100' }, { code: '211100' }];
    expect(writableRegions(user('statistician', ['211100']), regions)).toEqual([{ code: '211100' }]);
  });

  it('reporters write like statisticians for their regions; reviewers review theirs and write none', () => {
    expect(canWriteRegion(user('reporter', ['141100']), '141100')).toBe(true);
    expect(canWriteRegion(user('reporter', ['141100']), '211100')).toBe(false);
    expect(canEnterFigures(user('reporter', ['141100']))).toBe(true);
    expect(canWriteRegion(user('reviewer', ['141100']), '141100')).toBe(false);
    expect(canEnterFigures(user('reviewer', ['141100']))).toBe(false);
    expect(canReviewRegion(user('reviewer', ['141100']), '141100')).toBe(true);
    expect(canReviewRegion(user('reviewer', ['141100']), '211100')).toBe(false);
    expect(canReviewRegion(user('statistician', ['141100']), '141100')).toBe(false);
    expect(canReviewRegion(user('admin'), '211100')).toBe(true);
    expect(canReviewRegion(null, '141100')).toBe(false);
  });
});

describe('the audit search', () => {
  it('keeps only well-formed filters from the address and writes them back', () => {
    const filter = auditFilterFromSearch(
      new URLSearchParams('user=demo-statistician&region=141100&indicator=rd_intensity&from=2026-01-01&to=bad&offset=50&x=1'),
    );
    expect(filter).toEqual({
      user: 'demo-statistician',
      region: '141100',
      indicator: 'rd_intensity',
      from: '2026-01-01',
      to: '',
      offset: 50,
    });
    expect(auditSearch(filter).toString()).toBe(
      'user=demo-statistician&region=141100&indicator=rd_intensity&from=2026-01-01&offset=50',
    );
    expect(auditQueryString({ ...filter, offset: 0 }, 50)).toBe(
      'user=demo-statistician&region=141100&indicator=rd_intensity&from=2026-01-01&limit=50',
    );
  });

  it('shows what an entry changed, field by field, leaving out what stayed and the bookkeeping', () => {
    expect(
      describeChange({
        before: { id: 3, role: 'viewer', regions: [], displayName: 'A' },
        after: { id: 3, role: 'statistician', regions: ['141100'], displayName: 'A' },
      }),
    ).toEqual([
      { field: 'role', before: 'viewer', after: 'statistician' },
      { field: 'regions', before: '', after: '141100' },
    ]);
    expect(describeChange({ before: null, after: { year: 2021, value: 86, vintage: 'final' } })).toEqual([
      { field: 'year', before: null, after: '2021' },
      { field: 'value', before: null, after: '86' },
      { field: 'vintage', before: null, after: 'final' },
    ]);
    expect(describeChange({ before: null, after: null })).toEqual([]);
    // A nested summary reads field by field.
    expect(describeChange({ before: null, after: { written: 2, summary: { errors: 0, changed: 2 } } })).toEqual([
      { field: 'written', before: null, after: '2' },
      { field: 'summary.errors', before: null, after: '0' },
      { field: 'summary.changed', before: null, after: '2' },
    ]);
  });
});

describe('the audit log in words', () => {
  const words: AuditValueWords = {
    yes: zh.auth.audit.values.yes,
    no: zh.auth.audit.values.no,
    none: zh.auth.audit.values.none,
    listSeparator: zh.auth.audit.values.listSeparator,
    codes: { vintage: zh.vintage, role: zh.auth.role, reason: zh.auth.audit.values.signInFailure },
  };
  const text = (field: string, value: unknown) => auditValueText(field, value, words);

  it('names every field, entity and system actor the server writes, in both languages', () => {
    const label = (lang: typeof zh, field: string): unknown =>
      field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], lang.auth.audit.fields);
    for (const field of KNOWN_FIELDS) {
      expect(label(zh, field), field).toMatch(/[\u4e00-\u9fff]/);
      expect(label(en, field), field).toMatch(/^[A-Z]/);
    }
    expect(label(zh, 'summary.rowsRead')).toBe('读取行数');
    expect(label(zh, 'isSample')).toBe('示例数据');
    for (const entity of KNOWN_ENTITIES) {
      expect(zh.auth.audit.entities[entity]).toMatch(/[\u4e00-\u9fff]/);
      expect(en.auth.audit.entities[entity]).toMatch(/^[a-z]/);
    }
    for (const actor of SYSTEM_ACTORS) expect(zh.auth.audit.actors[actor]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows flags as 是/否 and coded values by their names: no isSample true→false, no "final"', () => {
    // A figure uploaded over a sample one (services/imports.ts writes isSample true → false).
    expect(
      describeChange(
        {
          before: { year: 2019, value: 55, vintage: 'final', isSample: true },
          after: { year: 2019, value: 57, vintage: 'revised', isSample: false },
        },
        text,
      ),
    ).toEqual([
      { field: 'value', before: '55', after: '57' },
      { field: 'vintage', before: '最终核实', after: '修订' },
      { field: 'isSample', before: '是', after: '否' },
    ]);
    expect(
      describeChange(
        { before: { role: 'viewer', regions: [] }, after: { role: 'statistician', regions: ['141100', '141102'] } },
        text,
      ),
    ).toEqual([
      { field: 'role', before: '查看者', after: '统计员' },
      { field: 'regions', before: '', after: '141100、141102' },
    ]);
    expect(text('reason', 'wrong_password')).toBe('密码错误');
    expect(text('reason', '原文25%应为2.5%')).toBe('原文25%应为2.5%');
    expect(text('note', null)).toBe('（空）');
    expect(text('someFieldNotKnown', 'final')).toBe('final');
  });
});

describe('commentary', () => {
  it('offers the years from the base year to this year and starts at the latest figure’s year', () => {
    const years = commentYears({ baseYear: 2013, targetYear: 2020, milestones: [{ year: 2015 }] }, 2026);
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(2013);
    expect(defaultCommentYear(2021, years, 2026)).toBe(2021);
    expect(defaultCommentYear(null, years, 2026)).toBe(2025);
  });

  it('reads newest year first, and within a year the newest comment first', () => {
    const c = (id: number, year: number, createdAt: string) => ({
      id,
      targetId: 1,
      year,
      body: '',
      authorName: 'a',
      authorDisplayName: 'A',
      createdAt,
      replacesId: null,
    });
    expect(sortComments([c(1, 2019, '2026-01-01'), c(2, 2020, '2026-01-01'), c(3, 2019, '2026-02-01')]).map((x) => x.id)).toEqual(
      [2, 3, 1],
    );
  });

  it('links only http(s) sources', () => {
    expect(httpUrl('https://www.lvliang.gov.cn/x')).toBe('https://www.lvliang.gov.cn/x');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl(null)).toBeNull();
  });
});
