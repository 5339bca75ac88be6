import { POLICY, Permission, rolesAllow } from './permissions';

describe('access policy table', () => {
  it('covers every permission', () => {
    for (const permission of Object.values(Permission)) expect(POLICY[permission]).toBeDefined();
  });

  it('keeps HR functions from managers and mentees', () => {
    for (const p of [Permission.UserCreate, Permission.UserList, Permission.AuditRead, Permission.MenteeCreate]) {
      expect(rolesAllow(['hr_admin'], p)).toBe(true);
      expect(rolesAllow(['manager'], p)).toBe(false);
      expect(rolesAllow(['mentee'], p)).toBe(false);
    }
  });

  it('lets a mentee read but not update a mentee record', () => {
    expect(rolesAllow(['mentee'], Permission.MenteeRead)).toBe(true);
    expect(rolesAllow(['mentee'], Permission.MenteeUpdate)).toBe(false);
  });

  it('lets an account without roles (provisioned by single sign-on) read only what is about itself', () => {
    // Authorship is checked on each object (nobody without a role ever wrote feedback), not by role.
    const byAuthorship = (p: Permission) => POLICY[p].allow.includes('author');
    const open = Object.values(Permission).filter((p) => rolesAllow([], p) && !byAuthorship(p));
    expect(open.sort()).toEqual(
      [
        Permission.FeedbackRequestsOwn,
        Permission.InboxOwn,
        Permission.NotificationsOwn,
        Permission.ProfileRead,
        Permission.SubjectExportOwn,
      ].sort(),
    );
  });
});
