/** The confirmation of an answer (src/app/confirm.ts): one mail per change of what the guest accepted, with the .ics of the accepted items. */
import { answerRsvp } from '../../../src/app/rsvp';
import { saveProgramItem } from '../../../src/app/program';
import { dismissConfirmation, resendConfirmation } from '../../../src/app/confirm-resend';
import { editGuest, listGuests } from '../../../src/app/guests';
import type { MailMessage } from '../../../src/app/ports';
import type { MemoryPorts } from '../../support/memory';
import { keyOf, setupItems, verify } from '../../support/rsvp-items';

const links = (g: { id: string; version: number }) => `https://example.org/exec?g=${g.id}&v=${g.version}`;
const say = (p: MemoryPorts, id: string, answers: Record<string, string>, extra: object = {}) =>
  answerRsvp(p, { ...keyOf(id), answers, ...extra }, verify, links);
const confirmations = (p: MemoryPorts): MailMessage[] => p.mailer.sent.filter((m) => /^(Ditt svar|Your reply):/.test(m.subject));
const ics = (m: MailMessage) => m.attachments?.[0]?.content ?? '';
/** Each VEVENT's SUMMARY (lines unfolded), without the event's name before it. */
const vevents = (m: MailMessage) => ics(m).replace(/\r\n /g, '').split('BEGIN:VEVENT').slice(1)
  .map((e) => /SUMMARY:(.*)/.exec(e)![1].trim().replace('Public Services Summit 2009 – ', ''));
const logRows = (p: MemoryPorts) => p.workbook.get('log').records();

describe('the confirmation mail', () => {
  test('English: one mail with the accepted items listed and one VEVENT each in programme.ics; none for the declined', () => {
    const p = setupItems('5');
    const r = say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(r.saved).toBe(true);
    expect(r.message.en).toContain('A confirmation with the calendar file has been sent to your e-mail.');
    const [m, ...more] = confirmations(p);
    expect(more).toHaveLength(0);
    expect([m.to, m.subject]).toEqual(['bertil@example.se', 'Your reply: Public Services Summit 2009']);
    expect(m.textBody).toContain('– Konferensen (P-001), 8 December 2009 09:00–17:00: yes, you will attend');
    expect(m.textBody).toContain('– Middagen (P-002), 8 December 2009 19:00–23:00: no');
    expect(m.textBody).toContain('https://example.org/exec?g=G-0002&v=1');
    expect(m.htmlBody).toContain('<a href="https://example.org/exec?g=G-0002&amp;v=1">');
    expect(m.attachments?.map((a) => [a.fileName, a.mimeType])).toEqual([['programme.ics', 'text/calendar']]);
    expect(vevents(m)).toEqual(['Konferensen']);
    expect(ics(m)).toBe(r.view!.calendar); // the same file the page offers
  });

  test('Swedish: program.ics with the two items said yes to; the Logg row of the answer carries the marker, sealed before the mail', () => {
    const p = setupItems('5');
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' });
    const [m] = confirmations(p);
    expect([m.to, m.subject, m.attachments?.[0].fileName]).toEqual(['astrid@example.se', 'Ditt svar: Public Services Summit 2009', 'program.ics']);
    expect(m.textBody).toContain('Hej Astrid!');
    expect(m.textBody).toContain('– Middagen (P-002), 8 december 2009 19:00–23:00: ja, du kommer');
    expect(vevents(m)).toEqual(['Konferensen', 'Middagen']);
    const row = logRows(p).filter((x) => x['Åtgärd'] === 'gäst.svar').pop()!;
    expect(JSON.parse(String(row['Efter']))).toMatchObject({ bekräftelse: 'skickas' });
  });

  test('without a web app URL (the links throw) the answer is saved and the confirmation goes without the link', () => {
    const p = setupItems('5');
    const r = answerRsvp(p, { ...keyOf('G-0002'), answers: { 'P-001': 'ja', 'P-002': 'nej' } }, verify, () => { throw new Error('no web app URL'); });
    expect(r.saved).toBe(true);
    const [m] = confirmations(p);
    expect(vevents(m)).toEqual(['Konferensen']);
    expect(m.textBody).not.toContain('exec?g=');
  });

  test('exactly once per change: the same answer again, a changed diet, or a decline of everything mails nothing; a changed yes mails the new file', () => {
    const p = setupItems('5');
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' }, { diet: 'Vegetarisk', consent: true });
    expect(confirmations(p)).toHaveLength(1);
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' });
    expect(confirmations(p).map(vevents)).toEqual([['Konferensen'], ['Konferensen', 'Middagen']]);
    say(p, 'G-0001', { 'P-001': 'nej', 'P-002': 'nej' });
    expect(confirmations(p)).toHaveLength(2);
    // A log row marks only the answers that were confirmed.
    const marked = logRows(p).filter((x) => x['Åtgärd'] === 'gäst.svar').map((x) => String(x['Efter']).includes('skickas'));
    expect(marked).toEqual([true, false, true, false]);
  });

  test('the day\'s quota used up: the answer is saved, the guest is told the confirmation could not be mailed and can download the .ics; logged without personal data', () => {
    const p = setupItems('5');
    p.mailer.quota = 0;
    const r = say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' });
    expect(r.saved).toBe(true);
    expect(r.message.en).toBe('Thank you! Your reply is registered: you will attend Konferensen (P-001) and Middagen (P-002). The confirmation could not be e-mailed just now, but your reply is saved. Download the calendar file here on the page.');
    expect(r.view!.calendar.split('BEGIN:VEVENT')).toHaveLength(3);
    expect(p.workbook.get('guests').records().find((g) => g.ID === 'G-0002')!['Svar per punkt']).toBe('P-001: ja; P-002: ja');
    const failed = logRows(p).filter((x) => x['Åtgärd'] === 'gäst.bekräftelse-misslyckad');
    expect(failed.map((x) => [x['Objekt'], x['Användare']])).toEqual([['G-0002', 'gäst:G-0002']]);
    expect(JSON.stringify(logRows(p))).not.toContain('bertil@');
    // Not retried by the next save of the same answer.
    p.mailer.quota = 10;
    say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' });
    expect(confirmations(p)).toHaveLength(0);
  });

  test('item titles are escaped in the HTML body and kept literal in the text and the .ics', () => {
    const p = setupItems('5');
    p.user.current = 'pl@stockholm.se';
    saveProgramItem(p, { id: 'P-001', title: 'Öppning <img src=x onerror=alert(1)> & "vänner"', type: 'plenarsession', date: '2009-12-08', start: '09:00', end: '17:00', organiser: 'staden' });
    p.user.current = '';
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    const [m] = confirmations(p);
    expect(m.htmlBody).not.toContain('<img');
    expect(m.htmlBody).toContain('Öppning &lt;img src=x onerror=alert(1)&gt; &amp; &quot;vänner&quot;');
    expect(m.textBody).toContain('Öppning <img src=x onerror=alert(1)> & "vänner" (P-001)');
    expect(vevents(m)).toEqual(['Öppning <img src=x onerror=alert(1)> & "vänner"']);
  });
});

/**
 * A failed confirmation where the project leader looks (the guest's note in Gäster, the sidebar's list)
 * and "Skicka bekräftelsen igen", allowed only when Logg proves nothing left (src/app/confirm-resend.ts).
 */
describe('a confirmation that did not arrive', () => {
  const PL = 'pl@stockholm.se';
  const linksOf = () => links;
  const note = (p: MemoryPorts, id: string) => String(p.workbook.get('guests').records().find((g) => g.ID === id)!['Anteckning']);
  const listed = (p: MemoryPorts, id: string) => { p.user.current = PL; const g = listGuests(p).guests.find((x) => x.id === id)!; p.user.current = ''; return g.confirmation; };
  const resend = (p: MemoryPorts, input: unknown, user = PL) => { p.user.current = user; try { return resendConfirmation(p, input, linksOf); } finally { p.user.current = ''; } };
  const actions = (p: MemoryPorts, id: string) => logRows(p).filter((x) => x['Objekt'] === id && /^gäst\.bekräftelse/.test(String(x['Åtgärd']))).map((x) => x['Åtgärd']);

  test('the quota used up: the note says who, when, why and what to do; the sidebar offers the resend, which mails once and clears the note', () => {
    const p = setupItems('5');
    p.mailer.quota = 0;
    say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' });
    const at = p.clock.now().toISOString();
    expect(note(p, 'G-0002')).toBe(`[Bekräftelse] kvot ${at}: Bekräftelsen kunde inte mejlas: dagens mejlkvot var slut. Gästen kan ladda ner kalenderfilen på svarssidan; när kvoten räcker igen (i morgon) kan projektledaren välja Skicka bekräftelsen igen i Gäster.`);
    expect(listed(p, 'G-0002')).toEqual({ kind: 'kvot', at, resend: true });
    expect(listed(p, 'G-0001')).toBeNull();
    expect(JSON.parse(String(logRows(p).filter((x) => x['Åtgärd'] === 'gäst.bekräftelse-misslyckad').pop()!['Efter']))).toEqual({ bekräftelse: 'ej skickad', skäl: 'kvot' });
    p.mailer.quota = 10;
    expect(resend(p, { id: 'G-0002' }).message.en).toBe('The confirmation to G-0002 has been sent again.');
    const [m, ...more] = confirmations(p);
    expect(more).toHaveLength(0);
    expect([m.to, m.attachments?.[0].fileName]).toEqual(['bertil@example.se', 'programme.ics']);
    expect(vevents(m)).toEqual(['Konferensen', 'Middagen']);
    expect(m.textBody).toContain('https://example.org/exec?g=G-0002&v=1');
    expect(note(p, 'G-0002')).toBe('');
    expect(listed(p, 'G-0002')).toBeNull();
    expect(actions(p, 'G-0002')).toEqual(['gäst.bekräftelse-misslyckad', 'gäst.bekräftelse-igen', 'gäst.bekräftelse-skickad']);
    // Exactly once: Logg's last entry is now a sent confirmation.
    expect(() => resend(p, { id: 'G-0002' })).toThrow('G-0002 har ingen bekräftelse som bevisligen inte gick iväg (enligt Logg)');
    expect(confirmations(p)).toHaveLength(1);
  });

  test('an error after delivery (MailApp may have sent it): noted as unknown, no resend offered, and a resend is refused with the reason', () => {
    const p = setupItems('5');
    // As the emulator's failure-after-delivery mode: Gmail takes the mail, then the call fails.
    p.mailer.failFor = (m) => { p.mailer.sent.push(m); return 'Service error: Mail'; };
    const r = say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(r.message.sv).toContain('det gick inte att se om bekräftelsen skickades med e-post');
    expect(note(p, 'G-0001')).toMatch(/^\[Bekräftelse\] osäker \S+: Gmail svarade med ett fel när bekräftelsen skickades – okänt om den gick iväg/);
    expect(listed(p, 'G-0001')).toMatchObject({ kind: 'osäker', resend: false });
    // Logg says the same, without the address: the mail may have gone.
    const failed = logRows(p).filter((x) => x['Åtgärd'] === 'gäst.bekräftelse-misslyckad');
    expect(failed.map((x) => JSON.parse(String(x['Efter'])))).toEqual([{ bekräftelse: 'okänt om den gick iväg', skäl: 'osäker' }]);
    p.mailer.failFor = undefined;
    expect(() => resend(p, { id: 'G-0001' })).toThrow('Bekräftelsen till G-0001 kan ha gått iväg');
    expect(confirmations(p)).toHaveLength(1); // the one Gmail took
  });

  test('an address MailApp refused: nothing left, logged without the address; resent once the address works', () => {
    const p = setupItems('5');
    p.mailer.failFor = (m) => (m.to === 'astrid@example.se' ? `Invalid email: ${m.to}` : null);
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(listed(p, 'G-0001')).toMatchObject({ kind: 'avvisad', resend: true });
    expect(JSON.stringify(logRows(p))).not.toContain('astrid@');
    expect(logRows(p).filter((x) => x['Åtgärd'] === 'gäst.bekräftelse-misslyckad').map((x) => JSON.parse(String(x['Efter']))))
      .toEqual([{ bekräftelse: 'ej skickad', skäl: 'avvisad' }]);
    // Still refused: the resend records the new failure and says why, and may be tried again.
    expect(resend(p, { id: 'G-0001' }).message.sv).toContain('G-0001: Bekräftelsen kunde inte mejlas: Gmail avvisade adressen');
    p.mailer.failFor = undefined;
    resend(p, { id: 'G-0001' });
    expect(confirmations(p).map((m) => m.to)).toEqual(['astrid@example.se']);
    expect(actions(p, 'G-0001')).toEqual(['gäst.bekräftelse-misslyckad', 'gäst.bekräftelse-igen', 'gäst.bekräftelse-misslyckad', 'gäst.bekräftelse-igen', 'gäst.bekräftelse-skickad']);
  });

  test('a new answer supersedes the failure: a decline of everything removes the note line, and nothing is left to resend', () => {
    const p = setupItems('5');
    p.mailer.quota = 0;
    say(p, 'G-0003', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(listed(p, 'G-0003')).toMatchObject({ kind: 'kvot' });
    say(p, 'G-0003', { 'P-001': 'nej', 'P-002': 'nej' });
    expect(note(p, 'G-0003')).toBe('');
    p.mailer.quota = 10;
    expect(() => resend(p, { id: 'G-0003' })).toThrow('G-0003 har inte tackat ja till något nu');
  });

  test('the [Bekräftelse] line does not count toward Anteckning\'s 500 characters: the project leader\'s own 500 are saved beside it, 501 refused naming Anteckning, 501 and 500; the resend clears the line and keeps the text', () => {
    const p = setupItems('5');
    p.mailer.quota = 0;
    say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' });
    const line = note(p, 'G-0002');
    expect(line).toMatch(/^\[Bekräftelse\] kvot /);
    const own = (n: number) => `VIP ${'å'.repeat(n - 4)}`;
    // As the sidebar sends it (src/ui/pages/Guests.ts): the server's lines kept, then the user's text.
    const edit = (text: string) => { p.user.current = PL; try { editGuest(p, { id: 'G-0002', note: `${line}\n${text}` }); } finally { p.user.current = ''; } };
    edit(own(500)); // before: refused as invalid input, the line's 246 characters counted as the user's
    expect(note(p, 'G-0002')).toBe(`${line}\n${own(500)}`);
    let err: unknown;
    try { edit(own(501)); } catch (e) { err = e; }
    expect(err).toMatchObject({ field: 'note', userMessage: { sv: 'Anteckning är för lång: 501 tecken egen text, högst 500 (Summit Planners rader [Utskick], [Bekräftelse] och [Påminnelse] räknas inte).' } });
    expect(note(p, 'G-0002')).toBe(`${line}\n${own(500)}`);
    // The line still enables the resend (Logg decides), and its clearing leaves every character the user typed.
    expect(listed(p, 'G-0002')).toMatchObject({ kind: 'kvot', resend: true });
    p.mailer.quota = 10;
    resend(p, { id: 'G-0002' });
    expect(note(p, 'G-0002')).toBe(own(500));
    expect(confirmations(p)).toHaveLength(1);
  });

  test('a [Bekräftelse] line typed into the note enables nothing: Logg decides', () => {
    const p = setupItems('5');
    say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'nej' });
    p.user.current = PL;
    editGuest(p, { id: 'G-0002', note: '[Bekräftelse] kvot 2009-11-10T10:00:00.000Z: påhittad' });
    expect(listed(p, 'G-0002')).toMatchObject({ kind: 'kvot', resend: true });
    expect(() => resend(p, { id: 'G-0002' })).toThrow('G-0002 har ingen bekräftelse som bevisligen inte gick iväg');
    expect(confirmations(p)).toHaveLength(1);
  });

  test('"Markera som hanterad": the line goes, Logg says so, and it ends the resend; only the project leader, only with a line', () => {
    const p = setupItems('5');
    p.mailer.failFor = (m) => { p.mailer.sent.push(m); return 'Service error: Mail'; };
    say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
    p.mailer.failFor = undefined;
    const dismiss = (input: unknown, user = PL) => { p.user.current = user; try { return dismissConfirmation(p, input); } finally { p.user.current = ''; } };
    expect(() => dismiss({ id: 'G-0001' }, 'styrgrupp@stockholm.se')).toThrow('bara projektledaren får göra detta');
    expect(() => dismiss({ id: 'G-0002' })).toThrow('G-0002 har ingen bekräftelse som inte kom fram att markera.');
    expect(() => dismiss({ id: 'G-0001', extra: 1 })).toThrow('Ogiltiga uppgifter: (indata).');
    expect(dismiss({ id: 'G-0001' }).message.en).toBe('The confirmation to G-0001 is marked as dealt with.');
    expect(note(p, 'G-0001')).toBe('');
    expect(listed(p, 'G-0001')).toBeNull();
    expect(JSON.parse(String(logRows(p).filter((x) => x['Åtgärd'] === 'gäst.bekräftelse-hanterad').pop()!['Efter']))).toEqual({ bekräftelse: 'hanterad', var: 'osäker' });
    expect(() => resend(p, { id: 'G-0001' })).toThrow('G-0001 har ingen bekräftelse som bevisligen inte gick iväg');
    // A quota failure dealt with by hand is not resent either.
    p.mailer.quota = 0;
    say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' });
    p.mailer.quota = 10;
    dismiss({ id: 'G-0002' });
    expect(() => resend(p, { id: 'G-0002' })).toThrow('G-0002 har ingen bekräftelse som bevisligen inte gick iväg');
  });

  test('only the project leader, with a valid guest ID', () => {
    const p = setupItems('5');
    p.mailer.quota = 0;
    say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'ja' });
    p.mailer.quota = 10;
    expect(() => resend(p, { id: 'G-0002' }, 'styrgrupp@stockholm.se')).toThrow('bara projektledaren får göra detta');
    expect(() => resend(p, { id: 5 })).toThrow('Ogiltiga uppgifter: id.');
    expect(() => resend(p, { id: 'G-0002', to: 'x@example.org' })).toThrow('Ogiltiga uppgifter: (indata).');
    expect(() => resend(p, { id: 'G-0099' })).toThrow('G-0099');
    expect(confirmations(p)).toHaveLength(0);
  });
});
