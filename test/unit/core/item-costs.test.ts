/**
 * What each Program item costs (src/core/item-costs.ts): the Kostnader rows tied to it that consume budget,
 * counted as the funders' figures count them (computeBudget's reading of each row), keyed by the item's ID
 * however it was typed.
 */
import { computeBudget, type BudgetInput } from '../../../src/core/budget';
import { itemCosts, itemKey } from '../../../src/core/item-costs';

const LC = { id: 0, date: 1, funder: 2, category: 3, description: 4, amount: 5, supplier: 6, reference: 7, status: 8, by: 9, at: 10 };
const ITEM = 11;
/** A valid Kostnader row (STOKAB, `amount` kr, `status`) tied to Programpunkt `item`. */
const row = (id: string, item: unknown, amount: unknown = 100, status = 'Planerad'): unknown[] =>
  [id, '2009-12-08', 'STOKAB', 'övrigt', 'Kaffe', amount, '', '', status, '', '', item];
const input = (ledger: unknown[][]): BudgetInput => ({
  total: 100000, warnPercent: 90,
  budget: { rows: [['STOKAB', 5000, '']], firstRow: 2, col: { funder: 0, allocation: 1, warn: 2 } },
  ledger: { rows: ledger, firstRow: 2, col: LC },
});
const costs = (ledger: unknown[][]) => Object.fromEntries(itemCosts(computeBudget(input(ledger)), ledger, ITEM));

describe('itemCosts', () => {
  test('each item\'s booked öre and number of costs, summed over its rows, every status but Makulerad', () => {
    expect(costs([
      row('K-0001', 'P-001', 100, 'Planerad'), row('K-0002', 'P-001', 250.5, 'Beställd'), row('K-0003', 'P-001', 40, 'Fakturerad'),
      row('K-0004', 'P-002', 12, 'Betald'), row('K-0005', 'P-001', 999, 'Makulerad'),
    ])).toEqual({ 'P-001': { booked: 39_050, costs: 3 }, 'P-002': { booked: 1_200, costs: 1 } });
  });

  test('an ID typed in lower case or with spaces is the same item', () => {
    expect(costs([row('K-0001', 'P-003', 10), row('K-0002', ' p-003 ', 20)])).toEqual({ 'P-003': { booked: 3_000, costs: 2 } });
  });

  test('a row tied to no item, with a status or an amount that does not read, counts for no item', () => {
    expect(costs([
      row('K-0001', '', 10), row('K-0002', null, 10), row('K-0003', 'P-001', 10, 'Klar'), row('K-0004', 'P-001', 'tio'), row('K-0005', 'P-001', 5),
    ])).toEqual({ 'P-001': { booked: 500, costs: 1 } });
  });

  test('without a Programpunkt column, nothing', () => {
    const ledger = [row('K-0001', 'P-001')];
    expect(itemCosts(computeBudget(input(ledger)), ledger, undefined).size).toBe(0);
  });

  test('only the rows given: a row the budget counts beyond them (a cost being registered) is not read', () => {
    const ledger = [row('K-0001', 'P-001', 10)];
    const state = computeBudget(input(ledger), { index: 1, row: row('K-0002', 'P-001', 20) });
    expect(state.rows.count).toBe(2);
    expect(Object.fromEntries(itemCosts(state, ledger, ITEM))).toEqual({ 'P-001': { booked: 1_000, costs: 1 } });
  });
});

test('itemKey: an item ID as it is matched, trimmed and in upper case', () => {
  expect([itemKey(' p-003 '), itemKey('P-003'), itemKey(null), itemKey(7)]).toEqual(['P-003', 'P-003', '', '7']);
});
