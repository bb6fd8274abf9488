/**
 * runConcurrently on the virtual clock: two executions side by side in emulated time, with
 * service latency, lock waits that end at a release or at their timeout, the 30 s / 6 min limits
 * and write buffering.
 *
 * References: ../shared/reference/apps-script-platform.md "Concurrency" (…/reference/lock/lock:
 * tryLock(ms) false; flush() before releaseLock()) and "Limits" (simple triggers 30 s,
 * …/guides/triggers; 6 min, …/guides/services/quotas). Messages as in timing.test.ts.
 *
 * The scripts lock as the add-on does (tryLock, then their own error when it fails) and spend
 * emulated time as it does, in service calls: busy_(ms) calls Utilities.getUuid, 250 ms each.
 */
import { runConcurrently } from '../../../src/sandbox/emulator/concurrent';
import { EXECUTION_TIME_EXCEEDED } from '../../../src/sandbox/emulator/exec';
import type { EmulatorOptions } from '../../../src/sandbox/emulator/runtime';
import { newEmu } from './helpers';

const BUSY = 'Lock busy';
/** The cost of one Utilities.getUuid call (busy_). */
const WORK = { 'Utilities.getUuid': 250 };

const T0 = Date.parse('2009-12-07T09:00:00Z');

// A: a merge holding the script lock across its sends (25 mails, then one write of the marks).
// B: an RSVP answer / onEdit guard waiting for the same lock.
const code = `
function waitLock_(lock, ms) { if (!lock.tryLock(ms)) throw new Error('${BUSY}'); }
function busy_(ms) { for (var t = 0; t < ms; t += 250) Utilities.getUuid(); }
function merge(n) {
  var lock = LockService.getScriptLock();
  waitLock_(lock, 30000);
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var marks = [];
  for (var i = 0; i < n; i++) { MailApp.sendEmail('g' + i + '@example.org', 'Inbjudan', 'Hej'); marks.push(['Inbjuden']); }
  sh.getRange(1, 1, n, 1).setValues(marks);
  SpreadsheetApp.flush();
  lock.releaseLock();
  return Date.now();
}
function answer(ms) {
  var t0 = Date.now();
  var lock = LockService.getScriptLock();
  var got = lock.tryLock(ms);
  var waited = Date.now() - t0;
  if (!got) return { got: false, waited: waited, at: t0 };
  try {
    var v = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1).getValues()[0][0];
    return { got: true, waited: waited, at: t0, seen: v };
  } finally { lock.releaseLock(); }
}
function strictAnswer(ms) {
  waitLock_(LockService.getScriptLock(), ms);
  return 'got it';
}
function slowGuard(ms) {
  busy_(15000);
  waitLock_(LockService.getScriptLock(), ms);
  return 'got it';
}
function now() { busy_(250); return Date.now(); }
function answerLater(ms, delay) { busy_(delay); return answer(ms); }
function guardHoldingDoc(ms) {
  waitLock_(LockService.getDocumentLock(), 1000);
  busy_(15000);
  waitLock_(LockService.getScriptLock(), ms);
  return 'got it';
}
function mergeAskingDoc(n, at) {
  var lock = LockService.getScriptLock();
  waitLock_(lock, 30000);
  var r;
  for (var i = 0; i < n; i++) {
    if (i === at) { var t0 = Date.now(); r = { got: LockService.getDocumentLock().tryLock(10000), waited: Date.now() - t0, at: t0 }; }
    MailApp.sendEmail('g' + i + '@example.org', 'Inbjudan', 'Hej');
  }
  lock.releaseLock();
  return r;
}
`;

const latency = (mailMs: number): EmulatorOptions => ({ latency: { byMethod: { 'MailApp.sendEmail': mailMs, 'Range.setValues': 120, 'SpreadsheetApp.flush': 50, ...WORK } } });

describe('runConcurrently on the virtual clock', () => {
  jest.setTimeout(30000);

  test('B starts at t = 1 s while A holds the lock: with 300 ms mails A is done in time and B gets the lock', async () => {
    const emu = newEmu(latency(300));
    const [a, b] = await runConcurrently(emu, code, [{ fnName: 'merge', args: [25] }, { fnName: 'answer', args: [20000] }], { startBAtMs: 1000 });
    expect(a.ok && b.ok).toBe(true);
    // A: 25 × 300 + 120 + 50 = 7 670 ms of calls; its lock released then.
    expect(a.emulatedMs).toBe(7670);
    expect(a.result).toBe(T0 + 7670);
    // B began at t0 + 1 s and waited until A released, then read A's flushed marks.
    expect(b.result).toEqual({ got: true, waited: 6670, at: T0 + 1000, seen: 'Inbjuden' });
    expect(b.emulatedMs).toBe(6670);
    expect(emu.now().getTime()).toBe(T0 + 7670); // the emulator's clock ends at the later end
  });

  test('with 1 s mails A holds the lock for 25 s: B\'s tryLock(20 000) returns false after exactly 20 s', async () => {
    const emu = newEmu(latency(1000));
    const [a, b] = await runConcurrently(emu, code, [{ fnName: 'merge', args: [25] }, { fnName: 'answer', args: [20000] }], { startBAtMs: 1000 });
    expect(a.ok).toBe(true);
    expect(b.result).toEqual({ got: false, waited: 20000, at: T0 + 1000 });
    expect(b.emulatedMs).toBe(20000);
    // A script that gives up then throws its own error, after the same 20 s.
    const emu2 = newEmu(latency(1000));
    const [, c] = await runConcurrently(emu2, code, [{ fnName: 'merge', args: [25] }, { fnName: 'strictAnswer', args: [20000] }], { startBAtMs: 1000 });
    expect([c.ok, c.error?.message, c.emulatedMs]).toEqual([false, BUSY, 20000]);
  });

  test('a release at the very moment the wait ends is taken', async () => {
    // A releases at 7 670 ms; B starts at 1 000 and waits 6 670 ms: exactly then.
    const emu = newEmu(latency(300));
    const [, b] = await runConcurrently(emu, code, [{ fnName: 'merge', args: [25] }, { fnName: 'answer', args: [6670] }], { startBAtMs: 1000 });
    expect(b.result).toMatchObject({ got: true, waited: 6670 });
    const emu2 = newEmu(latency(300));
    const [, c] = await runConcurrently(emu2, code, [{ fnName: 'merge', args: [25] }, { fnName: 'answer', args: [6669] }], { startBAtMs: 1000 });
    expect(c.result).toMatchObject({ got: false, waited: 6669 });
  });

  test('a simple trigger (LIMITED) that already spent 15 s dies at 30 s while waiting 20 s for the lock', async () => {
    const emu = newEmu(latency(1000)); // A holds the lock for 40 s
    const [a, b] = await runConcurrently(
      emu,
      code,
      [{ fnName: 'merge', args: [40] }, { fnName: 'slowGuard', args: [20000], opts: { authMode: 'LIMITED' } }],
      { startBAtMs: 0 },
    );
    expect(a.ok).toBe(true);
    expect([b.ok, b.error?.message, b.emulatedMs]).toEqual([false, EXECUTION_TIME_EXCEEDED, 30000]);
    // As a FULL execution the same guard times out on the lock instead (15 + 20 s < 6 min).
    const emu2 = newEmu(latency(1000));
    const [, c] = await runConcurrently(emu2, code, [{ fnName: 'merge', args: [40] }, { fnName: 'slowGuard', args: [20000] }], { startBAtMs: 0 });
    expect([c.error?.message, c.emulatedMs]).toEqual([BUSY, 35000]);
  });

  test('a killed execution dies at its limit, not at the end of its wait: its other locks are free from then', async () => {
    // B (LIMITED) holds the document lock, works 15 s, then waits 20 s for the script lock, which A
    // holds for 36 s: B dies at 30 s, not at 35 s, and its document lock is free from then, so A,
    // asking for it at 31 s, gets it at once.
    // ("The lock is automatically released when the script terminates", …/reference/lock/lock#releaseLock().)
    const emu = newEmu(latency(1000));
    const [a, b] = await runConcurrently(
      emu,
      code,
      [{ fnName: 'mergeAskingDoc', args: [36, 31] }, { fnName: 'guardHoldingDoc', args: [20000], opts: { authMode: 'LIMITED' } }],
      { startBAtMs: 0 },
    );
    expect([b.error?.message, b.emulatedMs]).toEqual([EXECUTION_TIME_EXCEEDED, 30000]);
    expect(a.result).toEqual({ got: true, waited: 0, at: T0 + 31000 });
  });

  test("each execution's script sees its own emulated time; results are the same on every run", async () => {
    const emu = newEmu({ latency: { defaultMs: 1, byMethod: WORK } });
    const [a, b] = await runConcurrently(emu, code, [{ fnName: 'now' }, { fnName: 'now' }], { startBAtMs: 100 });
    expect([a.result, b.result]).toEqual([T0 + 250, T0 + 100 + 250]);
    const emu2 = newEmu(latency(300));
    const runs = [];
    for (let i = 0; i < 2; i++) {
      emu2.setNow(T0);
      const [x, y] = await runConcurrently(emu2, code, [{ fnName: 'merge', args: [5] }, { fnName: 'answer', args: [1000] }], { startBAtMs: 200 });
      runs.push([x.emulatedMs, y.emulatedMs, y.result]);
    }
    expect(runs[0]).toEqual(runs[1]);
  });

  test('buffered writes: a holder that releases without flush() leaves the next holder reading the old value', async () => {
    const noFlush = code.replace("SpreadsheetApp.flush();\n  lock.releaseLock();\n  return Date.now();", "lock.releaseLock();\n  busy_(5000);\n  return Date.now();");
    expect(noFlush).not.toBe(code);
    const emu = newEmu({ ...latency(300), flush: 'buffered' });
    const [, b] = await runConcurrently(emu, noFlush, [{ fnName: 'merge', args: [3] }, { fnName: 'answer', args: [20000] }], { startBAtMs: 100 });
    expect(b.result).toMatchObject({ got: true, seen: '' }); // A's marks were still pending when B read
    expect(emu.sheetValues('Blad1')).toEqual([['Inbjuden'], ['Inbjuden'], ['Inbjuden']]); // they landed at A's end
    // With flush() before releaseLock() (the original code) B reads them.
    const emu2 = newEmu({ ...latency(300), flush: 'buffered' });
    const [, c] = await runConcurrently(emu2, code, [{ fnName: 'merge', args: [3] }, { fnName: 'answer', args: [20000] }], { startBAtMs: 100 });
    expect(c.result).toMatchObject({ got: true, seen: 'Inbjuden' });
  });

  test('pauseA works on the virtual clock: A, paused holding the lock, resumes when B waits; B gets it when A releases', async () => {
    const emu = newEmu(latency(300));
    const [a, b] = await runConcurrently(emu, code, [{ fnName: 'merge', args: [10] }, { fnName: 'answer', args: [20000] }], {
      pauseA: (c) => c.method === 'sendEmail',
    });
    expect(a.ok).toBe(true);
    // A paused at its first mail (t0); B started then and waited while A sent 10 mails, wrote and flushed.
    expect(b.result).toEqual({ got: true, waited: 10 * 300 + 120 + 50, at: T0, seen: 'Inbjuden' });
    // B first works for 1 s, then waits: A was held all that time, so it resumes at t0 + 1 s.
    const emu2 = newEmu(latency(300));
    const [, c] = await runConcurrently(emu2, code, [{ fnName: 'merge', args: [10] }, { fnName: 'answerLater', args: [20000, 1000] }], {
      pauseA: (x) => x.method === 'sendEmail',
    });
    expect(c.result).toEqual({ got: true, waited: 10 * 300 + 120 + 50, at: T0 + 1000, seen: 'Inbjuden' });
  });

  test('options: startBAtMs needs the virtual clock and excludes pauseA; the real clock can still be chosen with latency', async () => {
    const emu = newEmu();
    await expect(runConcurrently(emu, code, [{ fnName: 'now' }, { fnName: 'now' }], { startBAtMs: 10, time: 'real' })).rejects.toThrow(/virtual/);
    await expect(runConcurrently(emu, code, [{ fnName: 'now' }, { fnName: 'now' }], { startBAtMs: 10, pauseA: () => true })).rejects.toThrow(/pauseA/);
    // Real clock: latency moves the shared emulator clock, not the worker's fixed offset; both scripts read it at their end.
    const slow = newEmu({ latency: { byMethod: WORK } });
    const [a, b] = await runConcurrently(slow, code, [{ fnName: 'now' }, { fnName: 'now' }], { time: 'real' });
    expect(a.emulatedMs).toBe(250);
    expect(b.emulatedMs).toBe(250);
  });
});
