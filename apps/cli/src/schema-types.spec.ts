import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchemaTypes, SCHEMA_TYPES_FILE } from './schema-types';

describe('query builder types', () => {
  it("the committed table types are the entities' (run `npm run db:types` after changing an entity)", async () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', SCHEMA_TYPES_FILE), 'utf8');
    expect(committed).toBe(await renderSchemaTypes());
  });
});
