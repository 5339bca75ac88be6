export const ROLE_LABEL = { hr_admin: 'HR admin', manager: 'Manager', mentee: 'Mentee' } as const;

/** A person's standing, as the list shows it. */
export const STATUS_LABEL = { invited: 'Invited', active: 'Active', deactivated: 'Deactivated' } as const;

export const phaseOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
