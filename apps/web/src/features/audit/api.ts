import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components, operations } from '@/lib/api/schema';

const auditKeys = {
  all: ['audit-events'] as const,
  page: (filter: object) => [...auditKeys.all, filter] as const,
  actions: () => [...auditKeys.all, 'actions'] as const,
};

export type AuditFilter = NonNullable<operations['AuditController_list']['parameters']['query']>;
export type AuditEvent = components['schemas']['AuditEventResponse'];

/** One page (50) of the audit trail, newest first. */
export function useAuditEvents(filter: AuditFilter) {
  return useQuery({
    queryKey: auditKeys.page(filter),
    queryFn: () => unwrap(api.GET('/api/v1/audit-events', { params: { query: { ...filter, limit: 50 } } })),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Every action the trail records, with its label, for the action filter. */
export function useAuditActions() {
  return useQuery({
    queryKey: auditKeys.actions(),
    queryFn: () => unwrap(api.GET('/api/v1/audit-events/actions')),
    staleTime: Infinity,
  });
}
