/**
 * Gäster as the journal has it (src/app/invite-rows.ts): Summit Planner's own lines in Anteckning (one per tag, first,
 * replacing its earlier one, never a line people typed, on one line and cut to its length), the reason they carry, a
 * guest's name as lists show it, and each guest as read from a row (as sealed while a change waits for review, as the
 * sheet shows a row the add-on never wrote, as the journal has a deleted one). Found by StrykerJS mutants that
 * survived (npm run test:mutation).
 */
import { findGuestRow, guestName, guestRows, sendNoteOf, taggedNoteOf, withSendNote, withTaggedNote, type GuestRow } from '../../../src/app/invite-rows';
import { checkTable, Journal } from '../../../src/app/journal';
import type { MemoryPorts } from '../../support/memory';
import { answer, setupItems } from '../../support/rsvp-items';

describe('Summit Planner\'s lines in Anteckning', () => {
  test('the line goes first, above what people typed, on its own line', () => {
    expect(withSendNote('VIP, ring före', 'Ogiltig e-postadress')).toBe('[Utskick] Ogiltig e-postadress\nVIP, ring före');
    expect(withSendNote('', 'Ogiltig e-postadress')).toBe('[Utskick] Ogiltig e-postadress');
    expect(withTaggedNote('VIP', '[Påminnelse]', 'omgång 2: kvot')).toBe('[Påminnelse] omgång 2: kvot\nVIP');
  });

  test('it replaces its earlier line wherever that stands, and leaves every other line (another tag\'s too) in order', () => {
    const note = 'VIP\n[Bekräftelse] kvot 2009-11-10T10:00:00.000Z: x\n[Utskick] Gammalt fel\nRad fyra';
    expect(withSendNote(note, 'Nytt fel')).toBe('[Utskick] Nytt fel\nVIP\n[Bekräftelse] kvot 2009-11-10T10:00:00.000Z: x\nRad fyra');
    expect(withSendNote(note, null)).toBe('VIP\n[Bekräftelse] kvot 2009-11-10T10:00:00.000Z: x\nRad fyra');
  });

  test('removing a line that is not there changes nothing but the blank edges; nothing left is an empty note', () => {
    expect(withSendNote('Rad ett\nRad två\nRad tre', null)).toBe('Rad ett\nRad två\nRad tre');
    expect(withSendNote('\nRad ett\n', null)).toBe('Rad ett');
    expect(withSendNote('[Utskick] Gammalt fel', null)).toBe('');
  });

  test('a line people typed with the tag but longer than Summit Planner writes one is theirs: never replaced or removed', () => {
    const typed = `[Utskick] ${'å'.repeat(301)}`;
    expect(withSendNote(typed, null)).toBe(typed);
    expect(withSendNote(typed, 'Nytt fel')).toBe(`[Utskick] Nytt fel\n${typed}`);
  });

  test('the reason on one line (each run of line breaks a space) and cut after 300 characters', () => {
    expect(withSendNote('VIP', 'Gmail svarade:\r\nInvalid email\n\nförsök igen')).toBe('[Utskick] Gmail svarade: Invalid email försök igen\nVIP');
    expect(withSendNote('', `${'x'.repeat(299)}yz`)).toBe(`[Utskick] ${'x'.repeat(299)}y`);
  });

  test('the reason a line carries, without its tag; \'\' without the line', () => {
    const note = 'VIP\n[Utskick]  Ogiltig e-postadress \n[Påminnelse] omgång 1: kvot';
    expect(sendNoteOf(note)).toBe('Ogiltig e-postadress');
    expect(taggedNoteOf(note, '[Påminnelse]')).toBe('omgång 1: kvot');
    expect(taggedNoteOf(note, '[Bekräftelse]')).toBe('');
    expect(sendNoteOf('[Påminnelse] omgång 1: kvot')).toBe('');
  });
});

test('a guest\'s name: first and last name, without a space to spare when one is missing', () => {
  expect(guestName({ firstName: 'Åsa', lastName: 'Öberg' })).toBe('Åsa Öberg');
  expect(guestName({ firstName: 'Åsa', lastName: '' })).toBe('Åsa');
  expect(guestName({ firstName: '', lastName: 'Öberg' })).toBe('Öberg');
});

describe('each guest as read from Gäster', () => {
  const read = (p: MemoryPorts) => guestRows(checkTable(new Journal(p), 'guests'));
  const grid = (p: MemoryPorts) => p.workbook.get('guests').grid;
  const brief = (r: GuestRow) => ({
    index: r.index, sheetRow: r.sheetRow, id: r.guest.id, firstName: r.guest.firstName, email: r.guest.email, status: r.guest.status,
    itemAnswers: r.guest.itemAnswers, unverified: r.unverified?.sv ?? null, kind: r.check?.kind ?? null,
  });

  test('verified rows as they are: each field read trimmed, the language in lower case, the parts split', () => {
    const p = setupItems('5');
    const [astrid] = read(p);
    expect(astrid.guest).toEqual({
      id: 'G-0001', firstName: 'Astrid', lastName: 'E', title: '', organisation: '', country: '', email: 'astrid@example.se', language: 'sv',
      events: ['P-001', 'P-002'], diet: '', status: 'Inbjuden', note: '', itemAnswers: '',
    });
    expect([astrid.index, astrid.sheetRow, astrid.unverified, astrid.check?.kind]).toEqual([0, 2, null, 'ok']);
    expect(findGuestRow(read(p), 'G-0003')?.guest.firstName).toBe('Cecilia');
    expect(findGuestRow(read(p), 'G-0009')).toBeUndefined();
  });

  test('a row changed outside Summit Planner counts as sealed (its personal fields too) and waits for review', () => {
    const p = setupItems('5');
    grid(p)[2][1] = 'Berit';
    grid(p)[2][10] = 'Tackat ja';
    expect(brief(read(p)[1])).toEqual({
      index: 1, sheetRow: 3, id: 'G-0002', firstName: 'Bertil', email: 'bertil@example.se', status: 'Inbjuden', itemAnswers: '',
      unverified: 'Gäster rad 3 (G-0002): ändrad utanför Summit Planner (Förnamn Bertil → Berit; Status Inbjuden → Tackat ja).', kind: 'changed',
    });
  });

  test('a row added by hand, or a copy of another row with its ID, counts as the sheet shows it, and waits for review', () => {
    const p = setupItems('5');
    grid(p).push(['G-0004', 'Doris', 'D', '', '', '', 'doris@example.se', 'SV', 'P-001', '', 'Godkänd', '', '', '', '', '', '', '']);
    grid(p).push([...grid(p)[1]]);
    grid(p)[5][1] = 'Annika';
    const rows = read(p);
    expect(brief(rows[3])).toEqual({
      index: 3, sheetRow: 5, id: 'G-0004', firstName: 'Doris', email: 'doris@example.se', status: 'Godkänd', itemAnswers: '',
      unverified: 'Gäster rad 5 (G-0004): raden är inte skriven av Summit Planner (tillagd eller inklistrad för hand).', kind: 'new',
    });
    expect(rows[3].guest.language).toBe('sv');
    expect(brief(rows[4])).toEqual({
      index: 4, sheetRow: 6, id: 'G-0001', firstName: 'Annika', email: 'astrid@example.se', status: 'Inbjuden', itemAnswers: '',
      unverified: 'Gäster rad 6 (G-0001): en kopia av en annan rad med samma ID.', kind: 'duplicate',
    });
    expect(findGuestRow(rows, 'G-0001')?.guest.firstName).toBe('Astrid');
  });

  test('an older copy pasted over a row counts as the journal last had it (its answers; no personal fields: the journal keeps none)', () => {
    const p = setupItems('5');
    const older = [...grid(p)[2]];
    answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'nej' });
    grid(p)[2] = older;
    expect(brief(read(p)[1])).toEqual({
      index: 1, sheetRow: 3, id: 'G-0002', firstName: '', email: '', status: 'Tackat ja', itemAnswers: 'P-001: ja; P-002: nej',
      unverified: 'Gäster rad 3 (G-0002): en äldre version av raden (inklistrad eller från en återställd version).', kind: 'stale',
    });
  });

  test('a row deleted from the sheet: last, as the journal last had it, without personal fields, waiting for review', () => {
    const p = setupItems('5');
    answer(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'nej' });
    grid(p).splice(2, 1);
    const rows = read(p);
    expect(rows.map((r) => r.guest.id)).toEqual(['G-0001', 'G-0003', 'G-0002']);
    expect(brief(rows[2])).toEqual({
      index: null, sheetRow: 0, id: 'G-0002', firstName: '', email: '', status: 'Tackat ja', itemAnswers: 'P-001: ja; P-002: nej',
      unverified: 'Gäster: raden G-0002 har tagits bort utanför Summit Planner.', kind: null,
    });
  });
});
