import { PLACEHOLDER as P, qb, type QuerySnapshots } from '@leadpath/platform/database';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { ReadinessHistoryService } from '../read-model/readiness-history.service';
import { readinessColumnsQuery, readinessQuery } from '../readiness.sql';
import { ReadinessRepository } from '../readiness.repository';

const clock = { now: () => P.at };

export const queries: QuerySnapshots = () => {
  const readiness = new ReadinessRepository();
  const model = new ReadModelRepository();
  return {
    'readiness.sql': {
      'readinessQuery({ organizationId }) — the definition with its evidence, now': () =>
        readinessQuery({ organizationId: P.organization }).execute(qb),
      'readinessQuery({ organizationId, filter: { menteeIds, phase, managerId, department, level }, earlier: [monthEnd], at })':
        () =>
          readinessQuery({
            organizationId: P.organization,
            filter: {
              menteeIds: [P.mentee, P.otherMentee],
              phase: 'lead_without_title',
              managerId: P.user,
              department: 'Platform',
              level: 'ready',
            },
            earlier: [P.monthEnd],
            at: P.at,
          }).execute(qb),
      'readinessColumnsQuery({ organizationId, filter: { menteeIds } }) — the definition without evidence (the read model)':
        () => readinessColumnsQuery({ organizationId: P.organization, filter: { menteeIds: [P.mentee] } }).execute(qb),
    },
    'readiness.repository': {
      'compute(organization, { menteeIds: [mentee] }, [monthEnd])': () =>
        readiness.compute(P.organization, { menteeIds: [P.mentee] }, [P.monthEnd]),
      'journey(organization, mentee)': () => readiness.journey(P.organization, P.mentee),
      'ReadinessHistoryService.scoresAtLastMonthEnd(organization, [mentee]) at 2026-01-15': () =>
        new ReadinessHistoryService(clock as never).scoresAtLastMonthEnd(P.organization, [P.mentee]),
    },
    'read-model.repository': {
      'refresh(organization, [mentee, otherMentee]) — lock the rows, then the refresh statement': () =>
        model.refresh(P.organization, [P.otherMentee, P.mentee]),
      'refreshUser(organization, user)': () => model.refreshUser(P.organization, P.user),
      'invalidate(organization)': () => model.invalidate(P.organization),
      'recomputeBatch(organization, 100, at, after: mentee)': () =>
        model.recomputeBatch(P.organization, 100, P.at, P.mentee),
    },
  };
};
