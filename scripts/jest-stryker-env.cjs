// Test environment of the mutation run (jest.stryker.config.js): jest's node environment plus two
// shortcuts that change how long a mutant takes, never whether it is killed.
// - In Stryker's initial run (no active mutant) it records which tests each test file holds, in the
//   jest cache directory of Stryker's sandbox; jest-stryker-sequencer.cjs then leaves out, for a mutant,
//   the test files that hold none of the tests that execute it (jest would load them only to skip them).
// - In a mutant's run it bails: once a test has failed, the mutant is killed, so every later test of
//   that run (this file and the files after it; Stryker runs them in band, in this one process) is
//   skipped. Jest can't bail within a programmatic run, and without this every mutant would run the
//   slow scale, crash-sweep and property tests to their end.
const fs = require('node:fs');
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
const NAMES_FILE = 'stryker-test-names.json';
/** The mutant under which a test last failed in this process. */
let killed;
/** Initial run: test file → the full names of its tests (as Stryker and testNamePattern see them). */
const names = {};

/** Jest's test ID: the describe blocks' names and the test's, joined by spaces. */
function testId(test) {
  const parts = [];
  for (let t = test; t && t.parent; t = t.parent) parts.unshift(t.name);
  return parts.join(' ');
}

class StrykerNodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.namesFile = path.join(config.projectConfig.cacheDirectory, NAMES_FILE);
  }

  async handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant === undefined) {
      if (event.name === 'test_done') (names[this.testPath] ??= []).push(testId(event.test));
      return;
    }
    if (event.name === 'test_start' && killed === mutant) event.test.mode = 'skip';
    else if (event.name === 'test_done' && event.test.errors.length > 0) killed = mutant;
  }

  async teardown() {
    if (process.env[ACTIVE_MUTANT] === undefined && names[this.testPath]) {
      // Add to what is recorded, never drop: a run of some tests only (by hand, with this config) must not
      // make the sequencer leave out files whose other tests cover a mutant.
      let all = {};
      try {
        all = JSON.parse(fs.readFileSync(this.namesFile, 'utf8'));
      } catch {
        fs.mkdirSync(path.dirname(this.namesFile), { recursive: true });
      }
      all[this.testPath] = [...new Set([...(all[this.testPath] ?? []), ...names[this.testPath]])];
      fs.writeFileSync(this.namesFile, JSON.stringify(all));
    }
    await super.teardown();
  }
}

StrykerNodeEnvironment.NAMES_FILE = NAMES_FILE;
module.exports = StrykerNodeEnvironment;
