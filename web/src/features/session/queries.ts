import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, setCsrfToken } from '../../api/client';
import type { SessionInfo, SessionUser } from '../../api/types';

export type { SessionInfo };

export const sessionQueries = {
  all: () => ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'current'] as const,
      queryFn: async ({ signal }) => {
        const session = await apiGet<SessionInfo>('/api/session', { signal });
        setCsrfToken(session.csrfToken);
        return session;
      },
      staleTime: 5 * 60_000,
    }),
};

/** The signed-in user (or null), and the site's settings. */
export function useSession() {
  return useQuery(sessionQueries.current());
}

/** The signed-in user, or null (also while the session is still loading). */
export function useCurrentUser(): SessionUser | null {
  return useSession().data?.user ?? null;
}
