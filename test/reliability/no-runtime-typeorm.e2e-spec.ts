import { Injectable, Module, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, getRepositoryToken, InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { MenteeEntity } from '@leadpath/mentees';
import { loadConfig } from '@leadpath/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

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

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

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
});
