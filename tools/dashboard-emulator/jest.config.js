/**
 * Unit tests beside the code (src/**\/*.spec.ts) and HTTP integration tests under test/.
 * isolatedModules is set in tsconfig.json, so ts-jest transpiles file by file; type errors are
 * caught by `npm run typecheck`.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
};
