import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { PlanDetail, PlanSummary } from '../../api/types';

/** Query keys and fetchers for plans, in one place so invalidation can target exactly these keys. */
export const planQueries = {
  all: () => ['plans'] as const,
  list: () =>
    queryOptions({
      queryKey: [...planQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => apiGet<PlanSummary[]>('/api/plans', { signal }),
    }),
  detail: (slug: string) =>
    queryOptions({
      queryKey: [...planQueries.all(), 'detail', slug] as const,
      queryFn: ({ signal }) => apiGet<PlanDetail>(`/api/plans/${encodeURIComponent(slug)}`, { signal }),
    }),
};
