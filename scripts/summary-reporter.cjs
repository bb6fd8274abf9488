// Prints the closing line CI reads: "N passed, N failed", as the very last
// line (at process exit, after jest's own summary). A suite that could not
// run at all counts as one failure, so a broken file is never "0 failed".
//
// It also records how long the run took (reports/test-runs.json, git-ignored): the bench reports
// the last full `npm test` run and the last `npm run test:deep` with the machine's load at the time,
// because a wall time means little without it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RUNS = path.resolve(__dirname, '..', 'reports', 'test-runs.json');

function kindOf(globalConfig) {
  const selected = globalConfig.selectProjects;
  const all = !selected || selected.length === 0;
  const filtered = (globalConfig.testPathPatterns && globalConfig.testPathPatterns.patterns && globalConfig.testPathPatterns.patterns.length > 0)
    || globalConfig.onlyChanged || globalConfig.findRelatedTests;
  if (filtered) return null; // a few files: not a figure for the suite
  if (process.env.SUMMIT_DEEP === '1') return 'test:deep';
  return all ? 'npm test (jest)' : null;
}

function record(kind, { startTime, tests, failed }) {
  try {
    const runs = fs.existsSync(RUNS) ? JSON.parse(fs.readFileSync(RUNS, 'utf8')) : {};
    runs[kind] = {
      seconds: Math.round((Date.now() - startTime) / 100) / 10,
      tests, failed,
      at: new Date().toISOString(), cores: os.cpus().length, loadAtEnd: Math.round(os.loadavg()[0] * 10) / 10,
    };
    fs.mkdirSync(path.dirname(RUNS), { recursive: true });
    fs.writeFileSync(RUNS, `${JSON.stringify(runs, null, 2)}\n`);
  } catch {
    // The record is a convenience for the bench; a test run never fails because of it.
  }
}

class SummaryReporter {
  constructor(globalConfig) {
    this.kind = kindOf(globalConfig);
  }
  onRunComplete(_contexts, r) {
    const counts = { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites, skipped: r.numPendingTests + r.numTodoTests };
    // One phase of scripts/test.mjs's run: it adds the phases up, prints the closing line and records the run.
    if (process.env.SUMMIT_PHASE_FILE) {
      fs.appendFileSync(process.env.SUMMIT_PHASE_FILE, `${JSON.stringify(counts)}\n`);
      return;
    }
    if (this.kind) record(this.kind, { startTime: r.startTime, tests: r.numTotalTests, failed: counts.failed });
    process.once('exit', () => process.stdout.write(`\n${closingLine(counts)}\n`));
  }
}

/** The line CI reads. */
function closingLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
module.exports = SummaryReporter;
module.exports.RUNS = RUNS;
module.exports.record = record;
module.exports.closingLine = closingLine;
