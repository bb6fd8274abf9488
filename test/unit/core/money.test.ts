import { sha256 } from '@noble/hashes/sha2.js';
import { formatOre, parseMoney, fromNumber } from '../../../src/core/money';

test('noble loads under jest', () => {
  expect(sha256(new Uint8Array([97])).length).toBe(32);
});

test.each([
  ['1 234,50', 123450], ['1234.50', 123450], ['1 234', 123400], ['1234', 123400], ['0,5', 50],
  ['800 000 kr', 80000000], ['1\u00a0234,05', 123405], ['+12', 1200], [',50', 50],
])('parses %s', (s, ore) => {
  expect(parseMoney(s)).toEqual({ ok: true, value: ore });
});

test.each(['-5', '1,234.50', '1.234,50', '1,234', '12 34', '1e5', 'NaN', 'Infinity', '', '1,', 'abc', '1 0000', '99999999999999'])(
  'refuses %s with a reason',
  (s) => {
    const r = parseMoney(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.sv.length).toBeGreaterThan(5);
  },
);

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
