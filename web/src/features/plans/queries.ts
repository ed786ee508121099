import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiGetAllPages } from '../../api/client';
import type { PlanDetail, PlanProgress, PlanSummary } from '../../api/types';

/** Query keys and fetchers for plans, in one place so invalidation can target exactly these keys. */
export const planQueries = {
  all: () => ['plans'] as const,
  list: () =>
    queryOptions({
      queryKey: [...planQueries.all(), 'list'] as const,
      // The whole list, page by page (the API's pages hold at most 500): the plans page lists them all.
      queryFn: ({ signal }) => apiGetAllPages<PlanSummary>('/api/plans', 500, { signal }),
    }),
  detail: (slug: string) =>
    queryOptions({
      queryKey: [...planQueries.all(), 'detail', slug] as const,
      queryFn: ({ signal }) => apiGet<PlanDetail>(`/api/plans/${encodeURIComponent(slug)}`, { signal }),
    }),
  /** Every target of the plan judged as of a year (null: the latest figures). */
  progress: (slug: string, asOf: number | null) =>
    queryOptions({
      queryKey: [...planQueries.all(), 'progress', slug, asOf] as const,
      queryFn: ({ signal }) => {
        const query = asOf === null ? '' : `?asOf=${asOf}`;
        return apiGet<PlanProgress>(`/api/plans/${encodeURIComponent(slug)}/progress${query}`, { signal });
      },
      // While another year loads, the previous verdicts of the same plan stay on screen (marked as
      // updating), so the page does not collapse and jump each time the year changes.
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === slug ? previous : undefined),
    }),
};
