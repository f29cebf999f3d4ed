import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One file for the renderer build (vite: renderer/ -> dist/renderer, relative asset paths so the
// same build loads from file:// in Electron and from the headless host) and the test runner.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No source maps in the build that ships (Electron and the headless host serve it): they would
    // hand the original sources to anyone who opens the page. `vite` (dev) makes its own.
    sourcemap: false,
  },
  test: {
    root: '.',
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'components',
          root: '.',
          include: ['test/components/**/*.test.tsx'],
          environment: 'jsdom',
          // A whole screen in jsdom on a loaded 2-core CI can take several seconds a test; 5 s flaked.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'integration',
          root: '.',
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
