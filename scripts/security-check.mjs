#!/usr/bin/env node
// `npm run security`: runs Electronegativity (Doyensec's scanner of Electron misconfigurations)
// over the Electron host's sources — electron/main and electron/preload, scanned together so its
// global checks (CSP, navigation limits, permission handler) see the whole host — and fails on
// any HIGH or MEDIUM finding that docs/SECURITY.md does not accept with a reason.
//
// Accepted findings are rows of the table under "## Accepted findings" in docs/SECURITY.md:
//   | `CHECK_ID` | `electron/main/file.ts` | reason |
// One row accepts one finding of that check in that file; a row that no longer matches anything
// is reported as stale (and fails too), so the list cannot rot.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import run from '@doyensec/electronegativity';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['electron/main', 'electron/preload'];
const FAILING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);
/**
 * Left out of the gate: it asks GitHub for Electron's release list, so its answer depends on the
 * network and on the day (a new Electron release would fail yesterday's build). Electron upgrades
 * are tracked as dependency updates instead (docs/SECURITY.md).
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** The accepted findings: [{ check, file, reason }]. */
export function readAcceptedFindings(markdown) {
  const section = markdown.split(/^## Accepted findings\s*$/m)[1];
  if (section === undefined) throw new Error('docs/SECURITY.md has no "## Accepted findings" section.');
  const body = section.split(/^## /m)[0];
  const rows = [];
  for (const line of body.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length < 3) continue;
    const check = cells[0].replace(/`/g, '');
    if (!/^[A-Z0-9_]+_CHECK$/.test(check)) continue;
    const file = cells[1].replace(/`/g, '');
    const reason = cells.slice(2).join(' | ');
    if (reason.length < 20) throw new Error(`Accepted finding ${check} in ${file} needs a real reason.`);
    rows.push({ check, file, reason });
  }
  return rows;
}

/** Splits findings into unexplained ones and the accepted rows nothing matched. */
export function compareFindings(findings, accepted) {
  const open = accepted.map((row) => ({ ...row, used: false }));
  const unexplained = [];
  for (const finding of findings) {
    const row = open.find((r) => !r.used && r.check === finding.check && r.file === finding.file);
    if (row) row.used = true;
    else unexplained.push(finding);
  }
  return { unexplained, stale: open.filter((r) => !r.used) };
}

async function scan() {
  // A staging folder with both parts side by side, so global checks see the whole host and
  // paths come out as electron/main/... .
  const stage = mkdtempSync(join(tmpdir(), 'ujumbe-electronegativity-'));
  try {
    for (const dir of SCANNED) cpSync(join(root, dir), join(stage, dir), { recursive: true });
    const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
    // The scanner prints network complaints (it fetches translations and release lists): hold
    // them back unless asked for.
    const held = [];
    const log = console.log;
    console.log = (...args) => held.push(args.join(' '));
    let result;
    try {
      result = await run({
        input: stage,
        isRelative: true,
        excludeFromScan: EXCLUDED_CHECKS,
        electronVersion,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      });
    } finally {
      console.log = log;
    }
    if (process.env.UJUMBE_SECURITY_VERBOSE) for (const line of held) console.log(line);
    if (result.errors?.length) {
      throw new Error(`Electronegativity could not parse: ${result.errors.map((e) => `${e.file}: ${e.message ?? e.error ?? ''}`).join('; ')}`);
    }
    return result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file === 'N/A' ? '(global)' : issue.file.replace(/\\/g, '/').replace(/^\/+/, ''),
      line: issue.location?.line ?? 0,
      sample: (issue.sample ?? '').trim().slice(0, 120),
      description: issue.description,
    }));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function main() {
  const accepted = readAcceptedFindings(readFileSync(join(root, 'docs', 'SECURITY.md'), 'utf8'));
  const all = await scan();
  const gated = all.filter((f) => FAILING_SEVERITIES.has(f.severity));
  const { unexplained, stale } = compareFindings(gated, accepted);

  const where = (f) => (f.file === '(global)' ? '(whole app)' : `${f.file}:${f.line}`);
  console.log(`Electronegativity: ${all.length} finding(s) in ${SCANNED.join(', ')}; ${gated.length} HIGH/MEDIUM, ${gated.length - unexplained.length} accepted in docs/SECURITY.md.`);
  for (const f of all.filter((x) => !FAILING_SEVERITIES.has(x.severity))) console.log(`  info  ${f.check} (${f.severity}) ${where(f)}`);
  for (const f of unexplained) {
    console.log(`  FAIL  ${f.check} (${f.severity}, ${f.confidence}) ${where(f)}\n        ${f.description}\n        ${f.sample}`);
  }
  for (const r of stale) console.log(`  STALE docs/SECURITY.md accepts ${r.check} in ${r.file}, but the scanner no longer reports it: remove the row.`);
  if (unexplained.length || stale.length) {
    console.log('Fix the code, or accept the finding with its reason in docs/SECURITY.md ("## Accepted findings").');
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
