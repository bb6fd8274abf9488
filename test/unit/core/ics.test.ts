import ICAL from 'ical.js';
import { buildIcs, escapeText, eventUid, foldLine, occurrencesFor } from '../../../src/core/ics';

const settings = { eventName: 'Public Services Summit 2009', startDate: '2009-12-08', endDate: '2009-12-09', venue: 'Stockholms stadshus, Hantverkargatan 1; Stockholm' };
const now = new Date('2009-11-02T08:00:00Z');

function parse(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  const tz = comp.getFirstSubcomponent('vtimezone');
  if (tz) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return comp;
}

describe('ics', () => {
  const occ = occurrencesFor(['konferensen', 'representationsmiddagen'], settings);
  const ics = buildIcs({ guestId: 'G-0001', occurrences: occ, now });

  test('structure, CRLF and folding', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics).toContain('VERSION:2.0');
    expect(ics).toMatch(/PRODID:/);
  });

  test('parses with ical.js: local Stockholm times and UTC (CET in December)', () => {
    const comp = parse(ics);
    const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(3); // two conference days + dinner
    const [d1, d2, dinner] = events;
    expect(d1.startDate.toString()).toBe('2009-12-08T09:00:00');
    expect(d1.startDate.zone?.tzid).toBe('Europe/Stockholm');
    expect(d1.startDate.toJSDate().toISOString()).toBe('2009-12-08T08:00:00.000Z');
    expect(d1.endDate.toJSDate().toISOString()).toBe('2009-12-08T16:00:00.000Z');
    expect(d2.startDate.toJSDate().toISOString()).toBe('2009-12-09T08:00:00.000Z');
    expect(dinner.startDate.toJSDate().toISOString()).toBe('2009-12-08T18:00:00.000Z');
    expect(dinner.endDate.toJSDate().toISOString()).toBe('2009-12-08T22:00:00.000Z');
    expect(d1.summary).toBe('Public Services Summit 2009 – konferensen');
    expect(d1.location).toBe(settings.venue); // , and ; round-trip
    const stamp = comp.getFirstSubcomponent('vevent')?.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toString()).toBe('2009-11-02T08:00:00Z');
  });

  test('summer time (CEST) converts with +2', () => {
    const summer = buildIcs({ guestId: 'G-1', occurrences: occurrencesFor(['konferensen'], { ...settings, startDate: '2010-06-15', endDate: '2010-06-15' }), now });
    const ev = new ICAL.Event(parse(summer).getFirstSubcomponent('vevent') as ICAL.Component);
    expect(ev.startDate.toJSDate().toISOString()).toBe('2010-06-15T07:00:00.000Z');
  });

  test('stable UIDs per guest and event, different across guests', () => {
    const again = buildIcs({ guestId: 'G-0001', occurrences: occ, now: new Date('2009-11-03T00:00:00Z') });
    const uids = (s: string) => [...s.matchAll(/UID:(.*)\r\n/g)].map((m) => m[1]);
    expect(uids(again)).toEqual(uids(ics));
    expect(new Set(uids(ics)).size).toBe(3);
    expect(eventUid('G-0001', 'x')).not.toBe(eventUid('G-0002', 'x'));
    expect(eventUid('G-0001', 'x')).toMatch(/^[0-9a-f]{32}@summit-planner\.stockholm\.se$/);
  });

  test('escaping and UTF-8 aware folding with å ä ö É', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'Åäö É '.repeat(30)}`;
    const folded = foldLine(long);
    for (const l of folded.split('\r\n')) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(long);
    const withName = buildIcs({ guestId: 'G-2', occurrences: [{ key: 'k', summary: `Middag för ${'Åsa Éclair, '.repeat(8)}`, location: 'Stadshuset', date: '2009-12-08', start: '19:00', end: '23:00' }], now });
    const ev = new ICAL.Event(parse(withName).getFirstSubcomponent('vevent') as ICAL.Component);
    expect(ev.summary).toBe(`Middag för ${'Åsa Éclair, '.repeat(8)}`);
  });

  test('event mapping', () => {
    expect(occurrencesFor(['studiebesök'], settings)).toEqual([expect.objectContaining({ date: '2009-12-09', start: '13:00', end: '17:00' })]);
    expect(occurrencesFor([], settings)).toEqual([]);
    expect(occurrencesFor(['konferensen'], { ...settings, startDate: '' })).toEqual([]);
  });
});
