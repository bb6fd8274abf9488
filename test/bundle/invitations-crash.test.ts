/**
 * The headline test, against the built Code.js: a 30-guest send,
 * driven batch by batch like the sidebar (batchSize 10 → 3 executions), is
 * killed at a service call — the call fails ('before') or takes effect and
 * then the execution dies ('after') — and then re-run to completion. Every
 * guest must end with exactly one invitation in the outbox (Inbjuden) or an
 * Osäker flag (at most the one in-flight guest, with at most one mail), and
 * the outbox never holds a duplicate.
 *
 * Coverage (`npm run test:deep`, SUMMIT_DEEP=1): every call index of the
 * first batch (it also creates the RSVP key), in both modes; in the second
 * and third batches every MailApp call, every Properties write (the journal)
 * and every range write, in both modes; plus a double fault at each call of
 * the recovery run's first hold of the lock.
 * In `npm test` each sweep takes a sample (test/support/sample.ts): of every
 * class of call (an effect at its place in the protocol; a gap between two
 * effects) at least one point, of each effect its first and last, the rest
 * drawn with a fixed seed (SUMMIT_SEED); the third batch only in the deep run.
 * This file: the baseline, the 'before' mode and double faults; the 'after'
 * mode is invitations-crash-after.test.ts (jest runs the two side by side).
 */
import { check, defineSweeps, EFFECT, N, recordSweep, type Sweep } from '../support/crash-sweep';
import { fork, mailsPerRecipient, sendAll, sendOnce } from '../support/invitations';
import { DEEP, samplePoints } from '../support/sample';

jest.setTimeout(240_000);

let s: Sweep;
beforeAll(() => {
  s = recordSweep();
});

test('baseline: the undisturbed run sends 30, each once, in 3 executions', () => {
  const e = s.afterBatch[3];
  expect(e.outbox()).toHaveLength(N);
  check(e, 'baseline');
  expect(s.calls.map((c) => c.length).every((n) => n > 50)).toBe(true);
});

defineSweeps('before');

test('a crash in the recovery run itself (double fault) still leaves no duplicate', () => {
  const secondBatchMail = s.calls[1].find((c) => c.key === 'MailApp.sendEmail')!.n;
  // Dies just after its first mail of the second batch…
  const crashed = () => {
    const e = fork(s.afterBatch[0]);
    expect(sendOnce(e, { faults: { failAtCall: secondBatchMail + 2, when: 'after' } }).error?.name).toBe('EmulatedCrash');
    return e;
  };
  // …then again in the recovery run, in its first hold of the lock, where it resolves the journal the
  // first run left (its reads, and its writes of the journal and of Gäster).
  const recovery: { n: number; key: string }[] = [];
  sendOnce(crashed(), { hooks: { afterCall: (c) => recovery.push({ n: c.n, key: `${c.cls}.${c.method}` }) } });
  const release = recovery.find((c) => c.key === 'Lock.releaseLock')!.n;
  const points = samplePoints(recovery.filter((c) => c.n <= release), EFFECT, 'double-fault', { deaths: true });
  expect(points.filter((p) => EFFECT.test(p.key)).length).toBeGreaterThanOrEqual(4);
  if (DEEP) expect(points).toHaveLength(release);
  for (const { n: k } of points) {
    const e = crashed();
    expect(sendOnce(e, { faults: { failAtCall: k, when: 'after' } }).error?.name).toBe('EmulatedCrash');
    sendAll(e, 25);
    check(e, `double fault at ${k}`);
    expect([...mailsPerRecipient(e).values()].every((c) => c === 1)).toBe(true);
  }
});
