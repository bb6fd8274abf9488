/**
 * Per-item counts (issue 10): Översikt's item section (formulas over Gäster) says what the Program sidebar
 * says (itemCounts over the journal's Gäster) for invited / yes / no / not answered / seats left, after
 * overall answers, per-item answers, a cancellation and an open offer. Run from the built Code.js.
 */
import { PL, STY, api } from '../support/bundle';
import { sealedWrite } from '../support/inprocess';
import { sendAll, workbookWithGuests } from '../support/invitations';
import type { ProgramView } from '../../src/app/program';
import type { Emulator } from '../../src/sandbox/emulator';

const must = <T>(r: { ok: true; data: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.data;
};
/** Översikt's item rows by ID: [invited, yes, no, not answered, seats left]. */
function sheetCounts(emu: Emulator): Map<string, unknown[]> {
  const rows = emu.sheetValues('Översikt');
  const at = rows.findIndex((r) => r[0] === 'Programpunkt');
  expect(rows[at].slice(5, 10)).toEqual(['Inbjudna', 'Tackat ja', 'Tackat nej', 'Ej svarat', 'Platser kvar']);
  return new Map(rows.slice(at + 1).filter((r) => r[0] !== '').map((r) => [String(r[0]), r.slice(5, 10)]));
}
function sidebarCounts(emu: Emulator): Map<string, unknown[]> {
  const v = must(api<ProgramView>(emu, 'getProgram', [], STY));
  return new Map(v.items.map((i) => [i.id, [i.counts.invited, i.counts.yes, i.counts.no, i.counts.notAnswered, i.counts.seatsLeft ?? 'obegränsat']]));
}

test('Översikt counts each item as the Program sidebar does', () => {
  const emu = workbookWithGuests(5); // each invited to the conference's two days (P-001, P-002) and the dinner (P-003)
  const dinner = must(api<ProgramView>(emu, 'getProgram', [], PL)).items.find((i) => i.id === 'P-003')!;
  const { id, title, type, date, start, end, place, organiser, responsible, category, note } = dinner;
  must(api(emu, 'saveProgramItem', [{ id, title, type, date, start, end, place, organiser, responsible, category, note, capacity: '3' }], PL));
  expect(sheetCounts(emu).get('P-003')).toEqual([0, 0, 0, 0, 3]); // approved, not yet mailed: not invited
  sendAll(emu);
  expect(sheetCounts(emu)).toEqual(sidebarCounts(emu));
  expect(sheetCounts(emu).get('P-001')).toEqual([5, 0, 0, 5, 'obegränsat']);

  // As the RSVP page and the offers leave Gäster (sealed): an overall yes, per-item answers, a cancellation
  // that overrides them, an open offer of a dinner seat (it holds the seat).
  const set = (id: string, values: Record<string, string>) => sealedWrite(emu, PL, 'guests', id, values);
  set('G-0001', { Status: 'Tackat ja' });
  set('G-0002', { Status: 'Tackat ja', 'Svar per punkt': 'P-001: ja; P-002: nej; P-003: nej' });
  set('G-0003', { Status: 'Återbud', 'Svar per punkt': 'P-001: ja; P-003: ja' });
  set('G-0004', { Status: 'Tackat ja', 'Svar per punkt': 'P-003: ja' });
  set('G-0005', { 'Svar per punkt': 'P-003: erbjuden 2099-12-01T12:00:00.000Z' });
  const sheet = sheetCounts(emu);
  expect(sheet).toEqual(sidebarCounts(emu));
  expect(sheet.get('P-001')).toEqual([5, 2, 1, 2, 'obegränsat']);
  expect(sheet.get('P-002')).toEqual([5, 1, 2, 2, 'obegränsat']);
  expect(sheet.get('P-003')).toEqual([5, 2, 2, 1, 0]); // 3 seats: two yes, one held by the offer
});
