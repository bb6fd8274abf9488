import { decideProgramItem, deleteProgramItem, programView, saveProgramItem } from '../../../src/app/program';
import { readProgram } from '../../../src/app/program-rows';
import { Journal } from '../../../src/app/journal';
import { guardSheetEdit, listReview, resolveReview } from '../../../src/app/review';
import { UserError } from '../../../src/core/msg';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';

const SG = 'sg@stockholm.se';
const PL = 'pl@stockholm.se';

function setup(user = PL, guests: string[][] = []): MemoryPorts {
  const p = memoryPorts(user);
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, '']]);
  p.workbook.add('event', [['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', '']]);
  p.workbook.add('guests', guests.map(([id, status, events], i) => [id, `F${i}`, `E${i}`, '', '', '', `g${i}@example.se`, 'sv', events, '', status, '', '', '']));
  p.workbook.add('log');
  return journalled(p);
}
const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
const recs = (p: MemoryPorts) => p.workbook.get('program').records();
const actions = (p: MemoryPorts) => p.workbook.get('log').records().map((r) => r['Åtgärd']).filter((a) => a !== 'arbetsbok.baslinje');
const visit = { title: 'Studiebesök i Kista', type: 'studiebesök', date: '2009-12-09', start: '13:00', end: '17:00', organiser: 'staden', place: 'Kista' };
const dinner = { title: 'Representationsmiddag', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden', capacity: '2' };

/** The refusal's message and field. */
function refusal(fn: () => unknown): { sv: string; field: string | undefined } {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return { sv: e.userMessage.sv, field: e.field };
    throw e;
  }
  throw new Error('not refused');
}

describe('Program sidebar calls', () => {
  test('the project leader adds a proposal: sealed, times as text, logged; the default responsible and category', () => {
    const p = setup();
    expect(saveProgramItem(p, visit).id).toBe('P-001');
    expect(recs(p)[0]).toMatchObject({ ID: 'P-001', Start: '13:00', Slut: '17:00', Typ: 'studiebesök', Ansvarig: PL, Kategori: 'studiebesök', Status: 'förslag', Kapacitet: '' });
    expect(recs(p)[0].Datum).toBeInstanceOf(Date);
    expect(String(recs(p)[0].Sigill)).toMatch(/^S1\|/);
    expect(actions(p)).toEqual(['programpunkt.tillagd']);
    expect(programView(p).items.map((i) => [i.id, i.date, i.start, i.review])).toEqual([['P-001', '2009-12-09', '13:00', false]]);
  });
  test('a study visit outside the conference days is refused with that reason, naming the date field; nothing written', () => {
    const p = setup();
    const r = refusal(() => saveProgramItem(p, { ...visit, date: '2009-12-10' }));
    expect(r.field).toBe('date');
    expect(r.sv).toContain('2009-12-10 ligger utanför konferensens dagar (2009-12-08–2009-12-09)');
    expect(recs(p)).toHaveLength(0);
  });
  test.each([
    [{ ...visit, capacity: '0' }, 'capacity', 'Kapacitet'],
    [{ ...visit, type: 'fest' }, 'type', 'Typ'],
    [{ ...visit, start: '13:00', end: '13:00' }, 'end', 'Slut'],
    [{ ...visit, organiser: 'Cisco' }, 'organiser', 'Arrangör'],
  ])('refuses %j naming %s', (input, field, label) => {
    const r = refusal(() => saveProgramItem(setup(), input));
    expect(r.field).toBe(field);
    expect(r.sv.startsWith(`${label}:`)).toBe(true);
  });
  test('zod refuses a malformed argument, naming the field', () => {
    expect(refusal(() => saveProgramItem(setup(), { ...visit, title: 5 })).field).toBe('title');
    expect(refusal(() => saveProgramItem(setup(), { ...visit, extra: 1 })).sv).toContain('Ogiltiga uppgifter');
    expect(refusal(() => decideProgramItem(as(setup(), SG), { id: 'P-001', status: 'klar' })).field).toBe('status');
  });
  test('roles: only the project leader writes, only the steering group decides', () => {
    for (const u of [SG, 'x@y.se', '']) expect(refusal(() => saveProgramItem(setup(u), visit)).sv).toContain('bara projektledaren');
    const p = setup();
    saveProgramItem(p, visit);
    expect(refusal(() => decideProgramItem(p, { id: 'P-001', status: 'beslutad' })).sv).toContain('bara styrgruppen');
    expect(refusal(() => deleteProgramItem(as(p, SG), { id: 'P-001' })).sv).toContain('bara projektledaren');
  });
  test('decided: no content change until set back; no delete', () => {
    const p = setup();
    saveProgramItem(p, visit);
    decideProgramItem(as(p, SG), { id: 'P-001', status: 'beslutad' });
    expect(recs(p)[0].Status).toBe('beslutad');
    as(p, PL);
    expect(refusal(() => saveProgramItem(p, { ...visit, id: 'P-001', place: 'Hötorget' })).field).toBe('status');
    expect(refusal(() => deleteProgramItem(p, { id: 'P-001' })).sv).toContain('är beslutad');
    decideProgramItem(as(p, SG), { id: 'P-001', status: 'förslag' });
    saveProgramItem(as(p, PL), { ...visit, id: 'P-001', place: 'Hötorget' });
    expect(recs(p)[0].Plats).toBe('Hötorget');
    expect(actions(p)).toEqual(['programpunkt.tillagd', 'programpunkt.status', 'programpunkt.status', 'programpunkt.ändrad']);
  });
  test('delete: refused while guests are invited; a free proposal goes, with a tombstone', () => {
    const p = setup(PL, [['G-0001', 'Inbjuden', 'P-002']]);
    saveProgramItem(p, visit);
    saveProgramItem(p, dinner);
    expect(refusal(() => deleteProgramItem(p, { id: 'P-002' })).sv).toContain('1 gäst är inbjuden');
    deleteProgramItem(p, { id: 'P-001' });
    expect(programView(p).items.map((i) => i.id)).toEqual(['P-002']);
    expect(programView(p).review).toEqual([]);
    expect(saveProgramItem(p, visit).id).toBe('P-003');
  });
  test('per-item counts and seats left; a capacity below the yeses is refused', () => {
    const p = setup(PL, [['G-0001', 'Tackat ja', 'P-001'], ['G-0002', 'Tackat ja', 'P-001'], ['G-0003', 'Tackat nej', 'P-001'], ['G-0004', 'Inbjuden', 'P-001'], ['G-0005', 'Godkänd', 'P-001']]);
    saveProgramItem(p, { ...dinner, capacity: '3' });
    expect(programView(p).items[0].counts).toEqual({ id: 'P-001', invited: 4, yes: 2, no: 1, notAnswered: 1, waiting: 0, seatsLeft: 1 });
    const r = refusal(() => saveProgramItem(p, { ...dinner, id: 'P-001', capacity: 1 }));
    expect([r.field, r.sv]).toEqual(['capacity', 'Kapacitet: 2 gäster har redan tackat ja till P-001; kapaciteten kan inte bli 1. Inget sparades.']);
  });
});

describe('edits on the Program sheet go to review', () => {
  function typed(p: MemoryPorts, row: number, header: string, value: unknown) {
    const t = p.workbook.get('program');
    const col = (t.grid[0] as string[]).indexOf(header);
    t.grid[row - 1][col] = value as string;
  }
  test('a typed change does not count until confirmed; the confirm judges by the same rules', () => {
    const p = setup();
    saveProgramItem(p, visit);
    typed(p, 2, 'Datum', new Date(2009, 11, 12));
    expect(guardSheetEdit(p, 'program', { row: 2, column: 2, numRows: 1, numColumns: 1 })?.sv).toContain('Program rad 2 (P-001): ändrad utanför Summit Planner');
    expect(programView(p).items[0]).toMatchObject({ date: '2009-12-09', review: true });
    const item = listReview(p).items.find((i) => i.table === 'program')!;
    expect(item.mayDecide).toBe(true);
    expect(() => resolveReview(p, { id: item.id, action: 'confirm' })).toThrow('ligger utanför konferensens dagar');
    resolveReview(p, { id: item.id, action: 'undo' });
    expect(programView(p).items[0]).toMatchObject({ date: '2009-12-09', review: false });
  });
  test('a status typed by the project leader is refused at confirm; the steering group may confirm it', () => {
    const p = setup();
    saveProgramItem(p, visit);
    typed(p, 2, 'Status', 'beslutad');
    const id = listReview(p).items.find((i) => i.table === 'program')!.id;
    expect(() => resolveReview(p, { id, action: 'confirm' })).toThrow('bara styrgruppen beslutar');
    resolveReview(as(p, SG), { id, action: 'confirm' });
    expect(programView(p).items[0].status).toBe('beslutad');
  });
  test('a row typed by hand is new: it is no item until the project leader confirms it, then it gets an ID and text times', () => {
    const p = setup();
    const t = p.workbook.get('program');
    const h = t.grid[0] as string[];
    const row = h.map((x) => ({ Datum: new Date(2009, 11, 8), Start: new Date(1899, 11, 30, 19, 0), Slut: '23:00', Rubrik: 'Middag', Typ: 'representationsmiddag', Arrangör: 'staden' } as Record<string, unknown>)[x] ?? '');
    t.grid.push(row as string[]);
    expect(programView(p).items).toEqual([]);
    const id = listReview(p).items.find((i) => i.table === 'program')!.id;
    resolveReview(p, { id, action: 'confirm' });
    expect(recs(p)[0]).toMatchObject({ ID: 'P-001', Start: '19:00', Slut: '23:00', Status: 'förslag' });
    expect(programView(p).items.map((i) => i.title)).toEqual(['Middag']);
  });
  test('a deleted row is missing; its removal is refused while guests are invited to it', () => {
    const p = setup(PL, [['G-0001', 'Inbjuden', 'P-001']]);
    saveProgramItem(p, dinner);
    p.workbook.get('program').grid.splice(1, 1);
    const item = listReview(p).items.find((i) => i.table === 'program')!;
    expect(item.kind).toBe('missing');
    expect(programView(p).items.map((i) => [i.id, i.review])).toEqual([['P-001', true]]);
    expect(() => resolveReview(p, { id: item.id, action: 'confirm' })).toThrow('1 gäst är inbjuden');
    resolveReview(p, { id: item.id, action: 'undo' });
    expect(programView(p).items.map((i) => [i.id, i.review])).toEqual([['P-001', false]]);
  });
});

describe('readProgram: the items as the journal has them', () => {
  /** Program rows sealed as they are (as set-up's baseline seals what it finds). */
  function sealed(rows: (string | number)[][]): MemoryPorts {
    const p = memoryPorts(PL);
    p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, '']]);
    p.workbook.add('event', [['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', '']]);
    p.workbook.add('program', rows);
    p.workbook.add('log');
    return journalled(p);
  }
  const row = (id: string, title: string, type: string, responsible = '') =>
    [id, '2009-12-08', '09:00', '10:00', title, type, 'Stadshuset', responsible, 'staden', '', '', '', 'förslag'];

  test('a sealed row that no longer reads as an item (no title, an unknown type) reaches no reader; the others keep their order and Ansvarig', () => {
    const p = sealed([row('P-001', 'Öppning', 'öppning', 'Anna A'), row('P-002', '', 'workshop'), row('P-003', 'Mingel', 'kafferast'), row('P-004', 'Avslutning', 'övrigt', '')]);
    const read = readProgram(new Journal(p));
    expect(read.items.map((i) => [i.id, i.title, i.responsible])).toEqual([['P-001', 'Öppning', 'Anna A'], ['P-004', 'Avslutning', '']]);
    expect(read.unverified.size).toBe(0);
    expect(read.review).toEqual([]);
  });
});
