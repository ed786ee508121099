import { describe, expect, it } from 'vitest';
import type { Target } from '../../web/src/api/types.js';
import { PLAN_FILE_CODES, planProblemTexts, planUploadBody } from '../../web/src/features/admin/planUpload.js';
import {
  CORRECTION_CODES,
  correctionChanges,
  correctionError,
  correctionForm,
  parseNumber,
} from '../../web/src/features/admin/targetCorrection.js';
import { enResources as en, zhResources as zh } from '../../web/src/i18n/resources.js';

// The target-correction form's and the plan upload's pure parts: what they send, and how a refusal is named.

const target = {
  id: 1,
  key: 'rd-intensity-2020',
  type: 'share',
  comparator: 'at_least',
  value: 2.5,
  valueAsPrinted: 25,
  valueMin: null,
  valueMax: null,
  valueUnknown: false,
  targetYear: 2020,
  baseYear: null,
  baseValue: null,
  benchmarkRegionCode: null,
  commitment: null,
  clause: '研究与试验发展(R&D)经费占地区生产总值(GDP)的比重到2020年达到2\ue0105%以上',
  noteZh: null,
  noteEn: null,
  milestones: [],
} as unknown as Target;

describe('correctionChanges', () => {
  it('sends only the changed fields, with the reason trimmed', () => {
    const form = {
      ...correctionForm(target),
      value: '０.７',
      noteZh: '  ',
      noteEn: ' read as 0.7 ',
      reason: ' 原文25%应为2.5% ',
    };
    // An empty Chinese note stays none; the English one is trimmed and sent on its own.
    expect(correctionChanges(target, form)).toEqual({
      ok: true,
      correction: { value: 0.7, noteEn: 'read as 0.7', reason: '原文25%应为2.5%' },
      changed: ['value', 'noteEn'],
    });
    const more = { ...correctionForm(target), baseYear: '2013', baseValue: '0.63', commitment: 'binding' as const, reason: 'r' };
    expect(correctionChanges(target, more)).toMatchObject({
      ok: true,
      correction: { baseYear: 2013, baseValue: 0.63, commitment: 'binding', reason: 'r' },
    });
  });

  it('refuses before sending: nothing changed, no reason, not a number', () => {
    expect(correctionChanges(target, { ...correctionForm(target), reason: 'x' })).toEqual({
      ok: false,
      field: 'reason',
      code: 'no_change',
    });
    expect(correctionChanges(target, { ...correctionForm(target), value: '3' })).toMatchObject({ code: 'reason_required' });
    expect(correctionChanges(target, { ...correctionForm(target), value: '2.5x', reason: 'r' })).toEqual({
      ok: false,
      field: 'value',
      code: 'not_a_number',
    });
    expect(correctionChanges(target, { ...correctionForm(target), targetYear: '2020.5', reason: 'r' })).toMatchObject({
      field: 'targetYear',
    });
  });

  it('reads numbers as statisticians type them', () => {
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('２.６')).toBe(2.6);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('—')).toBeNaN();
  });
});

describe('correctionError', () => {
  it('names the field and the rule, in both languages', () => {
    expect(correctionError({ status: 400, field: 'valueMin', code: 'range_order' })).toEqual({
      code: 'range_order',
      field: 'valueMin',
      rawField: 'valueMin',
    });
    // The clause is correctable now (re-quoted verbatim); a field the form does not know is kept raw.
    expect(correctionError({ status: 400, field: 'clause', code: 'clause_not_verbatim' })).toEqual({
      code: 'clause_not_verbatim',
      field: 'clause',
      rawField: 'clause',
    });
    expect(correctionError({ status: 400, field: 'colour' })).toEqual({ code: 'invalid', field: null, rawField: 'colour' });
    expect(correctionError({ status: 400, field: 'milestones[1].year', code: 'milestone_after_target' })).toEqual({
      code: 'milestone_after_target',
      field: 'milestones',
      rawField: 'milestones[1].year',
    });
    expect(correctionError({ status: 409, code: 'target_retired' })).toEqual({
      code: 'target_retired',
      field: null,
      rawField: null,
    });
    expect(correctionError({ status: 403, code: 'forbidden' })).toBeUndefined();
    for (const code of [...CORRECTION_CODES, 'invalid'] as const) {
      expect(zh.admin.target.errors[code], code).toMatch(/\S/);
      expect(en.admin.target.errors[code], code).toMatch(/\S/);
    }
  });
});

describe('plan upload', () => {
  it('sends the plan file with the document text, and reads a refusal path by path', () => {
    expect(planUploadBody('\uFEFF{"slug":"x-plan","targets":[]}', '原文')).toEqual({
      ok: true,
      body: { slug: 'x-plan', targets: [], sourceText: '原文' },
      slug: 'x-plan',
    });
    expect(planUploadBody('{"slug":"x-plan"}', null)).toMatchObject({ ok: true, body: { slug: 'x-plan' } });
    expect(planUploadBody('{"slug":', null)).toMatchObject({ ok: false });
    expect(planUploadBody('[1]', null)).toMatchObject({ ok: false });
    const texts = planProblemTexts({
      status: 400,
      message: 'targets[3].valueMin: a range needs valueMin <= valueMax',
      problems: [
        { path: 'targets[3].valueMin', code: 'range_order', message: 'a range needs valueMin <= valueMax' },
        { path: 'targets[5].indicator', code: 'unknown_indicator', message: 'indicator x does not exist' },
        { path: 'targets[0].colour', code: 'invalid', message: 'is not a field of a plan file' },
        { path: 'x', code: 'something_new', message: 'm' },
      ],
    });
    expect(texts?.map((p) => `${p.path} ${p.key.group}.${p.key.code}`)).toEqual([
      'targets[3].valueMin target.range_order',
      'targets[5].indicator plans.unknown_indicator',
      'targets[0].colour plans.invalid',
      'x plans.invalid',
    ]);
    expect(planProblemTexts({ status: 409, field: 'slug', code: 'slug_taken', message: 'taken' })).toEqual([
      { path: 'slug', key: { group: 'plans', code: 'slug_taken' }, detail: 'taken', values: { target: '', unit: '' } },
    ]);
    expect(planProblemTexts({ status: 403, message: 'no' })).toBeUndefined();
    // A unit another installation lacks: the target and the form printed, in both languages.
    const [unknown] =
      planProblemTexts({
        status: 400,
        message: 'm',
        problems: [
          {
            path: 'targets[7].units[0].unit',
            code: 'unknown_unit',
            message: 'the lead unit (牵头单位) "市科技局" names no unit of region 211100',
            targetKey: 'tech-smes-2021',
            unit: '市科技局',
          },
        ],
      }) ?? [];
    expect(unknown).toMatchObject({
      key: { group: 'plans', code: 'unknown_unit' },
      values: { target: 'tech-smes-2021', unit: '市科技局' },
    });
    // The translations' placeholders filled as i18next fills them ({{name}}, no escaping of these values).
    const fill = (text: string, values: Record<string, string | undefined>) =>
      text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
    for (const [texts, expected] of [
      [
        zh,
        '「targets[7].units[0].unit」：目标 tech-smes-2021 的单位「市科技局」不在本地区的单位名录中（既不是单位名称，也不是别名）。',
      ],
      [
        en,
        '“targets[7].units[0].unit”: the unit “市科技局” of target tech-smes-2021 is not in the region’s list of units (neither a unit’s name nor an alias).',
      ],
    ] as const)
      expect(fill(texts.admin.plans.errors.unknown_unit, { path: unknown?.path, ...unknown?.values })).toBe(expected);
    for (const code of PLAN_FILE_CODES) {
      expect(zh.admin.plans.errors[code], code).toMatch(/\{\{path\}\}/);
      expect(en.admin.plans.errors[code], code).toMatch(/\{\{path\}\}/);
    }
  });
});
