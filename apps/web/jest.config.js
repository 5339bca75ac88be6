/**
 * The web app's component and helper tests (`npm run test:components`): `*.test.ts(x)` beside the
 * code under src. Components render to HTML with react-dom/server in Node, so no DOM library is
 * needed; tests that click and type need @testing-library/react and jsdom, not installed.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        diagnostics: false,
        tsconfig: { jsx: 'react-jsx', module: 'commonjs', esModuleInterop: true, isolatedModules: true },
      },
    ],
  },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '\\.css$': '<rootDir>/src/testing/empty.js' },
};
