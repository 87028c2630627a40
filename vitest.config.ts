import { defineConfig } from 'vitest/config';

/**
 * One vitest run for the whole repository. Node packages run in node; the
 * editor's unit tests run under happy-dom (see packages/editor/vitest.config.ts).
 * Browser tests (*.browser.test.ts) drive Debian's Chromium via playwright-core.
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: false,
        test: {
          name: 'node',
          include: ['packages/{domain,store,api,collab,server}/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          globalSetup: ['packages/store/src/testing/global-setup.ts'],
          hookTimeout: 60_000,
        },
      },
      'packages/editor/vitest.config.ts',
    ],
  },
});
