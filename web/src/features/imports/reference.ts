import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiGetAllPages } from '../../api/client';
import type { Indicator, Region } from '../../api/types';

/** The regions and indicators, for names in tables and choices in forms (they change rarely). */
export const referenceQueries = {
  regions: () =>
    queryOptions({
      queryKey: ['reference', 'regions'] as const,
      queryFn: ({ signal }) => apiGetAllPages<Region>('/api/regions', 5000, { signal }),
      staleTime: 30 * 60_000,
    }),
  indicators: () =>
    queryOptions({
      queryKey: ['reference', 'indicators'] as const,
      queryFn: ({ signal }) => apiGet<Indicator[]>('/api/indicators', { signal }),
      staleTime: 30 * 60_000,
    }),
};

/** A region's or indicator's name in the language shown, its code when it is unknown. */
export function nameOf(
  list: readonly { code: string; nameZh: string; nameEn: string }[] | undefined,
  code: string | null,
  lang: string,
): string {
  if (code === null) return '';
  const found = list?.find((item) => item.code === code);
  if (!found) return code;
  return lang === 'en' ? found.nameEn : found.nameZh;
}
