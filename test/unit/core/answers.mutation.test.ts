/**
 * The answers view and the caterer's list with exact results, every call inside a test (npm run test:mutation:
 * Stryker credits a mutant only to the tests that ran it; a summary computed while the file loads counts for none).
 */
import { dietCsvRows, dietList, summariseAnswers, type DietGuest } from '../../../src/core/answers';

const parts = ['konferensen', 'middagen', 'studiebesök'];
const g = (status: string, ...events: string[]) => ({ status, events });
const zero = { invited: 0, yes: 0, no: 0, notAnswered: 0 };

test('summariseAnswers: the whole summary, each status counted once, a no is Tackat nej or Återbud', () => {
  const guests = [
    g('Föreslagen', 'konferensen'), g('Godkänd', 'middagen'), g('Misslyckad'), g('Skickar', 'konferensen'),
    g('Inbjuden', 'konferensen', 'middagen'), g('Tackat ja', 'konferensen'), g('Tackat ja', 'middagen'), g('Tackat ja'),
    g('Tackat nej', 'konferensen'), g('Återbud', 'konferensen'), g('Återbud'), g('Osäker', 'studiebesök'),
  ];
  expect(summariseAnswers(guests, parts)).toEqual({
    invited: 9, yes: 3, no: 3, notAnswered: 3, total: 12, notInvited: 3,
    byStatus: [
      { status: 'Föreslagen', count: 1 }, { status: 'Godkänd', count: 1 }, { status: 'Skickar', count: 1 }, { status: 'Inbjuden', count: 1 },
      { status: 'Tackat ja', count: 3 }, { status: 'Tackat nej', count: 1 }, { status: 'Återbud', count: 2 }, { status: 'Osäker', count: 1 },
      { status: 'Misslyckad', count: 1 },
    ],
    byPart: [
      // Föreslagen is not invited: only the five mailed guests of the conference count.
      { part: 'konferensen', invited: 5, yes: 1, no: 2, notAnswered: 2 },
      { part: 'middagen', invited: 2, yes: 1, no: 0, notAnswered: 1 },
      { part: 'studiebesök', invited: 1, yes: 0, no: 0, notAnswered: 1 },
    ],
    noPart: { invited: 2, yes: 1, no: 1, notAnswered: 0 },
  });
  expect(summariseAnswers([], parts)).toEqual({
    ...zero, total: 0, notInvited: 0, byStatus: expect.arrayContaining([{ status: 'Inbjuden', count: 0 }]),
    byPart: parts.map((part) => ({ part, ...zero })), noPart: zero,
  });
});

describe('dietList', () => {
  const d = (name: string, diet: string, events: string[], consent = true, status = 'Tackat ja'): DietGuest => ({ name, status, diet, consent, events });

  test('a run of spaces or line breaks in a need is one space; a blank need without consent is not counted as unconsented', () => {
    const l = dietList([d('A', 'Nöt-  och\n\n jordnötsallergi', []), d('B', '  ', [], false), d('C', 'Vegan', [], false)], parts, false);
    expect(l).toEqual({ entries: [{ diet: 'Nöt- och jordnötsallergi', parts: [], count: 1 }], guests: 1, unconsented: 1 });
  });

  test('with names: the same name in two rows is ordered by the need, whichever row comes first; case breaks a tie', () => {
    const rows = [d('Anna Berg', 'Vegan', []), d('Anna Berg', 'Halal', []), d('anna berg', 'Kosher', [])];
    const want = [
      { name: 'Anna Berg', diet: 'Halal', parts: [], count: 1 }, { name: 'Anna Berg', diet: 'Vegan', parts: [], count: 1 },
      { name: 'anna berg', diet: 'Kosher', parts: [], count: 1 },
    ];
    expect(dietList(rows, parts, true).entries).toEqual(want);
    expect(dietList([...rows].reverse(), parts, true).entries).toEqual(want);
  });

  test('without names: one spelling whatever the rows\' order (capitals first); the same need for other parts stays apart, ordered by the parts', () => {
    const rows = [d('A', 'vegan', ['middagen']), d('B', 'Vegan', ['middagen']), d('C', 'Vegan', ['konferensen']), d('D', 'VEGAN', ['studiebesök'])];
    const want = [
      { diet: 'VEGAN', parts: ['studiebesök'], count: 1 },
      { diet: 'Vegan', parts: ['konferensen'], count: 1 },
      { diet: 'Vegan', parts: ['middagen'], count: 2 },
    ];
    expect(dietList(rows, parts, false).entries).toEqual(want);
    expect(dietList([...rows].reverse(), parts, false).entries).toEqual(want);
  });

  test('needs are merged in lower case (Straße is not STRASSE); parts are kept apart by more than their letters', () => {
    expect(dietList([d('A', 'Straße', []), d('B', 'STRASSE', [])], parts, false).entries.map((e) => e.diet)).toEqual(['STRASSE', 'Straße']);
    const ab = ['a', 'ab', 'bc', 'c'];
    expect(dietList([d('B', 'Vegan', ['ab', 'c']), d('A', 'Vegan', ['a', 'bc'])], ab, false).entries).toEqual([
      { diet: 'Vegan', parts: ['a', 'bc'], count: 1 }, { diet: 'Vegan', parts: ['ab', 'c'], count: 1 },
    ]);
  });

  test('CSV rows without names: the need, the count and the parts joined with a comma', () => {
    const l = dietList([d('A', 'Vegan', ['konferensen', 'middagen']), d('B', 'Vegan', ['konferensen', 'middagen'])], parts, false);
    expect(dietCsvRows(l, false)).toEqual([['Kost/allergier', 'Antal gäster', 'Programpunkter'], ['Vegan', 2, 'konferensen, middagen']]);
  });
});
