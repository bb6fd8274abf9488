/**
 * Every header name the guest import knows (Swedish and English, as exported by Outlook, Excel or
 * typed), each to its field, in ONE test, the first in this file to call previewImport (npm run test:mutation).
 *
 * Why one test, first: src/core/invite-csv.ts builds its table of names once per module load, on the
 * first call. Stryker runs a mutant only with the tests that executed it, and only the test that built
 * the table executes its names: a name left out of that test is never checked against its mutant (41
 * of the table's names survived that way while each had a test of its own further down). Keep this test
 * first and whole; a failure names the header it failed on.
 */
import { previewImport, type ImportContext } from '../../../src/core/invite-csv';

const ctx: ImportContext = { existing: new Map(), events: ['konferensen'], guestCount: 0, slotsUsed: 10, cap: 12 };

const SYNONYMS: [string, string[]][] = [
  ['firstName', ['Förnamn', 'fornamn', 'First name', 'FirstName', 'Given name', 'given']],
  ['lastName', ['Efternamn', 'Last name', 'lastname', 'Surname', 'Family name']],
  ['title', ['Titel', 'Title', 'Job title', 'Befattning']],
  ['organisation', ['Organisation', 'Organization', 'Company', 'Företag', 'Organisation/företag']],
  ['country', ['Land', 'Country', 'Country/Region']],
  ['email', ['E-post', 'epost', 'E-postadress', 'Email', 'E-mail', 'E-mail address', 'Email address', 'Mail', 'E-mailadress']],
  ['language', ['Språk', 'Language', 'lang']],
  ['events', ['Evenemang', 'Events', 'event']],
  ['diet', ['Kost/allergier', 'Kost', 'Allergier', 'Diet', 'Dietary requirements', 'Allergies']],
  ['note', ['Anteckning', 'Note', 'Notes', 'Kommentar', 'Comment']],
];
// A value for each field that passes the guest's checks, so the row is valid and its draft shows where each landed.
const VALUE: Record<string, string> = {
  firstName: 'Åsa', lastName: 'Öberg', title: 'CIO', organisation: 'Stockholms stad', country: 'Sverige',
  email: 'asa@example.se', language: 'en', events: 'konferensen', diet: 'Vegan', note: 'ringer',
};
const OTHER_HEADER: Record<string, string> = {
  firstName: 'Förnamn', lastName: 'Efternamn', title: 'Titel', organisation: 'Organisation', country: 'Land',
  email: 'E-post', language: 'Språk', events: 'Evenemang', diet: 'Kost', note: 'Anteckning',
};

describe('header names', () => {
  test('each name to its field, first or last, with a BOM, in capitals with spaces and a colon, or with a star', () => {
    for (const [field, names] of SYNONYMS) {
      const others = Object.keys(VALUE).filter((f) => f !== field);
      for (const name of names) {
        // First and last: a BOM before the first column is the file's (parseDelimited drops it), before another it is the header's.
        for (const [decorated, first] of [name, `\ufeff${name}`, ` ${name.toUpperCase()}: `, `${name}*`].flatMap((h) => [[h, true], [h, false]] as const)) {
          const header = [...others.map((f) => OTHER_HEADER[f]), decorated];
          const row = [...others.map((f) => VALUE[f]), VALUE[field]];
          if (first) { header.unshift(header.pop()!); row.unshift(row.pop()!); }
          const p = previewImport(`${header.join(';')}\n${row.join(';')}`, ctx);
          expect([decorated, first, p.ignoredColumns, p.fileErrors]).toEqual([decorated, first, [], []]);
          // A dietary need is recognised but never imported: only the guest gives it, with consent (the RSVP page).
          const expected = field === 'events' ? ['konferensen'] : field === 'diet' ? '' : VALUE[field];
          expect([decorated, first, (p.rows[0].draft as unknown as Record<string, unknown>)[field]]).toEqual([decorated, first, expected]);
        }
      }
    }
  });
});
