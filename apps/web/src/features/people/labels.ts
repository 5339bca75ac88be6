export const ROLE_LABEL = { hr_admin: 'HR admin', manager: 'Manager', mentee: 'Mentee' } as const;

/** Options for choosing one of the organization's people, the empty choice first. */
export const personOptions = (people: { id: string; name: string; email: string }[], empty: string) => [
  { value: '', label: empty },
  ...people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` })),
];

export const phaseOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
