import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { frameworkKeys, reportKeys } from '@/lib/query-keys';

type S = components['schemas'];
export type Competency = S['CompetencyResponse'];
export type Template = S['MilestoneTemplateResponse'];
export type Settings = S['UpdateSettingsDto'];

/** Every framework change reloads the framework (and the dashboard, whose numbers it moves). */
function useFrameworkChange<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: frameworkKeys.all }),
        client.invalidateQueries({ queryKey: reportKeys.all }),
      ]),
  });
}

export const useUpdateSettings = () =>
  useFrameworkChange((body: Settings) => unwrap(api.PATCH('/api/v1/framework/settings', { body })));

export const useCreateCompetency = () =>
  useFrameworkChange((body: S['CreateCompetencyDto']) => unwrap(api.POST('/api/v1/framework/competencies', { body })));

export const useUpdateCompetency = () =>
  useFrameworkChange(({ id, body }: { id: string; body: S['UpdateCompetencyDto'] }) =>
    unwrap(api.PATCH('/api/v1/framework/competencies/{id}', { params: { path: { id } }, body })),
  );

export const useCreateTemplate = () =>
  useFrameworkChange((body: S['CreateMilestoneTemplateDto']) =>
    unwrap(api.POST('/api/v1/framework/milestones', { body })),
  );

export const useUpdateTemplate = () =>
  useFrameworkChange(({ id, body }: { id: string; body: S['UpdateMilestoneTemplateDto'] }) =>
    unwrap(api.PATCH('/api/v1/framework/milestones/{id}', { params: { path: { id } }, body })),
  );

export type FrameworkImport = S['FrameworkImportResponse'];

/** A preview changes nothing: it is not a framework change. */
export const usePreviewImport = () =>
  useMutation({
    mutationFn: (body: S['FrameworkImportDto']) => unwrap(api.POST('/api/v1/framework/import', { body })),
  });

export const useApplyImport = () =>
  useFrameworkChange((id: string) =>
    unwrap(api.POST('/api/v1/framework/import/{id}/apply', { params: { path: { id } } })),
  );
