// Which Chromium the browser tests drive (scripts/jest-browser-env.cjs, test/support/browser.ts) and
// scripts/ensure-chromium.mjs installs: CHROMIUM_PATH if set; else Debian's chromium-headless-shell
// (the package of that name: Chromium's own headless build, as playwright's default headless browser
// is) when it is installed; else Debian's full chromium in its headless mode. Same Chromium version
// and renderer, but the full browser in headless mode still runs the browser's UI around the page (a
// toolbar WebUI renderer, window compositing): measured 2 December 2026 at load 14-15, summing every
// process of the run, Gäster's file took 43.3 CPU-s with chromium and 34.7 with the shell,
// Granska ändringar's 28.7 and 22.9 (Chromium's own part 20.0 -> 13.7).
const fs = require('node:fs');

const FULL = '/usr/bin/chromium';
const SHELL = '/usr/bin/chromium-headless-shell';

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return fs.existsSync(SHELL) ? SHELL : FULL;
}

module.exports = { FULL, SHELL, chromiumPath };
