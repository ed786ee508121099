// The shapes of review before publication (填报 → 审核 → 发布): figure submissions, the reviewer's
// queue and decisions. Types only, as api/types.ts: the web imports them with `import type`.

import type { Message } from '../domain/import/types.js';
import type { Vintage } from '../domain/progress/types.js';

export type SubmissionState = 'pending' | 'approved' | 'returned' | 'withdrawn';

/** One 审核规则 finding kept with a submission (the figure checks at the time it was submitted). */
export interface SubmissionCheck {
  code: string;
  severity: 'error' | 'warning';
  message: Message;
}

/** A figure submitted for review (table figure_submissions, migration 0015). */
export interface FigureSubmission {
  id: number;
  regionCode: string;
  indicatorCode: string;
  year: number;
  /** null: not published ("—"), never zero */
  value: number | null;
  published: boolean;
  vintage: Vintage;
  isSample: boolean;
  sourceTitle: string;
  sourceUrl: string | null;
  quote: string | null;
  note: string | null;
  /** 情况说明: the reporter's explanation of the checks' findings */
  explanation: string | null;
  checks: SubmissionCheck[];
  state: SubmissionState;
  submittedBy: string;
  submittedById: number | null;
  submittedAt: string;
  importId: number | null;
  batchId: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** why it was returned (or approved with a remark) */
  decisionReason: string | null;
  /** the revision the approval wrote */
  revisionId: number | null;
  /** the returned submission this one replaces */
  replacesId: number | null;
}

/** What approving a pending figure would do to one target's verdict (nothing is written). */
export interface VerdictChange {
  targetId: number;
  planId: number;
  planTitleZh: string;
  planTitleEn: string;
  key: string;
  status: string;
  statusIfApproved: string;
}

/** A pending figure as a reviewer sees it. */
export interface PendingFigure extends FigureSubmission {
  regionNameZh: string;
  regionNameEn: string;
  indicatorNameZh: string;
  indicatorNameEn: string;
  unit: string;
  unitEn: string;
  /** the figure now published for the year (null: none) */
  current: { value: number | null; isSample: boolean } | null;
  /** the last published years before it, newest first (at most three) */
  previous: { year: number; value: number | null }[];
  /** targets whose verdict the figure would change */
  verdictChanges: VerdictChange[];
}

/** One submission (an upload, a grid save, one figure) awaiting review. */
export interface PendingBatch {
  batchId: string;
  submittedBy: string;
  submittedAt: string;
  importId: number | null;
  fileName: string | null;
  figures: PendingFigure[];
}

export interface ReviewDecisionRequest {
  decision: 'approve' | 'return';
  /** the figures decided; or `batchId` for every pending figure of a submission */
  ids?: number[];
  batchId?: string;
  /** required to return */
  reason?: string;
}

export interface ReviewDecisionResult {
  decision: 'approve' | 'return';
  decided: number;
  /** the revisions an approval wrote, in the order of the ids decided */
  revisionIds: number[];
}

/** Whether figures wait for review before they are published. */
export interface ReviewSettings {
  reviewRequired: boolean;
}
