import { defineConfig } from 'vitest/config';

// Read by `ng test` (angular.json's runnerConfig); Angular's builder supplies the rest.
export default defineConfig({
  test: {
    // A hang guard, not a speed target: on two cores beside the other projects' tests, a
    // component test that renders the whole form has taken over vitest's default 5 s.
    testTimeout: 30_000,
  },
});
