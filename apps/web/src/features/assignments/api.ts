import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { feedbackRequestKeys } from '@/lib/query-keys';

export type MyFeedbackRequest = components['schemas']['MyFeedbackRequest'];

/** The open requests addressed to the signed-in person, a page at a time. */
export function useMyFeedbackRequests(cursor: string | undefined) {
  return useQuery({
    queryKey: feedbackRequestKeys.page(cursor ?? null),
    queryFn: () => unwrap(api.GET('/api/v1/me/feedback-requests', { params: { query: { limit: 20, cursor } } })),
    placeholderData: keepPreviousData,
  });
}
