import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { TargetComment } from './types';

export type { TargetComment };

export const commentQueries = {
  all: () => ['comments'] as const,
  ofTarget: (targetId: number) =>
    queryOptions({
      queryKey: [...commentQueries.all(), 'target', targetId] as const,
      queryFn: ({ signal }) => apiGet<TargetComment[]>(`/api/targets/${targetId}/comments`, { signal }),
    }),
};
