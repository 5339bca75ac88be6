import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { operations } from '@/lib/api/schema';
import { userKeys } from '@/lib/query-keys';

const auditKeys = {
  all: ['audit-events'] as const,
  page: (filter: object) => [...auditKeys.all, filter] as const,
};

export type AuditFilter = NonNullable<operations['AuditController_list']['parameters']['query']>;

/** One page (50) of the audit trail, newest first. */
export function useAuditEvents(filter: AuditFilter) {
  return useQuery({
    queryKey: auditKeys.page(filter),
    queryFn: () => unwrap(api.GET('/api/v1/audit-events', { params: { query: { ...filter, limit: 50 } } })),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Everyone of the organization (the first 200), to filter the trail by who acted. */
export function useEveryone() {
  return useQuery({
    queryKey: userKeys.everyone(),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
}
