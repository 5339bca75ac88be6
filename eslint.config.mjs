import { readdirSync } from 'node:fs';
import eslint from '@eslint/js';
import prettier from 'eslint-plugin-prettier/recommended';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The architecture, enforced. Libraries are layered: a library imports only libraries of a lower
 * layer, so there is no cycle and nothing low depends on a feature above it. A new library goes
 * into the layer of its highest dependency + 1 (until it is placed, lint treats it as just below
 * `demo` and the layout test in apps/api fails).
 */
const LAYERS = [
  ['platform', 'statistics'],
  ['access', 'jobs'],
  ['audit', 'mail', 'backups'],
  ['credentials', 'mentees', 'notifications'],
  ['users', 'framework', 'milestones'],
  ['auth', 'feedback', 'goals', 'assessments', 'assignments', 'webhooks', 'imports'],
  ['readiness', 'organizations', 'led-voice', 'sso', 'meetings'],
  ['reports', 'org-archive', 'talent-reviews'],
  ['scim', 'inbox'],
  ['privacy'],
  ['demo'],
];
const LIBRARIES = readdirSync(new URL('./libs', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const layerOf = (lib) => {
  const i = LAYERS.findIndex((layer) => layer.includes(lib));
  return i >= 0 ? i : LAYERS.length - 1.5;
};

// A library is used through its index (`@leadpath/<name>`), never through its internals; the
// platform has named entries instead (`@leadpath/platform/database`, `/http`, `/time`, `/domain`).
const INTERNALS = [
  {
    group: [
      '@leadpath/*/*',
      '!@leadpath/platform/database',
      '!@leadpath/platform/http',
      '!@leadpath/platform/time',
      '!@leadpath/platform/domain',
      '**/libs/*/src/**',
    ],
    message:
      "Import a library's public API (`@leadpath/<name>`, its index.ts, or a platform entry), not its internals.",
  },
];
// Libraries never reach into another library's folder or into an app.
const LIBRARY_LIMITS = [
  ...INTERNALS,
  { group: ['../../*/src/**', '**/apps/**'], message: 'A library imports other libraries by `@leadpath/<name>` only.' },
];
// Repositories speak SQL and rows: no HTTP, validation or OpenAPI types.
const REPOSITORY_LIMITS = {
  paths: ['fastify', '@nestjs/platform-fastify', '@nestjs/swagger', 'class-validator', 'class-transformer'].map(
    (name) => ({ name, message: 'Repositories carry no HTTP, validation or OpenAPI types.' }),
  ),
  patterns: [{ group: ['./dto/*', '../dto/*', '**/dto/**'], message: 'Repositories return rows, not DTOs.' }],
};

/**
 * No door around the unit of work. TypeORM serves the migrations only: at runtime nothing opens a
 * TypeORM connection, and `@InjectRepository` (which would run as the owner role, outside row-level
 * security) has nothing to inject. Entities may use the mapping decorators, migrations the types;
 * the data source of the migrations is the one exemption. Nor does any code outside the database
 * folder open a pg connection of its own: the pool is Database's.
 */
const TYPEORM_MESSAGE =
  'Runtime TypeORM goes around the unit of work: query with Kysely in a repository on Database (entities and migrations only describe the schema).';
const TYPEORM = ['typeorm', '@nestjs/typeorm'].map((name) => ({ name, message: TYPEORM_MESSAGE }));
const TYPEORM_DEEP = { group: ['typeorm/*', '@nestjs/typeorm/*'], message: TYPEORM_MESSAGE };
const OWN_CONNECTION = ['pg', 'pg-pool'].map((name) => ({
  name,
  message: 'A connection of its own goes around the unit of work: run SQL through Database (types are fine).',
  allowTypeImports: true,
}));
const ENTITY_DECORATORS = [
  'Check',
  'Column',
  'CreateDateColumn',
  'Entity',
  'Index',
  'JoinColumn',
  'ManyToOne',
  'OneToOne',
  'PrimaryColumn',
  'PrimaryGeneratedColumn',
  'UpdateDateColumn',
];
const RUNTIME_FILES = ['libs/**/*.ts', 'apps/api/**/*.ts'];
const DATABASE_FILES = ['libs/platform/src/database/**'];
// The shared column decorators and base classes of the entities are entity mapping too.
const ENTITY_FILES = [
  'libs/*/src/entities/*.entity.ts',
  'libs/platform/src/database/*.entity.ts',
  'libs/platform/src/database/entity-columns.ts',
];
const MIGRATION_FILES = ['libs/platform/src/database/migrations/**/*.ts'];
const DATA_SOURCE_FILES = ['libs/platform/src/database/{data-source-options,migrate,naming-strategy}.ts'];
const restrictImports = (paths, patterns = [TYPEORM_DEEP]) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});
const noWayAroundTenancy = [
  {
    files: RUNTIME_FILES,
    ignores: DATA_SOURCE_FILES,
    rules: {
      ...restrictImports(TYPEORM),
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/typeorm/]', message: TYPEORM_MESSAGE },
      ],
    },
  },
  { files: RUNTIME_FILES, ignores: DATABASE_FILES, rules: restrictImports([...TYPEORM, ...OWN_CONNECTION]) },
  {
    files: ENTITY_FILES,
    rules: restrictImports([{ ...TYPEORM[0], allowImportNames: ENTITY_DECORATORS }, TYPEORM[1], ...OWN_CONNECTION]),
  },
  {
    files: MIGRATION_FILES,
    rules: restrictImports(
      TYPEORM.map((path) => ({ ...path, allowTypeImports: true })),
      [{ ...TYPEORM_DEEP, allowTypeImports: true }],
    ),
  },
];

const layering = LIBRARIES.flatMap((lib) => {
  const above = LIBRARIES.filter((other) => other !== lib && layerOf(other) >= layerOf(lib));
  const patterns = [
    ...LIBRARY_LIMITS,
    ...(above.length
      ? [
          {
            group: above.map((other) => `@leadpath/${other}`),
            message: `${lib} is in layer ${layerOf(lib)} of eslint.config.mjs: it may import only lower layers.`,
          },
        ]
      : []),
  ];
  return [
    { files: [`libs/${lib}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } },
    {
      files: [`libs/${lib}/**/*.repository.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          { paths: REPOSITORY_LIMITS.paths, patterns: [...patterns, ...REPOSITORY_LIMITS.patterns] },
        ],
      },
    },
  ];
});

/**
 * The web app's boundaries (apps/web/src): shared code (components, hooks, lib) → features →
 * app. A feature imports shared code and its own files, never another feature: what two features
 * need lives in shared code (the mentee record's panels, the managers list). Shared code imports
 * no feature and not the app. Everything outside the own folder is imported by the `@/` alias.
 */
const WEB = 'apps/web/src';
const WEB_FILES = (glob) => [`${WEB}/${glob}.ts`, `${WEB}/${glob}.tsx`];
const FEATURES = readdirSync(new URL(`./${WEB}/features`, import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Per feature and per folder depth (a relative path climbs out of the feature at depth + 1 `../`).
const webBoundaries = [
  ...FEATURES.flatMap((feature) =>
    [0, 1, 2, 3].map((depth) => ({
      files: WEB_FILES(`features/${feature}/${'*/'.repeat(depth)}*`),
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^@/features/(?!${escape(feature)}(/|$))`,
                message: `Features do not import each other: move what ${feature} shares into src/components, src/hooks or src/lib.`,
              },
              { regex: '^@/app(/|$)', message: 'The app composes the features; a feature does not import the app.' },
              {
                regex: `^(\\.\\./){${depth + 1}}`,
                message: 'Outside its own folder a feature imports by `@/…`, and only shared code.',
              },
            ],
          },
        ],
      },
    })),
  ),
  {
    files: ['components', 'hooks', 'lib'].flatMap((dir) => WEB_FILES(`${dir}/**/*`)),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@/(features|app)(/|$)|^(\\.\\./)+(features|app)(/|$)',
              message: 'Shared code (components, hooks, lib) imports no feature and not the app.',
            },
          ],
        },
      ],
    },
  },
];

/**
 * Query keys come from key factories (src/lib/query-keys.ts and each feature's api.ts), never
 * literal arrays: an invalidation by a root (`menteeKeys.all`) then reaches every key below it.
 */
const webSyntax = {
  files: WEB_FILES('**/*'),
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "Property[key.name='queryKey'] > ArrayExpression",
        message: 'Build query keys with a key factory (the feature api.ts, or src/lib/query-keys.ts when shared).',
      },
      {
        selector: 'CallExpression[callee.property.name=/^(get|set)Query(Data|State)$/] > ArrayExpression',
        message: 'Build query keys with a key factory (the feature api.ts, or src/lib/query-keys.ts when shared).',
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'eslint.config.mjs',
      'jest.config.js',
      'apps/web/src/lib/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Plain CommonJS helpers run by Node directly, outside the TypeScript project.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly', module: 'writable' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Small ES-module scripts (the web app's, the incremental build, the tests' OpenID provider), run by Node directly.
    files: ['apps/web/scripts/*.mjs', 'scripts/*.mjs', 'test/support/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
  {
    files: ['apps/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: INTERNALS }] },
  },
  ...layering,
  ...noWayAroundTenancy,
  ...webBoundaries,
  webSyntax,
  {
    // Hooks run in the same order on every render, and an effect or memo lists what it reads.
    files: WEB_FILES('**/*'),
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
