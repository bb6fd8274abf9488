/** The waiting list (src/app/waitlist.ts): a freed seat is offered by mail to the first guest waiting, exactly once; a lapsed offer passes on. */
import { recordCancellation } from '../../../src/app/cancel';
import { saveProgramItem } from '../../../src/app/program';
import { answerRsvp, deadlineEnd, viewRsvp } from '../../../src/app/rsvp';
import { loadFullContext } from '../../../src/app/context';
import { guestsPassedOn } from '../../../src/app/waitlist';
import type { MemoryPorts } from '../../support/memory';
import { answer, keyOf, setupItems, typeCancellation, verify } from '../../support/rsvp-items';

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

  test('the page of a guest whose offer has lapsed (not yet passed on) shows them waiting, without the deadline; before it, offered until then', () => {
    const p = queue();
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    const line = () => { const r = viewRsvp(p, keyOf('G-0002'), verify); if (!r.ok) throw new Error(r.message.en); return r.view.events.find((e) => e.id === 'P-002')!; };
    expect(line()).toMatchObject({ answer: 'erbjuden', offerUntil: '4 November 2009, 09:00' });
    (p.clock as { advance(ms: number): void }).advance(48 * H);
    expect(line()).toMatchObject({ answer: 'väntar', offerUntil: '' });
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

  test('a removed capacity offers a seat to everyone waiting, in order, at once', () => {
    const p = queue();
    p.user.current = 'pl@stockholm.se';
    saveProgramItem(p, { id: 'P-002', title: 'Middagen', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden' }, () => links);
    expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se', 'cecilia@example.se']);
    expect([cell(p, 'G-0002'), cell(p, 'G-0003')].every((c) => /P-002: erbjuden /.test(c))).toBe(true);
    // Saved again: nothing more to offer, nothing mailed.
    saveProgramItem(p, { id: 'P-002', title: 'Middagen', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden', capacity: '4' }, () => links);
    expect(offers(p)).toHaveLength(2);
  });

  test('Återbud recorded by the project leader frees the seat at once: the first guest waiting gets the one offer; recorded again, nothing more', () => {
    const p = queue();
    p.user.current = 'pl@stockholm.se';
    const r = recordCancellation(p, { id: 'G-0001' }, () => links);
    expect(r).toEqual({ offers: 1, message: { sv: 'Återbud registrerat för G-0001. 1 ledig plats har erbjudits till väntelistan per e-post.', en: 'Cancellation recorded for G-0001. 1 freed seat has been offered to the waiting list by e-mail.' } });
    expect(offers(p).map((m) => [m.to, m.textBody.includes('https://example.org/exec?g=G-0002&v=1')])).toEqual([['bertil@example.se', true]]);
    expect(cell(p, 'G-0002')).toMatch(/P-002: erbjuden /);
    expect(cell(p, 'G-0003')).toMatch(/P-002: väntar /);
    expect(p.workbook.get('guests').records().find((g) => g.ID === 'G-0001')!.Status).toBe('Återbud');
    const actions = p.workbook.get('log').records().map((x) => x['Åtgärd']);
    expect(actions.slice(-3)).toEqual(['gäst.återbud', 'gäst.väntelista', 'gäst.väntelista']); // Återbud with the offer (erbjuds, before the mail), then erbjuden
    expect(recordCancellation(p, { id: 'G-0001' }, () => links)).toEqual({ offers: 0, message: { sv: 'G-0001 har redan lämnat återbud.', en: 'G-0001 has already cancelled.' } });
    expect(offers(p)).toHaveLength(1);
  });

  test('a guest who cancelled keeps no place in the queue: with everyone waiting cancelled, a freed seat is the next yes\'s', () => {
    const p = queue();
    p.user.current = 'pl@stockholm.se';
    recordCancellation(p, { id: 'G-0002' }, () => links);
    recordCancellation(p, { id: 'G-0003' }, () => links);
    p.user.current = '';
    expect([cell(p, 'G-0002'), cell(p, 'G-0003')].every((c) => /P-002: väntar /.test(c))).toBe(true); // still in the cell
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' }).saved).toBe(true);
    expect(offers(p)).toHaveLength(0);
    const again = say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' });
    expect([again.saved, again.message.sv]).toEqual([true, expect.stringMatching(/^Tack! Ditt svar är registrerat: du kommer till Konferensen \(P-001\) och Middagen \(P-002\)/)]);
    expect(cell(p, 'G-0001')).toMatch(/P-002: ja/);
  });

  test('Återbud recorded by the project leader clears the dietary needs and the consent, as a "no" on the page does; the log names the fields, never the needs', () => {
    const p = queue();
    expect(answerRsvp(p, { ...keyOf('G-0001'), answers: { 'P-001': 'ja', 'P-002': 'ja' }, diet: 'Nötallergi', consent: true }, verify, links).saved).toBe(true);
    const row = () => p.workbook.get('guests').records().find((g) => g.ID === 'G-0001')!;
    expect([row()['Kost/allergier'], row()['Samtycke kost'] !== '']).toEqual(['Nötallergi', true]);
    p.user.current = 'pl@stockholm.se';
    recordCancellation(p, { id: 'G-0001' }, () => links);
    expect([row().Status, row()['Kost/allergier'], row()['Samtycke kost']]).toEqual(['Återbud', '', '']);
    const logged = p.workbook.get('log').records().find((x) => x['Åtgärd'] === 'gäst.återbud')!;
    expect(JSON.stringify(logged)).not.toContain('Nötallergi');
    expect(JSON.stringify(logged)).toContain('återkallat');
  });

  test('Återbud: only the project leader records it, only for an invited guest, and an unknown ID is named', () => {
    const p = queue();
    const refusal = (f: () => unknown) => { try { f(); } catch (e) { return (e as { userMessage?: { sv: string }; field?: string }); } throw new Error('not refused'); };
    p.user.current = 'styr@stockholm.se';
    expect(refusal(() => recordCancellation(p, { id: 'G-0001' }, () => links)).userMessage?.sv).toMatch(/projektledare/i);
    p.user.current = 'pl@stockholm.se';
    expect(refusal(() => recordCancellation(p, { id: 'G-0009' }, () => links)).userMessage?.sv).toContain('G-0009');
    expect(refusal(() => recordCancellation(p, { id: 'G 1' }, () => links)).userMessage?.sv).toBe('Ogiltiga uppgifter: id.');
    expect(refusal(() => recordCancellation(p, { id: 'G-0001', status: 'Återbud' }, () => links)).userMessage?.sv).toBe('Ogiltiga uppgifter: (indata).');
    say(p, 'G-0002', { 'P-001': 'nej', 'P-002': 'nej' });
    const no = refusal(() => recordCancellation(p, { id: 'G-0002' }, () => links));
    expect([no.field, no.userMessage?.sv]).toEqual(['id', 'G-0002: Status kan inte ändras från Tackat nej till Återbud.']);
    expect(offers(p)).toHaveLength(0);
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

/**
 * Seats freed where no mail can go (an Återbud typed in Gäster: onEdit is a simple trigger) and offers past
 * their deadline are passed on by the next execution that may mail: a guest opening their RSVP page, the
 * project leader opening Gäster or Program (src/app/waitlist.ts, passOnSeats and guestsPassedOn).
 */
describe('passed on by the next execution that may mail', () => {
  const PL = 'pl@stockholm.se';
  /** Types Återbud into G-0001's Status cell as the project leader, as Sheets does, and runs the edit guard. */
  const open = (p: MemoryPorts, id: string) => viewRsvp(p, keyOf(id), verify, links);
  const asLeader = (p: MemoryPorts, user = PL) => {
    p.user.current = user;
    try { return guestsPassedOn(p, loadFullContext(p), () => links, deadlineEnd('2009-11-20')); } finally { p.user.current = ''; }
  };

  test('an Återbud typed in Gäster: the edit is accepted and its toast says who passes the seat on; nothing is mailed from the trigger', () => {
    const p = queue();
    const d = typeCancellation(p);
    expect([d.action, d.message?.sv]).toEqual(['accept', '1 ledig plats ska erbjudas väntelistan. Öppna Gäster eller Program (som projektledare) så mejlas erbjudandet nu; annars går det ut när en gäst nästa gång öppnar sin svarssida eller svarar.']);
    expect(offers(p)).toHaveLength(0);
    expect(cell(p, 'G-0002')).toMatch(/P-002: väntar /);
  });

  test('… then any guest opening their RSVP page offers it to the first guest waiting, by mail, once; opened again, nothing more', () => {
    const p = queue();
    typeCancellation(p);
    const page = open(p, 'G-0003'); // Cecilia, second in the queue, opens her page
    expect(page.ok && page.view.events.find((l) => l.id === 'P-002')!.answer).toBe('väntar');
    expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se']);
    expect(cell(p, 'G-0002')).toMatch(/^P-001: ja; P-002: erbjuden /);
    const logged = p.workbook.get('log').records().filter((r) => r['Åtgärd'] === 'gäst.väntelista');
    expect(logged.map((r) => [r['Objekt'], r['Användare']])).toEqual([['G-0002', 'gäst:G-0003'], ['G-0002', 'gäst:G-0003']]); // erbjuds, then erbjuden
    open(p, 'G-0003');
    open(p, 'G-0002');
    expect(offers(p)).toHaveLength(1);
    // The offered guest's own page shows the offer at once.
    const own = open(p, 'G-0002');
    expect(own.ok && own.view.events.find((l) => l.id === 'P-002')!.answer).toBe('erbjuden');
  });

  test('… or the project leader opening Gäster or Program does; anyone else\'s sidebar only reads', () => {
    const p = queue();
    typeCancellation(p);
    asLeader(p, 'styrgrupp@stockholm.se');
    expect(offers(p)).toHaveLength(0);
    const check = asLeader(p);
    expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se']);
    // The sidebar shows Gäster as it is after the offer.
    expect(check.rows.length).toBeGreaterThan(0);
    expect(String(check.t.snap.rows[check.t.snap.rows.findIndex((r) => r[0] === 'G-0002')][check.t.col['Svar per punkt']])).toMatch(/P-002: erbjuden /);
    asLeader(p);
    expect(offers(p)).toHaveLength(1);
  });

  test('an offer past its deadline passes to the next guest waiting when any page is opened, as after an answer', () => {
    const p = queue();
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se']);
    (p.clock as { advance(ms: number): void }).advance(48 * H);
    open(p, 'G-0001');
    expect(cell(p, 'G-0002')).toBe('P-001: ja; P-002: nej');
    expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se', 'cecilia@example.se']);
    open(p, 'G-0001');
    expect(offers(p)).toHaveLength(2);
  });

  test('without a working link (no web app) nothing is written: the seat waits for an execution that can mail the offer', () => {
    const p = queue();
    typeCancellation(p);
    viewRsvp(p, keyOf('G-0003'), verify, () => { throw new Error('no web app'); });
    expect(cell(p, 'G-0002')).toMatch(/P-002: väntar /);
    open(p, 'G-0003');
    expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se']);
  });

  test('with the lock busy the page still opens, and the seat is passed on by the next execution', () => {
    const p = queue();
    typeCancellation(p);
    p.lock.held = true; // another execution holds it
    const page = open(p, 'G-0003');
    p.lock.held = false;
    expect(page.ok).toBe(true);
    expect(offers(p)).toHaveLength(0);
    open(p, 'G-0003');
    expect(offers(p)).toHaveLength(1);
  });
});
