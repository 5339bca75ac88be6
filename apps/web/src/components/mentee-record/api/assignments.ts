import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { menteeKeys } from '@/lib/query-keys';

export type Assignment = components['schemas']['AssignmentResponse'];
export type AssignmentKind = Assignment['kind'];
export type AssignmentResults = components['schemas']['AssignmentResults'];
export type Respondent = components['schemas']['RespondentDto'];
export type NewAssignment = components['schemas']['CreateAssignmentDto'];
export type AskedPerson = components['schemas']['FeedbackRequestListItem'];

/** Keys of one assignment's parts; a mentee's list of assignments is `menteeKeys.assignments`. */
const assignmentKeys = {
  all: ['assignments'] as const,
  results: (id: string) => [...assignmentKeys.all, id, 'results'] as const,
  pendingRespondents: (id: string) => [...assignmentKeys.all, id, 'pending-respondents'] as const,
  candidates: (id: string, search: string) => [...assignmentKeys.all, id, 'candidates', search] as const,
};

/** A mentee's assignments, fetched only when someone opens them (not with the page). */
export function useAssignments(menteeId: string, enabled: boolean) {
  return useQuery({
    queryKey: menteeKeys.assignments(menteeId),
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
      client.invalidateQueries({ queryKey: menteeKeys.assignments(menteeId) }),
      client.invalidateQueries({ queryKey: menteeKeys.progress(menteeId) }),
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

/** Outside addresses the mentee asked that wait for the line manager or HR. */
export function usePendingRespondents(assignmentId: string, enabled: boolean) {
  return useQuery({
    queryKey: assignmentKeys.pendingRespondents(assignmentId),
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
    onSuccess: () =>
      Promise.all([refresh(), client.invalidateQueries({ queryKey: assignmentKeys.pendingRespondents(assignmentId) })]),
  });
}

/** People of the organization to pick from, by part of a name or address. */
export function useCandidates(assignmentId: string, search: string) {
  return useQuery({
    queryKey: assignmentKeys.candidates(assignmentId, search),
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
    queryKey: assignmentKeys.results(assignmentId),
    queryFn: () => unwrap(api.GET('/api/v1/assignments/{id}/results', { params: { path: { id: assignmentId } } })),
    enabled,
  });
}
