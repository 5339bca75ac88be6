import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import createClient from 'openapi-fetch';
import { unwrap } from '@/lib/api/client';
import type { components, paths } from '@/lib/api/schema';
import { feedbackRequestKeys } from '@/lib/query-keys';

const respondKeys = {
  form: (token: string) => ['respond', token] as const,
};

export type RespondForm = components['schemas']['RespondForm'];
export type RespondBody = components['schemas']['RespondDto'];

/**
 * The respondent's calls go without the session: no bearer token and no cookie, even when the
 * person happens to be signed in, so the answer reaches the server as from nobody in particular.
 */
const anonymous = createClient<paths>({ baseUrl: '', credentials: 'omit' });

export function useRespondForm(token: string) {
  return useQuery({
    queryKey: respondKeys.form(token),
    queryFn: () => unwrap(anonymous.GET('/api/v1/respond/{token}', { params: { path: { token } } })),
    staleTime: Infinity,
  });
}

export function useSubmitAnswer(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RespondBody) =>
      unwrap(anonymous.POST('/api/v1/respond/{token}', { params: { path: { token } }, body })),
    // Answered: the signed-in person's list of open requests no longer holds it.
    onSuccess: () => client.invalidateQueries({ queryKey: feedbackRequestKeys.all }),
  });
}
