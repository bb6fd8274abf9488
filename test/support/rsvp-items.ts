/** Test support: a memory workbook with three Program items and three invited guests, and the RSVP calls on it (test/unit/app/rsvp-items, waitlist). */
import { guardGuestEdit } from '../../src/app/guests';
import { answerRsvp, type RsvpAnswer, type Verify } from '../../src/app/rsvp';
import { saveProgramItem } from '../../src/app/program';
import { rsvpToken, verifyRsvpToken } from '../../src/core/rsvp';
import { journalled } from './journal';
import { memoryPorts, type MemoryPorts } from './memory';

export const SECRET = 'test-secret';
export const verify: Verify = (k) => verifyRsvpToken(SECRET, k.g, k.v, k.t, k.w);
const PL = 'pl@stockholm.se';
const SENT = new Date('2009-11-01T10:00:00Z');

/**
 * Items: P-001 the conference (no limit), P-002 the dinner (capacity 1), P-003 a study visit.
 * G-0001 Astrid (sv), G-0002 Bertil (en) and G-0003 Cecilia (sv), all invited to P-001 and P-002.
 * `seed`: changes to the seeded sheets before the journal seals them as the baseline.
 */
export function setupItems(capacity = '1', seed?: (p: MemoryPorts) => void): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Projektledare', PL, '']]);
  p.workbook.add('event', [
    ['Evenemang', 'Public Services Summit 2009', ''], ['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', ''],
    ['Plats', 'Stockholms stadshus', ''], ['Sista svarsdag', '2009-11-20', ''],
  ]);
  const row = (id: string, first: string, lang: string, events: string) =>
    [id, first, 'E', '', '', '', `${first.toLowerCase()}@example.se`, lang, events, '', 'Inbjuden', SENT, '', '', 1, '', '', ''];
  p.workbook.add('guests', [row('G-0001', 'Astrid', 'sv', 'P-001; P-002'), row('G-0002', 'Bertil', 'en', 'P-001; P-002'), row('G-0003', 'Cecilia', 'sv', 'P-001; P-002')]);
  seed?.(p);
  journalled(p);
  saveProgramItem(p, { title: 'Konferensen', type: 'plenarsession', date: '2009-12-08', start: '09:00', end: '17:00', organiser: 'staden' });
  saveProgramItem(p, { title: 'Middagen', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden', capacity });
  saveProgramItem(p, { title: 'Studiebesök', type: 'studiebesök', date: '2009-12-09', start: '13:00', end: '17:00', organiser: 'staden' });
  p.user.current = '';
  return p;
}

export const keyOf = (id: string) => ({ g: id, v: 1, t: rsvpToken(SECRET, id, 1) });
export const answer = (p: MemoryPorts, id: string, answers: Record<string, string>, extra: object = {}): RsvpAnswer =>
  answerRsvp(p, { ...keyOf(id), answers, ...extra }, verify);

/** The project leader types Återbud over guest `id`'s Status in Gäster: the cell changes, then the edit guard runs (onEdit). */
export function typeCancellation(p: MemoryPorts, id = 'G-0001') {
  p.user.current = PL;
  const g = p.workbook.get('guests');
  const row = g.grid.findIndex((r) => r[0] === id);
  const col = g.grid[0].indexOf('Status');
  const was = g.grid[row][col];
  g.grid[row][col] = 'Återbud';
  const d = guardGuestEdit(p, { row: row + 1, column: col + 1, numRows: 1, numColumns: 1, oldValue: was, value: 'Återbud' });
  p.user.current = '';
  return d;
}
