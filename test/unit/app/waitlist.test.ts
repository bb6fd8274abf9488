/** The waiting list (src/app/waitlist.ts): a freed seat is offered by mail to the first guest waiting, exactly once; a lapsed offer passes on. */
import { saveProgramItem } from '../../../src/app/program';
import { answerRsvp } from '../../../src/app/rsvp';
import type { MemoryPorts } from '../../support/memory';
import { answer, keyOf, setupItems, verify } from '../../support/rsvp-items';

const links = (g: { id: string; version: number }) => `https://example.org/exec?g=${g.id}&v=${g.version}`;
const cell = (p: MemoryPorts, id: string) => String(p.workbook.get('guests').records().find((r) => r.ID === id)!['Svar per punkt']);
const say = (p: MemoryPorts, id: string, answers: Record<string, string>) =>
  answerRsvp(p, { ...keyOf(id), answers }, verify, links);
const H = 3_600_000;
/** The offer mails (the guests' own answers get confirmations too: src/app/confirm.ts). */
const offers = (p: MemoryPorts) => p.mailer.sent.filter((m) => /seat has become free|plats har blivit ledig/.test(m.subject));

/** A has the dinner's one seat; B waits, then C (a second later). */
function queue(): MemoryPorts {
  const p = setupItems('1');
  expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
  expect(say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  (p.clock as { advance(ms: number): void }).advance(1000);
  expect(say(p, 'G-0003', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  return p;
}

describe('the waiting list', () => {
  test('a decline frees the seat: the first guest waiting gets one offer by mail, in their language, with the deadline and their link', () => {
    const p = queue();
    expect(offers(p)).toHaveLength(0);
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' }).saved).toBe(true);
    expect(offers(p)).toHaveLength(1);
    const m = offers(p)[0];
    expect(m.to).toBe('bertil@example.se');
    expect(m.subject).toBe('A seat has become free: Middagen (P-002) – Public Services Summit 2009');
    // Offered at 2009-11-02 09:00:01 CET, held 48 hours.
    expect(m.textBody).toContain('It is held for you until 4 November 2009, 09:00.');
    expect(m.textBody).toContain('https://example.org/exec?g=G-0002&v=1');
    expect(cell(p, 'G-0002')).toBe('P-001: ja; P-002: erbjuden 2009-11-04T08:00:01.000Z');
    expect(cell(p, 'G-0003')).toMatch(/P-002: väntar /);
    const actions = p.workbook.get('log').records().map((r) => r['Åtgärd']);
    expect(actions.slice(-3)).toEqual(['gäst.svar', 'gäst.väntelista', 'gäst.väntelista']); // the decline with the offer (erbjuds, before the mail), then erbjuden
    // Answering again changes nothing and mails nothing.
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(offers(p)).toHaveLength(1);
  });

  test('the offered guest takes the seat with a yes; someone else\'s yes meanwhile is refused (the seat is held)', () => {
    const p = queue();
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).message.sv).toContain('Middagen (P-002) är fullbokad');
    expect(answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(cell(p, 'G-0002')).toBe('P-001: ja; P-002: ja');
  });

  test('an offer left unanswered past its deadline passes to the next guest waiting on the next answer; the late yes is refused', () => {
    const p = queue();
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    (p.clock as { advance(ms: number): void }).advance(48 * H);
    const late = say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' });
    expect(late.saved).toBe(false);
    expect(late.message.en).toContain('Middagen (P-002) is full');
    // The late answer saved nothing, so nothing was passed on yet; the next saved answer does it.
    say(p, 'G-0001', { 'P-001': 'nej', 'P-002': 'nej' });
    expect(cell(p, 'G-0002')).toBe('P-001: ja; P-002: nej');
    expect(cell(p, 'G-0003')).toMatch(/^P-001: ja; P-002: erbjuden /);
    expect(offers(p).map((m) => [m.to, m.subject])).toEqual([
      ['bertil@example.se', 'A seat has become free: Middagen (P-002) – Public Services Summit 2009'],
      ['cecilia@example.se', 'En plats har blivit ledig: Middagen (P-002) – Public Services Summit 2009'],
    ]);
  });

  test('exactly once: a mail that fails leaves the offer "erbjuds" (holding the seat, for a person to see) and is never sent again', () => {
    const p = queue();
    p.mailer.failFor = () => 'Invalid email';
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(cell(p, 'G-0002')).toMatch(/P-002: erbjuds /);
    p.mailer.failFor = undefined;
    say(p, 'G-0001', { 'P-001': 'nej', 'P-002': 'nej' });
    say(p, 'G-0003', { 'P-001': 'nej', 'P-002': 'vänta' });
    expect(offers(p)).toHaveLength(0);
    expect(cell(p, 'G-0003')).toMatch(/P-002: väntar /);
  });

  test('a raised capacity offers the new seats to the guests waiting, in order', () => {
    const p = queue();
    p.user.current = 'pl@stockholm.se';
    saveProgramItem(p, { id: 'P-002', title: 'Middagen', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden', capacity: '3' }, () => links);
    expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se', 'cecilia@example.se']);
    expect([cell(p, 'G-0002'), cell(p, 'G-0003')].every((c) => /P-002: erbjuden /.test(c))).toBe(true);
  });

  test('after the reply deadline no offer is made (the page no longer takes answers)', () => {
    const p = queue();
    (p.clock as { t: Date }).t = new Date('2009-11-21T09:00:00+01:00');
    p.user.current = 'pl@stockholm.se';
    saveProgramItem(p, { id: 'P-002', title: 'Middagen', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden', capacity: '3' }, () => links);
    expect(offers(p)).toHaveLength(0);
    expect(cell(p, 'G-0002')).toMatch(/P-002: väntar /);
  });
});
