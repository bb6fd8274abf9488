import { csvCell, dietCsvRows, dietList, summariseAnswers, toCsv, type DietGuest } from '../../../src/core/answers';
import { approveCapMsg } from '../../../src/core/guests';
import { previewImport } from '../../../src/core/invite-csv';

const parts = ['konferensen', 'representationsmiddagen', 'studiebesök'];

describe('summariseAnswers', () => {
  const g = (status: string, ...events: string[]) => ({ status, events });
  const guests = [
    g('Föreslagen', 'konferensen'), g('Godkänd', 'konferensen'), g('Misslyckad', 'konferensen'),
    g('Inbjuden', 'konferensen', 'Representationsmiddagen'), g('Osäker', 'konferensen'), g('Skickar'),
    g('Tackat ja', 'konferensen', 'representationsmiddagen'), g('Tackat ja', 'studiebesök'),
    g('Tackat nej', 'konferensen'), g('Återbud', 'representationsmiddagen', 'okänd del'),
  ];
  const s = summariseAnswers(guests, parts);

  test('invited = mailed or maybe mailed; no = declined or cancelled; not answered = the rest of the invited', () => {
    expect(s).toMatchObject({ total: 10, invited: 7, yes: 2, no: 2, notAnswered: 3, notInvited: 3 });
    expect(s.invited).toBe(s.yes + s.no + s.notAnswered);
    expect(s.total).toBe(s.invited + s.notInvited);
  });

  test('every status in the flow order, zeros included', () => {
    expect(s.byStatus.map((x) => [x.status, x.count])).toEqual([
      ['Föreslagen', 1], ['Godkänd', 1], ['Skickar', 1], ['Inbjuden', 1], ['Tackat ja', 2], ['Tackat nej', 1], ['Återbud', 1], ['Osäker', 1], ['Misslyckad', 1],
    ]);
  });

  test('per programme part, matched case-insensitively; unknown parts ignored; no part counted apart', () => {
    expect(s.byPart).toEqual([
      { part: 'konferensen', invited: 4, yes: 1, no: 1, notAnswered: 2 },
      { part: 'representationsmiddagen', invited: 3, yes: 1, no: 1, notAnswered: 1 },
      { part: 'studiebesök', invited: 1, yes: 1, no: 0, notAnswered: 0 },
    ]);
    expect(s.noPart).toEqual({ invited: 1, yes: 0, no: 0, notAnswered: 1 });
  });

  test('an empty list', () => {
    expect(summariseAnswers([], parts)).toMatchObject({ total: 0, invited: 0, byPart: parts.map((part) => ({ part, invited: 0, yes: 0, no: 0, notAnswered: 0 })) });
  });
});

describe('dietList', () => {
  const d = (name: string, status: string, diet: string, consent: boolean, ...events: string[]): DietGuest => ({ name, status, diet, consent, events });
  const guests = [
    d('Örjan Ek', 'Tackat ja', 'Vegetarisk', true, 'konferensen', 'representationsmiddagen'),
    d('Anna Berg', 'Tackat ja', '  vegetarisk ', true, 'representationsmiddagen', 'konferensen'),
    d('Carl Dahl', 'Tackat ja', 'Nötallergi\n(svår)', true, 'representationsmiddagen'),
    d('Beata Ås', 'Tackat ja', 'Laktosfri', false, 'konferensen'), // no consent
    d('David Fors', 'Tackat nej', 'Glutenfri', true, 'konferensen'), // not coming
    d('Eva Gran', 'Inbjuden', 'Glutenfri', true, 'konferensen'), // not answered
    d('Fia Holm', 'Tackat ja', '   ', true, 'konferensen'), // no need
    d('Gun Is', 'Tackat ja', 'Halal', true),
  ];

  test('only guests who said yes, consented and wrote a need; without consent counted, never shown', () => {
    const l = dietList(guests, parts, true);
    expect(l.entries.map((e) => e.name)).toEqual(['Anna Berg', 'Carl Dahl', 'Gun Is', 'Örjan Ek']);
    expect(l.guests).toBe(4);
    expect(l.unconsented).toBe(1);
    expect(JSON.stringify(l)).not.toMatch(/Laktosfri|Glutenfri|Beata|David|Eva|Fia/);
  });

  test('with names: one line per guest, parts in Evenemang order, need on one line', () => {
    expect(dietList(guests, parts, true).entries).toEqual([
      { name: 'Anna Berg', diet: 'vegetarisk', parts: ['konferensen', 'representationsmiddagen'], count: 1 },
      { name: 'Carl Dahl', diet: 'Nötallergi (svår)', parts: ['representationsmiddagen'], count: 1 },
      { name: 'Gun Is', diet: 'Halal', parts: [], count: 1 },
      { name: 'Örjan Ek', diet: 'Vegetarisk', parts: ['konferensen', 'representationsmiddagen'], count: 1 },
    ]);
  });

  test('without names: no name anywhere, identical needs for the same parts merged, sorted by the need', () => {
    const l = dietList(guests, parts, false);
    expect(l.entries).toEqual([
      { diet: 'Halal', parts: [], count: 1 },
      { diet: 'Nötallergi (svår)', parts: ['representationsmiddagen'], count: 1 },
      { diet: 'Vegetarisk', parts: ['konferensen', 'representationsmiddagen'], count: 2 },
    ]);
    expect(JSON.stringify(l)).not.toMatch(/Anna|Örjan|Carl|Gun|name/);
    expect(l.guests).toBe(4);
  });

  test('without names the order and spelling do not depend on the rows\' order', () => {
    const a = dietList(guests, parts, false);
    const b = dietList([...guests].reverse(), parts, false);
    expect(b).toEqual(a);
  });
});

describe('CSV for the caterer', () => {
  test.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+46 8 123', "'+46 8 123"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['Vegetarisk; ej fisk', '"Vegetarisk; ej fisk"'],
    ['rad 1\nrad 2', '"rad 1\nrad 2"'],
    ['Nötter', 'Nötter'],
    ['a=b', 'a=b'],
  ])('%j → %j', (v, out) => expect(csvCell(v)).toBe(out));

  test('UTF-8 with BOM, semicolons, CRLF, Swedish column names', () => {
    const l = dietList([{ name: 'Åsa Öberg', status: 'Tackat ja', diet: '=1+1', consent: true, events: ['konferensen'] }], parts, false);
    expect(toCsv(dietCsvRows(l, false))).toBe('\ufeffKost/allergier;Antal gäster;Programpunkter\r\n\'=1+1;1;konferensen\r\n');
    const named = dietList([{ name: 'Åsa Öberg', status: 'Tackat ja', diet: 'Vegan', consent: true, events: ['konferensen', 'studiebesök'] }], parts, true);
    expect(dietCsvRows(named, true)).toEqual([['Namn', 'Kost/allergier', 'Programpunkter'], ['Åsa Öberg', 'Vegan', 'konferensen, studiebesök']]);
  });
});

describe('approveCapMsg', () => {
  test('says what was ticked and what is free, in both languages, plural right', () => {
    expect(approveCapMsg(28, 26, 30)).toEqual({
      sv: 'Du markerade 28; 26 platser är lediga (taket är 30). Avmarkera 2, eller låt en administratör höja taket i Inställningar och roller. Inget godkändes.',
      en: 'You selected 28; 26 places are free (the cap is 30). Clear 2, or have an administrator raise the cap in Settings and roles. Nothing was approved.',
    });
    expect(approveCapMsg(2, 1, 30).sv).toMatch(/^Du markerade 2; 1 plats är ledig \(/);
    expect(approveCapMsg(2, 1, 30).en).toMatch(/^You selected 2; 1 place is free \(/);
    expect(approveCapMsg(1, 0, 30).sv).toMatch(/^Du markerade 1; inga platser är lediga \(/);
    expect(approveCapMsg(1, 0, 30).en).toMatch(/^You selected 1; no places are free \(/);
  });
});

describe('import preview: the cap counts the proposals already there, rows with no programme part are warned about', () => {
  const ctx = { existing: new Map<string, string>(), events: parts, guestCount: 10, slotsUsed: 0, cap: 30, proposals: 30 };
  const text = ['Förnamn;Efternamn;E-post;Evenemang', 'A;A;a@example.se;konferensen', 'B;B;b@example.se;', 'C;C;c@example.se;konferensen', 'D;D;fel;', 'E;E;e@example.se;studiebesök'].join('\n');

  test('proposals after the import and the places free', () => {
    const p = previewImport(text, ctx);
    expect(p).toMatchObject({ valid: 4, invalid: 1, proposalsAfter: 34, free: 30 });
    expect(previewImport(text, { ...ctx, slotsUsed: 4, proposals: 0 })).toMatchObject({ proposalsAfter: 4, free: 26 });
  });

  test('a valid row without a programme part is imported with a warning; a row with errors gets no warning', () => {
    const p = previewImport(text, ctx);
    expect(p.rows.map((r) => r.warnings.length)).toEqual([0, 1, 0, 0, 0]);
    expect(p.rows[1].warnings[0].sv).toMatch(/^Ingen programpunkt/);
    expect(p.noPart).toBe(1);
  });
});
