import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

type S = components['schemas'];

export type TalentReview = S['TalentReviewResponse'];
export type Nomination = S['NominationResponse'];
export type NominationRequest = S['NominationRequestResponse'];
export type PreRating = S['PreRatingDto'];

const keys = {
  all: ['talent-reviews'] as const,
  one: (id: string) => ['talent-reviews', id] as const,
  nominations: (id: string) => ['talent-reviews', id, 'nominations'] as const,
  requests: (id: string) => ['talent-reviews', id, 'requests'] as const,
};

export function useTalentReviews() {
  return useQuery({ queryKey: keys.all, queryFn: () => unwrap(api.GET('/api/v1/talent-reviews')) });
}

export function useTalentReview(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/talent-reviews/{id}', { params: { path: { id } } })),
  });
}

export function useNominations(id: string) {
  return useQuery({
    queryKey: keys.nominations(id),
    queryFn: () => unwrap(api.GET('/api/v1/talent-reviews/{id}/nominations', { params: { path: { id } } })),
  });
}

export function useNominationRequests(id: string) {
  return useQuery({
    queryKey: keys.requests(id),
    queryFn: () => unwrap(api.GET('/api/v1/talent-reviews/{id}/nomination-requests', { params: { path: { id } } })),
  });
}

/** Everything about the cycle is stale after a change to it. */
function useCycleMutation<T>(id: string, fn: (vars: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.one(id) }),
  });
}

export function usePreRate(id: string) {
  return useCycleMutation(id, ({ nominationId, body }: { nominationId: string; body: PreRating }) =>
    unwrap(
      api.POST('/api/v1/talent-reviews/{id}/nominations/{nominationId}/pre-ratings', {
        params: { path: { id, nominationId } },
        body,
      }),
    ),
  );
}

export function useAskToBeNominated(id: string) {
  return useCycleMutation(id, (note: string) =>
    unwrap(
      api.POST('/api/v1/talent-reviews/{id}/nomination-requests', {
        params: { path: { id } },
        body: note ? { note } : {},
      }),
    ),
  );
}

export function useAnswerRequest(id: string) {
  return useCycleMutation(id, ({ requestId, accept, text }: { requestId: string; accept: boolean; text: string }) =>
    accept
      ? unwrap(
          api.POST('/api/v1/talent-reviews/{id}/nomination-requests/{requestId}/accept', {
            params: { path: { id, requestId } },
            body: { case: text },
          }),
        )
      : unwrap(
          api.POST('/api/v1/talent-reviews/{id}/nomination-requests/{requestId}/decline', {
            params: { path: { id, requestId } },
            body: { reason: text },
          }),
        ),
  );
}
