import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Indicator } from '../../web/src/api/types.js';
import { indicatorsWithAliases } from '../../web/src/features/admin/aliases.js';
import { KNOWN_ACTIONS } from '../../web/src/features/admin/audit.js';
import { previousSource, sameValueCorrection } from '../../web/src/features/imports/preview.js';
import type { PreviewRow } from '../../web/src/features/imports/types.js';
import { FIELD_REASONS, LABELLED_FIELDS, uploadErrorText } from '../../web/src/features/imports/uploadErrors.js';
import { enResources as en, zhResources as zh } from '../../web/src/i18n/resources.js';

// Issue 12, point 3: every 400 of the upload and grid routes in the user's language, read from the
// answer's code and parameters with the page's own labels; the preview's words for a correction by
// a new source; the aliases page's table.

type T = (key: string, values?: Record<string, unknown>) => string;
let tZh: T;
let tEn: T;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  const fixed = (lng: string): T => {
    const t = instance.getFixedT(lng);
    return (key, values) => String(t(key as never, values as never));
  };
  tZh = fixed('zh-CN');
  tEn = fixed('en');
});

/** An ApiError as the client builds it from a 400 answer (status, code, and the whole body). */
const refused = (status: number, body: Record<string, unknown>) => ({ status, code: body.code as string, body });

describe('a refused upload in the user’s language', () => {
  it('a bad form field: no more `field "defaultVintage" must be equal to constant`', () => {
    const error = refused(400, {
      code: 'invalid_field',
      field: 'defaultVintage',
      reason: 'not_allowed',
      allowed: ['preliminary', 'final', 'revised'],
      message: '“Default vintage” must be one of: preliminary, final, revised',
    });
    expect(uploadErrorText(error, tZh)).toBe('“默认口径”只能是：初步核算、最终核实、修订。');
    expect(uploadErrorText(error, tEn)).toBe('“Default vintage” must be one of: Preliminary, Final, Revised.');
    const long = refused(400, { code: 'invalid_field', field: 'defaultSource', reason: 'too_long', limit: 300 });
    expect(uploadErrorText(long, tZh)).toBe('“默认来源”超过 300 个字符，请缩短。');
    expect(uploadErrorText(long, tEn)).toBe('“Default source” is longer than 300 characters; shorten it.');
    const region = refused(400, { code: 'invalid_field', field: 'region', reason: 'bad_format' });
    expect(uploadErrorText(region, tZh)).toBe('“地区”应为6位行政区划代码，如 141100。');
  });

  it('a figure of the grid, named by its indicator when the page knows it, else by its place', () => {
    const error = refused(400, { code: 'invalid_field', field: 'figures.1.value', reason: 'too_long', limit: 100, item: 2 });
    expect(uploadErrorText(error, tZh)).toBe('第2项数据：“数值”超过 100 个字符，请缩短。');
    expect(uploadErrorText(error, tEn)).toBe('Figure 2: “Value” is longer than 100 characters; shorten it.');
    const named = uploadErrorText(error, tZh, { itemName: (item) => (item === 2 ? '专利授权量' : null) });
    expect(named).toBe('专利授权量：“数值”超过 100 个字符，请缩短。');
    const none = refused(400, { code: 'invalid_field', field: 'figures', reason: 'too_few', limit: 1 });
    expect(uploadErrorText(none, tEn)).toBe('Give at least one figure.');
  });

  it('a cut-off upload, a file over the limit, no file, no form', () => {
    expect(uploadErrorText(refused(400, { code: 'upload_incomplete' }), tZh)).toBe(
      '上传没有完成：文件在传输中被截断，只收到了一部分，未读取任何数据。请检查网络后重新上传。',
    );
    expect(uploadErrorText(refused(400, { code: 'upload_incomplete' }), tEn)).toContain('cut off in transit');
    expect(uploadErrorText(refused(413, { code: 'file_too_large' }), tZh, { maxMb: 10 })).toBe('文件超过 10 MB 上限。');
    expect(uploadErrorText(refused(400, { code: 'file_missing' }), tEn)).toBe(
      'The request holds no file; choose the file to upload first.',
    );
    expect(uploadErrorText(refused(400, { code: 'not_multipart' }), tZh)).toBe('请求不是文件上传，请在本页选择文件后上传。');
  });

  it('anything else is left to the server’s bilingual message or the general text', () => {
    expect(uploadErrorText(refused(422, { code: 'encoding', messages: { zh: '…', en: '…' } }), tZh)).toBeNull();
    expect(uploadErrorText(refused(400, { code: 'invalid_field', field: 'x', reason: 'no such reason' }), tZh)).toBeNull();
    expect(uploadErrorText(null, tZh)).toBeNull();
    // A field the page does not label is named as sent.
    expect(uploadErrorText(refused(400, { code: 'invalid_field', field: 'colour', reason: 'unknown_field' }), tEn)).toBe(
      'Unknown field “colour”.',
    );
  });

  it('has a text for every reason and a label for every field, in both languages', () => {
    for (const resources of [zh, en]) {
      const errors = resources.imports.errors as unknown as {
        invalidField: Record<string, string>;
        fields: Record<string, string>;
      };
      for (const reason of [...FIELD_REASONS, 'badRegion']) expect(errors.invalidField[reason], reason).toBeTruthy();
      for (const field of LABELLED_FIELDS) expect(errors.fields[field], field).toBeTruthy();
    }
  });
});

describe('the preview of a correction by a new source', () => {
  const row = (over: Partial<PreviewRow>): Pick<PreviewRow, 'status' | 'value' | 'old' | 'sourceTitle'> => ({
    status: 'changed',
    value: 500,
    sourceTitle: '2041年统计年鉴',
    old: { value: 500, published: true, vintage: 'final', isSample: false, sourceTitle: '2040年统计公报', sourceUrl: null },
    ...over,
  });

  it('says the value is the same and shows the old source', () => {
    expect(sameValueCorrection(row({}))).toBe(true);
    expect(previousSource(row({}))).toBe('2040年统计公报');
    expect(sameValueCorrection(row({ value: 501 }))).toBe(false);
    // The same source (spaces aside), an old preview without it, a new figure: nothing to show.
    expect(previousSource(row({ sourceTitle: ' 2040年统计公报' }))).toBeNull();
    expect(previousSource(row({ old: { value: 500, published: true, vintage: 'final', isSample: false } }))).toBeNull();
    expect(previousSource(row({ status: 'new', old: null }))).toBeNull();
    // Over a sample figure the preview says "replaces a sample", not "a correction".
    expect(sameValueCorrection(row({ old: { value: 500, published: true, vintage: 'final', isSample: true } }))).toBe(false);
  });
});

describe('the indicator aliases page', () => {
  const indicator = (code: string, nameZh: string, nameEn: string): Indicator => ({
    code,
    nameZh,
    nameEn,
    unit: '家',
    unitEn: 'firms',
    direction: 'up',
    kind: 'stock',
    note: null,
    plausibleMin: null,
    plausibleMax: null,
  });
  const indicators = [
    indicator('high_tech_firms', '高新技术企业数(年末)', 'High-tech enterprises'),
    indicator('patent_grants', '专利授权量', 'Patents granted'),
  ];
  const aliases = [
    { id: 1, indicatorCode: 'high_tech_firms', alias: '高企', createdAt: 't', createdBy: 'seed' },
    { id: 2, indicatorCode: 'high_tech_firms', alias: 'high-tech firms', createdAt: 't', createdBy: 'boss' },
  ];

  it('lists each indicator with its aliases, and finds one by code, name or alias, case and width aside', () => {
    expect(indicatorsWithAliases(indicators, aliases, '').map((r) => [r.indicator.code, r.aliases.map((a) => a.alias)])).toEqual([
      ['high_tech_firms', ['高企', 'high-tech firms']],
      ['patent_grants', []],
    ]);
    for (const search of ['高企', 'HIGH-TECH', 'ｈｉｇｈ', 'high_tech', '高新']) {
      expect(
        indicatorsWithAliases(indicators, aliases, search).map((r) => r.indicator.code),
        search,
      ).toEqual(['high_tech_firms']);
    }
    expect(indicatorsWithAliases(indicators, aliases, '专利').map((r) => r.indicator.code)).toEqual(['patent_grants']);
    expect(indicatorsWithAliases(indicators, aliases, 'nothing like it')).toEqual([]);
  });

  it('names the alias changes in the audit log in both languages', () => {
    for (const action of ['indicator.alias_create', 'indicator.alias_delete'] as const) {
      expect(KNOWN_ACTIONS).toContain(action);
      expect(zh.auth.audit.actions[action]).toBeTruthy();
      expect(en.auth.audit.actions[action]).toBeTruthy();
    }
    expect(zh.nav.indicators).toBe('指标别名');
    expect(en.nav.indicators).toBe('Indicator aliases');
  });
});
