import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { FeedbackMailRepository } from '../feedback-mail.repository';
import { LedVoiceRepository } from '../led-voice.repository';

const expiresAt = new Date('2026-01-29T12:00:00.000Z');
const tokenHash = 'placeholder-token-hash';

export const queries: QuerySnapshots = () => {
  const voice = new LedVoiceRepository();
  const mail = new FeedbackMailRepository();
  return {
    'led-voice.repository': {
      'respondentUsers(organization, [user], untagged [otherUser])': () =>
        voice.respondentUsers(P.organization, [P.user], [P.otherUser]),
      "ownDomains(organization, ['example.com'])": () => voice.ownDomains(P.organization, ['example.com']),
      'requestsSentSince(organization, user, at)': () => voice.requestsSentSince(P.organization, P.user, P.at),
      'candidates(organization, assignment, no search, 20)': () =>
        voice.candidates(P.organization, P.id, undefined, 20),
      "candidates(organization, assignment, 'ad%', 20, after cursor)": () =>
        voice.candidates(P.organization, P.id, 'ad%', 20, P.cursor),
      "askedPeople(organization, assignment, ['user:…', 'email:…'])": () =>
        voice.askedPeople(P.organization, P.id, [`user:${P.user}`, 'email:ada@example.com']),
      'insertRequests(organization, assignment, by user, at, expiresAt, one approved request)': () =>
        voice.insertRequests(P.organization, P.id, P.user, P.at, expiresAt, [
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
        voice.listRequests(P.organization, P.id, undefined, 20),
      "listRequests(organization, assignment, 'pending', 20, after cursor)": () =>
        voice.listRequests(P.organization, P.id, 'pending', 20, P.cursor),
      "decide(organization, assignment, [request], 'approved', by user, at, expiresAt)": () =>
        voice.decide(P.organization, P.id, [P.otherMentee], 'approved', P.user, P.at, expiresAt),
      'openRequestsFor(organization, user, at, 20, after cursor)': () =>
        voice.openRequestsFor(P.organization, P.user, P.at, 20, P.cursor),
      'organizationOfLink(token hash)': () => voice.organizationOfLink(tokenHash),
      'lockLink(organization, token hash)': () => voice.lockLink(P.organization, tokenHash),
      'markAnswered(organization, assignment, request)': () => voice.markAnswered(P.organization, P.id, P.otherMentee),
      'publishHeld(organization, assignment, threshold 3)': () => voice.publishHeld(P.organization, P.id, 3),
      'insertResponse(organization, assignment, one rating and a comment)': () =>
        voice.insertResponse(P.organization, P.id, {
          ratings: { delegation: 4 },
          wentWell: 'Clear',
          couldHelp: null,
        }),
      'competencyAggregates(organization, assignment)': () => voice.competencyAggregates(P.organization, P.id),
      'comments(organization, assignment)': () => voice.comments(P.organization, P.id),
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
