import 'reflect-metadata';
import { JOBS, type JobName } from './catalogue';

/** What a handler learns about the attempt it runs. */
export interface JobAttempt {
  id: string;
  /** 0 on the first try. */
  retryCount: number;
  retryLimit: number;
  /** No retry follows if this attempt throws: the job lands failed (dead letter) with its error. */
  readonly last: boolean;
}

/** A handler's result is ignored; it fails by throwing. */
export type JobHandler = (data: never, attempt: JobAttempt) => Promise<unknown>;

/** Where a handler is declared, for listings and error messages: `Class.method`. */
export interface DeclaredHandler {
  name: JobName;
  handler: string;
}

const ON_JOB = Symbol('leadpath:on-job');
const declared: DeclaredHandler[] = [];

/**
 * Marks the method that handles the catalogued job `name` (see `JOBS`): it receives the job's
 * data and its attempt, and fails by throwing. The class must be a Nest provider; the jobs module
 * finds the method when the application starts.
 */
export function OnJob(name: JobName) {
  return <H extends JobHandler>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<H>): void => {
    if (!Object.hasOwn(JOBS, name)) throw new Error(`job ${name} is not in the catalogue`);
    Reflect.defineMetadata(ON_JOB, name, descriptor.value as object);
    declared.push({ name, handler: `${target.constructor.name}.${String(key)}` });
  };
}

/** The job a method handles, if it is marked `@OnJob`. */
export function jobOf(method: unknown): JobName | undefined {
  return typeof method === 'function' ? (Reflect.getMetadata(ON_JOB, method) as JobName | undefined) : undefined;
}

/** Every `@OnJob` method of the classes loaded so far, in load order (for listings). */
export function declaredJobHandlers(): readonly DeclaredHandler[] {
  return declared;
}
