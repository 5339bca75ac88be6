import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

type S = components['schemas'];

export type PeopleImport = S['PeopleImportResponse'];
export type PlannedPerson = S['PlannedPersonResponse'];
export type ImportRowError = S['ImportRowErrorResponse'];
export type AppliedImport = S['AppliedImportResponse'];

/**
 * Reads a people file and answers its preview. The file goes as the body itself (`text/csv`),
 * which the API reads up to a size far beyond the JSON limit: a whole organization fits.
 */
export function usePreviewPeopleImport() {
  return useMutation({
    mutationFn: (csv: string) =>
      unwrap(
        api.POST('/api/v1/imports/people', {
          body: csv,
          // The file as it is, not JSON-encoded.
          bodySerializer: (body) => (typeof body === 'string' ? body : JSON.stringify(body)),
          headers: { 'content-type': 'text/csv; charset=utf-8' },
        }),
      ),
  });
}

/** Applies a preview, all or nothing; the people lists are stale afterwards. */
export function useApplyImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, invite }: { id: string; invite: boolean }) =>
      unwrap(api.POST('/api/v1/imports/{id}/apply', { params: { path: { id } }, body: { invite } })),
    onSuccess: () => client.invalidateQueries(),
  });
}
