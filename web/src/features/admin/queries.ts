import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import { auditQueryString } from './audit';
import type { AuditFilter, AuditPage, IndicatorAlias, TargetRevision, UserAccount } from './types';

export const AUDIT_PAGE_SIZE = 50;

export const adminQueries = {
  users: () =>
    queryOptions({
      queryKey: ['admin', 'users'] as const,
      queryFn: ({ signal }) => apiGet<UserAccount[]>('/api/users', { signal }),
    }),
  /** A target's corrections, newest first (GET /api/targets/:id/history: anyone who may read). */
  targetHistory: (targetId: number) =>
    queryOptions({
      queryKey: ['targets', targetId, 'history'] as const,
      queryFn: ({ signal }) => apiGet<TargetRevision[]>(`/api/targets/${targetId}/history`, { signal }),
    }),
  /** Every indicator's aliases, the other names an upload matches (GET /api/indicator-aliases). */
  aliases: () =>
    queryOptions({
      queryKey: ['admin', 'aliases'] as const,
      queryFn: ({ signal }) => apiGet<IndicatorAlias[]>('/api/indicator-aliases', { signal }),
    }),
  audit: (filter: AuditFilter) =>
    queryOptions({
      queryKey: ['admin', 'audit', filter] as const,
      queryFn: ({ signal }) => apiGet<AuditPage>(`/api/audit?${auditQueryString(filter, AUDIT_PAGE_SIZE)}`, { signal }),
      // The previous page stays on screen while the next loads.
      placeholderData: keepPreviousData,
      staleTime: 0,
    }),
};
