/** The crash sweep of a 30-guest send (test/bundle/invitations-crash*.test.ts): recording, crashing, checking. */
import type { Emulator } from '../../src/sandbox/emulator';
import { fork, guests, mailsPerRecipient, sendAll, sendOnce, workbookWithGuests } from './invitations';
import { DEEP, samplePoints, SEED } from './sample';

export { DEEP };
/** Calls whose death can duplicate or lose something: a mail, a properties write, a range write or append. */
export const EFFECT = /^(MailApp\.sendEmail|Properties\.(setProperty|setProperties|deleteProperty)|Range\.setValues|Sheet\.insertRowsAfter)$/;

export const N = 30;

export interface Sweep {
  /** The workbook before each batch, and after the last (index 3). */
  readonly afterBatch: Emulator[];
  /** Per batch: the call list of an undisturbed run (index n → 'Class.method'). */
  readonly calls: { n: number; key: string }[][];
}

/** The undisturbed 30-guest send, batch by batch, with every service call of each batch recorded. */
export function recordSweep(): Sweep {
  const base = workbookWithGuests(N);
  const afterBatch = [fork(base)];
  const calls: { n: number; key: string }[][] = [];
  for (let b = 0; b < 3; b++) {
    const e = fork(afterBatch[b]);
    const seen: { n: number; key: string }[] = [];
    const r = sendOnce(e, { hooks: { afterCall: (c) => seen.push({ n: c.n, key: `${c.cls}.${c.method}` }) } });
    expect(r.ok).toBe(true);
    calls.push(seen);
    afterBatch.push(e);
  }
  return { afterBatch, calls };
}

export function check(e: Emulator, label: string): { uncertain: number } {
  const rows = guests(e);
  const mails = mailsPerRecipient(e);
  expect(rows).toHaveLength(N);
  let uncertain = 0;
  for (const g of rows) {
    const n = mails.get(String(g['E-post']).toLowerCase()) ?? 0;
    const ok = (g['Status'] === 'Inbjuden' && n === 1) || (g['Status'] === 'Osäker' && n <= 1);
    if (!ok) throw new Error(`${label}: ${String(g['ID'])} is ${String(g['Status'])} with ${n} mails`);
    if (g['Status'] === 'Osäker') uncertain++;
  }
  expect(uncertain).toBeLessThanOrEqual(1);
  expect([...mails.values()].every((c) => c === 1)).toBe(true);
  expect(e.outbox().length).toBe(rows.length - rows.filter((g) => g['Status'] === 'Osäker' && !mails.get(String(g['E-post']).toLowerCase())).length);
  return { uncertain };
}

export function crashAndRecover(s: Sweep, batch: number, k: number, when: 'before' | 'after'): { uncertain: number } {
  const e = fork(s.afterBatch[batch]);
  const r = sendOnce(e, { faults: { failAtCall: k, when } });
  expect(r.ok).toBe(false);
  expect(r.error?.name).toBe('EmulatedCrash');
  sendAll(e, 25); // the re-run: any batch size; 25 keeps the test quick
  return check(e, `batch ${batch + 1}, call ${k} (${s.calls[batch][k - 1]?.key}), ${when}`);
}

/**
 * The two sweeps of one crash mode ('before': the call fails; 'after': it takes effect and the
 * execution dies), as tests of the calling file. One file per mode, so jest runs them side by side.
 * npm test takes a sample of the points (test/support/sample.ts: every class of call, each effect's
 * first and last, seeded), npm run test:deep every point.
 */
export function defineSweeps(when: 'before' | 'after'): void {
  let s: Sweep;
  const summary: Record<string, number> = {};
  beforeAll(() => {
    s = recordSweep();
  });

  test(`batch 1: killed at ${DEEP ? 'every service call' : 'a sample of its service calls (every class; each effect\'s first and last)'} (${when}), then re-run: no duplicate, at most one Osäker`, () => {
    const points = samplePoints(s.calls[0], EFFECT, `batch1-${when}`, { deaths: true });
    // Every kind of effect the batch has, its first and its last, is among the points.
    for (const key of new Set(s.calls[0].filter((c) => EFFECT.test(c.key)).map((c) => c.key))) {
      const all = s.calls[0].filter((c) => c.key === key);
      expect([key, points.includes(all[0]), points.includes(all[all.length - 1])]).toEqual([key, true, true]);
    }
    let uncertain = 0;
    for (const p of points) uncertain += crashAndRecover(s, 0, p.n, when).uncertain;
    summary[`batch1-${when}`] = points.length;
    // A death around a send (between the 'a' journal write and the next journal write) is the only source of Osäker.
    expect(uncertain).toBeGreaterThan(0);
  });

  test(`batches 2 and 3: killed at ${DEEP ? 'every' : 'a sample of the'} mail, journal and sheet write${DEEP ? '' : 's of batch 2 (each kind\'s first and last)'} (${when}), then re-run`, () => {
    let scenarios = 0;
    for (const b of DEEP ? [1, 2] : [1]) {
      const effects = s.calls[b].filter((c) => EFFECT.test(c.key));
      const mails = effects.filter((p) => p.key === 'MailApp.sendEmail');
      expect(mails).toHaveLength(10);
      const points = samplePoints(s.calls[b], EFFECT, `batch${b + 1}-${when}`, { withoutEffect: false });
      expect([points.includes(mails[0]), points.includes(mails[9])]).toEqual([true, true]);
      for (const p of points) {
        crashAndRecover(s, b, p.n, when);
        scenarios++;
      }
    }
    summary[`batch23-${when}`] = scenarios;
  });

  afterAll(() => {
    const total = Object.values(summary).reduce((a, b) => a + b, 0);
    // Reported in the test output: how many crash points were exercised, and the seed that chose them.
    console.log(`crash injection ${when} (${DEEP ? 'deep' : `sampled, seed ${SEED}`}): ${total} crash points (${JSON.stringify(summary)}); calls per batch: ${s.calls.map((c) => c.length).join(', ')}`);
  });
}
