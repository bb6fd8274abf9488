/**
 * The budget's pure rules (src/core/budget.ts), rule by rule with the exact answer: how a cell is read
 * (text, money, date, warning threshold), what the recomputed budget holds and why a funder or the whole
 * budget is out of balance, and what each refusal says with its figures as the user sees them. Each case
 * is the smallest input on which a changed rule would answer differently (npm run test:mutation).
 */
import {
  allocationRefusal, availableFor, blockedReason, categoryIndex, cellOre, cellText, checkAllocation, checkTransfer, computeBudget,
  consumptionRefusal, crossedWarnings, funderIndex, funderView, isoDate, isValidIsoDate, maxTransfer, nextCostId, overviewOf,
  statusIndex, transferRefusal, type BudgetInput, type BudgetState,
} from '../../../src/core/budget';

const NB = '\u00a0';
/** A message as the user reads it, no-break spaces as spaces. */
const nb = (s: string) => s.replace(/\u00a0/g, ' ');

const LC = { id: 0, date: 1, funder: 2, category: 3, description: 4, amount: 5, supplier: 6, reference: 7, status: 8, by: 9, at: 10 };
/** A valid Kostnader row (STOKAB, 100 kr, Planerad) with some cells replaced. */
const row = (o: Partial<Record<keyof typeof LC, unknown>> = {}): unknown[] => {
  const r: unknown[] = ['K-0001', '2009-12-08', 'STOKAB', 'övrigt', 'Kaffe', 100, '', '', 'Planerad', '', '', ''];
  for (const [k, v] of Object.entries(o)) r[LC[k as keyof typeof LC]] = v;
  return r;
};
/** Budget rows are [Finansiär, Tilldelning (kr), Varningsgräns]. */
const input = (ledger: unknown[][], budget: unknown[][] = [['Kommunstyrelsen', 500, ''], ['STOKAB', 500, '']], total = 100000): BudgetInput => ({
  total, warnPercent: 90,
  budget: { rows: budget, firstRow: 2, col: { funder: 0, allocation: 1, warn: 2 } },
  ledger: { rows: ledger, firstRow: 2, col: LC },
});

describe('cellText: a cell as the rules read it', () => {
  test('blank cells are empty text, not "null" or "undefined"', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
  });
  test('text is trimmed; a number is its digits', () => {
    expect(cellText('  STOKAB \n')).toBe('STOKAB');
    expect(cellText(12.5)).toBe('12.5');
  });
  test('a date cell is its calendar date, zero-padded (January is 01)', () => {
    expect(cellText(new Date(2009, 0, 5, 23, 59))).toBe('2009-01-05');
    expect(isoDate(new Date(2009, 11, 31))).toBe('2009-12-31');
    expect(cellText(new Date(NaN))).toBe('');
  });
});

describe('statusIndex and categoryIndex: exact, then trimmed and case-insensitive', () => {
  test.each<[unknown, number]>([
    ['Planerad', 0], ['Makulerad', 4], ['planerad', 0], [' BETALD ', 3], ['Klar', -1], ['', -1], [4, -1], [null, -1],
  ])('status %j → %i', (v, ix) => {
    expect(statusIndex(v)).toBe(ix);
  });
  test('categories the same way', () => {
    expect(categoryIndex('huvudtalare')).toBe(0);
    expect(categoryIndex(' Workshops')).toBe(3);
    expect(categoryIndex('fika')).toBe(-1);
    expect(categoryIndex(3)).toBe(-1);
  });
});

describe('cellOre: a money cell in öre, and why not', () => {
  test('a number cell is kronor', () => {
    expect(cellOre(1234.5)).toEqual({ ore: 123450, text: false, error: null });
    expect(cellOre(0)).toEqual({ ore: 0, text: false, error: null });
  });
  test('a bad number cell says why', () => {
    expect(cellOre(-5)).toMatchObject({ text: false, error: { sv: 'Beloppet får inte vara negativt.' } });
    expect(cellOre(1.005)).toMatchObject({ text: false, error: { sv: 'Beloppet får ha högst två decimaler (ören).' } });
    expect(cellOre(-5).ore).toBeNaN();
  });
  test('text is parsed the Swedish way, and marked as text', () => {
    expect(cellOre(' 1 234,50 ')).toEqual({ ore: 123450, text: true, error: null });
    const bad = cellOre('12 34');
    expect(bad).toMatchObject({ text: true, error: { sv: 'Tusentalen ska grupperas tre och tre, till exempel 1 234 567.' } });
    expect(bad.ore).toBeNaN();
  });
  test.each<[string, unknown]>([['empty text', ''], ['null', null], ['undefined', undefined]])('%s: the amount is missing', (_n, v) => {
    const m = cellOre(v);
    expect(m).toMatchObject({ text: false, error: { sv: 'belopp saknas', en: 'amount missing' } });
    expect(m.ore).toBeNaN();
  });
});

describe('isValidIsoDate: yyyy-mm-dd of a real day between 1900 and 2200', () => {
  test.each([
    '1900-01-01', '2200-12-31', '2009-01-31', '2009-04-30', '2009-12-31', '2008-02-29', '2000-02-29', '2009-02-28',
  ])('%s is a date', (s) => {
    expect(isValidIsoDate(s)).toBe(true);
  });
  test.each([
    ['1899-12-31', 'before 1900'], ['2201-01-01', 'after 2200'], ['2009-00-10', 'month 0'], ['2009-13-01', 'month 13'],
    ['2009-01-00', 'day 0'], ['2009-01-32', 'January has 31'], ['2009-04-31', 'April has 30'], ['2009-02-29', '2009 is no leap year'],
    ['1900-02-29', 'a century is no leap year'], ['2100-02-29', 'nor is 2100'], ['2009-1-05', 'one-digit month'],
    [' 2009-01-05', 'space before'], ['2009-01-05x', 'text after'], ['x2009-01-05', 'text before'], ['2009/01/05', 'slashes'],
    ['20091-01-05', 'five-digit year'], ['2009-01-5', 'one-digit day'], ['abcd-ef-gh', 'letters'],
  ])('%s is not (%s)', (s) => {
    expect(isValidIsoDate(s)).toBe(false);
  });
});

describe('a Kostnader row\'s date: a date cell or yyyy-mm-dd text', () => {
  const dateProblem = (date: unknown): string | undefined => computeBudget(input([row({ date })])).problems[0]?.message.sv;
  test('a date cell and trimmed text stand', () => {
    expect(dateProblem(new Date(2009, 11, 8))).toBeUndefined();
    expect(dateProblem(' 2009-12-08 ')).toBeUndefined();
  });
  test.each<[string, unknown, string]>([
    ['an invalid date cell', new Date(NaN), 'ogiltigt datum'],
    ['a number', 40155, 'ogiltigt datum'],
    ['no real day', '2009-02-30', 'ogiltigt datum'],
    ['blank', '', 'datum saknas'],
  ])('%s does not', (_n, date, why) => {
    expect(dateProblem(date)).toBe(`Kostnader rad 2 (K-0001): ${why}.`);
  });
});

describe('the warning threshold of a Budget row', () => {
  /** STOKAB's threshold as read from its Varningsgräns cell, and the non-blocking problem it makes when invalid. */
  const warn = (cell: unknown): { warnAt: number; problem: string | undefined } => {
    const s = computeBudget(input([], [['STOKAB', 500, cell]], 50000));
    return { warnAt: s.funders[0].warnAt, problem: s.problems.find((p) => !p.blocking)?.message.sv };
  };
  test.each<[unknown, number]>([
    ['', 90], [null, 90], [undefined, 90], // blank: the setting (90 %)
    [0.8, 80], [1, 100], [0.925, 92.5], // a fraction (a cell formatted as percent)
    [75, 75], [100, 100], [1.5, 1.5], [92.46, 92.5], // percent, to one decimal
    ['95 %', 95], ['95%', 95], [' 80 ', 80], [' 95 % ', 95], ['92,5', 92.5], ['92.5', 92.5],
  ])('%j → %f %', (cell, warnAt) => {
    expect(warn(cell)).toEqual({ warnAt, problem: undefined });
  });
  test.each<[unknown, string]>([
    [0, 'zero'], [-5, 'negative'], [100.1, 'over 100'], ['mycket', 'not a number'], ['9%5', 'the % sign inside'], ['0 %', 'zero as text'],
    ['0,04', 'shown as 0 % (one decimal)'], [0.0004, 'a fraction shown as 0 %'],
  ])('%j is invalid (%s): the setting is used and the problem says so, not blocking', (cell) => {
    expect(warn(cell)).toEqual({ warnAt: 90, problem: `Budget rad 2: ogiltig varningsgräns för STOKAB; 90${NB}% används.` });
  });
  test('the threshold decides the warning: at it warns, just below does not', () => {
    const at = (amount: number, cell: unknown) => computeBudget(input([row({ amount })], [['STOKAB', 500, cell]], 50000)).funders[0];
    expect(at(400, 0.8)).toMatchObject({ percentUsed: 80, warnAt: 80, warning: true });
    expect(at(399.5, 0.8)).toMatchObject({ percentUsed: 79.9, warning: false });
  });
});

/** Kommunstyrelsen 500 kr, STOKAB 500 kr, total 1 000 kr. */
const TWO: unknown[][] = [['Kommunstyrelsen', 500, ''], ['STOKAB', 500, '']];
const budgetOf = (ledger: unknown[][], budget: unknown[][] = TWO, total = 100000): BudgetState => computeBudget(input(ledger, budget, total));
const sv = (m: { sv: string } | null | undefined): string | undefined => (m ? nb(m.sv) : undefined);

describe('the Budget sheet: each funder once, each allocation a number', () => {
  test('a funder\'s name is trimmed with its spaces collapsed, and a ledger row finds it however it is spaced or cased', () => {
    const s = budgetOf([row({ funder: 'stockholm  business region ab ' })], [[' Stockholm   Business Region AB ', 500, '']], 50000);
    expect(s.funders.map((f) => f.name)).toEqual(['Stockholm Business Region AB']);
    expect(s.funders[0].consumed).toBe(10000);
    expect(s.balanced).toBe(true);
  });

  test('an allocation on a row without a funder breaks the Budget sheet (nobody\'s money)', () => {
    const s = budgetOf([], [...TWO, ['', 5, '']]);
    expect(s.budgetSheetBroken).toBe(true);
    expect(s.problems).toEqual([{ sheet: 'Budget', row: 4, funder: null, id: '', blocking: true, message: expect.objectContaining({ sv: 'Budget rad 4: tilldelning utan finansiär.' }) }]);
    expect(s.wholeReasons.map(sv)).toEqual(['Bladet Budget har fel (se problemlistan).']);
    expect(s.balanced).toBe(false);
  });

  test.each<[string, unknown]>([['empty', ''], ['null', null], ['undefined', undefined]])('a row without funder or allocation (%s) is no problem', (_n, cell) => {
    const s = budgetOf([], [...TWO, ['  ', cell, '']]);
    expect(s.budgetSheetBroken).toBe(false);
    expect(s.problems).toEqual([]);
    expect(s.balanced).toBe(true);
  });

  test('a funder twice (in any case) breaks the Budget sheet; the first row counts', () => {
    const s = budgetOf([], [['STOKAB', 1000, ''], ['stokab', 1000, '']]);
    expect(s.funders.map((f) => [f.name, f.allocation])).toEqual([['STOKAB', 100000]]);
    expect(s.problems).toEqual([{ sheet: 'Budget', row: 3, funder: 'stokab', id: '', blocking: true, message: expect.objectContaining({ sv: 'Budget rad 3: finansiären "stokab" finns redan på en tidigare rad.' }) }]);
    expect(s.budgetSheetBroken).toBe(true);
    expect(s.wholeOutOfBalance).toBe(true);
  });

  test.each<[string, unknown, string]>([
    ['text, even digits', '500', 'tilldelningen är text'],
    ['a date', new Date(2009, 0, 1), 'tilldelningen är text'],
    ['negative', -5, 'Beloppet får inte vara negativt.'],
    ['fractions of an öre', 10.001, 'Beloppet får ha högst två decimaler (ören).'],
  ])('an allocation that is %s puts its funder out of balance, saying why', (_n, cell, why) => {
    const s = budgetOf([], [['Kommunstyrelsen', 1000, ''], ['STOKAB', cell, '']]);
    const msg = `Budget rad 3: ogiltig tilldelning för STOKAB (${why}).`;
    expect(s.funders[1]).toMatchObject({ allocation: 0, problemRows: 1, outOfBalance: true });
    expect(s.funders[1].reasons.map(sv)).toEqual([msg]);
    expect(s.problems).toEqual([{ sheet: 'Budget', row: 3, funder: 'STOKAB', id: '', blocking: true, message: expect.objectContaining({ sv: msg }) }]);
    expect(s.funders[0].outOfBalance).toBe(false);
    expect(s.budgetSheetBroken).toBe(false);
    expect(s.balanced).toBe(false);
  });

  test.each<[string, unknown]>([['null', null], ['undefined', undefined]])('an allocation cell that is %s is blank: 0 kr, no problem', (_n, cell) => {
    const s = budgetOf([], [['Kommunstyrelsen', 1000, ''], ['STOKAB', cell, '']]);
    expect(s.funders.map((f) => [f.allocation, f.problemRows])).toEqual([[100000, 0], [0, 0]]);
    expect(s.problems).toEqual([]);
  });

  test('a blank allocation is 0 kr, no problem; a non-blocking problem leaves the budget balanced', () => {
    const s = budgetOf([], [['Kommunstyrelsen', 1000, 'x'], ['STOKAB', '', '']]);
    expect(s.funders.map((f) => [f.allocation, f.problemRows, f.outOfBalance])).toEqual([[100000, 0, false], [0, 0, false]]);
    expect(s.problems.map((p) => p.blocking)).toEqual([false]);
    expect(s.balanced).toBe(true);
  });

  test('no funders at all is the whole budget\'s problem (and not a sum that is off)', () => {
    const s = budgetOf([], [], 100000);
    expect(s.wholeReasons.map(sv)).toEqual(['Bladet Budget har inga finansiärer.']);
    expect(s.balanced).toBe(false);
  });

  test('allocations that add up to less or more than the total: both figures', () => {
    expect(budgetOf([], TWO, 100001).wholeReasons.map(sv)).toEqual(['Tilldelningarna på bladet Budget summerar till 1 000,00 kr men totalbudgeten är 1 000,01 kr.']);
    expect(budgetOf([], TWO, 99999).wholeReasons.map(sv)).toEqual(['Tilldelningarna på bladet Budget summerar till 1 000,00 kr men totalbudgeten är 999,99 kr.']);
    expect(budgetOf([], TWO, 100000).wholeOutOfBalance).toBe(false);
  });
});

describe('the Kostnader rows: what is counted, and why a row is a problem', () => {
  test('each status in its bucket, Makulerad nowhere; the first funder and the first category count too', () => {
    const s = budgetOf([
      row({ id: 'K-1', funder: 'Kommunstyrelsen', category: 'huvudtalare', amount: 1, status: 'Planerad' }),
      row({ id: 'K-2', funder: 'Kommunstyrelsen', category: 'huvudtalare', amount: 2, status: 'Beställd' }),
      row({ id: 'K-3', funder: 'Kommunstyrelsen', category: 'huvudtalare', amount: 4, status: 'Fakturerad' }),
      row({ id: 'K-4', funder: 'Kommunstyrelsen', category: 'huvudtalare', amount: 8, status: 'Betald' }),
      row({ id: 'K-5', funder: 'Kommunstyrelsen', category: 'huvudtalare', amount: 16, status: 'Makulerad' }),
    ]);
    expect(s.funders[0]).toMatchObject({ planned: 100, committed: 200, actual: 1200, consumed: 1500, available: 48500, percentUsed: 3 });
    expect(s.categories[0]).toEqual({ category: 'huvudtalare', planned: 100, committed: 200, actual: 1200, consumed: 1500 });
    expect(s.totals).toEqual({ planned: 100, committed: 200, actual: 1200, consumed: 1500, available: 98500 });
    expect(s.allocated).toBe(100000);
    expect(Array.from(s.rows.status)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(s.rows.funder)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(s.rows.amount)).toEqual([100, 200, 400, 800, 1600]);
    expect(Array.from(s.rows.bad)).toEqual([0, 0, 0, 0, 0]);
  });

  test('an amount typed as text is counted (the money may be spent) but is a problem', () => {
    const s = budgetOf([row({ amount: '250' })]);
    expect(s.funders[1]).toMatchObject({ planned: 25000, consumed: 25000, problemRows: 1, outOfBalance: true });
    expect(s.problems.map((p) => sv(p.message))).toEqual(['Kostnader rad 2 (K-0001): beloppet är text, inte ett tal.']);
  });

  test('text is read the Swedish way, with its thousands and öre, as on the Budget sheet', () => {
    const s = budgetOf([row({ amount: ' 1 234,50 ' })], [['STOKAB', 5000, '']], 500000);
    expect(s.funders[0]).toMatchObject({ consumed: 123450, problemRows: 1 });
    expect(Array.from(s.rows.amount)).toEqual([123450]);
  });

  test('a minus zero is negative on Kostnader as on Budget (one reading of a money cell)', () => {
    const s = budgetOf([row({ amount: -0 })], [['Kommunstyrelsen', 1000, ''], ['STOKAB', -0, '']]);
    expect(s.problems.map((p) => sv(p.message))).toEqual([
      'Budget rad 3: ogiltig tilldelning för STOKAB (Beloppet får inte vara negativt.).',
      'Kostnader rad 2 (K-0001): belopp: beloppet får inte vara negativt.',
    ]);
    expect(Array.from(s.rows.bad)).toEqual([1]);
  });

  test('an amount that is no amount, a status that is no status: not counted, but a problem', () => {
    const s = budgetOf([row({ id: 'K-1', amount: -5 }), row({ id: 'K-2', status: 'Klar' }), row({ id: 'K-3', amount: 'tio' }), row({ id: 'K-4', category: 'fika', amount: 7 })]);
    expect(s.funders[1]).toMatchObject({ consumed: 700, problemRows: 4 });
    // A known funder's cost with an unknown category counts for the funder, in no category.
    expect(s.categories.reduce((a, c) => a + c.consumed, 0)).toBe(0);
    expect(Array.from(s.rows.amount)).toEqual([NaN, 10000, NaN, 700]);
    expect(Array.from(s.rows.status)).toEqual([0, -1, 0, 0]);
    expect(Array.from(s.rows.bad)).toEqual([1, 1, 1, 1]);
  });

  test('a row with anything in any column but Kontroll is judged; one with only Kontroll text is skipped', () => {
    for (const col of ['funder', 'amount', 'status', 'id', 'date', 'category', 'description', 'supplier', 'reference', 'by', 'at'] as const) {
      const r: unknown[] = ['', '', '', '', '', '', '', '', '', '', '', ''];
      r[LC[col]] = 'x';
      const s = budgetOf([r]);
      expect([col, s.problems.length, s.unassignedProblems]).toEqual([col, 1, 1]);
    }
    const s = budgetOf([['', '', '', '', '', '', '', '', '', '', '', '⚠ gammal flagga'], ['', null, undefined, ' ', '', '', '', '', '', '', '']]);
    expect(s.problems).toEqual([]);
    expect(Array.from(s.rows.funder)).toEqual([-2, -2]);
    // A skipped row has no status and no amount (nothing for the cost list or the items to count).
    expect(Array.from(s.rows.status)).toEqual([-1, -1]);
    expect(Array.from(s.rows.amount)).toEqual([NaN, NaN]);
    expect(s.balanced).toBe(true);
  });

  test('a row with every cell wrong lists every reason, in both languages', () => {
    const s = budgetOf([['', 'igår', 'Cisco', '', '  ', 'mycket', '', '', '', '', '', '']]);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatchObject({ sheet: 'Kostnader', row: 2, funder: null, id: '', blocking: true });
    expect(nb(s.problems[0].message.sv)).toBe(
      'Kostnader rad 2: okänd finansiär "Cisco"; belopp: skriv beloppet med siffror, till exempel 1 234,50; status saknas; kategori saknas; ID saknas; ogiltigt datum; beskrivning saknas.');
    expect(nb(s.problems[0].message.en)).toBe(
      'Kostnader row 2: unknown funder "Cisco"; amount: write the amount in digits, for example 1,234.50; status missing; category missing; ID missing; invalid date; description missing.');
  });

  test('the English reasons too: text, a second ID, a missing date', () => {
    const s = budgetOf([row({ id: 'K-1' }), row({ id: 'K-1', amount: '5', date: '' })]);
    expect(nb(s.problems[0].message.en)).toBe('Kostnader row 3 (K-1): the amount is text, not a number; ID K-1 also on row 2; date missing.');
  });

  test('a bad row in the first category is not said to have an unknown one', () => {
    const s = budgetOf([row({ category: 'huvudtalare', status: 'Klar' })]);
    expect(sv(s.problems[0].message)).toBe('Kostnader rad 2 (K-0001): okänd status "Klar".');
  });

  test('a blank funder and amount are missing, long values are cut, the ID is shown', () => {
    const s = budgetOf([row({ id: 'K-0001-ett-mycket-långt-id', funder: '', amount: '', status: 's'.repeat(50), category: 'k'.repeat(50), date: '' })]);
    expect(nb(s.problems[0].message.sv)).toBe(
      `Kostnader rad 2 (K-0001-ett-mycket-lå): finansiär saknas; belopp: belopp saknas; okänd status "${'s'.repeat(40)}"; okänd kategori "${'k'.repeat(40)}"; datum saknas.`);
    const long = budgetOf([row({ funder: 'F'.repeat(100) })]);
    expect(nb(long.problems[0].message.sv)).toBe(`Kostnader rad 2 (K-0001): okänd finansiär "${'F'.repeat(80)}".`);
  });

  test('an ID used twice: the second row is the problem and names the first', () => {
    const s = budgetOf([row({ id: 'K-0007' }), row({ id: ' K-0007 ', amount: 1 })]);
    expect(s.problems.map((p) => [p.row, p.id, sv(p.message)])).toEqual([[3, 'K-0007', 'Kostnader rad 3 (K-0007): ID K-0007 finns också på rad 2.']]);
    expect(s.funders[1].consumed).toBe(10100);
  });

  test('an ID used three times: each later row names the first; rows without an ID are missing theirs, no one\'s duplicate', () => {
    const s = budgetOf([row({ id: 'K-0007' }), row({ id: 'K-0007' }), row({ id: 'K-0007' }), row({ id: '' }), row({ id: '' })]);
    expect(s.problems.map((p) => sv(p.message))).toEqual([
      'Kostnader rad 3 (K-0007): ID K-0007 finns också på rad 2.', 'Kostnader rad 4 (K-0007): ID K-0007 finns också på rad 2.',
      'Kostnader rad 5: ID saknas.', 'Kostnader rad 6: ID saknas.',
    ]);
  });

  test('a funder\'s reasons are its first five problems; every bad row is counted', () => {
    const s = budgetOf(Array.from({ length: 7 }, (_x, i) => row({ id: `K-${i + 1}`, status: 'Klar' })));
    expect(s.funders[1].problemRows).toBe(7);
    expect(s.funders[1].reasons.map((m) => m.sv.slice(0, 21))).toEqual(['Kostnader rad 2 (K-1)', 'Kostnader rad 3 (K-2)', 'Kostnader rad 4 (K-3)', 'Kostnader rad 5 (K-4)', 'Kostnader rad 6 (K-5)']);
    expect(s.problems).toHaveLength(7);
  });

  test('rows without a known funder put the whole budget out of balance, counted', () => {
    expect(budgetOf([row({ funder: 'Cisco' })]).wholeReasons.map(sv)).toEqual(['1 rad på bladet Kostnader saknar känd finansiär.']);
    const s = budgetOf([row({ id: 'K-1', funder: 'Cisco' }), row({ id: 'K-2', funder: '' })]);
    expect(s.unassignedProblems).toBe(2);
    expect(s.wholeReasons.map(sv)).toEqual(['2 rader på bladet Kostnader saknar känd finansiär.']);
    expect(s.funders.every((f) => !f.outOfBalance)).toBe(true);
    expect(s.balanced).toBe(false);
  });

  test('the next cost ID follows the highest K-number however the IDs are written', () => {
    const s = budgetOf([row({ id: 'K-0009' }), row({ id: ' K-12 ' }), row({ id: 'X-99' }), row({ id: 'k-50' }), row({ id: 'K-1234567890' }), row({ id: 'K-3' })]);
    expect(s.maxCostNumber).toBe(12);
    expect(nextCostId(s)).toBe('K-0013');
    expect(nextCostId(budgetOf([]))).toBe('K-0001');
    expect(nextCostId(budgetOf([row({ id: 'K-12345' })]))).toBe('K-12346');
  });

  test('a hypothetical row: in place of a row, appended, or past the end (the rows between are blank)', () => {
    const base = input([row({ id: 'K-1', amount: 100 })]);
    expect(computeBudget(base, { index: 0, row: row({ id: 'K-1', amount: 300 }) }).funders[1].consumed).toBe(30000);
    const appended = computeBudget(base, { index: 1, row: row({ id: 'K-2', amount: 50 }) });
    expect([appended.rows.count, appended.funders[1].consumed]).toEqual([2, 15000]);
    const past = computeBudget(base, { index: 3, row: row({ id: 'K-4', amount: 50 }) });
    expect([past.rows.count, past.funders[1].consumed, past.maxCostNumber]).toEqual([4, 15000, 4]);
    expect(Array.from(past.rows.funder)).toEqual([1, -2, -2, 1]);
    expect(past.problems).toEqual([]);
    expect(base.ledger.rows).toHaveLength(1);
  });

  test('a hypothetical row in place of the first: the rows after it still count', () => {
    const base = input([row({ id: 'K-1', amount: 100 }), row({ id: 'K-2', amount: 200 })]);
    const s = computeBudget(base, { index: 0, row: row({ id: 'K-1', amount: 50 }) });
    expect([s.rows.count, s.funders[1].consumed, s.maxCostNumber]).toEqual([2, 25000, 2]);
  });
});

describe('overspent and warnings', () => {
  const stokab = (amount: number, total = 100000) => budgetOf([row({ amount })], TWO, total).funders[1];
  test('an exact fit is not overspent; one öre more is, and says by how much', () => {
    expect(stokab(500)).toMatchObject({ consumed: 50000, available: 0, overspent: false, outOfBalance: false, reasons: [] });
    const f = stokab(500.01);
    expect(f).toMatchObject({ available: -1, overspent: true, outOfBalance: true });
    expect(f.reasons.map(sv)).toEqual(['STOKAB är överskriden: bokat 500,01 kr av 500,00 kr (0,01 kr för mycket).']);
    expect(f.reasons[0].en).toBe('STOKAB is overspent: 500.01 SEK booked of 500.00 SEK (0.01 SEK too much).');
  });
  test('a funder with nothing booked never warns, whatever the threshold', () => {
    const s = computeBudget({ ...input([], [['STOKAB', '', '']], 0), warnPercent: 0 });
    expect(s.funders[0]).toMatchObject({ consumed: 0, percentUsed: 0, warning: false });
  });
});

describe('funderIndex and availableFor (SUMMIT_AVAILABLE)', () => {
  const s = budgetOf([row({ amount: 123.45 })], [['Kommunstyrelsen', 500, ''], ['Stockholm Business Region AB', 500, '']].concat([['STOKAB', 500, '']]), 150000);
  test('by name, trimmed, spaces collapsed, any case', () => {
    expect(funderIndex(s, 'Kommunstyrelsen')).toBe(0);
    expect(funderIndex(s, ' stockholm  business region ab ')).toBe(1);
    expect(funderIndex(s, 'STOKAB')).toBe(2);
    expect(funderIndex(s, '')).toBe(-1);
    expect(funderIndex(s, 'Cisco')).toBe(-1);
  });
  test('what is left, in kronor with its öre', () => {
    expect(availableFor(s, ' stokab')).toEqual({ ok: true, value: 376.55 });
    expect(availableFor(s, 'Kommunstyrelsen')).toEqual({ ok: true, value: 500 });
  });
  test.each<[unknown]>([[''], ['   '], [5], [null]])('no funder named (%j): how to write it', (funder) => {
    expect(availableFor(s, funder)).toEqual({ ok: false, error: { sv: 'Ange en finansiär, till exempel SUMMIT_AVAILABLE("STOKAB").', en: 'Give a funder, for example SUMMIT_AVAILABLE("STOKAB").' } });
  });
  test('an unknown funder: what was typed (cut at 80) and the funders there are', () => {
    expect(availableFor(s, 'Cisco')).toEqual({ ok: false, error: {
      sv: 'Okänd finansiär "Cisco". Finansiärer: Kommunstyrelsen, Stockholm Business Region AB, STOKAB.',
      en: 'Unknown funder "Cisco". Funders: Kommunstyrelsen, Stockholm Business Region AB, STOKAB.',
    } });
    const r = availableFor(budgetOf([], []), ` ${'x'.repeat(100)}`);
    expect(!r.ok && r.error.sv).toBe(`Okänd finansiär "${'x'.repeat(80)}". Finansiärer: (inga).`);
  });
});

describe('blockedReason: why nothing more may be booked to a funder', () => {
  test('nothing when all is well', () => {
    expect(blockedReason(budgetOf([]), 1)).toBeNull();
  });
  test('the funder\'s own reasons, named', () => {
    expect(sv(blockedReason(budgetOf([row({ status: 'Klar' })]), 1))).toBe(
      'Budgeten är inte i balans för STOKAB, så inga nya kostnader kan läggas på STOKAB förrän felen är rättade: Kostnader rad 2 (K-0001): okänd status "Klar".');
  });
  test('the whole budget\'s reasons block every funder; without a funder, none is named', () => {
    const s = budgetOf([], TWO, 100001);
    const why = 'Tilldelningarna på bladet Budget summerar till 1 000,00 kr men totalbudgeten är 1 000,01 kr.';
    expect(sv(blockedReason(s, 0))).toBe(`Budgeten är inte i balans för Kommunstyrelsen, så inga nya kostnader kan läggas på Kommunstyrelsen förrän felen är rättade: ${why}`);
    expect(sv(blockedReason(s, -1))).toBe(`Budgeten är inte i balans, så inga nya kostnader kan läggas på den förrän felen är rättade: ${why}`);
  });
});

describe('consumptionRefusal: a save may book more only where it fits', () => {
  const before = budgetOf([row({ id: 'K-1', funder: 'Kommunstyrelsen', amount: 100 }), row({ id: 'K-2', amount: 400 })]);
  const after = (...extra: unknown[][]) => budgetOf([row({ id: 'K-1', funder: 'Kommunstyrelsen', amount: 100 }), row({ id: 'K-2', amount: 400 }), ...extra]);

  test('what fits exactly is allowed, on the first funder and the last', () => {
    expect(consumptionRefusal(before, after(row({ id: 'K-3', funder: 'Kommunstyrelsen', amount: 400 })), 'cost')).toBeNull();
    expect(consumptionRefusal(before, after(row({ id: 'K-3', amount: 100 })), 'cost')).toBeNull();
  });

  test('one öre too much is the amount\'s: what is left, what it books and what is missing', () => {
    const cost = consumptionRefusal(before, after(row({ id: 'K-3', funder: 'Kommunstyrelsen', amount: 400.01 })), 'cost');
    expect(cost?.field).toBe('amount');
    expect(sv(cost?.why)).toBe('Kostnaden ryms inte: Kommunstyrelsen har 400,00 kr kvar, kostnaden är 400,01 kr. Saknas 0,01 kr.');
    const change = consumptionRefusal(before, after(row({ id: 'K-3', amount: 150 })), 'change');
    expect(change?.field).toBe('amount');
    expect(sv(change?.why)).toBe('Ändringen ryms inte: STOKAB har 100,00 kr kvar, ändringen bokar 150,00 kr till. Saknas 50,00 kr.');
    expect(sv(consumptionRefusal(before, after(row({ id: 'K-3', amount: 150 })), 'edit')?.why)).toBe(sv(change?.why));
  });

  test('a funder already overspent has nothing left: all it would book is missing', () => {
    const over = budgetOf([row({ id: 'K-1', amount: 600 })]);
    const more = budgetOf([row({ id: 'K-1', amount: 600 }), row({ id: 'K-2', amount: 10 })]);
    expect(sv(consumptionRefusal(over, more, 'cost')?.why)).toBe('Kostnaden ryms inte: STOKAB har 0,00 kr kvar, kostnaden är 10,00 kr. Saknas 10,00 kr.');
  });

  test('booking nothing more is always allowed, even on an overspent funder (cancel, lower, change status)', () => {
    const over = budgetOf([row({ id: 'K-1', amount: 600 })]);
    expect(consumptionRefusal(over, budgetOf([row({ id: 'K-1', amount: 600, status: 'Betald' })]), 'change')).toBeNull();
    expect(consumptionRefusal(over, budgetOf([row({ id: 'K-1', amount: 550 })]), 'change')).toBeNull();
  });

  test('a funder that is out of balance is the funder\'s, with its reasons', () => {
    const bad = [row({ id: 'K-1', funder: 'Kommunstyrelsen', status: 'Klar' })];
    const r = consumptionRefusal(budgetOf(bad), budgetOf([...bad, row({ id: 'K-2', funder: 'Kommunstyrelsen', amount: 1 })]), 'cost');
    expect(r?.field).toBe('funder');
    expect(sv(r?.why)).toMatch(/^Budgeten är inte i balans för Kommunstyrelsen, .*: Kostnader rad 2 \(K-1\): okänd status "Klar"/);
    // Another funder's problem does not block this one.
    expect(consumptionRefusal(budgetOf(bad), budgetOf([...bad, row({ id: 'K-2', amount: 1 })]), 'cost')).toBeNull();
  });
});

describe('crossedWarnings: a save that takes a funder past its threshold says so', () => {
  const at = (ks: number, stokab: number) => budgetOf([row({ id: 'K-1', funder: 'Kommunstyrelsen', amount: ks }), row({ id: 'K-2', amount: stokab })]);
  test('below, then at 90 %: named with its threshold and share', () => {
    expect(sv(crossedWarnings(at(0, 449.5), at(0, 450)))).toBe('STOKAB har passerat 90 % (varningsgränsen): 90 % av tilldelningen är bokat.');
    expect(crossedWarnings(at(0, 449.5), at(0, 450))?.en).toBe('STOKAB has passed 90% (the warning threshold): 90% of its allocation is booked.');
  });
  test('every funder that crossed, in order', () => {
    expect(sv(crossedWarnings(at(0, 0), at(460, 470)))).toBe(
      'Kommunstyrelsen har passerat 90 % (varningsgränsen): 92 % av tilldelningen är bokat. STOKAB har passerat 90 % (varningsgränsen): 94 % av tilldelningen är bokat.');
  });
  test('nothing when none crossed: still below, already past, or overspent (which says so itself)', () => {
    expect(crossedWarnings(at(0, 0), at(0, 449.5))).toBeNull();
    expect(crossedWarnings(at(0, 460), at(0, 470))).toBeNull();
    expect(crossedWarnings(at(0, 0), at(0, 500.01))).toBeNull();
  });
});

describe('transferRefusal: what may move from one funder to another', () => {
  const s = budgetOf([row({ amount: 300 })]);
  test('up to what is not booked, exactly', () => {
    expect(transferRefusal(s, 1, 0, 20000)).toBeNull();
    expect(maxTransfer(s.funders[1])).toBe(20000);
    const r = transferRefusal(s, 1, 0, 20001);
    expect(r?.field).toBe('amount');
    expect(sv(r?.why)).toBe('Omfördelningen går inte: STOKAB har tilldelning 500,00 kr och har bokat 300,00 kr; högst 200,00 kr kan flyttas, du försökte flytta 200,01 kr.');
  });
  test('from an overspent funder nothing may move (never a negative most)', () => {
    const over = budgetOf([row({ amount: 600 })]);
    expect(maxTransfer(over.funders[1])).toBe(0);
    expect(sv(checkTransfer(over, 1, 0, 1))).toBe('Omfördelningen går inte: STOKAB har tilldelning 500,00 kr och har bokat 600,00 kr; högst 0,00 kr kan flyttas, du försökte flytta 0,01 kr.');
  });
  test('between a funder and itself: the destination\'s', () => {
    expect(transferRefusal(s, 1, 1, 1)).toEqual({ field: 'to', why: { sv: 'Omfördelningen måste gå mellan två olika finansiärer.', en: 'A transfer must be between two different funders.' } });
  });
  test('from a funder whose bookings are uncertain (its own bad row, or a row without a known funder): the source\'s', () => {
    const own = transferRefusal(budgetOf([row({ status: 'Klar' })]), 1, 0, 1);
    expect(own?.field).toBe('from');
    expect(sv(own?.why)).toBe('Omfördelningen går inte: det bokade för STOKAB är osäkert eftersom bladet Kostnader har fel. Rätta felen först.');
    expect(sv(transferRefusal(budgetOf([row({ funder: 'Cisco' })]), 0, 1, 1)?.why)).toMatch(/^Omfördelningen går inte: det bokade för Kommunstyrelsen är osäkert/);
    // Another funder's bad row does not stop a transfer from this one.
    expect(transferRefusal(budgetOf([row({ status: 'Klar' })]), 0, 1, 1)).toBeNull();
  });
});

describe('allocationRefusal: a new set of allocations', () => {
  const s = budgetOf([row({ amount: 300 })]);
  test('they must add up to the total exactly: less is refused too, saying what is left to allocate', () => {
    expect(allocationRefusal(s, 100000, [70000, 30000])).toBeNull();
    const less = allocationRefusal(s, 100000, [69999, 30000]);
    expect(less?.at).toBe('total');
    expect(sv(less?.why)).toBe('Tilldelningarna summerar till 999,99 kr men totalbudgeten är 1 000,00 kr (0,01 kr kvar att fördela).');
    expect(less?.why.en).toBe('The allocations add up to 999.99 SEK but the total budget is 1,000.00 SEK (0.01 SEK left to allocate).');
    expect(sv(checkAllocation(s, 100000, [70001, 30000]))).toBe('Tilldelningarna summerar till 1 000,01 kr men totalbudgeten är 1 000,00 kr (0,01 kr för mycket).');
  });
  test('a funder may get what it has booked, not one öre less: refused at its index', () => {
    expect(allocationRefusal(s, 100000, [70000, 30000])).toBeNull();
    const r = allocationRefusal(s, 100000, [70001, 29999]);
    expect(r?.at).toBe(1);
    expect(sv(r?.why)).toBe('STOKAB kan inte få 299,99 kr: finansiären har redan bokat 300,00 kr.');
    const first = allocationRefusal(budgetOf([row({ funder: 'Kommunstyrelsen', amount: 300 })]), 100000, [29999, 70001]);
    expect(first?.at).toBe(0);
  });
  test('while bookings are uncertain an allocation may stay or grow, not shrink', () => {
    const bad = budgetOf([row({ status: 'Klar' })]);
    expect(allocationRefusal(bad, 100000, [50000, 50000])).toBeNull();
    expect(allocationRefusal(bad, 100000, [49999, 50001])).toBeNull();
    const r = allocationRefusal(bad, 100000, [50001, 49999]);
    expect(r?.at).toBe(1);
    expect(sv(r?.why)).toBe('STOKAB kan inte få lägre tilldelning nu: det bokade är osäkert eftersom bladet Kostnader har fel. Rätta felen först.');
    // A row without a known funder makes every funder's bookings uncertain.
    expect(allocationRefusal(budgetOf([row({ funder: 'Cisco' })]), 100000, [49999, 50001])?.at).toBe(0);
  });
});

describe('overviewOf: what the sidebars and Översikt show', () => {
  test('balanced: the figures, and every funder without its sheet row', () => {
    const o = overviewOf(budgetOf([row({ amount: 250 })]));
    expect(o).toMatchObject({ total: 100000, allocated: 100000, percentUsed: 25, balanced: true, problemCount: 0, problems: [], review: [] });
    expect(o.status).toEqual({ sv: 'Budgeten är i balans.', en: 'The budget is in balance.' });
    expect(o.funders[1]).toEqual({
      name: 'STOKAB', allocation: 50000, planned: 25000, committed: 0, actual: 0, consumed: 25000, available: 25000, percentUsed: 50,
      warnAt: 90, warning: false, overspent: false, outOfBalance: false, reasons: [],
    });
    expect(funderView(budgetOf([]).funders[0])).not.toHaveProperty('row');
  });
  test('not balanced: which funders, and the whole budget\'s reasons', () => {
    const o = overviewOf(budgetOf([row({ amount: 600 })], TWO, 100001));
    expect(o.balanced).toBe(false);
    expect(sv(o.status)).toBe('Budgeten är inte i balans (STOKAB). Tilldelningarna på bladet Budget summerar till 1 000,00 kr men totalbudgeten är 1 000,01 kr.');
    expect(sv(overviewOf(budgetOf([row({ amount: 600 })])).status)).toBe('Budgeten är inte i balans (STOKAB).');
  });
  test('the problem list is capped, its count is not', () => {
    const o = overviewOf(budgetOf(Array.from({ length: 3 }, (_x, i) => row({ id: `K-${i}`, status: 'Klar' }))), 2);
    expect(o.problems.map((p) => p.row)).toEqual([2, 3]);
    expect(o.problemCount).toBe(3);
    expect(overviewOf(budgetOf(Array.from({ length: 201 }, (_x, i) => row({ id: `K-${i}`, status: 'Klar' })))).problems).toHaveLength(200);
  });
});

test('every blocking problem puts its funder or the whole budget out of balance (so "balanced" needs no problem list)', () => {
  const cases: BudgetState[] = [
    budgetOf([row({ status: 'Klar' })]), budgetOf([row({ funder: 'Cisco' })]), budgetOf([], [...TWO, ['', 1, '']]),
    budgetOf([], [...TWO, ['stokab', 1, '']]), budgetOf([], [['Kommunstyrelsen', 'x', ''], ['STOKAB', 500, '']]), budgetOf([row(), row()]),
  ];
  for (const s of cases) {
    for (const p of s.problems.filter((x) => x.blocking)) {
      const funder = s.funders.find((f) => f.name === p.funder);
      expect(s.wholeOutOfBalance || funder?.outOfBalance).toBe(true);
    }
    expect(s.balanced).toBe(false);
  }
});
