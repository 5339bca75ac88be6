import type { Assignment, AssignmentKind } from '../api/assignments';

export const KIND_LABEL: Record<AssignmentKind, string> = {
  lead_project: 'Lead a project',
  mentor_junior: 'Mentor a junior',
  run_meetings: 'Run the meetings',
  represent_team: 'Represent the team',
  own_initiative: 'Own an initiative',
  other: 'Other',
};

export const STATUS_LABEL: Record<Assignment['status'], string> = {
  planned: 'Planned',
  active: 'Active',
  completed: 'Completed',
};
