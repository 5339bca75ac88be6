import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { FrameworkRepository } from '../framework.repository';

export const queries: QuerySnapshots = () => {
  const framework = new FrameworkRepository();
  return {
    'framework.repository': {
      'seed(organization)': () => framework.seed(P.organization),
      'competencies(organization, without retired)': () => framework.competencies(P.organization, false),
      'competencies(organization, with retired)': () => framework.competencies(P.organization, true),
      'milestoneTemplates(organization, without retired, any phase)': () =>
        framework.milestoneTemplates(P.organization, false),
      "milestoneTemplates(organization, with retired, 'lead_without_title')": () =>
        framework.milestoneTemplates(P.organization, true, 'lead_without_title'),
      'settings(organization)': () => framework.settings(P.organization),
      "unknownCompetencies(organization, ['delegation', 'feedback'])": () =>
        framework.unknownCompetencies(P.organization, ['delegation', 'feedback']),
      'insertCompetency(organization, competency)': () =>
        framework.insertCompetency(P.organization, {
          key: 'delegation',
          name: 'Delegation',
          description: 'Hands work over with its context',
          category: 'core',
          position: 3,
        }),
      'updateCompetency(organization, id, { name, retired })': () =>
        framework.updateCompetency(P.organization, P.id, { name: 'Delegating', retired: true }),
      'insertMilestoneTemplate(organization, template)': () =>
        framework.insertMilestoneTemplate(P.organization, {
          key: 'lead_planning',
          phase: 'lead_without_title',
          title: 'Lead a planning session',
          description: 'Run the quarterly planning for the team',
          required: true,
          position: 2,
        }),
      'updateMilestoneTemplate(organization, id, { required, retired })': () =>
        framework.updateMilestoneTemplate(P.organization, P.id, { required: false, retired: false }),
      "nextPosition(organization, 'competencies')": () => framework.nextPosition(P.organization, 'competencies'),
      "nextPosition(organization, 'milestone_templates', 'lead_without_title')": () =>
        framework.nextPosition(P.organization, 'milestone_templates', 'lead_without_title'),
      'updateSettings(organization, every setting)': () =>
        framework.updateSettings(P.organization, {
          weights: { milestones: 0.4, competencies: 0.4, goals: 0.2 },
          staleFeedbackDays: 30,
          ledFeedbackThreshold: 3,
          ledVoiceWeight: 0.25,
          feedbackRequestsPerDay: 20,
          timeZone: 'Europe/Berlin',
        }),
      'lockFramework(organization)': () => framework.lockFramework(P.organization),
      'insertImport(organization, import)': () =>
        framework.insertImport(P.organization, {
          format: 'progression',
          plan: { competencies: [], milestoneTemplates: [] },
          preview: { errors: [] },
          fingerprint: '0'.repeat(64),
          createdBy: P.id,
        }),
      'importForApply(organization, id)': () => framework.importForApply(P.organization, P.id),
      'markImportApplied(organization, id)': () => framework.markImportApplied(P.organization, P.id),
      'upsertCompetencies(organization, [competency])': () =>
        framework.upsertCompetencies(P.organization, [
          { key: 'craft', name: 'Craft', description: '', category: 'core', position: 1 },
        ]),
      'upsertMilestoneTemplates(organization, [template])': () =>
        framework.upsertMilestoneTemplates(P.organization, [
          {
            key: 'craft_l1_1',
            phase: 'build_credibility',
            title: 'Ships small changes',
            description: '',
            required: true,
            position: 1,
          },
        ]),
      "retireAllBut(organization, 'competencies', ['craft'])": () =>
        framework.retireAllBut(P.organization, 'competencies', ['craft']),
    },
  };
};
