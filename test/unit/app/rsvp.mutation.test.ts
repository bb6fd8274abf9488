/**
 * The guest's RSVP page (src/app/rsvp.ts) to the detail (npm run test:mutation): a link key that must be refused
 * before anything is read, the re-read after passing seats on, a failure that is no busy lock, a withdrawal of
 * needs typed without consent, an answer that changes nothing while the waiting lists are owed a seat, the
 * confirmation's note line, Logg's before, the view's fields after the deadline and for the staff's resend.
 */
import { confirmationMail, confirmNoteLine, CONFIRM_TAG } from '../../../src/app/confirm';
import { loadFullContext } from '../../../src/app/context';
import { guestRows, type GuestRow } from '../../../src/app/invite-rows';
import { checkTable } from '../../../src/app/journal';
import { saveProgramItem } from '../../../src/app/program';
import { answerRsvp, busyForGuestMsg, confirmationView, neutralMsg, viewRsvp, type RsvpView } from '../../../src/app/rsvp';
import { rsvpToken } from '../../../src/core/rsvp';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { keyOf, SECRET, setupItems, verify } from '../../support/rsvp-items';

const PL = 'pl@stockholm.se';
const H = 3_600_000;
const links = (g: { id: string; version: number }) => `https://example.org/exec?g=${g.id}&v=${g.version}`;
const rec = (p: MemoryPorts, id: string) => p.workbook.get('guests').records().find((r) => r.ID === id)!;
const cell = (p: MemoryPorts, id: string) => String(rec(p, id)['Svar per punkt']);
const say = (p: MemoryPorts, id: string, answers: Record<string, string>, extra: object = {}) => answerRsvp(p, { ...keyOf(id), answers, ...extra }, verify, links);
const offers = (p: MemoryPorts) => p.mailer.sent.filter((m) => /seat has become free|plats har blivit ledig/.test(m.subject));
const advance = (p: MemoryPorts, ms: number) => (p.clock as { advance(ms: number): void }).advance(ms);
const pageOf = (p: MemoryPorts, id: string): RsvpView => {
  const r = viewRsvp(p, keyOf(id), verify);
  if (!r.ok) throw new Error(`expected a view, got: ${r.message.en}`);
  return r.view;
};
/** Logg's rows from `from` on: [Åtgärd, Objekt]. */
const loggedSince = (p: MemoryPorts, from: number) => p.workbook.get('log').records().slice(from).map((r) => [r['Åtgärd'], r.Objekt]);
/** Sets a cell of a guest's row in Gäster (before the journal starts: the sealed baseline; after: a hand edit). */
const setCell = (p: MemoryPorts, id: string, column: string, value: unknown) => {
  const g = p.workbook.get('guests');
  g.grid[g.grid.findIndex((r) => r[0] === id)][g.grid[0].indexOf(column)] = value as never;
};
/** After Sista svarsdag (2009-11-20, Stockholm). */
const afterDeadline = (p: MemoryPorts) => { (p.clock as { t: Date }).t = new Date('2009-11-25T10:00:00Z'); };

/** A has the dinner's one seat; B waits, then C (a second later). `seed`: changes to the sheets before they are sealed; `then`: after. */
function queue(seed?: (p: MemoryPorts) => void, then?: (p: MemoryPorts) => void): MemoryPorts {
  const p = setupItems('1', seed);
  then?.(p);
  expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
  expect(say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  advance(p, 1000);
  expect(say(p, 'G-0003', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  return p;
}

/** The queue, then A declines the dinner (B is offered the seat, mailed) and B's offer lapses unanswered: a seat is owed to C. */
function lapsedOffer(): MemoryPorts {
  const p = queue();
  expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' }).saved).toBe(true);
  expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se']);
  advance(p, 49 * H);
  return p;
}

describe('the link key', () => {
  test('an empty guest ID is refused before anything is read or counted, even with a token that verifies for it', () => {
    const p = setupItems();
    const empty = { w: '', g: '', v: 1, t: rsvpToken(SECRET, '', 1) };
    expect(verify(empty)).toBe(true); // the token alone would let it through
    const reads = p.workbook.counters.reads;
    expect(viewRsvp(p, empty, verify, links)).toEqual({ ok: false, message: neutralMsg() });
    expect(answerRsvp(p, { ...empty, answer: 'ja' }, verify, links)).toEqual({ saved: false, message: neutralMsg() });
    expect(p.workbook.counters.reads).toBe(reads);
    expect(p.cache.map.size).toBe(0);
  });
});

describe('the page after passing seats on', () => {
  test('the guest is read again after the seats are passed on: a row changed by hand meanwhile gets the neutral message', () => {
    const p = lapsedOffer();
    // The project leader edits Astrid's row while C's offer mail goes out.
    p.mailer.failFor = () => { setCell(p, 'G-0001', 'Titel', 'Dr'); return null; };
    expect(viewRsvp(p, keyOf('G-0001'), verify, links)).toEqual({ ok: false, message: neutralMsg() });
    expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se', 'cecilia@example.se']);
  });

  test('a failure while passing seats on: the guest gets the page read before it, and Gäster is not read again', () => {
    const p = lapsedOffer();
    const guests = p.workbook.get('guests');
    const reads = jest.spyOn(guests, 'read');
    jest.spyOn(guests, 'write').mockImplementationOnce(() => { throw new Error('Service Spreadsheets failed'); });
    const r = viewRsvp(p, keyOf('G-0001'), verify, links);
    expect(r).toMatchObject({ ok: true, view: { g: 'G-0001', firstName: 'Astrid' } });
    // Once for the page, once more for passing on (under the lock): not a third time for the page.
    expect(reads).toHaveBeenCalledTimes(2);
  });
});

test('a failure other than a busy lock is not told to the guest as one: it goes to the caller', () => {
  const p = setupItems();
  jest.spyOn(p.workbook.get('guests'), 'write').mockImplementationOnce(() => { throw new Error('Service Spreadsheets failed'); });
  let caught: unknown;
  try { say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }); } catch (e) { caught = e; }
  expect((caught as Error | undefined)?.message).toBe('Service Spreadsheets failed');
  expect(busyForGuestMsg().en).not.toContain('Service Spreadsheets failed');
});

test('after the deadline, dietary needs typed in without a recorded consent can be withdrawn too', () => {
  const p = setupItems('1', (q) => setCell(q, 'G-0001', 'Kost/allergier', 'Gluten'));
  afterDeadline(p);
  const r = say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }, { consent: false });
  expect([r.saved, r.message.sv]).toEqual([true, 'Dina kostuppgifter är raderade och ditt samtycke är återkallat.']);
  expect(rec(p, 'G-0001')).toMatchObject({ Status: 'Inbjuden', 'Kost/allergier': '' });
});

test('an offer written by an answer (its mail failed) keeps Program\'s order (by time) in the offered guest\'s Svar per punkt', () => {
  const p = queue(undefined, (q) => {
    // The conference moved after the dinner: Program's order is P-002, P-003, P-001, not the IDs'.
    q.user.current = PL;
    saveProgramItem(q, { id: 'P-001', title: 'Konferensen', type: 'plenarsession', date: '2009-12-09', start: '20:00', end: '22:00', organiser: 'staden' });
    q.user.current = '';
  });
  p.mailer.failFor = () => 'Invalid email';
  expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' }).saved).toBe(true);
  expect(cell(p, 'G-0002')).toMatch(/^P-002: erbjuds \S+; P-001: ja$/);
});

test('an answer that changes nothing while a seat is owed: the seat is passed on, the guest\'s own row is not written', () => {
  const p = lapsedOffer();
  const answered = rec(p, 'G-0001')['Svarad'];
  const logged = p.workbook.get('log').records().length;
  expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' })).toMatchObject({ saved: true, message: { sv: 'Tack! Ditt svar är registrerat: du kommer till Konferensen (P-001).' } });
  expect(cell(p, 'G-0002')).toBe('P-001: ja; P-002: nej');
  expect(cell(p, 'G-0003')).toMatch(/^P-001: ja; P-002: erbjuden /);
  expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se', 'cecilia@example.se']);
  expect(rec(p, 'G-0001')['Svarad']).toEqual(answered);
  expect(loggedSince(p, logged).filter(([a]) => a === 'gäst.svar')).toEqual([]);
});

describe('the confirmation\'s note line in Anteckning', () => {
  const trouble = `${CONFIRM_TAG} ${confirmNoteLine({ kind: 'kvot', at: '2009-11-02T10:00:00.000Z' })}`;

  test('a failed confirmation stays while the guest accepts the same items (a new diet), and goes when that changes', () => {
    const p = setupItems('1', (q) => {
      setCell(q, 'G-0001', 'Status', 'Tackat ja');
      setCell(q, 'G-0001', 'Svar per punkt', 'P-001: ja; P-002: ja');
      setCell(q, 'G-0001', 'Anteckning', `${trouble}\nringer hellre`);
    });
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }, { diet: 'Vegan', consent: true }).saved).toBe(true);
    expect(rec(p, 'G-0001')).toMatchObject({ 'Kost/allergier': 'Vegan', Anteckning: `${trouble}\nringer hellre` });
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' }, { diet: 'Vegan', consent: true }).saved).toBe(true);
    expect(rec(p, 'G-0001')['Anteckning']).toBe('ringer hellre');
  });

  test('a [Bekräftelse] line that records no failure (typed by hand) stays when the guest\'s answer changes', () => {
    const p = setupItems('1', (q) => setCell(q, 'G-0001', 'Anteckning', `${CONFIRM_TAG} ring först`));
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
    expect(rec(p, 'G-0001')).toMatchObject({ Status: 'Tackat ja', Anteckning: `${CONFIRM_TAG} ring först` });
  });
});

test('Logg: a changed answer has the guest\'s Svar per punkt before and after', () => {
  const p = setupItems();
  say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' });
  say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
  const l = p.workbook.get('log').records().filter((r) => r['Åtgärd'] === 'gäst.svar').at(-1)!;
  expect([JSON.parse(String(l['Före'])), JSON.parse(String(l['Efter']))]).toEqual([
    { Status: 'Tackat ja', 'Svar per punkt': 'P-001: ja; P-002: ja' }, { Status: 'Tackat ja', 'Svar per punkt': 'P-001: ja; P-002: nej', bekräftelse: 'skickas' },
  ]);
});

test('without a web app URL the confirmation goes without the link', () => {
  const p = setupItems();
  const noUrl = () => { throw new Error('no web app URL'); };
  const r = answerRsvp(p, { ...keyOf('G-0001'), answers: { 'P-001': 'ja', 'P-002': 'ja' } }, verify, noUrl);
  expect(r.message.en).toContain('A confirmation with the calendar file has been sent to your e-mail.');
  const [mail] = p.mailer.sent;
  expect(mail.textBody).toBe(confirmationMail(r.view!, 'astrid@example.se', loadFullContext(p).settings, '').textBody);
  expect(mail.textBody).toContain('fram till sista svarsdagen:\n\n\nDe delar du kommer till');
});

test('a single answer (a guest invited to no item of Program) leaves Svar per punkt as it is', () => {
  const p = setupItems('1', (q) => {
    setCell(q, 'G-0001', 'Evenemang', 'stadsvandring');
    setCell(q, 'G-0001', 'Svar per punkt', 'P-001: ja');
  });
  expect(answerRsvp(p, { ...keyOf('G-0001'), answer: 'nej' }, verify)).toMatchObject({ saved: true, message: { en: 'Thank you! Your reply is registered: you cannot attend.' } });
  expect(rec(p, 'G-0001')).toMatchObject({ Status: 'Tackat nej', 'Svar per punkt': 'P-001: ja' });
  const l = p.workbook.get('log').records().filter((r) => r['Åtgärd'] === 'gäst.svar').at(-1)!;
  expect(JSON.parse(String(l['Efter']))).toEqual({ Status: 'Tackat nej' });
});

describe('the thanks name an item whose open offer the guest keeps while waiting', () => {
  test.each([
    ['being mailed (erbjuds: its mail failed)', 'Invalid email', /P-002: erbjuds /],
    ['mailed (erbjuden)', null, /P-002: erbjuden /],
  ])('an offer %s', (_why, failure, offered) => {
    const p = queue();
    p.mailer.failFor = () => failure;
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    p.mailer.failFor = undefined;
    expect(cell(p, 'G-0002')).toMatch(offered);
    expect(say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).message.en)
      .toBe('Thank you! Your reply is registered: you will attend Konferensen (P-001); you are on the waiting list for Middagen (P-002).');
  });
});

describe('the view', () => {
  test('without a Slutdatum (a cell of blanks: an empty one takes the default) the privacy notice says the data go after the event', () => {
    // The guest list alone (no Program: its items must fall within the conference's days).
    const p = memoryPorts(PL);
    p.workbook.add('settings', [['Projektledare', PL, '']]);
    p.workbook.add('event', [['Evenemang', 'Public Services Summit 2009', ''], ['Startdatum', '2009-12-08', ''], ['Slutdatum', ' ', ''], ['Sista svarsdag', '2009-11-20', '']]);
    p.workbook.add('guests', [['G-0001', 'Astrid', 'E', '', '', '', 'astrid@example.se', 'sv', 'konferensen', '', 'Inbjuden', new Date('2009-11-01T10:00:00Z'), '', '', 1, '', '', '']]);
    journalled(p);
    expect(pageOf(p, 'G-0001').privacy.retention).toBe('Kontaktuppgifter och kostuppgifter raderas efter evenemanget.');
  });

  test('after the deadline: no calendar either (it would list what the guest accepted)', () => {
    const p = setupItems();
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' });
    expect(pageOf(p, 'G-0001').calendar).toMatch(/BEGIN:VEVENT/);
    afterDeadline(p);
    expect(pageOf(p, 'G-0001')).toMatchObject({ events: [], calendar: '' });
  });

  test('confirmationView (the project leader\'s resend): the answers after the deadline too, no link tag or token', () => {
    const p = setupItems();
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    afterDeadline(p);
    const ctx = loadFullContext(p);
    const check = checkTable(ctx.journal, 'guests');
    const r = guestRows(check).find((x) => x.guest.id === 'G-0001') as GuestRow & { index: number };
    const v = confirmationView(r, check, ctx, p.clock.now());
    expect([v.w, v.g, v.v, v.t]).toEqual(['', 'G-0001', 1, '']);
    expect(v.events.map((l) => [l.id, l.answer])).toEqual([['P-001', 'ja'], ['P-002', 'nej']]);
  });
});
