/**
 * computeBudget's sums beyond what a number holds exactly (Number.MAX_SAFE_INTEGER öre): each amount is at
 * most MAX_ORE (1 000 000 000 kr), so it takes about 90 000 rows at the largest amount. Not in the mutation
 * run (jest.stryker.config.js): instrumented, these rows take minutes for every mutant they execute.
 */
import { computeBudget } from '../../../src/core/budget';
import { MAX_ORE } from '../../../src/core/money';

const LC = { id: 0, date: 1, funder: 2, category: 3, description: 4, amount: 5, supplier: 6, reference: 7, status: 8, by: 9, at: 10 };
const KR = MAX_ORE / 100;
const ROWS = Math.ceil(Number.MAX_SAFE_INTEGER / MAX_ORE) + 1;

test('costs that add up beyond a whole number of öre put the whole budget out of balance, saying so', () => {
  const ledger = (n: number) => Array.from({ length: n }, (_x, i) => [`K-${i + 1}`, '2009-12-08', 'STOKAB', 'övrigt', 'Kaffe', KR, '', '', 'Planerad', '', '', '']);
  const budget = (n: number) => computeBudget({
    total: MAX_ORE, warnPercent: 90,
    budget: { rows: [['STOKAB', KR, '']], firstRow: 2, col: { funder: 0, allocation: 1, warn: 2 } },
    ledger: { rows: ledger(n), firstRow: 2, col: LC },
  }).wholeReasons.map((m) => m.sv);
  expect(budget(ROWS)).toEqual(['Beloppen är orimligt stora.']);
  // One row fewer than it takes is still exact: no such reason (the funder is overspent, which says so itself).
  expect(budget(ROWS - 2)).toEqual([]);
});
