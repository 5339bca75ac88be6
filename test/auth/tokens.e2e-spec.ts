import { createSecretKey } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import type { Factory, World } from '../support/factories';
import { withWorld } from '../support/suite';
import { TEST_JWT_SECRET, type TestApp } from '../support/test-app';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('access tokens', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  const me = (token: string) => request(t.server).get('/api/v1/me').set('authorization', `Bearer ${token}`);

  it('accepts a valid token and answers /me with roles, organization and menteeId', async () => {
    const res = await me(w.target.user.token).expect(200);
    expect(res.body).toMatchObject({
      roles: ['mentee'],
      organization: { id: w.orgA.id, name: 'Alpha' },
      menteeId: w.target.id,
      user: { id: w.target.userId, email: w.target.user.email },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash|token_version|tokenVersion/i);
    expect((await me(w.hr.token).expect(200)).body.menteeId).toBeNull();
  });

  it('refuses a missing, malformed, unsigned, wrongly signed or expired token with 401', async () => {
    const payload = { sub: w.hr.id, org: w.orgA.id, ver: 0 };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payload, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    const otherKey = jwt.sign(payload, createSecretKey(Buffer.from('another-secret-another-secret-another-secret')), {
      algorithm: 'HS256',
      expiresIn: 600,
    });
    const expired = jwt.sign(
      { ...payload, exp: Math.floor(Date.now() / 1000) - 10 },
      createSecretKey(Buffer.from(TEST_JWT_SECRET)),
      {
        algorithm: 'HS256',
      },
    );
    const hs512 = jwt.sign(payload, createSecretKey(Buffer.from(TEST_JWT_SECRET)), {
      algorithm: 'HS512',
      expiresIn: 600,
    });
    const tampered = w.hr.token.replace(/\.([^.]+)\./, `.${b64({ ...payload, sub: w.hrB.id })}.`);
    await request(t.server).get('/api/v1/me').expect(401);
    for (const token of ['garbage', none, otherKey, expired, hs512, tampered]) {
      const res = await me(token).expect(401);
      expect(res.body.error).toBe('unauthenticated');
    }
  });

  it('refuses a token whose organization claim does not match the user', async () => {
    await me(f.token(w.hr.id, w.orgB.id)).expect(401);
  });

  it('stops a deactivated user’s token at once, and a reactivated user needs a new one', async () => {
    const user = await f.user(w.orgA.id, ['manager']);
    await me(user.token).expect(200);
    await request(t.server)
      .patch(`/api/v1/users/${user.id}`)
      .set('authorization', `Bearer ${w.hr.token}`)
      .send({ active: false })
      .expect(200);
    await me(user.token).expect(401);
    await request(t.server)
      .patch(`/api/v1/users/${user.id}`)
      .set('authorization', `Bearer ${w.hr.token}`)
      .send({ active: true })
      .expect(200);
    await me(user.token).expect(401);
  });

  it('stops a demoted manager’s token, and the new token no longer sees their mentees', async () => {
    const manager = await f.user(w.orgA.id, ['manager']);
    const mentee = await f.mentee(w.orgA.id, { managerId: manager.id });
    await request(t.server)
      .get(`/api/v1/mentees/${mentee.id}`)
      .set('authorization', `Bearer ${manager.token}`)
      .expect(200);
    await request(t.server)
      .patch(`/api/v1/users/${manager.id}`)
      .set('authorization', `Bearer ${w.hr.token}`)
      .send({ roles: ['mentee'] })
      .expect(200);
    await request(t.server)
      .get(`/api/v1/mentees/${mentee.id}`)
      .set('authorization', `Bearer ${manager.token}`)
      .expect(401);
    const fresh = f.token(manager.id, w.orgA.id, 1);
    await request(t.server).get(`/api/v1/mentees/${mentee.id}`).set('authorization', `Bearer ${fresh}`).expect(404);
  });
});
