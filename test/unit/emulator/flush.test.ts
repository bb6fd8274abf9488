/**
 * Write buffering (EmulatorOptions.flush). Google: "spreadsheet operations are bundled together to
 * improve performance, such as when doing multiple calls to a method. If you want to make sure
 * that all pending changes are made right away … call SpreadsheetApp.flush()"
 * (developers.google.com/apps-script/reference/spreadsheet, and spreadsheet-app#flush()); Lock's
 * releaseLock(): call SpreadsheetApp.flush() before releasing the lock when working with a
 * spreadsheet (…/reference/lock/lock#releaseLock(); ../shared/reference/apps-script-platform.md
 * "Concurrency": "or pending writes may land after the next holder reads").
 *
 * What happens to a killed execution's batch is not documented: the emulator loses it by default
 * (`unflushedOnKill: 'lost'`) and can apply it ('applied'); both are tested.
 */
import type { CallInfo } from '../../../src/sandbox/emulator/exec';
import { runConcurrently } from '../../../src/sandbox/emulator/concurrent';
import type { EmulatorOptions } from '../../../src/sandbox/emulator/runtime';
import { exec, newEmu, SHEET } from './helpers';

/** Runs `body`, recording what everyone else sees of Blad1 (the shared state) after each call named in `at`. */
function peek(opts: EmulatorOptions, body: string, at: string[]) {
  const emu = newEmu(opts);
  const seen: unknown[][][] = [];
  const r = exec(emu, body, {
    hooks: {
      afterCall: (c: CallInfo) => {
        if (at.includes(`${c.cls}.${c.method}`)) seen.push(emu.sheetValues('Blad1'));
      },
    },
  });
  return { emu, r, seen };
}

/** A call with no effect on the spreadsheet, where the tests look at the shared state. */
const MARKER = 'Utilities.getUuid';

const WRITE_READ_FLUSH = `${SHEET}
  sh.getRange(1, 1, 1, 2).setValues([['a', 'b']]);
  var own = sh.getRange(1, 1, 1, 2).getValues();
  ${MARKER}();
  SpreadsheetApp.flush();
  ${MARKER}();
  return own;`;

describe("flush: 'buffered'", () => {
  test('the writer reads its own writes at once; nobody else sees them before flush()', () => {
    const { r, seen } = peek({ flush: 'buffered' }, WRITE_READ_FLUSH, ['Range.setValues', MARKER]);
    expect(r.result).toEqual([['a', 'b']]);
    expect(seen).toEqual([[['']], [['']], [['a', 'b']]]); // after setValues, before flush, after flush
  });

  test("'immediate' (the default) is unchanged: every write is visible at once, flush() changes nothing", () => {
    for (const opts of [{}, { flush: 'immediate' as const }]) {
      const { r, seen } = peek(opts, WRITE_READ_FLUSH, ['Range.setValues', MARKER]);
      expect(r.result).toEqual([['a', 'b']]);
      expect(seen).toEqual([[['a', 'b']], [['a', 'b']], [['a', 'b']]]);
    }
  });

  test('every kind of write waits: rows and columns inserted, formats, frozen rows, insertSheet, protect', () => {
    const body = `${SHEET}
      sh.getRange('A1:B2').setValues([[1, 2], [3, 4]]);
      SpreadsheetApp.flush();
      sh.getRange(3, 1).setValues([['x']]);
      sh.insertRowsAfter(1, 1);
      sh.insertColumnsAfter(1, 1);
      sh.getRange('A2').setNumberFormat('0.00');
      sh.setFrozenRows(1);
      var p = sh.getRange('A1').protect().setDescription('mine');
      var added = ss.insertSheet('Ny');
      ${MARKER}();
      var before = [sh.getLastRow(), sh.getLastColumn(), ss.getSheets().length, p.getDescription()];
      SpreadsheetApp.flush();
      return before.concat([sh.getLastRow(), p.getDescription(), added.getName()]);`;
    const { emu, r, seen } = peek({ flush: 'buffered' }, body, [MARKER]);
    expect(seen).toEqual([[[1, 2], [3, 4]]]); // nothing after the first flush had landed
    expect(emu.sheetNames()).toEqual(['Blad1', 'Ny']);
    expect(emu.sheetValues('Blad1')).toEqual([[1, '', 2], ['', '', ''], [3, '', 4], ['x', '', '']]);
    expect(emu.state.spreadsheet.sheets[0].frozenRows).toBe(1);
    // The protection made before the flush is the one in the shared state afterwards (same id).
    expect(r.result).toEqual([4, 3, 2, 'mine', 4, 'mine', 'Ny']);
    expect(emu.state.spreadsheet.sheets[0].protections.map((p) => p.description)).toEqual(['mine']);
  });

  test('properties and cache are not buffered', () => {
    const body = `PropertiesService.getScriptProperties().setProperty('k', 'v'); CacheService.getScriptCache().put('c', 'w'); ${MARKER}();`;
    const emu = newEmu({ flush: 'buffered' });
    const seen: unknown[] = [];
    exec(emu, body, { hooks: { afterCall: (c) => `${c.cls}.${c.method}` === MARKER && seen.push(emu.state.scriptProperties.k, emu.state.cache.script?.c?.v) } });
    expect(seen).toEqual(['v', 'w']);
  });

  test('the end of the execution flushes, also after an uncaught exception', () => {
    const emu = newEmu({ flush: 'buffered' });
    exec(emu, `${SHEET} sh.getRange(1, 1).setValues([['done']]);`);
    expect(emu.sheetValues('Blad1')).toEqual([['done']]);
    const r = exec(emu, `${SHEET} sh.getRange(2, 1).setValues([['then']]); throw new Error('boom');`);
    expect(r.error?.message).toBe('boom');
    expect(emu.sheetValues('Blad1')).toEqual([['done'], ['then']]);
  });

  test("a killed execution's unflushed writes are lost ('lost', default) or land ('applied'); flushed ones stay", () => {
    const body = `${SHEET} sh.getRange(1, 1).setValues([['flushed']]); SpreadsheetApp.flush(); sh.getRange(2, 1).setValues([['pending']]); LockService.getScriptLock().tryLock(1);`;
    const crash = { faults: { failOn: (c: CallInfo) => c.method === 'tryLock' } };
    const lost = newEmu({ flush: 'buffered' });
    expect(exec(lost, body, crash).error?.name).toBe('EmulatedCrash');
    expect(lost.sheetValues('Blad1')).toEqual([['flushed']]);
    const applied = newEmu({ flush: 'buffered', unflushedOnKill: 'applied' });
    exec(applied, body, crash);
    expect(applied.sheetValues('Blad1')).toEqual([['flushed'], ['pending']]);
    // Killed by its time limit (a 31 s wait for a lock someone holds): the same.
    const timedOut = newEmu({ flush: 'buffered' });
    timedOut.holdLock('script');
    const r = exec(timedOut, body.replace('tryLock(1)', 'tryLock(31000)'), { authMode: 'LIMITED' });
    expect(r.error?.message).toBe('Exceeded maximum execution time');
    expect(timedOut.sheetValues('Blad1')).toEqual([['flushed']]);
    expect(() => newEmu({ unflushedOnKill: 'maybe' as 'lost' })).toThrow(/unflushedOnKill/);
    expect(() => newEmu({ flush: 'later' as 'buffered' })).toThrow(/flush mode/);
  });
});

describe("flush: 'buffered' between two executions", () => {
  jest.setTimeout(20000);
  const code = `
    function writer(flushFirst) {
      var lock = LockService.getScriptLock();
      if (!lock.tryLock(5000)) throw new Error('Lock busy');
      SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1).setValues([['A was here']]);
      if (flushFirst) SpreadsheetApp.flush();
      lock.releaseLock();
      Utilities.getUuid(); // A pauses here, its lock released
      return 'A done';
    }
    function reader() {
      var lock = LockService.getScriptLock();
      if (!lock.tryLock(5000)) throw new Error('Lock busy');
      try { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1).getValues()[0][0]; } finally { lock.releaseLock(); }
    }
    function inserter() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      sh.insertRowsAfter(1, 1);
      Utilities.getUuid(); // A pauses here, its insert pending
      return sh.getRange(1, 1, 3, 1).getValues().map(function (r) { return r[0]; });
    }
    function filler() {
      SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 2, 1).setValues([['B1'], ['B2']]);
      return 'B done';
    }`;
  const pauseA = (c: { method: string }) => c.method === 'getUuid';

  test('releaseLock() does not flush: the next holder reads the old value', async () => {
    const emu = newEmu({ flush: 'buffered' });
    const [a, b] = await runConcurrently(emu, code, [{ fnName: 'writer', args: [false] }, { fnName: 'reader' }], { pauseA });
    expect([a.result, b.result]).toEqual(['A done', '']);
    expect(emu.sheetValues('Blad1')).toEqual([['A was here']]); // landed at A's end, after B read
  });

  test('flush() before releaseLock(): the next holder reads the new value', async () => {
    const emu = newEmu({ flush: 'buffered' });
    const [, b] = await runConcurrently(emu, code, [{ fnName: 'writer', args: [true] }, { fnName: 'reader' }], { pauseA });
    expect(b.result).toBe('A was here');
  });

  test("'immediate': the next holder reads the new value even without flush()", async () => {
    const emu = newEmu();
    const [, b] = await runConcurrently(emu, code, [{ fnName: 'writer', args: [false] }, { fnName: 'reader' }], { pauseA });
    expect(b.result).toBe('A was here');
  });

  test("a pending write is replayed on what others flushed first; the writer's view follows the shared state", async () => {
    const emu = newEmu({ flush: 'buffered' });
    const [a, b] = await runConcurrently(emu, code, [{ fnName: 'inserter' }, { fnName: 'filler' }], { pauseA });
    // A inserted a row after row 1 of an empty sheet in its view and paused; B wrote rows 1 and 2 and
    // ended (flushed). A's view is rebuilt on B's rows with its insert replayed: B2 moved down a row.
    expect([b.result, a.result]).toEqual(['B done', ['B1', '', 'B2']]);
    expect(emu.sheetValues('Blad1')).toEqual([['B1'], [''], ['B2']]);
  });
});
