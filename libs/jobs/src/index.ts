export * from './catalogue';
export * from './jobs.module';
export * from './jobs.service';
export { OnJob, declaredJobHandlers, type DeclaredHandler, type JobAttempt, type JobHandler } from './on-job';
