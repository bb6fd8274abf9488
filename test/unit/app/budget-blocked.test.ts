/**
 * A funder that a change made outside Summit Planner blocks (src/app/budget.ts changeCost, judgeLedgerChange):
 * nothing may add to what it has consumed until the change is reviewed — not a raised amount in the sidebar, not
 * a raised amount typed on Kostnader — while a change that adds nothing stands. Also what guardLedgerEdit logs of
 * a row typed in (no "before"), of a change (the changed field from and to) and of several flagged rows (each named).
 */
import { changeCost, guardLedgerEdit } from '../../../src/app/budget';
import { UserError } from '../../../src/core/msg';
import { costRow, EKO, logRecords, seed } from './budget-fixture';
import { blocked } from './funder-blocked';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
/** K-0001 (100 kr) and K-0002 (200 kr) on Kommunstyrelsen, the first funder on Budget, K-0003 on STOKAB; K-0002's amount typed over by hand. */
function blockedFirst() {
  const p = seed({ user: EKO, ledger: [costRow({ id: 'K-0001', funder: 'Kommunstyrelsen', amount: 100 }), costRow({ id: 'K-0002', funder: 'Kommunstyrelsen', amount: 200 }), costRow({ id: 'K-0003', funder: 'STOKAB', amount: 300 })] });
  p.workbook.get('ledger').grid[2][5] = 250;
  return p;
}
const refusal = (f: () => unknown): { field: string | undefined; sv: string } => {
  try { f(); } catch (e) { if (e instanceof UserError) return { field: e.field, sv: nb(e.userMessage.sv) }; throw e; }
  throw new Error('not refused');
};
const BLOCKED = /^Kommunstyrelsen är spärrad tills en ändring gjord utanför Summit Planner är granskad: Kostnader rad 3 \(K-0002\)/;

describe('changeCost on a blocked funder', () => {
  test('a higher amount is refused at the cost\'s ID, naming the funder and the row that blocks it', () => {
    const p = blockedFirst();
    const r = refusal(() => changeCost(p, { id: 'K-0001', amount: 150 }));
    expect(r.field).toBe('id');
    expect(r.sv).toMatch(BLOCKED);
  });

  test('a status change that consumes no more stands', () => {
    const p = blockedFirst();
    expect(changeCost(p, { id: 'K-0001', status: 'Beställd' }).after).toEqual({ status: 'Beställd', amount: 100_00 });
  });
});

describe('guardLedgerEdit on a blocked funder', () => {
  const one = (row: number) => ({ row, column: 6, numRows: 1, numColumns: 1 });

  test('a higher amount typed on another of its rows is put back, saying it is blocked', () => {
    const p = blockedFirst();
    const g = p.workbook.get('ledger').grid;
    g[1][5] = 150;
    const r = guardLedgerEdit(p, one(2));
    expect(r.action).toBe('revert');
    expect(nb(r.message!.sv)).toMatch(/Kommunstyrelsen är spärrad tills en ändring gjord utanför Summit Planner är granskad: Kostnader rad 3 \(K-0002\)/);
    expect(g[1][5]).toBe(100);
    const l = logRecords(p).at(-1)!;
    expect([l.Åtgärd, l.Objekt, nb(String(l.Före)), nb(String(l.Efter))]).toEqual(['kostnad.direktändring.återställd', 'K-0001', '{"Belopp":"150,00 kr"}', '{"Belopp":"100,00 kr"}']);
  });

  test('a lower amount typed there stands', () => {
    const p = blockedFirst();
    const g = p.workbook.get('ledger').grid;
    g[1][5] = 50;
    expect(guardLedgerEdit(p, one(2))).toEqual({ action: 'ok' });
    expect(g[1][5]).toBe(50);
    const l = logRecords(p).at(-1)!;
    expect([l.Åtgärd, l.Objekt, nb(String(l.Före)), nb(String(l.Efter))]).toEqual(['kostnad.direktändring', 'K-0001', '{"Belopp":"100,00 kr"}', '{"Belopp":"50,00 kr"}']);
  });
  test('a description typed on another funder\'s row stands: the blocked funder consumes no more', () => {
    const p = blockedFirst();
    const g = p.workbook.get('ledger').grid;
    g[3][4] = 'Lokalhyra';
    expect(guardLedgerEdit(p, { row: 4, column: 5, numRows: 1, numColumns: 1 })).toEqual({ action: 'ok' });
    expect(g[3][4]).toBe('Lokalhyra');
  });
});

describe('what guardLedgerEdit logs', () => {
  test('a row typed in: registered with no "before"', () => {
    const p = seed({ user: EKO, ledger: [costRow({ id: 'K-0001', amount: 100 })] });
    p.workbook.get('ledger').grid.push(costRow({ id: '', by: '', at: '' }));
    expect(guardLedgerEdit(p, { row: 3, column: 1, numRows: 1, numColumns: 13 }).action).toBe('ok');
    expect(logRecords(p).at(-1)).toMatchObject({ Åtgärd: 'kostnad.registrerad.direkt', Objekt: 'K-0002', Före: '' });
  });

  test('two rows flagged by one paste: both named in the log entry, and counted', () => {
    const p = seed({ user: EKO, ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', amount: 200 })] });
    const g = p.workbook.get('ledger').grid;
    g[1][5] = 'abc';
    g[2][5] = 'def';
    const r = guardLedgerEdit(p, { row: 2, column: 6, numRows: 2, numColumns: 1 });
    expect(r.rows).toEqual([2, 3]);
    expect(logRecords(p).at(-1)).toMatchObject({ Åtgärd: 'kostnad.direktändring.flaggad', Objekt: 'rad 2, rad 3', Efter: '{"rader":2}' });
  });
});

describe('which funders a change outside Summit Planner blocks (a name is compared as Budget has it)', () => {
  test('a row of an unknown funder deleted by hand may have been anyone\'s money: it blocks every funder', () => {
    const p = seed({ user: EKO, ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', funder: 'Cisco', amount: 200 })] });
    p.workbook.get('ledger').grid.splice(2, 1);
    expect(blocked(p, 'Kommunstyrelsen')).toMatch(/^Kommunstyrelsen är spärrad tills en ändring gjord utanför Summit Planner är granskad: .*K-0002/);
  });

  test('beside a row deleted by hand, a Logg that cannot tell what it was blocks every funder, saying so', () => {
    const p = seed({ user: EKO, ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', amount: 200 })] });
    p.workbook.get('ledger').grid.splice(2, 1);
    const log = p.workbook.get('log').grid;
    log.push(log[log.length - 1].slice());
    expect(blocked(p, 'Kommunstyrelsen')).toMatch(/^Kommunstyrelsen är spärrad tills en ändring gjord utanför Summit Planner är granskad: .*Loggen har/);
  });

  test('a funder typed by hand with its words spaced twice is that funder: it blocks it alone', () => {
    const p = seed({ user: EKO, ledger: [costRow({ id: 'K-0001', amount: 100 })] });
    p.workbook.get('ledger').grid.push(costRow({ id: 'K-0050', funder: 'Stockholm  Business Region AB', by: '', at: '' }));
    expect(blocked(p, 'Stockholm Business Region AB')).toMatch(/^Stockholm Business Region AB är spärrad/);
    expect(blocked(p, 'Kommunstyrelsen')).toBeNull();
  });

  test('a funder typed by hand without the space Budget has is no known funder: it blocks every funder', () => {
    const p = seed({ user: EKO, funders: ['Kommunstyrelsen', 'Sto Kab', 'Utbildningsnämnden', 'Region'], ledger: [costRow({ id: 'K-0001', funder: 'Region', amount: 100 })] });
    p.workbook.get('ledger').grid.push(costRow({ id: 'K-0050', funder: 'StoKab', by: '', at: '' }));
    expect(blocked(p, 'Kommunstyrelsen')).toMatch(/^Kommunstyrelsen är spärrad tills .*Kostnader rad 3/);
  });

  test('Budget\'s row changed by hand blocks its funder on Kostnader\'s row of the same index too', () => {
    const p = seed({ user: EKO, ledger: [costRow({ id: 'K-0001', funder: 'Kommunstyrelsen', amount: 100 })] });
    p.workbook.get('budget').grid[1][1] = 150000;
    const g = p.workbook.get('ledger').grid;
    g[1][5] = 150;
    const r = guardLedgerEdit(p, { row: 2, column: 6, numRows: 1, numColumns: 1 });
    expect(r.action).toBe('revert');
    expect(nb(r.message!.sv)).toMatch(/Kommunstyrelsen är spärrad tills en ändring gjord utanför Summit Planner är granskad: Budget rad 2/);
    expect(g[1][5]).toBe(100);
  });
});
