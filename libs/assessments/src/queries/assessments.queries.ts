import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { AssessmentsRepository } from '../assessments.repository';
import { FIT_SIGNS, STAY_SIGNS, type Answers } from '../scoring';

const answers = Object.fromEntries([...FIT_SIGNS, ...STAY_SIGNS].map((sign) => [sign, 3])) as Answers;

export const queries: QuerySnapshots = () => {
  const assessments = new AssessmentsRepository();
  return {
    'assessments.repository': {
      "insert(organization, { mentee, kind: 'self', answers all 3 })": () =>
        assessments.insert(P.organization, {
          menteeId: P.mentee,
          kind: 'self',
          authorId: P.user,
          answers,
          fit: 0,
          suggestion: 'undecided',
        }),
      'list(organization, mentee, any kind, 20)': () => assessments.list(P.organization, P.mentee, undefined, 20),
      "list(organization, mentee, 'manager', 20, before cursor)": () =>
        assessments.list(P.organization, P.mentee, 'manager', 20, P.cursor),
      'latestOfEachKind(organization, mentee)': () => assessments.latestOfEachKind(P.organization, P.mentee),
    },
  };
};
