import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AssignmentsRepository } from '@leadpath/assignments';
import type { LedVoiceRepository } from '@leadpath/led-voice';

const ANSWERS = [
  {
    ratings: { communication: 5, delegation: 4, giving_feedback: 4 },
    wentWell: 'Every decision came with the why, written down where we could find it.',
    couldHelp: 'Say no to more side requests on our behalf.',
  },
  {
    ratings: { communication: 4, delegation: 4, giving_feedback: 3 },
    wentWell: 'Trusted me with the alerting design and did not take it back when it got hard.',
    couldHelp: null,
  },
  {
    ratings: { communication: 4, delegation: 3, giving_feedback: 4 },
    wentWell: null,
    couldHelp: 'Share the review comments earlier instead of the day before the deadline.',
  },
  {
    ratings: { communication: 5, delegation: 4, giving_feedback: 4 },
    wentWell: 'Ran the weekly sync so it ended on time with owners for everything.',
    couldHelp: 'Hand over the stakeholder updates too, not only the technical work.',
  },
];

/**
 * A completed stretch assignment with its answers from the people led, attached to the milestone
 * it proves, so the aggregate results, the milestone evidence and "the people I led" have
 * something to show. The links are random and already used: nobody can answer them.
 */
export async function seedLedFeedback(
  assignments: AssignmentsRepository,
  voice: LedVoiceRepository,
  organizationId: string,
  menteeId: string,
  leadId: string,
  milestoneTemplateId: string | undefined,
): Promise<void> {
  const id = await assignments.insert(organizationId, {
    menteeId,
    title: 'Lead the observability rollout',
    kind: 'lead_project',
    description: 'Technical lead for four engineers moving every service to the new metrics and alerting stack.',
    competencies: ['communication', 'delegation', 'giving_feedback'],
    milestoneTemplateId: milestoneTemplateId ?? null,
    startsOn: new Date(Date.now() - 120 * 86400000).toISOString().slice(0, 10),
    endsOn: new Date(Date.now() - 20 * 86400000).toISOString().slice(0, 10),
    by: leadId,
  });
  await assignments.update(organizationId, id, { status: 'active' });
  await assignments.update(organizationId, id, { status: 'completed' });
  const requests = ANSWERS.map((_, i) => ({
    id: randomUUID(),
    userId: null,
    email: `teammate${i + 1}@demo.leadpath.test`,
    name: `Teammate ${i + 1}`,
    key: `email:teammate${i + 1}@demo.leadpath.test`,
    approval: 'approved' as const,
    decidedBy: leadId,
    tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
  }));
  const now = new Date();
  await voice.insertRequests(organizationId, id, leadId, now, new Date(now.getTime() + 14 * 86400000), requests);
  // As answers arrive: published once three are in, the fourth held for the next batch.
  for (const [i, answer] of ANSWERS.entries()) {
    const threshold = await assignments.lockForAnswer(organizationId, id);
    await voice.markAnswered(organizationId, id, requests[i].id);
    await voice.insertResponse(organizationId, id, answer);
    await voice.publishHeld(organizationId, id, threshold);
  }
}
