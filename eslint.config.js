// Layering is enforced here (STYLE.md §4): a violation fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Relative imports that climb into the test tree (test/support, fixtures): production code
// (electron/, renderer/, src-shared/) must build and run without it.
const testImports = ['**/test/**', '../test/*', '../../test/*', '../../../test/*'];
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'events', 'util', 'url', 'buffer', 'worker_threads', 'zlib', 'tty', 'dgram', 'dns', 'readline'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Pure TypeScript shared by every host: no Node, no DOM, no electron, no backend.
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'src-shared runs in the renderer too: no Node APIs.' },
          { group: ['electron', 'electron/*'], message: 'src-shared never imports electron.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'src-shared imports nothing from the hosts.' },
          { group: ['react', 'react-dom', 'zustand'], message: 'src-shared is UI-free.' },
          { group: testImports, message: 'Production code never imports test/.' },
        ],
      }],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'window', 'document', 'require', '__dirname'],
    },
  },
  {
    // The backend runs in Electron main AND plain Node: it never imports electron.
    files: ['electron/backend/**/*.ts', 'electron/modem-sim/**/*.ts', 'electron/headless/**/*.ts', 'electron/cli.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'electron/backend runs under plain Node too: never import electron.' },
          { group: ['**/renderer/**'], message: 'The backend never imports renderer code.' },
          { group: testImports, message: 'Production code never imports test/ (shared helpers live in electron/ or src-shared/).' },
        ],
      }],
    },
  },
  {
    // Electron main: the desktop host. It may import electron and the backend; never the
    // renderer or the preload (they run in other processes).
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**'], message: 'Electron main never imports renderer code.' },
          { group: ['**/preload/**'], message: 'The preload runs in the renderer process: main never imports it.' },
          { group: testImports, message: 'Production code never imports test/.' },
        ],
      }],
    },
  },
  {
    // The sandboxed preload: electron and the shared contract only. A sandboxed preload has no
    // Node built-ins to require, and the backend lives in another process.
    files: ['electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'A sandboxed preload cannot require Node built-ins.' },
          { group: ['**/backend/**', '**/main/**', '**/headless/**', '**/renderer/**'], message: 'The preload imports only electron and src-shared.' },
        ],
      }],
      'no-restricted-globals': ['error', 'require', '__dirname', '__filename', 'Buffer'],
    },
  },
  {
    // Build and start scripts: plain Node ES modules.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
  },
  {
    // The renderer talks only to the contract: no Node, no backend, no electron.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer is a web page: no Node APIs.' },
          { group: ['electron', 'electron/*', '**/electron/**'], message: 'The renderer never imports from electron/: use the contract client.' },
          { group: testImports, message: 'Production code never imports test/.' },
        ],
      }],
    },
  },
);
