import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { menteeKeys } from '@/lib/query-keys';

export function useMentee(id: string) {
  return useQuery({
    queryKey: menteeKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/mentees/{id}', { params: { path: { id } } })),
  });
}

/** Every phase change of a mentee, oldest first; fetched only when asked for (`enabled`). */
export function usePhaseHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: menteeKeys.phaseHistory(id),
    enabled,
    queryFn: () =>
      unwrap(api.GET('/api/v1/mentees/{id}/phase-history', { params: { path: { id }, query: { limit: 200 } } })),
  });
}
