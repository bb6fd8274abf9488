/** The RSVP page's answer per programme item (src/app/rsvp.ts, src/core/item-answers.ts), in memory. */
import { viewRsvp, type RsvpView } from '../../../src/app/rsvp';
import { judgeCellEdit } from '../../../src/core/guests';
import type { MemoryPorts } from '../../support/memory';
import { answer, keyOf, setupItems, verify } from '../../support/rsvp-items';
import { answerRsvp } from '../../../src/app/rsvp';
import { guardGuestEdit } from '../../../src/app/guests';
import { checkTable, Journal, Tx } from '../../../src/app/journal';

const view = (p: MemoryPorts, id: string): RsvpView => {
  const r = viewRsvp(p, keyOf(id), verify);
  if (!r.ok) throw new Error(r.message.en);
  return r.view;
};
const guest = (p: MemoryPorts, id: string) => p.workbook.get('guests').records().find((r) => r.ID === id)!;
const dump = (p: MemoryPorts) => JSON.stringify([...p.workbook.tables].map(([n, t]) => [n, t.grid]));

describe('answers per item', () => {
  test('the page lists the guest\'s items to answer one by one, with the seats that are left', () => {
    const v = view(setupItems(), 'G-0001');
    expect(v.perItem).toBe(true);
    expect(v.events.map((e) => [e.id, e.name, e.date, e.start, e.end, e.answer, e.full, e.limited])).toEqual([
      ['P-001', 'Konferensen', '8 december 2009', '09:00', '17:00', '', false, false],
      ['P-002', 'Middagen', '8 december 2009', '19:00', '23:00', '', false, true],
    ]);
  });

  test('yes to one, no to the other: Tackat ja, the answers in Svar per punkt (sealed), logged without personal data', () => {
    const p = setupItems();
    const r = answer(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(r.saved).toBe(true);
    expect(r.message.sv).toBe('Tack! Ditt svar är registrerat: du kommer till Konferensen (P-001).');
    expect(guest(p, 'G-0001')).toMatchObject({ Status: 'Tackat ja', 'Svar per punkt': 'P-001: ja; P-002: nej' });
    expect(String(guest(p, 'G-0001').Sigill)).toMatch(/^S1\|/);
    const log = p.workbook.get('log').records().at(-1)!;
    expect([log['Åtgärd'], log['Användare'], JSON.parse(String(log['Efter']))]).toEqual(['gäst.svar', 'gäst:G-0001', { Status: 'Tackat ja', 'Svar per punkt': 'P-001: ja; P-002: nej' }]);
    expect(r.view?.events.map((e) => e.answer)).toEqual(['ja', 'nej']);
  });

  test('no to every item: Tackat nej (the rule: Tackat ja if any yes, Tackat nej if all are no)', () => {
    const p = setupItems();
    expect(answer(p, 'G-0001', { 'P-001': 'nej', 'P-002': 'nej' }).saved).toBe(true);
    expect(guest(p, 'G-0001').Status).toBe('Tackat nej');
  });

  test('an item the guest is not invited to is refused, naming it; nothing written', () => {
    const p = setupItems();
    const before = dump(p);
    const r = answer(p, 'G-0003', { 'P-001': 'ja', 'P-002': 'nej', 'P-003': 'ja' });
    expect(r.saved).toBe(false);
    expect(r.message.sv).toBe('Du är inte inbjuden till Studiebesök (P-003), så du kan inte svara på den. Inget sparades.');
    expect(r.message.en).toBe('You are not invited to Studiebesök (P-003), so you cannot answer for it. Nothing was saved.');
    expect(dump(p)).toBe(before);
  });

  test('an invited item left unanswered is refused, naming it; nothing written', () => {
    const p = setupItems();
    const before = dump(p);
    const r = answer(p, 'G-0001', { 'P-001': 'ja' });
    expect([r.saved, r.message.sv]).toEqual([false, 'Svara ja eller nej för Middagen (P-002). Inget sparades.']);
    expect(dump(p)).toBe(before);
  });

  test('a guest invited to none of the programme\'s items answers once, yes or no, as with no programme', () => {
    const p = setupItems();
    const journal = new Journal(p);
    const c = checkTable(journal, 'guests');
    new Tx(journal).put(c, c.rows.find((r) => r.key === 'G-0003')!.index, { Evenemang: '' }, { action: 'test.förberedd', object: 'G-0003' }).commit();
    expect(view(p, 'G-0003')).toMatchObject({ perItem: false, events: [] });
    const r = answerRsvp(p, { ...keyOf('G-0003'), answer: 'ja' }, verify);
    expect([r.saved, r.message.sv]).toEqual([true, 'Tack! Ditt svar är registrerat: du kommer.']);
    expect(guest(p, 'G-0003').Status).toBe('Tackat ja');
  });

  test('an item ID the programme does not have is refused naming the ID itself; the waiting list is thanked by item', () => {
    const p = setupItems();
    expect(answer(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja', 'P-999': 'ja' }).message.sv).toMatch(/P-999/);
    const w = answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' });
    expect(w.message.en).toBe('Thank you! Your reply is registered: you will attend Konferensen (P-001); you are on the waiting list for Middagen (P-002).');
  });

  test('a full item with a queue is full for a guest not in it (the seats the queue is owed are never fewer than none)', () => {
    const p = setupItems();
    expect(answer(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
    expect(view(p, 'G-0003').events.find((e) => e.id === 'P-002')).toMatchObject({ full: true, limited: true });
  });

  test('a guest waiting is not queued behind themself: with a seat free and nobody ahead, their yes takes it', () => {
    const p = setupItems();
    expect(answer(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
    // Återbud typed into G-0001's Status (onEdit can't mail): the seat stays free, G-0002 still waiting, until an execution that may mail.
    p.user.current = 'pl@stockholm.se';
    const g = p.workbook.get('guests');
    const row = g.grid.findIndex((r) => r[0] === 'G-0001');
    const col = g.grid[0].indexOf('Status');
    const was = g.grid[row][col];
    g.grid[row][col] = 'Återbud';
    guardGuestEdit(p, { row: row + 1, column: col + 1, numRows: 1, numColumns: 1, oldValue: was, value: 'Återbud' });
    p.user.current = '';
    expect(String(guest(p, 'G-0002')['Svar per punkt'])).toMatch(/P-002: väntar/);
    expect(view(p, 'G-0002').events.find((e) => e.id === 'P-002')).toMatchObject({ answer: 'väntar', full: false });
    expect(answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(String(guest(p, 'G-0002')['Svar per punkt'])).toBe('P-001: ja; P-002: ja');
  });

  test('the waiting list only for an item with a capacity', () => {
    const p = setupItems();
    const r = answer(p, 'G-0003', { 'P-001': 'vänta', 'P-002': 'nej' });
    expect([r.saved, r.message.en]).toEqual([false, 'Konferensen (P-001) has no waiting list (the seats are unlimited): answer yes or no. Nothing was saved.']);
  });

  test('the last seat: the second yes is told the item is full, in their language, naming it; they can join the waiting list', () => {
    const p = setupItems();
    expect(answer(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    const before = dump(p);
    const r = answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' });
    expect(r.saved).toBe(false);
    expect(r.message.en).toBe('Middagen (P-002) is full: the seats ran out while you were answering. Choose the waiting list or no for it. Nothing was saved.');
    expect(dump(p)).toBe(before);
    expect(r.view?.events.find((e) => e.id === 'P-002')).toMatchObject({ full: true, limited: true, answer: '' });
    const w = answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' });
    expect(w.message.en).toBe('Thank you! Your reply is registered: you will attend Konferensen (P-001); you are on the waiting list for Middagen (P-002).');
    expect(guest(p, 'G-0002')['Svar per punkt']).toMatch(/^P-001: ja; P-002: väntar \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    // The seat holder keeps it when answering again.
    expect(answer(p, 'G-0001', { 'P-001': 'nej', 'P-002': 'ja' }).saved).toBe(true);
  });

  test('an answer typed into Svar per punkt is a hand edit: the row waits for review, the page gives the neutral answer, and it cannot be confirmed', () => {
    const p = setupItems();
    answer(p, 'G-0002', { 'P-001': 'nej', 'P-002': 'nej' });
    const t = p.workbook.get('guests');
    const col = t.grid[0].indexOf('Svar per punkt');
    const row = t.grid.findIndex((r) => r[0] === 'G-0002');
    t.grid[row][col] = 'P-001: ja; P-002: ja';
    const r = viewRsvp(p, keyOf('G-0002'), verify);
    expect(r.ok).toBe(false);
    expect(answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(false);
    const d = judgeCellEdit({ header: 'Svar per punkt', oldValue: 'P-001: nej; P-002: nej', newValue: 'P-001: ja; P-002: ja' }, { roles: ['projektledare'], events: [], otherEmails: new Map() });
    expect(d).toMatchObject({ action: 'revert', reason: { sv: "Svar per punkt sätts av gästens svar på svarssidan." } });
  });
});
