// Test runner configuration: unit tests beside the code (server and dashboard), cross-module
// tests in test/, browser tests in test/e2e (given more time: they start a server and Chromium).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
