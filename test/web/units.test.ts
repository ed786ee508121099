import { describe, expect, it } from 'vitest';
import { arrangeTargets, searchWithUnit, unitFromSearch, unitsOfTargets } from '../../web/src/features/plans/targetOrder.js';

// The plan page's unit filter: in the URL beside the other filters, and the units it offers.

const unit = (id: number, nameZh: string) => ({ id, nameZh, nameEn: `unit ${id}` });
const targets = [
  { id: 1, indicator: { kind: 'stock' as const }, units: [unit(7, '市科技局'), unit(9, '市经信委')] },
  { id: 2, indicator: { kind: 'flow' as const }, units: [unit(9, '市经信委')] },
  { id: 3, indicator: { kind: 'stock' as const }, units: [] },
  // A unit both lead and responsible of one target counts once.
  { id: 4, indicator: { kind: 'stock' as const }, units: [unit(7, '市科技局'), unit(7, '市科技局')] },
];

describe('the unit filter', () => {
  it('reads a positive whole number from ?unit= and nothing else', () => {
    expect(unitFromSearch('?unit=12&status=missed')).toBe(12);
    for (const bad of ['', '?unit=', '?unit=0', '?unit=-3', '?unit=1.5', '?unit=abc', '?unit=12345678901'])
      expect(unitFromSearch(bad), bad).toBeNull();
  });

  it('writes the unit into the query string beside the others, and removes it', () => {
    expect(searchWithUnit('?status=missed,limited&lang=en', 7)).toBe('?status=missed,limited&lang=en&unit=7');
    expect(searchWithUnit('?unit=7&lang=en', null)).toBe('?lang=en');
    expect(searchWithUnit('?unit=7', null)).toBe('');
  });

  it("offers each unit the plan's targets name once, with how many targets it is on", () => {
    expect(unitsOfTargets(targets)).toEqual([
      { id: 7, nameZh: '市科技局', nameEn: 'unit 7', count: 2 },
      { id: 9, nameZh: '市经信委', nameEn: 'unit 9', count: 2 },
    ]);
    expect(unitsOfTargets([{ units: [] }, {}])).toEqual([]);
  });

  it('keeps the targets of the unit, together with the kind and status filters', () => {
    const status = new Map([
      [1, 'on_track'],
      [2, 'missed'],
      [3, 'missed'],
      [4, 'no_data'],
    ] as const);
    const arranged = arrangeTargets(targets, (t) => status.get(t.id as 1), { kind: null, statuses: [], unit: 9 });
    expect(arranged.cards.map((t) => t.id)).toEqual([2, 1]);
    expect(arranged).toMatchObject({ shown: 2, total: 4 });
    const withKind = arrangeTargets(targets, (t) => status.get(t.id as 1), { kind: 'stock', statuses: [], unit: 7 });
    expect(withKind.cards.map((t) => t.id)).toEqual([1]);
    expect(withKind.folded.map((t) => t.id)).toEqual([4]);
    const withStatus = arrangeTargets(targets, (t) => status.get(t.id as 1), { kind: null, statuses: ['missed'], unit: 7 });
    expect(withStatus.shown).toBe(0);
    // Without verdicts the unit filter still applies.
    expect(arrangeTargets(targets, null, { kind: null, statuses: [], unit: 7 }).cards.map((t) => t.id)).toEqual([1, 4]);
  });
});
