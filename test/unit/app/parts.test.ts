/**
 * What guests are invited to (src/app/parts.ts): the old free-text parts (Evenemang → Evenemangsdelar) while the
 * journal has never held a Program row, the programme's items from then on (in programme order, even after the
 * last is deleted); and, for one guest, the calendar entries and the lines of {{Inbjuden till}} and the RSVP
 * page: only what the guest was invited to, each item with its own title, day and times. Found by StrykerJS
 * mutants that survived (npm run test:mutation).
 */
import { Journal } from '../../../src/app/journal';
import { guestOccurrences, guestSchedule, legacyParts, partsOf, type Parts } from '../../../src/app/parts';
import { deleteProgramItem, saveProgramItem } from '../../../src/app/program';
import type { ProgramItem } from '../../../src/core/program';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';

const PL = 'pl@stockholm.se';
const OLD = { events: ['konferensen', 'representationsmiddagen', 'studiebesök'] };
const s = { eventName: 'Public Services Summit', startDate: '2009-12-08', endDate: '2009-12-09', venue: 'Stockholms stadshus' };

function setup(): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Projektledare', PL, '']]);
  p.workbook.add('event', [['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', '']]);
  return journalled(p);
}

const item = (id: string, title: string, date: string, start: string, end: string, place = ''): ProgramItem => ({
  id, title, type: 'plenarsession', date, start, end, place, organiser: 'staden', responsible: PL, capacity: null,
  category: 'plenarsessioner', status: 'beslutad', note: '',
});
// In programme order (as partsOf gives them).
const conference = item('P-003', 'Konferensen', '2009-12-08', '09:00', '17:00');
const dinner = item('P-002', 'Representationsmiddag', '2009-12-08', '19:00', '23:00', 'Blå hallen');
const visit = item('P-001', 'Studiebesök i Kista', '2009-12-09', '13:00', '17:00', 'Kista');
const programme: Parts = { known: [conference, dinner, visit], items: [conference, dinner, visit] };
const legacy: Parts = { known: OLD.events, items: null };

describe('which parts are in effect', () => {
  test('a journal that has never held a Program row: the old parts from Evenemang, no items', () => {
    const p = setup();
    const journal = new Journal(p);
    expect(legacyParts(journal)).toBe(true);
    expect(partsOf(journal, OLD)).toEqual({ known: ['konferensen', 'representationsmiddagen', 'studiebesök'], items: null });
  });

  test('once Program holds items: the items in programme order (day, start), whatever Evenemang still lists', () => {
    const p = setup();
    saveProgramItem(p, { title: 'Studiebesök i Kista', type: 'studiebesök', date: '2009-12-09', start: '13:00', end: '17:00', organiser: 'staden' });
    saveProgramItem(p, { title: 'Representationsmiddag', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden' });
    saveProgramItem(p, { title: 'Konferensen', type: 'plenarsession', date: '2009-12-08', start: '09:00', end: '17:00', organiser: 'staden' });
    const journal = new Journal(p);
    expect(legacyParts(journal)).toBe(false);
    const parts = partsOf(journal, OLD);
    expect(parts.items?.map((it) => [it.id, it.title, it.date, it.start])).toEqual([
      ['P-003', 'Konferensen', '2009-12-08', '09:00'],
      ['P-002', 'Representationsmiddag', '2009-12-08', '19:00'],
      ['P-001', 'Studiebesök i Kista', '2009-12-09', '13:00'],
    ]);
    expect(parts.known).toEqual(parts.items);
  });

  test('the last item deleted: no parts at all, not the old ones back', () => {
    const p = setup();
    saveProgramItem(p, { title: 'Konferensen', type: 'plenarsession', date: '2009-12-08', start: '09:00', end: '17:00', organiser: 'staden' });
    deleteProgramItem(p, { id: 'P-001' });
    const journal = new Journal(p);
    expect(legacyParts(journal)).toBe(false);
    expect(partsOf(journal, OLD)).toEqual({ known: [], items: [] });
  });
});

describe('one guest\'s calendar entries', () => {
  test('items: only those the guest names (by ID or title, any case), once each, in programme order, with their own times and place', () => {
    expect(guestOccurrences(programme, ['studiebesök i kista', 'P-003', 'Konferensen', 'okänd del'], s)).toEqual([
      { key: 'P-003', summary: 'Public Services Summit – Konferensen', location: 'Stockholms stadshus', date: '2009-12-08', start: '09:00', end: '17:00' },
      { key: 'P-001', summary: 'Public Services Summit – Studiebesök i Kista', location: 'Kista', date: '2009-12-09', start: '13:00', end: '17:00' },
    ]);
    expect(guestOccurrences(programme, ['p-002'], s).map((o) => [o.key, o.location, o.start, o.end])).toEqual([['P-002', 'Blå hallen', '19:00', '23:00']]);
    expect(guestOccurrences(programme, [], s)).toEqual([]);
  });

  test('the old parts: their old fixed times, the conference on every day', () => {
    expect(guestOccurrences(legacy, ['konferensen', 'representationsmiddagen'], s).map((o) => [o.key, o.summary, o.date, o.start, o.end])).toEqual([
      ['konferensen#2009-12-08', 'Public Services Summit – konferensen', '2009-12-08', '09:00', '17:00'],
      ['konferensen#2009-12-09', 'Public Services Summit – konferensen', '2009-12-09', '09:00', '17:00'],
      ['representationsmiddagen', 'Public Services Summit – representationsmiddagen', '2009-12-08', '19:00', '23:00'],
    ]);
  });
});

describe('one guest\'s programme lines ({{Inbjuden till}}, the RSVP page)', () => {
  test('items: each named by its title (not its ID), with its day and times, in programme order', () => {
    expect(guestSchedule(programme, ['P-001', 'p-002'], s)).toEqual([
      { name: 'Representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00' },
      { name: 'Studiebesök i Kista', date: '2009-12-09', start: '13:00', end: '17:00' },
    ]);
  });

  test('the old parts: the part\'s name on each of its days (not the calendar key with the date)', () => {
    expect(guestSchedule(legacy, ['konferensen', 'studiebesök'], s)).toEqual([
      { name: 'konferensen', date: '2009-12-08', start: '09:00', end: '17:00' },
      { name: 'konferensen', date: '2009-12-09', start: '09:00', end: '17:00' },
      { name: 'studiebesök', date: '2009-12-09', start: '13:00', end: '17:00' },
    ]);
  });
});
