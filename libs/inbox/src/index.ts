export * from './dto/inbox.dto';
export * from './sources';
export * from './inbox.repository';
export * from './inbox.service';
export * from './weekly-digest.service';
export * from './inbox.module';
