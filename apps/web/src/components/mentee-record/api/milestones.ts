import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { menteeKeys } from '@/lib/query-keys';

type Record = { status: 'in_progress' | 'completed'; evidence?: { text?: string; links?: string[] } };

export function useRecordMilestone(menteeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, body }: { templateId: string; body: Record }) =>
      unwrap(
        api.PUT('/api/v1/mentees/{id}/milestones/{templateId}', {
          params: { path: { id: menteeId, templateId } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
  });
}

export function useVerifyMilestone(menteeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) =>
      unwrap(
        api.POST('/api/v1/mentees/{id}/milestones/{templateId}/verify', {
          params: { path: { id: menteeId, templateId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
  });
}

/** HR takes back a verification that no longer stands, with the reason. */
export function useRevokeMilestone(menteeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, reason }: { templateId: string; reason: string }) =>
      unwrap(
        api.POST('/api/v1/mentees/{id}/milestones/{templateId}/revoke', {
          params: { path: { id: menteeId, templateId } },
          body: { reason },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
  });
}
