/**
 * Guest import, parse and preview, with exact results and messages (npm run test:mutation).
 */
import { MAX_GUESTS } from '../../../src/core/guests';
import { parseDelimited, previewImport, sniffDelimiter, type ImportContext } from '../../../src/core/invite-csv';

const ctx: ImportContext = { existing: new Map(), events: ['konferensen'], guestCount: 0, slotsUsed: 10, cap: 12 };
const cells = (text: string, d?: '\t' | ';' | ',') => parseDelimited(text, d).records.map((r) => [r.line, ...r.cells]);

describe('sniffDelimiter', () => {
  test('the most frequent of the first line; on a tie the earlier of tab, semicolon, comma; tab when there is none', () => {
    expect(sniffDelimiter('a;b,c')).toBe(';');
    expect(sniffDelimiter('a,b\tc')).toBe('\t');
    expect(sniffDelimiter('a,b,c;d')).toBe(',');
    expect(sniffDelimiter('abc')).toBe('\t');
  });

  test('only the first line counts (LF or CR), and nothing inside quotes', () => {
    expect(sniffDelimiter('a;b\nc,d,e')).toBe(';');
    expect(sniffDelimiter('a;b\rc,d,e')).toBe(';');
    expect(sniffDelimiter('"x\ny,z,w";a\nb,c,d,e')).toBe(';');
  });
});

describe('parseDelimited', () => {
  test('a delimiter given is used as given', () => {
    expect(cells('a;b,c', ',')).toEqual([[1, 'a;b', 'c']]);
  });

  test('CR, LF and CRLF end records; lines inside quotes are counted, a CRLF once', () => {
    expect(cells('a\rb\nc\r\nd')).toEqual([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]);
    expect(cells('"x\ry"\nz')).toEqual([[1, 'x\ry'], [3, 'z']]);
    expect(cells('"x\r\ny"\nz')).toEqual([[1, 'x\r\ny'], [3, 'z']]);
    expect(cells('"x\ny"\nz')).toEqual([[1, 'x\ny'], [3, 'z']]);
    // Two LFs are two line ends (only CR then LF is one): the blank line between is counted.
    expect(cells('a\n\nb')).toEqual([[1, 'a'], [3, 'b']]);
  });

  test('a quote opens a quoted cell only at its start (spaces before it dropped); text after the closing quote is kept', () => {
    expect(cells('a"b,c', ',')).toEqual([[1, 'a"b', 'c']]);
    expect(cells('  "x,y",z')).toEqual([[1, 'x,y', 'z']]);
    expect(cells('"ab"c,d')).toEqual([[1, 'abc', 'd']]);
  });

  test('a last record without a line end, a trailing delimiter, blank records skipped, a BOM only at the start', () => {
    expect(cells('a,b')).toEqual([[1, 'a', 'b']]);
    expect(cells('a,')).toEqual([[1, 'a', '']]);
    expect(cells('a\n , \nb\n', ',')).toEqual([[1, 'a'], [3, 'b']]);
    expect(cells('\ufeffa,\ufeffb')).toEqual([[1, 'a', '\ufeffb']]);
    expect(cells('a,\ufeffb')).toEqual([[1, 'a', '\ufeffb']]);
    expect(parseDelimited('')).toEqual({ delimiter: '\t', records: [] });
  });
});

describe('previewImport', () => {
  const empty = { rows: [], valid: 0, invalid: 0, ignoredColumns: [], overCap: 0, proposalsAfter: 3, free: 2, noPart: 0 };

  test('text over 1 000 000 characters, no text, or missing columns: nothing imported, the reason given', () => {
    expect(previewImport('x'.repeat(1_000_001), { ...ctx, proposals: 3 })).toEqual({
      ...empty, delimiter: ',', fileErrors: [{ sv: 'Texten är för stor (högst 1 000 000 tecken).', en: 'The text is too large (at most 1,000,000 characters).' }],
    });
    expect(previewImport(' ; \n\n', { ...ctx, proposals: 3 })).toEqual({ ...empty, delimiter: ';', fileErrors: [{ sv: 'Ingen text att importera.', en: 'Nothing to import.' }] });
    expect(previewImport('Förnamn;Namn\nA;B', { ...ctx, proposals: 3 })).toEqual({
      ...empty, delimiter: ';',
      fileErrors: [{
        sv: 'Första raden ska vara rubriker. Kolumner saknas: Efternamn/Last name, E-post/E-mail.',
        en: 'The first line must be headers. Missing columns: Efternamn/Last name, E-post/E-mail.',
      }],
    });
    expect(previewImport('Efternamn,E-post\nA,b', ctx).fileErrors[0].en).toBe('The first line must be headers. Missing columns: Förnamn/First name.');
    expect(previewImport('Förnamn,Efternamn\nA,b', ctx).fileErrors[0].en).toBe('The first line must be headers. Missing columns: E-post/E-mail.');
    expect(previewImport('x'.repeat(1_000_000), ctx).fileErrors[0].en).toBe('The first line must be headers. Missing columns: Förnamn/First name, Efternamn/Last name, E-post/E-mail.');
  });

  test('headers in any case and spacing, a trailing : or * ignored; a second column for a field and unknown ones listed as ignored', () => {
    const p = previewImport('\ufeff FIRST  NAME* ;Efternamn:;E-post;Epost;Telefon; \nÅsa;Öberg;asa@example.se;x@example.se;08;\n', ctx);
    expect(p.ignoredColumns).toEqual(['Epost', 'Telefon']);
    expect(p.rows.map((r) => r.draft)).toEqual([{
      firstName: 'Åsa', lastName: 'Öberg', title: '', organisation: '', country: '', email: 'asa@example.se', language: 'sv', events: [], diet: '', note: '',
    }]);
    // An ignored column is named as trimmed.
    expect(previewImport('Förnamn,Efternamn,E-post,  Telefon  \nA,A,a@example.se,08', ctx).ignoredColumns).toEqual(['Telefon']);
  });

  test('a BOM is dropped only before a header, a : or * only after it: inside, the name is not one the import knows', () => {
    for (const email of ['E-\ufeffpost', 'E-post*adress', 'E-post:adress']) {
      const p = previewImport(`Förnamn,Efternamn,${email}\nA,A,a@example.se`, ctx);
      expect([email, p.fileErrors.map((m) => m.en)]).toEqual([email, ['The first line must be headers. Missing columns: E-post/E-mail.']]);
    }
  });

  test('every row: its line, its draft, its errors and warnings; the counts after the import', () => {
    const text = [
      'Förnamn,Efternamn,E-post,Språk,Evenemang,Kost,Anteckning',
      'A,A,a@example.se,,konferensen,,  not  ',
      'B,B,b@example.se,EN,,Vegan',
      'C,C,A@example.se,sv,konferensen',
      'D,D',
    ].join('\n');
    const p = previewImport(text, { ...ctx, defaultLanguage: 'en', proposals: 4 });
    expect(p.rows.map((r) => [r.line, r.draft.email, r.draft.language, r.draft.events, r.draft.note, r.errors.map((m) => m.en), r.warnings.map((m) => m.en)])).toEqual([
      [2, 'a@example.se', 'en', ['konferensen'], 'not', [], []],
      [3, 'b@example.se', 'en', [], '', [], [
        'No programme part (Evenemang): the guest is invited to nothing until you choose one.',
        'Diet/allergies are not imported: they are stored only with the guest\'s consent, which the guest gives on the RSVP page.',
      ]],
      [4, 'A@example.se', 'sv', ['konferensen'], '', ['The e-mail address A@example.se appears more than once in the text (first on line 2).'], []],
      [5, '', 'en', [], '', ['E-mail address is missing.'], []],
    ]);
    expect(p).toMatchObject({ valid: 2, invalid: 2, fileErrors: [], delimiter: ',', overCap: 0, proposalsAfter: 6, free: 2, noPart: 1 });
    expect(previewImport(text, { ...ctx, slotsUsed: 11 })).toMatchObject({ overCap: 1, free: 1, proposalsAfter: 2 });
    expect(previewImport(text, { ...ctx, slotsUsed: 13 })).toMatchObject({ overCap: 3, free: 0 });
    expect(previewImport(text, { ...ctx, slotsUsed: 0 })).toMatchObject({ overCap: 0, free: 12 });
    // noPart counts the valid rows without a part, not the refused ones.
    expect(previewImport('Förnamn,Efternamn,E-post\nA,A,a@example.se', ctx)).toMatchObject({ valid: 1, noPart: 1 });
    expect(previewImport('Förnamn,Efternamn,E-post\nA,A,', ctx)).toMatchObject({ valid: 0, noPart: 0 });
    expect(previewImport('Förnamn,Efternamn,E-post\nA,A,a@example.se', { ...ctx, defaultLanguage: undefined }).rows[0].draft.language).toBe('sv');
  });

  test('two rows without an address are not duplicates of each other', () => {
    const p = previewImport('Förnamn,Efternamn,E-post\nA,A,\nB,B,', ctx);
    expect(p.rows.map((r) => r.errors.map((m) => m.en))).toEqual([['E-mail address is missing.'], ['E-mail address is missing.']]);
  });

  test(`the list holds at most ${MAX_GUESTS}: the row that would be one too many is refused with that figure`, () => {
    // A row refused for its own reason is not also refused as one too many.
    const p = previewImport('Förnamn,Efternamn,E-post\nA,A,a@example.se\nB,B,b@example.se\nD,D,\nC,C,c@example.se', { ...ctx, guestCount: MAX_GUESTS - 2 });
    expect(p.rows.map((r) => r.errors.map((m) => m.en))).toEqual([[], [], ['E-mail address is missing.'], ['Too many guests: the list holds at most 2000.']]);
    expect(p.valid).toBe(2);
  });
});
