// The Electron end-to-end test runs on its own (`npm run test:e2e:electron`), outside the unit,
// components and integration projects: it needs the real Electron binary, which machines
// without internet cannot download (docs/ARCHITECTURE.md "This machine").
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['test/e2e/electron/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
