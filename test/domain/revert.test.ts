import { describe, expect, it } from 'vitest';
import { type FigureState, planBasis, revertDecision, sameFigure } from '../../server/src/domain/revert.js';

// What reverting an upload does with each figure it wrote, by hand-made cases: the figure before the
// upload, the upload's own revision, and the current one.

let next = 1;
const rev = (value: number | null, extra: Partial<FigureState> = {}): FigureState => ({
  id: next++,
  value,
  published: value !== null,
  vintage: 'final',
  isSample: false,
  withdrawn: false,
  ...extra,
});
const withdrawal = () => rev(null, { withdrawn: true });

describe('sameFigure', () => {
  it('compares value, publication, vintage and the sample flag; two withdrawals are the same absence', () => {
    expect(sameFigure(rev(5), rev(5))).toBe(true);
    expect(sameFigure(rev(5), rev(6))).toBe(false);
    expect(sameFigure(rev(5), rev(5, { vintage: 'preliminary' }))).toBe(false);
    expect(sameFigure(rev(5), rev(5, { isSample: true }))).toBe(false);
    expect(sameFigure(rev(null), rev(null))).toBe(true);
    // "Not published" is a figure; a withdrawal is none.
    expect(sameFigure(rev(null), withdrawal())).toBe(false);
    expect(sameFigure(withdrawal(), withdrawal())).toBe(true);
  });
});

describe('revertDecision', () => {
  it('restores the figure before the upload when the upload’s figure is still current', () => {
    const before = rev(45, { isSample: true });
    const uploaded = rev(46);
    expect(revertDecision({ before, uploaded, current: uploaded }, false)).toEqual({
      action: 'restore',
      restoreTo: before,
      revisedSince: false,
    });
  });

  it('withdraws a figure the upload created, or one that had been withdrawn before it', () => {
    const uploaded = rev(95);
    expect(revertDecision({ before: null, uploaded, current: uploaded }, false)).toEqual({
      action: 'withdraw',
      restoreTo: null,
      revisedSince: false,
    });
    const recreated = rev(96);
    expect(revertDecision({ before: withdrawal(), uploaded: recreated, current: recreated }, false).action).toBe('withdraw');
  });

  it('leaves a figure revised since alone, naming what including it would restore; included, it goes back too', () => {
    const before = rev(84, { vintage: 'preliminary' });
    const uploaded = rev(85);
    const later = rev(88);
    expect(revertDecision({ before, uploaded, current: later }, false)).toEqual({
      action: 'leftAlone',
      restoreTo: before,
      revisedSince: true,
    });
    expect(revertDecision({ before, uploaded, current: later }, true)).toEqual({
      action: 'restore',
      restoreTo: before,
      revisedSince: true,
    });
    // A figure created by the upload and revised since: included, it is withdrawn.
    expect(revertDecision({ before: null, uploaded, current: later }, true).action).toBe('withdraw');
  });

  it('judges "revised since" by the figure: the upload’s own figure written again is still the upload’s', () => {
    const before = rev(5);
    const uploaded = rev(6);
    const putBack = rev(6);
    expect(revertDecision({ before, uploaded, current: putBack }, false)).toMatchObject({
      action: 'restore',
      revisedSince: false,
    });
  });

  it('writes nothing for a figure revised since that is already what it was before the upload', () => {
    const before = rev(2.31);
    const uploaded = rev(2.4);
    const restoredByHand = rev(2.31);
    expect(revertDecision({ before, uploaded, current: restoredByHand }, true)).toEqual({
      action: 'unchanged',
      restoreTo: before,
      revisedSince: true,
    });
    // Created by the upload, then withdrawn by another revert: already absent.
    expect(revertDecision({ before: null, uploaded, current: withdrawal() }, true).action).toBe('unchanged');
    // Not included, it is listed as left alone like any other figure revised since.
    expect(revertDecision({ before, uploaded, current: restoredByHand }, false).action).toBe('leftAlone');
  });
});

describe('planBasis', () => {
  it('names each figure with its current revision, so any later revision changes it', () => {
    const a = planBasis([
      { key: '141100/gdp/2021', current: { id: 7 } },
      { key: '141100/gdp/2022', current: { id: 9 } },
    ]);
    expect(a).toBe('141100/gdp/2021:7\n141100/gdp/2022:9');
    expect(
      planBasis([
        { key: '141100/gdp/2021', current: { id: 7 } },
        { key: '141100/gdp/2022', current: { id: 10 } },
      ]),
    ).not.toBe(a);
  });
});
