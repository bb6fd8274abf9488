// Jest runtime of the bundle and browser projects (jest.config.js): jest's own, without V8 coverage.
// Coverage is a global switch in jest, but what it measures is the unit tests' cover of src/core and
// src/app; the bundle and browser tests run the built Code.js in vm contexts, which those paths don't
// map to. V8's precise coverage still counted every block of every Code.js they compiled, and made
// those files about 40 % slower (crash sweep: 41 → 24 CPU-seconds).
const Runtime = require('jest-runtime').default;

class RuntimeWithoutCoverage extends Runtime {
  async collectV8Coverage() {}
  async stopCollectingV8Coverage() {}
  getAllV8CoverageInfoCopy() {
    return [];
  }
}
module.exports = RuntimeWithoutCoverage;
