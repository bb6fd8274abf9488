/**
 * Templates, case by case with the exact output or the exact reason (npm run test:mutation): what blocks a
 * send and why, what the HTML and the plain text are to the character, and the Typ column of Mallar.
 */
import { addMonths, checkTemplate, placeholderKey, renderTemplate, templateKind, type MergeValues, type Template } from '../../../src/core/template';

const values: MergeValues = {
  firstName: 'Åsa', lastName: 'Öberg', title: 'Direktör', organisation: 'Ängby AB', country: 'Sverige', email: 'asa@example.se',
  eventName: 'Summit', startDate: '8 december 2009', endDate: '9 december 2009', venue: 'Stockholm',
  rsvpDeadline: '20 november 2009', sender: 'Stockholms stad', rsvpLink: 'https://example.se/rsvp?t=abc', guestEvents: 'konferensen',
};
const tpl = (subject: string, body: string, language: 'sv' | 'en' = 'sv'): Template => ({ language, subject, body });
const DIV = '<div style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">';
const P = '<p style="margin:0 0 1em">';
/** The HTML and text of a body that renders. */
const out = (body: string, v: MergeValues = values): { html: string; text: string } => {
  const r = renderTemplate(tpl('S', body), v);
  if (!r.ok) throw new Error(`refused: ${r.reasons.map((m) => m.en).join(' ')}`);
  return { html: r.html, text: r.text };
};

describe('reasons a template is refused', () => {
  test('an unknown field is named as typed, spaces trimmed, with every known field in the template\'s list', () => {
    expect(checkTemplate(tpl('S', 'Hej {{  Smeknamn }}'))).toEqual([{
      sv: 'Brödtexten: okänt fält {{Smeknamn}}. Kända fält: Förnamn, Efternamn, Titel, Organisation, Land, E-post, Inbjuden till, Evenemang, '
        + 'Startdatum, Slutdatum, Plats, Sista svarsdag, Avsändare, Svarslänk.',
      en: 'The body: unknown field {{Smeknamn}}. Known fields: FirstName, LastName, Title, Organization, Country, Email, InvitedTo, Event, '
        + 'StartDate, EndDate, Venue, RsvpDeadline, Sender, RsvpLink.',
    }]);
  });

  test('an English template names a field by its English name (E-post is Email, not the Swedish spelling Epost)', () => {
    expect(renderTemplate(tpl('S', 'Write to {{E-post}}', 'en'), {})).toEqual({ ok: false, reasons: [{ sv: 'Värde saknas för {{Email}}.', en: 'No value for {{Email}}.' }] });
  });

  test('an unknown field is removed, so lone braces on either side of it are reported too', () => {
    expect(checkTemplate(tpl('S', 'a {{{Smeknamn}}{ b')).map((m) => m.en)).toEqual([
      expect.stringMatching(/^The body: unknown field \{\{Smeknamn\}\}\. Known fields: /),
      'The body: incomplete field (a lone {{ or }}). Write fields as {{FirstName}}.',
    ]);
  });

  test('field names ignore case, spaces, hyphens and underscores, each one', () => {
    expect(placeholderKey('sista_svars-dag')).toBe('rsvpDeadline');
    expect(placeholderKey('R S V P link')).toBe('rsvpLink');
    expect(placeholderKey('e--post')).toBe('email');
    expect(placeholderKey('ep ost')).toBe('email');
    expect(placeholderKey('epo')).toBeNull();
  });

  test('either marker character alone is refused', () => {
    const msg = { sv: 'Brödtexten: otillåtna tecken i mallen.', en: 'The body: characters not allowed in the template.' };
    expect(checkTemplate(tpl('S', 'a\ue000b'))).toEqual([msg]);
    expect(checkTemplate(tpl('S', 'a\ue001b'))).toEqual([msg]);
    expect(checkTemplate(tpl('Ä\ue001', 'b'))).toEqual([{ sv: 'Ämnesraden: otillåtna tecken i mallen.', en: 'The subject: characters not allowed in the template.' }]);
  });

  test('a body of only spaces and line breaks is empty', () => {
    expect(checkTemplate(tpl('S', ' \n\t '))).toEqual([{ sv: 'Brödtexten är tom.', en: 'The body is empty.' }]);
  });

  test('the subject holds at most 200 characters, the body 20000', () => {
    expect(checkTemplate(tpl('x'.repeat(200), 'b'.repeat(20000)))).toEqual([]);
    expect(checkTemplate(tpl('x'.repeat(201), 'b'))).toEqual([
      { sv: 'Ämnesraden är för lång (högst 200 tecken).', en: 'The subject is too long (at most 200 characters).' },
    ]);
    expect(checkTemplate(tpl('S', 'b'.repeat(20001)))).toEqual([
      { sv: 'Brödtexten är för lång (högst 20000 tecken).', en: 'The body is too long (at most 20000 characters).' },
    ]);
  });

  test('a missing value is the reason even when another value would break the subject', () => {
    expect(renderTemplate(tpl('Hej {{Förnamn}}', '{{Titel}}'), { ...values, firstName: 'A\nB', title: '' })).toEqual({
      ok: false, reasons: [{ sv: 'Värde saknas för {{Titel}}.', en: 'No value for {{Titel}}.' }],
    });
  });

  test('a line break from a value in the subject is refused with that reason', () => {
    expect(renderTemplate(tpl('Hej {{Förnamn}}', 'x'), { ...values, firstName: 'A\r\nBcc: evil@example.com' })).toEqual({
      ok: false,
      reasons: [{
        sv: 'Ämnesraden skulle innehålla en radbrytning (från ett fältvärde); utskicket stoppas.',
        en: 'The subject would contain a line break (from a field value); not sent.',
      }],
    });
  });
});

describe('what a template renders to', () => {
  test('the subject is trimmed, spaces from the template or a value alike', () => {
    const r = renderTemplate(tpl('  Hej {{Förnamn}}', 'x'), { ...values, firstName: 'Åsa  ' });
    expect(r.ok && r.subject).toBe('Hej Åsa');
  });

  test('the whole HTML and text of several blocks: paragraphs, a list straight after a paragraph line, a numbered list', () => {
    expect(out('Hej {{Förnamn}},\n  andra raden  \n\nVi bjuder på:\n- mat  \n-  dryck\n\n1. ett\n2) två')).toEqual({
      html: `${DIV}${P}Hej Åsa,<br>andra raden</p>\n${P}Vi bjuder på:</p>\n<ul style="margin:0 0 1em"><li>mat</li><li>dryck</li></ul>\n`
        + '<ol style="margin:0 0 1em"><li>ett</li><li>två</li></ol></div>',
      text: 'Hej Åsa,\nandra raden\n\nVi bjuder på:\n\n- mat\n- dryck\n\n1. ett\n2. två\n',
    });
  });

  test('CRLF and a lone CR end lines like LF', () => {
    const lf = out('a\nb\n\nc');
    expect(out('a\r\nb\r\n\r\nc')).toEqual(lf);
    expect(out('a\rb\r\rc')).toEqual(lf);
    expect(lf).toEqual({ html: `${DIV}${P}a<br>b</p>\n${P}c</p></div>`, text: 'a\nb\n\nc\n' });
  });

  test('text after a link is rendered once, in the HTML and the text', () => {
    expect(out('Se [här](https://x.se/a) nu *gärna*.')).toEqual({
      html: `${DIV}${P}Se <a href="https://x.se/a">här</a> nu <em>gärna</em>.</p></div>`,
      text: 'Se här (https://x.se/a) nu gärna.\n',
    });
  });

  test('a link whose label is its address shows the address once in the text; only a leading mailto: is dropped', () => {
    expect(out('[https://x.se/](https://x.se/)').text).toBe('https://x.se/\n');
    expect(out('[Skriv](mailto:a@x.se)').text).toBe('Skriv (a@x.se)\n');
    expect(out('[Se](https://x.se/?to=mailto:a@x.se)').text).toBe('Se (https://x.se/?to=mailto:a@x.se)\n');
  });

  test('a link to {{Svarslänk}} goes to the value without the spaces around it', () => {
    expect(out('[Svara]({{Svarslänk}})', { ...values, rsvpLink: ' https://x.se/r ' })).toEqual({
      html: `${DIV}${P}<a href="https://x.se/r">Svara</a></p></div>`, text: 'Svara (https://x.se/r)\n',
    });
  });

  test('a bare {{Svarslänk}} with spaces around it is still a link, to the address without them', () => {
    expect(out('Svara: {{Svarslänk}}', { ...values, rsvpLink: ' https://x.se/r?a=1&b=2 ' }).html)
      .toBe(`${DIV}${P}Svara: <a href="https://x.se/r?a=1&amp;b=2"> https://x.se/r?a=1&amp;b=2 </a></p></div>`);
  });
});

test('templateKind: the Typ column of Mallar, any case and spacing; a blank cell is the invitation; anything else none', () => {
  expect([undefined, null, '', '  ', 'Inbjudan', ' INBJUDAN ', 'invitation', 'Invitation'].map(templateKind)).toEqual(Array(8).fill('invitation'));
  expect(['Påminnelse', ' PÅMINNELSE ', 'reminder', 'Reminder'].map(templateKind)).toEqual(Array(4).fill('reminder'));
  expect([0, 1, false, 'null', 'undefined', 'Inbjudan 2', 'påminn', 'x'].map(templateKind)).toEqual(Array(8).fill(null));
});

test('addMonths reads only a whole yyyy-mm-dd (spaces around it allowed)', () => {
  expect(addMonths(' 2009-12-09 ', 3)).toBe('2010-03-09');
  expect(addMonths('2009-12-091', 3)).toBe('');
  expect(addMonths('12009-12-09', 3)).toBe('');
});
