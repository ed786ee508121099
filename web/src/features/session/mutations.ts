import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend, setCsrfToken } from '../../api/client';
import { type SessionInfo, sessionQueries } from './queries';

const notSession = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== 'session';

/** Signs in; every other query is refetched, since what the user may read or write has changed. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { name: string; password: string }) => apiSend<SessionInfo>('POST', '/api/session', credentials),
    onSuccess: async (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
      // Answers cached for the anonymous visitor (including refusals) are not the user's answers.
      queryClient.removeQueries({ predicate: (query) => notSession(query) && query.state.status === 'error' });
      await queryClient.invalidateQueries({ predicate: notSession });
    },
  });
}

/**
 * Signs out. The caller then loads the start page afresh: nothing read as that user (uploads,
 * accounts, the audit log) survives in memory.
 */
export function useSignOut() {
  return useMutation({
    mutationFn: () => apiSend<void>('DELETE', '/api/session'),
    onSettled: () => setCsrfToken(null),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => apiSend<void>('POST', '/api/session/password', body),
  });
}
