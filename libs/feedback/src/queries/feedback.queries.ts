import { AccessService, type Actor } from '@leadpath/access';
import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { FeedbackRepository, type FeedbackContent } from '../feedback.repository';

const manager: Actor = {
  userId: P.user,
  organizationId: P.organization,
  roles: ['manager'],
  menteeId: null,
  requestId: null,
};

const content: FeedbackContent = {
  occurredOn: P.day,
  visibility: 'shared',
  strengths: 'Clear priorities',
  gaps: null,
  nextSteps: null,
  needToSee: null,
};

export const queries: QuerySnapshots = () => {
  const feedback = new FeedbackRepository();
  // The visibility predicates are built without a query: the service needs neither of its collaborators.
  const access = new AccessService({} as never, {} as never);
  const ratings = [
    { competency: 'delegation', rating: 4 },
    { competency: 'feedback', rating: 3 },
  ];
  return {
    'feedback.repository': {
      'insert(organization, content by a manager)': () =>
        feedback.insert(P.organization, {
          ...content,
          menteeId: P.mentee,
          authorId: P.user,
          authorRole: 'manager',
        }),
      'replaceRatings(organization, id, two ratings)': () => feedback.replaceRatings(P.organization, P.id, ratings),
      'insertRatings(organization, id, two ratings)': () => feedback.insertRatings(P.organization, P.id, ratings),
      'findById(organization, id)': () => feedback.findById(P.organization, P.id),
      'lock(organization, id)': () => feedback.lock(P.organization, P.id),
      'list(organization, mentee, visible to a manager, any visibility, 20)': () =>
        feedback.list(P.organization, P.mentee, access.feedbackVisible(manager), undefined, 20),
      "list(organization, mentee, visible to a manager, 'shared', 20, before cursor)": () =>
        feedback.list(P.organization, P.mentee, access.feedbackVisible(manager), 'shared', 20, P.cursor),
      'update(organization, id, version 3, content)': () => feedback.update(P.organization, P.id, 3, content),
      'insertRevision(organization, { feedback, version 3 })': () =>
        feedback.insertRevision(P.organization, {
          feedbackId: P.id,
          version: 3,
          snapshot: content,
          editedBy: P.user,
        }),
      'revisions(organization, feedback, 20, after cursor)': () =>
        feedback.revisions(P.organization, P.id, 20, P.cursor),
      'acknowledge(organization, id)': () => feedback.acknowledge(P.organization, P.id),
    },
  };
};
