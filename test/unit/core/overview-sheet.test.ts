/** Översikt's layout compared with an existing sheet (src/core/overview-sheet.ts): what set-up rebuilds and what it leaves. */
import { overviewDrift, overviewItemRows, overviewItemRowsOf, overviewLayout, overviewOldEnd, OVERVIEW_STATUS_ROW } from '../../../src/core/overview-sheet';

const SOURCES = {
  ledger: { funder: 1, amount: 5, status: 7, category: 2, check: 11, item: 12 },
  program: { id: 0, title: 1, category: 3, capacity: 4 },
  guests: { events: 8, status: 10, answers: 16 },
  budget: { funder: 0, allocation: 1, warn: 2 },
  settings: { key: 0, value: 1 },
};
const layout = overviewLayout(SOURCES);
/** The sheet as set-up writes it: getFormulas() and getValues() of its rows. */
const asWritten = (l = layout) => ({
  formulas: l.cells.map((row) => row.map((c) => (c && 'formula' in c ? c.formula : ''))),
  values: l.cells.map((row) => row.map((c) => (c && 'text' in c ? c.text : ''))),
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
  const { values, formulas } = asWritten();
  expect(overviewOldEnd(layout, values, formulas)).toBe(layout.rows.lastItem);
  const older = values.slice(0, layout.rows.lastCategory); // before the item section
  expect(overviewOldEnd(layout, older, formulas)).toBe(layout.rows.lastCategory);
  expect(overviewOldEnd(layout, older.slice(2), formulas.slice(2))).toBe(layout.rows.lastCategory - 2);
  expect(overviewOldEnd(layout, values.slice(0, 10), formulas.slice(0, 10))).toBe(layout.cells.length);
  // A grown item section ends at its last row over Program, however many; the users' row below is theirs.
  const grown = asWritten(overviewLayout(SOURCES, 220));
  grown.values.push(['egen anteckning']);
  grown.formulas.push(['']);
  expect(overviewOldEnd(layout, grown.values, grown.formulas)).toBe(layout.rows.firstItem + 219);
});

test('the item section has room for the programme and then some, in steps of 20, never under 40 rows', () => {
  expect([1, 2, 40, 41, 42, 201, 202].map(overviewItemRows)).toEqual([40, 40, 40, 60, 60, 220, 220]);
  for (const n of [40, 60, 220]) {
    const { values, formulas } = asWritten(overviewLayout(SOURCES, n));
    expect(overviewItemRowsOf(formulas.map((r) => [r[0]]), values)).toBe(n);
  }
  expect(overviewItemRowsOf([['']], [['Kategori']])).toBe(0);
});

test('Program is read by whole columns (INDEX of the k-th row), never by a cell reference a deleted Program row would turn into #REF!', () => {
  const formulas = overviewLayout(SOURCES, 60).cells.flat().flatMap((c) => (c && 'formula' in c ? [c.formula] : []));
  const program = formulas.filter((f) => f.includes('Program!'));
  expect(program).toHaveLength(60 * 4); // per item row: the ID, the title, the category, the seats left (its capacity)
  for (const f of program) {
    expect(f.match(/Program!\$?[A-Z]+\$?\d+/g)).toBeNull();
    expect(f).toMatch(/INDEX\(Program!\$[A-Z]+:\$[A-Z]+,\d+\)/);
  }
});

test('a formula where the layout has text is drift though it shows the same; so is a name where the layout has a string literal', () => {
  const { formulas, values } = asWritten();
  formulas[4][0] = '="Finansiär"'; // shows Finansiär, as the header should
  const ok = formulas[5][9];
  expect(ok).toContain(',"OK"))');
  formulas[5][9] = ok.replace(/"OK"/g, 'OK'); // letter for letter the same, but OK is a name, not the text
  expect(overviewDrift(layout, formulas, values)).toEqual(['A5', 'J6']);
});

test('a section is found on any row, the first too; without the item header, formulas over Program are no item section', () => {
  const program = '=IFERROR(IF(INDEX(Program!$A:$A,2)="","",INDEX(Program!$A:$A,2)),"")';
  // Only the item section left (the rows above deleted by hand): its header on row 1, two item rows.
  const items = { values: [['Programpunkt'], ['P-1'], ['P-2'], ['egen anteckning']], formulas: [[''], [program], [program], ['']] };
  expect(overviewOldEnd(layout, items.values, items.formulas)).toBe(3);
  expect(overviewItemRowsOf(items.formulas, items.values)).toBe(2);
  // Only the categories, their header on row 1: they end after the nine categories.
  expect(overviewOldEnd(layout, [['Kategori'], ['huvudtalare']], [[''], ['']])).toBe(10);
  // Neither header: the current layout's end, and no item rows, whatever column A's formulas read.
  const neither = { values: [['P-1'], ['P-2']], formulas: [[program], [program]] };
  expect(overviewOldEnd(layout, neither.values, neither.formulas)).toBe(layout.cells.length);
  expect(overviewItemRowsOf(neither.formulas, neither.values)).toBe(0);
});
