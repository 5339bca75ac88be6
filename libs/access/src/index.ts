export * from './actor';
export * from './permissions';
export * from './require-permission.decorator';
export * from './current-actor.decorator';
export * from './access.service';
export * from './access.module';
export * from './denial-recorder';
export * from './endpoint.decorator';
