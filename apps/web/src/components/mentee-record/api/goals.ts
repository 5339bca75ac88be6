import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { menteeKeys } from '@/lib/query-keys';

const goalKeys = {
  all: ['goals'] as const,
  checkIns: (goalId: string) => [...goalKeys.all, goalId, 'check-ins'] as const,
};

export function useCreateGoal(menteeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; competency: string; description?: string; targetDate?: string }) =>
      unwrap(api.POST('/api/v1/mentees/{id}/goals', { params: { path: { id: menteeId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
  });
}

export function useUpdateGoalStatus(menteeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'open' | 'achieved' | 'dropped' }) =>
      unwrap(api.PATCH('/api/v1/goals/{id}', { params: { path: { id } }, body: { status } })),
    onSuccess: () => client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
  });
}

/** The line manager or HR confirms an achievement the mentee claimed, so it counts toward readiness. */
export function useConfirmGoal(menteeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/goals/{id}/confirm', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
  });
}

/** Check-ins of one goal, fetched when the person opens them (not with the page). */
export function useCheckIns(goalId: string, enabled: boolean) {
  return useQuery({
    queryKey: goalKeys.checkIns(goalId),
    queryFn: () => unwrap(api.GET('/api/v1/goals/{id}/check-ins', { params: { path: { id: goalId } } })),
    enabled,
  });
}

export function useAddCheckIn(menteeId: string, goalId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { progress: number; note?: string }) =>
      unwrap(api.POST('/api/v1/goals/{id}/check-ins', { params: { path: { id: goalId } }, body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: goalKeys.checkIns(goalId) }),
        client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
      ]),
  });
}
