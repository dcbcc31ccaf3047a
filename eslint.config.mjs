// Type-checked linting for every TypeScript project; zero warnings is enforced by `--max-warnings 0`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** api/src's feature folders: above the ports, below the app's wiring. */
const FEATURES = ['jobs', 'collection', 'analytics', 'rate-limit', 'recovery', 'legacy'];

/** An import of any of `folders` from a folder beside them (however deep the importer is). */
function above(folders) {
  return {
    regex: String.raw`^(\.\./)+(${folders.join('|')})(/|$)`,
    message: `An import upward: ${folders.join(', ')} sit above this folder (README, Layout).`,
  };
}

/** Features reach storage through its ports; only the module's factory picks a driver. */
const DRIVERS = {
  regex: String.raw`^(\.\./)+storage/(local|firestore)/`,
  message: 'Features use the storage ports, never a driver.',
};

/**
 * The import rule for one api/src folder (a brace list for several). Its unit tests may wire
 * a real driver under the code they test; every other rule holds for them too.
 */
function apiLayer(folder, patterns) {
  const rule = (list) => ({
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: list }],
  });
  return [
    { files: [`api/src/${folder}/**/*.ts`], rules: rule(patterns) },
    {
      files: [`api/src/${folder}/**/*.spec.ts`],
      rules: rule(patterns.filter((pattern) => pattern !== DRIVERS)),
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.angular/**',
      'openapi/client/**',
      'openapi/sdk/src/generated/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  // api/src's layers, so imports only go down (see README's layout): domain <- ports and
  // drivers (storage) <- feature logic <- services and controllers. A folder's rule names the
  // folders above it; an import from one of them fails `npm test`'s lint.
  ...apiLayer('domain', [
    {
      regex: String.raw`^\.\./(?!common/utc-dates$)`,
      message:
        'domain/ is the bottom layer: plain types and errors that import nothing of the app but the date types.',
    },
  ]),
  ...apiLayer('metrics', [
    {
      regex: String.raw`^\.\./(?!domain/)`,
      message: 'metrics/ is a port: it imports only the domain.',
    },
  ]),
  ...apiLayer('config', [
    {
      regex: String.raw`^(\.\./)+(?!domain/|common/)`,
      message:
        'config/ reads the environment into domain types: it imports only domain/ and common/.',
    },
  ]),
  ...apiLayer('common', [
    above(['storage', 'config', 'metrics', 'health', 'recovery', 'admin-web', 'scripts']),
    // The OpenAPI examples are typed by the DTOs they illustrate; types only, no code.
    { ...above(FEATURES), allowTypeImports: true },
  ]),
  ...apiLayer('storage', [
    above([...FEATURES, 'metrics', 'health', 'auth', 'admin-web', 'scripts']),
  ]),
  {
    files: ['api/src/storage/{job,snapshot,analytics}-store.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(\./|\.\./(?!domain/))`,
              message: 'A port imports only the domain.',
            },
          ],
        },
      ],
    },
  },
  ...apiLayer('rate-limit', [
    above(['jobs', 'collection', 'analytics', 'recovery', 'legacy', 'health']),
    DRIVERS,
  ]),
  ...apiLayer('jobs', [
    above(['collection', 'analytics', 'recovery', 'legacy', 'health']),
    DRIVERS,
  ]),
  {
    // jobs' controllers and module are the top layer: GET /status shows what recovery found.
    files: ['api/src/jobs/**/*.{controller,module}.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [above(['collection', 'analytics', 'legacy', 'health']), DRIVERS] },
      ],
    },
  },
  ...apiLayer('{collection,analytics}', [above(['recovery', 'legacy', 'health']), DRIVERS]),
  ...apiLayer('{recovery,legacy}', [above(['health']), DRIVERS]),
  // coverage-map reads the snapshot port; nothing of the job engine or the features.
  ...apiLayer('coverage-map', [above([...FEATURES, 'health']), DRIVERS]),
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
