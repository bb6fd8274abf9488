/**
 * Latency and flush (issue 8, item 3), the kills: with writes that reach the shared spreadsheet
 * only at SpreadsheetApp.flush() or the execution's end and are LOST when it is killed (flush
 * 'buffered', unflushedOnKill 'lost'), an execution dies at every point that matters — onEdit at
 * its 30 s limit, a send batch at a fault or at its time limit — and the next run must find
 * nothing half-written: each guest mailed once (or Osäker, for a person to check), the edit
 * handled or waiting for review, and a log that verifies (an anchor ahead of Logg would block every
 * later write as if rows had been removed by hand). The concurrency cases are in latency.test.ts.
 */
import type { Emulator } from '../../src/sandbox/emulator';
import { CODE, EKO, PL, api } from '../support/bundle';
import { check } from '../support/crash-sweep';
import { guests, sendAll, sendOnce, workbookWithGuests } from '../support/invitations';
import { SLOW_DAY } from '../support/latency';
import { logVerdict, timeline, withLatency } from '../support/latency-harness';
import { DEEP, samplePoints } from '../support/sample';

jest.setTimeout(180_000);

/**
 * Calls whose death can duplicate or lose something (as in the crash sweeps: a mail, a properties
 * write, a sheet write) and the flushes: npm test kills at a sample of these (every class, each
 * one's first and last: test/support/sample.ts), npm run test:deep at every call.
 */
const EFFECT = /^(MailApp\.sendEmail|Properties\.(setProperty|setProperties|deleteProperty)|Range\.setValues|Sheet\.insertRowsAfter|SpreadsheetApp\.flush)$/;

const logVerifies = (emu: Emulator) => expect(logVerdict(emu)).toMatch(/^Loggen är hel: \d+ rader verifierade/);

describe('c) onEdit killed by its 30 s limit', () => {
  let base: Emulator;
  let col: number;
  beforeAll(() => {
    base = workbookWithGuests(0);
    expect(api(base, 'recordCost', [{ funder: 'STOKAB', category: 'workshops', description: 'Lokalhyra', amount: '1 000', date: '2009-11-01', status: 'Planerad' }], EKO).ok).toBe(true);
    col = base.sheetValues('Kostnader')[0].indexOf('Belopp') + 1;
  });

  test(`killed by the 30 s limit during ${DEEP ? 'any call' : 'a sample of its writes, property writes and flushes'} of its work (writes not flushed are lost): never half-written, the edit handled or waiting for review`, () => {
    const probe = withLatency(base);
    const t0 = probe.now().getTime();
    const ends: { key: string; at: number }[] = [];
    const whole = probe.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col, values: [[2500]], user: EKO }, {
      hooks: { afterCall: (c) => ends.push({ key: `${c.cls}.${c.method}`, at: probe.now().getTime() - t0 }) },
    });
    expect(whole.ui.toasts).toEqual([]);
    // Killed during each call: it took effect (unflushed, if a sheet write), then its time ran out. (A
    // limit at a call's very end kills the next call the same way: effects come before latency.)
    // Five: the pending anchor, Logg's append, the row, the commit's flush, the committed anchor (the lock's release no longer
    // flushes again when the commit's flush left nothing pending: src/gas/adapters.ts GasLock).
    expect(ends.filter((e) => EFFECT.test(e.key)).map((e) => e.key)).toEqual([
      'Properties.setProperty', 'Range.setValues', 'Range.setValues', 'SpreadsheetApp.flush', 'Properties.setProperty',
    ]);
    const limits = samplePoints(ends.map((e, i) => ({ ...e, n: i + 1 })), EFFECT, 'onEdit-limit', { withoutEffect: DEEP }).map((e) => e.at - 1);
    let handled = 0, waiting = 0;
    for (const limit of limits) {
      const emu = withLatency(base);
      const r = emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col, values: [[2500]], user: EKO }, { timeoutMs: limit });
      if (limit < whole.emulatedMs) expect(r.error?.message).toBe('Exceeded maximum execution time');
      expect(emu.sheetValues('Kostnader')[1][col - 1]).toBe(2500);
      const review = api<{ items: unknown[]; log: unknown }>(emu, 'getReview', [], EKO);
      if (!review.ok) throw new Error(`${limit} ms: ${review.message}`);
      expect(review.data.log).toBeNull();
      if (review.data.items.length === 0) handled++;
      else waiting++;
      logVerifies(emu);
      // The next action is not blocked by a log that looks tampered with: another funder's cost goes through.
      const next = api(emu, 'recordCost', [{ funder: 'Kommunstyrelsen', category: 'övrigt', description: 'Nästa', amount: '10', date: '2009-11-02' }], EKO);
      if (!next.ok) throw new Error(`${limit} ms: ${next.message}`);
    }
    expect(handled).toBeGreaterThan(0);
    expect(waiting).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
describe('d) the flush promise: buffered writes, a send killed anywhere', () => {
  let base: Emulator;
  beforeAll(() => {
    base = workbookWithGuests(30);
    sendAll(base, 10, 1); // the first batch went out: the second is the one killed
  });

  test("'Skickar' is in the shared sheet, visible to everyone, before the first mail leaves", () => {
    const emu = withLatency(base);
    let seen: unknown[] | undefined;
    const r = sendOnce(emu, {
      hooks: { afterCall: (c) => { if (c.method === 'sendEmail' && !seen) seen = guests(emu).map((g) => g['Status']); } },
    });
    expect(r.ok).toBe(true);
    // emu.sheetValues reads the shared state: what another execution would read.
    expect(seen?.filter((x) => x === 'Skickar')).toHaveLength(10);
  });

  test(`killed at ${DEEP ? 'every' : 'a sample of the'} mail${DEEP ? ',' : 's,'} journal write${DEEP ? ',' : 's,'} sheet write${DEEP ? '' : 's'} and flush${DEEP ? '' : 'es'} of a batch (${DEEP ? 'before or after it takes effect' : 'after it takes effect, and before each flush'}), then re-run: each guest once or Osäker, the log verifies`, () => {
    const calls: { n: number; key: string }[] = [];
    sendOnce(withLatency(base), { hooks: { afterCall: (c) => calls.push({ n: c.n, key: `${c.cls}.${c.method}` }) } });
    const effects = calls.filter((c) => EFFECT.test(c.key));
    expect(effects.filter((p) => p.key === 'MailApp.sendEmail')).toHaveLength(10);
    expect(effects.filter((p) => p.key === 'SpreadsheetApp.flush').length).toBeGreaterThanOrEqual(2);
    const points = samplePoints(calls, EFFECT, 'batch-kill', { withoutEffect: false });
    // The flushes fall in classes of one or two (by the write before them): all of them are taken.
    expect(points.filter((p) => p.key === 'SpreadsheetApp.flush')).toEqual(effects.filter((p) => p.key === 'SpreadsheetApp.flush'));
    for (const when of ['before', 'after'] as const) {
      // 'before' a call is 'after' the one before it, but for the flushes (the calls this file is
      // about), and npm run test:deep takes every point both ways.
      for (const p of points.filter((x) => DEEP || when === 'after' || x.key === 'SpreadsheetApp.flush')) {
        const e = withLatency(base);
        const r = sendOnce(e, { faults: { failAtCall: p.n, when } });
        expect(r.error?.name).toBe('EmulatedCrash');
        const label = `${p.n} ${p.key} (${when})`;
        let rerun = '';
        try {
          sendAll(e, 25);
        } catch (err) {
          rerun = (err as Error).message; // e.g. a log that looks tampered with blocks everything
        }
        expect([label, rerun]).toEqual([label, '']);
        check(e, label);
        logVerifies(e);
      }
    }
  });

  test(`killed by its time limit during ${DEEP ? 'any call' : 'a sample of the writes'} from its last mail on (a slow day, 25 guests): the next run settles the marks, nothing twice`, () => {
    const big = workbookWithGuests(30);
    const whole = timeline(withLatency(big, SLOW_DAY), 'sendInvitations', [{ batchSize: 25 }], { user: PL });
    const lastMail = whole.ends.filter((e) => e.key === 'MailApp.sendEmail').at(-1)!.at;
    // During each call (it took effect, then the time ran out).
    const tail = whole.ends.map((e, i) => ({ ...e, n: i + 1 })).filter((e) => e.at >= lastMail);
    expect(tail.filter((e) => EFFECT.test(e.key)).length).toBeGreaterThan(5);
    const limits = samplePoints(tail, EFFECT, 'send-limit', { withoutEffect: DEEP }).map((e) => e.at - 1);
    for (const limit of limits) {
      const e = withLatency(big, SLOW_DAY);
      const r = sendOnce(e, { timeoutMs: limit }, 25);
      expect(r.error?.message).toBe('Exceeded maximum execution time');
      sendAll(e, 25);
      check(e, `killed at ${limit} ms`);
      logVerifies(e);
    }
  });
});

