/**
 * Shared by the latency tests (test/bundle/latency*.test.ts) and the benchmark (bench/latency.ts):
 * a workbook under realistic latency with buffered writes, one execution's timeline, the window in
 * which a send batch holds the lock, and onEdit as a competing execution.
 */
import type { Emulator, ExecutionResult } from '../../src/sandbox/emulator';
import type { EmulatorOptions, ExecOptions, LatencyOptions } from '../../src/sandbox/emulator/runtime';
import { CODE, PL, run } from './bundle';
import { fork } from './invitations';
import { LATENCY } from './latency';

/**
 * A copy of `base` where calls take time and writes reach the shared spreadsheet only at
 * SpreadsheetApp.flush() or the end of the execution, and are lost when it is killed.
 */
export const withLatency = (base: Emulator, latency: LatencyOptions = LATENCY, more: EmulatorOptions = {}): Emulator =>
  fork(base, { latency, flush: 'buffered', unflushedOnKill: 'lost', ...more });

/** How Apps Script runs the web app for an anonymous visitor: as the deployer, no active user. */
export const ANON: ExecOptions = { user: '', effectiveUser: PL, webApp: true, authMode: 'FULL' };

/**
 * runConcurrently's real-time limits, generous: on the virtual clock the emulated times don't
 * depend on them, but a waiting execution's worker blocks in real time until the other reaches
 * its release, which on a loaded machine can take longer than the 15 s default for one call.
 */
export const REAL_TIME = { timeoutMs: 180_000, rpcTimeoutMs: 120_000 } as const;

/** One "Skicka inbjudningar" batch as runConcurrently takes it. */
export const sendExec = (batchSize: number) => ({ fnName: 'sendInvitations', args: [{ batchSize }], opts: { user: PL, authMode: 'FULL' as const } });

/** What Verifiera loggen says (anyone may run it); it starts "Loggen är hel" when the chain and the anchor agree. */
export function logVerdict(emu: Emulator): string {
  return run(emu, 'menuVerifyLog', [], { user: PL }).ui.alerts[0]?.prompt ?? '';
}

export interface Timeline {
  readonly r: ExecutionResult;
  /** Each call and the emulated moment it ended, in ms from the execution's start. */
  readonly ends: readonly { key: string; at: number }[];
}

/** One execution alone, with the emulated moment each of its calls ended. */
export function timeline(emu: Emulator, fn: string, args: unknown[], opts: ExecOptions): Timeline {
  const t0 = emu.now().getTime();
  const ends: { key: string; at: number }[] = [];
  const r = emu.runExecution(CODE, fn, args, { authMode: 'FULL', ...opts, hooks: { afterCall: (c) => ends.push({ key: `${c.cls}.${c.method}`, at: emu.now().getTime() - t0 }) } });
  return { r, ends };
}

/**
 * When a send batch holds the script lock, from its pick across its mails to its record: from its
 * last tryLock to its last releaseLock, in emulated ms from its start. (The first batch of a
 * workbook takes the lock once more before, to make the RSVP link key.)
 */
export function sendHold(t: Timeline): { from: number; to: number } {
  const locks = t.ends.filter((e) => e.key === 'Lock.tryLock');
  const releases = t.ends.filter((e) => e.key === 'Lock.releaseLock');
  if (!t.ends.some((e) => e.key === 'MailApp.sendEmail') || locks.length < 1 || releases.length < 1) throw new Error('not a send batch that sent anything');
  return { from: locks.at(-1)!.at, to: releases.at(-1)!.at };
}

/**
 * Which stretch of an execution's timeline an emulated moment falls in, counted by the lock calls
 * that ended before it: '0' before it first takes the script lock, '1' while it holds it, '2' after
 * it let go, '3' while it holds it again… The latency tests sample their start moments per stretch
 * (test/support/sample.ts: sampleByClass).
 */
export function lockStretch(t: Timeline): (at: number) => string {
  const lockCalls = t.ends.filter((e) => e.key === 'Lock.tryLock' || e.key === 'Lock.releaseLock').map((e) => e.at);
  return (at) => String(lockCalls.filter((x) => x <= at).length);
}

/**
 * onEdit for runConcurrently. The edit is made first as a person makes it (fireEdit with code that
 * has no onEdit: the cells change, nothing runs); this glue, appended to Code.js, then builds the
 * event Sheets passes (the edited range, the file, the editor) and calls the bundle's onEdit. It
 * costs three calls the real trigger doesn't make (getActiveSpreadsheet, getSheetByName, getRange).
 */
export const ON_EDIT_GLUE = `
function latencyTestOnEdit(sheet, row, col, user) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var range = ss.getSheetByName(sheet).getRange(row, col);
  return onEdit({ authMode: 'LIMITED', range: range, source: ss, user: { getEmail: function () { return user; } } });
}`;

/** The onEdit of a person's edit of one cell, as runConcurrently's B (run it on CODE + ON_EDIT_GLUE). */
export const onEditExec = (sheet: string, row: number, col: number, user: string) =>
  ({ fnName: 'latencyTestOnEdit', args: [sheet, row, col, user], opts: { user, authMode: 'LIMITED' as const } });
