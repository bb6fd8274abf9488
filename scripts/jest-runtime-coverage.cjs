// Jest runtime of the unit project (jest.config.js): jest's own, with V8's precise block coverage
// through one inspector session per worker, without enabling the debugger, and started once per
// worker instead of started and stopped per test file as jest does.
//
// Starting block coverage throws away the compiled code of every function alive in the worker (jest's
// own included), so that it is compiled again with counters, and stopping it deoptimises them again:
// per file about 0.2 CPU-s, and growing with what the worker has loaded. takePreciseCoverage resets
// the counters as it reads them, so one take at the end of each file gives that file's counts: the
// modules a file loads are compiled afresh in its own registry, after the previous file's take
// (3 December 2026, load 5-7, three alternated pairs: unit project 70.4-71.5 → 54.7-62.6 CPU-s; the
// same coverage-summary.json, file for file). The cost: V8 keeps every function's counters while
// coverage runs, so a worker's peak memory grew from 320-420 MB to 320-450 MB.
//
// jest's collector (collect-v8-coverage) connects a new session for every file and enables the
// debugger in it: each enable reports every script alive in the worker to the session again and
// makes V8 collect source positions for all its bytecode. For the unit project's 51 files that was
// 50.0 CPU-seconds with coverage against 29.0 without; this runtime, 43.2 (3 December 2026, load 15).
// The statement, branch and function figures are the same (and so is the raw V8 data: per file, the
// same functions with block counts, and every function without them never called).
//
// Why jest enables the debugger: it turns off V8's in-isolate compilation cache, and a function taken
// from that cache (compiled while an earlier file was measured) has lost its block counters, so the
// lines of a module that two files of one worker load came out uncovered (jestjs/jest#14766, Node
// 20.10+ with vm.Script). jest-runtime compiles with vm.compileFunction, which does not hit that cache
// on this Node (20.20); should a Node upgrade change that, the symptom is a function of src/core or
// src/app that ran but has no block counts. This runtime checks every file's data for it, says so once
// and enables the debugger for the rest of the worker's files, as jest does.
const { Session } = require('node:inspector');
const { promisify } = require('node:util');
const path = require('node:path');
const Runtime = require('jest-runtime').default;

const COVERED = ['src/core/', 'src/app/'].map((d) => path.resolve(__dirname, '..', d));
let post; // the worker's session
let debuggerOn = false;
let started = false; // precise coverage runs from the worker's first file to its exit

async function session() {
  if (!post) {
    const s = new Session();
    s.connect();
    post = promisify(s.post.bind(s));
    await post('Profiler.enable');
  }
  return post;
}

/** A function of src/core or src/app that ran but has only a function-level count. */
function lostBlocks(result) {
  return result.filter((r) => r.url.startsWith('file://') && COVERED.some((d) => r.url.includes(d)))
    .some((r) => r.functions.some((f) => !f.isBlockCoverage && f.ranges[0].count > 0));
}

// As collect-v8-coverage's CoverageInstrumenter, which jest's V8CoverageCollector drives.
const instrumenter = {
  async startInstrumenting() {
    const p = await session();
    if (started) return;
    await p('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    started = true;
  },
  async stopInstrumenting() {
    const p = await session();
    // takePreciseCoverage also resets the counters, so the next file's data starts from zero.
    const { result } = await p('Profiler.takePreciseCoverage');
    if (!debuggerOn && lostBlocks(result)) {
      debuggerOn = true;
      await p('Debugger.enable');
      process.stderr.write('scripts/jest-runtime-coverage.cjs: V8 reused compiled code without block counters (its compilation cache); '
        + 'the debugger is now enabled in this worker, and the coverage figures of this run may be low.\n');
    }
    return result;
  },
};

class CoverageRuntime extends Runtime {
  async collectV8Coverage() {
    // jest's V8CoverageCollector.start(), with the worker's instrumenter instead of a new one.
    const collector = this.v8Coverage;
    collector.instrumenter = instrumenter;
    collector.sources = new Map();
    await instrumenter.startInstrumenting();
  }
}
module.exports = CoverageRuntime;
