import type { Message } from './import/types.js';
import { canReviewRegion, type Principal } from './permissions.js';

// The rules of review before publication (填报 → 审核 → 发布), pure: who may decide which figure,
// and what a decision needs. The routes and the review service call these.

/**
 * Whether the user reviews figures of the region (permissions.ts): administrators every region, a
 * reviewer those assigned to them.
 */
export const reviewsRegion = canReviewRegion;

/** Whether the user reviews any region at all (the review page and its routes). */
export function isReviewer(user: Principal | null): boolean {
  return user !== null && (user.role === 'admin' || user.role === 'reviewer');
}

/** The two-person rule: nobody decides their own submission, administrators included. */
export function ownSubmission(user: Principal, submission: { submittedById: number | null; submittedBy: string }): boolean {
  return submission.submittedById !== null ? submission.submittedById === user.id : submission.submittedBy === user.name;
}

export const OWN_SUBMISSION: Message = {
  zh: '不能审核自己填报的数据（两人原则：填报人与审核人须为不同的人）；请由本地区的另一位审核人审核',
  en: 'You cannot approve or return figures you submitted yourself (two-person rule: the reporter and the reviewer must be different people); another reviewer of the region must decide them',
};

/** An explanation (情况说明) worth the name: not empty once trimmed. */
export function hasExplanation(text: string | null | undefined): text is string {
  return typeof text === 'string' && text.trim().length > 0;
}

/** The flagged rows of a submission that lack an explanation, in order. */
export function unexplainedRows(flagged: readonly number[], explanations: Readonly<Record<number, string>>): number[] {
  return [...new Set(flagged)].filter((row) => !hasExplanation(explanations[row]));
}

export function explanationRequired(rows: readonly number[]): Message {
  const list = (sep: string) => `${rows.slice(0, 20).join(sep)}${rows.length > 20 ? ' …' : ''}`;
  return {
    zh: `第${list('、')}行的数据未通过审核规则，须填写情况说明（explanations）后才能提交审核；未写入任何数据`,
    en: `Row${rows.length > 1 ? 's' : ''} ${list(', ')} ${rows.length > 1 ? 'were' : 'was'} flagged by the review rules and need${rows.length > 1 ? '' : 's'} an explanation (explanations) before ${rows.length > 1 ? 'they' : 'it'} can be submitted for review; nothing was written`,
  };
}
