import request from 'supertest';
import type { TestApp } from './test-app';

/** supertest calls that carry one caller's bearer token. */
export function as(t: TestApp, token: string) {
  const auth = (r: request.Test) => r.set('authorization', `Bearer ${token}`);
  return {
    get: (path: string) => auth(request(t.server).get(path)),
    post: (path: string, body?: object) => auth(request(t.server).post(path)).send(body),
    put: (path: string, body?: object) => auth(request(t.server).put(path)).send(body),
    patch: (path: string, body?: object) => auth(request(t.server).patch(path)).send(body),
    delete: (path: string) => auth(request(t.server).delete(path)),
  };
}
