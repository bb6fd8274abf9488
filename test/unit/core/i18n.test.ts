/**
 * The language layer (src/core/i18n.ts, src/core/messages/): each language formats money, percentages,
 * dates, counts and lists its own way inside a message, and English never gets the Swedish forms.
 */
import { both, fixed, fmtFor, inLang, join, labelled, nameOf } from '../../../src/core/i18n';
import { programPageMsg } from '../../../src/core/messages/program-page';
import { budgetMsg } from '../../../src/core/messages/budget';
import { mergeMsg } from '../../../src/core/messages/merge';

const NB = '\u00a0';
const sv = fmtFor('sv');
const en = fmtFor('en');

describe('formats per language', () => {
  test.each([
    [1200050, `12${NB}000,50${NB}kr`, '12,000.50 SEK'],
    [0, `0,00${NB}kr`, '0.00 SEK'],
    [100_000_000_000, `1${NB}000${NB}000${NB}000,00${NB}kr`, '1,000,000,000.00 SEK'],
  ])('money %p öre: sv %p, en %p', (ore, s, e) => {
    expect(sv.money(ore)).toBe(s);
    expect(en.money(ore)).toBe(e);
  });

  test.each([
    [48.9, `48,9${NB}%`, '48.9%'],
    [90, `90${NB}%`, '90%'],
    [Infinity, '∞', '∞'],
  ])('percent %p: sv %p, en %p', (p, s, e) => {
    expect(sv.percent(p)).toBe(s);
    expect(en.percent(p)).toBe(e);
  });

  test('numbers, dates and lists', () => {
    expect([sv.num(12000), en.num(12000), sv.num(-1500), en.num(-1500), sv.num(999)]).toEqual([`12${NB}000`, '12,000', `\u22121${NB}500`, '-1,500', '999']);
    expect([sv.date('2009-12-08'), en.date('2009-12-08'), sv.date('2009-02-30')]).toEqual(['8 december 2009', '8 December 2009', '']);
    expect([sv.list(['a', 'b', 'c']), en.list(['a', 'b', 'c']), sv.list(['a']), en.list([])]).toEqual(['a, b och c', 'a, b and c', 'a', '']);
    expect([sv.amount(21000000), en.amount(21000000)]).toEqual([`210${NB}000,00`, '210,000.00']);
  });

  // One formatter per language for days and times, used by the server's messages and the sidebars alike
  // (they used to ask the browser's toLocaleString, which differs between machines and ignored Stockholm's zone).
  test('a day with its weekday, and an instant as Stockholm wall clock in winter and summer time', () => {
    expect([sv.day('2009-12-08'), en.day('2009-12-08'), sv.day('2026-05-31'), en.day('not a date')]).toEqual(['tis 8 december 2009', 'Tue 8 December 2009', 'sön 31 maj 2026', '']);
    expect([sv.dateTime('2026-12-04T17:00:00Z'), en.dateTime('2026-12-04T17:00:00Z')]).toEqual(['4 december 2026 kl. 18:00', '4 December 2026, 18:00']);
    // CEST starts 01:00 UTC on the last Sunday of March (29 March 2026): an hour before it is still CET.
    expect([sv.dateTime('2026-03-29T00:59:00Z'), sv.dateTime('2026-03-29T01:00:00Z')]).toEqual(['29 mars 2026 kl. 01:59', '29 mars 2026 kl. 03:00']);
    expect(en.dateTime('no instant')).toBe('no instant');
  });
});

describe('a formatter is built on first use', () => {
  // `sv` and `en` above are built while the tests are collected (counted for no test by the mutation run's
  // per-test coverage): here a fresh copy of the module builds both inside the test, and every field is read.
  test('every field of a freshly built formatter, in each language', () => {
    jest.isolateModules(() => {
      const { fmtFor: fresh } = require('../../../src/core/i18n') as typeof import('../../../src/core/i18n');
      const s = fresh('sv');
      const e = fresh('en');
      expect([s.lang, e.lang]).toEqual(['sv', 'en']);
      expect([s.money(1200050), e.money(1200050)]).toEqual([`12${NB}000,50${NB}kr`, '12,000.50 SEK']);
      expect([s.amount(1200050), e.amount(1200050)]).toEqual([`12${NB}000,50`, '12,000.50']);
      expect([s.percent(48.9), e.percent(48.9)]).toEqual([`48,9${NB}%`, '48.9%']);
      expect([s.date('2009-12-08'), e.date('2009-12-08')]).toEqual(['8 december 2009', '8 December 2009']);
      expect([s.dateTime('2026-12-04T17:00:00Z'), e.dateTime('2026-12-04T17:00:00Z')]).toEqual(['4 december 2026 kl. 18:00', '4 December 2026, 18:00']);
      expect([s.day('2009-12-08'), e.day('2009-12-08')]).toEqual(['tis 8 december 2009', 'Tue 8 December 2009']);
      expect([s.num(-12000), e.num(-12000)]).toEqual([`\u221212${NB}000`, '-12,000']);
      expect([s.plural(1, 'rad', 'rader'), e.plural(2, 'row', 'rows')]).toEqual(['rad', 'rows']);
      expect([s.count(2, 'rad', 'rader'), e.count(1, 'row', 'rows')]).toEqual(['2 rader', '1 row']);
      expect([s.list(['a', 'b']), e.list(['a', 'b']), s.list(['a'])]).toEqual(['a och b', 'a and b', 'a']);
      expect([s.m(fixed('ett', 'one')), e.m(fixed('ett', 'one'))]).toEqual(['ett', 'one']);
      expect(fresh('sv')).toBe(s);
    });
  });
});

describe('plurals: one and other in both languages', () => {
  test.each([
    [0, '0 blockerade', '0 blocked rows'],
    [1, '1 blockerad', '1 blocked row'],
    [2, '2 blockerade', '2 blocked rows'],
    [1000, `1${NB}000 blockerade`, '1,000 blocked rows'],
  ])('count(%p)', (n, s, e) => {
    expect(sv.count(n, 'blockerad', 'blockerade')).toBe(s);
    expect(en.count(n, 'blocked row', 'blocked rows')).toBe(e);
  });

  test('the plural word alone', () => {
    expect([sv.plural(1, 'rad', 'rader'), sv.plural(3, 'rad', 'rader'), en.plural(0, 'row', 'rows')]).toEqual(['rad', 'rader', 'rows']);
  });
});

describe('messages of the catalogue', () => {
  test('an English message writes money the English way (it used to be "12 000,50 kr")', () => {
    const m = budgetMsg.costRegisteredLeft('K-0001', 1200050, 'STOKAB', 18799950);
    expect(m.sv).toBe(`Kostnaden K-0001 (12${NB}000,50${NB}kr) är registrerad på STOKAB. Kvar: 187${NB}999,50${NB}kr.`);
    expect(m.en).toBe('The cost K-0001 (12,000.50 SEK) is registered to STOKAB. Left: 187,999.50 SEK.');
    expect(m.en).not.toMatch(/kr\b/);
  });

  test('percentages inside a message follow the language', () => {
    const m = budgetMsg.warningCrossed([{ name: 'STOKAB', warnAt: 90, percentUsed: 92.5 }]);
    expect(m.sv).toBe(`STOKAB har passerat 90${NB}% (varningsgränsen): 92,5${NB}% av tilldelningen är bokat.`);
    expect(m.en).toBe('STOKAB has passed 90% (the warning threshold): 92.5% of its allocation is booked.');
  });

  test('a plural inside a message', () => {
    expect(budgetMsg.unassignedRows(1).en).toBe('1 row on the Kostnader sheet has no known funder.');
    expect(budgetMsg.unassignedRows(2).en).toBe('2 rows on the Kostnader sheet have no known funder.');
    expect(budgetMsg.unassignedRows(1).sv).toBe('1 rad på bladet Kostnader saknar känd finansiär.');
  });

  test.each([
    [{ sent: 1, failed: 0, unsure: 0, remaining: 0, blocked: 1 }, '1 inbjudan skickad; 0 kvar; 1 blockerad (se skälen).', '1 invitation sent; 0 left; 1 blocked (see the reasons).'],
    [{ sent: 2, failed: 1, unsure: 1, remaining: 3, blocked: 2 }, '2 inbjudningar skickade, 1 misslyckades, 1 osäker (Gmail svarade med ett fel; kontrollera Skickat); 3 kvar; 2 blockerade (se skälen).',
      '2 invitations sent, 1 failed, 1 uncertain (Gmail answered with an error; check Sent); 3 left; 2 blocked (see the reasons).'],
  ])('a batch of the mail merge, in the singular and the plural: %p', (n, s, e) => {
    expect(mergeMsg.batchSent(n)).toEqual({ sv: s, en: e });
  });

  test('a message inside a message is taken in the same language', () => {
    const m = both((f) => `A: ${f.m(fixed('ett', 'one'))}`, (f) => `B: ${f.m(fixed('ett', 'one'))}`);
    expect(m).toEqual({ sv: 'A: ett', en: 'B: one' });
    expect(labelled(fixed('Belopp', 'Amount'), fixed('saknas', 'missing'))).toEqual({ sv: 'Belopp: saknas', en: 'Amount: missing' });
    // A label that is a name (a guest's or a cost's ID) is the same in both languages.
    expect(labelled('K-0001', fixed('saknas', 'missing'))).toEqual({ sv: 'K-0001: saknas', en: 'K-0001: missing' });
    expect(join([fixed('a', 'b'), null, fixed('', ''), fixed('c', 'd')])).toEqual({ sv: 'a c', en: 'b d' });
  });
});

describe('a page reads the catalogue in its language (inLang)', () => {
  test('an entry without parameters is its text, one with parameters a function, a group the same one level down', () => {
    const sv = inLang(programPageMsg, 'sv');
    const en = inLang(programPageMsg, 'en');
    expect([sv.loading, en.loading]).toEqual(['Hämtar programmet …', 'Loading the programme …']);
    expect([sv.f.title, en.f.title, en.hints.capacity]).toEqual(['Rubrik', 'Title', 'Empty: no limit.']);
    expect([sv.cost(150000, 1, 'mat', 1000000), en.cost(150000, 2, 'food', 1000000)]).toEqual([
      `Kostnad: 1${NB}500,00${NB}kr bokat (1 kostnad); kategorin mat: 10${NB}000,00${NB}kr bokat i allt`,
      'Cost: 1,500.00 SEK booked (2 costs); the category food: 10,000.00 SEK booked in all',
    ]);
  });

  test('a stored value is named from its typed table, or shown as it is when typed by hand', () => {
    const en = inLang(programPageMsg, 'en');
    expect([en.type('studiebesök'), en.status('beslutad'), en.type('Mingel'), en.type('constructor')]).toEqual(['Study visit', 'Decided', 'Mingel', 'constructor']);
    expect(nameOf({ a: fixed('A', 'Ay') }, 'toString')).toEqual({ sv: 'toString', en: 'toString' });
  });
});
