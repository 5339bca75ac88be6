import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';
import { menteeKeys } from './query-keys';

/** Every mentee the caller may see (managed and mentored, for a manager): read by several features. */
export function useMentees() {
  return useQuery({
    queryKey: menteeKeys.list(),
    queryFn: () => unwrap(api.GET('/api/v1/mentees', { params: { query: { limit: 200 } } })),
  });
}
