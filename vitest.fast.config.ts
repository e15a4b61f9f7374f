// `npm run test:fast`, for the edit-and-test loop: the unit and contract tests, and the
// cross-module tests that run in-process, on SQLite alone. It leaves to `npm test` (what CI runs)
// PostgreSQL, the tests that start the built CLI or server as child processes, and the browser.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base, { POSTGRES_ONLY } from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      env: { LEADSCORE_TEST_STORES: 'sqlite' },
      // Files share each worker's module cache: most of this run's time was importing the same
      // modules again for each of its 100-odd files (78 s -> 43 s on two idle cores). `npm test`
      // keeps every file isolated, so state leaking between files would still be caught there.
      isolate: false,
      exclude: [
        ...configDefaults.exclude,
        ...POSTGRES_ONLY,
        // The browser: a server and Chromium.
        'test/e2e/**',
        // Servers as child processes (SIGKILL, restarts, static files over HTTP).
        'test/crash.test.ts',
        'test/webhook-crash.test.ts',
        'test/activation-resume.test.ts',
        'test/serve.test.ts',
        'test/serve-logs.test.ts',
        // The built CLI as a child process.
        'test/cli-*.test.ts',
        'test/*-cli.test.ts',
        // Thousands of generated requests: the fuzz suite is CI's.
        'test/fuzz.test.ts',
      ],
    },
  }),
);
