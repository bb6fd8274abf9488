import { Emulator, EmulatorOptions, ExecOptions, ExecutionResult, manualClock } from '../../../src/sandbox/emulator/runtime';

export function newEmu(opts: EmulatorOptions = {}): Emulator {
  return new Emulator({ clock: manualClock('2009-12-07T09:00:00Z'), ...opts });
}

/** Runs `body` as the body of a top-level function `t` and returns the result (throws on failure). */
export function run(emu: Emulator, body: string, opts: ExecOptions = {}): unknown {
  const r = exec(emu, body, opts);
  if (!r.ok) throw new Error(`${r.error?.name}: ${r.error?.message}`);
  return r.result;
}

export function exec(emu: Emulator, body: string, opts: ExecOptions = {}): ExecutionResult {
  return emu.runExecution(`function t() {\n${body}\n}`, 't', [], opts);
}

export const SHEET = "var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0];";
