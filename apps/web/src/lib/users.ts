import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';
import type { components } from './api/schema';
import { userKeys } from './query-keys';

/** A person of the organization, as the user list returns them. */
export type User = components['schemas']['UserResponse'];

/** Active managers, for choosing a manager or mentor and for their names (the first 200). */
export function useManagers() {
  return useQuery({
    queryKey: userKeys.managers(),
    queryFn: () =>
      unwrap(api.GET('/api/v1/users', { params: { query: { role: 'manager', active: true, limit: 200 } } })),
    staleTime: 60_000,
  });
}
