/**
 * A send batch that died (src/app/merge.ts, pickBatch and recoveryOf): the next batch settles every 'Skickar'
 * row by the dead batch's journal entry, as the design at the top of merge.ts promises: 'q'/'n' back to
 * Godkänd (never attempted, Skickad cleared), 's' Inbjuden, 'f:…' Misslyckad with the reason, 'u:…' Osäker
 * with Gmail's error, 'a' or no entry Osäker (a person checks Skickat; never retried blindly). A row waiting
 * for review is never written: its entry is carried for the batch after the review. A journal not of the
 * add-on's shape is trusted for nothing.
 */
import { JOURNAL_KEY, readJournal, sendBatch } from '../../../src/app/merge';
import { COL, guests, link, logged, notes, setup, statuses } from './merge-fixture';
import type { MemoryPorts } from '../../support/memory';

const DIED_AT = new Date('2009-11-01T10:00:00Z');
const NOW = new Date('2009-11-02T08:00:00Z');
const ABORTED = 'Utskicket avbröts – okänt om mejlet gick iväg. Kontrollera Skickat och välj Bekräfta skickad eller Skicka igen.';
const gmailSaid = (why: string) => `Gmail svarade med ett fel (${why}) – okänt om mejlet gick iväg. Kontrollera Skickat och välj Bekräfta skickad eller Skicka igen.`;

/** `n` guests, those of `skickar` (0-based) left 'Skickar' by a dead batch at DIED_AT, each with a note a person typed. */
function died(n: number, skickar: readonly number[], o: { quota?: number } = {}): MemoryPorts {
  return setup(n, { quota: o.quota, before: (q) => {
    const g = q.workbook.get('guests').grid;
    for (const i of skickar) {
      g[i + 1][COL.status] = 'Skickar';
      g[i + 1][COL.sentAt] = DIED_AT;
      g[i + 1][COL.note] = 'Ring först';
    }
  } });
}
const journalOf = (p: MemoryPorts, s: Record<string, string>, token = 'dead') =>
  p.properties.set(JOURNAL_KEY, JSON.stringify({ token, at: DIED_AT.toISOString(), s }));
const sentAt = (p: MemoryPorts) => guests(p).map((r) => (r['Skickad'] instanceof Date ? r['Skickad'].toISOString() : String(r['Skickad'])));
const batch = (p: MemoryPorts, batchSize = 10) => sendBatch(p, { batchSize }, link);
/** Hand-edits a guest's note after set-up: the row waits for review (and is put back by writing the sealed note). */
const typeNote = (p: MemoryPorts, i: number, note: string) => { p.workbook.get('guests').grid[i + 1][COL.note] = note; };

test('each Skickar row is settled by its journal entry: status, Skickad, the [Utskick] note and Logg', () => {
  const p = died(7, [0, 1, 2, 3, 4, 5, 6], { quota: 0 }); // no quota: this batch only settles, sends nothing
  journalOf(p, { 'G-0001': 'q', 'G-0002': 'n', 'G-0003': 's', 'G-0004': 'f:Invalid email: g3@example.se', 'G-0005': 'u:Timed out', 'G-0006': 'a' });
  const r = batch(p);
  expect(statuses(p)).toEqual(['Godkänd', 'Godkänd', 'Inbjuden', 'Misslyckad', 'Osäker', 'Osäker', 'Osäker']);
  // Only a guest never attempted goes back to waiting, and only then is Skickad cleared.
  const d = DIED_AT.toISOString();
  expect(sentAt(p)).toEqual(['', '', d, d, d, d, d]);
  expect(notes(p)).toEqual([
    'Ring först', 'Ring först', 'Ring först',
    '[Utskick] Invalid email: g3@example.se\nRing först',
    `[Utskick] ${gmailSaid('Timed out')}\nRing först`,
    `[Utskick] ${ABORTED}\nRing först`,
    `[Utskick] ${ABORTED}\nRing först`, // no entry: as 'a' (the journal lost or never written)
  ]);
  const settled = (to: string) => ({ before: JSON.stringify({ Status: 'Skickar' }), after: JSON.stringify({ Status: to }) });
  expect(logged(p)).toEqual([
    { action: 'gäst.återhämtad', object: 'G-0001', ...settled('Godkänd') },
    { action: 'gäst.återhämtad', object: 'G-0002', ...settled('Godkänd') },
    { action: 'gäst.återhämtad', object: 'G-0003', ...settled('Inbjuden') },
    { action: 'gäst.återhämtad', object: 'G-0004', ...settled('Misslyckad') },
    { action: 'gäst.osäker', object: 'G-0005', ...settled('Osäker') },
    { action: 'gäst.osäker', object: 'G-0006', ...settled('Osäker') },
    { action: 'gäst.osäker', object: 'G-0007', ...settled('Osäker') },
  ]);
  // The two back to waiting are waiting; the three Osäker are counted for a person to check.
  expect(r).toMatchObject({ sent: 0, remaining: 2, uncertain: 3, done: true });
  expect(p.mailer.sent).toHaveLength(0);
  // Nothing was left to carry: the dead batch's journal is gone.
  expect(p.properties.get(JOURNAL_KEY)).toBeNull();
});

test('a guest the dead batch never attempted is sent by the next batch, once; the one it sent is not sent again', () => {
  const p = died(3, [0, 1]);
  journalOf(p, { 'G-0001': 'q', 'G-0002': 's' });
  const r = batch(p);
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g0@example.se', 'g2@example.se']);
  expect(statuses(p)).toEqual(['Inbjuden', 'Inbjuden', 'Inbjuden']);
  expect(sentAt(p)).toEqual([NOW.toISOString(), DIED_AT.toISOString(), NOW.toISOString()]);
  expect(r).toMatchObject({ sent: 2, remaining: 0, uncertain: 0, done: true });
});

test('Skickar rows with no journal at all (the property lost): every one Osäker, none mailed', () => {
  const p = died(3, [0, 2]);
  const r = batch(p);
  expect(statuses(p)).toEqual(['Osäker', 'Inbjuden', 'Osäker']);
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g1@example.se']);
  expect(r).toMatchObject({ sent: 1, uncertain: 2 });
});

test.each([
  ['a token that is no string', JSON.stringify({ token: 5, at: '', s: { 'G-0001': 'q' } })],
  ['no entries', JSON.stringify({ token: 'dead', at: '' })],
  ['null entries', JSON.stringify({ token: 'dead', at: '', s: null })],
  ['no JSON', '{"token":"dead","s":{"G-0001":"q"'],
])('a journal with %s is trusted for nothing: the Skickar row is Osäker, not sent again', (_why, raw) => {
  const p = died(1, [0]);
  p.properties.set(JOURNAL_KEY, raw);
  expect(readJournal(p)).toBeNull();
  batch(p);
  expect(statuses(p)).toEqual(['Osäker']);
  expect(p.mailer.sent).toHaveLength(0);
});

test('a Skickar row waiting for review is not written; its entry is carried beside the new batch\'s until the review', () => {
  const p = died(3, [0, 2]);
  journalOf(p, { 'G-0001': 's' }); // G-0003 has no entry
  typeNote(p, 0, 'Ring först, sedan mejl');
  typeNote(p, 2, 'Ring först, sedan mejl');
  const r = batch(p);
  // Only G-0002 is sent; the rows waiting for review keep what the sheet shows.
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g1@example.se']);
  expect(statuses(p)).toEqual(['Skickar', 'Inbjuden', 'Skickar']);
  expect(notes(p)).toEqual(['Ring först, sedan mejl', '', 'Ring först, sedan mejl']);
  expect(logged(p).map((l) => [l.action, l.object])).toEqual([['gäst.skickar', 'G-0002'], ['gäst.inbjuden', 'G-0002']]);
  expect(r).toMatchObject({ sent: 1, done: true });
  // The carried entry (and no made-up one for the row that had none) waits in the journal.
  expect(readJournal(p)?.s).toEqual({ 'G-0001': 's' });
  // The note put back as sealed: the next batch settles both by what the journal says.
  typeNote(p, 0, 'Ring först');
  typeNote(p, 2, 'Ring först');
  batch(p);
  expect(statuses(p)).toEqual(['Inbjuden', 'Inbjuden', 'Osäker']);
  expect(p.mailer.sent).toHaveLength(1);
  expect(readJournal(p)).toBeNull();
});

test('a batch with only a carried entry and nobody to send keeps the entry and says everyone is invited', () => {
  const p = died(1, [0]);
  journalOf(p, { 'G-0001': 'q' });
  typeNote(p, 0, 'Ändrad för hand');
  const r = batch(p);
  expect(r).toMatchObject({ sent: 0, done: true, message: { sv: 'Alla godkända gäster har fått sin inbjudan.' } });
  expect(readJournal(p)?.s).toEqual({ 'G-0001': 'q' });
  expect(statuses(p)).toEqual(['Skickar']);
  expect(p.mailer.sent).toHaveLength(0);
});

test('a journal whose rows are settled already is removed by a batch with nothing to do; an emptied one is left alone', () => {
  const p = setup(2, { status: 'Inbjuden' });
  journalOf(p, { 'G-0001': 's' });
  batch(p);
  expect(p.properties.get(JOURNAL_KEY)).toBeNull();
  // A batch's own settled journal (no entries) stands for none: a batch with nothing to do writes no property.
  const emptied = JSON.stringify({ token: '', at: DIED_AT.toISOString(), s: {} });
  p.properties.set(JOURNAL_KEY, emptied);
  const set = jest.spyOn(p.properties, 'set');
  const setAll = jest.spyOn(p.properties, 'setAll');
  const del = jest.spyOn(p.properties, 'delete');
  expect(batch(p)).toMatchObject({ sent: 0, done: true });
  expect(p.properties.get(JOURNAL_KEY)).toBe(emptied);
  expect([set.mock.calls, del.mock.calls, setAll.mock.calls.filter(([v]) => JOURNAL_KEY in v)]).toEqual([[], [], []]);
});
