// Makes sure Debian's chromium is installed for the browser tests
// (playwright-core drives /usr/bin/chromium-headless-shell, or /usr/bin/chromium without it:
// scripts/chromium-path.cjs; `npx playwright install` is not used because browser downloads are
// blocked here). Run by `npm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const { FULL, SHELL } = createRequire(import.meta.url)('./chromium-path.cjs');
const CHROMIUM = process.env.CHROMIUM_PATH || FULL;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(cmd, args) {
  console.log(`ensure-chromium: running ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.error) {
    console.error(`ensure-chromium: could not start ${cmd}: ${r.error.message}`);
    return false;
  }
  if (r.status !== 0) console.error(`ensure-chromium: ${cmd} ${args.join(' ')} exited with ${r.status}`);
  return r.status === 0;
}

function fail(why) {
  console.error(
    `ensure-chromium: ${why}\n` +
      `The browser tests need Debian's chromium at ${CHROMIUM}.\n` +
      'Install it as root with: apt-get update && apt-get install -y chromium\n' +
      '(or set CHROMIUM_PATH to an existing Chromium binary).',
  );
  process.exit(1);
}

if (fs.existsSync(CHROMIUM)) {
  console.log(`ensure-chromium: ${CHROMIUM} is present.`);
  // The lighter headless shell is an addition, never a requirement: without it the tests drive chromium.
  // One attempt per checkout (a marker in .cache/ after a failure), so an offline machine isn't slowed.
  const tried = new URL('../.cache/headless-shell-install-failed', import.meta.url);
  if (!process.env.CHROMIUM_PATH && !fs.existsSync(SHELL) && !fs.existsSync(tried) && process.platform === 'linux' && isRoot) {
    console.log(`ensure-chromium: ${SHELL} is missing; installing Debian's chromium-headless-shell (the browser tests take about a fifth less CPU with it).`);
    if (!run('apt-get', ['install', '-y', 'chromium-headless-shell'])) {
      fs.mkdirSync(new URL('.', tried), { recursive: true });
      fs.writeFileSync(tried, `${new Date().toISOString()}\n`);
      console.log(`ensure-chromium: could not install chromium-headless-shell (install it with apt-get to use it); the browser tests use ${CHROMIUM}.`);
    }
  }
  process.exit(0);
}
if (process.platform !== 'linux') fail(`${CHROMIUM} is missing and automatic install only works on Debian/Ubuntu.`);
if (!isRoot) fail(`${CHROMIUM} is missing and this is not root, so apt-get can't install it.`);
console.log(`ensure-chromium: ${CHROMIUM} is missing; installing Debian's chromium package.`);
if (!run('apt-get', ['update'])) fail('apt-get update failed.');
if (!run('apt-get', ['install', '-y', 'chromium'])) fail('apt-get install chromium failed.');
if (!process.env.CHROMIUM_PATH && !run('apt-get', ['install', '-y', 'chromium-headless-shell'])) console.log(`ensure-chromium: could not install chromium-headless-shell; the browser tests use ${CHROMIUM}.`);
if (!fs.existsSync(CHROMIUM)) fail(`apt-get finished but ${CHROMIUM} still does not exist.`);
console.log(`ensure-chromium: installed ${CHROMIUM}.`);
