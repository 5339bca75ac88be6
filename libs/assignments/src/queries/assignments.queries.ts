import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform';
import { AssignmentsRepository } from '../assignments.repository';
import { FeedbackMailRepository } from '../feedback-mail.repository';

const expiresAt = new Date('2026-01-29T12:00:00.000Z');
const tokenHash = 'placeholder-token-hash';

export const queries: QuerySnapshots = (db) => {
  const assignments = new AssignmentsRepository(db);
  const mail = new FeedbackMailRepository(db);
  const assignment = {
    menteeId: P.mentee,
    title: 'Lead the migration project',
    kind: 'lead_project' as const,
    description: null,
    competencies: ['delegation', 'feedback'],
    milestoneTemplateId: null,
    startsOn: P.day,
    endsOn: null,
    by: P.user,
  };
  return {
    'assignments.repository': {
      'insert(organization, assignment)': () => assignments.insert(P.organization, assignment),
      'findById(organization, id)': () => assignments.findById(P.organization, P.id),
      'list(organization, mentee, any status, 20)': () => assignments.list(P.organization, P.mentee, undefined, 20),
      "list(organization, mentee, 'completed', 20, after cursor)": () =>
        assignments.list(P.organization, P.mentee, 'completed', 20, P.cursor),
      'lock(organization, id)': () => assignments.lock(P.organization, P.id),
      "update(organization, id, { title, competencies, status: 'completed' })": () =>
        assignments.update(P.organization, P.id, {
          title: 'Lead the migration',
          competencies: ['delegation'],
          status: 'completed',
        }),
      'templateExists(organization, template id)': () => assignments.templateExists(P.organization, P.id),
      'respondentUsers(organization, [user], untagged [otherUser])': () =>
        assignments.respondentUsers(P.organization, [P.user], [P.otherUser]),
      "ownDomains(organization, ['example.com'])": () => assignments.ownDomains(P.organization, ['example.com']),
      'requestsSentSince(organization, user, at)': () => assignments.requestsSentSince(P.organization, P.user, P.at),
      'candidates(organization, assignment, no search, 20)': () =>
        assignments.candidates(P.organization, P.id, undefined, 20),
      "candidates(organization, assignment, 'ad%', 20, after cursor)": () =>
        assignments.candidates(P.organization, P.id, 'ad%', 20, P.cursor),
      "askedPeople(organization, assignment, ['user:…', 'email:…'])": () =>
        assignments.askedPeople(P.organization, P.id, [`user:${P.user}`, 'email:ada@example.com']),
      'insertRequests(organization, assignment, by user, at, expiresAt, one approved request)': () =>
        assignments.insertRequests(P.organization, P.id, P.user, P.at, expiresAt, [
          {
            id: P.otherMentee,
            userId: P.otherUser,
            email: 'ada@example.com',
            name: 'Ada',
            key: `user:${P.otherUser}`,
            approval: 'approved',
            decidedBy: P.user,
            tokenHash,
          },
        ]),
      'listRequests(organization, assignment, any approval, 20)': () =>
        assignments.listRequests(P.organization, P.id, undefined, 20),
      "listRequests(organization, assignment, 'pending', 20, after cursor)": () =>
        assignments.listRequests(P.organization, P.id, 'pending', 20, P.cursor),
      "decide(organization, assignment, [request], 'approved', by user, at, expiresAt)": () =>
        assignments.decide(P.organization, P.id, [P.otherMentee], 'approved', P.user, P.at, expiresAt),
      'openRequestsFor(organization, user, at, 20, after cursor)': () =>
        assignments.openRequestsFor(P.organization, P.user, P.at, 20, P.cursor),
      'organizationOfLink(token hash)': () => assignments.organizationOfLink(tokenHash),
      'lockLink(organization, token hash)': () => assignments.lockLink(P.organization, tokenHash),
      'markAnswered(organization, assignment, request)': () =>
        assignments.markAnswered(P.organization, P.id, P.otherMentee),
      'lockForAnswer(organization, assignment)': () => assignments.lockForAnswer(P.organization, P.id),
      'publishHeld(organization, assignment, threshold 3)': () => assignments.publishHeld(P.organization, P.id, 3),
      'insertResponse(organization, assignment, one rating and a comment)': () =>
        assignments.insertResponse(P.organization, P.id, {
          ratings: { delegation: 4 },
          wentWell: 'Clear',
          couldHelp: null,
        }),
      'competencyAggregates(organization, assignment)': () => assignments.competencyAggregates(P.organization, P.id),
      'comments(organization, assignment)': () => assignments.comments(P.organization, P.id),
    },
    'feedback-mail.repository': {
      'lockForMail(organization, request)': () => mail.lockForMail(P.organization, P.id),
      'markMailed(organization, request, sequence 1)': () => mail.markMailed(P.organization, P.id, 1),
      'organizationsWithDueReminders(at, [3 days, 1 day])': () =>
        mail.organizationsWithDueReminders(P.at, [259200, 86400]),
      'claimDueReminders(organization, at, [3 days, 1 day])': () =>
        mail.claimDueReminders(P.organization, P.at, [259200, 86400]),
    },
  };
};
