/**
 * Emulated time in one execution: service latency on the emulator's virtual clock, what the script
 * sees of it, the time limits, and lock waits in that time.
 *
 * References: ../shared/reference/apps-script-platform.md "Limits" (6 min per execution; custom
 * functions and simple triggers 30 s; developers.google.com/apps-script/guides/services/quotas and
 * …/guides/triggers) and "Concurrency" (…/reference/lock/lock: tryLock(ms) returns false). Message:
 * "Exceeded maximum execution time" as quoted from execution logs
 * (github.com/ttsukagoshi/mail-merge-for-gmail/issues/163).
 */
import { EXECUTION_TIME_EXCEEDED } from '../../../src/sandbox/emulator/exec';
import { exec, newEmu, run, SHEET } from './helpers';

const T0 = Date.parse('2009-12-07T09:00:00Z');
const LATENCY = { defaultMs: 5, byMethod: { 'Range.getValues': 80, 'Range.setValues': 120, 'MailApp.sendEmail': 300 } };

describe('latency on the virtual clock', () => {
  test('each call costs its method latency (or the default); they add up in emulatedMs and move the clock', () => {
    const emu = newEmu({ latency: LATENCY });
    const r = exec(
      emu,
      `${SHEET}
      var rg = sh.getRange(1, 1, 1, 2);   // getActiveSpreadsheet, getSheets, getRange: 3 × 5
      rg.setValues([[1, 2]]);               // 120
      rg.getValues(); rg.getValues();       // 2 × 80
      MailApp.sendEmail('a@example.org', 's', 'b'); // 300`,
    );
    expect(r.ok).toBe(true);
    expect(r.calls.total).toBe(7);
    expect(r.emulatedMs).toBe(3 * 5 + 120 + 2 * 80 + 300);
    expect(emu.now().getTime()).toBe(T0 + 595); // the emulator's clock moved on by the same
    // The next execution starts where the last one ended.
    expect(exec(emu, 'return Date.now();').result).toBe(T0 + 595);
  });

  test('no latency option: calls take no time (as before)', () => {
    const emu = newEmu();
    const r = exec(emu, `${SHEET} sh.getRange(1, 1).setValues([[1]]); sh.getRange(1, 1).getValues(); MailApp.sendEmail('a@example.org', 's', 'b');`);
    expect([r.ok, r.emulatedMs, emu.now().getTime()]).toEqual([true, 0, T0]);
  });

  test("the script's new Date() and Date.now() follow the execution's emulated time", () => {
    const emu = newEmu({ latency: LATENCY });
    emu.holdLock('script');
    const r = exec(
      emu,
      `${SHEET} var lock = LockService.getScriptLock();
      var t0 = Date.now(), d0 = new Date();
      var rg = sh.getRange(1, 1);
      var t1 = Date.now();
      rg.getValues();
      var t2 = new Date().getTime();
      lock.tryLock(1000);
      return [t0, d0.getTime(), t1 - t0, t2 - t1, Date.now() - t2];`,
    );
    // getActiveSpreadsheet + getSheets + getScriptLock before t0 (15 ms), getRange 5 ms, getValues 80 ms, a lock wait of 1000 ms (+ its own 5 ms)
    expect(r.result).toEqual([T0 + 15, T0 + 15, 5, 80, 1005]);
  });

  test('a call that throws still took its time', () => {
    const emu = newEmu({ latency: { byMethod: { 'Range.setValues': 120 } } });
    const r = exec(emu, `${SHEET} try { sh.getRange(1, 1).setValues([[1, 2]]); } catch (e) { return e.message; }`);
    expect(r.result).toMatch(/number of columns/);
    expect(r.emulatedMs).toBe(120);
  });

  test('latency must be a number of ms ≥ 0', () => {
    expect(() => newEmu({ latency: { defaultMs: -1 } })).toThrow(/latency/);
    expect(() => newEmu({ latency: { byMethod: { 'Range.getValues': Number.NaN } } })).toThrow(/Range.getValues/);
  });
});

describe('time limits in emulated time', () => {
  // 101 reads at 300 ms = 30.3 s: over a simple trigger's 30 s, far under 6 min.
  const MANY_READS = `${SHEET} var rg = sh.getRange(1, 1); sh.getRange(1, 2).setValues([['before']]);
    try { for (var i = 0; i < 101; i++) rg.getValues(); } catch (e) { console.log('caught: ' + e.message); }
    sh.getRange(1, 3).setValues([['after']]); return 'finished';`;
  const SLOW = { latency: { byMethod: { 'Range.getValues': 300 } } };

  test('a simple trigger (LIMITED) dies at 30 s with Google\'s message; catching it does not save it', () => {
    const emu = newEmu(SLOW);
    const r = exec(emu, MANY_READS, { authMode: 'LIMITED' });
    expect(r.ok).toBe(false);
    expect(r.error).toEqual({ name: 'Error', message: EXECUTION_TIME_EXCEEDED });
    expect(r.emulatedMs).toBe(30_000);
    expect(r.calls.byMethod['Range.getValues']).toBe(101); // the 101st read passed the limit
    expect(r.logs).toEqual([`caught: ${EXECUTION_TIME_EXCEEDED}`]);
    // Nothing after the death ran: the write after the loop failed too.
    expect(emu.sheetValues('Blad1')).toEqual([['', 'before']]);
  });

  test('the same work is fine in a FULL execution (6 min); 1 201 reads are not', () => {
    const emu = newEmu(SLOW);
    const ok = exec(emu, MANY_READS, { authMode: 'FULL' });
    expect([ok.ok, ok.result, ok.emulatedMs]).toEqual([true, 'finished', 101 * 300]);
    const long = exec(emu, `${SHEET} var rg = sh.getRange(1, 1); for (var i = 0; i < 1201; i++) rg.getValues();`);
    expect([long.ok, long.error?.message, long.emulatedMs]).toEqual([false, EXECUTION_TIME_EXCEEDED, 360_000]);
  });

  test('custom functions and NONE have 30 s too; timeoutMs sets another limit', () => {
    const emu = newEmu();
    emu.holdLock('script'); // every wait for it lasts its whole timeout
    const wait = (ms: number) => `LockService.getScriptLock().tryLock(${ms});`;
    for (const authMode of ['CUSTOM_FUNCTION', 'NONE'] as const) {
      expect(exec(emu, `${wait(29000)} ${wait(2000)}`, { authMode }).error?.message).toBe(EXECUTION_TIME_EXCEEDED);
    }
    expect(exec(emu, `${wait(29000)} return 1;`, { authMode: 'LIMITED' }).result).toBe(1);
    expect(exec(emu, wait(1001), { timeoutMs: 1000 }).error?.message).toBe(EXECUTION_TIME_EXCEEDED);
    expect(exec(emu, `${wait(1000)} return 1;`, { timeoutMs: 1000 }).result).toBe(1);
  });
});

describe('lock waits in emulated time (one execution; the holder is outside it)', () => {
  test('tryLock(ms) on a held lock waits ms, then returns false', () => {
    const emu = newEmu();
    const release = emu.holdLock('script');
    const t = exec(emu, 'var l = LockService.getScriptLock(); var t0 = Date.now(); var got = l.tryLock(20000); return [got, Date.now() - t0];');
    expect([t.result, t.emulatedMs]).toEqual([[false, 20000], 20000]);
    release();
    expect(exec(emu, 'return LockService.getScriptLock().tryLock(20000);')).toMatchObject({ result: true, emulatedMs: 0 });
  });

  test('a simple trigger that waits 20 s twice dies at 30 s, in the second wait', () => {
    const emu = newEmu();
    emu.holdLock('script');
    const r = exec(emu, 'var l = LockService.getScriptLock(); var a = l.tryLock(20000); console.log(a); l.tryLock(20000); return "unreachable";', { authMode: 'LIMITED' });
    expect([r.ok, r.error?.message, r.emulatedMs, r.logs]).toEqual([false, EXECUTION_TIME_EXCEEDED, 30_000, ['false']]);
  });
});

describe("the script's own time (scriptCpuMs)", () => {
  test('leaves out the CPU time of emulated service calls: an execution that only reads a big sheet over and over has little of its own', () => {
    const emu = newEmu();
    run(emu, `${SHEET} var rows = []; for (var i = 0; i < 2000; i++) rows.push([i, 'x' + i, i / 2, 'y', 'z', i, i, i]); sh.insertRowsAfter(sh.getMaxRows(), 2000); sh.getRange(1, 1, 2000, 8).setValues(rows);`);
    const before = process.cpuUsage();
    const reads = exec(emu, `${SHEET} var n = 0; for (var i = 0; i < 40; i++) n += sh.getRange(1, 1, 2000, 8).getValues().length; return n;`, { measureCpu: true });
    const spent = process.cpuUsage(before);
    expect(reads.result).toBe(80_000);
    expect(reads.scriptCpuMs).toBeGreaterThanOrEqual(0);
    // The reads are the emulator's work (80 000 rows copied into the script's realm); the script only loops 40 times.
    // Compared with the process's whole CPU time for the execution, not its wall time: both are process-wide, so
    // V8's collector threads, which clear the copies on the other core while the script runs, weigh on each (against
    // wall time, one CI run of 2 911 tests read 332 ms of 1 028). Counted with the service calls, the script's
    // share is the whole; left out, it is a third at most.
    expect(reads.scriptCpuMs!).toBeLessThan(((spent.user + spent.system) / 1000) * 0.6);
    const own = exec(emu, 'var x = 0; for (var i = 0; i < 3e6; i++) x = (x + i * 7) % 1000003; return x;', { measureCpu: true });
    expect(own.scriptCpuMs!).toBeGreaterThan(0);
  });

  test('is measured only when asked (ExecOptions.measureCpu): the suite does not pay two getrusage calls per service call', () => {
    const emu = newEmu();
    const r = exec(emu, `${SHEET} return sh.getRange(1, 1).getValues().length;`);
    expect([r.ok, r.scriptCpuMs]).toEqual([true, undefined]);
  });
});
