/**
 * guardSheetEdit (src/app/review.ts) on Inställningar, Evenemang, Budget and Mallar: a single cell typed over a
 * sealed value is put back where the rules say so (any setting on Inställningar; an event detail or template the
 * project leader typed and the confirm refused), the message naming the column, the row and the reason; a
 * refused confirm typed in says why; a change on Budget is counted in Översikt's verification cell.
 */
import { guardSheetEdit } from '../../../src/app/review';
import { checkTable, Journal } from '../../../src/app/journal';
import { OVERVIEW_STATUS_ROW } from '../../../src/core/overview-sheet';
import { SHEETS } from '../../../src/core/schema';
import { MemoryTable, type MemoryPorts } from '../../support/memory';
import { EKO, EKO2, PL, seed } from './budget-fixture';

const EVENT = [['Slutdatum', '2009-12-09', ''], ['Lagringstid (månader)', 3, '']];
const one = (row: number, column = 2) => ({ row, column, numRows: 1, numColumns: 1 });
const lastLog = (p: MemoryPorts) => p.workbook.get('log').records().at(-1);
const logCount = (p: MemoryPorts) => p.workbook.get('log').grid.length;
const kinds = (p: MemoryPorts, t: 'settings' | 'event' | 'budget' | 'templates') => checkTable(new Journal(p), t).rows.map((r) => r.kind);

describe('Inställningar: a value typed in one cell is put back, whoever typed it', () => {
  const typed = () => {
    const p = seed({ user: PL });
    const g = p.workbook.get('settings').grid;
    const i = g.findIndex((r) => r[0] === 'Ekonomi');
    g[i][1] = `${EKO}, intrang@example.org`;
    return { p, g, i };
  };

  test('the role typed on Ekonomi: back to the sealed addresses, logged, the message names Värde, the row and the sidebar', () => {
    const { p, g, i } = typed();
    const msg = guardSheetEdit(p, 'settings', one(i + 1));
    expect(g[i][1]).toBe(`${EKO}, ${EKO2}`);
    expect(msg?.en).toBe(`Värde on row ${i + 1} was put back. Inställningar row ${i + 1} (Ekonomi): changed outside Summit Planner (Värde ${EKO}, ${EKO2} → ${EKO}, intrang@example.org). Roles and settings are changed in Summit Planner → Settings; the change has no effect until an administrator confirms it.`);
    expect(msg?.sv).toMatch(new RegExp(`^Värde på rad ${i + 1} är återställt\\. Inställningar rad ${i + 1} \\(Ekonomi\\)`));
    expect(lastLog(p)).toMatchObject({
      Åtgärd: 'inställning.ändring-återställd', Objekt: 'Ekonomi',
      Före: JSON.stringify({ Värde: `${EKO}, intrang@example.org` }), Efter: JSON.stringify({ Värde: `${EKO}, ${EKO2}` }),
    });
    expect(kinds(p, 'settings').every((k) => k === 'ok')).toBe(true);
  });

  test('pasted over two cells: nothing put back, the change waits for an administrator', () => {
    const { p, g, i } = typed();
    const before = logCount(p);
    const msg = guardSheetEdit(p, 'settings', { row: i + 1, column: 2, numRows: 1, numColumns: 2 });
    expect(g[i][1]).toBe(`${EKO}, intrang@example.org`);
    expect(msg?.en).toBe(`Inställningar row ${i + 1} (Ekonomi): changed outside Summit Planner (Värde ${EKO}, ${EKO2} → ${EKO}, intrang@example.org). Roles and settings are changed in Summit Planner → Settings; the change has no effect until an administrator confirms it.`);
    expect(logCount(p)).toBe(before);
    expect(kinds(p, 'settings')[i - 1]).toBe('changed');
  });

  test('the key typed over on a row whose value was changed too: nothing put back (the row differs in more than that cell)', () => {
    const { p, g, i } = typed();
    g[i][0] = 'Ekonomi2';
    const msg = guardSheetEdit(p, 'settings', one(i + 1, 1));
    expect(g[i].slice(0, 2)).toEqual(['Ekonomi2', `${EKO}, intrang@example.org`]);
    expect(msg?.en).not.toContain('put back');
    expect(msg?.en).toContain(`Inställningar row ${i + 1}`);
  });

  test('the edit\'s cell in another column than the one changed: not put back', () => {
    const { p, g, i } = typed();
    const msg = guardSheetEdit(p, 'settings', one(i + 1, 1));
    expect(g[i][1]).toBe(`${EKO}, intrang@example.org`);
    expect(msg?.en).not.toContain('put back');
  });
});

describe('Evenemang: the project leader\'s detail stands if valid, is put back if not', () => {
  test('a valid date typed by the project leader stands: sealed, logged as confirmed, nothing to say', () => {
    const p = seed({ user: PL, event: EVENT });
    const g = p.workbook.get('event').grid;
    g[1][1] = '2009-12-10';
    expect(guardSheetEdit(p, 'event', one(2))).toBeNull();
    expect(g[1][1]).toBe('2009-12-10');
    expect(kinds(p, 'event')).toEqual(['ok', 'ok']);
    expect(lastLog(p)).toMatchObject({ Åtgärd: 'inställning.ändring-godkänd', Objekt: 'Slutdatum' });
  });

  test('a date that is no date: put back, logged, the message names the row and Slutdatum\'s rule', () => {
    const p = seed({ user: PL, event: EVENT });
    const g = p.workbook.get('event').grid;
    g[1][1] = 'nästa vecka';
    const msg = guardSheetEdit(p, 'event', one(2));
    expect(g[1][1]).toBe('2009-12-09');
    expect(msg?.en).toBe('Värde on row 2 was put back. Slutdatum: "nästa vecka" is not a date (YYYY-MM-DD).');
    expect(msg?.sv).toBe('Värde på rad 2 är återställt. Slutdatum: "nästa vecka" är inget datum (ÅÅÅÅ-MM-DD).');
    expect(lastLog(p)).toMatchObject({ Åtgärd: 'inställning.ändring-återställd', Objekt: 'Slutdatum', Före: JSON.stringify({ Värde: 'nästa vecka' }), Efter: JSON.stringify({ Värde: '2009-12-09' }) });
    expect(kinds(p, 'event')).toEqual(['ok', 'ok']);
  });

  test('the refusal of a confirm typed over two rows: kept as typed, the message is the rule broken', () => {
    const p = seed({ user: PL, event: EVENT });
    const g = p.workbook.get('event').grid;
    g[1][1] = 'nästa vecka';
    const msg = guardSheetEdit(p, 'event', { row: 2, column: 2, numRows: 2, numColumns: 1 });
    expect(g[1][1]).toBe('nästa vecka');
    expect(msg?.en).toBe('Slutdatum: "nästa vecka" is not a date (YYYY-MM-DD).');
    expect(kinds(p, 'event')).toEqual(['changed', 'ok']);
  });

  test('a row typed with a key that is no setting: refused naming the key and the sheet, the row left for review', () => {
    const p = seed({ user: PL, event: EVENT });
    p.workbook.get('event').grid.push(['Festdag', 'fredag', '', '']);
    const msg = guardSheetEdit(p, 'event', one(4));
    expect(msg?.en).toBe('"Festdag" is not a setting of the Evenemang sheet.');
    expect(kinds(p, 'event')).toEqual(['ok', 'ok', 'new']);
  });

  test('someone who may not decide: even a valid date waits for review, not put back, named with who confirms', () => {
    const p = seed({ user: EKO, event: EVENT });
    const g = p.workbook.get('event').grid;
    g[1][1] = '2009-12-10';
    const msg = guardSheetEdit(p, 'event', one(2));
    expect(g[1][1]).toBe('2009-12-10');
    expect(msg?.en).toBe('Evenemang row 2 (Slutdatum): changed outside Summit Planner (Värde 2009-12-09 → 2009-12-10). It has no effect until the project leader confirms it under Review changes.');
    expect(kinds(p, 'event')).toEqual(['changed', 'ok']);
  });
});

describe('Budget: a change typed there is counted in Översikt\'s verification cell', () => {
  test('an allocation typed by the finance officer: waits for review, Översikt says one change waits', () => {
    const p = seed({ user: EKO });
    const ov = new MemoryTable(SHEETS.overview, ['Översikt'], [], p.workbook.counters);
    p.workbook.tables.set(SHEETS.overview, ov);
    p.workbook.get('budget').grid[2][1] = 250000;
    const msg = guardSheetEdit(p, 'budget', one(3));
    expect(msg?.en).toMatch(/^Budget row 3 \(Stockholm Business Region AB\): changed outside Summit Planner .*It has no effect until .* confirms it under Review changes\.$/);
    // The count is written with a no-break space (as the Swedish locale writes numbers).
    expect(String(ov.grid[OVERVIEW_STATUS_ROW - 1]?.[0])).toMatch(/^⚠ 1\s+ändring gjord utanför Summit Planner väntar på granskning: Tillägg → Summit Planner → Granska ändringar\.$/);
    expect(kinds(p, 'budget')[1]).toBe('changed');
  });
});
