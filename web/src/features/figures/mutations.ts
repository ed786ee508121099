import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../api/client';
import type { CurrentObservation } from '../../api/types';

/** Query families a written figure cannot change. */
const UNTOUCHED = new Set(['session', 'reference', 'admin']);

/** Restores an earlier revision, written as a new one; plans, verdicts and histories refetch. */
export function useRestoreRevision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revisionId: number) => apiSend<CurrentObservation>('POST', '/api/observations/restore', { revisionId }),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => !UNTOUCHED.has(String(q.queryKey[0])) }),
  });
}
