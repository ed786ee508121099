import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { Unit, UnitDetail } from '../../api/types';

/** Query keys and fetchers of units, in one place so that a change invalidates exactly these. */
export const unitQueries = {
  all: () => ['units'] as const,
  /** The units of a region, or of every region (null). */
  list: (region: string | null) =>
    queryOptions({
      queryKey: [...unitQueries.all(), 'list', region] as const,
      queryFn: ({ signal }) => apiGet<Unit[]>(region ? `/api/units?region=${region}` : '/api/units', { signal }),
      staleTime: 5 * 60_000,
    }),
  detail: (id: number, asOf: number | null) =>
    queryOptions({
      queryKey: [...unitQueries.all(), 'detail', id, asOf] as const,
      queryFn: ({ signal }) => apiGet<UnitDetail>(`/api/units/${id}${asOf === null ? '' : `?asOf=${asOf}`}`, { signal }),
    }),
};
