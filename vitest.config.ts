import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The crash-and-resume campaign runs on its own (`npm run test:reliability`): it currently fails on a
    // DiskPool re-observed after a crash (see bench/RELIABILITY.md), and a red campaign must not hide the rest.
    exclude: process.env.CTO_RELIABILITY_TRIALS ? [] : ['test/reliability/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
