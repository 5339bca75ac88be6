import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { ApiError } from '@/lib/errors';
import { menteeKeys } from '@/lib/query-keys';
import type { CreateFeedback, Feedback, UpdateFeedback } from './types';

/** The mentee's feedback the caller may read (private entries only their author's). */
export function useFeedbackList(menteeId: string) {
  return useQuery({
    queryKey: menteeKeys.feedback(menteeId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/mentees/{id}/feedback', { params: { path: { id: menteeId }, query: { limit: 100 } } })),
  });
}

function useInvalidateMentee(menteeId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: menteeKeys.feedback(menteeId) }),
      client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
    ]);
}

export function useCreateFeedback(menteeId: string) {
  const invalidate = useInvalidateMentee(menteeId);
  return useMutation({
    // A key per save: a retried request after a lost answer logs the one-on-one once.
    mutationFn: (body: CreateFeedback) =>
      unwrap(
        api.POST('/api/v1/mentees/{id}/feedback', {
          params: { path: { id: menteeId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The entry as stored now, for an editor that lost a race (412). */
export async function fetchFeedback(id: string): Promise<Feedback> {
  return unwrap(api.GET('/api/v1/feedback/{id}', { params: { path: { id } } }));
}

/** Saves an edit made to `version`; a newer version on the server answers 412. */
export function useUpdateFeedback(menteeId: string) {
  const invalidate = useInvalidateMentee(menteeId);
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UpdateFeedback }) =>
      unwrap(
        api.PATCH('/api/v1/feedback/{id}', {
          params: { path: { id }, header: { 'If-Match': `"${version}"` } },
          body,
        }),
      ),
    onSuccess: invalidate,
    onError: (error) => {
      if (!(error instanceof ApiError && error.status === 412)) return;
      return invalidate();
    },
  });
}

export function useAcknowledgeFeedback(menteeId: string) {
  const invalidate = useInvalidateMentee(menteeId);
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/feedback/{id}/acknowledge', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
