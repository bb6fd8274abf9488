/**
 * The guard of direct Kostnader edits (src/core/budget-guard.ts), answer by answer: which reason a row
 * gets when the Budget sheet has a problem on the same sheet row, which stale flags stay, what the
 * Kontroll column holds for cells that aren't text (npm run test:mutation).
 */
import { computeBudget, type BudgetInput } from '../../../src/core/budget';
import { FLAG, judgeLedgerRow, kontrollColumn } from '../../../src/core/budget-guard';

const LC = { id: 0, date: 1, funder: 2, category: 3, description: 4, amount: 5, supplier: 6, reference: 7, status: 8, by: 9, at: 10 };
const row = (o: Partial<Record<keyof typeof LC, unknown>> = {}): unknown[] => {
  const r: unknown[] = ['K-0001', '2009-12-08', 'STOKAB', 'övrigt', 'x', 100, '', '', 'Planerad', '', '', ''];
  for (const [k, v] of Object.entries(o)) r[LC[k as keyof typeof LC]] = v;
  return r;
};
/** Budget rows from sheet row 2: Kommunstyrelsen, STOKAB (and whatever `more` adds, from row 4). */
const input = (ledger: unknown[][], alloc: unknown[] = [500, 500], more: unknown[][] = []): BudgetInput => ({
  total: 100000, warnPercent: 90,
  budget: {
    rows: [['Kommunstyrelsen', alloc[0], '', ''], ['STOKAB', alloc[1], '', ''], ...more],
    firstRow: 2, col: { funder: 0, allocation: 1, warn: 2 },
  },
  ledger: { rows: ledger, firstRow: 2, col: LC },
});

describe('judgeLedgerRow: the reason is the edited row\'s own', () => {
  test('not a Budget problem on the same sheet row, not another Kostnader row\'s', () => {
    // Budget row 3 (STOKAB's allocation) is wrong, and so is Kostnader row 2; the edit is Kostnader row 3.
    const base = input([row({ id: 'K-0001', amount: 'abc' }), row({ id: 'K-0002', funder: 'Kommunstyrelsen' })], [500, 'mycket']);
    const s = computeBudget(base);
    expect(s.problems.map((p) => [p.sheet, p.row])).toEqual([['Budget', 3], ['Kostnader', 2]]);
    const why = judgeLedgerRow(base, 1, row({ id: 'K-0002', funder: 'Kommunstyrelsen', status: 'Klar' }));
    expect(why?.sv).toMatch(/^Kostnader rad 3 \(K-0002\).*okänd status "Klar"/);
    expect(why?.en).toBe('Kostnader row 3 (K-0002): unknown status "Klar".');
  });

  test('an edit that overspends: how much is missing, in both languages', () => {
    const base = input([row({ amount: 100 })]);
    expect(judgeLedgerRow(base, 0, row({ amount: 600 }))).toEqual({
      sv: `Ändringen ryms inte: STOKAB har 400,00\u00a0kr kvar, ändringen bokar 500,00\u00a0kr till. Saknas 100,00\u00a0kr.`,
      en: 'The change does not fit: STOKAB has 400.00 SEK left, the change books 500.00 SEK more. Short by 100.00 SEK.',
    });
  });
});

describe('kontrollColumn', () => {
  test('a bad row gets its own Kostnader reason even when the Budget sheet has a problem on that sheet row', () => {
    const s = computeBudget(input([row({ amount: 'abc' })], ['mycket', 500]));
    const k = kontrollColumn(s, [''], new Map());
    expect(k.values).toHaveLength(1);
    expect(k.values[0]).toMatch(/^⚠ Kostnader rad 2/);
    expect(k.values[0]).toBe(`${FLAG} ${s.problems.find((p) => p.sheet === 'Kostnader')!.message.sv}`);
  });

  test('a row\'s first Kostnader reason is the one shown, whatever else the state lists for that sheet row', () => {
    const s = computeBudget(input([row({ amount: 'abc' })]));
    const [own] = s.problems;
    const later = { ...own, message: { sv: 'senare', en: 'later' } };
    const budget = { ...own, sheet: 'Budget' as const, message: { sv: 'budgetbladet', en: 'the budget sheet' } };
    expect(kontrollColumn({ ...s, problems: [own, later, budget] }, [''], new Map()).values).toEqual([`${FLAG} ${own.message.sv}`]);
  });

  test('cells that are not text: blank ones read as empty, others as their text, and nothing changes', () => {
    const s = computeBudget(input([row(), row({ id: 'K-0002' }), row({ id: 'K-0003' }), row({ id: 'K-0004' }), row({ id: 'K-0005' })]));
    const k = kontrollColumn(s, [5, null, undefined, '', true], new Map());
    expect(k).toEqual({ values: ['5', '', '', '', 'true'], changed: false });
  });

  test('other text on a fine row is left; a flag on it is cleared', () => {
    const s = computeBudget(input([row(), row({ id: 'K-0002' })]));
    expect(kontrollColumn(s, ['anteckning', `${FLAG} gammal`], new Map())).toEqual({ values: ['anteckning', ''], changed: true });
  });

  test('a flag stays while its funder is overspent, whichever funder that is (the first too)', () => {
    // Kommunstyrelsen (funder 0) has 500 kr and 600 kr booked: overspent through a direct edit.
    const s = computeBudget(input([row({ funder: 'Kommunstyrelsen', amount: 600 }), row({ id: 'K-0002' })]));
    expect(s.funders.map((f) => f.overspent)).toEqual([true, false]);
    expect(kontrollColumn(s, [`${FLAG} ryms inte`, `${FLAG} ryms inte`], new Map()))
      .toEqual({ values: [`${FLAG} ryms inte`, ''], changed: true });
  });

  test('a flag below the last cost is cleared (it belongs to no funder)', () => {
    const s = computeBudget(input([row()]));
    expect(kontrollColumn(s, ['', `${FLAG} gammal`, `${FLAG} gammal`], new Map())).toEqual({ values: ['', '', ''], changed: true });
  });

  test('a reason given for a row (extra) is written over whatever is there', () => {
    const s = computeBudget(input([row()]));
    const extra = new Map([[2, { sv: 'ändrad igen', en: 'changed again' }]]);
    expect(kontrollColumn(s, ['anteckning'], extra)).toEqual({ values: [`${FLAG} ändrad igen`], changed: true });
  });
});
