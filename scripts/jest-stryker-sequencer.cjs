// Which test files a mutant's run loads, and in what order (jest.stryker.config.js). Stryker runs a
// mutant with a test name pattern listing the tests that execute it; jest would still load every test
// file, only to skip their tests. Leave out the files that hold none of those tests (as recorded by
// jest-stryker-env.cjs in Stryker's initial run; a file not recorded is kept), then run the files that
// failed in the previous run first (the last mutant's killers often kill its neighbour), then the
// quickest: with the environment's bail, a mutant a quick test kills never reaches the slow ones.
const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { NAMES_FILE } = require('./jest-stryker-env.cjs');

let names;
function recorded(cacheDirectory) {
  if (names) return names;
  try {
    names = JSON.parse(fs.readFileSync(path.join(cacheDirectory, NAMES_FILE), 'utf8'));
    return names;
  } catch {
    return undefined; // the initial run hasn't written it yet: keep every file
  }
}

class StrykerSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
  }

  sort(tests) {
    let files = tests;
    const known = this.pattern && tests.length ? recorded(tests[0].context.config.cacheDirectory) : undefined;
    if (known) {
      const re = new RegExp(this.pattern, 'i'); // as jest-circus matches it
      const kept = tests.filter((t) => !known[t.path] || known[t.path].some((n) => re.test(n)));
      if (kept.length) files = kept;
    }
    const time = (t) => this.time(t) ?? Number.MAX_SAFE_INTEGER;
    return [...files].sort((a, b) =>
      Number(this.hasFailed(b)) - Number(this.hasFailed(a)) || time(a) - time(b) || (a.path < b.path ? -1 : 1));
  }
}

module.exports = StrykerSequencer;
