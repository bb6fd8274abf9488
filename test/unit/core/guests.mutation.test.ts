/**
 * The guest rules of src/core/guests.ts, answer by answer: every status's slot, each e-mail rule at
 * its boundary, each transition with who may make it, and the exact refusal (field, figure, words) in
 * both languages, so a changed rule or message turns a test red (npm run test:mutation).
 */
import {
  approveCapMsg, capMsg, checkGuestDraft, checkTransition, formatEventsCell, holdsSlot, isMailed, isValidEmail, judgeCellEdit,
  judgeRows, matchEvents, nextGuestIds, normEmail, parseEventsCell, parseLanguage, slotsLeft, type Guest, type GuestDraft,
} from '../../../src/core/guests';
import { GUEST_STATUSES } from '../../../src/core/schema';
import type { Role } from '../../../src/core/settings';

const EVENTS = ['konferensen', 'representationsmiddagen', 'studiebesök'];
const draft = (o: Partial<GuestDraft> = {}): GuestDraft => ({
  firstName: 'Åsa', lastName: 'Öberg', title: '', organisation: '', country: '', email: 'asa@example.se',
  language: 'sv', events: ['konferensen'], diet: '', note: '', ...o,
});
const NONE = new Map<string, string>();

describe('statuses: who holds a slot, who may have been mailed', () => {
  test.each([
    // status, holds a slot, mailed
    ['Föreslagen', false, false], ['Godkänd', true, false], ['Skickar', true, true], ['Inbjuden', true, true],
    ['Tackat ja', true, true], ['Tackat nej', true, true], ['Återbud', true, true], ['Osäker', true, true],
    ['Misslyckad', true, false], ['', false, false], ['Kanske', false, false], ['godkänd', false, false],
  ])('%j: slot %s, mailed %s', (status, slot, mailed) => {
    expect([holdsSlot(status), isMailed(status)]).toEqual([slot, mailed]);
  });
  test('every known status is one of the table above', () => expect(GUEST_STATUSES).toHaveLength(9));

  test('slotsLeft counts every slot holder and never goes below 0', () => {
    expect(slotsLeft([...GUEST_STATUSES], 10)).toBe(2); // 8 of the 9 hold a slot
    expect(slotsLeft(['Godkänd', 'Godkänd'], 2)).toBe(0);
    expect(slotsLeft(['Godkänd', 'Godkänd', 'Godkänd'], 2)).toBe(0);
    expect(slotsLeft([], 3)).toBe(3);
  });
});

describe('e-mail', () => {
  const local64 = 'l'.repeat(64);
  // 64 + '@' + 189 = 254 characters, the RFC 5321 path limit; labels of at most 63.
  const domain189 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(58)}.se`;

  test('normEmail trims and lower-cases', () => expect(normEmail('  Åsa.Ö@Example.SE \n')).toBe('åsa.ö@example.se'));

  test('254 characters is the longest address, 255 too long', () => {
    expect(`${local64}@${domain189}`).toHaveLength(254);
    expect(isValidEmail(`${local64}@${domain189}`)).toBe(true);
    expect(isValidEmail(`${local64}@d${domain189}`)).toBe(false);
    expect(isValidEmail(`  ${local64}@${domain189}  `)).toBe(true); // measured trimmed
  });
  test('a local part of 64 characters, not 65', () => {
    expect(isValidEmail(`${local64}@example.se`)).toBe(true);
    expect(isValidEmail(`${local64}x@example.se`)).toBe(false);
  });
  test('a domain label of 63 characters, not 64; hyphens only inside', () => {
    expect(isValidEmail(`a@${'d'.repeat(63)}.se`)).toBe(true);
    expect(isValidEmail(`a@${'d'.repeat(64)}.se`)).toBe(false);
    expect(isValidEmail('a@my-host.se')).toBe(true);
    expect(isValidEmail('a@-host.se')).toBe(false);
    expect(isValidEmail('a@host-.se')).toBe(false);
    expect(isValidEmail('a@x.se')).toBe(true); // one-character label
    expect(isValidEmail('a@ÅÄÖ.se')).toBe(true);
    expect(isValidEmail('a@HOST.SE')).toBe(true);
    expect(isValidEmail('a@ho_st.se')).toBe(false);
  });
  test('the top-level domain: two letters or more, no digits', () => {
    expect(isValidEmail('a@b.se')).toBe(true);
    expect(isValidEmail('a@b.s')).toBe(false);
    expect(isValidEmail('a@b.s1')).toBe(false);
    expect(isValidEmail('a@b.12')).toBe(false);
    expect(isValidEmail('a@b.sö')).toBe(true);
    expect(isValidEmail('a@b.SE')).toBe(true);
    // The whole last label: a digit before or after its letters makes it no top-level domain.
    expect(isValidEmail('a@b.1se')).toBe(false);
    expect(isValidEmail('a@b.se1')).toBe(false);
  });
  test('a dotted domain is required', () => {
    expect(isValidEmail('a@se')).toBe(false);
    expect(isValidEmail('a@b.')).toBe(false);
    expect(isValidEmail('a@.se')).toBe(false);
  });
  test('dots in the local part: not first, not last, never two', () => {
    expect(isValidEmail('a.b@c.se')).toBe(true);
    expect(isValidEmail('.ab@c.se')).toBe(false);
    expect(isValidEmail('ab.@c.se')).toBe(false);
    expect(isValidEmail('a..b@c.se')).toBe(false);
  });
  test.each([
    ['a b@c.se'], ['a"b@c.se'], ['a<b@c.se'], ['a>b@c.se'], ['a(b@c.se'], ['a)b@c.se'], ['a,b@c.se'], ['a;b@c.se'],
    ['a:b@c.se'], ['a\\b@c.se'], ['a[b@c.se'], ['a]b@c.se'], ['a@b@c.se'], ['a\u0001b@c.se'], ['a\u001fb@c.se'], ['a\u007fb@c.se'],
    ['ab@c .se'], ['@c.se'], ['ab@'],
  ])('%j is refused (a mail header could split on it, or it is no address)', (e) => expect(isValidEmail(e)).toBe(false));
  test.each([['a+tag@c.se'], ["o'neil@c.se"], ['a_b-c@c.se'], ['ÅSA@c.se'], ['a~b@c.se']])('%j is valid', (e) => {
    expect(isValidEmail(e)).toBe(true);
  });
});

describe('language and events', () => {
  test.each([
    ['sv', 'sv'], ['SV', 'sv'], [' svenska ', 'sv'], ['Swedish', 'sv'], ['en', 'en'], ['EN ', 'en'], ['Engelska', 'en'],
    ['english', 'en'], ['', null], ['fi', null], ['sve', null], ['eng', null],
  ])('parseLanguage(%j) = %j', (v, want) => expect(parseLanguage(v)).toBe(want));

  test('an events cell splits on semicolons and commas, trimmed, empty parts dropped', () => {
    expect(parseEventsCell(' konferensen ;representationsmiddagen, studiebesök;;, ')).toEqual(['konferensen', 'representationsmiddagen', 'studiebesök']);
    expect(parseEventsCell('')).toEqual([]);
    expect(formatEventsCell(['konferensen', 'studiebesök'])).toBe('konferensen; studiebesök');
    expect(formatEventsCell([])).toBe('');
  });

  test('matchEvents: case-insensitive, trimmed, canonical names once each; the unknown as typed', () => {
    expect(matchEvents([' KONFERENSEN ', 'Studiebesök', 'konferensen', 'bal', ' Gala '], EVENTS)).toEqual({
      ok: ['konferensen', 'studiebesök'], unknown: ['bal', ' Gala '],
    });
    expect(matchEvents([], EVENTS)).toEqual({ ok: [], unknown: [] });
  });
});

describe('checkGuestDraft: each problem with its field and exact words', () => {
  const check = (o: Partial<GuestDraft>, others: ReadonlyMap<string, string> = NONE) => checkGuestDraft(draft(o), { events: EVENTS, others });

  test('a complete draft has none', () => expect(check({})).toEqual([]));

  test('names missing (blank counts as missing)', () => {
    expect(check({ firstName: '  ', lastName: '' })).toEqual([
      { field: 'firstName', message: { sv: 'Förnamn saknas.', en: 'First name is missing.' } },
      { field: 'lastName', message: { sv: 'Efternamn saknas.', en: 'Last name is missing.' } },
    ]);
    // Blank is missing for each name on its own.
    expect(check({ lastName: ' \t ' })).toEqual([{ field: 'lastName', message: { sv: 'Efternamn saknas.', en: 'Last name is missing.' } }]);
  });

  test('programme items: matched by ID or title; an unknown event is refused naming each item as "Title (ID)"', () => {
    const items = [{ id: 'P-001', title: 'Konferensen' }, { id: 'P-003', title: 'Middagen' }];
    expect(checkGuestDraft(draft({ events: ['p-003', 'konferensen'] }), { events: items, others: NONE })).toEqual([]);
    expect(matchEvents(['p-003', 'KONFERENSEN'], items)).toEqual({ ok: ['P-003', 'P-001'], unknown: [] });
    expect(checkGuestDraft(draft({ events: ['Balen'] }), { events: items, others: NONE })).toEqual([{ field: 'events', message: {
      sv: 'Okänt evenemang: Balen. Välj bland: Konferensen (P-001), Middagen (P-003).',
      en: 'Unknown event: Balen. Choose from: Konferensen (P-001), Middagen (P-003).',
    } }]);
  });

  test.each([
    ['firstName', 80, 'Förnamn', 'First name'], ['lastName', 80, 'Efternamn', 'Last name'], ['title', 120, 'Titel', 'Title'],
    ['organisation', 160, 'Organisation', 'Organisation'], ['country', 80, 'Land', 'Country'],
    ['diet', 300, 'Kost/allergier', 'Diet/allergies'],
  ] as const)('%s: %i characters allowed, one more refused with the limit', (field, max, svLabel, enLabel) => {
    expect(check({ [field]: 'x'.repeat(max) })).toEqual([]);
    expect(check({ [field]: 'x'.repeat(max + 1) })).toEqual([{
      field,
      message: { sv: `${svLabel} är för lång (högst ${max} tecken).`, en: `${enLabel} is too long (at most ${max} characters).` },
    }]);
  });

  test('note: 500 characters of the user\'s own allowed, one more refused with both figures (the server\'s lines don\'t count: test/unit/core/note-lines.test.ts)', () => {
    expect(check({ note: 'x'.repeat(500) })).toEqual([]);
    expect(check({ note: 'x'.repeat(501) })).toEqual([{ field: 'note', message: {
      sv: 'Anteckning är för lång: 501 tecken egen text, högst 500 (Summit Planners rader [Utskick], [Bekräftelse] och [Påminnelse] räknas inte).',
      en: 'Note is too long: 501 characters of your own text, at most 500 (Summit Planner\'s [Utskick], [Bekräftelse] and [Påminnelse] lines don\'t count).',
    } }]);
  });

  test('an address over 254 characters: too long and not valid', () => {
    const e = `${'l'.repeat(64)}@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.se`;
    expect(e.length).toBe(259);
    expect(check({ email: e }).map((p) => [p.field, p.message.sv])).toEqual([
      ['email', 'E-post är för lång (högst 254 tecken).'],
      ['email', `E-postadressen "${e}" är inte giltig (skriv till exempel namn@exempel.se).`],
    ]);
    expect(check({ email: e })[0].message.en).toBe('E-mail is too long (at most 254 characters).');
  });

  test('e-mail missing, not valid (trimmed in the message), or already on the list with its ID', () => {
    expect(check({ email: '   ' })).toEqual([{ field: 'email', message: { sv: 'E-postadress saknas.', en: 'E-mail address is missing.' } }]);
    expect(check({ email: ' nope ' })).toEqual([{ field: 'email', message: {
      sv: 'E-postadressen "nope" är inte giltig (skriv till exempel namn@exempel.se).',
      en: 'The e-mail address "nope" is not valid (write for example name@example.com).',
    } }]);
    expect(check({ email: ' TAKEN@example.se ' }, new Map([['taken@example.se', 'G-0007']]))).toEqual([{ field: 'email', message: {
      sv: 'E-postadressen TAKEN@example.se finns redan i listan (G-0007). Varje gäst ska ha en egen adress.',
      en: 'The e-mail address TAKEN@example.se is already on the list (G-0007). Each guest needs their own address.',
    } }]);
  });

  test('an unknown language, as typed', () => {
    expect(check({ language: 'fi' })).toEqual([{ field: 'language', message: { sv: 'Okänt språk "fi": ange sv eller en.', en: 'Unknown language "fi": use sv or en.' } }]);
  });

  test('unknown events with the known ones to choose from; no events at all is fine', () => {
    expect(check({ events: ['bal', 'Konferensen', 'gala'] })).toEqual([{ field: 'events', message: {
      sv: 'Okänt evenemang: bal, gala. Välj bland: konferensen, representationsmiddagen, studiebesök.',
      en: 'Unknown event: bal, gala. Choose from: konferensen, representationsmiddagen, studiebesök.',
    } }]);
    expect(check({ events: [] })).toEqual([]);
  });

  test('every problem at once, in field order', () => {
    expect(check({ firstName: '', lastName: '', note: 'x'.repeat(501), email: '', language: 'de', events: ['bal'] }).map((p) => p.field))
      .toEqual(['firstName', 'lastName', 'note', 'email', 'language', 'events']);
  });
});

describe('checkTransition', () => {
  const ALL: Role[] = ['styrgrupp', 'projektledare', 'ekonomi'];
  // Every hand-made change and whose it is; everything else is refused for everyone.
  const ALLOWED: [string, string, Role][] = [
    ['Föreslagen', 'Godkänd', 'styrgrupp'], ['Godkänd', 'Föreslagen', 'styrgrupp'], ['Misslyckad', 'Föreslagen', 'styrgrupp'],
    ['Misslyckad', 'Godkänd', 'projektledare'], ['Osäker', 'Inbjuden', 'projektledare'], ['Osäker', 'Godkänd', 'projektledare'],
    ['Inbjuden', 'Tackat ja', 'projektledare'], ['Inbjuden', 'Tackat nej', 'projektledare'], ['Inbjuden', 'Återbud', 'projektledare'],
    ['Tackat ja', 'Tackat nej', 'projektledare'], ['Tackat ja', 'Återbud', 'projektledare'], ['Tackat nej', 'Tackat ja', 'projektledare'],
    ['Återbud', 'Tackat ja', 'projektledare'], ['Tackat ja', 'Inbjuden', 'projektledare'], ['Tackat nej', 'Inbjuden', 'projektledare'],
  ];

  test.each(ALLOWED)('%s → %s is the %s\'s, and only theirs', (from, to, by) => {
    expect(checkTransition(from, to, [by])).toEqual({ ok: true });
    const other: Role[] = by === 'styrgrupp' ? ['projektledare', 'ekonomi'] : ['styrgrupp', 'ekonomi'];
    const who = by === 'styrgrupp' ? ['styrgruppen', 'the steering group'] : ['projektledaren', 'the project leader'];
    expect(checkTransition(from, to, other)).toEqual({ ok: false, reason: {
      sv: `Bara ${who[0]} får ändra status från ${from} till ${to}.`, en: `Only ${who[1]} may change the status from ${from} to ${to}.`,
    } });
  });

  test('no other pair of statuses is allowed, for anyone', () => {
    const allowed = new Set(ALLOWED.map(([f, t]) => `${f}>${t}`));
    for (const from of GUEST_STATUSES) {
      for (const to of GUEST_STATUSES) {
        if (from === to || allowed.has(`${from}>${to}`)) continue;
        expect([from, to, checkTransition(from, to, ALL).ok]).toEqual([from, to, false]);
      }
    }
  });

  test('the same status is no change, allowed to anyone (even an unknown one)', () => {
    expect(checkTransition('Inbjuden', 'Inbjuden', [])).toEqual({ ok: true });
    expect(checkTransition('Kanske', 'Kanske', [])).toEqual({ ok: true });
  });

  test('an unknown target status lists the allowed ones', () => {
    expect(checkTransition('Godkänd', 'Kanske', ALL)).toEqual({ ok: false, reason: {
      sv: 'Okänd status "Kanske". Tillåtna: Föreslagen, Godkänd, Skickar, Inbjuden, Tackat ja, Tackat nej, Återbud, Osäker, Misslyckad.',
      en: 'Unknown status "Kanske". Allowed: Föreslagen, Godkänd, Skickar, Inbjuden, Tackat ja, Tackat nej, Återbud, Osäker, Misslyckad.',
    } });
  });

  test('Skickar is the send\'s alone', () => {
    for (const from of ['Godkänd', 'Föreslagen', 'Osäker']) {
      expect(checkTransition(from, 'Skickar', ALL)).toEqual({ ok: false, reason: { sv: 'Status Skickar sätts bara av utskicket.', en: 'The status Skickar is set only by the send.' } });
    }
  });

  test('a proposed (or empty) guest can only be approved: anything else says approval comes first', () => {
    for (const from of ['Föreslagen', '']) {
      expect(checkTransition(from, 'Inbjuden', ALL)).toEqual({ ok: false, reason: {
        sv: 'En föreslagen gäst måste godkännas av styrgruppen innan status kan bli Inbjuden.',
        en: 'A proposed guest must be approved by the steering group before the status can become Inbjuden.',
      } });
    }
    // Empty → Godkänd is not a skip, just not a change anyone makes by hand.
    expect(checkTransition('', 'Godkänd', ALL)).toEqual({ ok: false, reason: {
      sv: 'Status kan inte ändras från (tom) till Godkänd.', en: 'The status cannot change from (empty) to Godkänd.',
    } });
    expect(checkTransition('Godkänd', 'Inbjuden', ALL)).toEqual({ ok: false, reason: {
      sv: 'Status kan inte ändras från Godkänd till Inbjuden.', en: 'The status cannot change from Godkänd to Inbjuden.',
    } });
  });
});

describe('the cap messages', () => {
  test.each([
    [3, 0, 'inga platser är lediga', 'no places are free', 3],
    [3, 1, '1 plats är ledig', '1 place is free', 2],
    [28, 26, '26 platser är lediga', '26 places are free', 2],
  ])('approveCapMsg(%i selected, %i free)', (selected, free, freeSv, freeEn, over) => {
    expect(approveCapMsg(selected, free, 30)).toEqual({
      sv: `Du markerade ${selected}; ${freeSv} (taket är 30). Avmarkera ${over}, eller låt en administratör höja taket i Inställningar och roller. Inget godkändes.`,
      en: `You selected ${selected}; ${freeEn} (the cap is 30). Clear ${over}, or have an administrator raise the cap in Settings and roles. Nothing was approved.`,
    });
  });
  test('capMsg', () => {
    expect(capMsg(30, 29, 2)).toEqual({
      sv: 'Taket är 30 inbjudna gäster och 29 platser är redan tagna; 2 till ryms inte. Styrgruppen kan höja taket på bladet Inställningar.',
      en: 'The cap is 30 invited guests and 29 places are taken; 2 more do not fit. The steering group can raise the cap on the Inställningar sheet.',
    });
  });
});

describe('judgeCellEdit: a single edited cell of Gäster', () => {
  const ctx = { roles: ['projektledare'] as Role[], events: EVENTS, otherEmails: new Map([['b@example.se', 'G-0002']]) };
  const judge = (header: string, newValue: string, oldValue = 'gammalt', c = ctx) => judgeCellEdit({ header, oldValue, newValue }, c);
  const revert = (sv: string, en: string, value = 'gammalt') => ({ action: 'revert', value, reason: { sv, en } });

  test('E-post: valid and unique (trimmed, any case), else put back with the reason', () => {
    expect(judge('E-post', ' ny@example.se ')).toEqual({ action: 'accept' });
    expect(judge('E-post', ' nope ')).toEqual(revert(
      'E-postadressen "nope" är inte giltig (skriv till exempel namn@exempel.se).', 'The e-mail address "nope" is not valid (write for example name@example.com).'));
    expect(judge('E-post', 'B@Example.se ')).toEqual(revert(
      'E-postadressen B@Example.se finns redan i listan (G-0002). Varje gäst ska ha en egen adress.',
      'The e-mail address B@Example.se is already on the list (G-0002). Each guest needs their own address.'));
  });

  test('Språk', () => {
    expect(judge('Språk', ' English ')).toEqual({ action: 'accept' });
    expect(judge('Språk', 'fi', 'sv')).toEqual(revert('Okänt språk "fi": ange sv eller en.', 'Unknown language "fi": use sv or en.', 'sv'));
  });

  test('Status: judged as a transition from the old value, trimmed', () => {
    expect(judge('Status', ' Tackat ja ', ' Inbjuden ')).toEqual({ action: 'accept' });
    expect(judge('Status', 'Godkänd', 'Föreslagen')).toEqual(revert(
      'Bara styrgruppen får ändra status från Föreslagen till Godkänd.', 'Only the steering group may change the status from Föreslagen to Godkänd.', 'Föreslagen'));
  });

  test('Evenemang: known names only (no "choose from" in a cell note)', () => {
    expect(judge('Evenemang', 'Konferensen; studiebesök')).toEqual({ action: 'accept' });
    expect(judge('Evenemang', '')).toEqual({ action: 'accept' });
    expect(judge('Evenemang', 'konferensen, bal, gala')).toEqual(revert('Okänt evenemang: bal, gala.', 'Unknown event: bal, gala.'));
  });

  test('columns only Summit Planner or the guest sets', () => {
    expect(judge('ID', 'G-9999')).toEqual(revert('ID sätts av Summit Planner och kan inte ändras.', 'The ID is set by Summit Planner and cannot be changed.'));
    expect(judge('Skickad', '2009-11-01')).toEqual(revert('Skickad sätts av utskicket.', 'Skickad is set by the send.'));
    expect(judge('Påmind', '2009-11-20')).toEqual(revert('Påmind sätts av Skicka påminnelse.', 'Påmind is set by Send a reminder.'));
    expect(judge('Svarad', 'x')).toEqual(revert('Svarad sätts av gästens svar på svarssidan.', "Svarad is set by the guest's answer on the RSVP page."));
    expect(judge('Samtycke kost', 'x')).toEqual(revert('Samtycke kost sätts av gästens svar på svarssidan.', "Samtycke kost is set by the guest's answer on the RSVP page."));
    expect(judge('Länkversion', '9')).toEqual(revert('Länkversionen sätts av Summit Planner.', 'The link version is set by Summit Planner.'));
  });

  test.each([
    ['Förnamn', 80], ['Efternamn', 80], ['Titel', 120], ['Organisation', 160], ['Land', 80], ['Kost/allergier', 300],
  ])('%s: %i characters (trimmed) accepted, one more put back', (header, max) => {
    expect(judge(header, ` ${'x'.repeat(max)} `)).toEqual({ action: 'accept' });
    expect(judge(header, 'x'.repeat(max + 1))).toEqual(revert(`För lång text (högst ${max} tecken).`, `Text too long (at most ${max} characters).`));
  });

  test('Anteckning: 500 characters (trimmed) of the user\'s own accepted, one more put back with both figures', () => {
    expect(judge('Anteckning', ` ${'x'.repeat(500)} `)).toEqual({ action: 'accept' });
    expect(judge('Anteckning', 'x'.repeat(501))).toEqual(revert(
      'Anteckning är för lång: 501 tecken egen text, högst 500 (Summit Planners rader [Utskick], [Bekräftelse] och [Påminnelse] räknas inte).',
      'Note is too long: 501 characters of your own text, at most 500 (Summit Planner\'s [Utskick], [Bekräftelse] and [Påminnelse] lines don\'t count).'));
  });

  test('names can not be emptied; the other texts can', () => {
    expect(judge('Förnamn', '  ')).toEqual(revert('Förnamn får inte vara tomt.', 'First name must not be empty.'));
    expect(judge('Efternamn', '')).toEqual(revert('Efternamn får inte vara tomt.', 'Last name must not be empty.'));
    for (const h of ['Titel', 'Organisation', 'Land', 'Kost/allergier', 'Anteckning']) expect(judge(h, '')).toEqual({ action: 'accept' });
  });

  test('a column the rules do not know is accepted whatever it holds', () => {
    expect(judge('Egen kolumn', 'x'.repeat(5000))).toEqual({ action: 'accept' });
  });
});

describe('judgeRows: a paste or fill over Gäster', () => {
  const g = (o: Partial<Guest>): Guest => ({
    id: 'G-0001', firstName: 'A', lastName: 'B', title: '', organisation: '', country: '', email: 'a@example.se', language: 'sv',
    events: ['konferensen'], diet: '', status: 'Föreslagen', note: '', ...o,
  });
  const judge = (rows: { row: number; guest: Guest; statusBefore?: string }[], roles: Role[] = [], all = new Map([['a@example.se', 1]])) =>
    judgeRows(rows, { roles, events: EVENTS, allEmails: all });
  const reasons = (d: ReturnType<typeof judgeRows>) => (d.action === 'flag' ? d.rows.map((r) => [r.row, r.reasons.map((m) => m.sv)]) : d.action);

  test('clean rows are accepted', () => {
    expect(judge([{ row: 2, guest: g({}) }, { row: 3, guest: g({ status: 'Inbjuden' }) }])).toEqual({ action: 'accept' });
  });

  test('each reason of a row, in order, with the row number', () => {
    expect(reasons(judge([{ row: 7, guest: g({ email: 'nej', language: 'xx', firstName: ' ', events: ['bal'], status: 'Kanske' }) }]))).toEqual([
      [7, ['E-postadressen "nej" är inte giltig (skriv till exempel namn@exempel.se).', 'Okänt språk "xx": ange sv eller en.', 'Namn saknas.',
        'Okänt evenemang: bal.', 'Okänd status "Kanske".']],
    ]);
    expect(reasons(judge([{ row: 8, guest: g({ lastName: '  ' }) }]))).toEqual([[8, ['Namn saknas.']]]); // a blank last name alone
    const d = judge([{ row: 7, guest: g({ lastName: '', status: 'Kanske' }) }]);
    expect(d).toEqual({ action: 'flag', rows: [{ row: 7, reasons: [{ sv: 'Namn saknas.', en: 'Name is missing.' }, { sv: 'Okänd status "Kanske".', en: 'Unknown status "Kanske".' }] }] });
  });

  test('a pasted text longer than its limit flags the row naming the field and the limit; Anteckning counts only the own text', () => {
    const serverLine = `[Bekräftelse] kvot 2026-12-03 10:00: ${'x'.repeat(200)}`;
    expect(reasons(judge([{ row: 5, guest: g({ firstName: 'F'.repeat(81), organisation: 'O'.repeat(161), note: 'n'.repeat(501) }) }]))).toEqual([
      [5, ['Förnamn är för lång (högst 80 tecken).', 'Organisation är för lång (högst 160 tecken).',
        'Anteckning är för lång: 501 tecken egen text, högst 500 (Summit Planners rader [Utskick], [Bekräftelse] och [Påminnelse] räknas inte).']],
    ]);
    // At the limits, and with the server's own line beside 500 characters of the people's: accepted.
    expect(judge([{ row: 5, guest: g({ firstName: 'F'.repeat(80), note: `${serverLine}\n${'n'.repeat(500)}` }) }])).toEqual({ action: 'accept' });
  });

  test('an address twice on the list (counted by normalised address) flags the row without an ID', () => {
    const all = new Map([['a@example.se', 2]]);
    expect(judge([{ row: 4, guest: g({ email: ' A@example.se' }) }], [], all)).toEqual({ action: 'flag', rows: [{ row: 4, reasons: [{
      sv: 'E-postadressen  A@example.se finns redan i listan. Varje gäst ska ha en egen adress.',
      en: 'The e-mail address  A@example.se is already on the list. Each guest needs their own address.',
    }] }] });
    expect(judge([{ row: 4, guest: g({}) }], [], new Map())).toEqual({ action: 'accept' }); // not counted: not a duplicate
  });

  test('a pasted status is judged as a change from the status before it, for the roles of the person', () => {
    const row = { row: 5, guest: g({ status: 'Godkänd' }), statusBefore: 'Föreslagen' };
    expect(judge([row], ['styrgrupp'])).toEqual({ action: 'accept' });
    expect(reasons(judge([row], ['projektledare']))).toEqual([[5, ['Bara styrgruppen får ändra status från Föreslagen till Godkänd.']]]);
    // With the status before known, an unknown status is the transition's refusal (with the allowed list), said once.
    expect(reasons(judge([{ row: 5, guest: g({ status: 'Kanske' }), statusBefore: 'Godkänd' }], ['styrgrupp']))).toEqual([[5, [
      'Okänd status "Kanske". Tillåtna: Föreslagen, Godkänd, Skickar, Inbjuden, Tackat ja, Tackat nej, Återbud, Osäker, Misslyckad.',
    ]]]);
  });

  test('only the rows with problems are flagged', () => {
    expect(reasons(judge([{ row: 2, guest: g({}) }, { row: 3, guest: g({ language: 'de' }) }, { row: 4, guest: g({}) }])))
      .toEqual([[3, ['Okänt språk "de": ange sv eller en.']]]);
  });
});

describe('nextGuestIds', () => {
  test('after the highest ID in use, four digits, trimmed; other IDs ignored', () => {
    expect(nextGuestIds([' G-0009 ', 'G-0002', 'g-0050', 'G-12x', 'X-0100', 'XG-0100', 'G-0100x', 'G-'], 3)).toEqual(['G-0010', 'G-0011', 'G-0012']);
  });
  test('after the highest ever issued when that is higher (an ID is never reused)', () => {
    expect(nextGuestIds(['G-0003'], 1, 7)).toEqual(['G-0008']);
    expect(nextGuestIds(['G-0009'], 1, 7)).toEqual(['G-0010']);
  });
  test('from G-0001 on an empty list; five digits past 9999; none asked, none given', () => {
    expect(nextGuestIds([], 2)).toEqual(['G-0001', 'G-0002']);
    expect(nextGuestIds(['G-9999'], 2)).toEqual(['G-10000', 'G-10001']);
    expect(nextGuestIds(['G-0001'], 0)).toEqual([]);
  });
});
