import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';
import type { components } from './api/schema';
import { frameworkKeys } from './query-keys';

export type Framework = components['schemas']['FrameworkResponse'];

/** The organization's framework (competency names, milestone templates, settings): read by every feature, fetched once. */
export function useFramework() {
  return useQuery({
    queryKey: frameworkKeys.all,
    queryFn: () => unwrap(api.GET('/api/v1/framework')),
    staleTime: 5 * 60_000,
  });
}

export function competencyName(framework: Framework | undefined, key: string): string {
  return framework?.competencies.find((c) => c.key === key)?.name ?? key.replace(/_/g, ' ');
}
