import { defineConfig } from 'vitest/config';

// One file for the renderer build (vite) and the test runner (vitest projects).
// The renderer build is added with the UI (issue 4); the test projects are grouped as the code is.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Real ptys, real serialport, real SQLite files: give slow CI machines room, and keep
          // files apart so two simulators never race for the same 2 cores' worth of timers.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
