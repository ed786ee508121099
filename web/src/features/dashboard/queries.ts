import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiGetAllPages } from '../../api/client';
import type { Indicator, PlanDetail, Region } from '../../api/types';
import type { PlansComparison, RecurringIndicators, RegionOverview, RegionsComparison, TargetProgressDetail } from './types';
import type { RegionChoice } from './urlState';

function withAsOf(path: string, asOf: number | null): string {
  return asOf === null ? path : `${path}${path.includes('?') ? '&' : '?'}asOf=${asOf}`;
}

/** Query keys and fetchers of the dashboard, in one place (planQueries holds the plans' own). */
export const dashboardQueries = {
  all: () => ['dashboard'] as const,
  regions: () =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'regions'] as const,
      queryFn: ({ signal }) => apiGetAllPages<Region>('/api/regions', 5000, { signal }),
      staleTime: 30 * 60_000,
    }),
  /** The regions plans are issued for, most targets first: the overview's choices (one page, what the list shows). */
  regionChoices: () =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'region-choices'] as const,
      queryFn: ({ signal }) => apiGet<RegionChoice[]>('/api/regions/with-plans?limit=500', { signal }),
      staleTime: 5 * 60_000,
    }),
  /** One region, by its code (the list of a region and those under it starts with the region itself). */
  region: (code: string) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'region', code] as const,
      queryFn: async ({ signal }) =>
        (await apiGet<Region[]>(`/api/regions?within=${encodeURIComponent(code)}&limit=1`, { signal }))[0] ?? null,
      staleTime: 30 * 60_000,
    }),
  indicators: () =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'indicators'] as const,
      queryFn: ({ signal }) => apiGet<Indicator[]>('/api/indicators', { signal }),
      staleTime: 30 * 60_000,
    }),
  overview: (region: string, asOf: number | null) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'overview', region, asOf] as const,
      queryFn: ({ signal }) =>
        apiGet<RegionOverview>(withAsOf(`/api/regions/${encodeURIComponent(region)}/overview`, asOf), { signal }),
      // Another year of the same region keeps the previous figures on screen (dimmed) until it arrives.
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === region ? previous : undefined),
    }),
  target: (id: number, asOf: number | null) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'target', id, asOf] as const,
      queryFn: ({ signal }) => apiGet<TargetProgressDetail>(withAsOf(`/api/targets/${id}/progress`, asOf), { signal }),
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
    }),
  /** A plan by id (the API takes an id or a slug): the target page needs its target and period. */
  planById: (id: number) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'plan', id] as const,
      queryFn: ({ signal }) => apiGet<PlanDetail>(`/api/plans/${id}`, { signal }),
    }),
  compareRegions: (indicator: string, regions: readonly string[]) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'compare-regions', indicator, regions.join(',')] as const,
      queryFn: ({ signal }) =>
        apiGet<RegionsComparison>(
          `/api/compare/regions?indicator=${encodeURIComponent(indicator)}&regions=${regions.map(encodeURIComponent).join(',')}`,
          { signal },
        ),
      placeholderData: (previous) => previous,
    }),
  comparePlans: (region: string, indicator: string, asOf: number | null) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'compare-plans', region, indicator, asOf] as const,
      queryFn: ({ signal }) =>
        apiGet<PlansComparison>(
          withAsOf(`/api/compare/plans?region=${encodeURIComponent(region)}&indicator=${encodeURIComponent(indicator)}`, asOf),
          { signal },
        ),
    }),
  recurring: (region: string) =>
    queryOptions({
      queryKey: [...dashboardQueries.all(), 'recurring', region] as const,
      queryFn: ({ signal }) =>
        apiGet<RecurringIndicators>(`/api/regions/${encodeURIComponent(region)}/recurring-indicators`, { signal }),
    }),
};
