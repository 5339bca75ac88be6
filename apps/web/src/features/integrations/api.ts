import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { ApiError } from '@/lib/errors';
import type { components, operations } from '@/lib/api/schema';

type S = components['schemas'];

const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (id: string, cursor: string) => [...webhookKeys.all, id, 'deliveries', cursor] as const,
};
const mailDeliveryKeys = {
  page: (status: string, cursor: string) => ['mail-deliveries', status, cursor] as const,
};

export type MailStatus = NonNullable<NonNullable<operations['MailController_list']['parameters']['query']>['status']>;
export type MailDelivery = S['DeliveryResponse'];
export type Webhook = S['WebhookResponse'];
export type WebhookEvent = Webhook['events'][number];
export type WebhookFormat = Webhook['format'];
export type WebhookDelivery = S['WebhookDeliveryResponse'];
export type CreateWebhook = S['CreateWebhookDto'];
export type UpdateWebhook = S['UpdateWebhookDto'];

/** One page (50) of the organization's e-mails, newest first, of one status or all. */
export function useMailDeliveries(status: MailStatus | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: mailDeliveryKeys.page(status ?? 'all', cursor ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/mail-deliveries', { params: { query: { status, cursor, limit: 50 } } })),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The endpoints (the first 100), newest first. */
export function useWebhooks() {
  return useQuery({
    queryKey: webhookKeys.list(),
    queryFn: () => unwrap(api.GET('/api/v1/webhooks', { params: { query: { limit: 100 } } })),
    retry: false,
  });
}

const waiting = (page: { items: WebhookDelivery[] } | undefined) =>
  page?.items.some((d) => d.status === 'pending' || d.status === 'retrying') ?? false;

/** One page (20) of an endpoint's delivery log; asked again every few seconds while a delivery waits. */
export function useWebhookDeliveries(id: string, cursor: string | undefined) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id, cursor ?? ''),
    queryFn: () =>
      unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { cursor, limit: 20 } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (waiting(query.state.data) ? 3000 : false),
  });
}

function useInvalidatingWebhooks<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export const useCreateWebhook = () =>
  useInvalidatingWebhooks((body: CreateWebhook) => unwrap(api.POST('/api/v1/webhooks', { body })));

export const useUpdateWebhook = () =>
  useInvalidatingWebhooks(({ id, body }: { id: string; body: UpdateWebhook }) =>
    unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body })),
  );

export const useDeleteWebhook = () =>
  useInvalidatingWebhooks((id: string) => unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })));

export const useRotateSecret = () =>
  useInvalidatingWebhooks((id: string) =>
    unwrap(api.POST('/api/v1/webhooks/{id}/secret', { params: { path: { id } } })),
  );

export const useSendTest = () =>
  useInvalidatingWebhooks((id: string) => unwrap(api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id } } })));

export type SsoConfig = S['SsoConfigResponse'];
export type PutSso = S['PutSsoDto'];
const ssoKeys = { config: ['sso'] as const };

/** The organization's single sign-on configuration, or null while there is none (404). */
export function useSsoConfig() {
  return useQuery({
    queryKey: ssoKeys.config,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/sso'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    retry: false,
  });
}

function useInvalidatingSso<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ssoKeys.config }) });
}

export const useSaveSso = () => useInvalidatingSso((body: PutSso) => unwrap(api.PUT('/api/v1/sso', { body })));
export const useDeleteSso = () => useInvalidatingSso(() => unwrap(api.DELETE('/api/v1/sso')));
