import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { CurrentObservation, FigureSubmission, Indicator, ObservationRevision } from '../../api/types';

/** A stored version of a figure (a revision is never changed; a correction is a new one), with how it came in. */
export type Revision = ObservationRevision;

export const figureQueries = {
  all: () => ['figures'] as const,
  /** Every revision of one figure, oldest first (as the API answers). */
  history: (region: string, indicator: string, year: number) =>
    queryOptions({
      queryKey: [...figureQueries.all(), 'history', region, indicator, year] as const,
      queryFn: ({ signal }) =>
        apiGet<{ revisions: Revision[]; submissions?: FigureSubmission[] }>(
          `/api/observations/history?region=${encodeURIComponent(region)}&indicator=${encodeURIComponent(indicator)}&year=${year}`,
          { signal },
        ),
      staleTime: 0,
    }),
  /** The current value of each year of one region's indicator. */
  series: (region: string, indicator: string) =>
    queryOptions({
      queryKey: [...figureQueries.all(), 'series', region, indicator] as const,
      queryFn: ({ signal }) =>
        apiGet<{ region: string; indicator: Indicator; observations: CurrentObservation[] }>(
          `/api/observations?region=${encodeURIComponent(region)}&indicator=${encodeURIComponent(indicator)}`,
          { signal },
        ),
    }),
};
