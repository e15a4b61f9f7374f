// Test runner configuration: unit tests beside the code (server and dashboard), cross-module
// tests in test/, browser tests in test/e2e (given more time: they start a server and Chromium).
// LEADSCORE_TEST_STORES=sqlite leaves out the tests that only run on PostgreSQL.
import { configDefaults, defineConfig } from 'vitest/config';
import { testStores } from './test/test-stores.js';

/** The test files that need the PostgreSQL server and nothing else. */
export const POSTGRES_ONLY = ['src/store/postgres/**'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      ...(testStores().includes('postgres') ? [] : POSTGRES_ONLY),
    ],
    testTimeout: 30_000,
    // Setting up and dropping test databases waits on PostgreSQL, which a loaded machine slows.
    hookTimeout: 60_000,
  },
});
