// Prints the closing line CI reads: "N passed, N failed", as the very last
// line (at process exit, after jest's own summary). A suite that could not
// run at all counts as one failure, so a broken file is never "0 failed".
class SummaryReporter {
  onRunComplete(_contexts, r) {
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    const skipped = r.numPendingTests + r.numTodoTests;
    const line = `${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.once('exit', () => process.stdout.write(`\n${line}\n`));
  }
}
module.exports = SummaryReporter;
