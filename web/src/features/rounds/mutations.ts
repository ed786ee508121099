import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../api/client';
import type { CollectionRound, NewRoundRequest } from '../../api/types';
import type { WebhookView } from './queries';

/** Opening or closing a round changes the lists, the to-do lists and the notifications: all under 'rounds'. */
export function useOpenRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (round: NewRoundRequest) => apiSend<CollectionRound>('POST', '/api/rounds', round),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rounds'] }),
  });
}

export function useCloseRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiSend<CollectionRound>('POST', `/api/rounds/${id}/close`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rounds'] }),
  });
}

export function useAddWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (hook: { kind: WebhookView['kind']; url: string; secret?: string }) =>
      apiSend<WebhookView>('POST', '/api/webhooks', hook),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] }),
  });
}

export function useToggleWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }) =>
      apiSend<WebhookView>('PATCH', `/api/webhooks/${id}`, { enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] }),
  });
}

export function useRemoveWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiSend<void>('DELETE', `/api/webhooks/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] }),
  });
}
