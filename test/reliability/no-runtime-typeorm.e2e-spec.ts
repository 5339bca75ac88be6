import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Injectable, Module, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, getRepositoryToken, InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { MenteeEntity } from '@leadpath/mentees';
import { loadConfig } from '@leadpath/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { withTestApp } from '../support/suite';
import { TEST_JWT_SECRET, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/** The ordinary NestJS move that once read two organizations' mentees as the owner role. */
@Injectable()
class MenteeProbe {
  constructor(@InjectRepository(MenteeEntity) readonly mentees: Repository<MenteeEntity>) {}
}

@Module({ imports: [TypeOrmModule.forFeature([MenteeEntity])], providers: [MenteeProbe] })
class ForFeatureProbe {}

@Module({ providers: [MenteeProbe] })
class InjectedProbe {}

describe('no way around the unit of work', () => {
  let t: TestApp;
  withTestApp((app) => (t = app));

  it('the running application holds no TypeORM data source and no repository', () => {
    expect(() => t.app.get(DataSource, { strict: false })).toThrow();
    expect(() => t.app.get(getDataSourceToken(), { strict: false })).toThrow();
    expect(() => t.app.get(getRepositoryToken(MenteeEntity), { strict: false })).toThrow();
  });

  it('a module injecting a TypeORM repository does not boot: nothing can provide it', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.db.url, JWT_SECRET: TEST_JWT_SECRET });
    const compile = (probe: Type) =>
      Test.createTestingModule({
        imports: [AppModule.register({ config, databaseUrl: t.db.url, jwtSecret: TEST_JWT_SECRET }), probe],
      }).compile();
    await expect(compile(ForFeatureProbe)).rejects.toThrow(
      /can't resolve dependencies of the MenteeEntityRepository \(\?\)[^]*DataSource/,
    );
    await expect(compile(InjectedProbe)).rejects.toThrow(/can't resolve dependencies of the MenteeProbe \(\?\)/);
  });

  /**
   * Lints probe sources with the project's configuration, keeping only the import rules (so no type
   * information is needed and the run takes seconds). Returns the lines each probe is reported on.
   */
  async function lint(probes: { filePath: string; code: string }[]): Promise<number[][]> {
    const script = `
      import { ESLint } from 'eslint';
      const eslint = new ESLint({
        overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
        ruleFilter: ({ ruleId }) => ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'].includes(ruleId),
      });
      const lines = [];
      for (const { filePath, code } of JSON.parse(process.argv[1])) {
        const [result] = await eslint.lintText(code, { filePath });
        // A message of no rule (a parse error) shows as itself, so the comparison fails on it.
        lines.push([...new Set(result.messages.map((m) => (m.ruleId ? m.line : m.message)))]);
      }
      process.stdout.write(JSON.stringify(lines));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes)], {
      cwd: ROOT,
    });
    return JSON.parse(stdout) as number[][];
  }

  it('lint refuses runtime TypeORM and pg connections of their own; entities get the decorators, migrations the types', async () => {
    const probe = [
      "import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';",
      "import { DataSource, Entity } from 'typeorm';",
      "import type { QueryRunner } from 'typeorm';",
      "import { Column } from 'typeorm';",
      "import { Pool, type PoolClient } from 'pg';",
      "import type { QueryResult } from 'pg';",
      "export const later = () => import('typeorm');",
      'export { InjectRepository, TypeOrmModule, DataSource, Entity, Column, Pool };',
      'export type { QueryRunner, PoolClient, QueryResult };',
    ].join('\n');
    const lines = await lint([
      { filePath: 'libs/mentees/src/mentees.probe.ts', code: probe },
      { filePath: 'apps/api/src/probe.ts', code: probe },
      // DataSource and QueryRunner: an entity declares columns, it never connects.
      { filePath: 'libs/mentees/src/entities/probe.entity.ts', code: probe },
      // Only the type import of TypeORM passes; pg is the database folder's.
      { filePath: 'libs/platform/src/database/migrations/1-probe.ts', code: probe },
      // Database owns the pool, but no TypeORM for it either.
      { filePath: 'libs/platform/src/database/database.service.ts', code: probe },
      // The data source of the migrations is the one file that may open a TypeORM connection.
      { filePath: 'libs/platform/src/database/migrate.ts', code: probe },
    ]);
    expect(lines).toEqual([[1, 2, 3, 4, 5, 7], [1, 2, 3, 4, 5, 7], [1, 2, 3, 5, 7], [1, 2, 4, 7], [1, 2, 3, 4, 7], []]);
  });
});
