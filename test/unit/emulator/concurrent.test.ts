import { runConcurrently } from '../../../src/sandbox/emulator/concurrent';
import { Emulator } from '../../../src/sandbox/emulator/runtime';

// Both executions append "their" row after reading the last row: the classic lost-row race.
// They lock as the add-on does: tryLock, and their own error when it fails.
const code = `
function appendGuarded(name, timeout) {
  var lock = LockService.getDocumentLock();
  if (!lock.tryLock(timeout)) throw new Error('Lock busy');
  try {
    var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    var last = sh.getLastRow();
    var seen = last ? sh.getRange(1, 1, last, 1).getValues().length : 0;
    sh.getRange(last + 1, 1).setValues([[name]]);
    SpreadsheetApp.flush();
    return seen;
  } finally {
    lock.releaseLock();
  }
}
function appendUnguarded(name) {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var last = sh.getLastRow();
  Utilities.getUuid(); // A pauses here
  sh.getRange(last + 1, 1).setValues([[name]]);
  return last;
}
function tryOnly(ms) { var l = LockService.getDocumentLock(); var got = l.tryLock(ms); console.log('got ' + got); return got; }
`;

describe('runConcurrently', () => {
  jest.setTimeout(20000);

  test('B blocks in tryLock until A releases; no row is lost', async () => {
    const emu = new Emulator();
    const [a, b] = await runConcurrently(
      emu,
      code,
      [
        { fnName: 'appendGuarded', args: ['A', 5000] },
        { fnName: 'appendGuarded', args: ['B', 5000] },
      ],
      { pauseA: (c) => c.cls === 'Sheet' && c.method === 'getLastRow' },
    );
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(emu.sheetValues('Blad1')).toEqual([['A'], ['B']]);
    expect(b.result).toBe(1); // B read after A's write
    expect(a.calls.byMethod['Lock.tryLock']).toBe(1);
    expect(b.calls.byService.LockService).toBe(3);
  });

  test('without the lock the race loses a row (the harness really interleaves)', async () => {
    const emu = new Emulator();
    await runConcurrently(
      emu,
      code,
      [
        { fnName: 'appendUnguarded', args: ['A'] },
        { fnName: 'appendUnguarded', args: ['B'] },
      ],
      { pauseA: (c) => c.method === 'getUuid' },
    );
    expect(emu.sheetValues('Blad1')).toEqual([['A']]); // B wrote row 1 first, A overwrote it
  });

  test('B times out when A holds the lock too long; tryLock returns false', async () => {
    const emu = new Emulator();
    const slow = `${code}
      function holdLong() { var l = LockService.getDocumentLock(); l.tryLock(1000); SpreadsheetApp.getActiveSpreadsheet(); var t = Date.now(); while (Date.now() - t < 700) {} l.releaseLock(); return 'done'; }`;
    const [a, b] = await runConcurrently(
      emu,
      slow,
      [
        { fnName: 'holdLong', args: [] },
        { fnName: 'appendGuarded', args: ['B', 200] },
      ],
      { pauseA: (c) => c.cls === 'SpreadsheetApp' },
    );
    expect(a.result).toBe('done');
    expect(b.ok).toBe(false);
    expect(b.error?.message).toBe('Lock busy');
    expect(emu.sheetValues('Blad1')).toEqual([['']]);

    const [, c] = await runConcurrently(emu, slow, [{ fnName: 'holdLong', args: [] }, { fnName: 'tryOnly', args: [100] }], {
      pauseA: (x) => x.cls === 'SpreadsheetApp',
    });
    expect([c.ok, c.result, c.logs]).toEqual([true, false, ['got false']]);
  });

  test('faults work across threads and a hung worker fails instead of hanging', async () => {
    const emu = new Emulator();
    const [a, b] = await runConcurrently(emu, code, [
      { fnName: 'appendGuarded', args: ['A', 1000], opts: { faults: { failOn: (c) => c.method === 'setValues' } } },
      { fnName: 'appendGuarded', args: ['B', 1000] },
    ]);
    expect(a.error?.name).toBe('EmulatedCrash');
    expect(b.ok).toBe(true); // A's lock was released when A died
    expect(emu.sheetValues('Blad1')).toEqual([['B']]);
    await expect(
      runConcurrently(emu, 'function spin() { for (;;) {} }', [{ fnName: 'spin' }, { fnName: 'spin' }], { timeoutMs: 500 }),
    ).rejects.toThrow(/timed out/);
    // The hung workers are gone, not back in the pool: the next run is answered.
    const [d] = await runConcurrently(emu, code, [{ fnName: 'tryOnly', args: [0] }, { fnName: 'tryOnly', args: [0] }]);
    expect(d.result).toBe(true);
  });

  test('every execution gets a fresh global, also in a worker that ran one before (the pool)', async () => {
    // Apps Script evaluates the project anew for each execution; a global set by one is never seen by the next.
    const visits = 'var runs = 0;\nfunction visit() { runs += 1; globalThis.visits = (globalThis.visits || 0) + 1; return [globalThis.visits, runs]; }';
    const emu = new Emulator();
    for (let i = 0; i < 3; i++) {
      const [a, b] = await runConcurrently(emu, visits, [{ fnName: 'visit' }, { fnName: 'visit' }]);
      expect([a.result, b.result]).toEqual([[1, 1], [1, 1]]);
    }
  });
});
