import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const progressKey = (id: string) => ['progress', id] as const;
const fetchProgress = (id: string) => unwrap(api.GET('/api/v1/mentees/{id}/progress', { params: { path: { id } } }));

/** Readiness with milestones, goals, recent shared feedback, assessments and the 12-month trend: one call. */
export function useProgress(id: string | null | undefined) {
  return useQuery({ queryKey: progressKey(id ?? ''), queryFn: () => fetchProgress(id!), enabled: !!id });
}
