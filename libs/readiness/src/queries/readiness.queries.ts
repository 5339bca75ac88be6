import { PLACEHOLDER as P, runSql, type QuerySnapshots } from '@leadpath/platform';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { ReadinessHistoryService } from '../read-model/readiness-history.service';
import { readinessColumnsQuery, readinessQuery } from '../readiness.sql';
import { ReadinessRepository } from '../readiness.repository';

const clock = { now: () => P.at };

export const queries: QuerySnapshots = (db) => {
  const readiness = new ReadinessRepository(db);
  const model = new ReadModelRepository();
  return {
    'readiness.sql': {
      'readinessQuery({ organizationId }) — the definition with its evidence, now': () =>
        runSql(db, readinessQuery({ organizationId: P.organization })),
      'readinessQuery({ organizationId, filter: { menteeIds, phase, managerId, department, level }, earlier: [monthEnd], at })':
        () =>
          runSql(
            db,
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
            }),
          ),
      'readinessColumnsQuery({ organizationId, filter: { menteeIds } }) — the definition without evidence (the read model)':
        () => runSql(db, readinessColumnsQuery({ organizationId: P.organization, filter: { menteeIds: [P.mentee] } })),
    },
    'readiness.repository': {
      'compute(organization, { menteeIds: [mentee] }, [monthEnd])': () =>
        readiness.compute(P.organization, { menteeIds: [P.mentee] }, [P.monthEnd]),
      'journey(organization, mentee)': () => readiness.journey(P.organization, P.mentee),
      'ReadinessHistoryService.scoresAtLastMonthEnd(organization, [mentee]) at 2026-01-15': () =>
        new ReadinessHistoryService(db, clock as never).scoresAtLastMonthEnd(P.organization, [P.mentee]),
    },
    'read-model.repository': {
      'refresh(organization, [mentee, otherMentee]) — lock the rows, then the refresh statement': () =>
        model.refresh(db, P.organization, [P.otherMentee, P.mentee]),
      'refreshUser(organization, user)': () => model.refreshUser(db, P.organization, P.user),
      'invalidate(organization)': () => model.invalidate(db, P.organization),
      'recomputeBatch(organization, 100, at, after: mentee)': () =>
        model.recomputeBatch(db, P.organization, 100, P.at, P.mentee),
    },
  };
};
