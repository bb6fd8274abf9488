/**
 * Foundation figures: bundle size, global evaluation time, and the service
 * calls of onOpen, set-up and the overview sidebar, all against the built
 * appsscript/Code.js in the emulator.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { APPSSCRIPT, CODE, EKO, PL, newEmulator, run, seedLedger, setUpWorkbook } from '../test/support/bundle';
import { figure, medianMs, type Figure } from './lib';

export function foundationFigures(): Figure[] {
  const out: Figure[] = [];
  const bytes = Buffer.byteLength(CODE);
  out.push(figure('Code.js size (minified)', Math.round(bytes / 102.4) / 10, 'KB', { text: '≤ 100 KB', met: bytes <= 100 * 1024 }));
  out.push(figure('Code.js size (minified + gzip)', Math.round(zlib.gzipSync(CODE).length / 102.4) / 10, 'KB'));
  const pages = fs.readdirSync(APPSSCRIPT).filter((f) => f.endsWith('.html'));
  for (const p of pages) out.push(figure(`${p} size`, Math.round(fs.statSync(path.join(APPSSCRIPT, p)).size / 102.4) / 10, 'KB'));

  // Apps Script compiles and evaluates the whole project on every execution.
  const evalMs = medianMs(301, () => {
    const ctx = vm.createContext({});
    new vm.Script(CODE, { filename: 'Code.js' }).runInContext(ctx);
  });
  out.push(figure('global evaluation of Code.js in a fresh vm context (median of 301)', round(evalMs, 3), 'ms', { text: '≤ 5 ms', met: evalMs <= 5 }));

  const emu0 = newEmulator();
  const open = run(emu0, 'onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
  out.push(figure('onOpen (AuthMode.NONE): service calls', open.calls.total, 'calls'));
  out.push(figure('onOpen: range reads', open.calls.rangeReads, 'reads', { text: '0', met: open.calls.rangeReads === 0 }));

  const fresh = newEmulator();
  const first = run(fresh, 'menuSetup', [], { user: PL });
  out.push(figure('set-up, new workbook: service calls', first.calls.total, 'calls'));
  out.push(figure('set-up, new workbook: range reads / writes', first.calls.rangeReads, `reads (${first.calls.rangeWrites} writes)`));
  const again = run(fresh, 'menuSetup', [], { user: PL });
  out.push(figure('set-up, existing workbook: service calls', again.calls.total, 'calls'));
  out.push(figure('set-up, existing workbook: range writes', again.calls.rangeWrites, 'writes', { text: '0 (changes nothing)', met: again.calls.rangeWrites === 0 }));

  const reads: number[] = [];
  for (const rows of [10, 10_000]) {
    const emu = setUpWorkbook(newEmulator());
    seedLedger(emu, rows);
    const open = run(emu, 'menuOverview', [], { user: EKO });
    const load = run(emu, 'getOverview', [], { user: EKO });
    reads.push(load.calls.rangeReads);
    out.push(figure(`overview sidebar, ${rows} ledger rows: calls to open + load`, open.calls.total + load.calls.total, 'calls'));
    out.push(figure(`overview sidebar, ${rows} ledger rows: range reads`, load.calls.rangeReads, 'reads'));
    out.push(figure(`overview sidebar, ${rows} ledger rows: server time (emulated)`, round(load.execMs, 1), 'ms'));
  }
  out.push(figure('overview sidebar: range reads at 10 000 rows minus at 10 rows', reads[1] - reads[0], 'reads', { text: '0 (constant)', met: reads[1] === reads[0] }));
  return out;
}

/** Round trips the overview sidebar makes when it opens, counted in Chromium (needs /usr/bin/chromium). */
export async function overviewRoundTrips(): Promise<Figure[]> {
  const { launchChromium, menuClick, sidebarFrame } = await import('../test/support/browser');
  const { startSandbox } = await import('../src/sandbox/server');
  if (!fs.existsSync('/usr/bin/chromium')) return [figure('overview sidebar: round trips (chromium missing, not measured)', Number.NaN, 'calls')];
  const dataDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sp-bench-'));
  const sandbox = await startSandbox({ port: 0, dataDir, quiet: true });
  const { context } = await launchChromium();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let rpc = 0;
    page.on('request', (r) => { if (r.url().endsWith('/api/rpc')) rpc++; });
    await page.goto(sandbox.url);
    await page.waitForSelector('body[data-ready="true"]');
    await menuClick(page, 'Summit Planner', 'Budgetöversikt');
    const frame = await sidebarFrame(page);
    await frame.waitForSelector('[role="progressbar"]');
    await page.waitForTimeout(300);
    return [figure('overview sidebar: google.script.run round trips to show the figures', rpc, 'round trips', { text: '1', met: rpc === 1 })];
  } finally {
    await context.close();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
