import request from 'supertest';
import type { TestApp } from '../support/test-app';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** SCIM calls as an identity provider makes them: a provisioning token and `application/scim+json`. */
export function scim(t: TestApp, token: string) {
  const send = (r: request.Test) =>
    r.set('authorization', `Bearer ${token}`).set('accept', 'application/scim+json').type('application/scim+json');
  return {
    get: (path: string) => send(request(t.server).get(`/scim/v2${path}`)),
    post: (path: string, body?: object) => send(request(t.server).post(`/scim/v2${path}`)).send(body),
    put: (path: string, body?: object) => send(request(t.server).put(`/scim/v2${path}`)).send(body),
    patch: (path: string, body?: object) => send(request(t.server).patch(`/scim/v2${path}`)).send(body),
    delete: (path: string) => send(request(t.server).delete(`/scim/v2${path}`)),
  };
}

let n = 0;
/** A User body with a fresh userName. */
export function newUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `${Date.now().toString(36)}${++n}`;
  return {
    schemas: [CORE_USER],
    userName: `person.${id}@corp.example`,
    name: { givenName: 'Pat', familyName: `Doe ${id}` },
    emails: [{ value: `person.${id}@corp.example`, type: 'work', primary: true }],
    active: true,
    ...overrides,
  };
}

export const patchOp = (...operations: object[]) => ({ schemas: [PATCH_OP], Operations: operations });
