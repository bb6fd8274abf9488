/**
 * End-to-end support: the built artifact (appsscript/Code.js + pages) run in
 * the Apps Script emulator, each call a fresh bare vm context, as in Apps
 * Script. Needs `npm run build` first (npm test does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Emulator, manualClock, type EmulatorOptions, type ExecOptions, type ExecutionResult } from '../../src/sandbox/emulator';

export const ROOT = path.resolve(__dirname, '../..');
export const APPSSCRIPT = path.join(ROOT, 'appsscript');
export const CODE = fs.readFileSync(path.join(APPSSCRIPT, 'Code.js'), 'utf8');

export const PL = 'projektledare@example.org';
export const STY = 'styrgrupp@example.org';
export const EKO = 'ekonomi@example.org';
export const NOBODY = 'okand@example.org';

export function newEmulator(opts: EmulatorOptions = {}): Emulator {
  return new Emulator({ htmlFiles: APPSSCRIPT, clock: manualClock(new Date('2009-11-02T09:00:00+01:00')), owner: PL, ...opts });
}

/** Runs an entry point; throws with the script's error if the execution failed. */
export function run(emu: Emulator, fn: string, args: unknown[] = [], opts: ExecOptions = {}): ExecutionResult {
  const r = emu.runExecution(CODE, fn, args, { authMode: 'FULL', ...opts });
  if (!r.ok) throw new Error(`${fn} failed: ${r.error?.name}: ${r.error?.message}\n${r.error?.stack ?? ''}`);
  return r;
}

/** Calls a sidebar API function as google.script.run would and unwraps its ApiResult. */
export function api<T = unknown>(emu: Emulator, fn: string, args: unknown[], user: string): { ok: true; data: T } | { ok: false; message: string } {
  if (!emu.isCallableFromClient(CODE, fn)) throw new Error(`${fn} is not callable from the client`);
  const r = run(emu, fn, JSON.parse(JSON.stringify(args)), { user });
  return r.result as { ok: true; data: T } | { ok: false; message: string };
}

/** A workbook set up by the project leader, with the three roles filled in. */
export function setUpWorkbook(emu: Emulator = newEmulator()): Emulator {
  run(emu, 'menuSetup', [], { user: PL });
  const rows = emu.sheetValues('Inställningar');
  const set = (key: string, value: string) => {
    const i = rows.findIndex((r) => r[0] === key);
    if (i < 0) throw new Error(`no setting ${key}`);
    emu.fireEdit(CODE, { sheet: 'Inställningar', row: i + 1, col: 2, numRows: 1, numCols: 1, values: [[value]], user: PL });
  };
  set('Styrgrupp', STY);
  set('Projektledare', PL);
  set('Ekonomi', EKO);
  return emu;
}

/** Every sheet's values, for "nothing changed" assertions. */
export function snapshot(emu: Emulator): string {
  return JSON.stringify(emu.sheetNames().map((n) => [n, emu.sheetValues(n)]));
}

/**
 * Puts n valid ledger rows straight into the emulator's state (fast: no
 * executions), spread over the four funders, 10 kr each, status Beställd.
 */
export function seedLedger(emu: Emulator, n: number): void {
  const sheet = emu.state.spreadsheet.sheets.find((s) => s.name === 'Kostnader');
  if (!sheet) throw new Error('set up the workbook first');
  const funders = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'];
  const when = new Date('2009-10-01T10:00:00+02:00');
  if (sheet.maxRows < n + 1) sheet.maxRows = n + 1;
  for (let i = 0; i < n; i++) {
    const values = [
      `K-${String(i + 1).padStart(4, '0')}`, new Date('2009-10-01T00:00:00+02:00'), funders[i % 4], 'övrigt',
      `Exempelkostnad ${i + 1}`, 10, 'Exempel AB', `REF-${i + 1}`, 'Beställd', EKO, when, '',
    ];
    sheet.rows[i + 1] = values.map((v) => ({ v }));
  }
}
