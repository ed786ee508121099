import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../api/client';
import type { Vintage } from '../../api/types';
import { importQueries } from './queries';
import type { CommitRequest, CommitResult, GridEntry, ImportPreview, RevertResult } from './types';

export interface UploadInput {
  file: File;
  defaultVintage: Vintage;
  defaultSource: string;
  region: string;
}

/** Uploads a file for its preview (nothing is written yet); the answer seeds the preview's cache. */
export function useUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, defaultVintage, defaultSource, region }: UploadInput) => {
      const form = new FormData();
      // The fields come before the file: the server reads them with the file part.
      form.append('defaultVintage', defaultVintage);
      if (defaultSource.trim()) form.append('defaultSource', defaultSource.trim());
      if (region) form.append('region', region);
      form.append('file', file, file.name);
      return apiSend<ImportPreview>('POST', '/api/imports', form);
    },
    onSuccess: (preview) => {
      queryClient.setQueryData(importQueries.preview(preview.import.id).queryKey, preview);
      return queryClient.invalidateQueries({ queryKey: importQueries.history().queryKey });
    },
  });
}

/** Figures typed into the grid (or one figure's form): previewed exactly like an uploaded file. */
export function useGridPreview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entry: GridEntry) => apiSend<ImportPreview>('POST', '/api/imports/grid', entry),
    onSuccess: (preview) => {
      queryClient.setQueryData(importQueries.preview(preview.import.id).queryKey, preview);
      return queryClient.invalidateQueries({ queryKey: importQueries.history().queryKey });
    },
  });
}

/** Query families a commit cannot change. */
const UNTOUCHED = new Set(['session', 'reference', 'imports', 'admin']);
// ('review' is not in it: a commit with review on adds to the reviewer's queue and the reporter's list.)

export interface CommitInput {
  id: number;
  /** The warned rows the committer has checked: the server refuses (409) a commit that leaves one out. */
  acknowledged: number[];
  /** With review on: the explanation (情况说明) of each flagged row, by row number. */
  explanations?: Record<string, string>;
}

/** Committing writes figures: every plan, progress verdict and figure history may have changed. */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, acknowledged, explanations }: CommitInput) =>
      apiSend<CommitResult>('POST', `/api/imports/${id}/commit`, {
        acknowledged,
        ...(explanations ? { explanations } : {}),
      } satisfies CommitRequest),
    onSuccess: (_result, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: importQueries.preview(id).queryKey }),
        queryClient.invalidateQueries({ queryKey: importQueries.history().queryKey }),
        // Figures feed the plans, their verdicts, each figure's history and every dashboard.
        queryClient.invalidateQueries({ predicate: (q) => !UNTOUCHED.has(String(q.queryKey[0])) }),
      ]),
  });
}

export function useDiscardImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiSend<void>('DELETE', `/api/imports/${id}`),
    onSuccess: (_result, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: importQueries.preview(id).queryKey }),
        queryClient.invalidateQueries({ queryKey: importQueries.history().queryKey }),
      ]),
  });
}

/** Reverting an upload writes figures, like a commit: the same query families refetch. */
export function useRevertImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, includeRevisedSince, fingerprint }: { id: number; includeRevisedSince: boolean; fingerprint: string }) =>
      apiSend<RevertResult>('POST', `/api/imports/${id}/revert`, { includeRevisedSince, fingerprint }),
    onSuccess: (_result, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: importQueries.preview(id).queryKey }),
        queryClient.invalidateQueries({ queryKey: importQueries.history().queryKey }),
        queryClient.invalidateQueries({ predicate: (q) => !UNTOUCHED.has(String(q.queryKey[0])) }),
      ]),
  });
}
