import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { ErasureRepository } from '../erasure.repository';
import { ExportRepository } from '../export.repository';
import { RetentionRepository } from '../retention.repository';

export const queries: QuerySnapshots = () => {
  const erasure = new ErasureRepository();
  const exports = new ExportRepository();
  const retention = new RetentionRepository();
  const subject = {
    organizationId: P.organization,
    userId: P.user,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    menteeId: P.mentee,
  };
  return {
    'erasure.repository': {
      'subject(organization, user)': () => erasure.subject(P.organization, P.user),
      'erase(a mentee, at): every rule of the registry': () => erasure.erase(subject, P.at),
      'log(organization, user, at)': () => erasure.log(P.organization, P.user, P.at),
      'logged(organization)': () => erasure.logged(P.organization),
      'isErased(organization, user)': () => erasure.isErased(P.organization, P.user),
      'recordRequest(organization, an erasure)': () =>
        erasure.recordRequest(P.organization, {
          kind: 'erasure',
          userId: P.user,
          requestedBy: P.otherUser,
          reason: 'asked',
        }),
    },
    'export.repository': {
      'profile(organization, user)': () => exports.profile(P.organization, P.user),
      'roleHistory(organization, user)': () => exports.roleHistory(P.organization, P.user),
      'menteeRecord(organization, user)': () => exports.menteeRecord(P.organization, P.user),
      'phaseChanges(organization, mentee)': () => exports.phaseChanges(P.organization, P.mentee),
      'milestones(organization, mentee)': () => exports.milestones(P.organization, P.mentee),
      'goals(organization, mentee)': () => exports.goals(P.organization, P.mentee),
      'feedback(organization, mentee, shared only)': () => exports.feedback(P.organization, P.mentee, false),
      'assessments(organization, mentee)': () => exports.assessments(P.organization, P.mentee),
      'assignments(organization, mentee)': () => exports.assignments(P.organization, P.mentee),
      'audit(organization, user, mentee)': () => exports.audit(P.organization, P.user, P.mentee),
    },
    'retention.repository': {
      'erasureAfterMonths(organization)': () => retention.erasureAfterMonths(P.organization),
      'setErasureAfterMonths(organization, 24, at)': () => retention.setErasureAfterMonths(P.organization, 24, P.at),
      'candidates(organization, 24, at)': () => retention.candidates(P.organization, 24, P.at),
    },
  };
};
