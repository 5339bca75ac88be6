import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { menteeKeys } from '@/lib/query-keys';

const fetchProgress = (id: string) => unwrap(api.GET('/api/v1/mentees/{id}/progress', { params: { path: { id } } }));

/** Readiness with milestones, goals, recent shared feedback, assessments and the 12-month trend: one call. */
export function useProgress(id: string | null | undefined) {
  return useQuery({ queryKey: menteeKeys.progress(id ?? ''), queryFn: () => fetchProgress(id!), enabled: !!id });
}
