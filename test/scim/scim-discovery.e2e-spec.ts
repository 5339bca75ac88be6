import request from 'supertest';
import { Factory } from '../support/factories';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';
import { CORE_GROUP, CORE_USER, ENTERPRISE, ERROR, scim } from './scim-helpers';

describe('SCIM discovery', () => {
  let t: TestApp;
  let idp: ReturnType<typeof scim>;

  withTestApp((app) => (t = app));

  beforeAll(async () => {
    const f = new Factory(t);
    idp = scim(t, (await f.scimToken((await f.organization()).id)).token);
  });

  it('ServiceProviderConfig says exactly what is supported', async () => {
    const res = await idp.get('/ServiceProviderConfig').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
  });

  it('ResourceTypes lists User (with the enterprise extension) and Group', async () => {
    const res = await idp.get('/ResourceTypes').expect(200);
    expect(res.body.totalResults).toBe(2);
    expect(res.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    const user = await idp.get('/ResourceTypes/User').expect(200);
    expect(user.body).toMatchObject({
      endpoint: '/Users',
      schema: CORE_USER,
      schemaExtensions: [{ schema: ENTERPRISE, required: false }],
    });
    await idp.get('/ResourceTypes/Printer').expect(404);
  });

  it('Schemas describes the three schemas, each by id', async () => {
    const res = await idp.get('/Schemas').expect(200);
    expect(res.body.Resources.map((s: { id: string }) => s.id)).toEqual([CORE_USER, ENTERPRISE, CORE_GROUP]);
    const user = await idp.get(`/Schemas/${CORE_USER}`).expect(200);
    const userName = user.body.attributes.find((a: { name: string }) => a.name === 'userName');
    expect(userName).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    const enterprise = await idp.get(`/Schemas/${ENTERPRISE}`).expect(200);
    expect(enterprise.body.attributes.map((a: { name: string }) => a.name)).toEqual(['department', 'manager']);
    const missing = await idp.get('/Schemas/urn:nope').expect(404);
    expect(missing.body.schemas).toEqual([ERROR]);
  });

  it('discovery needs the token too, and unknown SCIM paths answer in the SCIM error schema', async () => {
    await request(t.server).get('/scim/v2/ServiceProviderConfig').expect(401);
    const res = await idp.get('/Printers').expect(404);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '404' });
    // SCIM is not under the API prefix.
    await request(t.server).get('/api/v1/scim/v2/Users').expect(404);
  });
});
