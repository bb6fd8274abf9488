/**
 * Money, rule by rule, with the exact answer (the amount in öre, or the refusal in both languages): each
 * case is the smallest input on which a changed rule would answer differently (npm run test:mutation).
 */
import {
  MAX_ORE, formatAmount, formatMoney, formatOre, formatOreEn, formatPercent, fromNumber, parseMoney, percentOf, quickOre, toKronor,
} from '../../../src/core/money';

const NB = '\u00a0';
const refused = (sv: string, en: string) => ({ ok: false, error: { sv, en } });
const TYPE = refused('Beloppet saknas eller har fel typ.', 'The amount is missing or of the wrong type.');
const EMPTY = refused('Ange ett belopp.', 'Enter an amount.');
const NEGATIVE = refused('Beloppet får inte vara negativt.', 'The amount must not be negative.');
const DIGITS = refused('Skriv beloppet med siffror, till exempel 1 234,50.', 'Write the amount in digits, for example 1,234.50.');
const AMBIGUOUS_EN = refused(
  'Beloppet är tvetydigt: på engelska grupperar kommatecknet tusental och punkten är decimaltecken, till exempel 1,234.50.',
  'The amount is ambiguous: in English the comma groups thousands and the point is the decimal separator, for example 1,234.50.',
);
const AMBIGUOUS = refused(
  'Beloppet är tvetydigt: använd mellanslag för tusental och komma för decimaler, till exempel 1 234,50.',
  'The amount is ambiguous: use spaces for thousands and a comma or point for decimals, for example 1 234.50.',
);
const GROUPS = refused('Tusentalen ska grupperas tre och tre, till exempel 1 234 567.', 'Thousands must be grouped in threes, for example 1 234 567.');
const CHARS = refused('Beloppet får bara innehålla siffror, mellanslag och ett decimaltecken.', 'The amount may only contain digits, spaces and one decimal separator.');
const DECIMALS = refused(
  'Beloppet får ha högst två decimaler (ören). Använd mellanslag, inte punkt, för tusental.',
  'The amount may have at most two decimals. Use spaces, not a point, for thousands.',
);
const DANGLING = refused('Decimaltecknet ska följas av ören, till exempel 12,50.', 'The decimal separator must be followed by digits, for example 12.50.');
const TOO_LARGE = refused('Beloppet är orimligt stort (högst 1 000 000 000 kr).', 'The amount is unreasonably large (at most 1,000,000,000 SEK).');
const NOT_A_NUMBER = refused('Beloppet är inte ett tal.', 'The amount is not a number.');
const CELL_DECIMALS = refused('Beloppet får ha högst två decimaler (ören).', 'The amount may have at most two decimals.');

describe('parseMoney: what it reads', () => {
  test.each([
    ['a number goes through fromNumber', 12.5, 1250],
    ['spaces around the text', '  12 kr  ', 1200],
    ['a unit without a space', '12kr', 1200],
    ['the unit in capitals', '12 SEK', 1200],
    ['sek', '12 sek', 1200],
    ['"kr." with its point', '12 kr.', 1200],
    ['":-"', '12:-', 1200],
    ['two spaces between groups', '1  234', 123400],
    ['a narrow no-break space', '1\u202f234', 123400],
    ['a thin space', '1\u2009234', 123400],
    ['two digits first', '12 345', 1234500],
    ['three groups', '1 234 567,89', 123456789],
    ['leading zeros, however many', '00000000000000007', 700],
    ['zero', '0', 0],
    ['one öre', '0,01', 1],
    ['a point as decimal separator', '12.5', 1250],
    ['exactly the largest amount', '1 000 000 000', MAX_ORE],
  ])('%s: %j', (_why, input, ore) => {
    expect(parseMoney(input)).toEqual({ ok: true, value: ore });
  });

  test.each([
    ['12,345', 1234500], ['123,456', 12345600], ['1,234,567', 123456700], ['0.07', 7],
  ])('English: %s', (input, ore) => {
    expect(parseMoney(input, 'en')).toEqual({ ok: true, value: ore });
  });
});

describe('parseMoney: each refusal with its own reason, in both languages', () => {
  test.each([
    ['not text', null, TYPE],
    ['an object', { kr: 5 }, TYPE],
    ['nothing', '', EMPTY],
    ['only spaces', '   ', EMPTY],
    ['only the unit', 'kr', EMPTY],
    ['a sign and then no digits before the separator', '+ ,5', EMPTY],
    ['a minus', '-5', NEGATIVE],
    ['a minus after spaces', '  -5', NEGATIVE],
    ['the Unicode minus', '\u22125', NEGATIVE],
    ['a minus at the end is just a wrong character', '5-', CHARS],
    ['exponent, capital', '1E5', DIGITS],
    ['inf', 'inf', DIGITS],
    ['nan', 'nan', DIGITS],
    ['two separators', '1,234.50', AMBIGUOUS],
    ['two commas', '1,2,3', AMBIGUOUS],
    ['a first group of four', '1234 567', GROUPS],
    ['a short group after a good one', '1 234 56', GROUPS],
    ['a long last group', '1 2345', GROUPS],
    ['the unit first', 'kr12', CHARS],
    ['a letter after a digit', 'a1', CHARS],
    ['a letter among the öre', '12,5a', CHARS],
    ['only a sign', '+', CHARS],
    ['three decimals', '1,234', DECIMALS],
    ['a separator without öre', '12.', DANGLING],
    ['one öre above the largest', '1 000 000 000,01', TOO_LARGE],
    ['a krona above the largest', '1000000001', TOO_LARGE],
    ['thirteen digits', '1000000000000', TOO_LARGE],
  ])('%s: %j', (_why, input, answer) => {
    expect(parseMoney(input)).toEqual(answer);
  });

  test.each([
    ['1,2.5'], ['1234,567'], ['1,5000'], ['1,500.50.1'], [',500'],
  ])('English, a comma that can\'t group thousands: %s', (input) => {
    expect(parseMoney(input, 'en')).toEqual(AMBIGUOUS_EN);
  });

  test('Swedish never reads the comma as thousands', () => {
    expect(parseMoney('0,5', 'sv')).toEqual({ ok: true, value: 50 });
    expect(parseMoney('12,345', 'sv')).toEqual(DECIMALS);
  });
});

describe('numbers from cells', () => {
  test.each([
    [0, 0], [12, 1200], [0.07, 7], [1234.5, 123450], [1e9, MAX_ORE], [99999999.99, 9999999999],
    // kr × 100 is off a whole öre by float error here (7e-12 and 8e-6 öre): still exact amounts.
    [620.56, 62056], [598707959.95, 59870795995], [999999999.99, 99999999999],
  ])('fromNumber(%p) is %p öre', (kr, ore) => {
    expect(fromNumber(kr)).toEqual({ ok: true, value: ore });
    expect(quickOre(kr)).toBe(ore);
  });

  test.each([
    [Number.NaN, NOT_A_NUMBER], [Infinity, NOT_A_NUMBER], [-Infinity, NOT_A_NUMBER],
    [-0.01, NEGATIVE], [-0, NEGATIVE],
    [1e9 + 0.01, TOO_LARGE], [1e9 + 1, TOO_LARGE],
    [1.005, CELL_DECIMALS], [0.001, CELL_DECIMALS],
    // A third decimal is refused at any size (it was silently rounded from about 500 000 kr up).
    [500000.005, CELL_DECIMALS], [1000000.005, CELL_DECIMALS], [12345678.001, CELL_DECIMALS], [999999999.999, CELL_DECIMALS],
  ])('fromNumber(%p) refused', (kr, answer) => {
    expect(fromNumber(kr)).toEqual(answer);
  });

  test('quickOre: NaN for what fromNumber refuses, without a message', () => {
    expect(quickOre(-1)).toBeNaN();
    expect(quickOre(-0.01)).toBeNaN();
    expect(quickOre(1e9 + 0.01)).toBeNaN();
    expect(quickOre(1.005)).toBeNaN();
  });

  test('toKronor', () => {
    expect(toKronor(12345)).toBe(123.45);
    expect(toKronor(MAX_ORE)).toBe(1e9);
  });
});

describe('formatting', () => {
  test.each([
    [0, `0,00${NB}kr`, '0.00 SEK'],
    [1, `0,01${NB}kr`, '0.01 SEK'],
    [99, `0,99${NB}kr`, '0.99 SEK'],
    [100000, `1${NB}000,00${NB}kr`, '1,000.00 SEK'],
    [123456789, `1${NB}234${NB}567,89${NB}kr`, '1,234,567.89 SEK'],
    [12345678900, `123${NB}456${NB}789,00${NB}kr`, '123,456,789.00 SEK'],
    [-123456, `\u22121${NB}234,56${NB}kr`, '-1,234.56 SEK'],
    [-5, `\u22120,05${NB}kr`, '-0.05 SEK'],
  ])('%p öre: %s / %s', (ore, sv, en) => {
    expect(formatOre(ore)).toBe(sv);
    expect(formatMoney(ore)).toBe(sv);
    expect(formatOreEn(ore)).toBe(en);
    expect(formatMoney(ore, true)).toBe(en);
  });

  test('amounts without the unit; a fraction of an öre is cut, not printed', () => {
    expect(formatAmount(0)).toBe('0,00');
    expect(formatAmount(0, true)).toBe('0.00');
    expect(formatAmount(-123456, true)).toBe('-1,234.56');
    expect(formatAmount(1234.7)).toBe('12,34');
  });
});

describe('percentages', () => {
  test.each([
    [0, 0, 0], [5, 0, Infinity], [5, -1, Infinity], [0, -1, 0],
    [1, 3, 33.3], [2, 3, 66.7], [50, 100, 50], [150, 100, 150], [1, 2000, 0.1], [1, 20001, 0],
  ])('percentOf(%p, %p) = %p', (part, whole, p) => {
    expect(percentOf(part, whole)).toBe(p);
  });

  test.each([
    [-12.5, `\u221212,5${NB}%`, '-12.5%'],
    [-3, `\u22123${NB}%`, '-3%'],
    [0.3, `0,3${NB}%`, '0.3%'],
    [99.96, `100${NB}%`, '100%'],
    [-Infinity, '∞', '∞'],
    [Number.NaN, '∞', '∞'],
  ])('formatPercent(%p): %s / %s', (p, sv, en) => {
    expect(formatPercent(p)).toBe(sv);
    expect(formatPercent(p, true)).toBe(en);
  });
});
