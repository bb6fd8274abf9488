/** Money and percentages per language (issue 9, point 10): English input and display, one percent format. */
import { formatAmount, formatMoney, formatPercent, parseMoney } from '../../../src/core/money';

const NB = '\u00a0';

describe('English input: the comma groups thousands, the point is the decimal separator', () => {
  test.each([
    ['1,500.50', 150050], ['1,500', 150000], ['1,234,567.89', 123456789], ['1500.50', 150050], ['1 500.50', 150050],
    ['12,000.50 SEK', 1200050], ['0.5', 50], ['210,000.00', 21000000],
  ])('en parses %s', (s, ore) => {
    expect(parseMoney(s, 'en')).toEqual({ ok: true, value: ore });
  });

  test.each([
    ['1,2.5'], ['12,50'], ['1,50'], ['1,500,50'], ['1.500,50'], ['1 500,50'], ['1,500.50.1'], [',500'],
  ])('en refuses %s: the comma can\'t be a thousands separator there', (s) => {
    const r = parseMoney(s, 'en');
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error.en).toMatch(/ambiguous: in English the comma groups thousands/);
  });

  test('Swedish keeps its forms and still refuses the English one', () => {
    expect(parseMoney('1 500,50')).toEqual({ ok: true, value: 150050 });
    expect(parseMoney('1500,50')).toEqual({ ok: true, value: 150050 });
    expect(parseMoney('1500,50', 'sv')).toEqual({ ok: true, value: 150050 });
    for (const s of ['1,500.50', '1,2.5']) {
      const r = parseMoney(s, 'sv');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.sv).toMatch(/tvetydigt/);
    }
    // "1,500" in Swedish is one and a half with three decimals: refused, never read as 1 500.
    expect(parseMoney('1,500', 'sv').ok).toBe(false);
  });

  test('every form the page shows reads back as the same amount', () => {
    for (const ore of [0, 5, 21000000, 123456789, 80000000]) {
      expect(parseMoney(formatAmount(ore), 'sv')).toEqual({ ok: true, value: ore });
      expect(parseMoney(formatAmount(ore, true), 'en')).toEqual({ ok: true, value: ore });
      expect(parseMoney(formatMoney(ore), 'sv')).toEqual({ ok: true, value: ore });
      expect(parseMoney(formatMoney(ore, true), 'en')).toEqual({ ok: true, value: ore });
    }
  });
});

test('amounts for form fields: grouped, no unit', () => {
  expect(formatAmount(21000000)).toBe(`210${NB}000,00`);
  expect(formatAmount(21000000, true)).toBe('210,000.00');
  expect(formatAmount(1200050, true)).toBe('12,000.50');
  expect(formatMoney(1200050)).toBe(`12${NB}000,50${NB}kr`);
  expect(formatMoney(1200050, true)).toBe('12,000.50 SEK');
});

test('percentages: one format per language, at most one decimal', () => {
  expect(formatPercent(48.9)).toBe(`48,9${NB}%`);
  expect(formatPercent(90)).toBe(`90${NB}%`);
  expect(formatPercent(48.9, true)).toBe('48.9%');
  expect(formatPercent(90, true)).toBe('90%');
  expect(formatPercent(12.345)).toBe(`12,3${NB}%`);
  expect(formatPercent(0.04, true)).toBe('0%');
  expect(formatPercent(Infinity)).toBe('∞');
});
