import { describe, expect, it } from 'vitest';
import type { Target } from '../../web/src/api/types.js';
import {
  CORRECTION_CODES,
  correctionChanges,
  correctionError,
  correctionForm,
  parseNumber,
} from '../../web/src/features/admin/targetCorrection.js';
import { enResources as en, zhResources as zh } from '../../web/src/i18n/resources.js';

// The target-correction form's pure parts: what it sends, and how a refusal is named.

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
  note: null,
  milestones: [],
} as unknown as Target;

describe('correctionChanges', () => {
  it('sends only the changed fields, with the reason trimmed', () => {
    const form = { ...correctionForm(target), value: '０.７', note: '  ', reason: ' 原文25%应为2.5% ' };
    expect(correctionChanges(target, form)).toEqual({
      ok: true,
      correction: { value: 0.7, reason: '原文25%应为2.5%' },
      changed: ['value'],
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
    expect(correctionError({ status: 400, field: 'clause' })).toEqual({ code: 'invalid', field: null, rawField: 'clause' });
    expect(correctionError({ status: 403, code: 'forbidden' })).toBeUndefined();
    for (const code of [...CORRECTION_CODES, 'invalid'] as const) {
      expect(zh.admin.target.errors[code], code).toMatch(/\S/);
      expect(en.admin.target.errors[code], code).toMatch(/\S/);
    }
  });
});
