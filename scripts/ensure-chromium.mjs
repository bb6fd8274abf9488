// Makes sure Debian's chromium is installed for the browser tests
// (playwright-core drives /usr/bin/chromium; `npx playwright install` is not
// used because browser downloads are blocked here). Run by `npm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

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
  process.exit(0);
}
if (process.platform !== 'linux') fail(`${CHROMIUM} is missing and automatic install only works on Debian/Ubuntu.`);
if (typeof process.getuid === 'function' && process.getuid() !== 0) fail(`${CHROMIUM} is missing and this is not root, so apt-get can't install it.`);
console.log(`ensure-chromium: ${CHROMIUM} is missing; installing Debian's chromium package.`);
if (!run('apt-get', ['update'])) fail('apt-get update failed.');
if (!run('apt-get', ['install', '-y', 'chromium'])) fail('apt-get install chromium failed.');
if (!fs.existsSync(CHROMIUM)) fail(`apt-get finished but ${CHROMIUM} still does not exist.`);
console.log(`ensure-chromium: installed ${CHROMIUM}.`);
