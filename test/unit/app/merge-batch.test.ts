/**
 * One send batch from the pick to the record (src/app/merge.ts: pickBatch, mailEach, sendPicked): what each
 * outcome writes back to Gäster and Logg, what the batch reports (counts, quota, cap, done, the message the
 * sidebar shows), the write-ahead journal each guest's mail is attempted under, and the reason a MailApp
 * error leaves in the guest's note.
 */
import { attemptingFirst, JOURNAL_KEY, mailEach, pickedRows, readJournal, sendBatch, type SendJournal } from '../../../src/app/merge';
import { checkTable, Journal } from '../../../src/app/journal';
import type { MailMessage } from '../../../src/app/ports';
import { COL, guests, link, logged, notes, setup, statuses } from './merge-fixture';
import type { MemoryPorts } from '../../support/memory';

const NOW = '2009-11-02T08:00:00.000Z';
const QUOTA_ERROR = 'Service invoked too many times for one day: email.';
const batch = (p: MemoryPorts, batchSize = 10) => sendBatch(p, { batchSize }, link);
const sentAt = (p: MemoryPorts) => guests(p).map((r) => (r['Skickad'] instanceof Date ? r['Skickad'].toISOString() : String(r['Skickad'])));
const uncertain = (why: string) => `Gmail svarade med ett fel (${why}) – okänt om mejlet gick iväg. Kontrollera Skickat och välj Bekräfta skickad eller Skicka igen.`;
/** MailApp's error for these addresses (the memory mailer throws it as MailApp would). */
const failing = (p: MemoryPorts, errors: Record<string, string>) => {
  const tried: string[] = [];
  p.mailer.failFor = (m) => { tried.push(m.to); return errors[m.to] ?? null; };
  return tried;
};

describe('a batch records every outcome', () => {
  test('sent, refused, uncertain, stopped by the quota, not tried: status, Skickad, note and Logg of each', () => {
    const p = setup(5);
    const tried = failing(p, { 'g1@example.se': 'Invalid email: g1@example.se', 'g2@example.se': 'Timed out', 'g3@example.se': QUOTA_ERROR });
    const r = batch(p);
    // After the day's quota ran out nothing more is tried.
    expect(tried).toEqual(['g0@example.se', 'g1@example.se', 'g2@example.se', 'g3@example.se']);
    expect(statuses(p)).toEqual(['Inbjuden', 'Misslyckad', 'Osäker', 'Godkänd', 'Godkänd']);
    // Back to waiting: Skickad cleared; the rest keep when their mail was attempted.
    expect(sentAt(p)).toEqual([NOW, NOW, NOW, '', '']);
    expect(notes(p)).toEqual(['', '[Utskick] Invalid email: g1@example.se', `[Utskick] ${uncertain('Timed out')}`, '', '']);
    const status = (s: string, skäl?: string) => JSON.stringify({ ...(skäl === undefined ? {} : { Skäl: skäl }), Status: s });
    const ids = ['G-0001', 'G-0002', 'G-0003', 'G-0004', 'G-0005'];
    expect(logged(p)).toEqual([
      ...ids.map((object) => ({ action: 'gäst.skickar', object, before: status('Godkänd'), after: status('Skickar') })),
      { action: 'gäst.inbjuden', object: 'G-0001', before: status('Skickar'), after: status('Inbjuden') },
      { action: 'gäst.misslyckad', object: 'G-0002', before: status('Skickar'), after: status('Misslyckad', 'Invalid email: g1@example.se') },
      { action: 'gäst.osäker', object: 'G-0003', before: status('Skickar'), after: status('Osäker', 'Timed out') },
      { action: 'gäst.ej-skickad', object: 'G-0004', before: status('Skickar'), after: status('Godkänd') },
      { action: 'gäst.ej-skickad', object: 'G-0005', before: status('Skickar'), after: status('Godkänd') },
    ]);
    expect(r).toEqual({
      sent: 1, failed: 1, uncertainNow: 1, remaining: 2, uncertain: 1, blocked: [], quotaLeft: 0, capLeft: 28, done: true,
      message: {
        sv: '1 inbjudan skickad, 1 misslyckades, 1 osäker (Gmail svarade med ett fel; kontrollera Skickat); 2 kvar. '
          + 'Dagens e-postkvot är slut; 2 inbjudningar väntar. Kvoten fylls på inom ett dygn – kör Skicka inbjudningar igen i morgon. Inget skickas dubbelt.',
        en: '1 invitation sent, 1 failed, 1 uncertain (Gmail answered with an error; check Sent); 2 left. '
          + "Today's e-mail quota is used up; 2 invitations are waiting. It refills within 24 hours – run Send invitations again tomorrow. Nothing is sent twice.",
      },
    });
    expect(readJournal(p)).toMatchObject({ token: '', s: {} });
  });

  test('an uncertain outcome counts as handled and takes its place under the cap: the batch\'s figures and the next batch\'s', () => {
    const p = setup(4);
    failing(p, { 'g0@example.se': 'Service error: Gmail' });
    const first = batch(p, 2);
    // The Osäker guest may have got the mail: 30 − 2 places left, as the next batch's pick counts them.
    expect(first).toMatchObject({ sent: 1, failed: 0, uncertainNow: 1, remaining: 2, uncertain: 1, quotaLeft: 1499, capLeft: 28, done: false });
    expect(first.message.en).toBe('1 invitation sent, 1 uncertain (Gmail answered with an error; check Sent); 2 left.');
    const second = batch(p, 2);
    expect(second).toMatchObject({ sent: 2, uncertainNow: 0, remaining: 0, uncertain: 1, quotaLeft: 1497, capLeft: 26, done: true });
  });

  test('MailApp\'s error is kept on one line of the note and Logg, cut to 150 characters', () => {
    const p = setup(2);
    const why = `Invalid email: g0@example.se\r\nat line 2\n${'x'.repeat(200)}`;
    failing(p, { 'g0@example.se': why });
    batch(p);
    const kept = `Invalid email: g0@example.se at line 2 ${'x'.repeat(200)}`.slice(0, 150);
    expect(notes(p)[0]).toBe(`[Utskick] ${kept}`);
    expect(JSON.parse(logged(p).find((l) => l.action === 'gäst.misslyckad')!.after)).toEqual({ Skäl: kept, Status: 'Misslyckad' });
  });
});

describe('when a batch is done, and what it says', () => {
  test('the quota sent out exactly: done, no quota sentence (nothing waits)', () => {
    const p = setup(3, { quota: 3 });
    const r = batch(p);
    expect(r).toMatchObject({ sent: 3, remaining: 0, quotaLeft: 0, done: true });
    expect(r.message.en).toBe('3 invitations sent; 0 left.');
  });

  test('the cap reached by this batch: done with guests still waiting; the next batch says the cap is reached', () => {
    const p = setup(5, { cap: 3 });
    const r = batch(p, 3);
    expect(r).toMatchObject({ sent: 3, remaining: 2, quotaLeft: 1497, capLeft: 0, done: true });
    expect(r.message.en).toBe('3 invitations sent; 2 left.');
    expect(batch(p, 3)).toMatchObject({ sent: 0, remaining: 2, capLeft: 0, done: true, message: { en: 'The cap (3 invited) is reached; 2 approved guests are waiting.' } });
  });

  test('the cap filled by a sent and an uncertain mail: done, no place left (the uncertain one may have gone out)', () => {
    const p = setup(3, { cap: 2 });
    failing(p, { 'g1@example.se': 'Timed out' });
    expect(batch(p)).toMatchObject({ sent: 1, uncertainNow: 1, remaining: 1, capLeft: 0, done: true });
    expect(statuses(p)).toEqual(['Inbjuden', 'Osäker', 'Godkänd']);
  });

  test('no quota left before the batch: nothing marked, the quota named with who waits', () => {
    const p = setup(3, { quota: 0 });
    const r = batch(p);
    expect(r).toMatchObject({ sent: 0, remaining: 3, quotaLeft: 0, done: true });
    expect(r.message.en).toMatch(/^Today's e-mail quota is used up; 3 invitations are waiting\./);
    expect(statuses(p)).toEqual(['Godkänd', 'Godkänd', 'Godkänd']);
  });

  test('everyone invited, or only blocked guests left: said so, nothing sent', () => {
    const p = setup(2);
    batch(p);
    expect(batch(p)).toMatchObject({ sent: 0, remaining: 0, done: true, message: { en: 'Every approved guest has been invited.' } });
    const q = setup(2, { before: (x) => { for (const row of x.workbook.get('guests').grid.slice(1)) row[COL.language] = 'fi'; } });
    expect(batch(q)).toMatchObject({ sent: 0, remaining: 0, done: true, message: { en: 'Nothing to send: 2 approved guests are blocked (see the reasons).' } });
    expect(q.mailer.sent).toHaveLength(0);
  });
});

describe('the write-ahead journal each mail is attempted under', () => {
  test('at each mail the journal says that guest is being attempted and holds the earlier guests\' outcomes', () => {
    const p = setup(3);
    const seen: Record<string, string>[] = [];
    p.mailer.failFor = () => { seen.push({ ...readJournal(p)!.s }); return null; };
    batch(p);
    expect(seen).toEqual([
      { 'G-0001': 'a', 'G-0002': 'q', 'G-0003': 'q' },
      { 'G-0001': 's', 'G-0002': 'a', 'G-0003': 'q' },
      { 'G-0001': 's', 'G-0002': 's', 'G-0003': 'a' },
    ]);
  });

  /** mailEach on its own, given the journal as the pick wrote it: every guest 'q', stored with the first one 'a' (attemptingFirst). */
  const each = (build: (id: string) => MailMessage | null | 'skip', errors: Record<string, string> = {}) => {
    const p = setup(0);
    const j: SendJournal = { token: 't', at: NOW, s: { A: 'q', B: 'q', C: 'q' } };
    p.properties.set(JOURNAL_KEY, attemptingFirst(j, 'A'));
    const writes: Record<string, string>[] = [];
    const set = p.properties.set.bind(p.properties);
    p.properties.set = (k, v) => { writes.push({ ...(JSON.parse(v) as SendJournal).s }); set(k, v); };
    const tried = failing(p, errors);
    const r = mailEach(p, JOURNAL_KEY, j, ['A', 'B', 'C'], build);
    return { ...r, j: j.s, writes, tried, p };
  };
  const mail = (id: string): MailMessage => ({ to: `${id.toLowerCase()}@example.se`, subject: 'S', htmlBody: 'h', textBody: 't' });

  test('the first guest\'s entry takes no write of its own (the pick stored it); each later guest\'s one write carries the one before', () => {
    const r = each(mail);
    expect(r.writes).toEqual([{ A: 's', B: 'a', C: 'q' }, { A: 's', B: 's', C: 'a' }]);
    expect([...r.outcome]).toEqual([['A', 's'], ['B', 's'], ['C', 's']]);
    expect(r.j).toEqual({ A: 's', B: 's', C: 's' });
    expect(r.stop).toBe(false);
  });

  test('a guest no longer this batch\'s is skipped: not mailed, no outcome; the first one\'s stored "attempting" goes back to queued', () => {
    const r = each((id) => (id === 'A' || id === 'C' ? 'skip' : mail(id)));
    expect(r.tried).toEqual(['b@example.se']);
    expect([...r.outcome]).toEqual([['B', 's']]);
    expect(r.j).toEqual({ A: 'q', B: 's', C: 'q' });
    expect(r.writes).toEqual([{ A: 'q', B: 'a', C: 'q' }]);
    expect(readJournal(r.p)?.s).toEqual({ A: 'q', B: 'a', C: 'q' }); // the stored "attempting" of A is gone; B's outcome rides on the record's write
  });

  test('a guest whose mail can\'t be built now goes back to waiting, untried; after a quota error nobody more is tried', () => {
    const r = each((id) => (id === 'A' ? null : mail(id)), { 'b@example.se': QUOTA_ERROR });
    expect(r.tried).toEqual(['b@example.se']);
    expect([...r.outcome]).toEqual([['A', 'n'], ['B', 'n'], ['C', 'n']]);
    expect(r.j).toEqual({ A: 'n', B: 'n', C: 'n' });
    expect(r.stop).toBe(true);
  });
});

describe('pickedRows', () => {
  test('a picked guest is found at the row the pick left them; a row that holds someone else, or none, is left out', () => {
    const p = setup(3);
    const check = checkTable(new Journal(p), 'guests');
    const rows = pickedRows(check, ['G-0001', 'G-0002', 'G-0003'], new Map([['G-0001', 0], ['G-0002', 2], ['G-0003', 7]]));
    expect([...rows.keys()]).toEqual(['G-0001']);
    expect(rows.get('G-0001')).toMatchObject({ index: 0, guest: { id: 'G-0001', email: 'g0@example.se' }, unverified: null });
  });
});
