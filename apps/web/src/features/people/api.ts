import { keepPreviousData, type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import type { User } from '@/lib/users';
import { menteeKeys, reportKeys, userKeys } from '@/lib/query-keys';

// Shared with other features (the dashboard names managers), so kept in lib.
export { useManagers, type User } from '@/lib/users';

type S = components['schemas'];
export type CreateUser = S['CreateUserDto'];
export type UpdateUser = S['UpdateUserDto'];
export type Mentee = S['MenteeResponse'];
export type CreateMentee = S['CreateMenteeDto'];
export type UpdateMentee = S['UpdateMenteeDto'];
export type Role = User['roles'][number];

export interface UserFilter {
  role?: Role;
  active?: boolean;
  /** Part of a name or an e-mail address. */
  q?: string;
  cursor?: string;
}

/** One page of users (50), filtered by role, whether they are active, and a name or address. */
export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: userKeys.page(filter),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { ...filter, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
}

/** One page of mentees (50) with their readiness, as HR sees them (all). */
export function useMenteePage(cursor?: string, managerId?: string) {
  return useQuery({
    queryKey: menteeKeys.page(cursor ?? '', managerId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/mentees', { params: { query: { limit: 50, cursor, managerId } } })),
    placeholderData: keepPreviousData,
  });
}

/** Which users are enrolled already (the first 200 mentees; enrolling one more is answered 409 anyway). */
export function useEnrolledUserIds() {
  return useQuery({
    queryKey: menteeKeys.enrolled(),
    queryFn: () => unwrap(api.GET('/api/v1/mentees', { params: { query: { limit: 200 } } })),
    select: (page) => new Set(page.items.map((m) => m.userId)),
  });
}

function useInvalidating<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>, keys: QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export const useCreateUser = () =>
  useInvalidating((body: CreateUser) => unwrap(api.POST('/api/v1/users', { body })), [userKeys.all]);

export const useUpdateUser = () =>
  useInvalidating(
    ({ id, body }: { id: string; body: UpdateUser }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    [userKeys.all, menteeKeys.all],
  );

/** A new invitation link for someone who has not accepted theirs. */
export const useResendInvitation = () =>
  useInvalidating(
    (id: string) => unwrap(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id } } })),
    [userKeys.all],
  );

export type EraseUser = S['EraseUserDto'];

/** Erases a person (HR): their data by the declared strategy per column, the account closed. */
export const useEraseUser = () =>
  useInvalidating(
    ({ id, body }: { id: string; body: EraseUser }) =>
      unwrap(api.POST('/api/v1/users/{id}/erasure', { params: { path: { id } }, body })),
    [userKeys.all, menteeKeys.all, reportKeys.all],
  );

export const useEnrol = () =>
  useInvalidating(
    (body: CreateMentee) => unwrap(api.POST('/api/v1/mentees', { body })),
    [menteeKeys.all, reportKeys.all],
  );

export const useUpdateMentee = () =>
  useInvalidating(
    ({ id, body }: { id: string; body: UpdateMentee }) =>
      unwrap(api.PATCH('/api/v1/mentees/{id}', { params: { path: { id } }, body })),
    [menteeKeys.all, reportKeys.all],
  );
