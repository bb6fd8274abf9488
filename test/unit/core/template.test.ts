import { checkTemplate, escapeHtml, formatDate, placeholderKey, placeholdersUsed, renderTemplate, type MergeValues, type Template } from '../../../src/core/template';

const values: MergeValues = {
  firstName: 'Åsa', lastName: 'Öberg', title: 'Direktör', organisation: 'Ängby AB', country: 'Sverige', email: 'asa@example.se',
  eventName: 'Public Services Summit 2009', startDate: '8 december 2009', endDate: '9 december 2009', venue: 'Stockholm',
  rsvpDeadline: '20 november 2009', sender: 'Stockholms stad', rsvpLink: 'https://example.se/rsvp?t=abc&x=1', guestEvents: 'konferensen',
};
const tpl = (subject: string, body: string, language: 'sv' | 'en' = 'sv'): Template => ({ language, subject, body });

describe('placeholders', () => {
  test.each(['Förnamn', ' Förnamn ', 'förnamn', 'FÖRNAMN', 'FirstName', 'first name', 'first_name'])('%s → firstName', (n) => {
    expect(placeholderKey(n)).toBe('firstName');
  });
  test('Swedish and English aliases', () => {
    expect(placeholderKey('Sista svarsdag')).toBe('rsvpDeadline');
    expect(placeholderKey('RsvpLink')).toBe('rsvpLink');
    expect(placeholderKey('Svarslänk')).toBe('rsvpLink');
    expect(placeholderKey('E-post')).toBe('email');
    expect(placeholderKey('Plats')).toBe('venue');
  });
  test('used placeholders', () => {
    expect(placeholdersUsed(tpl('{{Evenemang}}', 'Hej {{ Förnamn }} {{Förnamn}}'))).toEqual(['eventName', 'firstName']);
  });
});

describe('renderTemplate', () => {
  test('an empty {{Inbjuden till}} says that no programme item is chosen (column Evenemang), in both languages', () => {
    const r = renderTemplate({ language: 'en', subject: 'Hi', body: 'You are invited to {{InvitedTo}}.' }, { guestEvents: ' ' });
    expect(r).toEqual({ ok: false, reasons: [{
      sv: 'Ingen programpunkt är vald för gästen (kolumnen Evenemang på bladet Gäster), så {{InvitedTo}} skulle bli tom. Välj gästens programpunkter i sidopanelen Gäster.',
      en: "No programme item is chosen for the guest (the column Evenemang on the Gäster sheet), so {{InvitedTo}} would be empty. Choose the guest's programme items in the Guests sidebar.",
    }] });
    // Any other missing value is named as before.
    expect(renderTemplate({ language: 'sv', subject: 'Hej', body: '{{Titel}}' }, {})).toEqual({ ok: false, reasons: [{ sv: 'Värde saknas för {{Titel}}.', en: 'No value for {{Titel}}.' }] });
  });

  test('fills å ä ö É, tolerates spaces and case inside braces', () => {
    const r = renderTemplate(tpl('Inbjudan: {{ evenemang }}', 'Hej {{ FÖRNAMN }} {{Efternamn}}!\nVälkommen till {{Plats}} den {{Startdatum}}. Café É.'), values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.subject).toBe('Inbjudan: Public Services Summit 2009');
    expect(r.html).toContain('Hej Åsa Öberg!<br>Välkommen till Stockholm den 8 december 2009. Café É.');
    expect(r.text).toBe('Hej Åsa Öberg!\nVälkommen till Stockholm den 8 december 2009. Café É.\n');
  });

  test('markup: paragraphs, bold, italic, links, lists', () => {
    const body = 'Första **fet** och *kursiv*.\n\n- ett\n- två\n\n1. a\n2. b\n\n[Svara här]({{Svarslänk}}) eller [mejla](mailto:info@example.se).';
    const r = renderTemplate(tpl('Ämne', body), values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.html).toContain('<p style="margin:0 0 1em">Första <strong>fet</strong> och <em>kursiv</em>.</p>');
    expect(r.html).toContain('<ul style="margin:0 0 1em"><li>ett</li><li>två</li></ul>');
    expect(r.html).toContain('<ol style="margin:0 0 1em"><li>a</li><li>b</li></ol>');
    expect(r.html).toContain('<a href="https://example.se/rsvp?t=abc&amp;x=1">Svara här</a>');
    expect(r.html).toContain('<a href="mailto:info@example.se">mejla</a>');
    expect(r.text).toContain('Första fet och kursiv.');
    expect(r.text).toContain('- ett\n- två');
    expect(r.text).toContain('1. a\n2. b');
    expect(r.text).toContain('Svara här (https://example.se/rsvp?t=abc&x=1) eller mejla (info@example.se).');
  });

  test('hostile values are escaped and never become markup', () => {
    const evil: MergeValues = { ...values, firstName: '<script>alert("x")</script>', lastName: "O'Brien & **Co** [x](https://evil.example)" };
    const r = renderTemplate(tpl('Hej {{Förnamn}}', 'Hej {{Förnamn}} {{Efternamn}}'), evil);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(r.html).toContain('O&#39;Brien &amp; **Co** [x](https://evil.example)');
    expect(r.html).not.toContain('<a ');
    expect(r.html).not.toContain('<strong>');
  });

  test('a bare {{Svarslänk}} is a link in the HTML (only an http(s) value; other fields never)', () => {
    const r = renderTemplate(tpl('S', 'Svara: {{Svarslänk}} ({{Förnamn}})'), { ...values, firstName: 'https://evil.example' });
    expect(r.ok && r.html).toContain('Svara: <a href="https://example.se/rsvp?t=abc&amp;x=1">https://example.se/rsvp?t=abc&amp;x=1</a> (https://evil.example)');
    expect(r.ok && r.text).toContain('Svara: https://example.se/rsvp?t=abc&x=1 (');
    const js = renderTemplate(tpl('S', 'Svara: {{Svarslänk}}'), { ...values, rsvpLink: 'javascript:alert(1)' });
    expect(js.ok && js.html).not.toContain('<a ');
  });

  test('template text is escaped before markup', () => {
    const r = renderTemplate(tpl('S', '<b>hej</b> & <img src=x onerror=alert(1)>'), values);
    expect(r.ok && r.html).toContain('&lt;b&gt;hej&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
  });

  test('unknown placeholder blocks', () => {
    const r = renderTemplate(tpl('S', 'Hej {{Smeknamn}}'), values);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reasons[0].sv).toContain('okänt fält {{Smeknamn}}');
  });

  test.each(['Hej {{Förnamn}', 'Hej {Förnamn}}', 'Hej {{Förnamn {{Efternamn}}', 'Hej {{}}'])('broken braces block: %s', (body) => {
    expect(renderTemplate(tpl('S', body), values).ok).toBe(false);
  });

  test('missing value blocks with the placeholder named', () => {
    const r = renderTemplate(tpl('S', 'Hej {{Titel}} {{Förnamn}}'), { ...values, title: '  ' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reasons.map((m) => m.sv).join()).toContain('{{Titel}}');
  });

  test('English names for missing values in an English template', () => {
    const r = renderTemplate(tpl('S', 'Hi {{Title}}', 'en'), { ...values, title: '' });
    expect(!r.ok && r.reasons[0].en).toContain('{{Title}}');
  });

  test('header injection: CR/LF in a subject value or the template is refused', () => {
    expect(renderTemplate(tpl('Hej {{Förnamn}}', 'x'), { ...values, firstName: 'A\r\nBcc: evil@example.com' }).ok).toBe(false);
    expect(renderTemplate(tpl('Hej\nBcc: x', 'x'), values).ok).toBe(false);
    expect(checkTemplate(tpl('Hej\r\nBcc: x', 'x')).length).toBeGreaterThan(0);
  });

  test('a value containing {{…}} is never sent', () => {
    expect(renderTemplate(tpl('S', 'Hej {{Förnamn}}'), { ...values, firstName: '{{Efternamn}}' }).ok).toBe(false);
  });

  test('javascript: link is refused', () => {
    expect(renderTemplate(tpl('S', '[klick](javascript:alert`1`)'), values).ok).toBe(false);
  });

  test.each(['javascript:alert(1)', 'data:text/html,x', 'ftp://x.se', '//evil.example'])('link scheme %s is refused', (href) => {
    const r = renderTemplate(tpl('S', `[klick](${href})`), values);
    // Either refused, or (when it does not even parse as a link) left as plain text: never an <a>.
    if (r.ok) expect(r.html).not.toContain('<a ');
    else expect(r.reasons[0].sv).toContain('inte tillåten');
  });

  test('a link value from a field is checked too', () => {
    expect(renderTemplate(tpl('S', '[Svara]({{Svarslänk}})'), { ...values, rsvpLink: 'javascript:alert(1)' }).ok).toBe(false);
    expect(renderTemplate(tpl('S', '[Svara]({{Svarslänk}})'), { ...values, rsvpLink: 'https://x.se/a"onmouseover=1' }).ok).toBe(false);
  });

  test('empty subject/body and private-use marker characters are refused', () => {
    expect(checkTemplate(tpl(' ', 'x')).length).toBe(1);
    expect(checkTemplate(tpl('S', '')).length).toBe(1);
    expect(renderTemplate(tpl('S', 'x\ue0000\ue001'), values).ok).toBe(false);
  });

  test('escapeHtml', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('formatDate (no Intl)', () => {
  test.each([
    ['2009-12-08', 'sv', '8 december 2009'], ['2009-12-08', 'en', '8 December 2009'],
    ['2010-03-01', 'sv', '1 mars 2010'], ['2009-05-31', 'en', '31 May 2009'],
    ['2009-02-30', 'sv', ''], ['8/12/2009', 'sv', ''], ['', 'en', ''],
  ] as const)('%s %s → %s', (iso, lang, out) => {
    expect(formatDate(iso, lang)).toBe(out);
  });
});
