// `npm run test:mutation [-- stryker options]`: StrykerJS (stryker.config.mjs) with the options given,
// then, when it ends well, the committed record of its run (bench/mutation-record.ts) from its
// incremental file, so the bench's score keeps this run's results after the machine is gone. The
// record says what was run: SUMMIT_MUTATION_TESTS (which tests) and the options (which code).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const bin = (name) => `${ROOT}node_modules/.bin/${name}`;
const stryker = spawnSync(bin('stryker'), ['run', 'stryker.config.mjs', ...args], { cwd: ROOT, stdio: 'inherit' });
if (stryker.status !== 0) process.exit(stryker.status ?? 1);
const at = args.findIndex((a) => a === '--incrementalFile' || a.startsWith('--incrementalFile='));
const incremental = at < 0 ? 'reports/stryker-incremental.json'
  : args[at].includes('=') ? args[at].slice(args[at].indexOf('=') + 1) : args[at + 1];
const tests = process.env.SUMMIT_MUTATION_TESTS ? `SUMMIT_MUTATION_TESTS=${process.env.SUMMIT_MUTATION_TESTS}` : 'all unit tests of the mutation run';
const run = `${tests}; stryker ${args.join(' ') || '(whole run)'}`;
const record = spawnSync(bin('tsx'), ['bench/mutation-record.ts', incremental, run], { cwd: ROOT, stdio: 'inherit' });
process.exit(record.status ?? 1);
