/**
 * Per-item counts (issue 10): Översikt's item section (formulas over Gäster) says what the Program sidebar
 * says (itemCounts over the journal's Gäster) for invited / yes / no / not answered / seats left, after
 * overall answers, per-item answers, a cancellation and an open offer. Run from the built Code.js.
 */
import { CODE, NOBODY, PL, STY, api, logActions, run, snapshot } from '../support/bundle';
import { inProcess, sealedWrite } from '../support/inprocess';
import { Journal, Tx, checkTable } from '../../src/app/journal';
import { itemCells } from '../../src/app/program';
import { checkItem } from '../../src/core/program';
import { SEAL_HEADER } from '../../src/core/seal';
import { sendAll, workbookWithGuests } from '../support/invitations';
import { mulberry32 } from '../support/sample';
import type { ProgramView } from '../../src/app/program';
import type { Emulator } from '../../src/sandbox/emulator';

const must = <T>(r: { ok: true; data: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.data;
};
/** Översikt's item rows by ID: [invited, yes, no, not answered, seats left]. */
function sheetCounts(emu: Emulator): Map<string, unknown[]> {
  const rows = emu.sheetValues('Översikt');
  const at = rows.findIndex((r) => r[0] === 'Programpunkt');
  expect(rows[at].slice(5, 10)).toEqual(['Inbjudna', 'Tackat ja', 'Tackat nej', 'Ej svarat', 'Platser kvar']);
  return new Map(rows.slice(at + 1).filter((r) => /^P-\d+$/.test(String(r[0]))).map((r) => [String(r[0]), r.slice(5, 10)]));
}
function sidebarCounts(emu: Emulator): Map<string, unknown[]> {
  const v = must(api<ProgramView>(emu, 'getProgram', [], STY));
  return new Map(v.items.map((i) => [i.id, [i.counts.invited, i.counts.yes, i.counts.no, i.counts.notAnswered, i.counts.seatsLeft ?? 'obegränsat']]));
}

test('Översikt counts each item as the Program sidebar does', () => {
  const emu = workbookWithGuests(5); // each invited to the conference's two days (P-001, P-002) and the dinner (P-003)
  const dinner = must(api<ProgramView>(emu, 'getProgram', [], PL)).items.find((i) => i.id === 'P-003')!;
  const { id, title, type, date, start, end, place, organiser, responsible, category, note } = dinner;
  must(api(emu, 'saveProgramItem', [{ id, title, type, date, start, end, place, organiser, responsible, category, note, capacity: '3' }], PL));
  expect(sheetCounts(emu).get('P-003')).toEqual([0, 0, 0, 0, 3]); // approved, not yet mailed: not invited
  sendAll(emu);
  expect(sheetCounts(emu)).toEqual(sidebarCounts(emu));
  expect(sheetCounts(emu).get('P-001')).toEqual([5, 0, 0, 5, 'obegränsat']);

  // As the RSVP page and the offers leave Gäster (sealed): an overall yes, per-item answers, a cancellation
  // that overrides them, an open offer of a dinner seat (it holds the seat).
  const set = (id: string, values: Record<string, string>) => sealedWrite(emu, PL, 'guests', id, values);
  set('G-0001', { Status: 'Tackat ja' });
  set('G-0002', { Status: 'Tackat ja', 'Svar per punkt': 'P-001: ja; P-002: nej; P-003: nej' });
  set('G-0003', { Status: 'Återbud', 'Svar per punkt': 'P-001: ja; P-003: ja' });
  set('G-0004', { Status: 'Tackat ja', 'Svar per punkt': 'P-003: ja' });
  set('G-0005', { 'Svar per punkt': 'P-003: erbjuden 2099-12-01T12:00:00.000Z' });
  const sheet = sheetCounts(emu);
  expect(sheet).toEqual(sidebarCounts(emu));
  expect(sheet.get('P-001')).toEqual([5, 2, 1, 2, 'obegränsat']);
  expect(sheet.get('P-002')).toEqual([5, 1, 2, 2, 'obegränsat']);
  expect(sheet.get('P-003')).toEqual([5, 2, 2, 1, 0]); // 3 seats: two yes, one held by the offer
});

// ---------------------------------------------------------------------------
// Exact for any number of items (issue 10): IDs that are prefixes of each other, 200 items, an item added
// after set-up, an item deleted; and the counts equal to the sidebar's after random answers.

/** Program items with the given IDs, as Granska ändringar seals rows typed on the sheet (any P-digits ID), in one transaction. */
function addItems(emu: Emulator, ids: readonly string[], capacity: (id: string) => string = () => ''): void {
  inProcess(emu, PL, (ports) => ports.lock.withLock(5000, () => {
    const journal = new Journal(ports);
    const c = checkTable(journal, 'program');
    const tx = new Tx(journal);
    for (const id of ids) {
      const checked = checkItem({
        title: `Punkt ${id}`, type: 'plenarsession', date: '2009-12-08', start: '10:00', end: '11:00', place: '', organiser: 'staden',
        responsible: '', capacity: capacity(id), category: '', status: 'förslag', note: '',
      }, id, { startDate: '2009-12-08', endDate: '2009-12-09' });
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      tx.put(c, null, itemCells(checked.item), { action: 'test.förberedd', object: id });
    }
    tx.commit();
  }));
}
const COLLIDING = ['P-1', 'P-10', 'P-100', 'P-1000', 'P-11', 'P-110', 'P-01', 'P-101'];
const setGuest = (emu: Emulator, id: string, values: Record<string, string>) => sealedWrite(emu, PL, 'guests', id, values);

test('an item whose ID begins another\'s (P-1, P-10, P-100, P-1000) counts only its own guests and answers', () => {
  const emu = workbookWithGuests(4);
  addItems(emu, COLLIDING, (id) => (id === 'P-10' ? '2' : ''));
  setGuest(emu, 'G-0001', { Evenemang: 'P-1000', Status: 'Inbjuden', 'Svar per punkt': '' });
  setGuest(emu, 'G-0002', { Evenemang: 'P-100; P-10', Status: 'Tackat ja', 'Svar per punkt': 'P-100: ja; P-10: nej' });
  setGuest(emu, 'G-0003', { Evenemang: 'P-11; P-1; P-110', Status: 'Tackat nej', 'Svar per punkt': '' });
  setGuest(emu, 'G-0004', { Evenemang: 'P-101; P-10; P-01', Status: 'Tackat ja', 'Svar per punkt': 'P-101: nej; P-10: ja; P-01: erbjuden 2099-12-01T12:00:00.000Z' });
  const sheet = sheetCounts(emu);
  expect(sheet).toEqual(sidebarCounts(emu));
  expect(sheet.get('P-1')).toEqual([1, 0, 1, 0, 'obegränsat']);
  expect(sheet.get('P-10')).toEqual([2, 1, 1, 0, 1]);
  expect(sheet.get('P-100')).toEqual([1, 1, 0, 0, 'obegränsat']);
  expect(sheet.get('P-1000')).toEqual([1, 0, 0, 1, 'obegränsat']);
  expect(sheet.get('P-01')).toEqual([1, 0, 0, 1, 'obegränsat']); // an open offer is not an answer
  expect(sheet.get('P-110')).toEqual([1, 0, 1, 0, 'obegränsat']);
});

test('200 items: set-up lays Översikt out for all of them, and each counts exactly', () => {
  const emu = workbookWithGuests(3);
  const have = sidebarCounts(emu).size; // the items set-up carried over (P-001 …)
  addItems(emu, Array.from({ length: 200 - have }, (_, i) => `P-${200 - i}`)); // P-200 down: IDs that are prefixes of each other (P-2, P-20, P-200)
  run(emu, 'menuSetup', [], { user: PL });
  const laidOut = snapshot(emu, true);
  run(emu, 'menuSetup', [], { user: PL });
  expect(snapshot(emu, true)).toBe(laidOut); // set-up again finds it current: nothing written
  setGuest(emu, 'G-0001', { Evenemang: 'P-20; P-200', Status: 'Tackat ja', 'Svar per punkt': 'P-20: nej; P-200: ja' });
  setGuest(emu, 'G-0002', { Evenemang: 'P-199; P-100', Status: 'Inbjuden' });
  setGuest(emu, 'G-0003', { Evenemang: 'P-002; P-19', Status: 'Återbud' });
  const sheet = sheetCounts(emu);
  expect(sheet.size).toBe(200);
  expect(sheet).toEqual(sidebarCounts(emu));
  expect(sheet.get('P-200')).toEqual([1, 1, 0, 0, 'obegränsat']);
  expect(sheet.get('P-20')).toEqual([1, 0, 1, 0, 'obegränsat']);
  expect(sheet.get('P-19')).toEqual([1, 0, 1, 0, 'obegränsat']);
  expect(sheet.get('P-199')).toEqual([1, 0, 0, 1, 'obegränsat']);
  expect(sheet.get('P-100')).toEqual([1, 0, 0, 1, 'obegränsat']);
  expect(sheet.get('P-10')).toEqual([0, 0, 0, 0, 'obegränsat']);
});

test('an item added in the sidebar past Översikt\'s rows grows the section (the users\' note below moves down); a deleted one leaves it', () => {
  const emu = workbookWithGuests(2);
  addItems(emu, Array.from({ length: 40 - sidebarCounts(emu).size }, (_, i) => `P-${i + 10}`)); // 40 items: the smallest layout's rows, all taken
  const rows = () => emu.sheetValues('Översikt');
  const note = rows().length + 2;
  emu.fireEdit(CODE, { sheet: 'Översikt', row: note, col: 1, values: [['Egen anteckning under tabellen']], user: PL });
  expect(sheetCounts(emu).size).toBe(40);
  const dinner = must(api<ProgramView>(emu, 'getProgram', [], PL)).items.find((i) => i.id === 'P-003')!;
  const { type, date, start, end, place, organiser, responsible, category, note: itemNote } = dinner;
  const added = must(api<{ id: string }>(emu, 'saveProgramItem', [{ title: 'Studiebesök', type, date, start, end, place, organiser, responsible, category, note: itemNote, capacity: '1' }], PL));
  setGuest(emu, 'G-0001', { Evenemang: `P-11; ${added.id}`, Status: 'Tackat ja', 'Svar per punkt': `P-11: nej; ${added.id}: ja` });
  const sheet = sheetCounts(emu);
  expect(sheet.size).toBe(41);
  expect(sheet.get(added.id)).toEqual([1, 1, 0, 0, 0]);
  expect(sheet).toEqual(sidebarCounts(emu));
  expect(rows().findIndex((r) => r[0] === 'Egen anteckning under tabellen')).toBe(note - 1 + 20); // the section grew by 20 rows
  expect(logActions(emu).filter((a) => a === 'arbetsbok.konfigurerad')).toHaveLength(1); // growing is not a set-up

  // Deleting an item (nobody invited) empties its Program row: Översikt's row goes blank, the others stay exact.
  must(api(emu, 'deleteProgramItem', [{ id: 'P-10' }], PL));
  const after = sheetCounts(emu);
  expect(after.has('P-10')).toBe(false);
  expect(after.size).toBe(40);
  expect(after).toEqual(sidebarCounts(emu));
});

test('a Program row pasted on the sheet past Översikt\'s rows is shown there at once (the section grows in onEdit), waiting for review; confirmed, it counts as the sidebar does', () => {
  const emu = workbookWithGuests(1);
  addItems(emu, Array.from({ length: 40 - sidebarCounts(emu).size }, (_, i) => `P-${i + 10}`));
  const program = emu.sheetValues('Program');
  const row = [...program[program.length - 1]];
  const h = program[0].map(String);
  row[h.indexOf('ID')] = 'P-500';
  row[h.indexOf('Rubrik')] = 'Skrivet på bladet';
  row[h.indexOf(SEAL_HEADER)] = ''; // typed by hand: no seal
  const at = program.length + 1;
  emu.fireEdit(CODE, { sheet: 'Program', row: at, col: 1, values: [row.map((v) => (v instanceof Date ? v : String(v)))], numCols: row.length, user: PL });
  // Before: Översikt's 40 item rows ended above it until the row was confirmed or set-up ran again.
  expect(sheetCounts(emu).get('P-500')).toEqual([0, 0, 0, 0, 'obegränsat']);
  expect(logActions(emu).filter((a) => a === 'arbetsbok.konfigurerad')).toHaveLength(1); // growing is not a set-up
  const review = must(api<{ items: { id: string }[] }>(emu, 'getReview', [], PL)).items.find((x) => x.id.startsWith(`program:${at}:`))!;
  must(api(emu, 'decideChange', [{ id: review.id, action: 'confirm' }], PL));
  setGuest(emu, 'G-0001', { Evenemang: 'P-500', Status: 'Tackat ja' });
  expect(sheetCounts(emu).get('P-500')).toEqual([1, 1, 0, 0, 'obegränsat']);
  expect(sheetCounts(emu)).toEqual(sidebarCounts(emu));
});

test('a Program row written through the Sheets API past Översikt\'s rows (no onEdit): shown once a role holder opens the Program sidebar; a reader without a role writes nothing', () => {
  const emu = workbookWithGuests(1);
  addItems(emu, Array.from({ length: 40 - sidebarCounts(emu).size }, (_, i) => `P-${i + 10}`));
  const program = emu.sheetValues('Program');
  const h = program[0].map(String);
  const row = program[program.length - 1].map((v) => (v instanceof Date ? v : String(v)));
  row[h.indexOf('ID')] = 'P-600';
  row[h.indexOf('Rubrik')] = 'Skrivet via API:t';
  row[h.indexOf(SEAL_HEADER)] = '';
  const at = program.length + 1;
  const w = emu.apiUpdate(`Program!A${at}`, [row], { user: PL });
  expect(w.rejected).toBeUndefined();
  expect(sheetCounts(emu).has('P-600')).toBe(false);
  const before = emu.sheetValues('Översikt');
  expect(api(emu, 'getProgram', [], NOBODY).ok).toBe(true);
  expect(emu.sheetValues('Översikt')).toEqual(before);
  expect(api(emu, 'getProgram', [], STY).ok).toBe(true);
  expect(sheetCounts(emu).get('P-600')).toEqual([0, 0, 0, 0, 'obegränsat']);
  expect(sheetCounts(emu).size).toBe(41);
});

test('a Program row written through the Sheets API past Översikt\'s rows, confirmed in Granska ändringar before anyone opens the Program sidebar: Översikt shows it with its counts at the confirm', () => {
  const emu = workbookWithGuests(1);
  addItems(emu, Array.from({ length: 40 - sidebarCounts(emu).size }, (_, i) => `P-${i + 10}`));
  const program = emu.sheetValues('Program');
  const h = program[0].map(String);
  const row = program[program.length - 1].map((v) => (v instanceof Date ? v : String(v)));
  row[h.indexOf('ID')] = 'P-700';
  row[h.indexOf('Rubrik')] = 'Skrivet via API:t, godkänt';
  row[h.indexOf(SEAL_HEADER)] = '';
  const at = program.length + 1;
  // spreadsheets.values.update (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/update): no onEdit fires.
  expect(emu.apiUpdate(`Program!A${at}`, [row], { user: PL }).rejected).toBeUndefined();
  setGuest(emu, 'G-0001', { Evenemang: 'P-700', Status: 'Tackat ja' });
  expect(sheetCounts(emu).has('P-700')).toBe(false); // 40 item rows, all taken
  const review = must(api<{ items: { id: string }[] }>(emu, 'getReview', [], PL)).items.find((x) => x.id.startsWith(`program:${at}:`))!;
  must(api(emu, 'decideChange', [{ id: review.id, action: 'confirm' }], PL));
  const sheet = sheetCounts(emu);
  expect(sheet.get('P-700')).toEqual([1, 1, 0, 0, 'obegränsat']);
  expect(sheet.size).toBe(41);
  expect(sheet).toEqual(sidebarCounts(emu));
});

test('a Program row confirmed in Granska ändringar while the programme fits Översikt\'s rows: the growth check takes no second lock (the confirm costs 35 service calls; 39 when it always took the lock)', () => {
  const emu = workbookWithGuests(1);
  const program = emu.sheetValues('Program');
  const h = program[0].map(String);
  const row = program[program.length - 1].map((v) => (v instanceof Date ? v : String(v)));
  row[h.indexOf('ID')] = 'P-800';
  row[h.indexOf(SEAL_HEADER)] = '';
  const at = program.length + 1;
  expect(emu.apiUpdate(`Program!A${at}`, [row], { user: PL }).rejected).toBeUndefined();
  const review = must(api<{ items: { id: string }[] }>(emu, 'getReview', [], PL)).items.find((x) => x.id.startsWith(`program:${at}:`))!;
  const r = run(emu, 'decideChange', [{ id: review.id, action: 'confirm' }], { user: PL });
  expect((r.result as { ok: boolean }).ok).toBe(true);
  expect(r.calls.byMethod['Lock.tryLock']).toBe(1);
  expect(r.calls.total).toBeLessThanOrEqual(35);
  expect(sheetCounts(emu).get('P-800')).toEqual([0, 0, 0, 0, 'obegränsat']);
});

test('property: after any sequence of invitations and answers, Översikt counts every item as the sidebar does', () => {
  const emu = workbookWithGuests(6);
  const items = ['P-001', 'P-002', 'P-003', ...COLLIDING];
  addItems(emu, COLLIDING, (id) => (id.length % 2 ? '2' : ''));
  const seed = Number(process.env.SUMMIT_SEED ?? 20261202);
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const STATES = ['ja', 'nej', 'väntar 2009-11-03T10:00:00.000Z', 'erbjuds 2099-12-01T12:00:00.000Z', 'erbjuden 2099-12-02T12:00:00.000Z'];
  const STATUSES = ['Föreslagen', 'Godkänd', 'Skickar', 'Inbjuden', 'Tackat ja', 'Tackat nej', 'Återbud', 'Osäker', 'Misslyckad'];
  for (let step = 0; step < 12; step++) {
    const guest = `G-000${1 + Math.floor(r() * 6)}`;
    const invited = items.filter(() => r() < 0.4);
    const answered = invited.filter(() => r() < 0.6);
    setGuest(emu, guest, {
      Evenemang: invited.join('; '), Status: pick(STATUSES),
      'Svar per punkt': answered.map((id) => `${id}: ${pick(STATES)}`).join('; '),
    });
    expect({ seed, step, counts: Object.fromEntries(sheetCounts(emu)) }).toEqual({ seed, step, counts: Object.fromEntries(sidebarCounts(emu)) });
  }
});
