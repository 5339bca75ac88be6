import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { ScimRepository, type ScimIdentity } from '../scim.repository';

const identity: ScimIdentity = {
  userName: 'ada@example.com',
  externalId: 'okta-00u1',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  familyName: 'Lovelace',
  title: null,
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  department: 'Engineering',
  managerRef: 'okta-00u0',
};

export const queries: QuerySnapshots = () => {
  const scim = new ScimRepository();
  return {
    'scim.repository': {
      'insertToken(organization, name, hash, by user)': () =>
        scim.insertToken(P.organization, 'Okta', 'a'.repeat(64), P.user),
      'listTokens(organization)': () => scim.listTokens(P.organization),
      'revokeToken(organization, id)': () => scim.revokeToken(P.organization, P.id),
      'tokenByHashQuery(hash)': () => scim.tokenByHashQuery('a'.repeat(64)).execute(),
      'touchToken(organization, id)': () => scim.touchToken(P.organization, P.id),
      'groupRoles(organization)': () => scim.groupRoles(P.organization),
      'replaceGroupRoles(organization, one mapping)': () =>
        scim.replaceGroupRoles(P.organization, [{ groupName: 'Leads', role: 'manager' }]),
      'findUser(organization, id)': () => scim.findUser(P.organization, P.user),
      'findByUserName(organization, userName)': () => scim.findByUserName(P.organization, 'ada@example.com'),
      'listUsers(organization)': () => scim.listUsers(P.organization),
      'listUsers(organization, userName eq)': () =>
        scim.listUsers(P.organization, { attribute: 'userName', value: 'ada@example.com' }),
      'listUsers(organization, no filter, page)': () =>
        scim.listUsers(P.organization, undefined, { offset: 100, limit: 100 }),
      'countUsers(organization)': () => scim.countUsers(P.organization),
      'emailHolder(organization, email)': () => scim.emailHolder(P.organization, 'ada@example.com'),
      'upsertIdentity(organization, user, identity)': () => scim.upsertIdentity(P.organization, P.user, identity),
      'lockPeople(organization)': () => scim.lockPeople(P.organization),
      'linkManagers(organization, user)': () => scim.linkManagers(P.organization, P.user),
      'syncMentees(organization, users)': () => scim.syncMentees(P.organization, [P.user, P.otherUser]),
      'groupsOf(organization, users)': () => scim.groupsOf(P.organization, [P.user, P.otherUser]),
      'roleSources(organization, users)': () => scim.roleSources(P.organization, [P.user]),
      'listGroups(organization, displayName eq)': () =>
        scim.listGroups(P.organization, { attribute: 'displayName', value: 'Leads' }),
      'members(organization, groups)': () => scim.members(P.organization, [P.id]),
      'existingUsers(organization, ids)': () => scim.existingUsers(P.organization, [P.user]),
      'setMembers(organization, group, users)': () => scim.setMembers(P.organization, P.id, [P.user, P.otherUser]),
    },
  };
};
