import { defineConfig } from 'vitest/config';
export default defineConfig({ root: '/work/main', test: { include: ['test/talos/**/*.test.ts'], testTimeout: 120_000, pool: 'forks' } });
