/** Unit tests beside the code (src/**\/*.spec.ts) and integration/e2e tests under test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.int-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // One Firestore emulator process per run, only when the run includes Firestore tests.
  globalSetup: '<rootDir>/test/firestore/global-setup.ts',
  globalTeardown: '<rootDir>/test/firestore/global-teardown.ts',
  // A hang guard, not a speed target (speed is measured in bench/): CI runs these suites on
  // two cores beside the other projects' tests, where a property test over real files or a
  // job against the emulator has taken over 30 s.
  testTimeout: 120000,
};
