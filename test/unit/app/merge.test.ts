import { resolveGuestSend } from '../../../src/app/guests';
import { JOURNAL_KEY, previewInvitation, sendBatch, sendTestInvitation, type SendProgress } from '../../../src/app/merge';
import type { Ports } from '../../../src/app/ports';
import { UserError } from '../../../src/core/msg';
import type { MemoryPorts } from '../../support/memory';
import { samplePoints, type Point } from '../../support/sample';
import { link, PL, runAll, setup, SG, statuses } from './merge-fixture';

const mailsTo = (p: MemoryPorts) => {
  const m = new Map<string, number>();
  for (const s of p.mailer.sent) m.set(s.to, (m.get(s.to) ?? 0) + 1);
  return m;
};

describe('sendBatch', () => {
  test('sends 30 in batches, each once, with ics, sender and reply-to; logged', () => {
    const p = setup(30);
    const res = runAll(p, 10);
    expect(res.map((r) => r.sent)).toEqual([10, 10, 10]);
    expect(res[2]).toMatchObject({ done: true, remaining: 0, uncertain: 0 });
    expect(p.mailer.sent).toHaveLength(30);
    expect([...mailsTo(p).values()].every((c) => c === 1)).toBe(true);
    expect(statuses(p).every((s) => s === 'Inbjuden')).toBe(true);
    const m = p.mailer.sent[1];
    expect(m.subject).toBe('Invitation to Public Services Summit 2009');
    expect(m.textBody).toContain('Welcome on 8 December 2009');
    expect(p.mailer.sent[0].textBody).toContain('Välkommen den 8 december 2009');
    expect(m.htmlBody).toContain('href="https://rsvp.example.se/?g=G-0002&amp;v=1"');
    expect(m.replyTo).toBe('summit@stockholm.se');
    expect(m.name).toContain('Stockholms stad');
    expect(m.attachments?.[0]).toMatchObject({ fileName: 'invitation.ics', mimeType: 'text/calendar' });
    const log = p.workbook.get('log').records().map((r) => r['Åtgärd']);
    expect(log.filter((a) => a === 'gäst.skickar')).toHaveLength(30);
    expect(log.filter((a) => a === 'gäst.inbjuden')).toHaveLength(30);
    expect(JSON.parse(p.properties.get(JOURNAL_KEY)!)).toMatchObject({ token: '', s: {} }); // emptied with the last record's committed anchor
    expect(sendBatch(p, { batchSize: 10 }, link)).toMatchObject({ sent: 0, done: true });
  });

  // The mutation run (npm run test:mutation, SUMMIT_MUTATION=1) compares with 300 guests: 1 500 would take a minute per mutant.
  const many = process.env.SUMMIT_MUTATION === '1' ? 300 : 1500;
  test(`reads/writes per batch do not grow with the list (30 vs ${many === 300 ? '300' : '1 500'} guests)`, () => {
    for (const n of [30, many]) {
      const p = setup(n, { cap: 2000 });
      const c = p.workbook.counters;
      sendBatch(p, { batchSize: 10 }, link); // first batch (audit head not yet cached)
      const before = { ...c };
      sendBatch(p, { batchSize: 10 }, link);
      expect({ reads: c.reads - before.reads, writes: c.writes - before.writes, mails: c.mails - before.mails }).toEqual({ reads: 4, writes: 4, mails: 10 });
    }
  });

  test('a batch renders only the guests it sends, never every waiting one (a run is O(n), not O(n²))', () => {
    const p = setup(200, { cap: 500 });
    const built: string[] = [];
    const counting = () => (g: { id: string; version: number }) => { built.push(g.id); return link()(g); };
    const perBatch: number[] = [];
    for (let i = 0; i < 30; i++) {
      const before = built.length;
      const r = sendBatch(p, { batchSize: 10 }, counting);
      perBatch.push(built.length - before);
      if (r.done) break;
    }
    // Each sent guest is rendered twice (chosen at the pick, built again to send); nobody else.
    expect(perBatch).toEqual(Array(20).fill(20));
    expect(p.mailer.sent).toHaveLength(200);
    const times = new Map<string, number>();
    for (const id of built) times.set(id, (times.get(id) ?? 0) + 1);
    expect([...times.values()].every((n) => n === 2)).toBe(true);
  });

  test('a guest whose values break the template, late in the list, is blocked when a batch reaches them; the rest are sent', () => {
    const p = setup(30, { before: (q) => { q.workbook.get('guests').grid[25][1] = 'Eva {{Svarslänk}}'; } });
    const r = runAll(p, 10);
    expect(p.mailer.sent).toHaveLength(29);
    expect(r[0].blocked).toEqual([]); // not rendered yet: the first batch never got to G-0025
    const last = r[r.length - 1];
    expect(last).toMatchObject({ done: true, remaining: 0 });
    expect(last.blocked.map((b) => b.id)).toEqual(['G-0025']);
    expect(last.blocked[0].reasons[0].sv).toMatch(/\{\{…\}\}/);
    expect(statuses(p).filter((s) => s === 'Godkänd')).toHaveLength(1);
    expect(statuses(p)[24]).toBe('Godkänd');
  });

  test('only the project leader sends', () => {
    for (const u of [SG, 'someone@stockholm.se', '']) {
      const p = setup(3, { user: u });
      expect(() => sendBatch(p, { batchSize: 10 }, link)).toThrow(UserError);
      expect(p.mailer.sent).toHaveLength(0);
    }
  });

  test.each([{}, { batchSize: 0 }, { batchSize: 26 }, { batchSize: 1.5 }, { batchSize: '5' }, { batchSize: 5, x: 1 }, null])('input %j refused', (input) => {
    expect(() => sendBatch(setup(1), input, link)).toThrow(UserError);
  });

  test('only approved guests; blocked guests get reasons and are never marked', () => {
    const p = setup(5, { before: (q) => {
      const g = q.workbook.get('guests');
      g.grid[1][10] = 'Föreslagen';
      g.grid[2][6] = 'bad address';
      g.grid[3][7] = 'fi';
      g.grid[4][6] = 'G0@EXAMPLE.se '; // same address as G-0001, which is only proposed: allowed
    } });
    const r = runAll(p);
    expect(p.mailer.sent.map((m) => m.to)).toEqual(['G0@EXAMPLE.se', 'g4@example.se']);
    expect(r[r.length - 1].blocked.map((b) => b.id)).toEqual(['G-0002', 'G-0003']);
    expect(statuses(p)).toEqual(['Föreslagen', 'Godkänd', 'Godkänd', 'Inbjuden', 'Inbjuden']);
  });

  test('duplicate address among approved guests is sent once', () => {
    const p = setup(3, { before: (q) => { q.workbook.get('guests').grid[3][6] = ' G0@Example.SE'; } });
    const r = runAll(p);
    expect(p.mailer.sent).toHaveLength(2);
    expect(r[r.length - 1].blocked[0].reasons[0].sv).toContain('G-0001');
  });

  test('a template missing for a language blocks those guests', () => {
    const p = setup(4, { before: (q) => { q.workbook.get('templates').grid.splice(2, 1); } });
    const r = runAll(p);
    expect(p.mailer.sent).toHaveLength(2);
    expect(r[r.length - 1].blocked).toHaveLength(2);
    expect(r[r.length - 1].blocked[0].reasons[0].sv).toContain('ingen mall');
  });

  test('a template row deleted outside the add-on blocks its language until it is reviewed', () => {
    const p = setup(4);
    p.workbook.get('templates').grid.splice(2, 1);
    const r = runAll(p);
    expect(p.mailer.sent.map((m) => m.subject)).toEqual(['Inbjudan till Public Services Summit 2009', 'Inbjudan till Public Services Summit 2009']);
    expect(r[r.length - 1].blocked.map((b) => b.reasons[0].sv)).toEqual([
      expect.stringMatching(/^Mallen för en kan inte användas: Mallar: raden en har tagits bort utanför Summit Planner\. .*Granska ändringar/),
      expect.stringMatching(/^Mallen för en kan inte användas/),
    ]);
  });

  test('quota smaller than the list: sends what fits, says so, rest next day', () => {
    const p = setup(30, { quota: 12 });
    const r = runAll(p, 10);
    expect(p.mailer.sent).toHaveLength(12);
    const last = r[r.length - 1];
    expect(last).toMatchObject({ done: true, quotaLeft: 0, remaining: 18 });
    expect(last.message.sv).toContain('e-postkvot');
    expect(statuses(p).filter((s) => s === 'Godkänd')).toHaveLength(18);
    p.mailer.quota = 100; // next day
    runAll(p, 10);
    expect(p.mailer.sent).toHaveLength(30);
    expect([...mailsTo(p).values()].every((c) => c === 1)).toBe(true);
  });

  test('quota error mid-batch (stale quota figure): not sent, back to Godkänd, nothing failed', () => {
    const p = setup(5);
    p.mailer.quota = 2;
    p.mailer.remainingDailyQuota = () => 50;
    const r = sendBatch(p, { batchSize: 5 }, link);
    expect(r).toMatchObject({ sent: 2, failed: 0, quotaLeft: 0, done: true });
    expect(statuses(p)).toEqual(['Inbjuden', 'Inbjuden', 'Godkänd', 'Godkänd', 'Godkänd']);
  });

  test('per-guest failure: Misslyckad with reason, the run continues; a retry needs a person', () => {
    const p = setup(4);
    p.mailer.failFor = (m) => (m.to === 'g1@example.se' ? 'Invalid email: g1@example.se' : null);
    const r = runAll(p);
    expect(r[0]).toMatchObject({ sent: 3, failed: 1 });
    const rec = p.workbook.get('guests').records()[1];
    expect(rec['Status']).toBe('Misslyckad');
    expect(String(rec['Anteckning'])).toContain('Invalid email');
    expect(sendBatch(p, { batchSize: 10 }, link).sent).toBe(0);
    p.mailer.failFor = undefined;
    resolveGuestSend(p, { id: 'G-0002', to: 'Godkänd' });
    expect(sendBatch(p, { batchSize: 10 }, link).sent).toBe(1);
    expect(p.workbook.get('guests').records()[1]['Anteckning']).toBe('');
  });

  test.each([
    ['Service error: Gmail', 'Osäker'], ['Timed out', 'Osäker'], ['Exception: Server error', 'Osäker'],
    ['Invalid email: g1@example.se', 'Misslyckad'], ['Invalid argument: replyTo', 'Misslyckad'],
    ['Limit Exceeded: Email Recipients Per Message.', 'Misslyckad'],
  ])('an error "%s" from MailApp → %s (only a refusal of the message itself proves nothing left)', (why, status) => {
    const p = setup(3);
    p.mailer.failFor = (m) => (m.to === 'g1@example.se' ? why : null);
    const r = runAll(p);
    expect(statuses(p)[1]).toBe(status);
    expect(String(p.workbook.get('guests').records()[1]['Anteckning'])).toContain(why);
    expect(r.at(-1)).toMatchObject(status === 'Osäker' ? { failed: 0, uncertain: 1 } : { failed: 1, uncertain: 0 });
    // Neither is sent again by the next run.
    p.mailer.failFor = undefined;
    expect(sendBatch(p, { batchSize: 10 }, link).sent).toBe(0);
  });

  test('a dead execution whose journal says "error after send" leaves that guest Osäker with the error, not Misslyckad', () => {
    const p = setup(2);
    p.mailer.failFor = (m) => (m.to === 'g0@example.se' ? 'Service error: Gmail' : null);
    // Die after the batch's final journal write (which holds both outcomes, in one call with the record's pending anchor,
    // after Logg's row count is read), before Gäster is written.
    const trap: Trap = { n: -1, after: true, calls: 0, fired: false, skickarAtCrash: new Set() };
    const dying = crashing(p, trap);
    const wrapped: Ports = { ...dying, mailer: { ...dying.mailer, send: (m) => { try { dying.mailer.send(m); } finally { if (m.to === 'g1@example.se') trap.n = trap.calls + 2; } } } };
    expect(() => sendBatch(wrapped, { batchSize: 10 }, link)).toThrow(Crash);
    expect(statuses(p)).toEqual(['Skickar', 'Skickar']); // died before the record reached Gäster
    p.mailer.failFor = undefined;
    runAll(p);
    expect(statuses(p)).toEqual(['Osäker', 'Inbjuden']);
    expect(String(p.workbook.get('guests').records()[0]['Anteckning'])).toMatch(/Gmail svarade med ett fel \(Service error: Gmail\)/);
  });

  test('a batch holds the lock once, from the pick to the record: the pick\'s marks are in the sheet before the first mail, and no other lock holder runs between', () => {
    const p = setup(5);
    let holds = 0;
    let depth = 0;
    let skickarAtFirstMail: string[] | null = null;
    const watched: Ports = {
      ...p,
      lock: { withLock: (ms, fn) => { holds++; depth++; try { return p.lock.withLock(ms, fn); } finally { depth--; } } },
      mailer: {
        remainingDailyQuota: () => p.mailer.remainingDailyQuota(),
        send: (m) => {
          expect(depth).toBe(1); // every mail under the hold
          skickarAtFirstMail ??= statuses(p);
          p.mailer.send(m);
        },
      },
    };
    const r = sendBatch(watched, { batchSize: 10 }, link);
    expect(r).toMatchObject({ sent: 5, done: true });
    expect(holds).toBe(1);
    expect(skickarAtFirstMail).toEqual(Array(5).fill('Skickar'));
    expect(statuses(p)).toEqual(Array(5).fill('Inbjuden'));
  });

  test('the cap: never more than N mailed, even if more are approved by hand', () => {
    const p = setup(35, { cap: 30 });
    const r = runAll(p, 25);
    expect(p.mailer.sent).toHaveLength(30);
    expect(r[r.length - 1]).toMatchObject({ capLeft: 0, done: true });
  });

  test('hostile names: escaped in HTML, header injection refused', () => {
    const p = setup(2, { before: (q) => {
      const g = q.workbook.get('guests');
      g.grid[1][1] = '<script>alert("x")</script>';
      g.grid[2][1] = "O'Brien\r\nBcc: evil@example.com";
      q.workbook.get('templates').grid[1][1] = 'Hej {{Förnamn}}';
      q.workbook.get('templates').grid[2][1] = 'Hi {{FirstName}}';
    } });
    const r = runAll(p);
    expect(p.mailer.sent).toHaveLength(1);
    expect(p.mailer.sent[0].htmlBody).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(p.mailer.sent[0].htmlBody).not.toContain('<script>');
    expect(r[r.length - 1].blocked.map((b) => b.id)).toEqual(['G-0002']);
  });
});

describe('preview and test send', () => {
  test('preview is exactly what is sent', () => {
    const p = setup(1);
    const pv = previewInvitation(p, { guestId: 'G-0001' }, link);
    runAll(p);
    const m = p.mailer.sent[0];
    expect(pv).toMatchObject({ to: m.to, subject: m.subject, html: m.htmlBody, text: m.textBody, blocked: [], attachments: ['inbjudan.ics'] });
  });
  test('preview of a blocked guest gives reasons', () => {
    const p = setup(1, { before: (q) => { q.workbook.get('guests').grid[1][7] = 'de'; } });
    expect(previewInvitation(p, { guestId: 'G-0001' }, link).blocked).toHaveLength(1);
    expect(() => previewInvitation(p, { guestId: 'G-0009' }, link)).toThrow(UserError);
    expect(() => previewInvitation(setup(1, { user: 'x@y.se' }), { guestId: 'G-0001' }, link)).toThrow(UserError);
  });
  test('test send goes only to me, [TEST], logged, no status change', () => {
    const p = setup(1);
    expect(sendTestInvitation(p, { guestId: 'G-0001' }, link)).toEqual({ to: PL });
    expect(p.mailer.sent).toHaveLength(1);
    expect(p.mailer.sent[0]).toMatchObject({ to: PL, subject: '[TEST] Inbjudan till Public Services Summit 2009' });
    expect(statuses(p)).toEqual(['Godkänd']);
    expect(p.workbook.get('log').records().map((r) => r['Åtgärd']).filter((a) => !['arbetsbok.baslinje', 'beslut.överfört'].includes(String(a)))).toEqual(['inbjudan.test']);
    expect(() => sendTestInvitation(setup(1, { user: 'x@y.se' }), { guestId: 'G-0001' }, link)).toThrow(UserError);
  });
});

// ---------------------------------------------------------------------------
// Crash injection: the Nth port call throws (before or after its effect).

class Crash extends Error {}

interface Trap { n: number; after: boolean; calls: number; fired: boolean; skickarAtCrash: Set<string>; seen?: Point[] }

function crashing(p: MemoryPorts, trap: Trap): Ports {
  const tick = <T>(key: string, fn: () => T): T => {
    trap.calls++;
    trap.seen?.push({ n: trap.calls, key });
    // A dead execution makes no further calls (a catch in the code under test can't revive it).
    if (trap.fired) throw new Crash();
    const hit = !trap.fired && trap.calls === trap.n;
    const snapshot = () => {
      trap.fired = true;
      for (const r of p.workbook.get('guests').records()) if (r['Status'] === 'Skickar') trap.skickarAtCrash.add(String(r['ID']));
    };
    if (hit && !trap.after) { snapshot(); throw new Crash(); }
    const v = fn();
    if (hit) { snapshot(); throw new Crash(); }
    return v;
  };
  const wrapTable = (name: string) => {
    const t = p.workbook.table(name);
    if (!t) return null;
    return {
      sheetName: t.sheetName,
      read: () => tick(`${name}.read`, () => t.read()),
      write: (r: number, c: number, rows: never[][]) => tick(`${name}.write`, () => t.write(r, c, rows)),
      append: (rows: never[][]) => tick(`${name}.append`, () => t.append(rows)),
      lastRow: () => tick(`${name}.lastRow`, () => t.lastRow()),
    };
  };
  return {
    ...p,
    workbook: { table: wrapTable, owner: () => tick('workbook.owner', () => p.workbook.owner()), flush: () => tick('workbook.flush', () => p.workbook.flush()) },
    mailer: { remainingDailyQuota: () => tick('mailer.quota', () => p.mailer.remainingDailyQuota()), send: (m) => tick('mailer.send', () => p.mailer.send(m)) },
    properties: {
      get: (k) => tick('properties.get', () => p.properties.get(k)),
      set: (k, v) => tick('properties.set', () => p.properties.set(k, v)),
      setAll: (values) => tick('properties.setAll', () => p.properties.setAll(values)),
      delete: (k) => tick('properties.delete', () => p.properties.delete(k)),
    },
  };
}

describe('crash injection over a full 30-guest run', () => {
  // npm test takes a sample of the crash points: every class (an effect at its place in the run, a gap between effects),
  // each effect's first and last, seeded (test/support/sample.ts); npm run test:deep (SUMMIT_DEEP=1) takes them all;
  // the mutation run (npm run test:mutation, SUMMIT_MUTATION=1) every 9th, as every line runs about twenty times slower there.
  const deep = process.env.SUMMIT_DEEP === '1';
  const mutation = !deep && process.env.SUMMIT_MUTATION === '1';
  /** The port calls whose death can duplicate or lose something: a write, an append, a mail, a property write. */
  const EFFECT = /\.(write|append|send|set|setAll|delete)$/;
  test(`${deep ? 'every' : mutation ? 'every 9th' : 'a sample of every class of'} crash point (before and after the effect): each guest mailed once or Osäker`, () => {
    // Record the port calls of a clean run (inside the test: a run that fails fails this test, not the file).
    const probe: Trap = { n: -1, after: false, calls: 0, fired: false, skickarAtCrash: new Set(), seen: [] };
    runAll(crashing(setup(30), probe), 10);
    const calls = probe.seen ?? [];
    expect(calls.length).toBeGreaterThan(50);
    // Every point kills the run (the trap's later calls fail): one point of a gap's class only before the first effect (sample.ts).
    const points = deep || !mutation ? samplePoints(calls, EFFECT, 'merge-run', { deep, deaths: true }) : calls.filter((c) => c.n % 9 === 0 || c.n === 1 || c.n === calls.length);
    // Every kind of effect, its first and its last, is among the points.
    if (!mutation) {
      for (const key of new Set(calls.filter((c) => EFFECT.test(c.key)).map((c) => c.key))) {
        const all = calls.filter((c) => c.key === key);
        expect([key, points.includes(all[0]), points.includes(all[all.length - 1])]).toEqual([key, true, true]);
      }
    }
    let osakerRuns = 0;
    for (const { n } of points) {
      for (const after of [false, true]) {
        const p = setup(30);
        const trap: Trap = { n, after, calls: 0, fired: false, skickarAtCrash: new Set() };
        expect(() => runAll(crashing(p, trap), 10)).toThrow(Crash);
        runAll(p, 10); // re-run to completion, resolving nothing
        const mails = mailsTo(p);
        const recs = p.workbook.get('guests').records();
        for (const r of recs) {
          const c = mails.get(String(r['E-post'])) ?? 0;
          const st = String(r['Status']);
          expect(c).toBeLessThanOrEqual(1);
          if (st === 'Osäker') {
            expect(trap.skickarAtCrash.has(String(r['ID']))).toBe(true);
          } else {
            expect([n, after, r['ID'], st, c]).toEqual([n, after, r['ID'], 'Inbjuden', 1]);
          }
        }
        const unc = recs.filter((r) => r['Status'] === 'Osäker');
        expect(unc.length).toBeLessThanOrEqual(1); // only the one mail in flight
        if (unc.length) osakerRuns++;
      }
    }
    expect(osakerRuns).toBeGreaterThan(0);
  });

  test('Osäker is never re-sent; a person resolves it', () => {
    // Crash right after the first mail leaves (before its outcome is journalled).
    const p = setup(3);
    const trap: Trap = { n: -1, after: true, calls: 0, fired: false, skickarAtCrash: new Set() };
    const probeRun = crashing(p, trap);
    // Find the first mailer.send call: crash right after its effect.
    const wrapped: Ports = { ...probeRun, mailer: { ...probeRun.mailer, send: (m) => { trap.n = trap.calls + 1; probeRun.mailer.send(m); } } };
    expect(() => sendBatch(wrapped, { batchSize: 10 }, link)).toThrow(Crash);
    expect(p.mailer.sent).toHaveLength(1);
    const r = runAll(p);
    expect(r[0].uncertain).toBe(1);
    expect(statuses(p)).toEqual(['Osäker', 'Inbjuden', 'Inbjuden']);
    expect(p.mailer.sent).toHaveLength(3);
    runAll(p);
    expect(p.mailer.sent).toHaveLength(3);
    expect(() => resolveGuestSend(setup(0, { user: SG }), { id: 'G-0001', to: 'Inbjuden' })).toThrow(UserError);
    resolveGuestSend(p, { id: 'G-0001', to: 'Inbjuden' });
    expect(statuses(p)[0]).toBe('Inbjuden');
    expect(p.workbook.get('log').records().some((x) => x['Åtgärd'] === 'gäst.bekräftad-skickad')).toBe(true);
  });
});

describe('concurrency', () => {
  test('a second run right after each hold of the first (another person pressing send): each invitation once, nobody Osäker', () => {
    const p = setup(30);
    const inner: SendProgress[] = [];
    const lock = {
      withLock<T>(ms: number, fn: () => T): T {
        const v = p.lock.withLock(ms, fn);
        // As soon as the first run lets go of the lock, the other person's batch goes in full.
        const r = sendBatch(p, { batchSize: 10 }, link);
        inner.push(r);
        return v;
      },
    };
    const first: SendProgress[] = [];
    for (let i = 0; i < 10; i++) { const r = sendBatch({ ...p, lock }, { batchSize: 10 }, link); first.push(r); if (r.done) break; }
    runAll(p);
    expect(p.mailer.sent).toHaveLength(30);
    expect([...mailsTo(p).values()].every((c) => c === 1)).toBe(true);
    expect(statuses(p).filter((s) => s !== 'Inbjuden')).toHaveLength(0);
    // Both runs sent: the holds alternated, and neither took the other's picked guests.
    expect(first.reduce((a, r) => a + r.sent, 0)).toBeGreaterThan(0);
    expect(inner.reduce((a, r) => a + r.sent, 0)).toBeGreaterThan(0);
    expect(first.reduce((a, r) => a + r.sent, 0) + inner.reduce((a, r) => a + r.sent, 0)).toBe(30);
  });

  test('a held lock makes the second run wait/fail, never send', () => {
    const p = setup(3);
    p.lock.held = true;
    expect(() => sendBatch(p, { batchSize: 10 }, link)).toThrow();
    expect(p.mailer.sent).toHaveLength(0);
  });
});
