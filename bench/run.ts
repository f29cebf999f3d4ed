/**
 * `npm run bench [-- FILTER...]`: runs every suite of bench/suites.ts, or those whose name
 * contains one of the filters, one after another, and prints their figures.
 */
import { suites } from './suites.ts';
import { sinkValue } from './timing.ts';

const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = filters.length === 0 ? suites : suites.filter((s) => filters.some((f) => s.name.includes(f)));

if (selected.length === 0) {
  console.error(`No bench suite matches ${filters.join(', ')}. Suites: ${suites.map((s) => s.name).join(', ')}`);
  process.exitCode = 2;
} else {
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}`);
  for (const suite of selected) {
    console.log(`\n== ${suite.name} ==`);
    const start = process.hrtime.bigint();
    await suite.run();
    console.log(`(${suite.name}: ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s)`);
  }
  // Printed so the timed work is observably used.
  console.log(`\nchecksum ${sinkValue()}`);
}
