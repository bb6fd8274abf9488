/**
 * The confirmation's pieces (src/app/confirm.ts), on views built by hand: what counts as accepted, when a
 * confirmation is due, the HTML body and the sender. confirm.test.ts drives the same through answerRsvp;
 * here each rule meets the cases an answer rarely produces (two items unchanged, a blank line, a sender
 * name with line breaks).
 */
import { acceptedOf, confirmationDue, confirmationMail, confirmTroubleOf, senderOf, textAsHtml } from '../../../src/app/confirm';
import type { RsvpLine, RsvpView } from '../../../src/app/rsvp';
import type { Settings } from '../../../src/core/settings';

const line = (id: string, name: string, answer: RsvpLine['answer'], offerUntil = ''): RsvpLine =>
  ({ id, name, date: '8 december 2009', start: '09:00', end: '17:00', answer, full: false, limited: false, offerUntil });

function view(o: Partial<RsvpView>): RsvpView {
  return {
    lang: 'sv', w: 'w', g: 'G-0001', v: 1, t: 't', firstName: 'Astrid', lastName: 'A', eventName: 'Public Services Summit 2009',
    venue: 'Stadshuset', events: [], perItem: true, answer: '', calendar: 'BEGIN:VCALENDAR', diet: '', consent: false,
    deadline: '20 november 2009', replyTo: '', closed: '', privacy: { controller: '', purpose: '', legalBasis: '', retention: '', dpo: '', rights: '' },
    ...o,
  };
}
const sender = (senderName: string, replyTo: string): Settings => ({ senderName, replyTo }) as unknown as Settings;

describe('acceptedOf: what the guest has accepted', () => {
  test('per item: the IDs said yes to, not the declined, waiting or offered ones', () => {
    const v = view({ events: [line('P-001', 'Konferensen', 'ja'), line('P-002', 'Middagen', 'väntar'), line('P-003', 'Besök', 'erbjuden'), line('P-004', 'Mingel', 'ja'), line('P-005', 'X', 'nej')] });
    expect(acceptedOf(v)).toEqual(['P-001', 'P-004']);
  });

  test('the old free-text parts: every part, named with its day and time, once the one answer is yes; none otherwise', () => {
    const events = [line('', 'Konferensen', ''), line('', 'Middagen', '')];
    expect(acceptedOf(view({ perItem: false, answer: 'ja', events }))).toEqual(['Konferensen 8 december 2009 09:00', 'Middagen 8 december 2009 09:00']);
    expect(acceptedOf(view({ perItem: false, answer: 'nej', events }))).toEqual([]);
    expect(acceptedOf(view({ perItem: false, answer: '', events }))).toEqual([]);
  });
});

describe('confirmationDue: a change of what the guest accepts, with something accepted', () => {
  const yes2 = view({ events: [line('P-001', 'Konferensen', 'ja'), line('P-002', 'Middagen', 'ja')] });
  const yes1 = view({ events: [line('P-001', 'Konferensen', 'ja'), line('P-002', 'Middagen', 'nej')] });
  const none = view({ events: [line('P-001', 'Konferensen', 'nej'), line('P-002', 'Middagen', 'nej')] });

  test('due when the accepted items change and some remain', () => {
    expect(confirmationDue(none, yes1)).toBe(true);
    expect(confirmationDue(yes1, yes2)).toBe(true);
    expect(confirmationDue(yes2, yes1)).toBe(true);
  });

  test('not due for the same two items again, for a decline of everything, nor without a calendar file to attach', () => {
    expect(confirmationDue(yes2, view({ ...yes2 }))).toBe(false);
    expect(confirmationDue(yes1, view({ ...none, calendar: 'BEGIN:VCALENDAR' }))).toBe(false);
    expect(confirmationDue(none, view({ ...yes1, calendar: '' }))).toBe(false);
  });
});

describe('textAsHtml', () => {
  test('every line escaped, joined by <br>; only the line that is the link becomes a link', () => {
    const link = 'https://example.org/exec?g=G-0001&v=1';
    expect(textAsHtml(`Hej <b>Astrid</b>!\n\n${link}\nSe ${link}`, link)).toBe(
      'Hej &lt;b&gt;Astrid&lt;/b&gt;!<br><br><a href="https://example.org/exec?g=G-0001&amp;v=1">https://example.org/exec?g=G-0001&amp;v=1</a>' +
      '<br>Se https://example.org/exec?g=G-0001&amp;v=1');
  });

  test('without a link (no web app URL) a blank line stays blank, not an empty link', () => {
    expect(textAsHtml('Hej!\n\nTack.', '')).toBe('Hej!<br><br>Tack.');
  });
});

describe('senderOf', () => {
  test('the sender name without line breaks or quotes (each run one space), the reply-to trimmed when it is an address', () => {
    expect(senderOf(sender('Stockholms stad\r\n"Summit"', ' summit@stockholm.se '))).toEqual({ name: 'Stockholms stad Summit ', replyTo: 'summit@stockholm.se' });
  });

  test('no name when none is set, no reply-to when it is not an address', () => {
    expect(senderOf(sender('', 'inte en adress'))).toEqual({});
  });
});

describe('confirmationMail', () => {
  test('the old free-text parts: every line carries the one answer; the subject on one line; the sender as set', () => {
    const v = view({ perItem: false, answer: 'ja', eventName: 'Summit\r\n2009', events: [line('', 'Konferensen', ''), line('', 'Middagen', '')] });
    const m = confirmationMail(v, ' astrid@example.se ', sender('Stockholms stad', 'summit@stockholm.se'), '');
    expect(m.to).toBe('astrid@example.se');
    expect(m.subject).toBe('Ditt svar: Summit 2009');
    expect(m.textBody).toContain('– Konferensen, 8 december 2009 09:00–17:00: ja, du kommer\n– Middagen, 8 december 2009 09:00–17:00: ja, du kommer');
    expect([m.name, m.replyTo]).toEqual(['Stockholms stad', 'summit@stockholm.se']);
  });

  test('an item not answered yet reads as no; an offered seat names its deadline', () => {
    const v = view({ lang: 'en', events: [line('P-001', 'Konferensen', ''), line('P-002', 'Middagen', 'erbjuden', '4 November 2009, 09:00')] });
    const m = confirmationMail(v, 'a@example.se', sender('', ''), '');
    expect(m.textBody).toContain('– Konferensen (P-001), 8 december 2009 09:00–17:00: no\n');
    expect(m.textBody).toContain('– Middagen (P-002), 8 december 2009 09:00–17:00: a seat is held for you until 4 November 2009, 09:00');
  });
});

describe('confirmTroubleOf: the [Bekräftelse] line of a note', () => {
  test('read with or without milliseconds, with or without the advice after it', () => {
    expect(confirmTroubleOf('Vegan\n[Bekräftelse] kvot 2009-11-02T09:00:00Z: Dagens kvot tog slut.')).toEqual({ kind: 'kvot', at: '2009-11-02T09:00:00Z' });
    expect(confirmTroubleOf('[Bekräftelse] skickas 2009-11-02T09:00:00.123Z')).toEqual({ kind: 'skickas', at: '2009-11-02T09:00:00.123Z' });
  });

  test('a line edited out of shape records nothing: words before the kind, a time cut short or run on', () => {
    expect(confirmTroubleOf('[Bekräftelse] inte kvot 2009-11-02T09:00:00Z')).toBeNull();
    expect(confirmTroubleOf('[Bekräftelse] kvot 2009-11-02T09:00Z')).toBeNull();
    expect(confirmTroubleOf('[Bekräftelse] kvot 2009-11-02T09:00:00Zoch mer')).toBeNull();
  });
});
