import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { inboxKeys } from '@/lib/query-keys';

export type Inbox = components['schemas']['InboxResponse'];
export type InboxItem = components['schemas']['InboxItem'];
export type InboxKind = InboxItem['kind'];

/** The signed-in person's inbox; read again when they come back to the window, so the count stays true. */
export function useInbox() {
  return useQuery({
    queryKey: inboxKeys.all,
    queryFn: () => unwrap(api.GET('/api/v1/me/inbox')),
    refetchOnWindowFocus: true,
  });
}
