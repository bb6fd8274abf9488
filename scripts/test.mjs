// The README's test command after the build: jest, with the type-check and ESLint running beside it
// instead of before it. Both are single-threaded and took about a minute of wall time one after the
// other while the second core idled; beside jest they fill the moments its workers wait (browser round
// trips). Their output is held and printed when each ends, so it never lands inside a jest line; if
// either fails, the run fails and says which after jest's own summary.
//
// Both keep a cache between runs (.cache/, ignored by git), as jest does: tsc's incremental build info
// and ESLint's per-file results, so a second run re-checks only what changed (measured 2 December
// 2026, load 10-15: tsc 23.3 CPU-s cold, 7.2 warm; ESLint 16.5 cold, 1.9 warm). A clean clone (CI)
// has no cache and checks everything. The commands are package.json's `typecheck` and `lint` with the
// cache flags added, so the two never drift; the cache's folder is named by package-lock.json's hash,
// so an upgraded compiler, linter or plugin starts afresh (ESLint's cache notices changed files and
// configuration, not changed plugins).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const summary = createRequire(import.meta.url)('./summary-reporter.cjs');
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts;
const lockHash = createHash('sha256').update(readFileSync(`${ROOT}package-lock.json`)).digest('hex').slice(0, 12);
const CACHE = `.cache/checks-${lockHash}`;
mkdirSync(`${ROOT}${CACHE}`, { recursive: true });

/** package.json's script with `extra(command, i)` appended to each of its `&&`-joined commands. */
function withFlags(script, extra) {
  return script.split('&&').map((c, i) => `${c.trim()} ${extra(c.trim(), i)}`).join(' && ');
}
const checks = [
  {
    // tsc -b keeps its build info where the tsconfigs say (.cache/tsc/); it starts afresh when the
    // compiler's version changed. A plain tsc -p gets the cache flags. package.json's `typecheck` runs
    // TypeScript 7's native compiler by its path (the `typescript7` alias): `typescript` stays 6, whose
    // JS API typescript-eslint's parser needs, and both packages name their binary `tsc`.
    name: 'typecheck', cmd: 'sh',
    args: ['-c', withFlags(scripts.typecheck, (c, i) => {
      const tsc = /^(?:node \S*\/bin\/)?tsc\b/;
      if (!tsc.test(c)) throw new Error(`typecheck: expected tsc commands, found "${c}"`);
      return /\btsc -b\b/.test(c) ? '' : `--incremental --tsBuildInfoFile ${CACHE}/tsc-${i}.tsbuildinfo`;
    })],
  },
  {
    name: 'lint', cmd: 'sh',
    args: ['-c', withFlags(scripts.lint, (c) => {
      if (!/^eslint\b/.test(c)) throw new Error(`lint: expected eslint, found "${c}"`);
      return `--cache --cache-strategy content --cache-location ${CACHE}/eslint/`;
    })],
  },
];

function runCheck({ name, cmd, args }) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    // As npm run does: the project's binaries on the PATH. At the lowest priority (see below).
    const child = spawn('nice', ['-n', '19', cmd, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: `${ROOT}node_modules/.bin:${process.env.PATH}` } });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (e) => out.push(Buffer.from(String(e))));
    child.on('close', (code) => {
      const text = Buffer.concat(out).toString('utf8').trim();
      const secs = Math.round((Date.now() - t0) / 1000);
      process.stderr.write(code === 0 ? `${name}: ok (${secs} s)\n` : `${text}\n${name}: FAILED (exit ${code}, ${secs} s)\n`);
      resolve(code === 0);
    });
  });
}

// The checks run from the start at the lowest priority (nice 19), through both phases: they take the
// moments jest leaves a core idle (its start, a worker waiting for Chromium or for another thread)
// instead of a share of the cores the tests need. At the same priority they ran beside the first phase
// and the browser phase waited for them. Quiet two-core machine, 3 December 2026 12:31-12:54 UTC, the
// same 2 548 tests, clean caches, alternated: at the same priority 222 and 232 s (phase 1 127 s);
// niced 192 and 224 s (phase 1 108.5 and 116.3; ESLint ends during the browser phase, which took 82
// and 107 s: the machine's own spread is that wide). Three workers instead of two were slower, in the
// browser phase (210 s) and in phase 1 (220 s).
//
// The full run goes in two phases: the unit, emulator and bundle projects,
// then the browser project alone. Mixed, the same work took longer: a clean clone on the quiet two-core
// machine, 3 December 2026 07:09-07:32 UTC, 2 293 tests: one jest over the four projects 266-273 s (530
// CPU-s) and 267 s; the two phases 219-271 s, 250 s back to back with the 267 s run: about 6 %. Chromium's pages keep working while a browser test waits for its
// turn on a core, so the browser project's CPU grows with its wall time (alone 160 CPU-s in 87 s; mixed,
// its files took 217 s of wall time instead of 161). A run given arguments (a path, --selectProjects…)
// is one jest run, as before.
const JEST = new URL('../node_modules/jest/bin/jest.js', import.meta.url).pathname;
const args = process.argv.slice(2);
const phases = args.length ? [args] : [['--selectProjects', 'unit', 'emulator', 'bundle'], ['--selectProjects', 'browser', '--coverage=false']];
const phaseFile = `${ROOT}${CACHE}/phases.jsonl`;
rmSync(phaseFile, { force: true });
const env = phases.length > 1 ? { ...process.env, SUMMIT_PHASE_FILE: phaseFile } : process.env;

function runJest(jestArgs) {
  const jest = spawn(process.execPath, [JEST, ...jestArgs], { stdio: 'inherit', env });
  return new Promise((resolve) => jest.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const startTime = Date.now();
const checksDone = Promise.all(checks.map(runCheck));
let jestCode = 0;
for (const p of phases) {
  // Every phase runs, whatever the one before found (`jestCode ||= await …` would skip it).
  const code = await runJest(p);
  jestCode ||= code;
}
const ok = await checksDone;
const failed = checks.filter((_, i) => !ok[i]).map((c) => c.name);
if (failed.length) process.stderr.write(`\n${failed.join(' and ')} failed (output above): the run fails.\n`);
if (phases.length > 1) {
  // A phase that wrote no counts (jest crashed before reporting) is one failure, so a broken run is never "0 failed".
  const counts = existsSync(phaseFile) ? readFileSync(phaseFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const sum = counts.reduce((a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped }),
    { passed: 0, failed: phases.length - counts.length, skipped: 0 });
  summary.record('npm test (jest)', { startTime, tests: sum.passed + sum.failed + sum.skipped, failed: sum.failed });
  process.stdout.write(`\n${summary.closingLine(sum)}\n`);
  if (sum.failed) jestCode ||= 1;
}
process.exit(jestCode || (failed.length ? 1 : 0));
