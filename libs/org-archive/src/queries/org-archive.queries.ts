import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { OrgArchiveRepository } from '../org-archive.repository';

export const queries: QuerySnapshots = () => {
  const archive = new OrgArchiveRepository();
  return {
    'org-archive.repository': {
      'prepareExport(300000)': () => archive.prepareExport(300000),
      'organizationName(organization)': () => archive.organizationName(P.organization).catch(() => undefined),
      'organizationExists(organization)': () => archive.organizationExists(P.organization),
      'insertRows(users, columns, two lines, hash)': () =>
        archive.insertRows('users', ['id', 'organization_id', 'email', 'name'], ['{}', '{}'], '$argon2id$placeholder'),
      'insertRows(webhook_endpoints, columns, one line, hash)': () =>
        archive.insertRows('webhook_endpoints', ['id', 'organization_id', 'url'], ['{}'], '$argon2id$placeholder'),
    },
  };
};
