// Layering is enforced here (STYLE.md §4): a violation fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Relative imports that climb into the test tree (test/support, fixtures): production code
// (electron/, renderer/, src-shared/) must build and run without it.
const testImports = ['**/test/**', '../test/*', '../../test/*', '../../../test/*'];
// SQL lives in electron/backend/store/ only (docs/ARCHITECTURE.md, "The store"): everything else
// asks a Store repository. Outside the store (test/ and bench/ may query directly) there is no
// better-sqlite3 import, `import type` included, and no statement on a database handle:
// `db.prepare(...)`, `this.db.exec(...)`, `store.db.pragma(...)`, nor reaching for `store.db` at
// all. Only calls on something named `db` are caught, so RegExp#exec (`pattern.exec(line)`) is fine.
const SQL_RULE = 'SQL only in electron/backend/store/';
const noSqliteImport = { group: ['better-sqlite3', 'better-sqlite3/*', 'better-sqlite3-multiple-ciphers', 'better-sqlite3-multiple-ciphers/*'], message: `${SQL_RULE}: import nothing from better-sqlite3 here; add a repository method on the Store.` };
const sqlOutsideStore = [
  { selector: "CallExpression[callee.object.name='db'][callee.property.name=/^(prepare|exec|pragma)$/]", message: `${SQL_RULE}: no db.prepare/exec/pragma here; add a repository method on the Store.` },
  { selector: "CallExpression[callee.object.property.name='db'][callee.property.name=/^(prepare|exec|pragma)$/]", message: `${SQL_RULE}: no <x>.db.prepare/exec/pragma here; add a repository method on the Store.` },
  { selector: "MemberExpression[property.name='db'][object.name='store']", message: `${SQL_RULE}: do not reach for store.db here; use (or add) a repository on the Store.` },
  { selector: "MemberExpression[property.name='db'][object.property.name='store']", message: `${SQL_RULE}: do not reach for store.db here; use (or add) a repository on the Store.` },
  { selector: "ImportExpression[source.value=/^better-sqlite3/]", message: `${SQL_RULE}: import nothing from better-sqlite3 here; add a repository method on the Store.` },
  { selector: "TSImportType[argument.literal.value=/^better-sqlite3/]", message: `${SQL_RULE}: import nothing from better-sqlite3 here; add a repository method on the Store.` },
];
const backendImports = [
  { group: ['electron', 'electron/*'], message: 'electron/backend runs under plain Node too: never import electron.' },
  { group: ['**/renderer/**'], message: 'The backend never imports renderer code.' },
  { group: testImports, message: 'Production code never imports test/ (shared helpers live in electron/ or src-shared/).' },
];
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
          noSqliteImport,
        ],
      }],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'window', 'document', 'require', '__dirname'],
    },
  },
  {
    // The backend runs in Electron main AND plain Node: it never imports electron.
    files: ['electron/backend/**/*.ts', 'electron/modem-sim/**/*.ts', 'electron/headless/**/*.ts', 'electron/cli.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...backendImports, noSqliteImport] }],
    },
  },
  {
    // The store is where better-sqlite3 is used: the backend's rules without the SQL one.
    files: ['electron/backend/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: backendImports }],
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
          noSqliteImport,
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
          noSqliteImport,
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
          noSqliteImport,
        ],
      }],
    },
  },
  {
    // SQL only in the store (see SQL_RULE above). Last, so no folder's block can switch it off.
    files: ['electron/**/*.ts', 'src-shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['electron/backend/store/**'],
    rules: {
      'no-restricted-syntax': ['error', ...sqlOutsideStore],
    },
  },
);
