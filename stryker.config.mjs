// StrykerJS: how strong are the unit tests of the pure layers? `npm run test:mutation` mutates every
// source file of src/core and src/app (a changed operator, condition, constant, string…) and runs the
// unit tests against each mutant; a mutant no test notices "survives". The bench (bench/mutation.ts)
// assembles the score and the survivors from every report in reports/mutation/*.json (but mutation.json) and
// reports/stryker-incremental*.json (scoped runs: give each its own --incrementalFile). Not part of npm test.
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.stryker.config.js',
    // Per mutant, load only the test files that import the mutated file (directly or not); of those,
    // coverageAnalysis 'perTest' runs only the tests that executed the mutant.
    enableFindRelatedTests: true,
  },
  mutate: ['src/core/**/*.ts', 'src/app/**/*.ts'],
  // Per test: each mutant runs only the tests that execute it (measured in the initial run).
  coverageAnalysis: 'perTest',
  // A mutant executed only while modules load (a constant table, a schema built at load) would need every
  // test run with fresh modules: those are reported as Ignored, not scored. One that tests also execute
  // (e.g. code a test file runs at collection time, like merge.test.ts's probe run) runs with those tests.
  ignoreStatic: true,
  // Copy into the sandbox only what the unit tests need. src/sandbox stays in: the unit tests of the
  // Översikt formulas (test/unit/core/overview-sheet-values.test.ts) evaluate them with the emulator's
  // formula engine (src/sandbox/emulator/formula.ts).
  ignorePatterns: [
    '/appsscript', '/.sandbox', '/test-results', '/coverage', '/.coverage', '/.jest-cache', '/.tmp',
    '/reports', '/test/browser', '/test/bundle', '/test/unit/emulator', '/bench', '/src/ui', '/src/gas',
  ],
  // Two cores here: two jest workers, each a separate process.
  concurrency: 2,
  // A mutant may turn a loop infinite: allow 1.5 × the test's own time + 10 s, then count it as killed (timeout).
  timeoutFactor: 1.5,
  timeoutMS: 10000,
  // Reuse the results of unchanged mutants and tests from the last run (reports/stryker-incremental.json);
  // `npm run test:mutation -- --force` runs every mutant again.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
export default config;
