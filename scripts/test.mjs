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
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
    name: 'typecheck', cmd: 'sh',
    args: ['-c', withFlags(scripts.typecheck, (c, i) => {
      if (!/^tsc\b/.test(c)) throw new Error(`typecheck: expected tsc commands, found "${c}"`);
      return `--incremental --tsBuildInfoFile ${CACHE}/tsc-${i}.tsbuildinfo`;
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
    // As npm run does: the project's binaries on the PATH.
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: `${ROOT}node_modules/.bin:${process.env.PATH}` } });
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

const checksDone = Promise.all(checks.map(runCheck));
const jest = spawn(process.execPath, [new URL('../node_modules/jest/bin/jest.js', import.meta.url).pathname, ...process.argv.slice(2)], { stdio: 'inherit' });
const jestCode = await new Promise((resolve) => jest.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
const ok = await checksDone;
const failed = checks.filter((_, i) => !ok[i]).map((c) => c.name);
if (failed.length) process.stderr.write(`\n${failed.join(' and ')} failed (output above): the run fails.\n`);
process.exit(jestCode || (failed.length ? 1 : 0));
