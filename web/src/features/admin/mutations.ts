import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../api/client';
import { sessionQueries } from '../session/queries';
import type { PlanUploadBody } from './planUpload';
import type { IndicatorAlias, NewUser, PlanSummary, Target, TargetCorrection, UserAccount, UserChanges } from './types';

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => apiSend<UserAccount>('POST', '/api/users', user),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
        queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
      ]),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UserChanges }) =>
      apiSend<UserAccount>('PATCH', `/api/users/${id}`, changes),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
        queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
        // The administrator may have renamed themself.
        queryClient.invalidateQueries({ queryKey: sessionQueries.all() }),
      ]),
  });
}

/** An administrator sets another account's password; the server ends every session of that account. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      apiSend<void>('POST', `/api/users/${id}/password`, { password }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
        queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
      ]),
  });
}

/** An administrator lifts an account's sign-in limits (its failed sign-ins so far stop counting). */
export function useUnlockUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiSend<void>('POST', `/api/users/${id}/unlock`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
  });
}

/**
 * An administrator corrects a target. Every judgement, chart, plan and report that shows it reads it
 * again: the whole cache is invalidated, which costs one refetch of what is on screen.
 */
export function useCorrectTarget(targetId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (correction: TargetCorrection) => apiSend<Target>('PATCH', `/api/targets/${targetId}`, correction),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** An administrator adds a plan from a plan file; the plan lists and overviews read it again. */
export function useUploadPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanUploadBody) => apiSend<PlanSummary>('POST', '/api/plans', body),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** An administrator adds another name of an indicator; the next upload matches it. */
export function useAddAlias() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, alias }: { code: string; alias: string }) =>
      apiSend<IndicatorAlias>('POST', `/api/indicators/${encodeURIComponent(code)}/aliases`, { alias }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'aliases'] }),
        queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
      ]),
  });
}

export function useRemoveAlias() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, id }: { code: string; id: number }) =>
      apiSend<void>('DELETE', `/api/indicators/${encodeURIComponent(code)}/aliases/${id}`),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'aliases'] }),
        queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
      ]),
  });
}
