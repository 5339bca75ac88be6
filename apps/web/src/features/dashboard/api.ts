import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { reportKeys } from '@/lib/query-keys';

export type Summary = components['schemas']['SummaryResponse'];

/** The bench in one call: phase funnel, levels, heatmaps, stale mentees, missing milestones. */
export function useSummary() {
  return useQuery({ queryKey: reportKeys.summary(), queryFn: () => unwrap(api.GET('/api/v1/reports/summary')) });
}

/** The by-manager heatmap, a page of managers by name; of one department's mentees when given. */
export function useManagerHeatmap(department: string | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: reportKeys.managerHeatmap(department ?? '', cursor ?? ''),
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/heatmap/managers', { params: { query: { department, cursor, limit: 25 } } })),
    placeholderData: keepPreviousData,
  });
}

/** The organization's departments with their mentee counts, for the report filters. */
export function useDepartments() {
  return useQuery({
    queryKey: reportKeys.departments(),
    queryFn: () => unwrap(api.GET('/api/v1/reports/departments')),
  });
}
