import { Factory, buildWorld, type World } from './factories';
import { startTestApp, type TestApp } from './test-app';

/** What a describe block's tests share: the app, a factory on it and the standard world. */
export interface Suite {
  t: TestApp;
  f: Factory;
  w: World;
}

/**
 * Starts the app (with `env` in its configuration) before the block's tests and hands it to
 * `ready`; closes it after them.
 */
export function withTestApp(ready: (t: TestApp) => void, env?: Record<string, string>): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(env);
    ready(app);
  });
  afterAll(async () => {
    await app?.close();
  });
}

/** As withTestApp, and builds the standard world (see buildWorld) on the app before the tests. */
export function withWorld(ready: (s: Suite) => void, env?: Record<string, string>): void {
  let t: TestApp;
  withTestApp((app) => (t = app), env);
  beforeAll(async () => {
    const f = new Factory(t);
    ready({ t, f, w: await buildWorld(f) });
  });
}
