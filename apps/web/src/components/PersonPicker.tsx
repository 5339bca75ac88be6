import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '@/lib/api/client';
import { userKeys } from '@/lib/query-keys';
import type { User } from '@/lib/users';

type Role = User['roles'][number];

/** How many matches the list offers at once; typing more narrows them. */
const MATCHES = 20;

const optionOf = (u: Pick<User, 'id' | 'name' | 'email'>) => ({ value: u.id, label: `${u.name} (${u.email})` });

/**
 * Chooses one person of the organization, whoever they are: the list asks the server for the
 * people whose name or address contains what is typed (debounced), so it finds anyone, not only
 * the first page. `role` and `activeOnly` narrow who can be chosen; `exclude` leaves one out.
 */
export function PersonPicker({
  value,
  onChange,
  role,
  activeOnly = true,
  exclude,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  value: string | null;
  onChange: (id: string | null) => void;
  role?: Role;
  activeOnly?: boolean;
  exclude?: string;
}) {
  const [search, setSearch] = useState('');
  const chosen = usePerson(value || null);
  // While the search shows the chosen person's label, list everyone (the first matches).
  const typed = chosen.data && search === optionOf(chosen.data).label ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 250);
  const matches = useQuery({
    queryKey: [...userKeys.all, 'search', role ?? '', activeOnly, q] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { q: q || undefined, role, active: activeOnly ? true : undefined, limit: MATCHES } },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = (matches.data?.items ?? []).filter((u) => u.id !== exclude).map(optionOf);
  // The chosen person stays an option even when the current search does not find them.
  if (chosen.data && !options.some((o) => o.value === chosen.data.id)) options.unshift(optionOf(chosen.data));
  return (
    <Select
      {...props}
      searchable
      clearable={!props.required}
      data={options}
      value={value || null}
      onChange={(id) => onChange(id)}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered already; the list shows what it answered.
      filter={({ options: all }) => all}
      nothingFoundMessage={matches.isFetching ? 'Searching…' : 'Nobody found'}
    />
  );
}

/** One person by id (for the label of a choice made earlier). */
function usePerson(id: string | null) {
  return useQuery({
    queryKey: [...userKeys.all, 'one', id ?? ''] as const,
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
    staleTime: 60_000,
  });
}
