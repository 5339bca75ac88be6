import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type NotificationSwitches = components['schemas']['NotificationPreferencesResponse'];

const notificationKeys = {
  switches: () => ['notification-switches'] as const,
};

export function useNotificationSwitches() {
  return useQuery({
    queryKey: notificationKeys.switches(),
    queryFn: () => unwrap(api.GET('/api/v1/me/notifications')),
  });
}

export function useUpdateNotificationSwitches() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<NotificationSwitches>) => unwrap(api.PATCH('/api/v1/me/notifications', { body })),
    onSuccess: (data) => client.setQueryData(notificationKeys.switches(), data),
  });
}

/** One-click unsubscribe with the token of an e-mail's link; no sign-in needed. */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) =>
      unwrap(api.POST('/api/v1/notifications/unsubscribe', { params: { query: { token } } })),
  });
}
