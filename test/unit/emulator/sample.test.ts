/**
 * The sweeps' sampler (test/support/sample.ts): what npm test is promised to take of a sweep —
 * every class of call (one point each), each kind of effect's first and last point — the same
 * points for the same seed, and every point in test:deep.
 */
import { classify, samplePoints, type Point } from '../../support/sample';

const EFFECT = /^(MailApp\.sendEmail|Properties\.setProperty|Range\.setValues)$/;

/** A batch shaped like a send: reads, a journal write, a sheet write, a loop of ten mails, the last writes. */
function batch(): Point[] {
  const keys = ['Session.getActiveUser', 'Range.getValues', 'Lock.tryLock', 'Properties.setProperty', 'Sheet.getRange', 'Range.setValues'];
  for (let i = 0; i < 10; i++) keys.push('Properties.setProperty', 'Utilities.newBlob', 'MailApp.sendEmail');
  keys.push('Properties.setProperty', 'Sheet.getRange', 'Range.setValues', 'Lock.releaseLock');
  return keys.map((key, i) => ({ n: i + 1, key }));
}

test('the loop\'s repeated calls are one class each; the other effects are classes of their own', () => {
  const cls = classify(batch(), EFFECT);
  const mails = cls.filter((c) => c.point.key === 'MailApp.sendEmail');
  expect(new Set(mails.map((c) => c.cls)).size).toBe(1);
  // The journal writes: the first (after the reads), the one after the sheet write, and the ten after a mail.
  const journal = cls.filter((c) => c.point.key === 'Properties.setProperty').map((c) => c.cls);
  expect(journal).toHaveLength(12);
  expect(new Set(journal).size).toBe(3);
  // Every call without an effect has the class of its gap: the reads before the first write are one.
  expect(new Set(cls.slice(0, 3).map((c) => c.cls)).size).toBe(1);
  expect(cls.slice(0, 3).every((c) => !c.effect)).toBe(true);
});

test('npm test: a point of every class, each kind of effect\'s first and last, one point per gap', () => {
  const calls = batch();
  const points = samplePoints(calls, EFFECT, 't', { deep: false });
  const cls = classify(calls, EFFECT);
  // Every class, with an effect or a gap, has a point.
  for (const c of new Set(cls.map((x) => x.cls))) expect([c, points.some((p) => cls[p.n - 1].cls === c)]).toEqual([c, true]);
  // The mails are one class: its point is the first or the last mail, and those two are taken as the mail's first and last.
  const mails = calls.filter((c) => c.key === 'MailApp.sendEmail');
  expect(points.filter((p) => p.key === 'MailApp.sendEmail')).toEqual([mails[0], mails[9]]);
  // The journal writes after a mail are one class: one of them, whatever the seed.
  const afterMail = cls.filter((c) => c.point.key === 'Properties.setProperty' && calls[c.point.n - 2]?.key === 'MailApp.sendEmail').map((c) => c.point);
  expect(afterMail).toHaveLength(10);
  expect(points.filter((p) => afterMail.includes(p)).length).toBeGreaterThanOrEqual(1);
  // Every effect that is a class of its own is taken (the first and last journal and sheet writes among them).
  for (const n of [4, 6, 37, 39]) expect(points.map((p) => p.n)).toContain(n);
  // One of the three reads before the first effect.
  expect(points.filter((p) => p.n <= 3)).toHaveLength(1);
  expect(points.length).toBeLessThan(calls.length / 2);
});

test('every point a death (deaths): the effects, and of the gaps only the one before the first effect', () => {
  const calls = batch();
  const cls = classify(calls, EFFECT);
  const points = samplePoints(calls, EFFECT, 't', { deep: false, deaths: true });
  expect(points.filter((p) => !EFFECT.test(p.key)).map((p) => cls[p.n - 1].cls.startsWith('gap ^ '))).toEqual([true]);
  // Every effect class still has its point.
  for (const c of new Set(cls.filter((x) => x.effect).map((x) => x.cls))) expect([c, points.some((p) => cls[p.n - 1].cls === c)]).toEqual([c, true]);
  expect(samplePoints(calls, EFFECT, 't', { deep: true, deaths: true })).toEqual(calls);
});

test('the same seed draws the same points; the sweep\'s name (or another seed) draws others', () => {
  const calls = batch();
  const a = samplePoints(calls, EFFECT, 'one', { deep: false }).map((p) => p.n);
  expect(samplePoints(calls, EFFECT, 'one', { deep: false }).map((p) => p.n)).toEqual(a);
  const names = ['two', 'three', 'four', 'five'].map((n) => samplePoints(calls, EFFECT, n, { deep: false }).map((p) => p.n).join());
  expect(names.some((x) => x !== a.join())).toBe(true);
});

test('withoutEffect: false takes effects only; deep takes every point', () => {
  const calls = batch();
  expect(samplePoints(calls, EFFECT, 't', { deep: false, withoutEffect: false }).every((p) => EFFECT.test(p.key))).toBe(true);
  expect(samplePoints(calls, EFFECT, 't', { deep: true })).toEqual(calls);
  expect(samplePoints(calls, EFFECT, 't', { deep: true, withoutEffect: false })).toEqual(calls.filter((c) => EFFECT.test(c.key)));
});
