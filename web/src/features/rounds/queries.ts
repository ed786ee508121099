import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type {
  CollectionRoundDetail,
  CollectionRoundSummary,
  MyNotifications,
  PlanCompletenessAnswer,
  RoundTodo,
} from '../../api/types';

export const roundQueries = {
  list: () =>
    queryOptions({
      queryKey: ['rounds', 'list'] as const,
      queryFn: ({ signal }) => apiGet<{ rounds: CollectionRoundSummary[] }>('/api/rounds', { signal }),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: ['rounds', 'detail', id] as const,
      queryFn: ({ signal }) => apiGet<CollectionRoundDetail>(`/api/rounds/${id}`, { signal }),
    }),
  todo: () =>
    queryOptions({
      queryKey: ['rounds', 'todo'] as const,
      queryFn: ({ signal }) => apiGet<RoundTodo>('/api/rounds/todo', { signal }),
    }),
  planCompleteness: (planId: number) =>
    queryOptions({
      queryKey: ['rounds', 'plan', planId] as const,
      queryFn: ({ signal }) => apiGet<PlanCompletenessAnswer>(`/api/plans/${planId}/completeness`, { signal }),
    }),
  /** What waits for the signed-in user; refreshed every minute for the navigation's badge. */
  notifications: () =>
    queryOptions({
      queryKey: ['rounds', 'notifications'] as const,
      queryFn: ({ signal }) => apiGet<MyNotifications>('/api/notifications/mine', { signal }),
      refetchInterval: 60_000,
    }),
  webhooks: () =>
    queryOptions({
      queryKey: ['admin', 'webhooks'] as const,
      queryFn: ({ signal }) => apiGet<{ webhooks: WebhookView[]; deliveries: DeliveryView[] }>('/api/webhooks', { signal }),
    }),
};

export interface WebhookView {
  id: number;
  kind: 'wecom' | 'dingtalk' | 'generic';
  url: string;
  signed: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
}

export interface DeliveryView {
  id: number;
  webhookId: number;
  event: string;
  roundId: number | null;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
