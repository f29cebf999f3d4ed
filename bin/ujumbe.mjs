#!/usr/bin/env node
// The `ujumbe` command. The CLI is TypeScript run through tsx, so `npx ujumbe` works straight
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

// `ujumbe messages | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

register();
const { main } = await import('../electron/cli.ts');
process.exitCode = await main(process.argv.slice(2));
