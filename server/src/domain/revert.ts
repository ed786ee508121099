import type { Vintage } from './progress/types.js';

// Reverting a committed upload: each figure it wrote goes back to what it was before the upload,
// or, when the upload created it, is withdrawn (no longer current). A figure revised again since
// the upload is someone's later decision, so it is left alone unless the user includes it. Pure: the
// service reads the revisions and writes what this decides.

/** A revision as a revert compares it. */
export interface FigureState {
  id: number;
  value: number | null;
  published: boolean;
  vintage: Vintage;
  isSample: boolean;
  /** a withdrawal: the figure is not current */
  withdrawn: boolean;
}

/** One figure an upload wrote: its last revision from the upload, the one before it, and the current one. */
export interface UploadedFigureStates {
  uploaded: FigureState;
  /** null: there was no revision before the upload, it created the figure */
  before: FigureState | null;
  current: FigureState;
}

/**
 * restore: back to the revision before the upload; withdraw: the upload created it (or it had been
 * withdrawn before), so it becomes not current; leftAlone: revised since and not included;
 * unchanged: revised since, and already what it was before the upload (nothing to write).
 */
export type RevertAction = 'restore' | 'withdraw' | 'leftAlone' | 'unchanged';

export interface RevertDecision {
  action: RevertAction;
  /**
   * The figure before the upload, which a restore copies (for a figure left alone: what including it
   * would restore). Null: there was none (or it had been withdrawn), so reverting withdraws it.
   */
  restoreTo: FigureState | null;
  revisedSince: boolean;
}

/**
 * Whether two revisions hold the same figure, as the commit judges a row unchanged: value, whether
 * published, vintage and the sample flag (a source retyped is not a new figure). Two withdrawals are
 * the same absence.
 */
export function sameFigure(a: FigureState, b: FigureState): boolean {
  if (a.withdrawn || b.withdrawn) return a.withdrawn && b.withdrawn;
  return a.value === b.value && a.published === b.published && a.vintage === b.vintage && a.isSample === b.isSample;
}

/**
 * What reverting the upload does with one of its figures. "Revised since" is judged by the figure,
 * not by the revision: a later revert that put the upload's own figure back (a new revision with the
 * same figure) leaves it the upload's to revert.
 */
export function revertDecision(figure: UploadedFigureStates, includeRevisedSince: boolean): RevertDecision {
  const { uploaded, before, current } = figure;
  const revisedSince = current.id !== uploaded.id && !sameFigure(current, uploaded);
  const restoreTo = before && !before.withdrawn ? before : null;
  if (revisedSince && !includeRevisedSince) return { action: 'leftAlone', restoreTo, revisedSince };
  const alreadyBefore = restoreTo ? sameFigure(current, restoreTo) : current.withdrawn;
  if (alreadyBefore) return { action: 'unchanged', restoreTo, revisedSince };
  return { action: restoreTo ? 'restore' : 'withdraw', restoreTo, revisedSince };
}

/**
 * The figures' current revisions, as one text: a plan made from them holds while this is the same.
 * (The service hashes it; key order is the caller's and must be stable.)
 */
export function planBasis(figures: readonly { key: string; current: { id: number } }[]): string {
  return figures.map((f) => `${f.key}:${f.current.id}`).join('\n');
}
