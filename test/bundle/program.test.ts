/**
 * Programme (issue 10), run from the built Code.js in the emulator: the Program sidebar's calls with
 * their role checks and refusals, edits typed on the Program sheet going to review, and set-up
 * carrying a workbook's old free-text parts (Evenemang → Evenemangsdelar) over to items.
 */
import { CODE, EKO, NOBODY, PL, STY, api, lastLog, logActions, run, setUpWorkbook, snapshot } from '../support/bundle';
import { workbookWithGuests } from '../support/invitations';
import type { ProgramView } from '../../src/app/program';
import type { Emulator } from '../../src/sandbox/emulator';

const VISIT = { title: 'Studiebesök på Stokab', type: 'studiebesök', date: '2009-12-09', start: '13:00', end: '16:30', organiser: 'staden', place: 'Kista', capacity: '12' };
const refusal = (r: { ok: boolean; message?: string; field?: string }) => {
  if (r.ok) throw new Error('not refused');
  return { message: r.message, field: r.field };
};
const view = (emu: Emulator, user = PL) => {
  const r = api<ProgramView>(emu, 'getProgram', [], user);
  if (!r.ok) throw new Error(r.message);
  return r.data;
};

describe('the Program sidebar', () => {
  test('opens as a 300 px sidebar titled like its menu item', () => {
    const emu = setUpWorkbook();
    const r = run(emu, 'menuProgram', [], { user: NOBODY });
    expect(r.ui.sidebar?.title).toBe('Program');
    expect(r.ui.sidebar?.html).toContain('id="items"');
  });

  test('set-up made the default parts items; anyone may read them, told who may write', () => {
    const emu = setUpWorkbook();
    const v = view(emu, NOBODY);
    expect(v.items.map((i) => [i.id, i.title, i.date, i.start, i.end, i.status])).toEqual([
      ['P-001', 'konferensen', '2009-12-08', '09:00', '17:00', 'förslag'],
      ['P-003', 'representationsmiddagen', '2009-12-08', '19:00', '23:00', 'förslag'],
      ['P-002', 'konferensen', '2009-12-09', '09:00', '17:00', 'förslag'],
      ['P-004', 'studiebesök', '2009-12-09', '13:00', '17:00', 'förslag'],
    ]);
    expect([v.mayEdit, v.mayDecide, v.projectLeader]).toEqual([false, false, PL]);
    expect(view(emu, PL).mayEdit).toBe(true);
    expect(view(emu, STY).mayDecide).toBe(true);
  });

  test('the project leader adds an item; it is sealed and logged; the steering group decides it', () => {
    const emu = setUpWorkbook();
    const r = api<{ id: string; message: string }>(emu, 'saveProgramItem', [VISIT], PL);
    expect(r).toEqual({ ok: true, data: { id: 'P-005', message: 'P-005 är tillagd som förslag.' } });
    expect(lastLog(emu)).toMatchObject({ user: PL, action: 'programpunkt.tillagd', object: 'P-005' });
    const row = emu.sheetValues('Program').find((x) => x[0] === 'P-005')!;
    expect(row.slice(2, 4)).toEqual(['13:00', '16:30']); // text, never a time-of-day cell
    expect(api(emu, 'decideProgramItem', [{ id: 'P-005', status: 'beslutad' }], STY)).toEqual({ ok: true, data: { message: 'P-005 är nu beslutad.' } });
    expect(view(emu).items.find((i) => i.id === 'P-005')).toMatchObject({ status: 'beslutad', capacity: 12, category: 'studiebesök', responsible: PL });
  });

  test('refusals name their field and reason, change nothing and are logged', () => {
    const emu = setUpWorkbook();
    const before = snapshot(emu);
    expect(refusal(api(emu, 'saveProgramItem', [{ ...VISIT, date: '2009-12-10' }], PL) as never)).toEqual({
      field: 'date',
      message: 'Datum: 2009-12-10 ligger utanför konferensens dagar (2009-12-08–2009-12-09); beslutet tillåter studiebesök bara under konferensen. Inget sparades.',
    });
    expect(logActions(emu).at(-1)).toBe('vägrad');
    expect(refusal(api(emu, 'saveProgramItem', [{ ...VISIT, capacity: '-1' }], PL) as never).field).toBe('capacity');
    expect(refusal(api(emu, 'saveProgramItem', [VISIT], STY) as never).message).toMatch(/^Du saknar behörighet: bara projektledaren får göra detta/);
    expect(refusal(api(emu, 'saveProgramItem', [VISIT], EKO) as never).message).toMatch(/bara projektledaren/);
    expect(refusal(api(emu, 'decideProgramItem', [{ id: 'P-001', status: 'beslutad' }], PL) as never).message).toMatch(/bara styrgruppen/);
    expect(refusal(api(emu, 'saveProgramItem', [{ ...VISIT, title: 7 }], PL) as never)).toMatchObject({ field: 'title' });
    expect(refusal(api(emu, 'deleteProgramItem', [{ id: 'P-001' }], NOBODY) as never).message).toMatch(/bara projektledaren/);
    expect(snapshot(emu)).toBe(before);
  });

  test('per item: invited, answers and seats left, as the guest list has them', () => {
    const emu = workbookWithGuests(3);
    // The guests were imported to "konferensen, representationsmiddagen": both conference days and the dinner.
    expect(view(emu).items.map((i) => [i.id, i.counts.invited])).toEqual([['P-001', 0], ['P-003', 0], ['P-002', 0], ['P-004', 0]]);
    const guests = emu.sheetValues('Gäster');
    expect(guests[1][guests[0].indexOf('Evenemang')]).toBe('P-001; P-002; P-003');
  });
});

describe('edits on the Program sheet', () => {
  test('a typed change is put to review: it does not count until confirmed, and the confirm judges it by the same rules', () => {
    const emu = setUpWorkbook();
    const col = emu.sheetValues('Program')[0].indexOf('Datum') + 1;
    const r = emu.fireEdit(CODE, { sheet: 'Program', row: 5, col, values: [['2009-12-12']], user: PL });
    expect(r.ui.toasts[0].msg).toMatch(/Program rad 5 \(P-004\): ändrad utanför Summit Planner \(Datum 2009-12-09 → 2009-12-12\).*Granska ändringar/);
    expect(view(emu).items.find((i) => i.id === 'P-004')).toMatchObject({ date: '2009-12-09', review: true });
    expect(view(emu).review[0].sv).toMatch(/Program rad 5 \(P-004\)/);
    const id = 'program:5:P-004';
    const refused = api(emu, 'decideChange', [{ id, action: 'confirm' }], PL) as { ok: false; message: string };
    expect(refused.message).toMatch(/2009-12-12 ligger utanför konferensens dagar/);
    expect(api(emu, 'decideChange', [{ id, action: 'undo' }], PL).ok).toBe(true);
    expect(view(emu).items.find((i) => i.id === 'P-004')).toMatchObject({ date: '2009-12-09', review: false });
  });

  test('a deleted row is found and blocks changing the item until it is restored', () => {
    const emu = setUpWorkbook();
    const st = emu.state.spreadsheet.sheets.find((s) => s.name === 'Program')!;
    st.rows.splice(1, 1);
    const r = api(emu, 'saveProgramItem', [{ ...VISIT, id: 'P-001' }], PL) as { ok: false; message: string };
    expect(r.message).toMatch(/P-001 kan inte ändras nu: Program: raden P-001 har tagits bort utanför Summit Planner/);
  });
});

describe('set-up carries the old free-text parts over', () => {
  /**
   * A workbook of the previous version: guests invited to the parts by name, the parts in the
   * Evenemangsdelar setting, an empty Program. The journal of this emulator is dropped so that
   * set-up starts it afresh over these rows (as on a workbook from before the journal).
   */
  function olderWorkbook(): Emulator {
    const emu = workbookWithGuests(3);
    const sheets = emu.state.spreadsheet.sheets;
    const program = sheets.find((s) => s.name === 'Program')!;
    program.rows.length = 1;
    const guests = sheets.find((s) => s.name === 'Gäster')!;
    const ev = emu.sheetValues('Gäster')[0].indexOf('Evenemang');
    guests.rows[1]![ev] = { v: 'konferensen; representationsmiddagen' };
    guests.rows[2]![ev] = { v: 'Studiebesök' };
    guests.rows[3]![ev] = { v: 'presskonferens okänd' };
    sheets.find((s) => s.name === 'Evenemang')!.rows.push(['Evenemangsdelar', 'konferensen; representationsmiddagen; studiebesök', 'Delar av evenemanget'].map((v) => ({ v })));
    for (const k of Object.keys(emu.state.scriptProperties)) if (k.startsWith('summit.')) delete emu.state.scriptProperties[k];
    return emu;
  }

  test('the parts become items at the times the old calendars gave; the guests\' parts become their IDs; nothing is lost', () => {
    const emu = olderWorkbook();
    const r = run(emu, 'menuSetup', [], { user: PL });
    expect(r.ui.toasts[0].msg).toMatch(/Program: 4 programpunkter från Evenemangsdelar, 2 gäster inbjudna till dem/);
    expect(view(emu).items.map((i) => [i.id, i.title, i.date, i.start, i.end])).toEqual([
      ['P-001', 'konferensen', '2009-12-08', '09:00', '17:00'],
      ['P-003', 'representationsmiddagen', '2009-12-08', '19:00', '23:00'],
      ['P-002', 'konferensen', '2009-12-09', '09:00', '17:00'],
      ['P-004', 'studiebesök', '2009-12-09', '13:00', '17:00'],
    ]);
    const g = emu.sheetValues('Gäster');
    const ev = g[0].indexOf('Evenemang');
    // A name that was no part stays as typed: nothing is dropped silently.
    expect(g.slice(1, 4).map((x) => x[ev])).toEqual(['P-001; P-002; P-003', 'P-004', 'presskonferens okänd']);
    expect(emu.sheetValues('Evenemang').some((x) => x[0] === 'Evenemangsdelar')).toBe(false);
    expect(logActions(emu)).toEqual(expect.arrayContaining(['programpunkt.överförd', 'gäst.programpunkter', 'inställning.ersatt']));
    // Once carried over it never runs again: a second set-up changes nothing.
    const once = snapshot(emu);
    run(emu, 'menuSetup', [], { user: PL });
    expect(snapshot(emu)).toBe(once);
    // The invitation lists the items with dates and times, and the .ics holds them.
    const p = api<{ text: string; ics: string }>(emu, 'previewMail', [{ guestId: 'G-0001' }], PL);
    if (!p.ok) throw new Error(p.message);
    expect(p.data.text).toContain('Du är inbjuden till: konferensen, 8 december 2009 09:00–17:00; representationsmiddagen, 8 december 2009 19:00–23:00; konferensen, 9 december 2009 09:00–17:00.');
    expect(p.data.ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(p.data.ics).toContain('DTSTART;TZID=Europe/Stockholm:20091208T190000');
  });

  test('before set-up has run on it, the programme says to run set-up (without a journal nothing can be verified)', () => {
    const emu = olderWorkbook();
    expect((api(emu, 'getProgram', [], PL) as { ok: false; message: string }).message).toMatch(/kör Summit Planner → Konfigurera arbetsboken/);
  });
});
