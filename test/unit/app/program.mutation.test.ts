/**
 * The Program sidebar's calls (src/app/program.ts) at the edges the other tests left open: the IDs the
 * schemas take, what the view offers each role, the costs per item, what Logg keeps, which rows can be
 * written, why an item can't be deleted, and the ID a row typed on the sheet gets. Found by StrykerJS
 * mutants that survived (npm run test:mutation).
 */
import { decideProgramItem, deleteProgramItem, programView, saveProgramItem } from '../../../src/app/program';
import { guardSheetEdit, listReview, resolveReview } from '../../../src/app/review';
import { UserError } from '../../../src/core/msg';
import { CATEGORIES } from '../../../src/core/schema';
import type { Cell } from '../../../src/app/ports';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';
import { costRow } from './budget-fixture';

const SG = 'sg@stockholm.se';
const PL = 'pl@stockholm.se';
const EKO = 'eko@stockholm.se';

function setup(o: { user?: string; guests?: string[][]; ledger?: Cell[][]; leader?: boolean } = {}): MemoryPorts {
  const p = memoryPorts(o.user ?? PL);
  p.workbook.add('settings', [
    ['Totalbudget', 800000, ''], ['Ekonomi', EKO, ''], ['Styrgrupp', SG, ''], ...(o.leader === false ? [] : [['Projektledare', PL, '']]),
  ]);
  p.workbook.add('budget', [['STOKAB', 800000, '', '']]);
  p.workbook.add('ledger', o.ledger ?? []);
  p.workbook.add('event', [['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', '']]);
  p.workbook.add('guests', (o.guests ?? []).map(([id, status, events], i) => [id, `F${i}`, `E${i}`, '', '', '', `g${i}@example.se`, 'sv', events, '', status, '', '', '']));
  p.workbook.add('log');
  return journalled(p);
}
const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
const recs = (p: MemoryPorts) => p.workbook.get('program').records();
const logs = (p: MemoryPorts) => p.workbook.get('log').records().filter((r) => r['Åtgärd'] !== 'arbetsbok.baslinje');
const json = (v: unknown): Record<string, unknown> => JSON.parse(String(v)) as Record<string, unknown>;
const visit = { title: 'Studiebesök i Kista', type: 'studiebesök', date: '2009-12-09', start: '13:00', end: '17:00', organiser: 'staden', place: 'Kista' };
const dinner = { title: 'Representationsmiddag', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden', capacity: '3' };

function refusal(fn: () => unknown): { sv: string; field: string | undefined } {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return { sv: e.userMessage.sv, field: e.field };
    throw e;
  }
  throw new Error('not refused');
}

// First in the file on purpose: the schemas are built on first use, so this test is the one that runs them.
test('the calls take only whole item IDs "P-" and 1–6 digits, and refuse anything else naming the field', () => {
  const p = setup();
  expect(saveProgramItem(p, visit).id).toBe('P-001');
  const badId = { sv: 'Ogiltiga uppgifter (id). Inget sparades.', field: 'id' };
  for (const id of ['P-0000001', 'xP-001', 'P-001x', 'P-abc', 'P-', 'p-001']) {
    expect(refusal(() => saveProgramItem(p, { ...visit, id }))).toEqual(badId);
    expect(refusal(() => decideProgramItem(as(p, SG), { id, status: 'beslutad' }))).toEqual(badId);
    expect(refusal(() => deleteProgramItem(as(p, PL), { id }))).toEqual(badId);
  }
  expect(refusal(() => saveProgramItem(p, null))).toEqual({ sv: 'Ogiltiga uppgifter. Inget sparades.', field: undefined });
  expect(saveProgramItem(as(p, PL), { ...visit, id: 'P-001', place: 'Hötorget' }).message.sv).toBe('P-001 är sparad.');
  expect(decideProgramItem(as(p, SG), { id: 'P-001', status: 'beslutad' }).message.sv).toBe('P-001 är nu beslutad.');
  expect(decideProgramItem(p, { id: 'P-001', status: 'förslag' }).message.sv).toBe('P-001 är nu förslag.');
  expect(deleteProgramItem(as(p, PL), { id: 'P-001' }).message.sv).toBe('P-001 är borttagen.');
});

describe('the view', () => {
  test('items in programme order; what each role may do; the lists the form offers', () => {
    const p = setup();
    saveProgramItem(p, visit);
    saveProgramItem(p, dinner);
    saveProgramItem(p, { ...dinner, title: 'Lunch', start: '12:00', end: '13:00' });
    const v = programView(p);
    expect(v.items.map((i) => i.id)).toEqual(['P-003', 'P-002', 'P-001']);
    expect([v.mayEdit, v.mayDecide, v.projectLeader, v.startDate, v.endDate]).toEqual([true, false, PL, '2009-12-08', '2009-12-09']);
    expect(v.types).toHaveLength(8);
    expect(v.types).toContainEqual({ value: 'studiebesök', en: 'study visit' });
    expect([v.organisers, v.statuses, v.categories]).toEqual([['staden', 'staden och Cisco'], ['förslag', 'beslutad'], [...CATEGORIES]]);
    const sg = programView(as(p, SG));
    expect([sg.mayEdit, sg.mayDecide]).toEqual([false, true]);
  });
  test('without a project leader on Inställningar the view names none', () => {
    expect(programView(setup({ user: SG, leader: false })).projectLeader).toBe('');
  });
  test('each item\'s costs in Kostnader, and what its budget category has booked in all', () => {
    const tied = [...costRow({ id: 'K-0001', category: 'studiebesök', amount: 100 }), 'P-001'];
    const other = [...costRow({ id: 'K-0002', category: 'studiebesök', amount: 50 }), ''];
    const elsewhere = [...costRow({ id: 'K-0003', category: 'övrigt', amount: 7 }), ''];
    const p = setup({ ledger: [tied, other, elsewhere] });
    saveProgramItem(p, visit);
    saveProgramItem(p, dinner);
    const [dinnerView, visitView] = programView(p).items;
    expect(visitView.cost).toEqual({ booked: 10_000, costs: 1, categoryBooked: 15_000 });
    expect(dinnerView.cost).toEqual({ booked: 0, costs: 0, categoryBooked: 0 });
    expect(refusal(() => deleteProgramItem(p, { id: 'P-001' }))).toEqual({
      sv: 'P-001 kan inte tas bort: kostnaden K-0001 hör till den. Ändra först dess programpunkt i Kostnader.', field: 'id',
    });
    expect(deleteProgramItem(p, { id: 'P-002' }).message.sv).toBe('P-002 är borttagen.');
  });
});

describe('saving', () => {
  test('what is not sent is empty; Logg keeps the item before and after, without the responsible person and the note', () => {
    const p = setup();
    saveProgramItem(p, { ...visit, place: undefined, note: 'ring först' });
    expect(recs(p)[0]).toMatchObject({ Plats: '', Anteckning: 'ring först', Kategori: 'studiebesök', Ansvarig: PL, Status: 'förslag' });
    saveProgramItem(p, { ...visit, id: 'P-001', place: 'Hötorget' });
    expect(recs(p)[0]).toMatchObject({ Plats: 'Hötorget', Anteckning: '' });
    const [added, changed] = logs(p);
    expect(json(added['Efter'])).toMatchObject({ ID: 'P-001', Rubrik: 'Studiebesök i Kista', Plats: '' });
    expect([json(changed['Före']).Plats, json(changed['Efter']).Plats]).toEqual(['', 'Hötorget']);
    for (const r of [added, changed]) {
      expect(String(r['Före']) + String(r['Efter'])).not.toContain(PL);
      expect(json(r['Efter'])).not.toHaveProperty('Anteckning');
    }
  });
  test('`added` runs once for a new item, not for a change', () => {
    const p = setup();
    const added = jest.fn();
    saveProgramItem(p, visit, undefined, added);
    expect(added).toHaveBeenCalledTimes(1);
    saveProgramItem(p, { ...visit, id: 'P-001', place: 'Hötorget' }, () => () => 'https://example.org/exec', added);
    expect(added).toHaveBeenCalledTimes(1);
  });
  test('a capacity may come down to the guests who said yes, not below', () => {
    const p = setup({ guests: [['G-0001', 'Tackat ja', 'P-001'], ['G-0002', 'Tackat ja', 'P-001']] });
    saveProgramItem(p, dinner);
    expect(saveProgramItem(p, { ...dinner, id: 'P-001', capacity: 2 }).message.sv).toBe('P-001 är sparad.');
    expect(recs(p)[0].Kapacitet).toBe(2);
  });
  test('an ID whose row was deleted on the sheet is not given again while the deletion waits for review', () => {
    const p = setup();
    saveProgramItem(p, visit);
    p.workbook.get('program').grid.splice(1, 1);
    expect(saveProgramItem(p, dinner).id).toBe('P-002');
  });
});

describe('rows that can\'t be written now', () => {
  test('an ID that no row has', () => {
    const p = setup();
    expect(refusal(() => saveProgramItem(p, { ...visit, id: 'P-009' }))).toEqual({ sv: 'Programpunkten P-009 finns inte. Ladda om listan.', field: 'id' });
    expect(refusal(() => decideProgramItem(as(p, SG), { id: 'P-009', status: 'beslutad' })).field).toBe('id');
  });
  test('a row deleted or changed on the sheet, until it has been reviewed', () => {
    const p = setup();
    saveProgramItem(p, visit);
    saveProgramItem(p, dinner);
    const t = p.workbook.get('program');
    t.grid[1][(t.grid[0] as string[]).indexOf('Plats')] = 'Skansen';
    t.grid.splice(2, 1);
    for (const id of ['P-001', 'P-002']) {
      const r = refusal(() => saveProgramItem(as(p, PL), { ...visit, id }));
      expect([r.field, r.sv.startsWith(`${id} kan inte ändras nu:`)]).toEqual(['id', true]);
      expect(refusal(() => decideProgramItem(as(p, SG), { id, status: 'beslutad' })).sv.startsWith(`${id} kan inte ändras nu:`)).toBe(true);
    }
  });
});

describe('deciding', () => {
  test('the same status again changes nothing and logs nothing; a change logs the status before and after', () => {
    const p = setup();
    saveProgramItem(p, visit);
    as(p, SG);
    expect(decideProgramItem(p, { id: 'P-001', status: 'förslag' }).message.sv).toBe('P-001 är redan förslag.');
    expect(logs(p)).toHaveLength(1);
    decideProgramItem(p, { id: 'P-001', status: 'beslutad' });
    const last = logs(p).at(-1)!;
    expect([last['Åtgärd'], json(last['Före']), json(last['Efter'])]).toEqual(['programpunkt.status', { Status: 'förslag' }, { Status: 'beslutad' }]);
  });
});

describe('deleting', () => {
  test('refused, naming the ID field, while a guest is invited: by ID typed any way (mailed or not), or by title', () => {
    for (const [status, events] of [['Godkänd', ' p-001 '], ['Godkänd', 'P-002, p-001'], ['Inbjuden', 'studiebesök i kista']]) {
      const p = setup({ guests: [['G-0001', status, events]] });
      saveProgramItem(p, visit);
      expect(refusal(() => deleteProgramItem(p, { id: 'P-001' }))).toEqual({
        sv: 'P-001 kan inte tas bort: 1 gäst är inbjuden till den. Ta först bort den från gästerna i Gäster.', field: 'id',
      });
    }
  });
  test('a guest invited to another item does not hold this one', () => {
    const p = setup({ guests: [['G-0001', 'Inbjuden', 'P-002'], ['G-0002', 'Godkänd', 'P-002']] });
    saveProgramItem(p, visit);
    deleteProgramItem(p, { id: 'P-001' });
    const last = logs(p).at(-1)!;
    expect([last['Åtgärd'], last['Objekt'], json(last['Före']).Rubrik]).toEqual(['programpunkt.borttagen', 'P-001', 'Studiebesök i Kista']);
    expect(programView(p).items).toEqual([]);
  });
});

describe('a row typed on the sheet gets its ID at review', () => {
  function typeRow(p: MemoryPorts, id: string) {
    const t = p.workbook.get('program');
    const values: Record<string, Cell> = { ID: id, Datum: new Date(2009, 11, 8), Start: '10:00', Slut: '11:00', Rubrik: 'Presskonferens', Typ: 'kommunikation', Arrangör: 'staden' };
    t.grid.push((t.grid[0] as string[]).map((h) => values[h] ?? ''));
  }
  const confirmNew = (p: MemoryPorts) => {
    const item = listReview(p).items.find((i) => i.table === 'program' && i.kind !== 'missing')!;
    resolveReview(p, { id: item.id, action: 'confirm' });
  };
  test.each([
    [' P-005 ', 'P-005'], ['P-001', 'P-002'], ['X-1', 'P-002'], ['xP-005', 'P-002'], ['P-0000009', 'P-002'], ['', 'P-002'],
  ])('typed ID %j: %s (a free, whole ID is kept; a taken or malformed one replaced)', (typed, want) => {
    const p = setup();
    saveProgramItem(p, visit);
    typeRow(p, typed);
    confirmNew(p);
    expect(recs(p).map((r) => r.ID)).toEqual(['P-001', want]);
  });
  test('a typed ID too long for the calls does not push the numbering past them: the row gets the next short ID, which can be decided', () => {
    const p = setup();
    saveProgramItem(p, visit);
    typeRow(p, 'P-9999999');
    confirmNew(p);
    expect(recs(p).map((r) => r.ID)).toEqual(['P-001', 'P-002']);
    expect(decideProgramItem(as(p, SG), { id: 'P-002', status: 'beslutad' }).message.sv).toBe('P-002 är nu beslutad.');
  });
  test('the ID of a written row can\'t be changed on the sheet', () => {
    const p = setup();
    saveProgramItem(p, visit);
    const t = p.workbook.get('program');
    t.grid[1][(t.grid[0] as string[]).indexOf('ID')] = 'P-009';
    expect(guardSheetEdit(p, 'program', { row: 2, column: 1, numRows: 1, numColumns: 1 })).not.toBeNull();
    const item = listReview(p).items.find((i) => i.table === 'program')!;
    expect(() => resolveReview(p, { id: item.id, action: 'confirm' })).toThrow('ID: sätts av Summit Planner och kan inte ändras.');
  });
});
