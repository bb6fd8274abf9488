import { formatOre, parseMoney, fromNumber } from '../../../src/core/money';

test.each([
  ['1 234,50', 123450], ['1234.50', 123450], ['1 234', 123400], ['1234', 123400], ['0,5', 50],
  ['800 000 kr', 80000000], ['1\u00a0234,05', 123405], ['+12', 1200], [',50', 50],
])('parses %s', (s, ore) => {
  expect(parseMoney(s)).toEqual({ ok: true, value: ore });
});

// Each refusal for its own reason: a rule removed must turn its row red, even where another rule would refuse too.
test.each([
  ['-5', /negativt/],
  ['1,234.50', /tvetydigt/], ['1.234,50', /tvetydigt/], ['1,2.5', /tvetydigt/],
  ['1,234', /högst två decimaler/],
  ['12 34', /tre och tre/], ['1 0000', /tre och tre/],
  ['1e5', /med siffror/], ['NaN', /med siffror/], ['Infinity', /med siffror/],
  ['', /^Ange ett belopp/], ['1,', /följas av ören/], ['abc', /bara innehålla siffror/],
  ['99999999999999', /för stort|orimligt|största/i],
])('refuses %s, saying why', (s, why) => {
  const r = parseMoney(s);
  expect(r).toMatchObject({ ok: false });
  if (!r.ok) expect(r.error.sv).toMatch(why);
});

test('numbers from cells', () => {
  expect(fromNumber(0.1 + 0.2)).toEqual({ ok: true, value: 30 });
  expect(fromNumber(1.005).ok).toBe(false);
  expect(fromNumber(1e308).ok).toBe(false);
  expect(fromNumber(-0.01).ok).toBe(false);
  expect(fromNumber(Number.NaN).ok).toBe(false);
});

test('formats Swedish', () => {
  expect(formatOre(80000000)).toBe('800\u00a0000,00\u00a0kr');
  expect(formatOre(5)).toBe('0,05\u00a0kr');
  expect(formatOre(-123456)).toBe('\u22121\u00a0234,56\u00a0kr');
});
