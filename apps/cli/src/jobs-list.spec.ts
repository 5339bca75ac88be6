import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@leadpath/platform';
// Loads every module, so every @OnJob handler is declared.
import '../../api/src/app.module';
import { renderJobsList } from './jobs-list';

describe('jobs:list', () => {
  const listing = renderJobsList(loadConfig({}).jobs);

  it('names one handler for every job', () => {
    expect(listing).not.toContain('**none**');
    expect(listing).not.toMatch(/`, `/);
  });

  it('docs/architecture.md shows the listing (paste `npm run cli jobs:list` there after changing a job)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'architecture.md'), 'utf8');
    expect(doc).toContain(listing);
  });
});
