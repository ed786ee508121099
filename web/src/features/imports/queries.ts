import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { ImportPreview, ImportRecord, PreviewRow, RevertPlan } from './types';

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
  /** What reverting a committed upload would do now (the dry run); always asked afresh. */
  revertPlan: (id: number, includeRevisedSince: boolean) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'revert', id, includeRevisedSince] as const,
      queryFn: ({ signal }) =>
        apiGet<RevertPlan>(`/api/imports/${id}/revert${includeRevisedSince ? '?includeRevisedSince=true' : ''}`, { signal }),
      staleTime: 0,
      gcTime: 0,
    }),
  /** Rows past the first page of the preview. */
  moreRows: (id: number, offset: number) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'rows', id, offset] as const,
      queryFn: ({ signal }) => apiGet<PreviewRow[]>(`/api/imports/${id}/rows?offset=${offset}&limit=${PREVIEW_ROWS}`, { signal }),
    }),
};
