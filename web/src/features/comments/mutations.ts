import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../api/client';
import { commentQueries, type TargetComment } from './queries';

export function useAddComment(targetId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: { year: number; body: string; replacesId?: number }) =>
      apiSend<TargetComment>('POST', `/api/targets/${targetId}/comments`, comment),
    // Reports and dashboards that quote commentary read it from the server too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commentQueries.ofTarget(targetId).queryKey }),
  });
}
