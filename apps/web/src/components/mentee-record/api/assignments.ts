import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { progressKey } from './progress';

export type Assignment = components['schemas']['AssignmentResponse'];
export type AssignmentKind = Assignment['kind'];
export type AssignmentResults = components['schemas']['AssignmentResults'];
export type Respondent = components['schemas']['RespondentDto'];
export type NewAssignment = components['schemas']['CreateAssignmentDto'];
export type AskedPerson = components['schemas']['FeedbackRequestListItem'];

export const assignmentsKey = (menteeId: string) => ['assignments', menteeId] as const;
const resultsKey = (id: string) => ['assignment-results', id] as const;

/** A mentee's assignments, fetched only when someone opens them (not with the page). */
export function useAssignments(menteeId: string, enabled: boolean) {
  return useQuery({
    queryKey: assignmentsKey(menteeId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/mentees/{id}/assignments', { params: { path: { id: menteeId }, query: { limit: 200 } } }),
      ),
    enabled,
  });
}

/** Assignment changes can move readiness (completed ones bring in the people led), so progress refreshes too. */
function useRefresh(menteeId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: assignmentsKey(menteeId) }),
      client.invalidateQueries({ queryKey: progressKey(menteeId) }),
    ]);
}

export function useCreateAssignment(menteeId: string) {
  const refresh = useRefresh(menteeId);
  return useMutation({
    mutationFn: (body: NewAssignment) =>
      unwrap(api.POST('/api/v1/mentees/{id}/assignments', { params: { path: { id: menteeId } }, body })),
    onSuccess: refresh,
  });
}

export function useChangeStatus(menteeId: string) {
  const refresh = useRefresh(menteeId);
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'active' | 'completed' }) =>
      unwrap(api.PATCH('/api/v1/assignments/{id}', { params: { path: { id } }, body: { status } })),
    onSuccess: refresh,
  });
}

export function useRequestFeedback(menteeId: string, assignmentId: string) {
  const refresh = useRefresh(menteeId);
  return useMutation({
    mutationFn: (respondents: Respondent[]) =>
      unwrap(
        api.POST('/api/v1/assignments/{id}/feedback-requests', {
          params: { path: { id: assignmentId } },
          body: { respondents },
        }),
      ),
    onSuccess: refresh,
  });
}

const pendingKey = (id: string) => ['assignment-pending-respondents', id] as const;

/** Outside addresses the mentee asked that wait for the line manager or HR. */
export function usePendingRespondents(assignmentId: string, enabled: boolean) {
  return useQuery({
    queryKey: pendingKey(assignmentId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/assignments/{id}/feedback-requests', {
          params: { path: { id: assignmentId }, query: { approval: 'pending', limit: 200 } },
        }),
      ),
    enabled,
  });
}

/** Approves (the link is mailed) or declines outside addresses; the list and the counts refresh. */
export function useDecideRespondents(menteeId: string, assignmentId: string) {
  const refresh = useRefresh(menteeId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { requestIds: string[]; decision: 'approve' | 'decline' }) =>
      unwrap(
        api.POST('/api/v1/assignments/{id}/feedback-requests/decisions', {
          params: { path: { id: assignmentId } },
          body,
        }),
      ),
    onSuccess: () => Promise.all([refresh(), client.invalidateQueries({ queryKey: pendingKey(assignmentId) })]),
  });
}

/** People of the organization to pick from, by part of a name or address. */
export function useCandidates(assignmentId: string, search: string) {
  return useQuery({
    queryKey: ['respondent-candidates', assignmentId, search],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/assignments/{id}/respondent-candidates', {
          params: { path: { id: assignmentId }, query: { search: search || undefined, limit: 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useResults(assignmentId: string, enabled: boolean) {
  return useQuery({
    queryKey: resultsKey(assignmentId),
    queryFn: () => unwrap(api.GET('/api/v1/assignments/{id}/results', { params: { path: { id: assignmentId } } })),
    enabled,
  });
}
