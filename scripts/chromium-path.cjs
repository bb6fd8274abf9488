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

/**
 * The switches both launch with (the browser project's shared Chromium, test/support/browser.ts's own).
 * `--js-flags=--no-opt,--no-maglev`: V8 runs the pages' code without its two optimising compilers. A
 * test's page lives for seconds and runs each function a few times, so optimising it was CPU spent for
 * nothing (Maglev and TurboFan stood out in a profile of the browser phase; `--no-opt` alone, which
 * leaves Maglev on, had shown no gain). Quiet two-core machine, 3 December 2026, the browser phase
 * alone, alternated: 75.2 and 70.5 s without them, 66.9 and 59.3 s with. JavaScript means the same in
 * every tier; only the speed differs.
 */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--js-flags=--no-opt,--no-maglev'];

module.exports = { FULL, SHELL, ARGS, chromiumPath };
