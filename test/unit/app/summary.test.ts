/**
 * Beslutsunderlag (src/app/summary.ts): the one page the steering group takes to its meeting, built from what
 * the journal verifies. Which decision is "the" theme and main speaker (the latest taken one, never a proposal
 * or a row waiting for review), the taken and pending lists, the rows waiting for review named, the event, the
 * guests and who made the page when. In memory, on the budget tests' workbook (test/unit/app/budget-fixture.ts).
 */
import { addGuest, approveGuests } from '../../../src/app/guests';
import { summaryView } from '../../../src/app/summary';
import type { Cell } from '../../../src/app/ports';
import { decisionRow, DECISIONS, PL, seed, STY } from './budget-fixture';

const EVENT: Cell[][] = [
  ['Evenemang', 'Public Services Summit 2009', ''], ['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', ''],
  ['Plats', 'Stockholms stadshus', ''], ['Sista svarsdag', '2009-11-20', ''],
];
/** A decision of `subject` dated `day` October 2009. */
const dated = (id: string, day: number, subject: string, status = 'Fattat'): Cell[] => {
  const row = decisionRow(id, `SG ${id}`, subject, status);
  row[1] = new Date(2009, 9, day);
  return row;
};

function workbook() {
  const p = seed({
    user: STY,
    event: EVENT,
    decisions: [
      ...DECISIONS, // B-0008: the theme, taken 20 October; B-0009 a proposal
      dated('B-0011', 25, 'Tema'), // a later theme: this one counts
      dated('B-0012', 28, 'Tema', 'Förslag'), // proposed after it: not taken
      dated('B-0013', 21, 'Huvudtalare'),
      dated('B-0014', 29, 'Huvudtalare', 'Upphävt'),
    ],
  });
  p.workbook.add('guests');
  p.user.current = PL;
  addGuest(p, { firstName: 'Astrid', lastName: 'Lindgren', organisation: 'Vimmerby kommun', email: 'astrid@example.se', language: 'sv', events: ['konferensen', 'representationsmiddagen'] });
  // Typed in by hand: on the page, marked as waiting for review.
  p.workbook.get('guests').grid.push(['G-0002', '', 'Ek', '', '', '', 'ek@example.se', 'en', 'konferensen', '', 'Föreslagen', '', '', '', 1, '', '', '', '']);
  p.user.current = STY;
  approveGuests(p, { ids: ['G-0001'], decision: 'B-0007' }); // the invitation list's decision
  return p;
}

test('the theme and the main speaker are the latest decisions taken on them, never a proposal or one revoked', () => {
  const v = summaryView(workbook());
  expect([v.theme?.text, v.theme?.status]).toEqual(['Beslut B-0011', 'Fattat']);
  expect([v.speaker?.text, v.speaker?.reference]).toEqual(['Beslut B-0013', 'SG B-0013']);
});

test('taken and pending decisions listed apart, newest first; a revoked one in neither', () => {
  const v = summaryView(workbook());
  expect(v.pending.map((d) => d.id)).toEqual(['B-0012', 'B-0009']);
  expect(v.taken.map((d) => d.id)).toEqual(['B-0011', 'B-0013', 'B-0008', 'B-0007', 'B-0006', 'B-0005', 'B-0004', 'B-0003', 'B-0002', 'B-0001']);
  expect(v.review).toEqual([]);
});

test('a decision changed by hand is named as waiting for review and is not the theme', () => {
  const p = workbook();
  const t = p.workbook.get('decisions');
  const row = t.grid.findIndex((r) => r[0] === 'B-0011');
  t.grid[row][3] = 'Ett annat tema';
  const v = summaryView(p);
  expect(v.theme?.text).toBe('Beslut B-0008');
  expect(v.review).toEqual([{ sv: `Beslut B-0011: Rad ${row + 1} väntar på granskning.`, en: `Decision B-0011: Row ${row + 1} waits for review.` }]);
});

test('no theme or speaker decided yet: none', () => {
  const v = summaryView(seed({ user: STY, event: EVENT, decisions: [dated('B-0001', 20, 'Tema', 'Förslag')] }));
  expect([v.theme, v.speaker, v.taken]).toEqual([null, null, []]);
});

test('who made it and when, the event as Evenemang says, the guests by name with their parts', () => {
  const p = workbook();
  p.user.current = PL;
  const v = summaryView(p);
  expect([v.user, v.roles, v.made]).toEqual([PL, ['projektledare'], p.clock.now().toISOString()]);
  expect(v.event).toEqual({ name: 'Public Services Summit 2009', startDate: '2009-12-08', endDate: '2009-12-09', venue: 'Stockholms stadshus', rsvpDeadline: '2009-11-20' });
  expect(v.guests).toEqual([
    { name: 'Astrid Lindgren', organisation: 'Vimmerby kommun', status: 'Godkänd', parts: ['konferensen', 'representationsmiddagen'], review: false },
    { name: 'Ek', organisation: '', status: 'Föreslagen', parts: ['konferensen'], review: true },
  ]);
  expect([v.cap, v.slotsUsed]).toEqual([30, 1]);
});
