// Electron main arrives with issue 4; this file keeps tsconfig.electron.json non-empty until then.
export {};
