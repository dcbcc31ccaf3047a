/**
 * Integration tests against the built service (test/*.int-spec.ts) and unit tests beside the
 * code. isolatedModules is set in tsconfig.json, so ts-jest transpiles file by file; type
 * errors are caught by `npm run typecheck`.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // Waits are for states, never for durations; this only bounds a hang on a loaded machine.
  testTimeout: 120000,
};
