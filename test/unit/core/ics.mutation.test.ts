/**
 * The calendar file to the octet (npm run test:mutation): which day and hours each event part gets, the whole
 * VCALENDAR with its Europe/Stockholm time zone, TEXT escaping (RFC 5545 §3.3.11) and folding at 75 octets
 * (§3.1). The UID is checked against Node's own SHA-256, not against the module's.
 */
import { createHash } from 'node:crypto';
import { buildIcs, escapeText, eventUid, foldLine, occurrencesFor, type Occurrence } from '../../../src/core/ics';

const s = { eventName: 'Summit', startDate: '2009-12-08', endDate: '2009-12-10', venue: 'Stadshuset' };
const occ = (key: string, date: string, start: string, end: string): Occurrence =>
  ({ key, summary: `Summit – ${key.split('#')[0]}`, location: 'Stadshuset', date, start, end });

describe('occurrencesFor: the day and hours of each event part', () => {
  test('conference every day, dinner the first evening, visit the last afternoon, anything else the first day; any case, Swedish or English', () => {
    expect(occurrencesFor(['KONFERENSEN', 'Dinner', 'STUDIEBESÖK', 'Study Visit', 'Mingel'], s)).toEqual([
      occ('KONFERENSEN#2009-12-08', '2009-12-08', '09:00', '17:00'),
      occ('KONFERENSEN#2009-12-09', '2009-12-09', '09:00', '17:00'),
      occ('KONFERENSEN#2009-12-10', '2009-12-10', '09:00', '17:00'),
      occ('Dinner', '2009-12-08', '19:00', '23:00'),
      occ('STUDIEBESÖK', '2009-12-10', '13:00', '17:00'),
      occ('Study Visit', '2009-12-10', '13:00', '17:00'),
      occ('Mingel', '2009-12-08', '09:00', '17:00'),
    ]);
    expect(occurrencesFor(['Conference'], s).map((o) => o.key)).toEqual(['Conference#2009-12-08', 'Conference#2009-12-09', 'Conference#2009-12-10']);
    expect(occurrencesFor(['Representationsmiddag'], s)).toEqual([occ('Representationsmiddag', '2009-12-08', '19:00', '23:00')]);
  });

  test('a conference of one day (no end date, or an end before the start) keeps the plain key', () => {
    expect(occurrencesFor(['konferensen'], { ...s, endDate: '' })).toEqual([occ('konferensen', '2009-12-08', '09:00', '17:00')]);
    expect(occurrencesFor(['konferensen'], { ...s, endDate: '2009-12-01' })).toEqual([occ('konferensen', '2009-12-08', '09:00', '17:00')]);
  });

  test('at most 31 days, across a month end; nothing when the start date does not read', () => {
    const days = occurrencesFor(['konferensen'], { ...s, startDate: '2009-12-20', endDate: '2010-03-01' }).map((o) => o.date);
    expect(days).toHaveLength(31);
    expect([days[0], days[11], days[12], days[30]]).toEqual(['2009-12-20', '2009-12-31', '2010-01-01', '2010-01-19']);
    expect(occurrencesFor(['konferensen', 'middag', 'studiebesök'], { ...s, startDate: 'december' })).toEqual([]);
    expect(occurrencesFor(['middag'], { ...s, endDate: 'x' })).toEqual([]);
  });
});

describe('TEXT and folding', () => {
  test('every line break becomes \\n once, CRLF and a lone CR included', () => {
    expect(escapeText('a\r\nb\rc\nd')).toBe('a\\nb\\nc\\nd');
  });

  test('control characters, which TEXT may not hold (RFC 5545 §3.3.11: all but HTAB), become spaces', () => {
    expect(escapeText('a\u0000b\u0008c\u000bd\u000ce\u001ff\u007fg\th')).toBe('a b c d e f g\th');
  });

  test('75 octets fit on the first line, 74 after the leading space of each continuation', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(150))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`);
  });

  test.each([
    ['U+0080', 2, 37, '\u0080'], ['U+07FF', 2, 37, '\u07ff'], ['U+0800', 3, 25, '\u0800'], ['U+FFFF', 3, 25, '\uffff'], ['U+10000', 4, 18, '\u{10000}'],
  ])('%s is %i octets: %i of them fill the first line', (_name, octets, fit, ch) => {
    expect(new TextEncoder().encode(ch)).toHaveLength(octets);
    expect(foldLine(ch.repeat(fit))).toBe(ch.repeat(fit));
    expect(foldLine(`${ch.repeat(fit)}${ch}`)).toBe(`${ch.repeat(fit)}\r\n ${ch}`);
  });

  test('a character of 1 octet just below U+0080 and a line that ends exactly at 75 octets', () => {
    expect(foldLine(`${'\u007f'.repeat(74)}é`)).toBe(`${'\u007f'.repeat(74)}\r\n é`);
    expect(foldLine(`${'é'.repeat(37)}x`)).toBe(`${'é'.repeat(37)}x`);
  });
});

test('the UID: the first 32 hex digits of SHA-256 over guest ID, NUL, key', () => {
  const hex = createHash('sha256').update('G-0001\u0000konferensen#2009-12-08', 'utf8').digest('hex');
  expect(eventUid('G-0001', 'konferensen#2009-12-08')).toBe(`${hex.slice(0, 32)}@summit-planner.stockholm.se`);
});

test('the whole file: time zone, one VEVENT per occurrence, an end past midnight on the next day, no LOCATION when there is none', () => {
  const long = `${'Middag för Åsa, Öberg; '.repeat(4)}slut`;
  const ics = buildIcs({
    guestId: 'G-7',
    occurrences: [
      { key: 'nyår', summary: long, location: '', date: '2009-12-31', start: '22:00', end: '01:00' },
      { key: 'dygn', summary: 'Dygn', location: 'Blå hallen; Stadshuset\nplan 2', date: '2009-12-08', start: '10:00', end: '10:00' },
      { key: 'dag', summary: 'Dag', location: 'X', date: '2009-12-09', start: '09:30', end: '17:45' },
    ],
    now: new Date('2009-11-02T08:00:05.789Z'),
  });
  const uid = (key: string) => `${createHash('sha256').update(`G-7\u0000${key}`, 'utf8').digest('hex').slice(0, 32)}@summit-planner.stockholm.se`;
  const summary = `SUMMARY:${'Middag för Åsa\\, Öberg\\; '.repeat(4)}slut`;
  const fold = foldLine(summary);
  expect(fold.split('\r\n ').join('')).toBe(summary);
  expect(fold).toContain('\r\n ');
  expect(ics).toBe([
    'BEGIN:VCALENDAR', 'PRODID:-//Stockholms stad//Summit Planner//SV', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE', 'TZID:Europe/Stockholm',
    'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
    'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT', `UID:${uid('nyår')}`, 'DTSTAMP:20091102T080005Z',
    'DTSTART;TZID=Europe/Stockholm:20091231T220000', 'DTEND;TZID=Europe/Stockholm:20100101T010000', fold,
    'TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'END:VEVENT',
    'BEGIN:VEVENT', `UID:${uid('dygn')}`, 'DTSTAMP:20091102T080005Z',
    'DTSTART;TZID=Europe/Stockholm:20091208T100000', 'DTEND;TZID=Europe/Stockholm:20091209T100000', 'SUMMARY:Dygn',
    'LOCATION:Blå hallen\\; Stadshuset\\nplan 2', 'TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'END:VEVENT',
    'BEGIN:VEVENT', `UID:${uid('dag')}`, 'DTSTAMP:20091102T080005Z',
    'DTSTART;TZID=Europe/Stockholm:20091209T093000', 'DTEND;TZID=Europe/Stockholm:20091209T174500', 'SUMMARY:Dag',
    'LOCATION:X', 'TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'END:VEVENT',
    'END:VCALENDAR', '',
  ].join('\r\n'));
});
