import { answerRsvp, busyForGuestMsg, deadlineEnd, neutralMsg, RSVP_PER_HOUR, viewRsvp, type RsvpView, type Verify } from '../../../src/app/rsvp';
import { UserError } from '../../../src/core/msg';
import { rsvpToken, verifyRsvpToken, workbookTag } from '../../../src/core/rsvp';
import { headersOf } from '../../../src/core/schema';
import { addMonths } from '../../../src/core/template';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

const SECRET = 'test-secret';
const verify: Verify = (k) => verifyRsvpToken(SECRET, k.g, k.v, k.t, k.w);
const tok = (id: string, v = 1) => rsvpToken(SECRET, id, v);

const CONSENTED = new Date('2009-11-03T08:15:00Z');
const SENT = new Date('2009-11-01T10:00:00Z');
const DIET2 = 'Nötallergi (svår)';

/**
 * G-0001 Astrid Lindgren (sv), invited, no answer, no diet.
 * G-0002 Bertil Ek (en), answered yes with a diet and consent; link version 2 (his first link was revoked).
 * G-0003 Cecilia Berg (sv), approved, not yet invited.
 */
interface Seed { statuses?: string[]; settings?: [string, string | number][]; event?: [string, string][]; language1?: string }
function setup(o: Seed = {}): MemoryPorts {
  const [s1, s2, s3] = o.statuses ?? ['Inbjuden', 'Tackat ja', 'Godkänd'];
  const p = memoryPorts('');
  // Key/value rows: the seed's defaults, overridden by the test's.
  const kv = (base: [string, string | number][], over: [string, string | number][] = []) =>
    Object.entries({ ...Object.fromEntries(base), ...Object.fromEntries(over) }).map(([k, v]) => [k, v, '']);
  p.workbook.add('settings', kv([
    ['Projektledare', 'pl@stockholm.se'],
    ['Personuppgiftsansvarig', 'Kommunstyrelsen, Stockholms stad'],
    ['Dataskyddsombud', 'dataskyddsombud@stockholm.se'],
    ['Lagringstid (månader)', 6],
  ], o.settings));
  p.workbook.add('event', kv([
    ['Evenemang', 'Public Services Summit 2009'],
    ['Startdatum', '2009-12-08'],
    ['Slutdatum', '2009-12-09'],
    ['Plats', 'Stockholms stadshus'],
    ['Sista svarsdag', '2009-11-20'],
    ['Svarsadress', 'osa@stockholm.se'],
    ['Evenemangsdelar', 'konferensen; representationsmiddagen; studiebesök'],
  ], o.event));
  // Schema order: ID … Anteckning, Länkversion, Samtycke kost, Sigill.
  p.workbook.add('guests', [
    ['G-0001', 'Astrid', 'Lindgren', 'Författare', 'Vimmerby kommun', 'Sverige', 'astrid@example.se', o.language1 ?? 'sv',
      'konferensen; representationsmiddagen', '', s1, SENT, '', 'ringer hellre', 1, '', ''],
    ['G-0002', 'Bertil', 'Ek', 'CIO', 'Example Ltd', 'UK', 'bertil@example.co.uk', 'en',
      'konferensen', DIET2, s2, SENT, new Date('2009-11-03T08:15:00Z'), '', 2, CONSENTED, ''],
    ['G-0003', 'Cecilia', 'Berg', '', '', '', 'cecilia@example.se', 'sv', 'konferensen', '', s3, '', '', '', 1, '', ''],
  ]);
  return journalled(p);
}

const COL = Object.fromEntries(headersOf('guests').map((h, i) => [h, i]));
const recs = (p: MemoryPorts) => p.workbook.get('guests').records();
/** Logg's entries after set-up's baseline (the ones the RSVP wrote). */
const entries = (p: MemoryPorts) => p.workbook.get('log').records().filter((r) => !['arbetsbok.baslinje', 'beslut.överfört'].includes(String(r['Åtgärd'])));
/** Every sheet and every document property: compared before and after to prove that nothing was written. */
const dump = (p: MemoryPorts) => JSON.stringify({ sheets: [...p.workbook.tables].map(([n, t]) => [n, t.grid]), props: [...p.properties.map] });
const key = (id: string, v = 1) => ({ g: id, v, t: tok(id, v) });
const answer = (id: string, v: number, extra: object) => ({ ...key(id, v), ...extra });
const viewOf = (p: MemoryPorts, input: unknown): RsvpView => {
  const r = viewRsvp(p, input, verify);
  if (!r.ok) throw new Error(`expected a view, got: ${r.message.en}`);
  return r.view;
};

describe('viewRsvp: what the guest sees', () => {
  test("only the guest's own data, in their language, with the link's key", () => {
    const p = setup();
    const v = viewOf(p, { g: 'G-0002', v: '2', t: tok('G-0002', 2) }); // from the URL: v is a string
    expect(v).toMatchObject({
      lang: 'en', g: 'G-0002', v: 2, t: tok('G-0002', 2), firstName: 'Bertil', lastName: 'Ek',
      eventName: 'Public Services Summit 2009', venue: 'Stockholms stadshus',
      answer: 'ja', diet: DIET2, consent: true, deadline: '20 November 2009', replyTo: 'osa@stockholm.se', closed: '',
    });
    expect(v.events.map((e) => e.name)).toEqual(['konferensen', 'konferensen']);
    expect(v.events[0].date).toBe('8 December 2009');
    const json = JSON.stringify(v);
    // Nobody else's data, and not even the guest's own contact details or the organiser's note.
    for (const other of ['Astrid', 'Lindgren', 'astrid@example.se', 'Cecilia', 'cecilia@example.se', 'bertil@example.co.uk', 'Example Ltd', 'ringer hellre']) {
      expect(json).not.toContain(other);
    }
  });

  test('a Swedish guest without an answer or consent', () => {
    const v = viewOf(setup(), key('G-0001'));
    expect(v).toMatchObject({ lang: 'sv', v: 1, answer: '', diet: '', consent: false, deadline: '20 november 2009', closed: '' });
    expect(v.events.map((e) => e.name)).toEqual(['konferensen', 'konferensen', 'representationsmiddagen']);
    // The old parts have no item of their own: no ID, no answer per line, no seats to count.
    expect(v.events[2]).toEqual({ id: '', name: 'representationsmiddagen', date: '8 december 2009', start: '19:00', end: '23:00', answer: '', full: false, limited: false, offerUntil: '' });
    // The old free-text parts are answered once: no calendar before a yes; after it, every part of the guest's.
    expect(v.perItem).toBe(false);
    expect(v.calendar).toBe('');
    expect(viewOf(setup(), key('G-0002', 2)).calendar.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  test('a guest whose Språk is neither sv nor en reads the page in Swedish', () => {
    const v = viewOf(setup({ language1: 'fi' }), key('G-0001'));
    expect([v.lang, v.deadline, v.events[2].date]).toEqual(['sv', '20 november 2009', '8 december 2009']);
  });

  test('the privacy notice: configured controller and DPO, the retention date, the standard purpose and legal basis', () => {
    const p = setup();
    const sv = viewOf(p, key('G-0001')).privacy;
    expect(sv.controller).toBe('Kommunstyrelsen, Stockholms stad');
    expect(sv.dpo).toBe('dataskyddsombud@stockholm.se');
    // Slutdatum 2009-12-09 + Lagringstid 6 months.
    expect(sv.retention).toBe('Kontaktuppgifter och kostuppgifter raderas senast 9 juni 2010.');
    expect(sv.purpose).toMatch(/^Att hantera inbjudan till Public Services Summit 2009/);
    expect(sv.legalBasis).toMatch(/art\. 6\.1 e.*samtycke \(art\. 9\.2 a\)/);
    const en = viewOf(p, key('G-0002', 2)).privacy;
    expect(en.retention).toBe('Contact details and dietary needs are deleted by 9 June 2010 at the latest.');
    expect(en.purpose).toMatch(/^To handle your invitation to Public Services Summit 2009/);
    expect(en.legalBasis).toMatch(/art\. 6\(1\)\(e\).*consent \(art\. 9\(2\)\(a\)\)/);
  });

  test('the privacy notice: purpose and legal basis from Inställningar when set, the retention follows Lagringstid', () => {
    const p = setup({ settings: [['Ändamål', 'Gästlistan för konferensen.'], ['Rättslig grund', 'Allmänt intresse.'], ['Lagringstid (månader)', 2]] });
    const n = viewOf(p, key('G-0001')).privacy;
    expect(n).toMatchObject({ purpose: 'Gästlistan för konferensen.', legalBasis: 'Allmänt intresse.' });
    expect(n.retention).toBe('Kontaktuppgifter och kostuppgifter raderas senast 9 februari 2010.');
  });

  test.each([
    ['wrong token', { g: 'G-0001', v: 1, t: 'x'.repeat(43) }],
    ["another guest's token", { g: 'G-0001', v: 1, t: tok('G-0003') }],
    ['a token for another version', { g: 'G-0001', v: 2, t: tok('G-0001', 1) }],
    ['a version that is no number', { g: 'G-0001', v: 'ett', t: tok('G-0001') }],
    ['version 0', { g: 'G-0001', v: 0, t: tok('G-0001', 0) }],
    ['missing token', { g: 'G-0001', v: 1 }],
    ['missing version', { g: 'G-0001', t: tok('G-0001') }],
    ['missing guest ID', { v: 1, t: tok('G-0001') }],
    ['missing everything', {}],
    ['tampered id', { g: 'G-0001 ', v: 1, t: tok('G-0001') }],
    ['not an object', 'G-0001'],
    ['null', null],
  ])('%s → the neutral message, nothing read', (_why, input) => {
    const p = setup();
    const reads = p.workbook.counters.reads;
    expect(viewRsvp(p, input, verify)).toEqual({ ok: false, message: neutralMsg() });
    expect(p.workbook.counters.reads).toBe(reads);
  });

  test('the neutral message says what to do, in both languages', () => {
    expect(neutralMsg().sv).toMatch(/Länken fungerar inte.*senaste inbjudan/);
    expect(neutralMsg().en).toMatch(/This link does not work.*latest invitation/);
  });

  test('an unknown guest with a valid token → neutral', () => {
    const p = setup();
    expect(viewRsvp(p, key('G-0099'), verify)).toEqual({ ok: false, message: neutralMsg() });
  });

  test('an old link (Länkversion moved on) → neutral; the current one works', () => {
    const p = setup();
    expect(viewRsvp(p, key('G-0002', 1), verify)).toEqual({ ok: false, message: neutralMsg() });
    expect(viewRsvp(p, key('G-0002', 2), verify).ok).toBe(true);
    expect(viewRsvp(p, key('G-0002', 3), verify)).toEqual({ ok: false, message: neutralMsg() });
  });

  test('a row changed by hand after set-up (waits for review) → neutral, for the page and the answer', () => {
    const p = setup();
    expect(viewRsvp(p, key('G-0001'), verify).ok).toBe(true);
    p.workbook.get('guests').grid[1][COL['Anteckning']] = 'ändrad i arket';
    expect(viewRsvp(p, key('G-0001'), verify)).toEqual({ ok: false, message: neutralMsg() });
    const before = dump(p);
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify)).toEqual({ saved: false, message: neutralMsg() });
    expect(dump(p)).toBe(before);
    // The other guests' rows are still verified.
    expect(viewRsvp(p, key('G-0002', 2), verify).ok).toBe(true);
  });

  test('a Länkversion bumped by hand does not make a new link valid (the row waits for review)', () => {
    const p = setup();
    p.workbook.get('guests').grid[1][COL['Länkversion']] = 5;
    expect(viewRsvp(p, key('G-0001', 5), verify)).toEqual({ ok: false, message: neutralMsg() });
    expect(viewRsvp(p, key('G-0001', 1), verify)).toEqual({ ok: false, message: neutralMsg() });
  });

  test('a deleted guest row → neutral', () => {
    const p = setup();
    p.workbook.get('guests').grid.splice(1, 1);
    expect(viewRsvp(p, key('G-0001'), verify)).toEqual({ ok: false, message: neutralMsg() });
  });

  test('a guest not yet invited sees why they cannot answer, with the reply address', () => {
    const v = viewOf(setup(), key('G-0003'));
    expect(v.closed).toBe('Svar kan inte tas emot för den här inbjudan just nu. Kontakta osa@stockholm.se.');
  });

  test('after Sista svarsdag (end of the day in Stockholm): nothing personal but the name', () => {
    const p = setup();
    p.clock.t = new Date('2009-11-20T22:59:59Z'); // 23:59:59 in Stockholm: still open
    expect(viewOf(p, key('G-0002', 2))).toMatchObject({ closed: '', answer: 'ja', diet: DIET2, consent: true });
    p.clock.t = new Date('2009-11-20T23:00:00Z');
    const v = viewOf(p, key('G-0002', 2));
    expect(v).toMatchObject({
      firstName: 'Bertil', lastName: 'Ek', events: [], answer: '', diet: '', venue: '', consent: false, replyTo: 'osa@stockholm.se',
    });
    expect(v.closed).toBe("The reply deadline (20 November 2009) has passed, so the reply can't be changed here. Please contact osa@stockholm.se.");
    expect(JSON.stringify(v)).not.toMatch(/Nötallergi|stadshus|konferensen/);
    expect(v.privacy.controller).toBe('Kommunstyrelsen, Stockholms stad');
    const sv = viewOf(p, key('G-0001'));
    expect(sv.closed).toMatch(/^Sista svarsdag \(20 november 2009\) har passerat.*Kontakta osa@stockholm\.se\.$/);
  });
});

describe('answerRsvp', () => {
  test('yes with diet and consent: Status, Svarad, diet and Samtycke kost in ONE range write under the lock, one Logg append as the guest', () => {
    const p = setup();
    const before = { ...p.workbook.counters };
    const guests = p.workbook.get('guests');
    const log = p.workbook.get('log');
    const guestWrites = jest.spyOn(guests, 'write');
    const logAppends = jest.spyOn(log, 'append');
    const locked: boolean[] = [];
    guestWrites.mockImplementation(function (this: typeof guests, ...args) {
      locked.push(p.lock.held);
      return Object.getPrototypeOf(guests).write.apply(this, args);
    });
    const diet = ' Vegetarisk, =HYPERLINK("http://evil.example","x") ';
    const r = answerRsvp(p, answer('G-0001', 1, { answer: 'ja', diet, consent: true }), verify);
    expect(r.message).toEqual({ sv: 'Tack! Ditt svar är registrerat: du kommer.', en: 'Thank you! Your reply is registered: you will attend.' });
    expect(r.saved).toBe(true);
    expect(guestWrites).toHaveBeenCalledTimes(1);
    expect(logAppends).toHaveBeenCalledTimes(1);
    expect(locked).toEqual([true]);
    expect(p.workbook.counters.writes - before.writes).toBe(2); // Gäster + Logg
    expect(p.workbook.counters.reads - before.reads).toBe(3); // Inställningar, Evenemang, Gäster
    expect(p.workbook.counters.locks - before.locks).toBe(1);
    const g = recs(p)[0];
    expect(g['Status']).toBe('Tackat ja');
    expect(g['Svarad']).toEqual(p.clock.now());
    expect(g['Kost/allergier']).toBe('Vegetarisk, =HYPERLINK("http://evil.example","x")'); // trimmed, stored literally
    expect(g['Samtycke kost']).toEqual(p.clock.now());
    expect(recs(p)[1]).toMatchObject({ Status: 'Tackat ja', 'Kost/allergier': DIET2 });
    expect(recs(p)[2]['Status']).toBe('Godkänd');
    const l = entries(p);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ Användare: 'gäst:G-0001', Åtgärd: 'gäst.svar', Objekt: 'G-0001' });
    expect(JSON.parse(String(l[0]['Före']))).toEqual({ Status: 'Inbjuden' });
    expect(JSON.parse(String(l[0]['Efter']))).toEqual({ Status: 'Tackat ja', Samtycke: 'givet', fält: ['Kost/allergier'] });
    // Dietary needs are health data: not in any Logg cell (Före, Efter, Rad), only the field's name.
    const logText = JSON.stringify(log.grid);
    expect(logText).not.toContain('Vegetarisk');
    expect(logText).not.toContain('HYPERLINK');
    expect(r.view).toMatchObject({ answer: 'ja', diet: 'Vegetarisk, =HYPERLINK("http://evil.example","x")', consent: true, v: 1 });
    // The row was sealed: the guest's link still works and shows the answer.
    expect(viewOf(p, key('G-0001'))).toMatchObject({ answer: 'ja', consent: true, diet: 'Vegetarisk, =HYPERLINK("http://evil.example","x")' });
  });

  test('no, without a diet: Status and Svarad; nothing about diet or consent in the log', () => {
    const p = setup();
    const r = answerRsvp(p, answer('G-0001', 1, { answer: 'nej', diet: '' }), verify);
    expect(r).toMatchObject({ saved: true, message: { sv: 'Tack! Ditt svar är registrerat: du kan inte komma.' } });
    expect(recs(p)[0]).toMatchObject({ Status: 'Tackat nej', 'Kost/allergier': '', 'Samtycke kost': '' });
    expect(JSON.parse(String(entries(p)[0]['Efter']))).toEqual({ Status: 'Tackat nej' });
  });

  test.each([
    ['consent absent', {}],
    ['consent false', { consent: false }],
  ])('diet without consent (%s): refused with the consent message, nothing written', (_why, extra) => {
    const p = setup();
    const before = dump(p);
    const r = answerRsvp(p, answer('G-0001', 1, { answer: 'ja', diet: 'Laktosintolerant', ...extra }), verify);
    expect(r).toEqual({
      saved: false,
      message: {
        sv: 'Kryssa i samtycket om du vill att vi sparar dina kostbehov, eller lämna fältet tomt.',
        en: 'Tick the consent box if you want us to store your dietary needs, or leave the field empty.',
      },
    });
    expect(dump(p)).toBe(before);
    expect(JSON.stringify([...p.workbook.tables.values()].map((t) => t.grid))).not.toContain('Laktosintolerant');
  });

  test('consent withdrawn: the stored diet and Samtycke kost are cleared, from the seal too; logged by field name', () => {
    const p = setup();
    expect(JSON.stringify(p.workbook.get('guests').grid)).toContain(DIET2); // in the cell and in the seal
    const r = answerRsvp(p, answer('G-0002', 2, { answer: 'ja', diet: '', consent: false }), verify);
    expect(r.saved).toBe(true);
    expect(recs(p)[1]).toMatchObject({ Status: 'Tackat ja', 'Kost/allergier': '', 'Samtycke kost': '' });
    expect(JSON.stringify(p.workbook.get('guests').grid)).not.toContain('Nötallergi');
    const l = entries(p);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ Användare: 'gäst:G-0002', Åtgärd: 'gäst.svar' });
    expect(JSON.parse(String(l[0]['Efter']))).toEqual({ Status: 'Tackat ja', Samtycke: 'återkallat', fält: ['Kost/allergier'] });
    expect(JSON.stringify(p.workbook.get('log').grid)).not.toContain('Nötallergi');
    expect(r.view).toMatchObject({ diet: '', consent: false });
  });

  test('consent withdrawn with no diet stored: still a change, Samtycke kost is cleared', () => {
    const p = setup();
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja', diet: '', consent: true }), verify).saved).toBe(true);
    expect(recs(p)[0]['Samtycke kost']).toEqual(p.clock.now());
    const r = answerRsvp(p, answer('G-0001', 1, { answer: 'ja', diet: '', consent: false }), verify);
    expect(r).toMatchObject({ saved: true, view: { consent: false } });
    expect(recs(p)[0]['Samtycke kost']).toBe('');
    expect(entries(p).map((e) => JSON.parse(String(e['Efter'])))).toEqual([
      { Status: 'Tackat ja', Samtycke: 'givet' }, { Status: 'Tackat ja', Samtycke: 'återkallat' },
    ]);
  });

  test('consent kept: Samtycke kost keeps the time consent was given', () => {
    const p = setup();
    p.clock.advance(86_400_000);
    const r = answerRsvp(p, answer('G-0002', 2, { answer: 'ja', diet: 'Nötallergi', consent: true }), verify);
    expect(r.saved).toBe(true);
    expect(recs(p)[1]).toMatchObject({ 'Kost/allergier': 'Nötallergi', 'Samtycke kost': CONSENTED, Svarad: p.clock.now() });
    expect(JSON.parse(String(entries(p)[0]['Efter']))).toEqual({ Status: 'Tackat ja', fält: ['Kost/allergier'] });
  });

  test('an answer identical to the stored one writes nothing and still says thank you', () => {
    const p = setup();
    const before = dump(p);
    const r = answerRsvp(p, answer('G-0002', 2, { answer: 'ja', diet: ` ${DIET2} `, consent: true }), verify);
    expect(r).toMatchObject({ saved: true, message: { en: 'Thank you! Your reply is registered: you will attend.' }, view: { answer: 'ja', diet: DIET2, consent: true } });
    expect(dump(p)).toBe(before);
    // And a second submission of a new answer.
    const input = answer('G-0001', 1, { answer: 'ja', diet: 'Vegan', consent: true });
    expect(answerRsvp(p, input, verify).saved).toBe(true);
    const once = dump(p);
    p.clock.advance(60_000);
    expect(answerRsvp(p, input, verify)).toMatchObject({ saved: true, message: { sv: expect.stringMatching(/^Tack!/) } });
    expect(dump(p)).toBe(once);
    expect(entries(p)).toHaveLength(1);
  });

  test(`at most ${RSVP_PER_HOUR} submissions per guest and hour (counted in the cache); the next is refused and writes nothing`, () => {
    const p = setup();
    for (let i = 0; i < RSVP_PER_HOUR; i++) {
      expect(answerRsvp(p, answer('G-0001', 1, { answer: i % 2 ? 'ja' : 'nej' }), verify).saved).toBe(true);
    }
    expect(entries(p)).toHaveLength(RSVP_PER_HOUR);
    expect([...p.cache.map.values()]).toEqual([String(RSVP_PER_HOUR)]);
    const before = dump(p);
    const r = answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify);
    expect(r).toEqual({
      saved: false,
      message: {
        sv: 'Svaret har skickats för många gånger på kort tid. Vänta en stund och försök igen.',
        en: 'The reply has been sent too many times in a short while. Wait a moment and try again.',
      },
    });
    expect(dump(p)).toBe(before);
    // Another guest is not affected; the next hour the guest can answer again.
    expect(answerRsvp(p, answer('G-0002', 2, { answer: 'nej' }), verify).saved).toBe(true);
    p.clock.advance(3_600_000);
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify).saved).toBe(true);
  });

  test('the allowance is per clock hour: submissions spread over the hour count together; the next hour starts afresh', () => {
    const p = setup();
    p.clock.t = new Date('2009-11-05T10:00:00Z');
    for (let i = 0; i < RSVP_PER_HOUR; i++) {
      expect(answerRsvp(p, answer('G-0001', 1, { answer: i % 2 ? 'ja' : 'nej' }), verify).saved).toBe(true);
      p.clock.advance(2 * 60_000); // 40 minutes in all
    }
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify).message.en).toBe('The reply has been sent too many times in a short while. Wait a moment and try again.');
    p.clock.t = new Date('2009-11-05T11:00:00Z');
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify).saved).toBe(true);
  });

  test("submissions without the guest's token do not use up the guest's allowance", () => {
    const p = setup();
    for (let i = 0; i < RSVP_PER_HOUR + 5; i++) {
      expect(answerRsvp(p, { ...answer('G-0001', 1, { answer: 'ja' }), t: tok('G-0003') }, verify)).toEqual({ saved: false, message: neutralMsg() });
    }
    expect(p.cache.map.size).toBe(0);
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify).saved).toBe(true);
  });

  test('a held lock (another execution): the guest is asked to try again, in both languages, nothing written', () => {
    const p = setup();
    const before = dump(p);
    p.lock.held = true;
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify)).toEqual({ saved: false, message: busyForGuestMsg() });
    expect(busyForGuestMsg().en).toMatch(/Nothing was saved; please try again/);
    expect(dump(p)).toBe(before);
    expect(recs(p)[0]['Status']).toBe('Inbjuden');
  });

  test.each([
    ['an unknown answer', answer('G-0001', 1, { answer: 'kanske' }), 'answer'],
    ['a diet over 300 characters', answer('G-0001', 1, { answer: 'ja', diet: 'x'.repeat(301), consent: true }), 'diet'],
    ['consent as text', answer('G-0001', 1, { answer: 'ja', consent: 'ja' }), 'consent'],
    ['no version', { g: 'G-0001', t: tok('G-0001'), answer: 'ja' }, 'v'],
    ['an answer for something that is no item ID', answer('G-0001', 1, { answers: { konferensen: 'ja' } }), 'answers.konferensen'],
    ['a number as the guest ID', { ...answer('G-0001', 1, { answer: 'ja' }), g: 1 }, 'g'],
    ['an extra key', answer('G-0001', 1, { answer: 'ja', status: 'Tackat ja' }), '(indata)'],
    ['null', null, '(indata)'],
    ['a string', 'ja', '(indata)'],
  ])('%s is refused by the schema, naming the field; nothing written', (_why, input, field) => {
    const p = setup();
    const before = dump(p);
    let err: unknown;
    try {
      answerRsvp(p, input, verify);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(`Ogiltiga uppgifter: ${field}`);
    expect(dump(p)).toBe(before);
  });

  test.each([
    ['wrong token', { ...answer('G-0001', 1, { answer: 'ja' }), t: 'x'.repeat(43) }],
    ["another guest's token", { ...answer('G-0001', 1, { answer: 'ja' }), t: tok('G-0002', 2) }],
    ['a token for another version', { ...answer('G-0001', 1, { answer: 'ja' }), v: 2 }],
    ['empty token', { ...answer('G-0001', 1, { answer: 'ja' }), t: '' }],
    ['tampered id', { ...answer('G-0001', 1, { answer: 'ja' }), g: 'G-0003' }],
    ['unknown guest', answer('G-0404', 1, { answer: 'ja' })],
    ['an old link (Länkversion moved on)', answer('G-0002', 1, { answer: 'nej' })],
  ])('%s → neutral, nothing written', (_why, input) => {
    const p = setup();
    const before = dump(p);
    expect(answerRsvp(p, input, verify)).toEqual({ saved: false, message: neutralMsg() });
    expect(dump(p)).toBe(before);
  });

  test.each(['Föreslagen', 'Godkänd', 'Skickar', 'Osäker', 'Misslyckad', 'Återbud'])('status %s: answers are closed, with the reply address; nothing written', (status) => {
    const p = setup({ statuses: [status, 'Tackat ja', 'Godkänd'] });
    const before = dump(p);
    const r = answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify);
    expect(r.saved).toBe(false);
    expect(r.message).toEqual({
      sv: 'Svar kan inte tas emot för den här inbjudan just nu. Kontakta osa@stockholm.se.',
      en: 'Replies cannot be taken for this invitation right now. Please contact osa@stockholm.se.',
    });
    expect(dump(p)).toBe(before);
  });

  test('after Sista svarsdag: refused with the deadline and the reply address; the view holds nothing personal but the name', () => {
    const p = setup();
    p.clock.t = new Date('2009-11-20T22:59:59Z'); // 23:59:59 in Stockholm: still open
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'nej' }), verify).saved).toBe(true);
    p.clock.t = new Date('2009-11-20T23:00:00Z');
    const before = dump(p);
    const r = answerRsvp(p, answer('G-0001', 1, { answer: 'ja', diet: 'Vegan', consent: true }), verify);
    expect(r.saved).toBe(false);
    expect(r.message).toEqual({
      sv: 'Sista svarsdag (20 november 2009) har passerat, så svaret kan inte ändras här. Kontakta osa@stockholm.se.',
      en: "The reply deadline (20 November 2009) has passed, so the reply can't be changed here. Please contact osa@stockholm.se.",
    });
    expect(dump(p)).toBe(before);
    expect(recs(p)[0]['Status']).toBe('Tackat nej');
    expect(r.view).toMatchObject({ firstName: 'Astrid', events: [], answer: '', diet: '', venue: '', consent: false });
  });

  test('without a reply address the closed message says no more', () => {
    const p = setup({ event: [['Svarsadress', 'inte en adress']] });
    const v = viewOf(p, key('G-0003'));
    expect(v.replyTo).toBe('');
    expect(v.closed).toBe('Svar kan inte tas emot för den här inbjudan just nu.');
  });
});

describe('consent and minimisation', () => {
  test('consent can be withdrawn after the deadline (as easy as giving it); nothing else changes', () => {
    const p = setup();
    p.clock.t = new Date('2009-11-25T10:00:00Z');
    const before = recs(p)[1];
    const r = answerRsvp(p, answer('G-0002', 2, { answer: 'ja', diet: '', consent: false }), verify);
    expect(r.message.sv).toBe('Dina kostuppgifter är raderade och ditt samtycke är återkallat.');
    expect(recs(p)[1]).toMatchObject({ Status: before['Status'], 'Kost/allergier': '', 'Samtycke kost': '' });
    expect(entries(p).map((e) => [e['Åtgärd'], e['Användare'], e['Objekt'], JSON.parse(String(e['Efter']))])).toEqual([
      ['gäst.samtycke-återkallat', 'gäst:G-0002', 'G-0002', { 'Samtycke kost': '(tomt)', Samtycke: 'återkallat', fält: ['Kost/allergier'] }],
    ]);
    expect(r).toMatchObject({ saved: true, view: { diet: '', consent: false } });
    // Nothing left to withdraw: the deadline refusal again.
    expect(answerRsvp(p, answer('G-0002', 2, { answer: 'ja', consent: false }), verify).message.sv).toContain('Sista svarsdag');
  });

  test('a consent given without a diet can be withdrawn after the deadline too', () => {
    const p = setup();
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja', diet: '', consent: true }), verify).saved).toBe(true);
    p.clock.t = new Date('2009-11-25T10:00:00Z');
    const r = answerRsvp(p, answer('G-0001', 1, { answer: 'ja', consent: false }), verify);
    expect([r.saved, r.message.sv]).toEqual([true, 'Dina kostuppgifter är raderade och ditt samtycke är återkallat.']);
    expect(recs(p)[0]['Samtycke kost']).toBe('');
  });

  test('answers closed by the status (Återbud), not the deadline: the withdrawal\'s page shows the diet gone', () => {
    const p = setup({ statuses: ['Inbjuden', 'Återbud', 'Godkänd'] });
    const r = answerRsvp(p, answer('G-0002', 2, { answer: 'ja', consent: false }), verify);
    expect(r).toMatchObject({ saved: true, view: { diet: '', consent: false, closed: expect.stringContaining('Replies cannot be taken for this invitation right now.') } });
    expect(recs(p)[1]).toMatchObject({ Status: 'Återbud', 'Kost/allergier': '', 'Samtycke kost': '' });
  });

  test('a guest who is not coming keeps no dietary data', () => {
    const p = setup();
    answerRsvp(p, answer('G-0002', 2, { answer: 'nej', diet: DIET2, consent: true }), verify);
    expect(recs(p)[1]).toMatchObject({ Status: 'Tackat nej', 'Kost/allergier': '', 'Samtycke kost': '' });
  });

  test('a diet of blanks without consent is no diet: the answer is saved; answers to no items beside a single answer are none', () => {
    const p = setup();
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'ja', diet: '   ' }), verify).saved).toBe(true);
    expect(recs(p).find((g) => g.ID === 'G-0001')!['Kost/allergier']).toBe('');
    expect(answerRsvp(p, answer('G-0001', 1, { answer: 'nej', answers: {} }), verify)).toMatchObject({ saved: true, message: { en: 'Thank you! Your reply is registered: you cannot attend.' } });
  });

  test('consent kept and no diet field sent: the stored needs stay', () => {
    const p = setup();
    answerRsvp(p, answer('G-0002', 2, { answer: 'ja', consent: true }), verify);
    expect(recs(p)[1]).toMatchObject({ 'Kost/allergier': DIET2 });
    expect(recs(p)[1]['Samtycke kost']).toEqual(CONSENTED);
  });

  test.each(['2.0', ' 2', '0x2', '2e0', '+2', '02'])('link version %j is not a version: the schema refuses it', (v) => {
    const p = setup();
    expect(() => answerRsvp(p, { g: 'G-0002', v, t: tok('G-0002', 2), answer: 'ja' }, verify)).toThrow(UserError);
    expect(viewRsvp(p, { g: 'G-0002', v, t: tok('G-0002', 2) }, verify)).toEqual({ ok: false, message: neutralMsg() });
  });

  test('a row typed in with a guest\'s ID does not hide the guest\'s own row', () => {
    const p = setup();
    const g = p.workbook.get('guests').grid;
    g.splice(1, 0, ['G-0001', 'Falsk', 'Kopia', '', '', '', 'x@evil.example', 'sv', 'konferensen', '', 'Inbjuden', '', '', '', 1, '', '']);
    const v = viewOf(p, key('G-0001'));
    expect(v.firstName).toBe('Astrid');
  });

  test('the notice names the guest\'s rights and the supervisory authority', () => {
    expect(viewOf(setup(), key('G-0001')).privacy.rights).toContain('Integritetsskyddsmyndigheten (IMY)');
  });
});

describe('links tagged with their workbook (the add-on\'s web app has no document of its own)', () => {
  const W = workbookTag(SECRET, 'workbook-1');
  const tagged = (id: string, v = 1, w = W) => ({ w, g: id, v, t: rsvpToken(SECRET, id, v, w) });

  test('the view echoes the tag, and the answer sent with it is saved', () => {
    const p = setup();
    const v = viewOf(p, tagged('G-0001'));
    expect(v).toMatchObject({ w: W, g: 'G-0001', v: 1, t: rsvpToken(SECRET, 'G-0001', 1, W) });
    expect(answerRsvp(p, { w: v.w, g: v.g, v: v.v, t: v.t, answer: 'nej' }, verify)).toMatchObject({ saved: true });
    expect(p.workbook.get('guests').records()[0]['Status']).toBe('Tackat nej');
  });

  test('the token does not carry over to another tag or to no tag', () => {
    const p = setup();
    const other = workbookTag(SECRET, 'workbook-2');
    expect(viewRsvp(p, { ...tagged('G-0001'), w: other }, verify)).toEqual({ ok: false, message: neutralMsg() });
    expect(viewRsvp(p, { ...tagged('G-0001'), w: '' }, verify)).toEqual({ ok: false, message: neutralMsg() });
  });

  test('the hourly allowance is per workbook and guest: G-0001 of another workbook is another guest', () => {
    const p = setup();
    for (let i = 0; i < RSVP_PER_HOUR; i++) answerRsvp(p, { ...tagged('G-0001'), answer: i % 2 ? 'ja' : 'nej' }, verify);
    expect(answerRsvp(p, { ...tagged('G-0001'), answer: 'ja' }, verify).message.en).toMatch(/too many times/);
    // The same ID in another workbook (its token verifies here only because the test's verifier knows every tag).
    expect(answerRsvp(p, { ...tagged('G-0001', 1, workbookTag(SECRET, 'workbook-2')), answer: 'ja' }, verify).message.en).not.toMatch(/too many times/);
  });
});

describe('dates', () => {
  test('addMonths: whole months, the day capped at the month\'s end (the retention date)', () => {
    expect(addMonths('2009-12-09', 3)).toBe('2010-03-09');
    expect(addMonths('2009-08-31', 6)).toBe('2010-02-28');
    expect(addMonths('2011-08-31', 6)).toBe('2012-02-29');
    expect(addMonths('2009-12-09', 0)).toBe('2009-12-09');
    expect(addMonths('9 december 2009', 3)).toBe('');
  });

  test('deadlineEnd: end of the day in Stockholm, summer and winter time', () => {
    expect(new Date(deadlineEnd('2009-11-20')!).toISOString()).toBe('2009-11-20T23:00:00.000Z');
    expect(new Date(deadlineEnd('2009-06-01')!).toISOString()).toBe('2009-06-01T22:00:00.000Z');
    expect(new Date(deadlineEnd('2009-03-29')!).toISOString()).toBe('2009-03-29T22:00:00.000Z'); // DST starts that day
    expect(new Date(deadlineEnd('2009-03-28')!).toISOString()).toBe('2009-03-28T23:00:00.000Z'); // the day before
    expect(new Date(deadlineEnd('2009-10-25')!).toISOString()).toBe('2009-10-25T23:00:00.000Z'); // DST ends that day
    expect(new Date(deadlineEnd('2009-10-24')!).toISOString()).toBe('2009-10-24T22:00:00.000Z'); // the day before
    expect(deadlineEnd('')).toBeNull();
    expect(deadlineEnd('20 november 2009')).toBeNull();
    // A whole ISO date and nothing else, blanks around it aside.
    expect([deadlineEnd('x2009-11-20'), deadlineEnd('2009-11-201'), deadlineEnd('2009-11-20T12:00')]).toEqual([null, null, null]);
    expect(deadlineEnd(' 2009-11-20 ')).toBe(deadlineEnd('2009-11-20'));
  });

  test('without a readable Sista svarsdag the answers stay open (no deadline is not a deadline passed)', () => {
    for (const deadline of ['', 'snart']) {
      const p = setup({ event: [['Sista svarsdag', deadline]] });
      const r = answerRsvp(p, answer('G-0001', 1, { answer: 'ja' }), verify);
      expect([deadline, r.saved, r.view?.closed]).toEqual([deadline, true, '']);
    }
  });
});

/** Each field of the answer refused by the schema names itself (src/app/rsvp.ts, buildSchemas); the edge values just inside pass it. */
describe('answerRsvp: the input, field by field', () => {
  const refused = (input: object): string => {
    try { answerRsvp(setup(), input, verify); } catch (e) { if (e instanceof UserError) return e.userMessage.sv; throw e; }
    return 'accepted';
  };
  const ok = answer('G-0001', 1, { answer: 'nej' });
  test.each([
    [{ ...ok, v: '0' }, 'v'], [{ ...ok, v: '01' }, 'v'], [{ ...ok, v: '1234567' }, 'v'], [{ ...ok, v: 'x1' }, 'v'], [{ ...ok, v: '1x' }, 'v'],
    [{ ...ok, v: 0 }, 'v'], [{ ...ok, v: 1.5 }, 'v'],
    [{ ...ok, w: 'w'.repeat(41) }, 'w'], [{ ...ok, g: 'G'.repeat(41) }, 'g'], [{ ...ok, t: 't'.repeat(101) }, 't'],
    [{ ...ok, answer: 'kanske' }, 'answer'], [{ ...ok, answers: { 'P-001': 'kanske' } }, 'answers.P-001'],
    [{ ...ok, answers: { 'P-1234567': 'ja' } }, 'answers.P-1234567'], [{ ...ok, answers: { 'x P-001': 'ja' } }, 'answers.x P-001'],
    [{ ...ok, answers: { 'P-001 x': 'ja' } }, 'answers.P-001 x'], [{ ...ok, answers: { 'P-': 'ja' } }, 'answers.P-'],
    [{ ...ok, diet: 'd'.repeat(301), consent: true }, 'diet'], [{ ...ok, consent: 'ja' }, 'consent'], [{ ...ok, extra: 1 }, '(indata)'],
  ])('%j is refused naming %s', (input, where) => {
    expect(refused(input)).toBe(`Ogiltiga uppgifter: ${where}.`);
  });

  test('the longest values inside every limit pass the schema (then the token decides)', () => {
    // A link version up to six digits, a tag of 40, an ID of 40, a token of 100: not refused as input, only as a link.
    const edge = { ...ok, v: '999999', w: 'w'.repeat(40), g: 'G'.repeat(40), t: 't'.repeat(100), answers: { 'P-123456': 'vänta' } };
    expect(answerRsvp(setup(), edge, verify)).toEqual({ saved: false, message: neutralMsg() });
    expect(answerRsvp(setup(), { ...ok, v: 7 }, verify)).toEqual({ saved: false, message: neutralMsg() });
    expect(answerRsvp(setup(), { ...ok, diet: 'd'.repeat(300), consent: true }, verify).saved).toBe(true);
  });
});
