// Jest configuration for the mutation run (npm run test:mutation, stryker.config.mjs): only the unit
// tests of the product's pure layers (test/unit/core, test/unit/app), with the same transform and time
// zone as jest.config.js's `unit` project. Not test/unit/emulator (it tests the emulator, not src/core or
// src/app), nor bundle/browser (they run the built Code.js, which Stryker's mutants never reach).
const path = require('node:path');

process.env.TZ = 'Europe/Stockholm';
// Stryker's instrumentation makes every line of src/core and src/app about twenty times slower: the scale
// tests use smaller sizes and the crash sweep fewer points when this is set (see those tests).
process.env.SUMMIT_MUTATION = '1';

// A scoped run may narrow the tests to a module's own (SUMMIT_MUTATION_TESTS=budget,locking: the files of
// test/unit/core and test/unit/app whose names start with one of them). Nearly every app test executes
// computeBudget, so with all of them each of its mutants takes minutes here; the score is then what those
// tests alone kill (a lower bound of the whole suite's).
const only = (process.env.SUMMIT_MUTATION_TESTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const testMatch = only.length > 0
  ? only.flatMap((p) => [`<rootDir>/test/unit/core/${p}*.test.ts`, `<rootDir>/test/unit/app/${p}*.test.ts`])
  : ['<rootDir>/test/unit/core/**/*.test.ts', '<rootDir>/test/unit/app/**/*.test.ts'];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/scripts/jest-esbuild-transform.cjs' },
  transformIgnorePatterns: ['/node_modules/(?!(@noble)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Absolute: Stryker loads the environment itself, without resolving <rootDir>.
  testEnvironment: path.join(__dirname, 'scripts/jest-stryker-env.cjs'),
  testSequencer: '<rootDir>/scripts/jest-stryker-sequencer.cjs',
  setupFilesAfterEnv: ['<rootDir>/scripts/jest-stryker-setup.cjs'],
  testMatch,
  // Not the property tests (test/unit/app/*.property.test.ts): instrumented, each takes about a minute for
  // every mutant it executes, and their checks that the generators reach the success paths need all their
  // runs. They run in npm test; a mutant only they would kill shows here as a survivor.
  // Nor the tests of sums too large for a number (\.large\.test\.ts): about 90 000 rows each, seconds here,
  // minutes instrumented, for every mutant of computeBudget they execute.
  testPathIgnorePatterns: ['/node_modules/', '\\.property\\.test\\.ts$', '\\.large\\.test\\.ts$'],
  // Stryker measures its own coverage per test; V8's would only slow every run down.
  collectCoverage: false,
  // Inside Stryker's sandbox (a fresh copy of the tree per run), shared by all mutants of that run.
  cacheDirectory: '<rootDir>/.jest-cache',
};
