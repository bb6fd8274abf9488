/** The confirmation of an answer (src/app/confirm.ts): one mail per change of what the guest accepted, with the .ics of the accepted items. */
import { answerRsvp } from '../../../src/app/rsvp';
import { saveProgramItem } from '../../../src/app/program';
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
