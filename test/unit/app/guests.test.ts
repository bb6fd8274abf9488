import {
  addGuest, approveGuests, editGuest, guardGuestEdit, importGuests, listGuests, previewGuestImport, resolveGuestSend, unapproveGuests,
} from '../../../src/app/guests';
import { UserError } from '../../../src/core/msg';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';
import { DECISIONS } from './budget-fixture';

const SG = 'sg@stockholm.se';
const PL = 'pl@stockholm.se';

function setup(n: number, o: { cap?: number; status?: string; user?: string } = {}): MemoryPorts {
  const p = memoryPorts(o.user ?? PL);
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, ''], ['Max antal inbjudna', o.cap ?? 30, '']]);
  p.workbook.add('guests', Array.from({ length: n }, (_, i) => [
    `G-${String(i + 1).padStart(4, '0')}`, `F${i}`, `E${i}`, '', '', '', `g${i}@example.se`, 'sv', 'konferensen', '', o.status ?? 'Föreslagen', '', '', '',
  ]));
  p.workbook.add('decisions', DECISIONS);
  p.workbook.add('log');
  return journalled(p);
}
const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
const recs = (p: MemoryPorts) => p.workbook.get('guests').records();
const actions = (p: MemoryPorts) => p.workbook.get('log').records().map((r) => r['Åtgärd']).filter((a) => !['arbetsbok.baslinje', 'beslut.överfört'].includes(String(a)));
const valid = { firstName: 'Åsa', lastName: 'Öberg', email: 'asa@example.se', language: 'sv', events: ['Konferensen'] };

describe('add and edit', () => {
  test('adds a proposal with a new ID, canonical events, literal strings; logged', () => {
    const p = setup(2);
    expect(addGuest(p, { ...valid, organisation: '=HYPERLINK("http://x")' })).toEqual({ id: 'G-0003' });
    const r = recs(p)[2];
    expect(r).toMatchObject({ ID: 'G-0003', Förnamn: 'Åsa', Status: 'Föreslagen', Evenemang: 'konferensen', Organisation: '=HYPERLINK("http://x")' });
    expect(actions(p)).toEqual(['gäst.tillagd']);
  });
  test.each([
    [{ ...valid, email: 'G1@EXAMPLE.SE ' }, 'finns redan'],
    [{ ...valid, email: 'nope' }, 'inte giltig'],
    [{ ...valid, firstName: ' ' }, 'Förnamn saknas'],
    [{ ...valid, events: ['bal'] }, 'Okänt evenemang'],
  ])('refuses %j', (input, why) => {
    const p = setup(2);
    expect(() => addGuest(p, input)).toThrow(why);
    expect(recs(p)).toHaveLength(2);
  });
  test.each([
    { ...valid, language: 'fi' }, { ...valid, firstName: 'x'.repeat(81) }, { ...valid, extra: 1 }, { ...valid, email: 5 }, 'x', null,
  ])('input %j refused by the schema', (input) => {
    expect(() => addGuest(setup(0), input)).toThrow(UserError);
  });
  test('role checks on every write', () => {
    for (const u of [SG, 'x@y.se', '']) {
      const p = setup(2, { user: u });
      expect(() => addGuest(p, valid)).toThrow('behörighet');
      expect(() => editGuest(p, { id: 'G-0001', firstName: 'X' })).toThrow('behörighet');
      expect(() => importGuests(p, { text: 'Förnamn,Efternamn,E-post\nA,B,a@b.se' })).toThrow('behörighet');
      expect(() => resolveGuestSend(p, { id: 'G-0001', to: 'Godkänd' })).toThrow('behörighet');
    }
    for (const u of [PL, 'x@y.se']) {
      const p = setup(2, { user: u });
      expect(() => approveGuests(p, { ids: ['G-0001'], decision: 'B-0007' })).toThrow('behörighet');
      expect(() => unapproveGuests(p, { ids: ['G-0001'] })).toThrow('behörighet');
    }
  });
  test('edit: one write, only changed cells logged, duplicate refused', () => {
    const p = setup(3);
    const before = p.workbook.counters.writes;
    editGuest(p, { id: 'G-0002', lastName: 'Nyström', email: 'NEW@example.se' });
    expect(recs(p)[1]).toMatchObject({ Efternamn: 'Nyström', 'E-post': 'NEW@example.se' });
    expect(p.workbook.counters.writes - before).toBe(2); // the row block + the log append
    expect(() => editGuest(p, { id: 'G-0002', email: 'g0@example.se' })).toThrow('finns redan');
    expect(() => editGuest(p, { id: 'G-0099', firstName: 'X' })).toThrow('finns inte');
  });
});

describe('approval and the cap', () => {
  test('approve within the cap; all or nothing beyond it; proposals over the cap are shown', () => {
    const p = setup(5, { cap: 3, user: SG });
    expect(approveGuests(p, { ids: ['G-0001', 'G-0002'], decision: 'B-0007' }).changed).toEqual(['G-0001', 'G-0002']);
    expect(() => approveGuests(p, { ids: ['G-0003', 'G-0004'], decision: 'B-0007' })).toThrow('Du markerade 2; 1 plats är ledig (taket är 3).');
    expect(recs(p).map((r) => r['Status'])).toEqual(['Godkänd', 'Godkänd', 'Föreslagen', 'Föreslagen', 'Föreslagen']);
    const view = listGuests(p);
    expect(view.slotsUsed).toBe(2);
    expect(view.guests.map((g) => g.overCap)).toEqual([false, false, false, true, true]);
    expect(approveGuests(p, { ids: ['G-0001', 'G-0003'], decision: 'B-0007' })).toEqual({ changed: ['G-0003'], unchanged: ['G-0001'] });
    unapproveGuests(p, { ids: ['G-0001'] });
    expect(recs(p)[0]['Status']).toBe('Föreslagen');
    expect(actions(p)).toEqual(['gäst.godkänd', 'gäst.godkänd', 'gäst.godkänd', 'gäst.ej-godkänd']);
  });
  test('mailed guests can not be unapproved; invited guests can not be re-approved', () => {
    const p = setup(2, { status: 'Inbjuden', user: SG });
    expect(() => unapproveGuests(p, { ids: ['G-0001'] })).toThrow('kan inte ändras');
    expect(() => approveGuests(p, { ids: ['G-0002'], decision: 'B-0007' })).toThrow(UserError);
  });
  test('resolve: only from Osäker/Misslyckad', () => {
    const p = setup(2, { status: 'Osäker' });
    resolveGuestSend(p, { id: 'G-0001', to: 'Godkänd' });
    resolveGuestSend(p, { id: 'G-0002', to: 'Inbjuden' });
    expect(recs(p).map((r) => r['Status'])).toEqual(['Godkänd', 'Inbjuden']);
    expect(() => resolveGuestSend(p, { id: 'G-0001', to: 'Inbjuden' })).toThrow(UserError);
    expect(() => resolveGuestSend(p, { id: 'G-0001', to: 'Tackat ja' })).toThrow(UserError);
  });
});

describe('import', () => {
  const text = '\ufeffFirst name;Last name;Email;Language\r\nÉva;Åberg;eva@example.se;en\r\nBad;Row;bad;sv\r\nDup;Row;G0@example.se;sv\r\nNils;Ö;nils@example.se;\r\n';
  test('preview writes nothing; import appends valid rows in one append', () => {
    const p = setup(1);
    const w = p.workbook.counters.writes;
    const pv = previewGuestImport(p, { text });
    expect(pv).toMatchObject({ valid: 2, invalid: 2 });
    expect(p.workbook.counters.writes).toBe(w);
    const r = importGuests(p, { text });
    expect(r.imported).toEqual(['G-0002', 'G-0003']);
    expect(p.workbook.counters.writes - w).toBe(2); // guests append + log append
    expect(recs(p).slice(1).map((x) => [x['Förnamn'], x['Språk'], x['Status']])).toEqual([['Éva', 'en', 'Föreslagen'], ['Nils', 'sv', 'Föreslagen']]);
    expect(importGuests(p, { text }).imported).toEqual([]); // all duplicates now
  });
  test('oversized text refused', () => {
    expect(() => importGuests(setup(0), { text: 'x'.repeat(1_000_001) })).toThrow(UserError);
  });
});

describe('direct edit guard', () => {
  test('single bad cell is reverted with one write and logged', () => {
    const p = setup(2);
    const g = p.workbook.get('guests');
    g.grid[1][6] = 'not-an-email';
    const d = guardGuestEdit(p, { row: 2, column: 7, numRows: 1, numColumns: 1, oldValue: 'g0@example.se', value: 'not-an-email' });
    expect(d.action).toBe('revert');
    expect(g.grid[1][6]).toBe('g0@example.se');
    expect(actions(p)).toEqual(['gäst.ändring-återställd']);
  });
  test('status jump refused; an approval typed by the steering group put back too (it cites no decision)', () => {
    const p = setup(1);
    p.workbook.get('guests').grid[1][10] = 'Inbjuden';
    expect(guardGuestEdit(p, { row: 2, column: 11, numRows: 1, numColumns: 1, oldValue: 'Föreslagen', value: 'Inbjuden' }).action).toBe('revert');
    expect(recs(p)[0]['Status']).toBe('Föreslagen');
    as(p, SG);
    p.workbook.get('guests').grid[1][10] = 'Godkänd';
    const typed = guardGuestEdit(p, { row: 2, column: 11, numRows: 1, numColumns: 1, oldValue: 'Föreslagen', value: 'Godkänd' });
    expect([typed.action, typed.message?.sv]).toEqual(['revert', expect.stringContaining('ett godkännande ska hänvisa till ett fattat beslut av styrgruppen om inbjudningslistan')]);
    expect(recs(p)[0]['Status']).toBe('Föreslagen');
    p.workbook.get('guests').grid[1][10] = 'Tackat ja';
    expect(guardGuestEdit(p, { row: 2, column: 11, numRows: 1, numColumns: 1, oldValue: 'Föreslagen', value: 'Tackat ja' }).action).toBe('revert');
    expect(actions(p)).toEqual(['gäst.ändring-återställd', 'gäst.ändring-återställd', 'gäst.ändring-återställd']);
  });
  test('multi-cell paste with problems is flagged', () => {
    const p = setup(3);
    const g = p.workbook.get('guests');
    g.grid[2][6] = 'g0@example.se';
    g.grid[3][7] = 'xx';
    const d = guardGuestEdit(p, { row: 3, column: 7, numRows: 2, numColumns: 2 });
    expect(d.action).toBe('flag');
    expect(d.rows!.map((r) => r.row)).toEqual([3, 4]);
  });
});
