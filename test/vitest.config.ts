import { defineProject } from 'vitest/config';

// End-to-end tests start real processes (collector, agents) and databases: give them time.
export default defineProject({
  test: {
    name: 'e2e',
    globalSetup: ['./helpers/build-bundles.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
