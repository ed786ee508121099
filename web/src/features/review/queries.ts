import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { FigureSubmission, PendingBatch, ReviewSettings } from '../../api/types';
import { useCurrentUser } from '../session/queries';

// Review before publication (填报 → 审核 → 发布): the installation's switch, the reviewer's queue and
// the reporter's own submissions. Keys under 'review', so a commit or a decision refreshes them.

export const reviewQueries = {
  all: () => ['review'] as const,
  /** Whether figures wait for a reviewer (GET /api/settings/review: any signed-in user). */
  settings: () =>
    queryOptions({
      queryKey: [...reviewQueries.all(), 'settings'] as const,
      queryFn: ({ signal }) => apiGet<ReviewSettings>('/api/settings/review', { signal }),
      staleTime: 60_000,
    }),
  /** The pending figures of the regions I review, by submission ('' : all of them). */
  pending: (region: string) =>
    queryOptions({
      queryKey: [...reviewQueries.all(), 'pending', region] as const,
      queryFn: ({ signal }) =>
        apiGet<{ batches: PendingBatch[] }>(`/api/review/pending${region ? `?region=${encodeURIComponent(region)}` : ''}`, {
          signal,
        }),
      staleTime: 0,
    }),
  mine: () =>
    queryOptions({
      queryKey: [...reviewQueries.all(), 'mine'] as const,
      queryFn: ({ signal }) => apiGet<{ submissions: FigureSubmission[] }>('/api/review/mine', { signal }),
      staleTime: 0,
    }),
};

/** Whether review is on, for a signed-in user (false while unknown or signed out: today's direct publication). */
export function useReviewRequired(): boolean {
  const user = useCurrentUser();
  return useQuery({ ...reviewQueries.settings(), enabled: !!user }).data?.reviewRequired ?? false;
}
