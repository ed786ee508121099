import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../api/client';
import type { FigureSubmission, ReviewDecisionRequest, ReviewDecisionResult, ReviewSettings } from '../../api/types';
import { reviewQueries } from './queries';

/** Query families a decision cannot change. */
const UNTOUCHED = new Set(['session', 'reference', 'imports', 'admin']);

/** Approving publishes figures: plans, verdicts, histories and dashboards refetch, and the queue. */
export function useReviewDecision(onDecided?: (result: ReviewDecisionResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReviewDecisionRequest) => apiSend<ReviewDecisionResult>('POST', '/api/review/decisions', request),
    // Said here, before the refetch, not in mutate()'s own callback: the refetched queue no longer holds
    // the decided figure, its control unmounts, and a callback given to mutate() would never run.
    onSuccess: (result) => {
      onDecided?.(result);
      return queryClient.invalidateQueries({ predicate: (q) => !UNTOUCHED.has(String(q.queryKey[0])) });
    },
  });
}

export interface ResubmitInput {
  id: number;
  value: number | null;
  explanation: string | null;
}

export function useResubmit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, value, explanation }: ResubmitInput) =>
      apiSend<FigureSubmission>('POST', `/api/review/submissions/${id}/resubmit`, { value, explanation }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewQueries.all() }),
  });
}

/** The administrator's switch; uploads' previews change with it (the review rules run), so they refetch too. */
export function useSetReviewRequired() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reviewRequired: boolean) =>
      apiSend<ReviewSettings>('PUT', '/api/settings/review', { reviewRequired } satisfies ReviewSettings),
    onSuccess: (settings) => {
      queryClient.setQueryData(reviewQueries.settings().queryKey, settings);
      return queryClient.invalidateQueries({ queryKey: reviewQueries.all() });
    },
  });
}
