import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

type S = components['schemas'];

export type MeetingOccurrence = S['MeetingOccurrence'];
export type MeetingDetail = S['MeetingDetail'];
export type AgendaItem = S['AgendaItem'];
export type ActionItem = S['ActionItem'];
export type AgendaSuggestion = S['AgendaSuggestion'];
export type NewMeeting = S['CreateMeetingDto'];
export type MeetingChange = S['UpdateMeetingDto'];
export type MeetingOutcome = S['MeetingOutcomeDto'];

export const meetingKeys = {
  all: ['meetings'] as const,
  window: (from: string, to: string) => ['meetings', 'window', from, to] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  suggestions: (id: string) => ['meetings', 'suggestions', id] as const,
};

/** My meetings between two instants, every series expanded, in time order. */
export function useMyMeetings(from: string, to: string) {
  return useQuery({
    queryKey: meetingKeys.window(from, to),
    queryFn: () => unwrap(api.GET('/api/v1/meetings', { params: { query: { from, to } } })),
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })),
  });
}

/** Talking points from the mentee's readiness gaps; asked only where the caller sees the content. */
export function useSuggestions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: meetingKeys.suggestions(id),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/suggestions', { params: { path: { id } } })),
  });
}

/** Every change to a meeting can move what the lists, the inbox and the suggestions show. */
function useMeetingMutation<T, R>(fn: (vars: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: meetingKeys.all }),
  });
}

export function useScheduleMeetings() {
  return useMeetingMutation(({ menteeId, body }: { menteeId: string; body: NewMeeting }) =>
    unwrap(api.POST('/api/v1/mentees/{id}/meetings', { params: { path: { id: menteeId } }, body })),
  );
}

export function useChangeMeeting() {
  return useMeetingMutation(({ id, body }: { id: string; body: MeetingChange }) =>
    unwrap(api.PATCH('/api/v1/meetings/{id}', { params: { path: { id } }, body })),
  );
}

export function useCancelMeeting() {
  return useMeetingMutation(({ id, scope }: { id: string; scope: 'occurrence' | 'series' }) =>
    unwrap(api.DELETE('/api/v1/meetings/{id}', { params: { path: { id }, query: { scope } } })),
  );
}

export function useAddAgendaItem(meetingId: string) {
  return useMeetingMutation((body: S['CreateAgendaItemDto']) =>
    unwrap(api.POST('/api/v1/meetings/{id}/agenda-items', { params: { path: { id: meetingId } }, body })),
  );
}

export function useUpdateAgendaItem(meetingId: string) {
  return useMeetingMutation(({ itemId, body }: { itemId: string; body: S['UpdateAgendaItemDto'] }) =>
    unwrap(
      api.PATCH('/api/v1/meetings/{id}/agenda-items/{itemId}', { params: { path: { id: meetingId, itemId } }, body }),
    ),
  );
}

export function useDeleteAgendaItem(meetingId: string) {
  return useMeetingMutation((itemId: string) =>
    unwrap(api.DELETE('/api/v1/meetings/{id}/agenda-items/{itemId}', { params: { path: { id: meetingId, itemId } } })),
  );
}

export function useAddActionItem(meetingId: string) {
  return useMeetingMutation((body: S['CreateActionItemDto']) =>
    unwrap(api.POST('/api/v1/meetings/{id}/action-items', { params: { path: { id: meetingId } }, body })),
  );
}

export function useUpdateActionItem(meetingId: string) {
  return useMeetingMutation(({ itemId, body }: { itemId: string; body: S['UpdateActionItemDto'] }) =>
    unwrap(
      api.PATCH('/api/v1/meetings/{id}/action-items/{itemId}', { params: { path: { id: meetingId, itemId } }, body }),
    ),
  );
}

export function useLogOutcome(meetingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingOutcome) =>
      unwrap(api.POST('/api/v1/meetings/{id}/outcome', { params: { path: { id: meetingId } }, body })),
    // The outcome is a feedback entry: the mentee's record and readiness move too.
    onSuccess: () => client.invalidateQueries(),
  });
}
