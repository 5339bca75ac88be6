import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

export type Summary = components['schemas']['SummaryResponse'];

/** The bench in one call: phase funnel, levels, heatmaps, stale mentees, missing milestones. */
export function useSummary() {
  return useQuery({ queryKey: ['reports', 'summary'], queryFn: () => unwrap(api.GET('/api/v1/reports/summary')) });
}
