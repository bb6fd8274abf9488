/**
 * Browser-test support: Debian's chromium driven by playwright-core, a
 * sandbox server on a random port with a temp data dir, and axe-core checks
 * (WCAG 2.1 A/AA) for the page and for frames inside it.
 * Needs `npm run build` first (the sandbox serves appsscript/).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { cloneState, type StoreState } from '../../src/sandbox/emulator/store';
import { SANDBOX_EPOCH, startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server';

// CHROMIUM_PATH, else Debian's chromium-headless-shell if installed, else its chromium (scripts/chromium-path.cjs).
const launchSetup = require('../../scripts/chromium-path.cjs') as { chromiumPath(): string; ARGS: string[] };
export const CHROMIUM: string = launchSetup.chromiumPath();
export const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'test-results');
// As scripts/jest-browser-env.cjs launches the browser project's shared Chromium.
const CHROMIUM_ARGS = launchSetup.ARGS;

export interface Session {
  sandbox: Sandbox;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Browser console errors and page errors seen so far. */
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function launchChromium(): Promise<{ browser: Browser; context: BrowserContext; userDataDir: string }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run node scripts/ensure-chromium.mjs`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-chromium-'));
  // Loaded only here: the browser project's files use the worker's shared Chromium and never need it.
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  // A persistent context gives the fresh user-data-dir; bypassCSP lets axe-core be injected.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: true,
    locale: 'sv-SE',
    viewport: { width: 1280, height: 800 },
  });
  const browser = context.browser() as Browser;
  return { browser, context, userDataDir };
}

/**
 * A fresh browser context: in the browser project, on the jest worker's shared Chromium
 * (scripts/jest-browser-env.cjs; a new context has its own storage, cookies and cache); elsewhere
 * on a Chromium of its own.
 */
async function newContext(): Promise<{ browser: Browser; context: BrowserContext; userDataDir?: string }> {
  const shared = (globalThis as { __summitChromium?: () => Promise<Browser> }).__summitChromium;
  if (!shared) return launchChromium();
  const browser = await shared();
  // bypassCSP lets axe-core be injected.
  const context = await browser.newContext({ bypassCSP: true, locale: 'sv-SE', viewport: { width: 1280, height: 800 } });
  return { browser, context };
}

/**
 * The seeded workbook (src/sandbox/seed.ts: set-up, roles, example costs, decisions and guests, all
 * through the built Code.js), made once per jest worker and Code.js and kept between its files by
 * scripts/jest-browser-env.cjs (a module-level map here would be one file's: jest loads this module
 * afresh per file). Seeding cost each file about 0.3 CPU-s. `tookMs` is how far the sandbox clock ran
 * while seeding, so a copy's clock stands where a fresh seed's would.
 */
interface Seeded { state: StoreState; tookMs: number }
let localSeeds: Map<string, Seeded> | undefined;
const seeds = (): Map<string, Seeded> => (globalThis as { __summitSeeds?: Map<string, Seeded> }).__summitSeeds ?? (localSeeds ??= new Map());
function codeKey(): string {
  const st = fs.statSync(path.resolve(__dirname, '..', '..', 'appsscript', 'Code.js'));
  return `${st.size}:${st.mtimeMs}`;
}

/**
 * A sandbox as startSandbox makes it, the seed copied when this worker has seeded the same Code.js
 * before. Only the plain case is copied: latency moves the clock while seeding, the version history
 * starts from the workbook as the sandbox started, and a seed that sent mail has files in its own
 * data dir (none does today; then it seeds every time).
 */
async function startSeeded(opts: SandboxOptions): Promise<Sandbox> {
  if (opts.seed === false || opts.latency || opts.versions) return startSandbox(opts);
  const key = codeKey();
  const cached = seeds().get(key);
  if (!cached) {
    const sandbox = await startSandbox(opts);
    const emu = sandbox.emulator;
    if (!emu.state.outbox.length && !emu.memoryOutbox.size) seeds().set(key, { state: cloneState(emu.state), tookMs: emu.now().getTime() - SANDBOX_EPOCH });
    return sandbox;
  }
  const sandbox = await startSandbox({ ...opts, seed: false });
  sandbox.emulator.state = cloneState(cached.state);
  sandbox.emulator.advance(cached.tookMs);
  sandbox.emulator.save();
  return sandbox;
}

/**
 * A fresh sandbox (temp data dir) and a page on it, ready (menus loaded). The workbook stays in
 * memory (nothing here restarts the sandbox) and there is no version history unless a test asks
 * for it (`versions: true`): both copied the whole workbook at every call.
 */
export async function openSandbox(opts: Omit<SandboxOptions, 'port' | 'dataDir' | 'quiet'> & { user?: string } = {}): Promise<Session> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-sandbox-'));
  const sandbox = await startSeeded({ port: 0, dataDir, quiet: true, persist: false, versions: false, ...opts });
  let launched: { browser: Browser; context: BrowserContext; userDataDir?: string };
  try {
    launched = await newContext();
  } catch (e) {
    await sandbox.close();
    throw e;
  }
  const { context, userDataDir } = launched;
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  if (opts.user) {
    await context.addInitScript((u: string) => { try { localStorage.setItem('sp.user', u); } catch { /* opaque frames */ } }, opts.user);
  }
  await page.goto(sandbox.url);
  await page.waitForSelector('body[data-ready="true"]');
  return {
    sandbox,
    browser: launched.browser,
    context,
    page,
    consoleErrors,
    close: async () => {
      await context.close().catch(() => undefined);
      await closeAxeServer();
      await sandbox.close();
      if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function menuClick(page: Page, menu: string, item: string): Promise<void> {
  // After a switch of user or language the sandbox rebuilds its menus (onOpen): wait until it has.
  await page.locator('body[data-menus="ready"]').waitFor();
  // A sidebar left open is reloaded when an item opens one: mark its document, so that sidebarFrame
  // waits for the new one (found in the old one, a test raced the new page's own load).
  const open = await page.$('#sidebar:not([hidden]) #sidebar-frame');
  await (await open?.contentFrame())?.evaluate(() => document.documentElement.setAttribute('data-stale', '')).catch(() => undefined);
  await page.getByRole('button', { name: menu, exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** The add-on's sidebar frame, once its document has loaded. */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#sidebar:not([hidden]) #sidebar-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('sidebar frame has no document');
  await frame.waitForLoadState('load');
  await frame.locator('html:not([data-stale])').waitFor({ state: 'attached' });
  return frame;
}

interface AxeViolation { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown; failureSummary?: string; html: string }[] }

/**
 * axe-core's 560 KB script, served to the frames by URL with a cache header: sent inline (as
 * addScriptTag({ path }) does), it crossed the DevTools pipe and was compiled afresh for every frame
 * checked; by URL, Chromium takes it from its cache (and its compiled code from V8's code cache).
 * One small server per test file, closed with its session (closeAxeServer).
 */
let axeServer: Promise<string> | undefined;
let axeHttp: http.Server | undefined;
function axeUrl(): Promise<string> {
  axeServer ??= new Promise((resolve, reject) => {
    const body = fs.readFileSync(require.resolve('axe-core/axe.min.js'));
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600', 'Content-Length': body.length });
      res.end(body);
    });
    server.on('error', reject);
    axeHttp = server;
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/axe.min.js`));
  });
  return axeServer;
}

async function closeAxeServer(): Promise<void> {
  const server = axeHttp;
  axeServer = undefined;
  axeHttp = undefined;
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) in a page or frame; returns the violations. */
export async function axe(target: Page | Frame): Promise<AxeViolation[]> {
  // One round trip: axe-core is loaded by a script tag (as addScriptTag adds it) when the document has
  // none yet, then run; asking first, adding, then running took three.
  return target.evaluate(async (url) => {
    const w = window as unknown as { axe?: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } };
    if (!w.axe) {
      await new Promise<void>((loaded, failed) => {
        const script = document.createElement('script');
        script.src = url;
        script.onload = () => loaded();
        script.onerror = () => failed(new Error(`axe-core did not load from ${url}`));
        (document.head ?? document.documentElement).appendChild(script);
      });
    }
    const r = await w.axe!.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // Frames are checked on their own (the sidebar is a sandboxed, opaque-origin frame).
      iframes: false,
      // Only violations are read: passes, incomplete and inapplicable results keep one node each
      // instead of a unique selector built for every node checked (axe-core's documented speed-up).
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 300) })),
    }));
  }, await axeUrl());
}

export function formatViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${v.nodes.map((n) => `  - ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}\n    ${n.html}`).join('\n')}`).join('\n');
}

/** Asserts zero axe violations, printing them if there are any. */
export async function expectAxeClean(target: Page | Frame, label: string): Promise<void> {
  const vs = await axe(target);
  if (vs.length) console.error(`axe violations in ${label}:\n${formatViolations(vs)}`);
  expect(vs.map((v) => `${label}: ${v.id}`)).toEqual([]);
}

/**
 * A full-page screenshot for a person to review, written to test-results/ only when SUMMIT_SCREENSHOTS=1: nothing
 * asserts on them, and the 21 of them cost CPU in every `npm test` (README, "Test time"). Returns the file, or
 * undefined when screenshots are off.
 */
export async function screenshot(page: Page, name: string): Promise<string | undefined> {
  if (process.env['SUMMIT_SCREENSHOTS'] !== '1') return undefined;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
