import { randomUUID } from 'node:crypto';
import { DEMO, DEMO_PASSWORD } from './fixtures';

/** Factories over the real API (as the demo HR admin): each test that writes gets people of its own. */
const base = () => {
  const url = process.env.LEADPATH_E2E_URL;
  if (!url) throw new Error('LEADPATH_E2E_URL is not set: run the tests through playwright.config.ts');
  return `${url}/api/v1`;
};

export const PASSWORD = 'browser-test-passphrase';

export async function tokenFor(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await call('POST', '/auth/login', undefined, { email, password });
  return (res as { accessToken: string }).accessToken;
}

export async function call(method: string, path: string, token?: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base()}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export interface Person {
  id: string;
  email: string;
  name: string;
}

export async function newUser(roles: string[], name = `Test ${roles[0]} ${randomUUID().slice(0, 6)}`): Promise<Person> {
  const hr = await tokenFor(DEMO.hr);
  const email = `${roles[0]}-${randomUUID()}@example.test`;
  const user = (await call('POST', '/users', hr, { email, name, roles, password: PASSWORD })) as { id: string };
  return { id: user.id, email, name };
}

/** A manager with one mentee of their own in the "lead without the title" phase. */
export async function newPair(): Promise<{ manager: Person; mentee: Person & { menteeId: string } }> {
  const hr = await tokenFor(DEMO.hr);
  const manager = await newUser(['manager']);
  const person = await newUser(['mentee']);
  const mentee = (await call('POST', '/mentees', hr, {
    userId: person.id,
    managerId: manager.id,
    phase: 'lead_without_title',
  })) as { id: string };
  return { manager, mentee: { ...person, menteeId: mentee.id } };
}
