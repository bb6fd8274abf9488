// Test environment of the browser project (jest.config.js): jest's node environment plus one Chromium
// per jest worker, shared by the test files the worker runs; each file opens its own browser context
// (test/support/browser.ts), so no storage, cookie or cache passes from one file to the next.
// Launching Chromium for every file, and loading playwright into every file's module registry, cost
// each of the dozen browser files a second or two of CPU.
const fs = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

// The switches are test/support/browser.ts's too, when it launches one of its own (bench/foundation.ts).
const { ARGS, chromiumPath } = require('./chromium-path.cjs');
const CHROMIUM = chromiumPath();
/**
 * A jest worker (a child process: it has an IPC channel) keeps its Chromium however many unit or
 * bundle files it runs between two browser files, and closes it when jest ends the worker: jest-worker
 * then removes its 'message' listener and waits for the event loop to drain, which Chromium's pipe
 * would prevent (jest kills the worker half a second later, with a warning). A run in band (one file,
 * or -w 1) closes it once no file has used it for IDLE_MS: nothing else would end the process.
 */
const IN_WORKER = typeof process.send === 'function';
const IDLE_MS = 800;

let browser; // Promise<Browser> | undefined
let idle;

function closeChromium() {
  clearTimeout(idle);
  const b = browser;
  browser = undefined;
  if (b) b.then((x) => x.close()).catch(() => undefined);
}
if (IN_WORKER) process.on('removeListener', (event) => { if (event === 'message') closeChromium(); });

function sharedChromium() {
  clearTimeout(idle);
  if (!browser) {
    if (!fs.existsSync(CHROMIUM)) return Promise.reject(new Error(`${CHROMIUM} is missing: run node scripts/ensure-chromium.mjs`));
    const { chromium } = require('playwright-core');
    const launched = chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    browser = launched;
    launched.then((b) => b.on('disconnected', () => { if (browser === launched) browser = undefined; }), () => { if (browser === launched) browser = undefined; });
  }
  return browser;
}

// The seeded sandbox workbooks this worker has made, by Code.js (test/support/browser.ts startSeeded).
const SEEDS = new Map();

class BrowserEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    clearTimeout(idle);
    this.global.__summitChromium = sharedChromium;
    this.global.__summitSeeds = SEEDS;
  }

  async teardown() {
    clearTimeout(idle);
    if (!IN_WORKER) idle = setTimeout(closeChromium, IDLE_MS);
    await super.teardown();
  }
}

module.exports = BrowserEnvironment;
