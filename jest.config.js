// Apps Script runs scripts in the manifest's time zone (appsscript.json): local-time
// Date getters in the emulated scripts and the tests must see the same zone.
process.env.TZ = 'Europe/Stockholm';

/** @type {import('jest').Config} */
const common = {
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/scripts/jest-esbuild-transform.cjs' },
  // ESM-only packages that must be turned into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@noble)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};
/** The emulator, bundle and browser tests: no coverage of src/core or src/app to collect (see the runtime). */
const noCoverage = { runtime: '<rootDir>/scripts/jest-runtime-no-coverage.cjs' };

module.exports = {
  cacheDirectory: '<rootDir>/.jest-cache',
  // Jest's default is one worker fewer than the cores: on the 2-core CI machine, one worker and an idle
  // core. The tests are independent (each builds its own emulator), so use every core.
  maxWorkers: '100%',
  // A worker is replaced by a fresh one once it holds more than this after a file (jest's documented
  // remedy for workers that grow). Ours grew: each file's module registry, the emulators and V8's
  // coverage counters, which every later coverage take walks again; garbage collection and the takes
  // cost more with each file. Quiet two-core machine, 3 December 2026, the first phase alone (the unit,
  // emulator and bundle projects): without a limit 99.9, 77.9 and 93.1 s (144-182 user CPU-s); 400MB
  // 65.3, 65.2 and 63.2 s (115-117); 500MB 62.2 s (113); 250MB 80.6 and 350MB 81.0 s (too many
  // replacements), 600MB 75.1 s. The coverage summary is the same file for file.
  workerIdleMemoryLimit: '500MB',
  // Longest files first, on a clean clone too (scripts/jest-sequencer.cjs).
  testSequencer: '<rootDir>/scripts/jest-sequencer.cjs',
  reporters: ['default', '<rootDir>/scripts/summary-reporter.cjs'],
  // Coverage of the pure layers by the unit tests (V8's own counters, mapped back to the TypeScript by
  // the transform's source maps). The bundle and browser tests run the built Code.js, which these paths
  // don't cover, so their projects collect none (scripts/jest-runtime-no-coverage.cjs); the bench
  // reports what the mutation run kills (npm run test:mutation).
  collectCoverage: true,
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/core/**/*.ts', 'src/app/**/*.ts'],
  coverageReporters: ['text-summary', ['json-summary', { file: 'coverage-summary.json' }]],
  coverageDirectory: '<rootDir>/.coverage',
  projects: [
    {
      ...common,
      displayName: 'unit',
      // jest's runtime with one inspector session per worker and no debugger (scripts/jest-runtime-coverage.cjs).
      runtime: '<rootDir>/scripts/jest-runtime-coverage.cjs',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/emulator/'],
    },
    // The emulator's own tests: test infrastructure, not src/core or src/app, so no coverage either
    // (with it they took 28.7 CPU-seconds, without 18.2).
    { ...common, ...noCoverage, displayName: 'emulator', testMatch: ['<rootDir>/test/unit/emulator/**/*.test.ts'] },
    { ...common, ...noCoverage, displayName: 'bundle', testMatch: ['<rootDir>/test/bundle/**/*.test.ts'] },
    {
      ...common,
      ...noCoverage,
      displayName: 'browser',
      // One Chromium per worker, shared by its files (each opens its own context).
      testEnvironment: '<rootDir>/scripts/jest-browser-env.cjs',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      testTimeout: 60000,
    },
  ],
};
