/**
 * The guest use cases of src/app/guests.ts, answer by answer: the input each schema refuses (named in
 * the refusal), the exact refusal of each rule, what each change writes (cells, link version, note) and
 * what Logg says, so a changed rule or message turns a test red (npm run test:mutation).
 */
import {
  addGuest, approveGuests, capFigures, editGuest, GUEST_LOCK_MS, guardGuestEdit, guestAudit, importGuests, listGuests, parseInput, previewGuestImport,
  purgePersonalData, resolveGuestSend, guestSchemas, retentionOf, unapproveGuests,
} from '../../../src/app/guests';
import type { FullContext } from '../../../src/app/context';
import type { GuestRow } from '../../../src/app/invite-rows';
import type { Guest } from '../../../src/core/guests';
import { EDIT_LOCK_MS, editLockBusyMsg } from '../../../src/app/integrity';
import { listReview, resolveReview } from '../../../src/app/review';
import { UserError } from '../../../src/core/msg';
import { NOTE_CELL_MAX } from '../../../src/core/note-lines';
import { journalled } from '../../support/journal';
import { DECISIONS } from './budget-fixture';
import type { Cell } from '../../../src/app/ports';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

const SG = 'sg@stockholm.se';
const PL = 'pl@stockholm.se';

/** Gäster with `n` guests (G-0001 …) in `status`, sealed by the baseline. */
function setup(n: number, o: { cap?: number; status?: string | string[]; user?: string; endDate?: string; note?: string; diet?: string; link?: Cell[]; admin?: string; consent?: Cell[]; language?: string } = {}): MemoryPorts {
  const p = memoryPorts(o.user ?? PL);
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, ''], ['Max antal inbjudna', o.cap ?? 30, ''], ['Administratörer', o.admin ?? PL, '']]);
  p.workbook.add('event', [['Slutdatum', o.endDate ?? '2009-12-09', ''], ['Lagringstid (månader)', 3, '']]);
  const status = (i: number) => (Array.isArray(o.status) ? o.status[i] : o.status ?? 'Föreslagen');
  p.workbook.add('guests', Array.from({ length: n }, (_, i) => [
    `G-${String(i + 1).padStart(4, '0')}`, `F${i + 1}`, `E${i + 1}`, '', '', '', `g${i + 1}@example.se`, o.language ?? 'sv', 'konferensen', i === 0 ? o.diet ?? '' : '',
    status(i), '', '', o.note ?? '', o.link?.[i] ?? '', o.consent?.[i] ?? '',
  ]));
  p.workbook.add('decisions', DECISIONS);
  p.workbook.add('log');
  return journalled(p);
}
const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
const recs = (p: MemoryPorts) => p.workbook.get('guests').records();
const logs = (p: MemoryPorts) => p.workbook.get('log').records().filter((r) => !['arbetsbok.baslinje', 'beslut.överfört'].includes(String(r['Åtgärd'])));
const refusal = (f: () => unknown): { sv: string; en: string } => {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e.userMessage;
    throw e;
  }
  throw new Error('not refused');
};
const VALID = { firstName: 'Åsa', lastName: 'Öberg', email: 'asa@example.se', language: 'sv', events: ['Konferensen'] };
const NO_ROLE_PL = 'Du saknar behörighet: bara projektledaren får göra detta. En administratör ger roller i Summit Planner → Inställningar.';

describe('input: each schema names the field it refuses', () => {
  test.each([
    [{ ...VALID, firstName: 'x'.repeat(81) }, 'firstName'], [{ ...VALID, lastName: 'x'.repeat(81) }, 'lastName'],
    [{ ...VALID, email: 'x'.repeat(255) }, 'email'], [{ ...VALID, language: 'fi' }, 'language'], [{ ...VALID, title: 'x'.repeat(121) }, 'title'],
    [{ ...VALID, organisation: 'x'.repeat(161) }, 'organisation'], [{ ...VALID, country: 'x'.repeat(81) }, 'country'],
    [{ ...VALID, diet: 'x'.repeat(301) }, 'diet'], [{ ...VALID, note: 'x'.repeat(NOTE_CELL_MAX + 1) }, 'note'], // 501 to 1440: checkGuestDraft's figures (note-lines.test.ts)
    [{ ...VALID, events: Array(21).fill('konferensen') }, 'events'], [{ ...VALID, events: ['x'.repeat(101)] }, 'events.0'],
    [{ ...VALID, extra: 1 }, '(indata)'], [{ lastName: 'Ö', email: 'a@b.se', language: 'sv' }, 'firstName'],
  ])('add %#: %s', (input, where) => {
    expect(refusal(() => addGuest(setup(0), input))).toEqual({ sv: `Ogiltiga uppgifter: ${where}.`, en: `Invalid input: ${where}.` });
  });

  test('the longest accepted value of each field is a valid guest', () => {
    const p = setup(0);
    addGuest(p, {
      ...VALID, firstName: 'x'.repeat(80), lastName: 'y'.repeat(80), title: 't'.repeat(120), organisation: 'o'.repeat(160),
      country: 'c'.repeat(80), note: 'n'.repeat(500), events: Array(20).fill('konferensen'),
    });
    expect(recs(p)[0]).toMatchObject({ Förnamn: 'x'.repeat(80), Anteckning: 'n'.repeat(500), Evenemang: 'konferensen' });
  });

  test('not an object at all, and several fields at once', () => {
    expect(refusal(() => addGuest(setup(0), null))).toEqual({ sv: 'Ogiltiga uppgifter: (indata).', en: 'Invalid input: (indata).' });
    expect(refusal(() => addGuest(setup(0), { ...VALID, firstName: 1, email: 2 })).sv).toBe('Ogiltiga uppgifter: firstName, email.');
  });

  test('IDs: 1 to 20 letters, digits, - or _; 1 to 2000 of them', () => {
    const ids = guestSchemas().ids;
    expect(parseInput(ids, { ids: ['G-0001', 'a_b', 'x'.repeat(20)] })).toEqual({ ids: ['G-0001', 'a_b', 'x'.repeat(20)] });
    for (const bad of [[], [''], ['x'.repeat(21)], ['G 1'], ['G-1;'], Array(2001).fill('G-1')]) {
      expect(() => parseInput(ids, { ids: bad })).toThrow(UserError);
    }
    expect(parseInput(ids, { ids: Array(2000).fill('G-1') }).ids).toHaveLength(2000);
    expect(refusal(() => approveGuests(setup(1, { user: SG }), { ids: ['G 1'], decision: 'B-0007' })).sv).toBe('Ogiltiga uppgifter: ids.0.');
  });

  test('a sheet edit: rows 1 to 100 000, columns 1 to 200, cells up to 50 000 characters', () => {
    const s = guestSchemas().sheetEdit;
    const ok = { row: 1, column: 1, numRows: 100000, numColumns: 200, oldValue: 'x'.repeat(50000), value: '' };
    expect(parseInput(s, ok)).toEqual(ok);
    for (const bad of [{ row: 0 }, { row: 100001 }, { column: 0 }, { column: 201 }, { numRows: 0 }, { numColumns: 201 }, { row: 1.5 }, { value: 'x'.repeat(50001) }]) {
      const key = Object.keys(bad)[0];
      expect(refusal(() => parseInput(s, { ...ok, ...bad }))).toEqual({ sv: `Ogiltiga uppgifter: ${key}.`, en: `Invalid input: ${key}.` });
    }
  });

  test('resolve goes to Inbjuden or Godkänd only; import text and language', () => {
    expect(refusal(() => resolveGuestSend(setup(1), { id: 'G-0001', to: 'Tackat ja' })).sv).toBe('Ogiltiga uppgifter: to.');
    expect(refusal(() => importGuests(setup(0), { text: 'x', defaultLanguage: 'fi' })).sv).toBe('Ogiltiga uppgifter: defaultLanguage.');
    expect(refusal(() => importGuests(setup(0), { text: 'x'.repeat(1_000_001) })).sv).toBe('Ogiltiga uppgifter: text.');
  });
});

describe('dietary needs only with the guest\'s consent (health data, GDPR art. 9.2 a)', () => {
  const WHY = {
    sv: 'Kost/allergier sparas bara med gästens samtycke, som gästen ger själv på svarssidan. Lämna fältet tomt; gästen fyller i sina kostbehov när hen svarar.',
    en: 'Diet/allergies are stored only with the guest\'s consent, which the guest gives on the RSVP page. Leave the field empty; the guest fills in their dietary needs when answering.',
  };
  const fieldOf = (f: () => unknown): string | undefined => { try { f(); } catch (e) { return (e as UserError).field; } return 'no refusal'; };

  test('a new guest with dietary needs is refused at the diet field; nothing is written', () => {
    const p = setup(0);
    expect(refusal(() => addGuest(p, { ...VALID, diet: 'Vegan' }))).toEqual(WHY);
    expect(fieldOf(() => addGuest(p, { ...VALID, diet: 'Vegan' }))).toBe('diet');
    expect(recs(p)).toHaveLength(0);
  });

  test('import: the diet column is dropped with the reason on the row', () => {
    const pv = previewGuestImport(setup(0), { text: 'Förnamn,Efternamn,E-post,Kost/allergier,Evenemang\nÅsa,Öberg,asa@example.se,Vegan,konferensen\nBo,Ek,bo@example.se,,konferensen' });
    expect(pv.rows.map((r) => [r.draft.diet, r.warnings])).toEqual([
      ['', [{ sv: 'Kost/allergier importeras inte: de sparas bara med gästens samtycke, som gästen ger själv på svarssidan.', en: 'Diet/allergies are not imported: they are stored only with the guest\'s consent, which the guest gives on the RSVP page.' }]],
      ['', []],
    ]);
    expect(pv.noPart).toBe(0);
  });
});

describe('add', () => {
  test('the cells written: trimmed, canonical language and events, Föreslagen, link version 1; Logg names personal fields only', () => {
    const p = setup(1);
    expect(addGuest(p, {
      firstName: ' Åsa ', lastName: ' Öberg ', email: ' asa@example.se ', language: 'en', events: [' Studiebesök ', 'KONFERENSEN', 'studiebesök'],
      title: ' Dr ', organisation: ' KTH ', country: ' Sverige ', diet: '  ', note: ' Talare ',
    })).toEqual({ id: 'G-0002' });
    expect(recs(p)[1]).toMatchObject({
      ID: 'G-0002', Förnamn: 'Åsa', Efternamn: 'Öberg', Titel: 'Dr', Organisation: 'KTH', Land: 'Sverige', 'E-post': 'asa@example.se',
      Språk: 'en', Evenemang: 'studiebesök; konferensen', 'Kost/allergier': '', Status: 'Föreslagen', Anteckning: 'Talare', Länkversion: 1,
    });
    const [log] = logs(p);
    expect([log['Åtgärd'], log['Objekt']]).toEqual(['gäst.tillagd', 'G-0002']);
    const after = JSON.parse(String(log['Efter'])) as Record<string, unknown>;
    expect(after).toEqual({
      ID: 'G-0002', Språk: 'en', Evenemang: 'studiebesök; konferensen', Status: 'Föreslagen', Länkversion: '1',
      fält: ['Förnamn', 'Efternamn', 'Titel', 'Organisation', 'Land', 'E-post', 'Kost/allergier', 'Anteckning'],
    });
    expect(String(log['Efter'])).not.toContain('asa@example.se');
  });

  test('optional fields left out are empty cells', () => {
    const p = setup(0);
    addGuest(p, { ...VALID, events: undefined });
    expect(recs(p)[0]).toMatchObject({ Titel: '', Organisation: '', Land: '', Evenemang: '', 'Kost/allergier': '', Anteckning: '' });
  });

  test('every problem of the draft in one refusal, nothing written', () => {
    const p = setup(1);
    expect(refusal(() => addGuest(p, { ...VALID, firstName: ' ', email: 'G1@example.se', events: ['bal'] }))).toEqual({
      sv: 'Förnamn saknas. E-postadressen G1@example.se finns redan i listan (G-0001). Varje gäst ska ha en egen adress. '
        + 'Okänt evenemang: bal. Välj bland: konferensen, representationsmiddagen, studiebesök.',
      en: 'First name is missing. The e-mail address G1@example.se is already on the list (G-0001). Each guest needs their own address. '
        + 'Unknown event: bal. Choose from: konferensen, representationsmiddagen, studiebesök.',
    });
    expect(recs(p)).toHaveLength(1);
  });

  test('only the project leader adds', () => {
    expect(refusal(() => addGuest(setup(0, { user: SG }), VALID)).sv).toBe(NO_ROLE_PL);
  });

  test('a list of 2000 (proposals included) is full: the 2001st is refused, nothing written', () => {
    const p = setup(2000);
    expect(refusal(() => addGuest(p, VALID))).toEqual({ sv: 'Listan är full.', en: 'The list is full.' });
    expect(recs(p)).toHaveLength(2000);
    expect(logs(p)).toEqual([]);
  });
});

describe('edit', () => {
  test('only changed cells are written and logged; a new address moves the link version on', () => {
    const p = setup(2);
    editGuest(p, { id: 'G-0002', firstName: 'F2', email: ' ny@example.se ', language: 'en' });
    expect(recs(p)[1]).toMatchObject({ Förnamn: 'F2', 'E-post': 'ny@example.se', Språk: 'en', Länkversion: 2 });
    const [log] = logs(p);
    expect([log['Åtgärd'], log['Objekt']]).toEqual(['gäst.ändrad', 'G-0002']);
    expect(JSON.parse(String(log['Före']))).toEqual({ Språk: 'sv', fält: ['E-post'] });
    expect(JSON.parse(String(log['Efter']))).toEqual({ Språk: 'en', Länkversion: '2', fält: ['E-post'] });
  });

  test('a change of name keeps the link; no change writes nothing', () => {
    const p = setup(1);
    editGuest(p, { id: 'G-0001', lastName: 'Berg' });
    expect(recs(p)[0]).toMatchObject({ Efternamn: 'Berg', Länkversion: '' });
    const writes = p.workbook.counters.writes;
    editGuest(p, { id: 'G-0001', lastName: ' Berg ', firstName: 'F1' });
    expect(p.workbook.counters.writes).toBe(writes);
    expect(logs(p).map((l) => l['Åtgärd'])).toEqual(['gäst.ändrad']);
  });

  test('refusals: unknown guest, a guest being sent to, a bad draft (its own address is no duplicate)', () => {
    const p = setup(2, { status: ['Föreslagen', 'Skickar'] });
    expect(refusal(() => editGuest(p, { id: 'G-0099', firstName: 'X' }))).toEqual({ sv: 'Gästen G-0099 finns inte i listan.', en: 'Guest G-0099 is not on the list.' });
    expect(refusal(() => editGuest(p, { id: 'G-0002', firstName: 'X' }))).toEqual({
      sv: 'Inbjudan till gästen skickas just nu; försök igen om en stund.', en: 'The invitation to this guest is being sent; try again in a moment.',
    });
    expect(refusal(() => editGuest(p, { id: 'G-0001', email: 'G2@example.se' })).sv).toBe(
      'E-postadressen G2@example.se finns redan i listan (G-0002). Varje gäst ska ha en egen adress.');
    editGuest(p, { id: 'G-0001', email: 'G1@EXAMPLE.se' });
    expect(recs(p)[0]['E-post']).toBe('G1@EXAMPLE.se');
  });

  test('a language the sheet spells out (Svenska) is written as its code when the guest is edited', () => {
    const p = setup(1, { language: 'Svenska' });
    editGuest(p, { id: 'G-0001', firstName: 'Ny' });
    expect(recs(p)[0]).toMatchObject({ Förnamn: 'Ny', Språk: 'sv' });
    expect(JSON.parse(String(logs(p)[0]['Efter']))).toEqual({ Språk: 'sv', fält: ['Förnamn'] });
  });

  test('a guest whose row waits for review is not edited', () => {
    const p = setup(1);
    p.workbook.get('guests').grid[1][1] = 'Hand';
    expect(refusal(() => editGuest(p, { id: 'G-0001', lastName: 'X' })).sv).toBe(
      'Gästen G-0001 kan inte ändras nu: Gäster rad 2 (G-0001): ändrad utanför Summit Planner (Förnamn F1 → Hand). '
      + 'En person med rätt roll godkänner eller ångrar ändringen i Summit Planner → Granska ändringar.');
  });
});

describe('status changes', () => {
  test('approve: IDs once each, those already approved unchanged; Logg has the status before', () => {
    const p = setup(3, { user: SG, status: ['Föreslagen', 'Godkänd', 'Föreslagen'] });
    expect(approveGuests(p, { ids: ['G-0001', 'G-0002', 'G-0001'], decision: 'B-0007' })).toEqual({ changed: ['G-0001'], unchanged: ['G-0002'] });
    expect(recs(p).map((r) => r['Status'])).toEqual(['Godkänd', 'Godkänd', 'Föreslagen']);
    expect(logs(p).map((l) => [l['Åtgärd'], l['Objekt'], l['Före'], l['Efter']])).toEqual([
      ['gäst.godkänd', 'G-0001', '{"Status":"Föreslagen"}', '{"Status":"Godkänd","beslut":"B-0007"}'],
    ]);
  });

  test('the cap counts free places against the proposals ticked: exactly full is allowed, one more refused', () => {
    const p = setup(4, { user: SG, cap: 3, status: ['Godkänd', 'Föreslagen', 'Föreslagen', 'Föreslagen'] });
    expect(refusal(() => approveGuests(p, { ids: ['G-0002', 'G-0003', 'G-0004', 'G-0001'], decision: 'B-0007' })).sv).toBe(
      'Du markerade 3; 2 platser är lediga (taket är 3). Avmarkera 1, eller låt en administratör höja taket i Inställningar och roller. Inget godkändes.');
    expect(approveGuests(p, { ids: ['G-0002', 'G-0003', 'G-0001'], decision: 'B-0007' })).toEqual({ changed: ['G-0002', 'G-0003'], unchanged: ['G-0001'] });
    expect(capFigures(p)).toEqual({ cap: 3, slotsUsed: 3 });
    expect(refusal(() => approveGuests(p, { ids: ['G-0004'], decision: 'B-0007' })).sv).toContain('Du markerade 1; inga platser är lediga (taket är 3). Avmarkera 1,');
  });

  test('over the cap already (it was lowered): no free places, never a negative count', () => {
    const p = setup(3, { user: SG, cap: 1, status: ['Godkänd', 'Godkänd', 'Föreslagen'] });
    expect(refusal(() => approveGuests(p, { ids: ['G-0003'], decision: 'B-0007' })).sv).toContain('Du markerade 1; inga platser är lediga (taket är 1). Avmarkera 1,');
  });

  test('each problem with its ID, all refused together, nothing written', () => {
    const p = setup(2, { user: SG, status: ['Inbjuden', 'Föreslagen'] });
    expect(refusal(() => approveGuests(p, { ids: ['G-0001', 'G-0009', 'G-0002'], decision: 'B-0007' })).sv).toBe(
      'G-0001: Status kan inte ändras från Inbjuden till Godkänd. Gästen G-0009 finns inte i listan.');
    expect(recs(p).map((r) => r['Status'])).toEqual(['Inbjuden', 'Föreslagen']);
    expect(logs(p)).toEqual([]);
  });

  test('a guest waiting for review is not approved', () => {
    const p = setup(1, { user: SG });
    p.workbook.get('guests').grid[1][2] = 'Hand';
    expect(refusal(() => approveGuests(p, { ids: ['G-0001'], decision: 'B-0007' })).sv).toMatch(/^Gästen G-0001 kan inte ändras nu: Gäster rad 2 \(G-0001\): ändrad utanför Summit Planner \(Efternamn E1 → Hand\)\. En person med rätt roll /);
  });

  test('unapprove: Godkänd and Misslyckad back to Föreslagen; the send note and link stay', () => {
    const p = setup(2, { user: SG, status: ['Godkänd', 'Misslyckad'], note: '[Utskick] Studsade\nVIP' });
    expect(unapproveGuests(p, { ids: ['G-0001', 'G-0002'] })).toEqual({ changed: ['G-0001', 'G-0002'], unchanged: [] });
    expect(recs(p).map((r) => [r['Status'], r['Anteckning'], r['Länkversion']])).toEqual([
      ['Föreslagen', '[Utskick] Studsade\nVIP', ''], ['Föreslagen', 'VIP', ''],
    ]);
    expect(logs(p).map((l) => l['Åtgärd'])).toEqual(['gäst.ej-godkänd', 'gäst.ej-godkänd']);
  });

  test('resolve Osäker → Inbjuden: the note says who confirmed it; the link is kept', () => {
    const p = setup(1, { status: 'Osäker', note: '[Utskick] Okänt utfall\nVIP' });
    expect(resolveGuestSend(p, { id: 'G-0001', to: 'Inbjuden' })).toEqual({ changed: ['G-0001'], unchanged: [] });
    expect(recs(p)[0]).toMatchObject({ Status: 'Inbjuden', Anteckning: `[Utskick] Bekräftad skickad av ${PL}\nVIP`, Länkversion: '' });
    expect(logs(p).map((l) => [l['Åtgärd'], l['Före']])).toEqual([['gäst.bekräftad-skickad', '{"Status":"Osäker"}']]);
  });

  test('resolve Osäker or Misslyckad → Godkänd: the send note goes and the old link stops working', () => {
    const p = setup(2, { status: ['Osäker', 'Misslyckad'], note: '[Utskick] Fel\nVIP', link: ['', 4] });
    resolveGuestSend(p, { id: 'G-0001', to: 'Godkänd' });
    resolveGuestSend(p, { id: 'G-0002', to: 'Godkänd' });
    expect(recs(p).map((r) => [r['Status'], r['Anteckning'], r['Länkversion']])).toEqual([['Godkänd', 'VIP', 2], ['Godkänd', 'VIP', 5]]);
    expect(logs(p).map((l) => l['Åtgärd'])).toEqual(['gäst.åter-i-kö', 'gäst.åter-i-kö']);
  });

  test('a failed send put back in the queue, or a withdrawn approval, needs no free place: the cap counts only proposals', () => {
    const p = setup(3, { cap: 2, status: ['Godkänd', 'Misslyckad', 'Föreslagen'] });
    expect(capFigures(p)).toEqual({ cap: 2, slotsUsed: 2 });
    expect(resolveGuestSend(p, { id: 'G-0002', to: 'Godkänd' })).toEqual({ changed: ['G-0002'], unchanged: [] });
    expect(recs(p).map((r) => r['Status'])).toEqual(['Godkänd', 'Godkänd', 'Föreslagen']);
    // The cap lowered below the places taken: withdrawing an approval is still allowed (it frees a place).
    const q = setup(2, { user: SG, cap: 1, status: ['Godkänd', 'Godkänd'] });
    expect(unapproveGuests(q, { ids: ['G-0001'] })).toEqual({ changed: ['G-0001'], unchanged: [] });
    expect(recs(q).map((r) => r['Status'])).toEqual(['Föreslagen', 'Godkänd']);
  });

  test('a link version that is not a whole number of at least 1 counts as 1', () => {
    for (const v of [0, -3, 1.5, 'x']) {
      const p = setup(1, { status: 'Osäker', link: [v] });
      resolveGuestSend(p, { id: 'G-0001', to: 'Godkänd' });
      expect([v, recs(p)[0]['Länkversion']]).toEqual([v, 2]);
    }
  });
});

describe('import', () => {
  test('the preview counts the proposals there would be after the import: the list\'s own (not the approved) plus the valid rows', () => {
    const pv = previewGuestImport(setup(3, { status: ['Föreslagen', 'Godkänd', 'Föreslagen'] }), { text: 'Förnamn,Efternamn,E-post\nA,B,ab@example.se\nC,,cd@example.se' });
    expect([pv.valid, pv.invalid, pv.proposalsAfter]).toEqual([1, 1, 3]);
  });

  test('a file without the needed columns is refused whole', () => {
    const p = setup(0);
    expect(refusal(() => importGuests(p, { text: 'Namn,Telefon\nA,1' })).sv).toBe(
      'Första raden ska vara rubriker. Kolumner saknas: Förnamn/First name, Efternamn/Last name, E-post/E-mail.');
    expect(recs(p)).toEqual([]);
  });

  test('no valid row: nothing written, the preview says why', () => {
    const p = setup(1);
    const writes = p.workbook.counters.writes;
    const r = importGuests(p, { text: 'Förnamn,Efternamn,E-post\nA,B,g1@example.se' });
    expect(r.imported).toEqual([]);
    expect(r.preview.rows[0].errors[0].sv).toContain('G-0001');
    expect(p.workbook.counters.writes).toBe(writes);
  });

  test('valid rows become proposals after the highest ID, in the default language given, logged one by one', () => {
    const p = setup(1);
    const r = importGuests(p, { text: 'Förnamn,Efternamn,E-post,Evenemang\n A ,B,a@example.se,Konferensen\nC,D,c@example.se,', defaultLanguage: 'en' });
    expect(r.imported).toEqual(['G-0002', 'G-0003']);
    expect(recs(p).slice(1).map((x) => [x['ID'], x['Förnamn'], x['Språk'], x['Evenemang'], x['Status'], x['Länkversion']])).toEqual([
      ['G-0002', 'A', 'en', 'konferensen', 'Föreslagen', 1], ['G-0003', 'C', 'en', '', 'Föreslagen', 1],
    ]);
    expect(logs(p).map((l) => [l['Åtgärd'], l['Objekt']])).toEqual([['gäst.importerad', 'G-0002'], ['gäst.importerad', 'G-0003']]);
  });
});

describe('the list', () => {
  test('proposals queue after the slots taken; a guest waiting for review is never over the cap; diet for the project leader only', () => {
    const p = setup(4, { cap: 2, status: ['Godkänd', 'Föreslagen', 'Föreslagen', 'Föreslagen'], diet: 'Vegan', user: SG });
    p.workbook.get('guests').grid[3][1] = 'Hand'; // G-0003 now waits for review
    const v = listGuests(p);
    expect([v.cap, v.slotsUsed]).toEqual([2, 1]);
    expect(v.guests.map((g) => [g.id, g.overCap, g.review !== null])).toEqual([
      ['G-0001', false, false], ['G-0002', false, false], ['G-0003', false, true], ['G-0004', true, false],
    ]);
    expect(v.guests[2].firstName).toBe('Hand'); // shown as the sheet has it
    expect(v.guests[0].diet).toBe('');
    expect(listGuests(as(p, PL)).guests[0].diet).toBe('Vegan');
  });
});

describe('retention and the purge', () => {
  test('refused until the day after Slutdatum + Lagringstid; refused without a Slutdatum', () => {
    const p = setup(1, { endDate: '2009-12-09' });
    p.clock.t = new Date(2010, 2, 9, 23, 59);
    expect(listGuests(p).retention).toEqual({ until: '2010-03-09', passed: false, personalLeft: 1 });
    expect(refusal(() => purgePersonalData(p, { confirm: true }))).toEqual({
      sv: 'Personuppgifterna behövs till och med 2010-03-09 (Slutdatum + Lagringstid) och gallras först därefter. Inget har ändrats.',
      en: 'The personal data is needed until 2010-03-09 inclusive (Slutdatum + Lagringstid) and is purged only after that. Nothing was changed.',
    });
    p.clock.t = new Date(2010, 2, 10, 0, 1);
    expect(listGuests(p).retention.passed).toBe(true);
    const q = setup(1, { endDate: 'i vår' }); // not a date: the period has no end
    expect(refusal(() => purgePersonalData(q, { confirm: true })).sv).toBe(
      'Gallringen kan inte göras: Slutdatum saknas på Evenemang, så lagringstiden har inget slut. Inget har ändrats.');
  });

  test('confirm: true, nothing else', () => {
    for (const input of [{}, { confirm: 'true' }, { confirm: true, x: 1 }, null]) {
      expect(refusal(() => purgePersonalData(setup(1, { endDate: '2008-01-01' }), input))).toEqual({
        sv: 'Bekräfta gallringen först. Inget har ändrats.', en: 'Confirm the purge first. Nothing was changed.',
      });
    }
  });

  test('the purge empties address, diet, consent and note of every guest and moves every link on', () => {
    const p = setup(2, { endDate: '2008-01-01', note: 'VIP', diet: 'Vegan' });
    const r = purgePersonalData(p, { confirm: true });
    expect(r.purged).toBe(2);
    expect(r.message.sv).toBe('Personuppgifterna är gallrade för 2 gäster: e-post, kostuppgifter, samtycken och anteckningar är borttagna och alla svarslänkar slutar fungera. Namn, status och svar finns kvar.');
    expect(recs(p).map((x) => [x['Förnamn'], x['E-post'], x['Kost/allergier'], x['Anteckning'], x['Länkversion']])).toEqual([
      ['F1', '', '', '', 2], ['F2', '', '', '', 2],
    ]);
    expect(listGuests(p).retention.personalLeft).toBe(0);
    const last = logs(p).at(-1)!;
    expect([last['Åtgärd'], last['Objekt'], JSON.parse(String(last['Efter']))]).toEqual([
      'personuppgifter.gallrade', 'Gäster', { gäster: 2, fält: ['E-post', 'Kost/allergier', 'Samtycke kost', 'Anteckning'], svarslänkar: 'återkallade' },
    ]);
  });

  test('only the project leader or an administrator purges', () => {
    expect(refusal(() => purgePersonalData(setup(1, { user: SG, endDate: '2008-01-01' }), { confirm: true })).sv).toBe(NO_ROLE_PL);
  });
});

describe('what the retention reminder counts', () => {
  test('a guest still holds personal data with an address, dietary needs or a note; a row gone from the sheet is not counted', () => {
    const guest = (o: Partial<Guest>): Guest => ({
      id: 'G-0001', status: 'Inbjuden', firstName: 'A', lastName: 'B', title: '', organisation: '', country: '', email: '', language: 'sv',
      events: [], diet: '', note: '', ...o,
    });
    const row = (index: number | null, o: Partial<Guest>): GuestRow => ({ index, sheetRow: index === null ? 0 : index + 2, guest: guest(o), unverified: null, check: null });
    const settings = { endDate: '2009-12-09', retentionMonths: 3 } as FullContext['settings'];
    const r = retentionOf(settings, [
      row(0, { email: 'a@example.se' }), row(1, { diet: 'Vegan' }), row(2, { note: 'VIP' }), row(3, {}), row(null, { email: 'gone@example.se' }),
    ], new Date(2010, 2, 10));
    expect(r).toEqual({ until: '2010-03-09', passed: true, personalLeft: 3 });
  });
});

describe('guestAudit', () => {
  test('non-personal values as shown, personal ones by name only', () => {
    expect(guestAudit({ Status: 'Godkänd', 'E-post': 'a@b.se', Förnamn: 'A' })).toEqual({ Status: 'Godkänd', fält: ['E-post', 'Förnamn'] });
    expect(guestAudit({ Status: 'Godkänd' })).toEqual({ Status: 'Godkänd' });
  });
});

describe('a direct edit of Gäster', () => {
  const edit = (p: MemoryPorts, row: number, column: number, value: string, oldValue?: string) => {
    p.workbook.get('guests').grid[row - 1][column - 1] = value;
    return guardGuestEdit(p, { row, column, numRows: 1, numColumns: 1, value, oldValue });
  };

  test('a single bad cell is put back, and the message names the column, the row and the reason', () => {
    const p = setup(1);
    expect(edit(p, 2, 8, 'fi', 'sv')).toEqual({ action: 'revert', message: {
      sv: 'Språk på rad 2 är återställd: Okänt språk "fi": ange sv eller en.', en: 'Språk on row 2 was put back: Unknown language "fi": use sv or en.',
    } });
    expect(recs(p)[0]['Språk']).toBe('sv');
    expect(logs(p).map((l) => [l['Åtgärd'], l['Objekt'], l['Efter']])).toEqual([['gäst.ändring-återställd', 'G-0001', '{"Språk":"sv"}']]);
  });

  test('someone without a role: flagged, not reverted, and Logg says which rows', () => {
    const p = setup(2, { user: 'okand@stockholm.se' });
    expect(edit(p, 3, 2, 'X')).toEqual({ action: 'flag', rows: [{ row: 3, reasons: [{
      sv: 'Du saknar behörighet: bara projektledaren eller styrgruppen får göra detta. En administratör ger roller i Summit Planner → Inställningar.',
      en: 'You are not allowed to do this: only the project leader or the steering group may. An administrator gives roles in Summit Planner → Settings.',
    }] }] });
    expect(recs(p)[1]['Förnamn']).toBe('X');
    expect(logs(p).map((l) => [l['Åtgärd'], l['Objekt'], l['Efter']])).toEqual([['gäst.ändring-flaggad', 'rad 3', '{"rader":1}']]);
  });

  test('a row whose seal is not Summit Planner\'s (copied or made up) is flagged with that reason, never judged or put back', () => {
    const p = setup(2);
    const grid = p.workbook.get('guests').grid;
    const seal = grid[0].indexOf('Sigill');
    grid[2][seal] = grid[1][seal]; // G-0001's seal pasted onto G-0002's row
    expect(edit(p, 3, 2, 'X', 'F2')).toEqual({ action: 'flag', rows: [{ row: 3, reasons: [{
      sv: 'Gäster rad 3 (G-0001): en kopia av en annan rad med samma ID.', en: 'Gäster row 3 (G-0001): a copy of another row with the same ID.',
    }] }] });
    grid[2][seal] = 'S1|påhittat';
    expect(edit(p, 3, 2, 'Y', 'X').rows![0].reasons[0].sv).toBe('Gäster rad 3 (G-0002): radens sigill är ändrat, så raden kan inte kontrolleras.');
    expect(grid[2][1]).toBe('Y');
    expect(logs(p).map((l) => l['Åtgärd'])).toEqual(['gäst.ändring-flaggad', 'gäst.ändring-flaggad']);
  });

  test('confirmed in Granska ändringar, an approval typed on the sheet needs a decision in the note: blank is no citation', () => {
    const p = setup(2, { user: SG });
    p.workbook.get('guests').grid[1][10] = 'Godkänd';
    const id = listReview(p).items.find((i) => i.table === 'guests')!.id;
    expect(refusal(() => resolveReview(p, { id, action: 'confirm', note: '   ' })).sv).toBe(
      'Status: ett godkännande ska hänvisa till ett fattat beslut av styrgruppen om inbjudningslistan (Beslut, ämne Inbjudningslista). Godkänn i sidopanelen Gäster och välj beslutet där, eller bekräfta ändringen i Granska ändringar med beslutets ID (t.ex. B-0002) som anteckning.');
    expect(resolveReview(p, { id, action: 'confirm', note: ' b-0007 ' }).message.sv).toBe('Godkännandet på Gäster rad 2 är bekräftat och förseglat (beslut B-0007, SG lista).');
    expect(recs(p)[0]['Status']).toBe('Godkänd');
  });

  test('a paste over rows without a role: Logg names every flagged row', () => {
    const p = setup(3, { user: 'okand@stockholm.se' });
    const grid = p.workbook.get('guests').grid;
    grid[2][1] = 'X';
    grid[3][1] = 'Y';
    expect(guardGuestEdit(p, { row: 2, column: 2, numRows: 3, numColumns: 1 }).rows!.map((r) => r.row)).toEqual([3, 4]);
    expect(logs(p).map((l) => [l['Åtgärd'], l['Objekt'], l['Efter']])).toEqual([['gäst.ändring-flaggad', 'rad 3, rad 4', '{"rader":2}']]);
  });

  test('the steering group may change a status but not a guest\'s details', () => {
    const p = setup(1, { user: SG, status: ['Godkänd'] });
    expect(edit(p, 2, 7, 'ny@example.se')).toEqual({ action: 'revert', message: {
      sv: 'E-post på rad 2 är återställd: Bara projektledaren får ändra gästens uppgifter (E-post).',
      en: "E-post on row 2 was put back: Only the project leader may change a guest's details (E-post).",
    } });
    // Withdrawing an approval is the steering group's and cites nothing (approving does: see the next test).
    expect(edit(p, 2, 11, 'Föreslagen', 'Godkänd')).toEqual({ action: 'accept' });
    expect(logs(p).at(-1)!['Åtgärd']).toBe('gäst.direktändring');
  });

  test('an approval typed over the cap is put back with the cap\'s figures; one that fits is put back for the decision it does not cite', () => {
    const p = setup(3, { user: SG, cap: 2, status: ['Godkänd', 'Föreslagen', 'Föreslagen'] });
    // Typed in the cell, an approval that fits still cites no decision (the sidebar or Granska ändringar cite one).
    expect(edit(p, 3, 11, 'Godkänd', 'Föreslagen')).toEqual({ action: 'revert', message: {
      sv: 'Status på rad 3 är återställd: Status: ett godkännande ska hänvisa till ett fattat beslut av styrgruppen om inbjudningslistan (Beslut, ämne Inbjudningslista). Godkänn i sidopanelen Gäster och välj beslutet där, eller bekräfta ändringen i Granska ändringar med beslutets ID (t.ex. B-0002) som anteckning.',
      en: "Status on row 3 was put back: Status: an approval must cite a decision the steering group has taken on the invitation list (Beslut, subject Inbjudningslista). Approve in the Guests sidebar and choose the decision there, or confirm the change in Review changes with the decision's ID (e.g. B-0002) as the note.",
    } });
    const full = setup(3, { user: SG, cap: 2, status: ['Godkänd', 'Godkänd', 'Föreslagen'] });
    expect(edit(full, 4, 11, 'Godkänd', 'Föreslagen')).toEqual({ action: 'revert', message: {
      sv: 'Status på rad 4 är återställd: Taket är 2 inbjudna gäster och 2 platser är redan tagna; 1 till ryms inte. Styrgruppen kan höja taket på bladet Inställningar.',
      en: 'Status on row 4 was put back: The cap is 2 invited guests and 2 places are taken; 1 more do not fit. The steering group can raise the cap on the Inställningar sheet.',
    } });
  });

  test('the cap lowered below the places taken: a typed approval is put back naming the places really taken', () => {
    const p = setup(3, { user: SG, cap: 1, status: ['Godkänd', 'Godkänd', 'Föreslagen'] });
    expect(edit(p, 4, 11, 'Godkänd', 'Föreslagen')).toEqual({ action: 'revert', message: {
      sv: 'Status på rad 4 är återställd: Taket är 1 inbjudna gäster och 2 platser är redan tagna; 1 till ryms inte. Styrgruppen kan höja taket på bladet Inställningar.',
      en: 'Status on row 4 was put back: The cap is 1 invited guests and 2 places are taken; 1 more do not fit. The steering group can raise the cap on the Inställningar sheet.',
    } });
  });

  test('with the cap full, a guest who already holds a place may still be edited, and a failed send put back in the queue cites no decision', () => {
    const p = setup(3, { cap: 2, status: ['Godkänd', 'Inbjuden', 'Misslyckad'] }); // the cap lowered to 2 below the 3 places taken
    expect(edit(p, 2, 2, 'Fia', 'F1')).toEqual({ action: 'accept' });
    expect(edit(p, 4, 11, 'Godkänd', 'Misslyckad')).toEqual({ action: 'accept' });
    expect(recs(p).map((r) => [r['Förnamn'], r['Status']])).toEqual([['Fia', 'Godkänd'], ['F2', 'Inbjuden'], ['F3', 'Godkänd']]);
    expect(logs(p).map((l) => [l['Åtgärd'], l['Objekt'], l['Efter']])).toEqual([
      ['gäst.direktändring', 'G-0001', '{"fält":["Förnamn"]}'], ['gäst.direktändring', 'G-0003', '{"Status":"Godkänd"}'],
    ]);
  });

  test('a new address typed by the project leader is accepted and moves the link version on', () => {
    const p = setup(1);
    expect(edit(p, 2, 7, 'ny@example.se')).toEqual({ action: 'accept' });
    expect(recs(p)[0]).toMatchObject({ 'E-post': 'ny@example.se', Länkversion: 2 });
    const [log] = logs(p);
    expect([log['Åtgärd'], log['Objekt'], log['Före'], log['Efter']]).toEqual(['gäst.direktändring', 'G-0001', '{"fält":["E-post"]}', '{"Länkversion":"2","fält":["E-post"]}']);
  });

  test('a row typed in by hand: the project leader\'s complete proposal gets an ID; anything else is flagged with why', () => {
    const row = (id: string, status: string, email = 'ny@example.se') => [id, 'Ny', 'Gäst', '', '', '', email, 'sv', 'konferensen', '', status, '', '', '', ''];
    const add = (p: MemoryPorts, cells: unknown[]) => {
      const g = p.workbook.get('guests');
      g.grid.push(cells as never[]);
      return guardGuestEdit(p, { row: g.grid.length, column: 1, numRows: 1, numColumns: 15 });
    };
    const p = setup(2);
    expect(add(p, row('', ''))).toEqual({ action: 'accept' });
    expect(recs(p)[2]).toMatchObject({ ID: 'G-0003', Status: 'Föreslagen', Länkversion: 1 });
    expect(logs(p).at(-1)!['Åtgärd']).toBe('gäst.tillagd.direkt');
    const flagged = (r: ReturnType<typeof guardGuestEdit>) => (r.action === 'flag' ? r.rows!.map((x) => [x.row, x.reasons[0].sv]) : r);
    expect(flagged(add(p, row('G-0001', 'Föreslagen', 'b@example.se')))).toEqual([[5, 'ID G-0001 finns redan.']]);
    // An ID typed with the row that no other guest has is kept (it is no duplicate of itself).
    const q = setup(2);
    expect(add(q, row('G-0050', 'Föreslagen', 'c@example.se'))).toEqual({ action: 'accept' });
    expect(recs(q)[2]).toMatchObject({ ID: 'G-0050', Status: 'Föreslagen', Länkversion: 1 });
    expect(flagged(add(setup(1), row('', 'Godkänd')))).toEqual([[3, 'En ny gäst är Föreslagen, inte Godkänd: styrgruppen godkänner i sidopanelen.']]);
    expect(flagged(add(setup(1), row('', '', 'g1@example.se')))).toEqual([[3, 'E-postadressen g1@example.se finns redan i listan (G-0001). Varje gäst ska ha en egen adress.']]);
    expect(flagged(add(setup(1, { user: SG }), row('', '')))).toEqual([[3, NO_ROLE_PL]]);
  });
});

describe('rows waiting for review', () => {
  test('a proposal typed to Godkänd in the sheet takes a slot until reviewed (counted cautiously)', () => {
    const p = setup(3, { user: SG, cap: 2, status: ['Godkänd', 'Föreslagen', 'Föreslagen'] });
    p.workbook.get('guests').grid[2][10] = 'Godkänd'; // G-0002, by hand
    expect(capFigures(p)).toEqual({ cap: 2, slotsUsed: 2 });
    expect(refusal(() => approveGuests(p, { ids: ['G-0003'], decision: 'B-0007' })).sv).toContain('Du markerade 1; inga platser är lediga (taket är 2).');
    p.workbook.get('guests').grid[2][10] = 'Återbud'; // still a slot, as the sheet now has it
    expect(capFigures(p).slotsUsed).toBe(2);
    p.workbook.get('guests').grid[2][10] = 'Föreslagen'; // back as sealed: verified again
    expect(capFigures(p).slotsUsed).toBe(1);
  });

  test('a row deleted from the sheet counts as the journal has it: an approved guest still holds a slot, a proposal none', () => {
    const p = setup(3, { user: SG, cap: 3, status: ['Godkänd', 'Föreslagen', 'Föreslagen'] });
    p.workbook.get('guests').grid.splice(1, 2); // G-0001 and G-0002 gone
    expect(capFigures(p)).toEqual({ cap: 3, slotsUsed: 1 });
    expect(listGuests(p).guests.map((g) => [g.id, g.status, g.overCap, g.review !== null])).toEqual([
      ['G-0003', 'Föreslagen', false, false], ['G-0001', 'Godkänd', false, true], ['G-0002', 'Föreslagen', false, true],
    ]);
  });

  test('the purge waits until every row is reviewed, and says which', () => {
    const p = setup(2, { endDate: '2008-01-01' });
    p.workbook.get('guests').grid[2][1] = 'Hand';
    expect(refusal(() => purgePersonalData(p, { confirm: true })).sv).toBe(
      'Gallringen kan inte göras än: Gäster rad 3 (G-0002): ändrad utanför Summit Planner (Förnamn F2 → Hand). '
      + 'En person med rätt roll godkänner eller ångrar ändringen i Summit Planner → Granska ändringar.');
    expect(recs(p)[0]['E-post']).toBe('g1@example.se');
  });

  test('an administrator without the project leader\'s role may purge', () => {
    const p = setup(1, { endDate: '2008-01-01', user: 'admin@stockholm.se', admin: 'admin@stockholm.se' });
    expect(purgePersonalData(p, { confirm: true }).purged).toBe(1);
  });

  test('a confirmation that did not arrive may be sent again only to a guest who said yes, whose row is verified, after a failure that proves nothing left', () => {
    const note = (kind: string) => `[Bekräftelse] ${kind} 2009-11-01T10:00:00Z: skicka igen`;
    const p = setup(4, { status: ['Tackat ja', 'Tackat nej', 'Tackat ja', 'Tackat ja'], note: note('kvot') });
    p.workbook.get('guests').grid[3][1] = 'Hand'; // G-0003 waits for review
    expect(listGuests(p).guests.map((g) => [g.id, g.confirmation])).toEqual([
      ['G-0001', { kind: 'kvot', at: '2009-11-01T10:00:00Z', resend: true }], ['G-0002', { kind: 'kvot', at: '2009-11-01T10:00:00Z', resend: false }],
      ['G-0003', { kind: 'kvot', at: '2009-11-01T10:00:00Z', resend: false }], ['G-0004', { kind: 'kvot', at: '2009-11-01T10:00:00Z', resend: true }],
    ]);
    const q = setup(1, { status: ['Tackat ja'], note: note('osäker') });
    expect(listGuests(q).guests[0].confirmation).toEqual({ kind: 'osäker', at: '2009-11-01T10:00:00Z', resend: false });
  });

  test('what the list holds of each guest: details, status, review, over the cap', () => {
    const p = setup(1, { diet: 'Vegan', note: 'VIP' });
    expect(listGuests(p).guests).toEqual([{
      id: 'G-0001', firstName: 'F1', lastName: 'E1', email: 'g1@example.se', language: 'sv', events: ['konferensen'], status: 'Föreslagen',
      title: '', organisation: '', country: '', diet: 'Vegan', note: 'VIP', overCap: false, review: null, confirmation: null,
    }]);
    expect(listGuests(p).retention).toEqual({ until: '2010-03-09', passed: false, personalLeft: 1 });
  });
});

describe('a direct edit over several cells or rows', () => {
  test('only the rows inside the edited range are judged; a bad multi-cell edit is flagged, not put back', () => {
    const p = setup(4);
    const g = p.workbook.get('guests');
    g.grid[2][7] = 'fi'; // row 3
    g.grid[3][7] = 'de'; // row 4
    g.grid[4][7] = 'xx'; // row 5: outside the range
    g.grid[1][1] = 'Ny'; // row 2: outside the range, above it (a project leader's change that would stand)
    const r = guardGuestEdit(p, { row: 3, column: 8, numRows: 2, numColumns: 1 });
    expect(r).toEqual({ action: 'flag', rows: [
      { row: 3, reasons: [{ sv: 'Okänt språk "fi": ange sv eller en.', en: 'Unknown language "fi": use sv or en.' }] },
      { row: 4, reasons: [{ sv: 'Okänt språk "de": ange sv eller en.', en: 'Unknown language "de": use sv or en.' }] },
    ] });
    expect(recs(p).map((x) => x['Språk'])).toEqual(['sv', 'fi', 'de', 'xx']);
    expect(listGuests(p).guests[0].review).not.toBeNull(); // row 2 not judged: still waits
    expect(logs(p).map((l) => [l['Åtgärd'], l['Objekt']])).toEqual([['gäst.ändring-flaggad', 'rad 3, rad 4']]);
  });

  test('one cell edited while another cell of the row was already changed: flagged, not put back', () => {
    const p = setup(1);
    const g = p.workbook.get('guests');
    g.grid[1][1] = 'Ny';
    g.grid[1][7] = 'fi';
    expect(guardGuestEdit(p, { row: 2, column: 8, numRows: 1, numColumns: 1, value: 'fi', oldValue: 'sv' })).toEqual({ action: 'flag', rows: [
      { row: 2, reasons: [{ sv: 'Okänt språk "fi": ange sv eller en.', en: 'Unknown language "fi": use sv or en.' }] },
    ] });
    expect(recs(p)[0]['Språk']).toBe('fi');
  });

  test('a bad cell inside a wider paste is flagged, not put back; so is a row whose changed cell is not the one edited', () => {
    const p = setup(2);
    const g = p.workbook.get('guests');
    g.grid[1][7] = 'fi';
    expect(guardGuestEdit(p, { row: 2, column: 8, numRows: 1, numColumns: 2 })).toEqual({ action: 'flag', rows: [
      { row: 2, reasons: [{ sv: 'Okänt språk "fi": ange sv eller en.', en: 'Unknown language "fi": use sv or en.' }] },
    ] });
    g.grid[2][7] = 'de'; // row 3, earlier (its own edit never judged); now a cell typed over with the same value
    expect(guardGuestEdit(p, { row: 3, column: 2, numRows: 1, numColumns: 1, value: 'F2', oldValue: 'F2' }).action).toBe('flag');
    expect(recs(p).map((x) => [x['Förnamn'], x['Språk']])).toEqual([['F1', 'fi'], ['F2', 'de']]);
  });

  test('an edited cell is not put back when the row has another change beside it, even the first field', () => {
    const p = setup(1);
    const g = p.workbook.get('guests');
    g.grid[1][7] = 'en'; // Språk, changed earlier
    g.grid[1][1] = ' ';
    expect(guardGuestEdit(p, { row: 2, column: 2, numRows: 1, numColumns: 1, value: ' ', oldValue: 'F1' }).action).toBe('flag');
    expect(recs(p)[0]['Förnamn']).toBe(' ');
  });

  test('the steering group\'s paste over details and a status: refused naming the details only', () => {
    const p = setup(1, { user: SG });
    const g = p.workbook.get('guests');
    g.grid[1][1] = 'A';
    g.grid[1][2] = 'B';
    g.grid[1][10] = 'Tackat nej';
    expect(guardGuestEdit(p, { row: 2, column: 2, numRows: 1, numColumns: 10 }).rows).toEqual([{ row: 2, reasons: [{
      sv: 'Bara projektledaren får ändra gästens uppgifter (Förnamn, Efternamn).', en: 'Only the project leader may change a guest\'s details (Förnamn, Efternamn).',
    }] }]);
  });

  test('Logg\'s list of flagged rows is cut at 500 characters', () => {
    const p = setup(100, { user: 'okand@stockholm.se' });
    const g = p.workbook.get('guests');
    for (let i = 1; i <= 100; i++) g.grid[i][1] = 'X';
    expect(guardGuestEdit(p, { row: 2, column: 2, numRows: 100, numColumns: 1 }).rows).toHaveLength(100);
    const [log] = logs(p);
    expect([String(log['Objekt']).length, String(log['Objekt']).startsWith('rad 2, rad 3, '), log['Efter']]).toEqual([500, true, '{"rader":100}']);
  });

  test('a good change of two cells by the project leader is sealed and logged with both fields', () => {
    const p = setup(1);
    const g = p.workbook.get('guests');
    g.grid[1][7] = 'en';
    g.grid[1][8] = 'studiebesök';
    expect(guardGuestEdit(p, { row: 2, column: 8, numRows: 1, numColumns: 2 })).toEqual({ action: 'accept' });
    const [log] = logs(p);
    expect([log['Åtgärd'], log['Objekt'], JSON.parse(String(log['Före'])), JSON.parse(String(log['Efter']))]).toEqual([
      'gäst.direktändring', 'G-0001', { Språk: 'sv', Evenemang: 'konferensen' }, { Språk: 'en', Evenemang: 'studiebesök' },
    ]);
    expect(guardGuestEdit(p, { row: 2, column: 8, numRows: 1, numColumns: 2 })).toEqual({ action: 'accept' });
    expect(logs(p)).toHaveLength(1); // sealed: nothing left to judge
  });
});

describe('the lock', () => {
  /** Records how long each use case would wait for the lock. */
  const waits = (p: MemoryPorts): number[] => {
    const seen: number[] = [];
    const inner = p.lock.withLock.bind(p.lock);
    p.lock.withLock = (ms, fn) => { seen.push(ms); return inner(ms, fn); };
    return seen;
  };

  test('a sidebar change waits up to 10 s; a direct edit (onEdit, killed at 30 s) as long as the other edit guards', () => {
    const p = setup(2, { status: ['Föreslagen', 'Osäker'] });
    const seen = waits(p);
    addGuest(p, VALID);
    editGuest(p, { id: 'G-0001', lastName: 'X' });
    resolveGuestSend(p, { id: 'G-0002', to: 'Inbjuden' });
    importGuests(p, { text: 'Förnamn,Efternamn,E-post\nA,B,ab@example.se' });
    expect(seen).toEqual([GUEST_LOCK_MS, GUEST_LOCK_MS, GUEST_LOCK_MS, GUEST_LOCK_MS]);
    expect(GUEST_LOCK_MS).toBe(10_000);
    p.workbook.get('guests').grid[1][7] = 'en';
    guardGuestEdit(p, { row: 2, column: 8, numRows: 1, numColumns: 1, value: 'en', oldValue: 'sv' });
    expect(seen.at(-1)).toBe(EDIT_LOCK_MS);
  });

  test('a direct edit that finds the lock busy says it stands unchecked until reviewed', () => {
    const p = setup(1);
    p.workbook.get('guests').grid[1][7] = 'en';
    p.lock.held = true;
    expect(refusal(() => guardGuestEdit(p, { row: 2, column: 8, numRows: 1, numColumns: 1, value: 'en', oldValue: 'sv' }))).toEqual(editLockBusyMsg());
  });
});
