import { type AppConfig } from '@leadpath/platform';
import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { exportQuery, ReportsRepository } from '../reports.repository';

export const queries: QuerySnapshots = (db) => {
  const reports = new ReportsRepository(db, {} as AppConfig);
  return {
    'reports.repository': {
      'summary(organization)': () => reports.summary(P.organization),
      'managerHeatmap(organization, { limit: 20 })': () => reports.managerHeatmap(P.organization, { limit: 20 }),
      "managerHeatmap(organization, { department: 'Platform', after: user, limit: 20 })": () =>
        reports.managerHeatmap(P.organization, { department: 'Platform', after: P.user, limit: 20 }),
      'exportQuery(organization, {}) — the CSV export': () => exportQuery(P.organization, {}).execute(),
      'exportQuery(organization, { phase, managerId, department, level }) — the CSV export, filtered': () =>
        exportQuery(P.organization, {
          phase: 'lead_without_title',
          managerId: P.user,
          department: 'Platform',
          level: 'ready',
        }).execute(),
      'departments(organization)': () => reports.departments(P.organization),
      'pdfNames(organization, mentee)': () => reports.pdfNames(P.organization, P.mentee),
    },
  };
};
