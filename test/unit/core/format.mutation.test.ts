/**
 * Dates as each language writes them (src/core/format.ts), each case the smallest input on which a
 * changed rule would answer differently (npm run test:mutation).
 */
import { formatDate, formatDateTime, formatDay } from '../../../src/core/format';

describe('formatDate: a whole ISO date, spaces around it allowed, and a day that exists', () => {
  test.each([
    // The pattern is anchored at both ends: a fifth year digit or a third day digit is not a date.
    ['12009-12-08', ''], ['2009-12-081', ''],
    // Spaces around the date are dropped before it is read.
    [' 2009-12-08 ', '8 december 2009'],
    // A month 13 moves the year and the month but keeps the day: the year or the month alone refuses it.
    ['2009-13-08', ''],
    // Date.UTC reads the years 0–99 as 1900–1999: only the year comes back different, and that alone refuses it.
    ['0009-12-08', ''],
    ['2009-02-29', ''], ['2008-02-29', '29 februari 2008'],
  ])('%j → %j', (iso, out) => {
    expect(formatDate(iso, 'sv')).toBe(out);
  });
});

describe('formatDay', () => {
  test('the weekday of the date, spaces around it allowed; nothing for what is not a date', () => {
    expect(formatDay(' 2009-12-08 ', 'sv')).toBe('tis 8 december 2009');
    expect(formatDay('2009-12-08', 'en')).toBe('Tue 8 December 2009');
    expect(formatDay('2009-13-08', 'en')).toBe('');
  });
});

describe('formatDateTime: Stockholm time, summer time (UTC+2) until 01:00 UTC on the last Sunday of October', () => {
  test.each([
    // 25 October 2026 is the last Sunday of October: 00:59 UTC is still summer time, 01:00 UTC already winter time.
    ['2026-10-25T00:59:00Z', '25 oktober 2026 kl. 02:59'],
    ['2026-10-25T01:00:00Z', '25 oktober 2026 kl. 02:00'],
    // 29 March 2026 is the last Sunday of March: summer time from 01:00 UTC.
    ['2026-03-29T00:59:00Z', '29 mars 2026 kl. 01:59'],
    ['2026-03-29T01:00:00Z', '29 mars 2026 kl. 03:00'],
  ])('%s → %s', (iso, out) => {
    expect(formatDateTime(iso, 'sv')).toBe(out);
  });

  test('English, and what is not an instant comes back unchanged', () => {
    expect(formatDateTime('2026-12-04T17:00:00Z', 'en')).toBe('4 December 2026, 18:00');
    expect(formatDateTime('i morgon', 'en')).toBe('i morgon');
  });
});
