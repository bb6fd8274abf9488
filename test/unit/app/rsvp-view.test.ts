/**
 * What the RSVP page shows for each programme item (src/app/rsvp.ts: viewOf, guestItems, lineAnswer): whose
 * answers queue for a seat, that a seat the guest holds is never shown full, an offer still on its way, a
 * guest the page is closed to, and the answer line. In memory, on test/support/rsvp-items.ts's workbook
 * (P-001 the conference without a limit, P-002 the dinner with a capacity, three invited guests).
 */
import { answerRsvp, viewRsvp, type RsvpLine, type RsvpView } from '../../../src/app/rsvp';
import { checkTable, Journal, Tx } from '../../../src/app/journal';
import type { MemoryPorts } from '../../support/memory';
import { keyOf, setupItems, verify } from '../../support/rsvp-items';

const links = (g: { id: string; version: number }) => `https://example.org/exec?g=${g.id}&v=${g.version}`;
const say = (p: MemoryPorts, id: string, answers: Record<string, string>) => answerRsvp(p, { ...keyOf(id), answers }, verify, links);
const view = (p: MemoryPorts, id: string): RsvpView => {
  const r = viewRsvp(p, keyOf(id), verify);
  if (!r.ok) throw new Error(r.message.en);
  return r.view;
};
const line = (p: MemoryPorts, id: string, item: string): RsvpLine => view(p, id).events.find((e) => e.id === item)!;
const cell = (p: MemoryPorts, id: string) => String(p.workbook.get('guests').records().find((r) => r.ID === id)!['Svar per punkt']);
/** A sealed change of the guest's row (as the sidebar would make it), so the row stays verified. */
function setRow(p: MemoryPorts, id: string, values: Record<string, string>): void {
  const journal = new Journal(p);
  const c = checkTable(journal, 'guests');
  new Tx(journal).put(c, c.rows.find((r) => r.key === id)!.index, values, { action: 'test.förberedd', object: id }).commit();
}

describe('the seats a guest sees', () => {
  test('only a place on the waiting list queues for a seat: the other guests\' yes or no leave the free seat to a newcomer', () => {
    const p = setupItems('2');
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'nej' }).saved).toBe(true);
    // One of two seats taken, nobody waiting: Cecilia may say yes.
    expect(line(p, 'G-0003', 'P-002')).toMatchObject({ answer: '', full: false, limited: true });
    expect(say(p, 'G-0003', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(cell(p, 'G-0003')).toBe('P-001: ja; P-002: ja');
  });

  test('a seat the guest holds is never shown full, though others wait for it; a guest waiting sees it full', () => {
    const p = setupItems('1');
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
    expect(say(p, 'G-0003', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
    expect(line(p, 'G-0001', 'P-002')).toMatchObject({ answer: 'ja', full: false, limited: true, offerUntil: '' });
    expect(line(p, 'G-0003', 'P-002')).toMatchObject({ answer: 'väntar', full: true, limited: true });
    // The conference has no limit: never full, no waiting list.
    expect(line(p, 'G-0003', 'P-001')).toMatchObject({ answer: 'ja', full: false, limited: false });
    // Astrid declines: the seat is offered to Bertil, who holds it while Cecilia still waits.
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' }).saved).toBe(true);
    expect(line(p, 'G-0002', 'P-002')).toMatchObject({ answer: 'erbjuden', full: false, offerUntil: '4 November 2009, 09:00' });
    expect(line(p, 'G-0003', 'P-002')).toMatchObject({ answer: 'väntar', full: true });
    // The offer is logged as the doing of the guest whose answer freed the seat.
    const offered = p.workbook.get('log').records().filter((r) => r['Åtgärd'] === 'gäst.väntelista');
    expect(offered.map((r) => [r['Användare'], r['Objekt']])).toEqual([['gäst:G-0001', 'G-0002'], ['gäst:G-0001', 'G-0002']]);
  });

  test('an offer whose mail failed ("erbjuds") is shown to the guest as offered, until its deadline', () => {
    const p = setupItems('1');
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' });
    say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' });
    p.mailer.failFor = () => 'Invalid email';
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    p.mailer.failFor = undefined;
    expect(cell(p, 'G-0002')).toMatch(/P-002: erbjuds /);
    expect(line(p, 'G-0002', 'P-002')).toMatchObject({ answer: 'erbjuden', full: false });
    // The guest may take it with a yes.
    expect(say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(cell(p, 'G-0002')).toBe('P-001: ja; P-002: ja');
  });
});

describe('the answer line', () => {
  test('Tackat ja and Tackat nej are shown as the guest\'s answer; not yet answered, none', () => {
    const p = setupItems('1');
    expect(view(p, 'G-0001').answer).toBe('');
    say(p, 'G-0001', { 'P-001': 'nej', 'P-002': 'nej' });
    expect(view(p, 'G-0001')).toMatchObject({ answer: 'nej', calendar: '' });
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    const v = view(p, 'G-0001');
    expect(v.answer).toBe('ja');
    // The calendar holds what was accepted, and only that.
    expect(v.calendar.split('BEGIN:VEVENT')).toHaveLength(2);
    expect(v.calendar).toMatch(/SUMMARY:[^\r\n]*Konferensen/);
    expect(v.calendar).not.toMatch(/Middagen/);
  });

  test('a guest the page is closed to (approved, not yet invited) sees the items without an answer, and why', () => {
    const p = setupItems('1');
    setRow(p, 'G-0003', { Status: 'Godkänd' });
    const v = view(p, 'G-0003');
    expect(v.events.map((e) => [e.id, e.answer, e.full])).toEqual([['P-001', '', false], ['P-002', '', false]]);
    // Cecilia reads Swedish; the workbook has no Svarsadress, so no contact is added.
    expect(v.closed).toBe('Svar kan inte tas emot för den här inbjudan just nu.');
  });
});

const status = (p: MemoryPorts, id: string) => String(p.workbook.get('guests').records().find((r) => r.ID === id)!.Status);
const dump = (p: MemoryPorts) => JSON.stringify([...p.workbook.tables].map(([n, t]) => [n, t.grid]));
const logged = (p: MemoryPorts) => p.workbook.get('log').records().filter((r) => r['Åtgärd'] === 'gäst.svar')
  .map((r) => [JSON.parse(String(r['Före'])), JSON.parse(String(r['Efter']))]);

describe('one answer or answers per item', () => {
  test('a single yes from a page opened before the programme had items answers every invited item alike', () => {
    const p = setupItems('2');
    const r = answerRsvp(p, { ...keyOf('G-0001'), answer: 'ja' }, verify);
    expect([r.saved, r.message.sv]).toEqual([true, 'Tack! Ditt svar är registrerat: du kommer till Konferensen (P-001) och Middagen (P-002).']);
    expect([status(p, 'G-0001'), cell(p, 'G-0001')]).toEqual(['Tackat ja', 'P-001: ja; P-002: ja']);
  });

  test('a guest invited to no item: answers per item are refused naming them, no answer at all asks for yes or no; nothing written', () => {
    const p = setupItems('1');
    setRow(p, 'G-0003', { Evenemang: '' });
    const before = dump(p);
    const perItem = answerRsvp(p, { ...keyOf('G-0003'), answers: { 'P-001': 'ja', 'P-002': 'nej' } }, verify);
    expect([perItem.saved, perItem.message]).toEqual([false, {
      sv: 'Du är inte inbjuden till P-001 och P-002, så du kan inte svara på dem. Inget sparades.',
      en: 'You are not invited to P-001 and P-002, so you cannot answer for them. Nothing was saved.',
    }]);
    const none = answerRsvp(p, keyOf('G-0003'), verify);
    expect([none.saved, none.message]).toEqual([false, { sv: 'Välj ja eller nej. Inget sparades.', en: 'Choose yes or no. Nothing was saved.' }]);
    expect(dump(p)).toBe(before);
    expect(viewRsvp(p, keyOf('G-0003'), verify)).toMatchObject({ ok: true, view: { perItem: false, answer: '' } });
  });
});

describe('the answer in Logg', () => {
  test('Före and Efter name Svar per punkt only when it changed; a dietary need is named, never written out', () => {
    const p = setupItems('1');
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    answerRsvp(p, { ...keyOf('G-0001'), answers: { 'P-001': 'ja', 'P-002': 'nej' }, diet: 'Nötallergi', consent: true }, verify);
    expect(logged(p)).toEqual([
      // With the web app's links the first answer is confirmed by mail, marked in its entry before the mail goes.
      [{ Status: 'Inbjuden', 'Svar per punkt': '' }, { Status: 'Tackat ja', 'Svar per punkt': 'P-001: ja; P-002: nej', bekräftelse: 'skickas' }],
      [{ Status: 'Tackat ja' }, { Status: 'Tackat ja', Samtycke: 'givet', fält: ['Kost/allergier'] }],
    ]);
    expect(JSON.stringify(p.workbook.get('log').grid)).not.toContain('Nötallergi');
  });
});
