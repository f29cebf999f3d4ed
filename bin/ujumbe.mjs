#!/usr/bin/env node
// The `ujumbe` command. The CLI is TypeScript run through tsx, so `npx ujumbe` works straight
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli.ts');
process.exitCode = await main(process.argv.slice(2));
