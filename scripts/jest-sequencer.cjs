// Jest's order of test files, longest first, on a clean clone too. Jest sorts by the durations it
// cached from the last run, and without a cache (CI's fresh clone) by file size, which put the
// longest files (browser files of a few hundred lines that run for a minute) after many shorter
// ones: on two cores the run then ended with one worker still on a long file and the other idle.
// Without a cached duration a file is weighed by scripts/test-weights.json (CPU-seconds measured per
// file, 2 December 2026, the browser files again on 3 December, each alone; the 34 files added by 3 December from a full run's durations scaled to its
// CPU-seconds; a rough guide, never a pass/fail figure) or, when it is newer than that list, by its
// size (about 1 s per 4 KB, the list's median ratio). Files that failed last time still
// go first, as in jest.
const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = path.resolve(__dirname, '..');
const WEIGHTS = JSON.parse(fs.readFileSync(path.join(__dirname, 'test-weights.json'), 'utf8'));

/**
 * The unit project's files (the only ones with coverage) after the emulator's and the bundle's. A jest
 * worker runs V8's precise coverage from its first unit file to its exit (scripts/jest-runtime-coverage.cjs),
 * so a bundle file after it ran its Code.js with block counters, and every take of coverage grows with
 * the functions compiled since the start (a take at the end of each unit file: 60 ms at the first, 250 ms
 * by the fiftieth). Quiet two-core machine, 3 December 2026, the first phase alone, alternated: 92.9 and
 * 92.6 s mixed, 83.7 and 84.8 s with the unit files last (user CPU 170 and 169 s against 152 and 157 s;
 * the takes 18.6-20.1 s against 13.1-14.9 s). Within each group, longest first.
 */
const covered = (t) => Number(t.context.config.displayName?.name === 'unit');

class LongestFirst extends Sequencer {
  sort(tests) {
    const weight = (t) => {
      const cached = this.time(t);
      if (cached != null) return cached / 1000;
      const known = WEIGHTS[path.relative(ROOT, t.path).split(path.sep).join('/')];
      if (known != null) return known;
      return (t.context.hasteFS.getSize(t.path) ?? 0) / 4000;
    };
    const w = new Map(tests.map((t) => [t, weight(t)]));
    return [...tests].sort((a, b) => Number(this.hasFailed(b)) - Number(this.hasFailed(a)) || covered(a) - covered(b) || w.get(b) - w.get(a));
  }
}
module.exports = LongestFirst;
