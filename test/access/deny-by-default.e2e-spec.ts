import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { REQUIRED_PERMISSION } from '@leadpath/access';
import { IS_PUBLIC } from '@leadpath/platform/http';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('deny by default', () => {
  let t: TestApp;
  withTestApp((app) => (t = app));

  it('every route handler is either explicitly public or names a permission', () => {
    const modules = t.app.get(ModulesContainer);
    const scanner = new MetadataScanner();
    const reflector = t.app.get(Reflector);
    const unannotated: string[] = [];
    let handlers = 0;
    for (const wrapper of [...modules.values()].flatMap((m) => [...m.controllers.values()])) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
        if (!Reflect.hasMetadata('path', handler)) continue;
        handlers++;
        const targets = [handler, instance.constructor];
        const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
        const permission = reflector.getAllAndOverride<string>(REQUIRED_PERMISSION, targets);
        if (!isPublic && !permission) unannotated.push(`${instance.constructor.name}.${name}`);
      }
    }
    expect(handlers).toBeGreaterThan(10);
    expect(unannotated).toEqual([]);
  });
});
