/** @type {import('jest').Config} */
const transform = { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] };
const moduleNameMapper = {
  '^@leadpath/platform/(database|http|time|domain)$': '<rootDir>/libs/platform/src/$1',
  '^@leadpath/(.*)$': '<rootDir>/libs/$1/src',
};

module.exports = {
  // Three files at once on a 2-core machine: an end-to-end file waits on PostgreSQL (another
  // process) much of the time. On a quiet 2-core machine: 204–253 s with 3 workers, 285 s with 2.
  maxWorkers: 3,
  // End-to-end files boot the app and start processes; the default 5 s is for unit tests. The limit
  // only catches a hang: tests that took 60 s on a quiet machine took 110 s at a load average of 10.
  testTimeout: 300000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/setup-e2e.ts'],
    },
  ],
};
