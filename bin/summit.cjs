#!/usr/bin/env node
/**
 * `npx summit …` (package.json "bin"): runs src/cli/main.ts through tsx, which `npm ci` installs, so it
 * works from a clean clone without a build step. The TypeScript is compiled in memory on each start.
 */
require('tsx/cjs/api').register();
const { main } = require('../src/cli/main.ts');
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { console.error(e); process.exitCode = 1; },
);
