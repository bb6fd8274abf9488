// The README's test command after the build: jest, with the type-check and ESLint running beside it
// instead of before it. Both are single-threaded and took about a minute of wall time one after the
// other while the second core idled; beside jest they fill the moments its workers wait (browser round
// trips). Their output is held and printed when each ends, so it never lands inside a jest line; if
// either fails, the run fails and says which after jest's own summary.
import { spawn } from 'node:child_process';

const checks = [
  { name: 'typecheck', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
];

function runCheck({ name, cmd, args }) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
