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

/** The file's editors besides the owner (PL): everyone the tests act as, including someone without a role. */
export const FILE_EDITORS = [STY, EKO, NOBODY];

/** The OAuth scopes of the manifest we ship: the emulator refuses what they don't cover (SpreadsheetApp.openById). */
export const MANIFEST_SCOPES: readonly string[] = (JSON.parse(fs.readFileSync(path.join(APPSSCRIPT, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] }).oauthScopes;

export function newEmulator(opts: EmulatorOptions = {}): Emulator {
  return new Emulator({
    htmlFiles: APPSSCRIPT, clock: manualClock(new Date('2009-11-02T09:00:00+01:00')), owner: PL, editors: FILE_EDITORS, scopes: MANIFEST_SCOPES, ...opts,
  });
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

/** Runs set-up through the built Code.js in `emu`: menuSetup, then the three roles saved in the settings sidebar. */
function runSetUp(emu: Emulator): Emulator {
  run(emu, 'menuSetup', [], { user: PL });
  const r = api(emu, 'saveSettings', [{ sheet: 'settings', values: { Styrgrupp: STY, Projektledare: PL, Ekonomi: EKO } }], PL);
  if (!r.ok) throw new Error(`roles not set: ${r.message}`);
  return emu;
}

/** This test file's set-up workbook (jest loads this module afresh per file); never handed to a test itself. */
let setUpBase: Emulator | undefined;

/**
 * A workbook set up by the project leader, who owns the spreadsheet (and so
 * is its administrator), with the three roles given in the settings sidebar.
 * Given an emulator, set-up runs in it. Without one, set-up runs once per test
 * file through the built Code.js and each call gets a new emulator with a deep
 * copy of its state (sheets, properties, cache, outbox, quota) and its clock;
 * the emulator's own lock, mail failures and memory outbox start fresh, so
 * tests share nothing. Set-up was about 60 ms a test (README, "Test time").
 */
export function setUpWorkbook(emu?: Emulator): Emulator {
  if (emu) return runSetUp(emu);
  setUpBase ??= runSetUp(newEmulator());
  return copyOf(setUpBase);
}

/** A new emulator with a deep copy of `base`'s state and its clock; nothing else of `base` (lock, memory outbox). */
export function copyOf(base: Emulator): Emulator {
  const copy = newEmulator({ initialState: base.state }); // the constructor deep-copies it
  copy.setNow(base.now().getTime());
  return copy;
}

/**
 * Every sheet's values, for "nothing changed" assertions. Logg is left out
 * (a refused write is itself logged: assert that with logActions) unless `withLog`.
 */
export function snapshot(emu: Emulator, withLog = false): string {
  return JSON.stringify(emu.sheetNames().filter((n) => withLog || n !== 'Logg').map((n) => [n, emu.sheetValues(n)]));
}

/** Logg's Åtgärd column, in order. */
export function logActions(emu: Emulator): string[] {
  return emu.sheetValues('Logg').slice(1).map((r) => String(r[2]));
}

export { seedLedger } from './ledger';

/** A property the add-on keeps for this workbook (script properties, under the file's ID: src/gas/adapters.ts). */
export function workbookProperty(emu: Emulator, key: string): string | undefined {
  return emu.state.scriptProperties[`${key}@${emu.state.spreadsheet.id}`];
}

/** The sealed sheets' manifests kept with the log's anchor (they move only when a sealed row is written). */
export function manifests(emu: Emulator): unknown {
  const raw = workbookProperty(emu, 'summit.journal');
  return raw ? (JSON.parse(raw) as { t: unknown }).t : null;
}

/** Logg's last row as { user, action, object, after }. */
export function lastLog(emu: Emulator): { user: string; action: string; object: string; after: string } {
  const r = emu.sheetValues('Logg').at(-1)!;
  return { user: String(r[1]), action: String(r[2]), object: String(r[3]), after: String(r[5]) };
}

const cited = new WeakMap<Emulator, Map<string, string>>();
/**
 * The ID of a taken decision on `subject` in the emulator's register, recorded by the steering group
 * the first time it is asked for (transfers cite 'Budgetomfördelning', approvals 'Inbjudningslista').
 */
export function decisionFor(emu: Emulator, subject: 'Budgetomfördelning' | 'Inbjudningslista' = 'Inbjudningslista'): string {
  const known = cited.get(emu) ?? new Map<string, string>();
  cited.set(emu, known);
  const have = known.get(subject);
  if (have) return have;
  // A fork of an emulator that has one already (its register is copied with the sheets).
  const view = api<{ decisions: { id: string; subject: string; status: string; review: unknown }[] }>(emu, 'getDecisions', [], STY);
  const found = view.ok ? view.data.decisions.find((d) => d.subject === subject && d.status === 'Fattat' && !d.review) : undefined;
  if (found) {
    known.set(subject, found.id);
    return found.id;
  }
  const r = api<{ id: string }>(emu, 'recordDecision', [{
    date: '2009-10-20', subject, text: `Styrgruppens beslut om ${subject.toLowerCase()}.`, reference: `Dnr ${subject}`, decidedBy: 'Styrgruppen', status: 'Fattat',
  }], STY);
  if (!r.ok) throw new Error(`decision not recorded: ${r.message}`);
  known.set(subject, r.data.id);
  return r.data.id;
}
