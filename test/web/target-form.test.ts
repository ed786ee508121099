import { describe, expect, it } from 'vitest';
import type { Target } from '../../web/src/api/types.js';
import { correctionChanges, correctionForm } from '../../web/src/features/admin/targetCorrection.js';
import { emptyNewTarget, newTargetBody, splitFieldPath } from '../../web/src/features/admin/targetForm.js';
import { enResources as en, zhResources as zh } from '../../web/src/i18n/resources.js';

// The plan page's target forms, their pure parts: the body a new target is sent as (base, benchmark,
// milestones, units), a correction of milestones and clause, and the paths the server names.

const CLAUSE = '高新技術企業總數達到140家';

describe('newTargetBody', () => {
  it('sends the type’s own fields, the base, the milestones and the units, numbers as typed in Excel', () => {
    const form = {
      ...emptyNewTarget(2021),
      key: ' high-tech-firms-total-2021 ',
      indicator: 'high_tech_firms',
      value: '１４０',
      valueMin: '1',
      baseYear: '2018',
      baseValue: '96',
      benchmarkRegion: '210000',
      clause: ` ${CLAUSE} `,
      milestones: [{ year: '2020', value: '120', clause: CLAUSE }],
      units: [
        { unitId: '32', role: 'lead' as const, asPrinted: ' ' },
        { unitId: '44', role: 'responsible' as const, asPrinted: '各縣區政府' },
      ],
    };
    expect(newTargetBody(form)).toEqual({
      ok: true,
      body: {
        key: 'high-tech-firms-total-2021',
        indicator: 'high_tech_firms',
        type: 'level',
        comparator: 'at_least',
        value: 140,
        valueMin: null,
        valueMax: null,
        targetYear: 2021,
        baseYear: 2018,
        baseValue: 96,
        benchmarkRegion: null,
        milestones: [{ year: 2020, value: 120, clause: CLAUSE }],
        clause: CLAUSE,
        noteZh: null,
        noteEn: null,
        units: [
          { unitId: 32, role: 'lead' },
          { unitId: 44, role: 'responsible', asPrinted: '各縣區政府' },
        ],
      },
    });
    const benchmark = newTargetBody({ ...form, type: 'benchmark', value: '' });
    expect(benchmark).toMatchObject({ ok: true, body: { type: 'benchmark', value: null, benchmarkRegion: '210000' } });
  });

  it('names the row of a number that is not one, and of a unit not chosen, before sending', () => {
    const form = {
      ...emptyNewTarget(2021),
      milestones: [
        { year: '2020', value: '1', clause: 'x' },
        { year: '二〇二〇', value: '', clause: '' },
      ],
    };
    expect(newTargetBody(form)).toEqual({ ok: false, field: 'milestones[1].year', code: 'not_a_number' });
    expect(newTargetBody({ ...emptyNewTarget(2021), baseYear: '2018.5' })).toEqual({
      ok: false,
      field: 'baseYear',
      code: 'not_a_number',
    });
    const units = {
      ...emptyNewTarget(2021),
      units: [
        { unitId: '3', role: 'lead' as const, asPrinted: '' },
        { unitId: '', role: 'lead' as const, asPrinted: '' },
      ],
    };
    expect(newTargetBody(units)).toEqual({ ok: false, field: 'units[1].unitId', code: 'unit_required' });
  });
});

describe('correcting milestones and the clause', () => {
  const target = {
    id: 7,
    type: 'level',
    comparator: 'at_least',
    value: 140,
    valueMin: null,
    valueMax: null,
    valueUnknown: false,
    targetYear: 2021,
    baseYear: 2018,
    baseValue: 96,
    commitment: null,
    clause: CLAUSE,
    noteZh: null,
    noteEn: null,
    milestones: [{ year: 2020, value: 120, clause: CLAUSE }],
  } as unknown as Target;

  it('sends the milestones whole when one changed, and the clause trimmed', () => {
    const form = correctionForm(target);
    expect(form.milestones).toEqual([{ year: '2020', value: '120', clause: CLAUSE }]);
    const changed = {
      ...form,
      milestones: [{ year: '2020', value: '125', clause: CLAUSE }],
      clause: ` 全市${CLAUSE} `,
      reason: '修订',
    };
    expect(correctionChanges(target, changed)).toEqual({
      ok: true,
      correction: { clause: `全市${CLAUSE}`, milestones: [{ year: 2020, value: 125, clause: CLAUSE }], reason: '修订' },
      changed: ['clause', 'milestones'],
    });
    // The same milestones, typed again: nothing changed.
    expect(correctionChanges(target, { ...form, reason: 'x' })).toMatchObject({ ok: false, code: 'no_change' });
    expect(correctionChanges(target, { ...form, milestones: [], reason: 'x' })).toMatchObject({
      ok: true,
      correction: { milestones: [] },
    });
    expect(correctionChanges(target, { ...form, milestones: [{ year: 'x', value: '', clause: '' }], reason: 'x' })).toEqual({
      ok: false,
      field: 'milestones[0].year',
      code: 'not_a_number',
    });
  });

  it('reads the paths the server names, and has words for every new refusal in both languages', () => {
    expect(splitFieldPath('milestones[1].year')).toEqual({ group: 'milestones', row: 1, part: 'year' });
    expect(splitFieldPath('units[0].unitId')).toEqual({ group: 'units', row: 0, part: 'unitId' });
    expect(splitFieldPath('units[2]')).toEqual({ group: 'units', row: 2, part: null });
    expect(splitFieldPath('value')).toEqual({ group: null, field: 'value' });
    for (const res of [zh, en]) {
      for (const code of ['unit_required', 'unit_not_found', 'unit_other_region', 'unit_repeated'] as const)
        expect(res.planEdit.errors[code]).toMatch(/\{\{field\}\}/);
      for (const code of ['milestone_repeated', 'clause_not_verbatim'] as const)
        expect(res.admin.target.errors[code]).toMatch(/\{\{field\}\}/);
      expect(res.planEdit.milestones.rowField).toMatch(/\{\{n\}\}.*\{\{field\}\}/);
    }
  });
});
