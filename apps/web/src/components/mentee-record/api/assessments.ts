import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { menteeKeys } from '@/lib/query-keys';
import type { Answers } from './types';

export function useCreateAssessment(menteeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: 'self' | 'manager'; answers: Answers }) =>
      unwrap(api.POST('/api/v1/mentees/{id}/assessments', { params: { path: { id: menteeId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
  });
}
