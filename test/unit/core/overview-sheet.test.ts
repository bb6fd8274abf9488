/** Översikt's layout compared with an existing sheet (src/core/overview-sheet.ts): what set-up rebuilds and what it leaves. */
import { overviewDrift, overviewLayout, overviewOldEnd, OVERVIEW_STATUS_ROW } from '../../../src/core/overview-sheet';

const layout = overviewLayout({
  ledger: { funder: 1, amount: 5, status: 7, category: 2, check: 11, item: 12 },
  program: { id: 0, title: 1, category: 3, capacity: 4 },
  guests: { events: 8, status: 10, answers: 16 },
  budget: { funder: 0, allocation: 1, warn: 2 },
  settings: { key: 0, value: 1 },
});
/** The sheet as set-up writes it: getFormulas() and getValues() of its rows. */
const asWritten = () => ({
  formulas: layout.cells.map((row) => row.map((c) => (c && 'formula' in c ? c.formula : ''))),
  values: layout.cells.map((row) => row.map((c) => (c && 'text' in c ? c.text : ''))),
});

test('the sheet as written has no drift; nor when Sheets gives formulas back with other quoting, spacing or case', () => {
  const { formulas, values } = asWritten();
  expect(overviewDrift(layout, formulas, values)).toEqual([]);
  const respelled = formulas.map((row) => row.map((f) => f.replace(/'Inställningar'/g, 'Inställningar').replace(/SUMIFS\(/g, 'sumifs( ').replace(/,/g, ', ')));
  expect(respelled.flat().some((f) => f.includes('sumifs( '))).toBe(true);
  expect(overviewDrift(layout, respelled, values)).toEqual([]);
});

test('an older header, a changed formula, a changed text inside a formula\'s string and missing rows are drift', () => {
  const { formulas, values } = asWritten();
  values[4][5] = 'Förbrukat';
  formulas[5][6] = '=B6-F6';
  formulas[1][0] = formulas[1][0].replace('Budgeten är i balans.', 'budgeten är i balans.');
  expect(overviewDrift(layout, formulas, values)).toEqual(['A2', 'F5', 'G6']);
  expect(overviewDrift(layout, formulas.slice(0, 20), values.slice(0, 20))).toContain(`A${layout.rows.lastCategory}`);
});

test('the verification line and cells the layout leaves empty are the users\' and the add-on\'s state, not drift', () => {
  const { formulas, values } = asWritten();
  values[OVERVIEW_STATUS_ROW - 1][0] = '1 ändring väntar på granskning.';
  values[2][4] = 'egen anteckning';
  expect(overviewDrift(layout, formulas, values)).toEqual([]);
});

test('a table ends at its last section: the items, or in an older layout without them the categories; else where the current one ends', () => {
  const { values } = asWritten();
  expect(overviewOldEnd(layout, values)).toBe(layout.rows.lastItem);
  const older = values.slice(0, layout.rows.lastCategory); // before the item section
  expect(overviewOldEnd(layout, older)).toBe(layout.rows.lastCategory);
  expect(overviewOldEnd(layout, older.slice(2))).toBe(layout.rows.lastCategory - 2);
  expect(overviewOldEnd(layout, values.slice(0, 10))).toBe(layout.cells.length);
});
