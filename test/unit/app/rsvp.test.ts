import { answerRsvp, deadlineEnd, neutralMsg, viewRsvp } from '../../../src/app/rsvp';
import { UserError } from '../../../src/core/msg';
import { rsvpToken, verifyRsvpToken } from '../../../src/core/rsvp';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

const SECRET = 'test-secret';
const verify = (g: string, t: string) => verifyRsvpToken(SECRET, g, t);
const tok = (id: string) => rsvpToken(SECRET, id);

function setup(statuses: string[] = ['Inbjuden', 'Inbjuden'], settings: [string, string][] = []): MemoryPorts {
  const p = memoryPorts('');
  p.workbook.add('settings', [['Projektledare', 'pl@stockholm.se', ''], ['Svarsadress', 'osa@stockholm.se', ''], ...settings.map(([k, v]) => [k, v, ''])]);
  p.workbook.add('guests', statuses.map((s, i) => [
    `G-${String(i + 1).padStart(4, '0')}`, `Förnamn${i}`, `Efternamn${i}`, '', '', '', `g${i}@example.se`, i % 2 ? 'en' : 'sv',
    'konferensen; representationsmiddagen', `kost${i}`, s, new Date('2009-11-01T10:00:00Z'), '', '',
  ]));
  p.workbook.add('log');
  return p;
}
const recs = (p: MemoryPorts) => p.workbook.get('guests').records();
const log = (p: MemoryPorts) => p.workbook.get('log').records();
const yes = (id = 'G-0001', extra: object = {}) => ({ g: id, t: tok(id), answer: 'ja', ...extra });

describe('viewRsvp', () => {
  test("shows only the guest's own data, in their language", () => {
    const p = setup();
    const r = viewRsvp(p, { g: 'G-0002', t: tok('G-0002') }, verify);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.view).toMatchObject({ lang: 'en', firstName: 'Förnamn1', lastName: 'Efternamn1', answer: '', diet: 'kost1', deadline: '20 November 2009', replyTo: 'osa@stockholm.se', closed: '' });
    expect(r.view.events.map((e) => e.name)).toEqual(['konferensen', 'konferensen', 'representationsmiddagen']);
    expect(r.view.events[2]).toMatchObject({ start: '19:00', end: '23:00' });
    const json = JSON.stringify(r.view);
    expect(json).not.toMatch(/Förnamn0|g1@example|g0@example/);
  });

  test.each([
    ['wrong token', { g: 'G-0001', t: 'x'.repeat(43) }],
    ["another guest's token", { g: 'G-0001', t: tok('G-0002') }],
    ['missing token', { g: 'G-0001' }],
    ['missing everything', {}],
    ['tampered id', { g: 'G-0001 ', t: tok('G-0001') }],
    ['unknown guest with a valid token', { g: 'G-0099', t: tok('G-0099') }],
    ['not an object', 'G-0001'],
  ])('%s → the neutral message, nothing read', (_why, input) => {
    const p = setup();
    const reads = p.workbook.counters.reads;
    expect(viewRsvp(p, input, verify)).toEqual({ ok: false, message: neutralMsg() });
    if (!String(_why).startsWith('unknown')) expect(p.workbook.counters.reads).toBe(reads);
  });

  test('a guest not yet invited sees why they cannot answer', () => {
    const r = viewRsvp(setup(['Godkänd']), { g: 'G-0001', t: tok('G-0001') }, verify);
    expect(r.ok && r.view.closed).toMatch(/kan inte tas emot.*osa@stockholm\.se/);
  });
});

describe('answerRsvp', () => {
  test('yes: Status, Svarad and diet in ONE range write under the lock, then one log row as the guest', () => {
    const p = setup();
    const before = { ...p.workbook.counters };
    const r = answerRsvp(p, yes('G-0001', { diet: ' =HYPERLINK("http://evil.example","x") ' }), verify);
    expect(r.saved).toBe(true);
    expect(r.message.sv).toMatch(/Tack/);
    expect(p.workbook.counters.writes - before.writes).toBe(2); // Gäster + Logg
    expect(p.workbook.counters.locks - before.locks).toBe(1);
    const g = recs(p)[0];
    expect(g['Status']).toBe('Tackat ja');
    expect(g['Svarad']).toEqual(p.clock.now());
    expect(g['Kost/allergier']).toBe('=HYPERLINK("http://evil.example","x")');
    expect(recs(p)[1]['Status']).toBe('Inbjuden');
    const l = log(p);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ Användare: 'gäst:G-0001', Åtgärd: 'gäst.svar', Objekt: 'G-0001' });
    expect(String(l[0]['Efter'])).toContain('Tackat ja');
    expect(String(l[0]['Efter'])).not.toContain('HYPERLINK'); // diet may be health data: not in the log
    expect(r.saved && r.view.answer).toBe('ja');
  });

  test('no, then yes again before the deadline; diet kept when not sent', () => {
    const p = setup();
    expect(answerRsvp(p, { ...yes(), answer: 'nej' }, verify).saved).toBe(true);
    expect(recs(p)[0]).toMatchObject({ Status: 'Tackat nej', 'Kost/allergier': 'kost0' });
    expect(answerRsvp(p, yes(), verify).saved).toBe(true);
    expect(recs(p)[0]['Status']).toBe('Tackat ja');
    expect(log(p)).toHaveLength(2);
  });

  test.each(['Föreslagen', 'Godkänd', 'Skickar', 'Osäker', 'Misslyckad', 'Återbud'])('status %s can not answer; nothing written', (status) => {
    const p = setup([status]);
    const writes = p.workbook.counters.writes;
    const r = answerRsvp(p, yes(), verify);
    expect(r.saved).toBe(false);
    expect(r.message.sv).toMatch(/osa@stockholm\.se/);
    expect(p.workbook.counters.writes).toBe(writes);
  });

  test.each([
    ['wrong token', { ...yes(), t: tok('G-0001').replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }],
    ["another guest's token", { ...yes(), t: tok('G-0002') }],
    ['missing token', { g: 'G-0001', t: '', answer: 'ja' }],
    ['tampered id', { ...yes(), g: 'G-0002' }],
    ['unknown guest', yes('G-0404')],
  ])('%s → neutral, nothing written', (_why, input) => {
    const p = setup();
    const writes = p.workbook.counters.writes;
    expect(answerRsvp(p, input, verify)).toEqual({ saved: false, message: neutralMsg() });
    expect(p.workbook.counters.writes).toBe(writes);
  });

  test.each([
    { ...yes(), answer: 'kanske' }, { ...yes(), diet: 'x'.repeat(301) }, { ...yes(), extra: 1 }, { g: 'G-0001' }, null, 'ja',
  ])('input %j refused by the schema', (input) => {
    const p = setup();
    expect(() => answerRsvp(p, input, verify)).toThrow(UserError);
    expect(log(p)).toHaveLength(0);
  });

  test('after Sista svarsdag: refused politely with the reply-to address', () => {
    const p = setup(['Tackat ja'], [['Sista svarsdag', '2009-11-20']]);
    p.clock.t = new Date('2009-11-20T22:59:59Z'); // 23:59:59 in Stockholm: still open
    expect(answerRsvp(p, { ...yes(), answer: 'nej' }, verify).saved).toBe(true);
    p.clock.t = new Date('2009-11-20T23:00:00Z');
    const r = answerRsvp(p, yes(), verify);
    expect(r).toMatchObject({ saved: false, message: { sv: expect.stringMatching(/Sista svarsdag.*passerat.*osa@stockholm\.se/), en: expect.stringMatching(/deadline/) } });
    expect(recs(p)[0]['Status']).toBe('Tackat nej');
  });

  test('deadlineEnd: end of the day in Stockholm, summer and winter time', () => {
    expect(new Date(deadlineEnd('2009-11-20')!).toISOString()).toBe('2009-11-20T23:00:00.000Z');
    expect(new Date(deadlineEnd('2009-06-01')!).toISOString()).toBe('2009-06-01T22:00:00.000Z');
    expect(new Date(deadlineEnd('2009-03-29')!).toISOString()).toBe('2009-03-29T22:00:00.000Z'); // DST starts that day
    expect(new Date(deadlineEnd('2009-10-25')!).toISOString()).toBe('2009-10-25T23:00:00.000Z'); // DST ends that day
    expect(deadlineEnd('')).toBeNull();
  });

  test('a held lock: refused, nothing written', () => {
    const p = setup();
    p.lock.held = true;
    expect(() => answerRsvp(p, yes(), verify)).toThrow();
    expect(recs(p)[0]['Status']).toBe('Inbjuden');
  });
});
