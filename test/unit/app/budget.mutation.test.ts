/**
 * Fördela budget (allocateBudget) and what every save answers with, at the use case: who may change the
 * total, what is read under the lock (another execution's save that lands while this one waits counts), what
 * is written and logged, and each refusal with its reason and figures as the user sees them. Each case is the
 * smallest input on which a changed rule would answer differently (npm run test:mutation).
 */
import { allocateBudget, budgetOverview, changeCost, guardLedgerEdit, overviewNote, readBudget, registerCost, summitAvailable, transferAllocation } from '../../../src/app/budget';
import { saveProgramItem } from '../../../src/app/program';
import type { Ports } from '../../../src/app/ports';
import { UserError } from '../../../src/core/msg';
import { FixedUser } from '../../support/memory';
import { costRow, decisionRow, dump, EKO, ledgerRecords, logRecords, manyRows, PL, seed, STY } from './budget-fixture';
import { blocked } from './funder-blocked';

const nb = (s: string) => s.replace(/\u00a0/g, ' ');
const FUNDERS4 = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'];
const all = (amounts: (string | number)[]) => FUNDERS4.map((funder, i) => ({ funder, amount: amounts[i] }));

/** The refusal (a UserError: its field and Swedish message, no-break spaces as spaces), checked to have written nothing. */
function refusal(ports: ReturnType<typeof seed>, fn: () => unknown): { field: string | undefined; sv: string } {
  const before = dump(ports);
  try {
    fn();
  } catch (e) {
    expect(dump(ports)).toBe(before);
    if (e instanceof UserError) return { field: e.field, sv: nb(e.userMessage.sv) };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The refusal of a save raced by another execution: the Budget sheet's allocations are as the other left them. */
function racedRefusal(ports: ReturnType<typeof seed>, allocations: number[], fn: () => unknown): { field: string | undefined; sv: string } {
  try {
    fn();
  } catch (e) {
    expect(ports.workbook.get('budget').records().map((x) => x.Tilldelning)).toEqual(allocations);
    if (e instanceof UserError) return { field: e.field, sv: nb(e.userMessage.sv) };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** `ports` whose lock, when asked for, first lets `other` (another execution) finish its own save. */
function afterOther(ports: ReturnType<typeof seed>, other: () => void): Ports {
  const lock = ports.lock;
  return { ...ports, lock: { withLock: (ms, fn) => { other(); return lock.withLock(ms, fn); } } };
}

describe('allocateBudget reads what it judges under the lock', () => {
  test('a cost booked while it waited for the lock counts: the allocation below it is refused', () => {
    const ports = seed({ user: STY });
    const eko = { ...ports, user: new FixedUser(EKO) };
    const racing = afterOther(ports, () => registerCost(eko, { funder: 'STOKAB', category: 'övrigt', description: 'Lokal', amount: '150 000', date: '2009-11-20' }));
    const r = racedRefusal(ports, [200000, 200000, 200000, 200000], () => allocateBudget(racing, { allocations: [{ funder: 'STOKAB', amount: 100000 }, { funder: 'Kommunstyrelsen', amount: 300000 }] }));
    expect(r).toEqual({ field: 'allocations.0', sv: 'STOKAB kan inte få 100 000,00 kr: finansiären har redan bokat 150 000,00 kr.' });
  });

  test('a total an administrator changed while it waited is the total it must add up to', () => {
    const ports = seed({ user: STY, admins: STY });
    const racing = afterOther(ports, () => allocateBudget(ports, { total: '900 000', allocations: [{ funder: 'STOKAB', amount: 300000 }] }));
    const r = racedRefusal(ports, [200000, 200000, 200000, 300000], () => allocateBudget(racing, { allocations: [{ funder: 'STOKAB', amount: 250000 }, { funder: 'Kommunstyrelsen', amount: 150000 }] }));
    expect(r).toEqual({ field: 'total', sv: 'Tilldelningarna summerar till 800 000,00 kr men totalbudgeten är 900 000,00 kr (100 000,00 kr kvar att fördela).' });
  });
});

describe('allocateBudget: the total', () => {
  test('a steering-group member who is no administrator may send the current total unchanged', () => {
    const ports = seed({ user: STY });
    const r = allocateBudget(ports, { total: '800 000', allocations: [{ funder: 'STOKAB', amount: 250000 }, { funder: 'Kommunstyrelsen', amount: 150000 }] });
    expect(r.total).toBe(800000_00);
    expect(logRecords(ports).map((l) => l.Åtgärd)).toEqual(['budget.fördelning', 'budget.fördelning']);
  });

  test('an administrator\'s new total: Inställningar and the log say from what to what, in kronor as shown', () => {
    const ports = seed({ user: STY, admins: STY });
    const r = allocateBudget(ports, { total: '800 000,01', allocations: [{ funder: 'STOKAB', amount: '200 000,01' }] });
    expect(r.total).toBe(800000_01);
    expect(ports.workbook.get('settings').records()[0]).toMatchObject({ Nyckel: 'Totalbudget', Värde: 800000.01 });
    const logs = logRecords(ports);
    expect(logs.map((l) => [l.Åtgärd, l.Objekt])).toEqual([['budget.fördelning', 'STOKAB'], ['inställning.ändrad', 'Totalbudget']]);
    expect(nb(String(logs[1].Före))).toContain('800 000,00 kr');
    expect(nb(String(logs[1].Efter))).toContain('800 000,01 kr');
    expect(nb(r.message.sv)).toBe('Budgeten är fördelad: 800 000,01 kr på 4 finansiärer.');
  });
});

describe('allocateBudget: what is written, logged and answered', () => {
  test('only the funders whose allocation changes are written and logged, each from its old figure to its new', () => {
    const ports = seed({ user: STY, ledger: [costRow({ amount: 1000 })] });
    const r = allocateBudget(ports, { allocations: all([150000, 200000, 200000, 250000]) });
    expect(ports.workbook.get('budget').records().map((x) => x.Tilldelning)).toEqual([150000, 200000, 200000, 250000]);
    const logs = logRecords(ports);
    expect(logs.map((l) => l.Objekt)).toEqual(['Kommunstyrelsen', 'STOKAB']);
    expect(nb(`${logs[0].Före} → ${logs[0].Efter}`)).toMatch(/200 000,00 kr.* → .*150 000,00 kr/);
    expect(nb(`${logs[1].Före} → ${logs[1].Efter}`)).toMatch(/200 000,00 kr.* → .*250 000,00 kr/);
    expect(r.funders.map((f) => [f.name, f.allocation, f.available])).toEqual([
      ['Kommunstyrelsen', 150000_00, 150000_00], ['Stockholm Business Region AB', 200000_00, 200000_00],
      ['Utbildningsnämnden', 200000_00, 200000_00], ['STOKAB', 250000_00, 249000_00],
    ]);
    expect(r.overview).toEqual(budgetOverview(ports));
    expect(r.overview.balanced).toBe(true);
  });

  test('an allocation that changes nothing writes nothing and logs nothing, and says so with the figures', () => {
    const ports = seed({ user: STY });
    const before = dump(ports);
    const r = allocateBudget(ports, { allocations: [{ funder: 'STOKAB', amount: 200000 }] });
    expect(dump(ports)).toBe(before);
    expect(nb(r.message.sv)).toBe('Budgeten är fördelad: 800 000,00 kr på 4 finansiärer.');
  });

  test('a funder taken past its warning threshold by a lower allocation is named in the answer', () => {
    const ports = seed({ user: STY, ledger: [costRow({ amount: 150000 })] });
    const r = allocateBudget(ports, { allocations: [{ funder: 'STOKAB', amount: 160000 }, { funder: 'Kommunstyrelsen', amount: 240000 }] });
    expect(nb(r.message.sv)).toBe('Budgeten är fördelad: 800 000,00 kr på 4 finansiärer. STOKAB har passerat 90 % (varningsgränsen): 93,8 % av tilldelningen är bokat.');
  });
});

describe('allocateBudget: refusals that stop the whole allocation (no field: beside the button)', () => {
  test('a Budget sheet without funders', () => {
    const ports = seed({ user: STY, funders: [] });
    const r = refusal(ports, () => allocateBudget(ports, { allocations: [{ funder: 'STOKAB', amount: 1 }] }));
    expect(r).toEqual({ field: undefined, sv: 'Bladet Budget har inga finansiärer. Skriv in dem i kolumnen Finansiär först.' });
  });

  test('a change made outside Summit Planner that waits for review, whoever\'s it is', () => {
    const ports = seed({ user: STY, ledger: [costRow({ id: 'K-0001', amount: 100 })] });
    ports.workbook.get('ledger').grid[1][5] = 999;
    const r = refusal(ports, () => allocateBudget(ports, { allocations: [{ funder: 'Kommunstyrelsen', amount: 200000 }] }));
    expect(r.field).toBeUndefined();
    expect(r.sv).toMatch(/^Budgeten kan inte fördelas om nu: .*Kostnader rad 2/);
  });
});

describe('what the sidebars show while changes wait for review', () => {
  test('the figures are the add-on\'s own, the budget is not in balance, and each change is listed', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', amount: 200 })] });
    ports.workbook.get('ledger').grid[1][5] = 999;
    const o = budgetOverview(ports);
    expect(o.balanced).toBe(false);
    expect(o.review).toHaveLength(1);
    expect(nb(o.status.sv)).toBe('Budgeten är inte i balans: 1 ändring gjorda utanför Summit Planner väntar på granskning; siffrorna är Summit Planners egna tills dess.');
    expect(o.funders[3].consumed).toBe(300_00);
    expect(summitAvailable(ports, 'STOKAB')).toBe(199700);
  });

  test('an unbalanced budget keeps its own reasons first', () => {
    const ports = seed({ total: 800001, ledger: [costRow({ id: 'K-0001', amount: 100 })] });
    ports.workbook.get('ledger').grid[1][5] = 999;
    expect(nb(budgetOverview(ports).status.sv)).toBe(
      'Budgeten är inte i balans. Tilldelningarna på bladet Budget summerar till 800 000,00 kr men totalbudgeten är 800 001,00 kr. 1 ändring gjorda utanför Summit Planner väntar på granskning; siffrorna är Summit Planners egna tills dess.');
  });

  test('with nothing waiting: balanced, no review list', () => {
    const o = budgetOverview(seed());
    expect(o).toMatchObject({ balanced: true, review: [], status: { sv: 'Budgeten är i balans.' } });
  });
});

describe('registerCost: a cost tied to a programme item', () => {
  const EVENT = [['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', '']];
  const COST = { funder: 'STOKAB', category: 'övrigt', description: 'Lokal', amount: '1 000', date: '2009-11-20' };

  test('an item Program has is written on the row, matched in any case; one it lacks is the item\'s, naming it', () => {
    const ports = seed({ user: PL, event: EVENT });
    expect(saveProgramItem(ports, { title: 'Studiebesök', type: 'studiebesök', date: '2009-12-09', start: '13:00', end: '17:00', organiser: 'staden', place: 'Kista' }).id).toBe('P-001');
    const eko = { ...ports, user: new FixedUser(EKO) };
    saveProgramItem(ports, { title: 'Middag', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden', capacity: '3' });
    registerCost(eko, { ...COST, item: 'P-001' });
    expect(ledgerRecords(ports).map((r) => r.Programpunkt)).toEqual(['P-001']);
    expect(JSON.parse(String(logRecords(ports).at(-1)!.Efter))).toMatchObject({ funder: 'STOKAB', item: 'P-001' });
    expect(refusal(ports, () => registerCost(eko, { ...COST, item: 'P-003' }))).toEqual({
      field: 'item', sv: 'Programpunkt: P-003 finns inte i Program (borttagen, eller aldrig sparad av Summit Planner). Välj en befintlig punkt eller lämna fältet tomt.',
    });
  });
});

describe('changeCost: a sealed row whose status or amount is no longer valid', () => {
  test('with no new status given, a status that is no status is the status field\'s, quoting it', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', status: ' Klar ' })] });
    expect(refusal(ports, () => changeCost(ports, { id: 'K-0001', amount: '50' }))).toEqual({ field: 'status', sv: 'Kostnaden K-0001 har ogiltig status "Klar". Ange en ny status.' });
    expect(changeCost(ports, { id: 'K-0001', status: 'Betald' }).after).toEqual({ status: 'Betald', amount: 100_00 });
  });

  test('with no new amount given, an amount that is no amount is the amount field\'s', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 'tio' })] });
    expect(refusal(ports, () => changeCost(ports, { id: 'K-0001', status: 'Betald' }))).toEqual({ field: 'amount', sv: 'Kostnaden K-0001 har ogiltigt belopp. Ange ett nytt belopp.' });
    const r = changeCost(ports, { id: 'K-0001', amount: '10' });
    expect([r.before, r.after]).toEqual([{ status: 'Planerad', amount: null }, { status: 'Planerad', amount: 10_00 }]);
    expect(JSON.parse(String(logRecords(ports).at(-1)!.Före))).toEqual({ status: 'Planerad', amount: 'tio' });
  });
});

describe('allocateBudget: a Budget sheet with errors', () => {
  test('is refused before anything else, listing the sheet\'s blocking errors only (not a bad threshold, nor Kostnader\'s)', () => {
    // As set-up found it: an allocation on a row without a funder (sealed as the baseline, as every first row of its key is).
    const ports = seed({ user: STY, funders: ['STOKAB', '', 'Kommunstyrelsen'], allocations: [400000, 5, 400000], warn: ['', '', 'x'], ledger: [costRow({ status: 'Klar' })] });
    const r = refusal(ports, () => allocateBudget(ports, { allocations: [{ funder: 'STOKAB', amount: 400000 }] }));
    expect(r).toEqual({ field: undefined, sv: 'Bladet Budget har fel som måste rättas först: Budget rad 3: tilldelning utan finansiär.' });
  });
});

describe('guardLedgerEdit: a row typed on Kostnader by finance staff', () => {
  const base = () => seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', amount: 200 })] });
  /** Types `cells` (by header) into a new row below the others, as a person would; returns its sheet row. */
  const typeRow = (ports: ReturnType<typeof seed>, cells: Record<string, unknown>): number => {
    const t = ports.workbook.get('ledger');
    const header = t.grid[0].map(String);
    const r: unknown[] = header.map(() => '');
    const c = costRow({ id: '', by: '', at: '' });
    header.forEach((h, i) => { if (i < c.length) r[i] = c[i]; });
    for (const [h, v] of Object.entries(cells)) r[header.indexOf(h)] = v;
    t.grid.push(r as never);
    return t.grid.length;
  };
  const edit = (row: number, column = 1, numColumns = 13) => ({ row, column, numRows: 1, numColumns });
  const cell = (ports: ReturnType<typeof seed>, row: number, h: string) => ledgerRecords(ports)[row - 2][h];

  test('without an ID, who or when: it takes the next ID, the typist and the time, and is registered', () => {
    const ports = base();
    const row = typeRow(ports, {});
    expect(guardLedgerEdit(ports, edit(row))).toEqual({ action: 'ok' });
    expect([cell(ports, row, 'ID'), cell(ports, row, 'Registrerad av'), cell(ports, row, 'Registrerad')]).toEqual(['K-0003', EKO, ports.clock.now()]);
    expect(logRecords(ports).map((l) => [l.Åtgärd, l.Objekt])).toEqual([['kostnad.registrerad.direkt', 'K-0003']]);
    expect(budgetOverview(ports).funders[3].consumed).toBe(400_00);
  });

  test('a row naming an item Program has is registered with it', () => {
    const ports = seed({ user: PL, event: [['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', '']], ledger: [costRow({ id: 'K-0001', amount: 100 })] });
    saveProgramItem(ports, { title: 'Studiebesök', type: 'studiebesök', date: '2009-12-09', start: '13:00', end: '17:00', organiser: 'staden', place: 'Kista' });
    const eko = { ...ports, user: new FixedUser(EKO) };
    const row = typeRow(ports, { Programpunkt: 'p-001' });
    expect(guardLedgerEdit(eko, edit(row))).toEqual({ action: 'ok' });
    expect([cell(ports, row, 'ID'), cell(ports, row, 'Programpunkt')]).toEqual(['K-0002', 'p-001']);
  });

  test('a fresh ID, who and when typed in are kept', () => {
    const ports = base();
    const at = new Date(2009, 10, 5);
    const row = typeRow(ports, { ID: 'K-0100', 'Registrerad av': 'eko2@stockholm.se', Registrerad: at });
    expect(guardLedgerEdit(ports, edit(row)).action).toBe('ok');
    expect([cell(ports, row, 'ID'), cell(ports, row, 'Registrerad av'), cell(ports, row, 'Registrerad')]).toEqual(['K-0100', 'eko2@stockholm.se', at]);
  });

  test('an ID another row has, in any case, is flagged: the new row would need a new one', () => {
    const ports = base();
    const row = typeRow(ports, { ID: 'k-0002' });
    const r = guardLedgerEdit(ports, edit(row));
    expect(r).toMatchObject({ action: 'flag', rows: [4] });
    expect(nb(r.message!.sv)).toContain('ID k-0002 finns redan; en ny rad får ett nytt ID.');
    expect(String(cell(ports, row, 'Kontroll'))).toContain('ID k-0002 finns redan');
  });

  test('an ID typed over an existing row\'s is put back: IDs are Summit Planner\'s', () => {
    const ports = base();
    ports.workbook.get('ledger').grid[1][0] = 'K-0009';
    const r = guardLedgerEdit(ports, edit(2, 1, 1));
    expect(r.action).toBe('revert');
    expect(nb(r.message!.sv)).toContain('ID sätts av Summit Planner och kan inte ändras.');
    expect(cell(ports, 2, 'ID')).toBe('K-0001');
  });

  test('a Programpunkt Program lacks: a new row is flagged, a typed-over one put back, naming it; an old one stays while other cells change', () => {
    const ports = seed({ ledger: [[...costRow({ id: 'K-0001', amount: 100 }), 'P-009']] });
    const fresh = guardLedgerEdit(ports, edit(typeRow(ports, { Programpunkt: 'P-008' })));
    expect(fresh.action).toBe('flag');
    expect(nb(fresh.message!.sv)).toContain('Programpunkt: P-008 finns inte i Program');
    const t = ports.workbook.get('ledger');
    t.grid[1][5] = 50;
    expect(guardLedgerEdit(ports, edit(2, 6, 1)).action).toBe('ok');
    t.grid[1][12] = 'P-007';
    const typed = guardLedgerEdit(ports, edit(2, 13, 1));
    expect(typed.action).toBe('revert');
    expect(nb(typed.message!.sv)).toContain('Programpunkt: P-007 finns inte i Program');
    expect(cell(ports, 2, 'Programpunkt')).toBe('P-009');
  });
});

describe('changeCost: what it says, writes and logs', () => {
  const base = () => seed({
    allocations: [200000, 200000, 390000, 10000],
    ledger: [costRow({ id: 'K-0001', amount: 4000 }), costRow({ id: 'K-0002', amount: 5000, status: 'Makulerad' })],
  });
  const last = (ports: ReturnType<typeof seed>) => logRecords(ports).at(-1)!;

  test('a change names the new status and amount and what the funder has left', () => {
    const ports = base();
    expect(nb(changeCost(ports, { id: 'K-0001', status: 'Fakturerad', amount: '4 500' }).message.sv)).toBe('Kostnaden K-0001 är ändrad: Fakturerad, 4 500,00 kr. STOKAB har 5 500,00 kr kvar.');
    expect(ledgerRecords(ports)[0]).toMatchObject({ Status: 'Fakturerad', Belopp: 4500 });
    expect([last(ports).Åtgärd, last(ports).Objekt]).toEqual(['kostnad.ändrad', 'K-0001']);
  });

  test('the first funder on Budget is named as any other', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', funder: 'Kommunstyrelsen', amount: 1000 })] });
    const r = changeCost(ports, { id: 'K-0001', amount: 500 });
    expect([r.funder.name, r.funder.available]).toEqual(['Kommunstyrelsen', 199500_00]);
    expect(nb(r.message.sv)).toBe('Kostnaden K-0001 är ändrad: Planerad, 500,00 kr. Kommunstyrelsen har 199 500,00 kr kvar.');
  });

  test('cancelling says so and is logged as a cancellation; cancelling again changes nothing; a cancelled cost\'s amount is only a change', () => {
    const ports = base();
    expect(nb(changeCost(ports, { id: 'K-0001', status: 'Makulerad' }).message.sv)).toBe('Kostnaden K-0001 är makulerad. STOKAB har 10 000,00 kr kvar.');
    expect(last(ports).Åtgärd).toBe('kostnad.makulerad');
    const n = logRecords(ports).length;
    expect(nb(changeCost(ports, { id: 'K-0001', status: 'Makulerad' }).message.sv)).toBe('Kostnaden K-0001 är redan så; inget ändrades. STOKAB har 10 000,00 kr kvar.');
    expect(logRecords(ports)).toHaveLength(n);
    changeCost(ports, { id: 'K-0002', amount: 10 });
    expect([last(ports).Åtgärd, last(ports).Objekt]).toEqual(['kostnad.ändrad', 'K-0002']);
    expect(ledgerRecords(ports)[1]).toMatchObject({ Status: 'Makulerad', Belopp: 10 });
  });

  test('a cost whose funder is unknown can be cancelled: no funder named, none left to show', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', funder: 'Cisco' })] });
    const r = changeCost(ports, { id: 'K-0001', status: 'Makulerad' });
    expect(nb(r.message.sv)).toBe('Kostnaden K-0001 är makulerad.');
    expect(r.funder).toMatchObject({ name: '', allocation: 0, consumed: 0, available: 0, warning: false, overspent: false, outOfBalance: true, reasons: [] });
  });
});

describe('transferAllocation: the record, the log and the answer', () => {
  const tr = (o: Record<string, unknown> = {}) => ({ from: 'STOKAB', to: 'Kommunstyrelsen', amount: '10 000', decisionRef: 'Dnr 2', ...o });
  const moved = (id: string, from: string, to: string) => [id, new Date(2009, 9, 1), from, to, 1, 'B-0001 (Dnr 1)', STY, ''];

  test('the answer names the amount, both funders and the decision with its reference; each allocation is logged from and to', () => {
    const ports = seed({ user: STY });
    const r = transferAllocation(ports, tr());
    expect(nb(r.message.sv)).toBe('10 000,00 kr är flyttat från STOKAB till Kommunstyrelsen (B-0002, Dnr 2).');
    expect([r.from.allocation, r.to.allocation]).toEqual([190000_00, 210000_00]);
    const logs = logRecords(ports);
    expect(logs.slice(0, 2).map((l) => [l.Objekt, nb(String(l.Före)), nb(String(l.Efter))])).toEqual([
      ['STOKAB', '{"Tilldelning":"200 000,00 kr"}', '{"Tilldelning":"190 000,00 kr","omfördelning":"O-0001"}'],
      ['Kommunstyrelsen', '{"Tilldelning":"200 000,00 kr"}', '{"Tilldelning":"210 000,00 kr","omfördelning":"O-0001"}'],
    ]);
    expect(r.overview).toEqual(budgetOverview(ports));
  });

  test('a decision without a reference is named by its ID alone', () => {
    const ports = seed({ user: STY, decisions: [decisionRow('B-0001', '')] });
    expect(nb(transferAllocation(ports, tr({ decisionRef: 'B-0001' })).message.sv)).toBe('10 000,00 kr är flyttat från STOKAB till Kommunstyrelsen (B-0001).');
  });

  test('the next ID follows the highest whole O-number on Omfördelningar, however many digits it has', () => {
    const ports = seed({ user: STY, transfers: [moved('O-0009', 'STOKAB', 'Kommunstyrelsen'), moved('O-12', 'STOKAB', 'Kommunstyrelsen'), moved('O-0011', 'STOKAB', 'Kommunstyrelsen'), moved('XO-0099', 'STOKAB', 'Kommunstyrelsen'), moved('O-0098x', 'STOKAB', 'Kommunstyrelsen'), moved('O-1234567890', 'STOKAB', 'Kommunstyrelsen')] });
    expect(transferAllocation(ports, tr()).id).toBe('O-0013');
    expect(transferAllocation(seed({ user: STY, transfers: [moved('O-7', 'STOKAB', 'Kommunstyrelsen')] }), tr()).id).toBe('O-0008');
  });

  test('a row on Omfördelningar that waits for review stops every transfer, saying which (no field: beside the button)', () => {
    const ports = seed({ user: STY });
    ports.workbook.get('transfers').grid.push(moved('O-0005', 'STOKAB', 'Kommunstyrelsen') as never);
    const r = refusal(ports, () => transferAllocation(ports, tr()));
    expect(r.field).toBeUndefined();
    expect(r.sv).toMatch(/^Omfördelningar kan inte registreras nu: .*Omfördelningar rad 2 \(O-0005\)/);
  });
});

describe('guardLedgerEdit: which rows it judges, and what a flag says', () => {
  const base = () => seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', amount: 200 }), costRow({ id: 'K-0003', amount: 300 })] });
  const kontroll = (ports: ReturnType<typeof seed>) => ledgerRecords(ports).map((r) => String(r.Kontroll).slice(0, 30));

  test('only the edited rows: a change on the row below waits for review, marked in Kontroll', () => {
    const ports = base();
    const t = ports.workbook.get('ledger');
    // Both lower their cost (a funder another pending row blocks may still book less).
    t.grid[1][5] = 50;
    t.grid[2][5] = 150;
    expect(guardLedgerEdit(ports, { row: 2, column: 6, numRows: 1, numColumns: 1 })).toEqual({ action: 'ok' });
    expect(kontroll(ports)).toEqual(['', '⚠ Kostnader rad 3 (K-0002): än', '']);
    expect(logRecords(ports).map((l) => l.Objekt)).toEqual(['K-0001']);
    expect(budgetOverview(ports).review).toHaveLength(1);
  });

  test('a change above the edited rows is not judged either', () => {
    const ports = base();
    const t = ports.workbook.get('ledger');
    // Both lower their cost (a funder another pending row blocks may still book less).
    t.grid[1][5] = 50;
    t.grid[2][5] = 150;
    expect(guardLedgerEdit(ports, { row: 3, column: 6, numRows: 1, numColumns: 1 })).toEqual({ action: 'ok' });
    expect(logRecords(ports).map((l) => l.Objekt)).toEqual(['K-0002']);
  });

  test('an edit over two cells of one row is flagged, not put back; the flag is logged by row and counted', () => {
    const ports = base();
    const t = ports.workbook.get('ledger');
    t.grid[1][5] = 'abc';
    const r = guardLedgerEdit(ports, { row: 2, column: 6, numRows: 1, numColumns: 2 });
    expect(r.action).toBe('flag');
    expect(r.rows).toEqual([2]);
    expect(nb(r.message!.sv)).toBe('Raden 2 på bladet Kostnader är markerad i kolumnen Kontroll och väntar på granskning: Kostnader rad 2 (K-0001): belopp: beloppet får bara innehålla siffror, mellanslag och ett decimaltecken.');
    expect(t.grid[1][5]).toBe('abc');
    const log = logRecords(ports).at(-1)!;
    expect([log.Åtgärd, log.Objekt, log.Efter]).toEqual(['kostnad.direktändring.flaggad', 'rad 2', '{"rader":1}']);
  });

  test('a one-cell edit on a row that differs from its seal in two cells is flagged, not put back', () => {
    const ports = base();
    const t = ports.workbook.get('ledger');
    t.grid[1][5] = 'abc';
    t.grid[1][3] = 'fika';
    // The event names Kategori, the first of the two.
    expect(guardLedgerEdit(ports, { row: 2, column: 4, numRows: 1, numColumns: 1 }).action).toBe('flag');
    expect([t.grid[1][5], t.grid[1][3]]).toEqual(['abc', 'fika']);
  });

  test('a bad one-cell edit is put back, saying what is back and why; nothing is flagged', () => {
    const ports = base();
    const t = ports.workbook.get('ledger');
    t.grid[2][5] = 'abc';
    const r = guardLedgerEdit(ports, { row: 3, column: 6, numRows: 1, numColumns: 1 });
    expect(nb(r.message!.sv)).toBe('Ändringen i Belopp på rad 3 gjordes ogjord (200,00 kr är tillbaka): Kostnader rad 3 (K-0002): belopp: beloppet får bara innehålla siffror, mellanslag och ett decimaltecken.');
    expect(kontroll(ports)).toEqual(['', '', '']);
    expect(logRecords(ports).map((l) => l.Åtgärd)).toEqual(['kostnad.direktändring.återställd']);
  });
});

describe('changes made outside Summit Planner: which funders they block', () => {
  const base = () => seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', funder: 'Kommunstyrelsen', amount: 200 })] });
  const typed = (ports: ReturnType<typeof seed>, funder: string) =>
    ports.workbook.get('ledger').grid.push(costRow({ id: 'K-0050', funder, by: '', at: '' }) as never);

  test('a row deleted by hand still counts and blocks its own funder, no other', () => {
    const ports = base();
    ports.workbook.get('ledger').grid.splice(1, 1);
    expect(budgetOverview(ports).funders.map((f) => f.consumed)).toEqual([200_00, 0, 0, 100_00]);
    expect(blocked(ports, 'STOKAB')).toMatch(/^STOKAB är spärrad tills en ändring gjord utanför Summit Planner är granskad: .*K-0001/);
    expect(blocked(ports, 'Utbildningsnämnden')).toBeNull();
  });

  test('a row moved by hand from one funder to another blocks both', () => {
    const ports = base();
    ports.workbook.get('ledger').grid[1][2] = 'Utbildningsnämnden';
    expect(blocked(ports, 'STOKAB')).toMatch(/^STOKAB är spärrad/);
    expect(blocked(ports, 'utbildningsnämnden')).toMatch(/^Utbildningsnämnden är spärrad/);
    expect(blocked(ports, 'Kommunstyrelsen')).toBeNull();
  });

  test('a row typed by hand blocks the funder it names; naming no known funder, it blocks them all', () => {
    const ports = base();
    typed(ports, ' stokab ');
    expect(blocked(ports, 'STOKAB')).toMatch(/^STOKAB är spärrad/);
    expect(blocked(ports, 'Kommunstyrelsen')).toBeNull();
    const anyone = base();
    typed(anyone, 'Cisco');
    expect(blocked(anyone, 'Kommunstyrelsen')).toMatch(/^Kommunstyrelsen är spärrad tills .*Kostnader rad 4/);
  });

  test('a row typed without a funder blocks them all, even beside a blank row on Budget', () => {
    const ports = seed({ funders: [...FUNDERS4, ''], allocations: [200000, 200000, 200000, 200000, ''], ledger: [costRow({ id: 'K-0001', amount: 100 })] });
    typed(ports, '');
    expect(blocked(ports, 'Kommunstyrelsen')).toMatch(/^Kommunstyrelsen är spärrad tills .*Kostnader rad 3/);
  });
});

describe('overviewNote: what Översikt says while changes wait for review', () => {
  const settings = { totalBudget: 800000_00, warnPercent: 90 };
  test('counts each waiting change, leaving out the Kostnader rows a save settles (not another sheet\'s row of that index)', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001' }), costRow({ id: 'K-0002' })] });
    expect(overviewNote(readBudget(ports, settings))).toBe('');
    ports.workbook.get('ledger').grid[2][5] = 5;
    ports.workbook.get('budget').grid[1][1] = 1;
    const snap = readBudget(ports, settings);
    expect(nb(overviewNote(snap))).toBe('⚠ 2 ändringar gjorda utanför Summit Planner väntar på granskning: Tillägg → Summit Planner → Granska ändringar.');
    expect(nb(overviewNote(snap, new Set([1])))).toBe('⚠ 1 ändring gjord utanför Summit Planner väntar på granskning: Tillägg → Summit Planner → Granska ändringar.');
    expect(nb(overviewNote(snap, new Set([0])))).toBe('⚠ 2 ändringar gjorda utanför Summit Planner väntar på granskning: Tillägg → Summit Planner → Granska ändringar.');
    ports.workbook.get('budget').grid[1][1] = 200000;
    expect(overviewNote(readBudget(ports, settings), new Set([1]))).toBe('');
  });
});

describe('guardLedgerEdit: who may change Kostnader, a copied row, and which cell an edit names', () => {
  const base = () => seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', amount: 200 })] });
  const one = (row: number, column: number) => ({ row, column, numRows: 1, numColumns: 1 });

  test('a change by someone without the finance role is put back, saying only finance staff may', () => {
    const ports = base();
    const g = ports.workbook.get('ledger').grid;
    g[1][5] = 50;
    const r = guardLedgerEdit({ ...ports, user: new FixedUser(PL) }, one(2, 6));
    expect(r.action).toBe('revert');
    expect(nb(r.message!.sv)).toContain('Du saknar behörighet: bara ekonomipersonalen får göra detta.');
    expect(g[1][5]).toBe(100);
  });

  test('an older version of a row put back by hand is flagged as such, not sealed again, even by finance staff', () => {
    const ports = base();
    const g = ports.workbook.get('ledger').grid;
    const old = g[1].slice();
    changeCost(ports, { id: 'K-0001', amount: 150 });
    g[1] = old;
    const r = guardLedgerEdit(ports, { row: 2, column: 1, numRows: 1, numColumns: 13 });
    expect(r).toMatchObject({ action: 'flag', rows: [2] });
    expect(nb(r.message!.sv)).toContain('Kostnader rad 2 (K-0001)');
    expect(logRecords(ports).map((l) => l.Åtgärd)).toEqual(['kostnad.ändrad', 'kostnad.direktändring.flaggad']);
    expect(budgetOverview(ports).funders[3].consumed).toBe(350_00);
  });

  test('a row copied by hand below the others is flagged as a copy, not registered, even by finance staff', () => {
    const ports = base();
    const g = ports.workbook.get('ledger').grid;
    g.push(g[1].slice());
    const r = guardLedgerEdit(ports, { row: 4, column: 1, numRows: 1, numColumns: 13 });
    expect(r).toMatchObject({ action: 'flag', rows: [4] });
    expect(nb(r.message!.sv)).toContain('Kostnader rad 4 (K-0001)');
    expect(logRecords(ports).map((l) => l.Åtgärd)).toEqual(['kostnad.direktändring.flaggad']);
    expect(budgetOverview(ports).funders[3].consumed).toBe(300_00);
  });

  test('a one-cell edit on a copied row that differs from its seal in that cell is flagged, not put back', () => {
    const ports = base();
    const g = ports.workbook.get('ledger').grid;
    const copy = g[1].slice();
    copy[5] = 'abc';
    g.push(copy);
    expect(guardLedgerEdit(ports, one(4, 6)).action).toBe('flag');
    expect(g[3][5]).toBe('abc');
  });

  test('a one-cell edit that names another cell than the one changed is flagged, not put back', () => {
    const ports = base();
    const g = ports.workbook.get('ledger').grid;
    g[1][5] = 'abc';
    expect(guardLedgerEdit(ports, one(2, 4)).action).toBe('flag');
    expect(g[1].slice(3, 6)).toEqual(['övrigt', 'Kaffe', 'abc']);
  });

  test('a paste flagging 70 rows logs them by row, cut at 500 characters, and counts them all', () => {
    const ports = seed({ ledger: manyRows(70) });
    const g = ports.workbook.get('ledger').grid;
    for (let i = 1; i <= 70; i++) g[i][5] = 'abc';
    expect(guardLedgerEdit(ports, { row: 2, column: 6, numRows: 70, numColumns: 1 }).rows).toHaveLength(70);
    const log = logRecords(ports).at(-1)!;
    expect(String(log.Objekt)).toHaveLength(500);
    expect(String(log.Objekt)).toMatch(/^rad 2, rad 3, .*, rad 64, rad $/);
    expect(log.Efter).toBe('{"rader":70}');
  });
});

describe('what the sidebars list while many changes wait for review', () => {
  test('at most 50 of them, the count saying how many there are', () => {
    const ports = seed({ ledger: manyRows(51) });
    const g = ports.workbook.get('ledger').grid;
    for (let i = 1; i <= 51; i++) g[i][5] = 2;
    const o = budgetOverview(ports);
    expect(o.review).toHaveLength(50);
    expect(nb(o.status.sv)).toContain('51 ändringar gjorda utanför Summit Planner väntar på granskning');
  });
});

describe('the journal\'s view of Kostnader and Budget: which rows count', () => {
  test('a blank row between two costs is no row: both costs count', () => {
    const blank = costRow({}).map(() => '');
    const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), blank, costRow({ id: 'K-0002', amount: 200 })] });
    const o = budgetOverview(ports);
    expect(o.funders[3].consumed).toBe(300_00);
    expect(nb(o.status.sv)).toBe('Budgeten är i balans.');
  });

  test.each([['Leverantör', 6, 'Leverantör AB'], ['Referens', 7, 'F-1'], ['Registrerad av', 9, EKO], ['Registrerad', 10, new Date(2009, 10, 1)]] as const)(
    'a row with nothing but %s is a row, and one without a known funder', (_h, i, v) => {
      const only = costRow({}).map((_x, j) => (j === i ? v : ''));
      const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), only] });
      expect(nb(budgetOverview(ports).status.sv)).toBe('Budgeten är inte i balans. 1 rad på bladet Kostnader saknar känd finansiär.');
    });

  test('a row typed without a funder blocks every funder, even beside a blank row between Budget\'s funders', () => {
    const ports = seed({ funders: ['Kommunstyrelsen', '', ...FUNDERS4.slice(1)], allocations: [200000, '', 200000, 200000, 200000], ledger: [costRow({ id: 'K-0001', amount: 100 })] });
    ports.workbook.get('ledger').grid.push(costRow({ id: 'K-0050', funder: '', by: '', at: '' }) as never);
    expect(blocked(ports, 'Kommunstyrelsen')).toMatch(/^Kommunstyrelsen är spärrad tills .*Kostnader rad 3 \(K-0050\)/);
  });
});

describe('guardLedgerEdit: Kontroll after an edit', () => {
  test('an invalid row elsewhere keeps its mark when another row\'s edit is sealed', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', status: 'Klar' })] });
    ports.workbook.get('ledger').grid[1][5] = 50;
    expect(guardLedgerEdit(ports, { row: 2, column: 6, numRows: 1, numColumns: 1 })).toEqual({ action: 'ok' });
    expect(ledgerRecords(ports).map((r) => r.Kontroll)).toEqual(['', '⚠ Kostnader rad 3 (K-0002): okänd status "Klar".']);
  });

  test('a row put back loses the mark an earlier flag left on it', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 100 })] });
    const g = ports.workbook.get('ledger').grid;
    const pl = { ...ports, user: new FixedUser(PL) };
    g[1][9] = 'x';
    expect(guardLedgerEdit(pl, { row: 2, column: 9, numRows: 1, numColumns: 2 }).action).toBe('flag');
    expect(String(g[1][11])).toMatch(/^⚠ Du saknar behörighet/);
    g[1][9] = 'y';
    expect(guardLedgerEdit(pl, { row: 2, column: 10, numRows: 1, numColumns: 1 }).action).toBe('revert');
    expect(g[1].slice(9, 12)).toEqual([EKO, new Date(2009, 10, 1), '']);
  });
});
