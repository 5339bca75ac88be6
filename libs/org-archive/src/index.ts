export * from './archive-format';
export * from './archive-tables';
export * from './catalogue';
export * from './org-archive.repository';
export * from './org-archive.service';
export * from './org-archive.module';
