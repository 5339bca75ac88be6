export const ROLE_LABEL = { hr_admin: 'HR admin', manager: 'Manager', mentee: 'Mentee' } as const;
export const ACTION_LABEL = { create: 'Create', update: 'Update', unchanged: 'Unchanged' } as const;
