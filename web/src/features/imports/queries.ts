import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { ImportPreview, ImportRecord, PreviewRow } from './types';

/** How many rows the preview answer carries; more are fetched a page at a time. */
export const PREVIEW_ROWS = 500;

export const importQueries = {
  all: () => ['imports'] as const,
  history: () =>
    queryOptions({
      queryKey: [...importQueries.all(), 'history'] as const,
      queryFn: ({ signal }) => apiGet<ImportRecord[]>('/api/imports', { signal }),
      staleTime: 0,
    }),
  preview: (id: number) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'preview', id] as const,
      queryFn: ({ signal }) => apiGet<ImportPreview>(`/api/imports/${id}`, { signal }),
    }),
  /** Rows past the first page of the preview. */
  moreRows: (id: number, offset: number) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'rows', id, offset] as const,
      queryFn: ({ signal }) => apiGet<PreviewRow[]>(`/api/imports/${id}/rows?offset=${offset}&limit=${PREVIEW_ROWS}`, { signal }),
    }),
};
