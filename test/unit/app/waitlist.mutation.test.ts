/**
 * The waiting list (src/app/waitlist.ts) to the detail (npm run test:mutation): the offer's deadline, the offer mail's
 * sender, language, address and link, the log of each offer, a guest whose row waits for review, the order of an
 * offered guest's answers, and the races passing seats on is built for (a stale view, a stale offer, a busy lock).
 */
import { loadFullContext } from '../../../src/app/context';
import { guestRows } from '../../../src/app/invite-rows';
import { checkTable, Tx } from '../../../src/app/journal';
import { LockTimeoutError, type Ports } from '../../../src/app/ports';
import { saveProgramItem } from '../../../src/app/program';
import { answerRsvp, deadlineEnd, viewRsvp } from '../../../src/app/rsvp';
import { applyChanges, guestsPassedOn, mailOffers, offerUntil, passOnSeats, putChanges, workingLinks } from '../../../src/app/waitlist';
import type { MemoryPorts } from '../../support/memory';
import { keyOf, setupItems, typeCancellation, verify } from '../../support/rsvp-items';

const links = (g: { id: string; version: number }) => `https://example.org/exec?g=${g.id}&v=${g.version}`;
const cell = (p: MemoryPorts, id: string) => String(p.workbook.get('guests').records().find((r) => r.ID === id)!['Svar per punkt']);
const say = (p: MemoryPorts, id: string, answers: Record<string, string>) => answerRsvp(p, { ...keyOf(id), answers }, verify, links);
const offers = (p: MemoryPorts) => p.mailer.sent.filter((m) => /seat has become free|plats har blivit ledig/.test(m.subject));
const advance = (p: MemoryPorts, ms: number) => (p.clock as { advance(ms: number): void }).advance(ms);
const H = 3_600_000;
const END = deadlineEnd('2009-11-20');
/** Sets a cell of a guest's row in Gäster as a hand edit (or, before the journal starts, as the seeded row). */
const setCell = (p: MemoryPorts, id: string, column: string, value: string) => {
  const g = p.workbook.get('guests');
  g.grid[g.grid.findIndex((r) => r[0] === id)][g.grid[0].indexOf(column)] = value;
};

/** Types Återbud into G-0001's Status cell as the project leader and runs the edit guard (no mail from a simple trigger). */

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

describe('offerUntil: how long a freed seat is held', () => {
  const now = new Date('2009-11-02T08:00:00.000Z');
  test('48 hours from now, without a reply deadline', () => {
    expect(offerUntil(null, now)).toBe('2009-11-04T08:00:00.000Z');
  });
  test('cut at the end of the reply deadline when that comes first; none once it has come', () => {
    expect(offerUntil(Date.parse('2009-11-03T12:30:00.000Z'), now)).toBe('2009-11-03T12:30:00.000Z');
    expect(offerUntil(Date.parse('2009-11-05T00:00:00.000Z'), now)).toBe('2009-11-04T08:00:00.000Z');
    expect(offerUntil(now.getTime() + 1, now)).toBe('2009-11-02T08:00:00.001Z');
    expect(offerUntil(now.getTime(), now)).toBeNull();
    expect(offerUntil(now.getTime() - H, now)).toBeNull();
  });
});

test('applyChanges: a guest\'s other answers are kept, the changed item takes its new state, in Program\'s order', () => {
  const until = '2009-11-04T08:00:00.000Z';
  expect(applyChanges('P-002: väntar 2009-11-01T10:00:00.000Z; P-001: ja', [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'erbjuds', until } }], ['P-001', 'P-002', 'P-003']))
    .toBe(`P-001: ja; P-002: erbjuds ${until}`);
  // A cell that does not read (typed by hand) keeps nothing but the change.
  expect(applyChanges('ja tack', [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'nej' } }], ['P-001', 'P-002'])).toBe('P-002: nej');
});

test('a capacity removed while nobody holds a yes on the item (the one seat offered, not yet taken) still gives everyone waiting a seat', () => {
  const p = queue();
  say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
  expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se']);
  p.user.current = 'pl@stockholm.se';
  saveProgramItem(p, { id: 'P-002', title: 'Middagen', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden' }, () => links);
  expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se', 'cecilia@example.se']);
  expect(cell(p, 'G-0003')).toMatch(/^P-001: ja; P-002: erbjuden /);
});

describe('the offer mail', () => {
  test('from the event\'s sender, replies to its Svarsadress, to the address as typed without spaces, an HTML part with the link', () => {
    const p = queue((q) => {
      q.workbook.get('event').grid.push(['Svarsadress', 'summit@stockholm.se', ''], ['Avsändarnamn', 'Summit-kansliet', '']);
      setCell(q, 'G-0002', 'E-post', '  bertil@example.se ');
    });
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(offers(p)).toHaveLength(1);
    const m = offers(p)[0];
    expect([m.to, m.name, m.replyTo]).toEqual(['bertil@example.se', 'Summit-kansliet', 'summit@stockholm.se']);
    const link = 'https://example.org/exec?g=G-0002&amp;v=1';
    expect(m.htmlBody).toContain(`<br><a href="${link}">${link}</a>`);
    expect(m.htmlBody).toContain('It is held for you until 4 November 2009, 09:00.');
  });

  test('a guest whose Språk does not read gets it in Swedish', () => {
    const p = queue((q) => setCell(q, 'G-0002', 'Språk', ''));
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    const m = offers(p)[0];
    expect(m.subject).toBe('En plats har blivit ledig: Middagen (P-002) – Public Services Summit 2009');
    expect(m.textBody).toContain('4 november 2009 kl. 09:00');
  });
});

test('each offer is logged with the guest\'s Svar per punkt before and after: väntar → erbjuds, then erbjuds → erbjuden', () => {
  const p = queue();
  const was = cell(p, 'G-0002');
  say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
  const logged = p.workbook.get('log').records().filter((r) => r['Åtgärd'] === 'gäst.väntelista');
  const until = '2009-11-04T08:00:01.000Z';
  expect(logged.map((r) => [r.Objekt, JSON.parse(String(r['Före'])), JSON.parse(String(r['Efter']))])).toEqual([
    ['G-0002', { 'Svar per punkt': was }, { 'Svar per punkt': `P-001: ja; P-002: erbjuds ${until}` }],
    ['G-0002', { 'Svar per punkt': `P-001: ja; P-002: erbjuds ${until}` }, { 'Svar per punkt': `P-001: ja; P-002: erbjuden ${until}` }],
  ]);
});

test('a guest waiting whose row waits for review (changed outside Summit Planner) keeps their place but gets no offer: the next guest does', () => {
  const p = queue();
  setCell(p, 'G-0002', 'Titel', 'Dr');
  say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
  expect(offers(p).map((m) => m.to)).toEqual(['cecilia@example.se']);
  expect(cell(p, 'G-0002')).toMatch(/^P-001: ja; P-002: väntar /);
  expect(cell(p, 'G-0003')).toMatch(/^P-001: ja; P-002: erbjuden /);
});

test('the first guest waiting answers again while a typed Återbud\'s seat is not yet passed on: the offer is theirs at once, in their own row\'s one write', () => {
  const p = queue();
  typeCancellation(p);
  const logged = p.workbook.get('log').records().length;
  expect(say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  expect(cell(p, 'G-0002')).toMatch(/^P-001: ja; P-002: erbjuden /);
  expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se']);
  expect(p.workbook.get('log').records().slice(logged).map((x) => [x['Åtgärd'], x.Objekt])).toEqual([['gäst.svar', 'G-0002'], ['gäst.väntelista', 'G-0002']]);
});

/** P-001, the conference, moved after the dinner: Program's order (by time) is P-002, P-003, P-001, not the IDs' order. */
const lateConference = (p: MemoryPorts) => {
  p.user.current = 'pl@stockholm.se';
  saveProgramItem(p, { id: 'P-001', title: 'Konferensen', type: 'plenarsession', date: '2009-12-09', start: '20:00', end: '22:00', organiser: 'staden' });
  p.user.current = '';
};

describe('an offered guest\'s Svar per punkt keeps Program\'s order (by time), not the IDs\'', () => {
  test('marked mailed (erbjuden) after a decline', () => {
    const p = queue(undefined, lateConference);
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(cell(p, 'G-0002')).toMatch(/^P-002: erbjuden \S+; P-001: ja$/);
  });

  test('written as erbjuds when a page opening passes a typed Återbud\'s seat on (its mail failed)', () => {
    const p = queue(undefined, lateConference);
    typeCancellation(p);
    p.mailer.failFor = () => 'Invalid email';
    viewRsvp(p, keyOf('G-0003'), verify, links);
    expect(cell(p, 'G-0002')).toMatch(/^P-002: erbjuds \S+; P-001: ja$/);
  });
});

describe('mailOffers: only the offer the row still holds is mailed', () => {
  /** B's offer written as erbjuds but its mail failed: the cell holds it, unmailed. */
  const unmailed = () => {
    const p = queue();
    p.mailer.failFor = () => 'Invalid email';
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    p.mailer.failFor = undefined;
    const until = /erbjuds (\S+)$/.exec(cell(p, 'G-0002'))![1];
    return { p, until };
  };

  test('an offer the row holds with another deadline (another execution\'s) is not mailed', () => {
    const { p, until } = unmailed();
    const other = new Date(Date.parse(until) - 1000).toISOString();
    expect(mailOffers(p, loadFullContext(p), [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'erbjuds', until: other } }], links)).toBe(0);
    expect(offers(p)).toHaveLength(0);
    expect(cell(p, 'G-0002')).toBe(`P-001: ja; P-002: erbjuds ${until}`);
    // The one it holds is mailed and marked mailed.
    expect(mailOffers(p, loadFullContext(p), [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'erbjuds', until } }], links)).toBe(1);
    expect(cell(p, 'G-0002')).toBe(`P-001: ja; P-002: erbjuden ${until}`);
    // Mailed once: the same offer again (another execution's stale list) is not mailed twice.
    expect(mailOffers(p, loadFullContext(p), [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'erbjuds', until } }], links)).toBe(0);
    expect(offers(p)).toHaveLength(1);
  });

  test('nor a change that is not an offer (a seat marked mailed, erbjuden, with the deadline the row holds)', () => {
    const { p, until } = unmailed();
    expect(mailOffers(p, loadFullContext(p), [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'erbjuden', until } }], links)).toBe(0);
    expect(offers(p)).toHaveLength(0);
    expect(cell(p, 'G-0002')).toBe(`P-001: ja; P-002: erbjuds ${until}`);
  });

  test('nor one to a guest whose Svar per punkt does not read (sealed so): no offer there, and no failure', () => {
    const p = setupItems('1', (q) => setCell(q, 'G-0003', 'Svar per punkt', 'ja tack'));
    const until = '2009-11-04T08:00:00.000Z';
    expect(mailOffers(p, loadFullContext(p), [{ guestId: 'G-0003', itemId: 'P-002', to: { kind: 'erbjuds', until } }], links)).toBe(0);
    expect(offers(p)).toHaveLength(0);
  });

  test('with nothing to mail (no offer, or no link) it reads nothing: Gäster is not read again', () => {
    const { p, until } = unmailed();
    const ctx = loadFullContext(p);
    const reads = p.workbook.counters.reads;
    expect(mailOffers(p, ctx, [], links)).toBe(0);
    expect(mailOffers(p, ctx, [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'erbjuds', until } }], null)).toBe(0);
    expect(p.workbook.counters.reads).toBe(reads);
    expect(cell(p, 'G-0002')).toBe(`P-001: ja; P-002: erbjuds ${until}`);
  });

  test('when every mail fails nothing is committed: no write, no Logg row, and who acted is not even looked up', () => {
    const { p, until } = unmailed();
    const ctx = loadFullContext(p);
    p.mailer.failFor = () => 'Invalid email';
    const writes = p.workbook.counters.writes;
    const logged = p.workbook.get('log').records().length;
    const who = jest.spyOn(p.user, 'email');
    expect(mailOffers(p, ctx, [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'erbjuds', until } }], links)).toBe(0);
    expect(who).not.toHaveBeenCalled();
    expect(p.workbook.counters.writes).toBe(writes);
    expect(p.workbook.get('log').records()).toHaveLength(logged);
  });

  test('nor one on a row changed outside Summit Planner since, nor one to an unknown guest or on an item the guest never waited for', () => {
    const { p, until } = unmailed();
    const o = (guestId: string, itemId: string) => [{ guestId, itemId, to: { kind: 'erbjuds' as const, until } }];
    expect(mailOffers(p, loadFullContext(p), o('G-0009', 'P-002'), links)).toBe(0);
    expect(mailOffers(p, loadFullContext(p), o('G-0002', 'P-003'), links)).toBe(0); // an item the guest has no answer on
    setCell(p, 'G-0002', 'Titel', 'Dr');
    expect(mailOffers(p, loadFullContext(p), o('G-0002', 'P-002'), links)).toBe(0);
    expect(offers(p)).toHaveLength(0);
  });
});

describe('passing on, in the races it is built for', () => {
  const PL = 'pl@stockholm.se';

  test('an Återbud typed while another guest\'s offer has lapsed: the toast counts the seats to offer, not the lapsed offer', () => {
    const p = queue();
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
    advance(p, 48 * H);
    expect(typeCancellation(p, 'G-0003').message?.en).toMatch(/^1 freed seat is owed to the waiting list\./);
  });

  test('a view of Gäster read before another execution passed the seat on: under the lock nothing is left, nothing written or mailed', () => {
    const p = queue();
    typeCancellation(p);
    const ctx = loadFullContext(p);
    const stale = checkTable(ctx.journal, 'guests');
    expect(passOnSeats(p, ctx, stale, links, END)).toBe(true);
    expect(offers(p)).toHaveLength(1);
    const logged = p.workbook.get('log').records().length;
    expect(passOnSeats(p, loadFullContext(p), stale, links, END)).toBe(false);
    expect(offers(p)).toHaveLength(1);
    expect(p.workbook.get('log').records()).toHaveLength(logged);
  });

  test('a busy lock: nothing passed on now (false); any other failure is not taken for one', () => {
    const p = queue();
    typeCancellation(p);
    const ctx = loadFullContext(p);
    const check = checkTable(ctx.journal, 'guests');
    const failing = (e: Error): Ports => ({ ...p, lock: { withLock: () => { throw e; } } });
    expect(passOnSeats(failing(new LockTimeoutError()), ctx, check, links, END)).toBe(false);
    expect(() => passOnSeats(failing(new Error('Sheets is down')), ctx, check, links, END)).toThrow('Sheets is down');
  });

  test('with nothing owed nothing is made or taken: no links (script properties), no lock, and passOnSeats says nothing was written', () => {
    const p = queue();
    p.user.current = PL;
    let made = 0;
    const making = () => { made++; return links; };
    guestsPassedOn(p, loadFullContext(p), making, END);
    expect(made).toBe(0);
    const ctx = loadFullContext(p);
    const probes: string[] = [];
    const counting = (g: { id: string; version: number }) => { probes.push(g.id); return links(g); };
    p.lock.held = true; // taking the lock would fail
    expect(passOnSeats(p, ctx, checkTable(ctx.journal, 'guests'), counting, END)).toBe(false);
    expect(probes).toEqual([]);
    p.lock.held = false;
    // Something owed: the links are made once.
    p.user.current = '';
    typeCancellation(p);
    p.user.current = PL;
    guestsPassedOn(p, loadFullContext(p), making, END);
    expect(made).toBe(1);
  });

  test('without a working link passOnSeats writes nothing and says so (false)', () => {
    const p = queue();
    typeCancellation(p);
    const ctx = loadFullContext(p);
    expect(passOnSeats(p, ctx, checkTable(ctx.journal, 'guests'), () => { throw new Error('no web app'); }, END)).toBe(false);
    expect(cell(p, 'G-0002')).toMatch(/P-002: väntar /);
  });

  test('the project leader\'s sidebar opens on Gäster even when the links cannot be made (nothing passed on)', () => {
    const p = queue();
    typeCancellation(p);
    p.user.current = PL;
    const check = guestsPassedOn(p, loadFullContext(p), () => { throw new Error('no script properties'); }, END);
    expect(check.rows).toHaveLength(3);
    expect(offers(p)).toHaveLength(0);
    expect(cell(p, 'G-0002')).toMatch(/P-002: väntar /);
  });
});

test('workingLinks tries a well-formed key (G-0000, version 1): a link maker that checks the key it is given is not taken for a broken one', () => {
  const checking = (g: { id: string; version: number }) => {
    if (!/^G-\d{4}$/.test(String(g.id)) || !Number.isInteger(g.version) || g.version < 1) throw new Error(`no link for ${String(g.id)}`);
    return links(g);
  };
  expect(workingLinks(checking)).toBe(checking);
  expect(workingLinks(() => { throw new Error('no web app'); })).toBeNull();
});

describe('putChanges: only rows it can write', () => {
  const ORDER = ['P-001', 'P-002', 'P-003'];
  const until = '2009-11-04T08:00:00.000Z';

  test('a guest only the journal still has (the row deleted from Gäster) is not written, nor appended as a new row', () => {
    const p = queue();
    const g = p.workbook.get('guests');
    g.grid.splice(g.grid.findIndex((r) => r[0] === 'G-0003'), 1);
    const ctx = loadFullContext(p);
    const check = checkTable(ctx.journal, 'guests');
    const rows = guestRows(check);
    expect(rows.find((r) => r.guest.id === 'G-0003')?.index).toBeNull();
    const tx = new Tx(ctx.journal, 'pl@stockholm.se');
    putChanges(tx, check, rows, new Map([['G-0003', [{ guestId: 'G-0003', itemId: 'P-002', to: { kind: 'erbjuds', until } }]]]), ORDER);
    expect(tx.commit()).toBeNull();
    expect(g.grid.map((r) => r[0])).toEqual(['ID', 'G-0001', 'G-0002']);
  });

  test('a guest without Svar per punkt (Guest.itemAnswers absent) is logged with an empty one before', () => {
    const p = queue();
    const ctx = loadFullContext(p);
    const check = checkTable(ctx.journal, 'guests');
    const rows = guestRows(check).map((r) => (r.guest.id === 'G-0002' ? { ...r, guest: { ...r.guest, itemAnswers: undefined } } : r));
    const tx = new Tx(ctx.journal, 'pl@stockholm.se');
    putChanges(tx, check, rows, new Map([['G-0002', [{ guestId: 'G-0002', itemId: 'P-002', to: { kind: 'erbjuds', until } }]]]), ORDER);
    tx.commit();
    const last = p.workbook.get('log').records().at(-1)!;
    expect([last['Åtgärd'], last.Objekt, JSON.parse(String(last['Före'])), JSON.parse(String(last['Efter']))])
      .toEqual(['gäst.väntelista', 'G-0002', { 'Svar per punkt': '' }, { 'Svar per punkt': `P-002: erbjuds ${until}` }]);
  });
});
