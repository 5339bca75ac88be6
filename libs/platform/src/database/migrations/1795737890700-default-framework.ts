import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The default career framework, as one idempotent routine: sign-up calls it for each new
 * organization, and this migration calls it for organizations that existed before. Existing
 * keys are left alone, so an organization's edits survive a re-run.
 */
export class DefaultFramework1795737890700 implements MigrationInterface {
  name = 'DefaultFramework1795737890700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION leadpath_seed_framework(org uuid) RETURNS void LANGUAGE sql AS $$
        INSERT INTO organization_settings (organization_id) VALUES (org) ON CONFLICT DO NOTHING;

        INSERT INTO competencies (organization_id, key, name, description, category, position)
        SELECT org, c.key, c.name, c.description, c.category, c.position
          FROM (VALUES
            ('communication', 'Communication', 'Says what matters clearly and early, in writing and in the room, and checks it landed.', 'core', 1),
            ('emotional_intelligence', 'Emotional intelligence', 'Notices how people are doing, manages their own reactions, and adjusts to the person in front of them.', 'core', 2),
            ('delegation', 'Delegation', 'Hands over outcomes rather than tasks, with context and trust, and resists taking the work back.', 'core', 3),
            ('strategic_thinking', 'Strategic thinking', 'Connects the team''s work to where the organization is going and chooses what not to do.', 'core', 4),
            ('hiring', 'Hiring', 'Defines what a role needs, interviews fairly, and makes calls that raise the bar of the team.', 'underestimated', 5),
            ('giving_feedback', 'Giving feedback', 'Gives specific, timely feedback, praise and correction alike, and makes it safe to hear.', 'underestimated', 6),
            ('managing_up', 'Managing up', 'Keeps their own manager informed, brings options not just problems, and negotiates priorities.', 'underestimated', 7),
            ('budgeting', 'Budgeting', 'Understands what the team costs, plans spending, and argues for investment in numbers.', 'underestimated', 8)
          ) AS c(key, name, description, category, position)
        ON CONFLICT (organization_id, key) DO NOTHING;

        INSERT INTO milestone_templates (organization_id, key, phase, title, description, required, position)
        SELECT org, m.key, m.phase, m.title, m.description, m.required, m.position
          FROM (VALUES
            ('volunteer_cross_team_project', 'build_credibility', 'Volunteer for a cross-team project', 'Join work that spans teams, to learn how the wider organization runs and to be known beyond your own desk.', true, 1),
            ('document_work_for_others', 'build_credibility', 'Document your work for others', 'Write down how your systems work so that others can run them without you.', true, 2),
            ('build_relationships_outside_team', 'build_credibility', 'Build relationships outside your team', 'Have regular conversations with peers in other teams; know who to call and be someone they call.', true, 3),
            ('lead_project_as_tech_lead', 'lead_without_title', 'Lead a project team as technical lead', 'Own the technical direction of a project with several contributors and keep them moving together.', true, 1),
            ('mentor_junior', 'lead_without_title', 'Mentor a junior team member', 'Meet a less experienced colleague regularly and help them grow over several months.', true, 2),
            ('run_meetings_facilitate_decisions', 'lead_without_title', 'Run meetings and facilitate decisions', 'Prepare an agenda, keep the discussion useful, and leave with a decision and owners.', true, 3),
            ('represent_team_cross_functional', 'lead_without_title', 'Represent the team in cross-functional discussions', 'Speak for the team''s needs and constraints where other functions decide.', true, 4),
            ('own_initiative_beyond_remit', 'lead_without_title', 'Own an initiative beyond your own remit', 'Spot something nobody owns, take it on, and see it through.', true, 5),
            ('lead_project_end_to_end', 'lead_without_title', 'Lead one project end to end', 'Plan it, communicate with stakeholders throughout, and deliver it.', true, 6),
            ('ask_feedback_on_leadership_potential', 'lead_without_title', 'Ask your manager for explicit feedback on your leadership potential', 'Have the direct conversation: what would they need to see before recommending you?', true, 7),
            ('find_manager_mentor', 'lead_without_title', 'Find a mentor who is a manager', 'Build a regular relationship with a manager outside your reporting line.', true, 8),
            ('pmp_or_itil_certification', 'lead_without_title', 'PMP or ITIL 4 certification', 'Optional: a formal grounding in project or service management.', false, 9),
            ('schedule_management_work_first', 'first_management_role', 'Schedule management work first', 'Protect time for one-on-ones, planning and people before taking on hands-on work.', true, 1),
            ('hold_regular_one_on_ones', 'first_management_role', 'Hold regular one-on-ones', 'Meet every report on a steady rhythm, with their agenda first.', true, 2),
            ('deliver_difficult_conversation_early', 'first_management_role', 'Deliver a difficult conversation early', 'Raise a performance or behaviour concern while it is still small.', true, 3),
            ('delegate_an_outcome', 'first_management_role', 'Delegate an outcome, not a task', 'Hand over a whole result with its context and let the person choose the way.', true, 4),
            ('invest_in_own_development', 'first_management_role', 'Invest in your own development', 'Take a course, find a coach or a peer group for new managers.', true, 5),
            ('manage_a_manager', 'growing_scope', 'Manage a manager', 'Lead through another manager: coach them rather than their team.', true, 1),
            ('own_a_budget', 'growing_scope', 'Own a budget', 'Plan, defend and account for a team or department budget.', true, 2)
          ) AS m(key, phase, title, description, required, position)
        ON CONFLICT (organization_id, key) DO NOTHING;
      $$`);
    await q.query('SELECT leadpath_seed_framework(id) FROM organizations');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION leadpath_seed_framework(uuid)');
  }
}
