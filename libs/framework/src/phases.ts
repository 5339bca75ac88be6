import type { Phase } from '@leadpath/mentees';

export interface PhaseDefinition {
  key: Phase;
  position: number;
  name: string;
  typicalYears: string;
  description: string;
}

/** The four phases are the spine of every framework; organizations edit what sits inside them. */
export const PHASE_DEFINITIONS: readonly PhaseDefinition[] = [
  {
    key: 'build_credibility',
    position: 1,
    name: 'Build technical credibility',
    typicalYears: '1–4',
    description:
      'Become the person others come to: ship and unblock, document, join cross-team work. Foundations in system administration, network engineering, security operations, software development or cloud engineering.',
  },
  {
    key: 'lead_without_title',
    position: 2,
    name: 'Lead without the title',
    typicalYears: '3–6',
    description:
      'The evidence phase: lead projects, mentor, facilitate and represent the team before anyone calls it management.',
  },
  {
    key: 'first_management_role',
    position: 3,
    name: 'First management role',
    typicalYears: '5–8',
    description:
      'Promoted internally, hired externally, or a team lead with one to three reports. Expect six to twelve months before it feels competent.',
  },
  {
    key: 'growing_scope',
    position: 4,
    name: 'Growing scope',
    typicalYears: '7–12+',
    description: 'Managing managers, then department and executive roles.',
  },
];

export function nextPhase(phase: Phase): Phase | null {
  const index = PHASE_DEFINITIONS.findIndex((p) => p.key === phase);
  return PHASE_DEFINITIONS[index + 1]?.key ?? null;
}
