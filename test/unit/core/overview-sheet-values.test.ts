/**
 * What Översikt shows (src/core/overview-sheet.ts): its formulas laid out by overviewLayout over small
 * Kostnader, Budget, Program, Gäster and Inställningar sheets and computed by the emulator's formula
 * engine (src/sandbox/emulator/formula.ts), the figures a person reads: each funder's booked, left and
 * state, the totals, the sums per category, per item the costs and the answers, the balance line. The
 * figures are chosen so that a wrong column, status, criterion or row range gives another number; each
 * case kills StrykerJS mutants of the formula texts that the string comparisons of overview-sheet.test.ts
 * leave alive (npm run test:mutation).
 */
import { FormulaContext } from '../../../src/sandbox/emulator/formula';
import { createInitialState, newSheetState, type CellState, type StoreState } from '../../../src/sandbox/emulator/store';
import {
  colLetter, overviewLayout, OVERVIEW_BALANCED, OVERVIEW_NO_LIMIT, OVERVIEW_STATUS_ROW, OVERVIEW_UNBALANCED, type OverviewLayout,
} from '../../../src/core/overview-sheet';

/**
 * The columns, shuffled and spread so that a formula reading another column reads another figure; Kostnader's
 * Programpunkt is column Z and Gäster's Svar per punkt column AB (a letter past Z: two letters, in order).
 */
const SRC = {
  ledger: { status: 1, funder: 3, category: 4, amount: 6, check: 9, item: 25 },
  program: { id: 0, title: 2, capacity: 3, category: 5 },
  guests: { events: 4, status: 7, answers: 27 },
  budget: { funder: 1, allocation: 2, warn: 4 },
  settings: { key: 1, value: 2 },
};
type V = string | number;
/** A sheet row with `cells` at their 0-based columns; `fill` in every other column up to `width`. */
const at = (cells: Record<number, V>, width = 0, fill: V = ''): V[] => {
  const row = Array<V>(Math.max(width, ...Object.keys(cells).map((c) => Number(c) + 1))).fill(fill);
  for (const [c, v] of Object.entries(cells)) row[Number(c)] = v;
  return row;
};

/** Kostnader: [funder, status, amount, category, item]; an Antal column of 7s between them (a wrong column adds them). */
type Cost = [string, string, number, string, string];
const L = SRC.ledger;
const cost = ([funder, status, amount, category, item]: Cost, check = ''): V[] =>
  at({ 0: 'K-1', [L.status]: status, [L.funder]: funder, [L.category]: category, 5: 7, [L.amount]: amount, [L.check]: check, [L.item]: item });
const COSTS: Cost[] = [
  ['Kommunstyrelsen', 'Planerad', 10000, 'huvudtalare', 'P-1'],
  ['Kommunstyrelsen', 'Planerad', 100, 'huvudtalare', ''],
  ['Kommunstyrelsen', 'Planerad', 2000, 'workshops', 'P-2'],
  ['Kommunstyrelsen', 'Beställd', 4000, 'huvudtalare', 'P-1'],
  ['Kommunstyrelsen', 'Beställd', 30000, 'representationsmiddag', 'P-10'],
  ['Kommunstyrelsen', 'Fakturerad', 15000, 'huvudtalare', 'P-1'],
  ['Kommunstyrelsen', 'Betald', 500, 'huvudtalare', 'P-1'],
  ['Kommunstyrelsen', 'Betald', 7000, 'kommunikation', ''],
  ['Kommunstyrelsen', 'Makulerad', 40000, 'huvudtalare', 'P-1'], // cancelled: booked nowhere
  ['Stokab', 'Planerad', 5000, 'workshops', 'P-2'],
  ['Stokab', 'Beställd', 20000, 'representationsmiddag', 'P-10'],
  ['Stokab', 'Betald', 20000, 'studiebesök', ''],
  ['Vinnova', 'Planerad', 3000, 'workshops', 'P-2'],
  ['Vinnova', 'Fakturerad', 12000, 'workshops', ''],
  ['Sponsor', 'Planerad', 1000, 'övrigt', 'P-100'],
  ['Okänd', 'Planerad', 999, 'övrigt', ''], // a funder Budget doesn't have: in its category, in no funder row
];
const B = SRC.budget;
/** Budget rows 2–11: [funder, allocation, warning threshold]; a column of 3s beside the allocations. */
const BUDGET: [string, V, V][] = [
  ['Kommunstyrelsen', 100000, ''], // the setting's 80 %
  ['Stokab', 50000, 1], // 1 is 100 %, not 1 %
  ['Vinnova', 20000, 75], // percent as written
  ['EU', 0, ''],
  ['', '', ''], ['', '', ''], ['', '', ''], ['', '', ''], ['', '', ''],
  ['Sponsor', 10000, 0.25], // a fraction: 25 %
];
const budgetRows = (rows: [string, V, V][]) => [
  at({ 0: 'ID', [B.funder]: 'Finansiär', [B.allocation]: 'Tilldelning', 3: 'Antal', [B.warn]: 'Varningsgräns' }),
  ...rows.map(([f, a, w]) => at({ 0: f ? 'B-1' : '', [B.funder]: f, [B.allocation]: a, 3: f ? 3 : '', [B.warn]: w })),
];
const settingRows = (total: number) => [
  at({ 0: 'x', [SRC.settings.key]: 'Nyckel', [SRC.settings.value]: 'Värde' }),
  at({ 0: 5, [SRC.settings.key]: 'Max antal inbjudna', [SRC.settings.value]: 300 }),
  at({ 0: 5, [SRC.settings.key]: 'Totalbudget', [SRC.settings.value]: total }),
  at({ 0: 5, [SRC.settings.key]: 'Varningsgräns (%)', [SRC.settings.value]: 80 }),
];
const P = SRC.program;
/** Program rows 2–6 (row 5 empty: a deleted item); the sheet's grid ends at row 6. */
const PROGRAM = [
  at({ [P.id]: 'ID', [P.title]: 'Rubrik', [P.capacity]: 'Kapacitet', 4: 'Plats', [P.category]: 'Kategori' }),
  at({ [P.id]: 'P-1', [P.title]: 'Öppningstal', [P.capacity]: 2, 4: 9, [P.category]: 'huvudtalare' }),
  at({ [P.id]: 'P-10', [P.title]: 'Middag', [P.capacity]: 3, 4: 9, [P.category]: 'representationsmiddag' }),
  at({ [P.id]: 'P-2', [P.title]: 'Workshop A', [P.capacity]: '', 4: 9, [P.category]: 'workshops' }),
  at({}),
  at({ [P.id]: 'P-100', [P.title]: 'Studiebesök', [P.capacity]: 1, 4: 9, [P.category]: 'övrigt' }),
];
const G = SRC.guests;
const OFFER = 'erbjuden 2099-12-01T12:00:00.000Z';
/** Gäster: [Evenemang, Status, Svar per punkt]; every way an ID sits in Evenemang (alone, first, last, between). */
const GUESTS: [string, string, string][] = [
  ['P-1', 'Inbjuden', ''],
  ['P-1; P-10', 'Tackat ja', ''],
  ['P-10; P-1; P-2', 'Tackat ja', 'P-1: nej; P-2: ja'], // P-10: invited, answered the other items only
  ['P-2; P-10', 'Återbud', 'P-10: ja'], // a cancellation is a no whatever it answered
  ['P-100; P-10; P-1', 'Tackat nej', ''],
  ['P-10', 'Osäker', `P-10: ${OFFER}`], // an open offer holds a seat
  ['P-10', 'Inbjuden', `P-10: ${OFFER}`],
  ['P-10; P-2', 'Tackat nej', 'P-10: ja'], // the item's own answer, not the overall one
  ['P-100', 'Skickar', ''],
  // Not (yet) mailed: neither invited nor answering, whatever they say per item.
  ['P-1', 'Godkänd', 'P-1: ja'],
  ['P-2', 'Föreslagen', 'P-2: ja'],
  ['P-1', 'Misslyckad', 'P-1: ja'],
  ['P-100', '', 'P-100: ja'],
  ['P-1', '', ''], // a blank status: not Skickar
];
const guestRows = () => [
  at({ 0: 'ID', [G.events]: 'Evenemang', [G.status]: 'Status', [G.answers]: 'Svar per punkt' }),
  ...GUESTS.map(([events, status, answers]) => at({ 0: 'G-1', [G.events]: events, [G.status]: status, [G.answers]: answers })),
];

interface Workbook {
  costs?: V[][];
  budget?: [string, V, V][];
  total?: number;
  status?: string;
  programRows?: V[][];
  programGrid?: number;
}
const ALLOCATED = 180000;
/** The workbook with Översikt laid out over it, and Översikt's values as getValues() gives them (formulas computed). */
function overview(w: Workbook = {}, layout: OverviewLayout = overviewLayout(SRC)): { values: V[][]; st: StoreState; layout: OverviewLayout } {
  const st = createInitialState();
  const sheet = (name: string, rows: V[][], maxRows = 1000) => {
    const sh = newSheetState(name, st.spreadsheet.sheets.length, maxRows);
    sh.rows = rows.map((r) => r.map((v): CellState | null => (v === '' ? null : { v })));
    st.spreadsheet.sheets.push(sh);
  };
  st.spreadsheet.sheets = [];
  sheet('Kostnader', [at({ 0: 'ID', [L.status]: 'Status', [L.amount]: 'Belopp', [L.item]: 'Programpunkt' }), ...(w.costs ?? COSTS.map((c) => cost(c)))]);
  sheet('Budget', budgetRows(w.budget ?? BUDGET));
  sheet('Inställningar', settingRows(w.total ?? ALLOCATED));
  sheet('Program', w.programRows ?? PROGRAM, w.programGrid ?? PROGRAM.length);
  sheet('Gäster', guestRows());
  const ov = newSheetState('Översikt', st.spreadsheet.sheets.length);
  const cells = layout.cells.map((row) => row.map((c): CellState | null => (c === null ? null : 'formula' in c ? { v: '', f: c.formula } : { v: c.text })));
  if (w.status !== undefined) cells[OVERVIEW_STATUS_ROW - 1][0] = { v: w.status };
  ov.rows = cells;
  st.spreadsheet.sheets.push(ov);
  const ctx = new FormulaContext(st);
  const values = layout.cells.map((row, r) => row.map((_c, c) => ctx.cellValue(ov, r + 1, c + 1) as V));
  return { values, st, layout };
}
/**
 * Översikt's row `r` (1-based), columns A…, of `o` (every test lays Översikt out itself: StrykerJS runs a
 * mutant only with the tests that executed it, and code run while the file loads is no test's).
 */
const row = (r: number, o: { values: V[][] }) => o.values[r - 1];

describe('the funder rows: Budget row k + 1 on row 5 + k, booked by status, left, share, threshold, state', () => {
  const F = ['Finansiär', 'Tilldelning', 'Planerat', 'Beställt', 'Fakturerat/betalt', 'Bokat', 'Kvar', 'Bokat (%)', 'Varningsgräns (%)', 'Läge'];
  test('the header row', () => {
    const o = overview();
    expect(o.layout.rows).toMatchObject({ header: 5, firstFunder: 6, lastFunder: 15, total: 16 });
    expect(row(5, o)).toEqual(F);
  });
  test('each funder: its own costs, Makulerad left out, a threshold from Budget (percent or fraction) or the setting', () => {
    const o = overview();
    // 12 100 planned (10 000 + 100 + 2 000), 34 000 ordered, 15 000 invoiced + 500 + 7 000 paid; the cancelled 40 000 left out.
    expect(row(6, o)).toEqual(['Kommunstyrelsen', 100000, 12100, 34000, 22500, 68600, 31400, 0.686, 80, 'OK']);
    // 90 % booked under a threshold of 1 = 100 %.
    expect(row(7, o)).toEqual(['Stokab', 50000, 5000, 20000, 20000, 45000, 5000, 0.9, 100, 'OK']);
    // 75 % booked at a threshold of 75 %: a warning from the threshold on.
    expect(row(8, o)).toEqual(['Vinnova', 20000, 3000, 0, 12000, 15000, 5000, 0.75, 75, 'Varning']);
    // Nothing allocated, nothing booked: 0 %, not an error.
    expect(row(9, o)).toEqual(['EU', 0, 0, 0, 0, 0, 0, 0, 80, 'OK']);
    // The tenth Budget row, after empty ones: 10 % booked, threshold 0.25 = 25 %.
    expect(row(15, o)).toEqual(['Sponsor', 10000, 1000, 0, 0, 1000, 9000, 0.1, 25, 'OK']);
  });
  test('an empty Budget row is an empty row, every column', () => {
    const o = overview();
    for (let r = 10; r <= 14; r++) expect(row(r, o)).toEqual(Array(10).fill(''));
  });
  test('over budget: Överskriden, before any warning; booked with nothing allocated is 100 %', () => {
    const v = overview({ costs: [...COSTS.map((c) => cost(c)), cost(['Stokab', 'Planerad', 5001, 'övrigt', '']), cost(['EU', 'Beställd', 10, 'övrigt', ''])] });
    expect(row(7, v)).toEqual(['Stokab', 50000, 10001, 20000, 20000, 50001, -1, 1.00002, 100, 'Överskriden']);
    expect(row(9, v)).toEqual(['EU', 0, 0, 10, 0, 10, -10, 1, 80, 'Överskriden']);
    // Just at the allocation is not over: a warning (100 % ≥ 100 %).
    const full = overview({ costs: [...COSTS.map((c) => cost(c)), cost(['Stokab', 'Planerad', 5000, 'övrigt', ''])] });
    expect(row(7, full).slice(5)).toEqual([50000, 0, 1, 100, 'Varning']);
  });
  test('the total row sums the ten funder rows (not the unknown funder\'s 999), the share of the totals', () => {
    const o = overview();
    expect(row(16, o)).toEqual(['Totalt', 180000, 21100, 54000, 54500, 129600, 50400, 0.72, '', '']);
    const none = overview({ costs: [], budget: [['EU', 0, '']], total: 0 });
    expect(row(16, none)).toEqual(['Totalt', 0, 0, 0, 0, 0, 0, 0, '', '']);
  });
  test('the conditional formats colour a funder row by its state, and A2 when the budget is out of balance', () => {
    const v = overview({ costs: [...COSTS.map((c) => cost(c)), cost(['Stokab', 'Planerad', 5001, 'övrigt', ''])] });
    const [over, warn, balance] = v.layout.rules;
    expect([over.range, warn.range, balance.range]).toEqual(['A6:J15', 'A6:J15', 'A2']);
    // A rule's formula is written for the range's first row; Sheets moves its relative rows down the range.
    const holds = (formula: string, r: number, ob = v) => {
      const ov = ob.st.spreadsheet.sheets.find((s) => s.name === 'Översikt')!;
      ov.rows[r - 1] = [...(ov.rows[r - 1] ?? [])];
      ov.rows[r - 1]![12] = { v: '', f: formula.replace(/(\$J)6\b/g, `$1${r}`) };
      return new FormulaContext(ob.st).cellValue(ov, r, 13);
    };
    expect([6, 7, 8, 9, 10, 15].map((r) => holds(over.formula, r))).toEqual([false, true, false, false, false, false]);
    expect([6, 7, 8, 9, 10, 15].map((r) => holds(warn.formula, r))).toEqual([false, false, true, false, false, false]);
    expect(holds(balance.formula, 3)).toBe(true);
    expect(holds(balance.formula, 3, overview())).toBe(false);
    expect([over, warn, balance].map((x) => [x.background, x.fontColor])).toEqual([['#f4c7c3', '#5c0011'], ['#fce8b2', '#4a2c00'], ['#f4c7c3', '#5c0011']]);
  });
});

describe('the balance line (A2)', () => {
  test('in balance: no flag in Kontroll, nobody over budget, nothing waiting for review, the allocations sum to Totalbudget', () => {
    const o = overview();
    expect(row(2, o)).toEqual([OVERVIEW_BALANCED, ...Array(9).fill('')]);
    expect(row(1, o)[0]).toBe('Summit Planner – översikt');
  });
  test('a note in Kontroll that is no ⚠ flag, or a difference under half an öre, leaves it in balance', () => {
    const costs = [...COSTS.map((c) => cost(c)), cost(['Stokab', 'Planerad', 0, 'övrigt', ''], 'se faktura ⚠')];
    expect(row(2, overview({ costs }))[0]).toBe(OVERVIEW_BALANCED);
    expect(row(2, overview({ total: ALLOCATED + 0.004 }))[0]).toBe(OVERVIEW_BALANCED);
    expect(row(2, overview({ total: ALLOCATED - 0.004 }))[0]).toBe(OVERVIEW_BALANCED);
  });
  test.each<[string, Workbook]>([
    ['a ⚠ flag in Kontroll', { costs: [...COSTS.map((c) => cost(c)), cost(['Stokab', 'Planerad', 0, 'övrigt', ''], '⚠ Kostnader rad 18: beloppet saknas')] }],
    ['a funder over budget (the tenth row)', { costs: [...COSTS.map((c) => cost(c)), cost(['Sponsor', 'Beställd', 9001, 'övrigt', ''])] }],
    ['something waiting for review (row 4)', { status: '1 ändring väntar på granskning.' }],
    ['allocations 1 öre under Totalbudget', { total: ALLOCATED + 0.01 }],
    ['allocations 1 öre over Totalbudget', { total: ALLOCATED - 0.01 }],
  ])('out of balance: %s', (_why, w) => {
    expect(row(2, overview(w))[0]).toBe(OVERVIEW_UNBALANCED);
  });
});

describe('the categories: booked by status per budget category, whoever the funder', () => {
  test('header and one row per category, Makulerad left out', () => {
    const o = overview();
    expect(o.layout.rows).toMatchObject({ categoryHeader: 18, firstCategory: 19, lastCategory: 27 });
    const section = o.values.slice(17, 27).map((r) => r.slice(0, 5));
    expect(section).toEqual([
      ['Kategori', 'Planerat', 'Beställt', 'Fakturerat/betalt', 'Bokat'],
      ['huvudtalare', 10100, 4000, 15500, 29600],
      ['plenarsessioner', 0, 0, 0, 0],
      ['specialistsessioner', 0, 0, 0, 0],
      ['workshops', 10000, 0, 12000, 22000],
      ['studiebesök', 0, 0, 20000, 20000],
      ['representationsmiddag', 0, 50000, 0, 50000],
      ['kommunikation', 0, 0, 7000, 7000],
      ['projektledning', 0, 0, 0, 0],
      ['övrigt', 1999, 0, 0, 1999], // the unknown funder's 999 too
    ]);
    for (let r = 17; r <= 27; r++) expect(row(r, o).slice(5)).toEqual(Array(5).fill(''));
  });
});

describe('the items: Program row k + 1 on each row, its costs, its category\'s, its answers', () => {
  test('header, then per item ID, title, category, booked for it and in its category, invited / yes / no / not answered / seats left', () => {
    const o = overview();
    expect(o.layout.rows).toMatchObject({ itemHeader: 29, firstItem: 30, lastItem: 69 });
    expect(row(28, o)).toEqual(Array(10).fill(''));
    expect(row(29, o)).toEqual(['Programpunkt', 'Rubrik', 'Kategori', 'Bokat för punkten', 'Bokat i kategorin', 'Inbjudna', 'Tackat ja', 'Tackat nej', 'Ej svarat', 'Platser kvar']);
    // P-1: booked 10 000 + 4 000 + 15 000 + 500 (the cancelled 40 000 and the category's 100 without an item left out).
    // Invited 4 (Inbjuden, two Tackat ja, Tackat nej; not Godkänd or Misslyckad); yes: the overall one; no: its own
    // answer and the overall Tackat nej; 2 seats − 1 yes.
    expect(row(30, o)).toEqual(['P-1', 'Öppningstal', 'huvudtalare', 29500, 29600, 4, 1, 2, 1, 1]);
    // P-10: invited 7; yes: the overall one and its own answer over an overall no (not the cancelled guest's);
    // no: the cancellation and the overall no; two open offers: 3 seats − 2 yes − 2 offers, never below 0.
    expect(row(31, o)).toEqual(['P-10', 'Middag', 'representationsmiddag', 50000, 50000, 7, 2, 2, 3, 0]);
    // P-2: no capacity; Föreslagen's answer doesn't count.
    expect(row(32, o)).toEqual(['P-2', 'Workshop A', 'workshops', 10000, 22000, 3, 1, 1, 1, OVERVIEW_NO_LIMIT]);
    expect(row(33, o)).toEqual(Array(10).fill('')); // Program's empty row 5
    // P-100: Skickar is invited, a blank status isn't.
    expect(row(34, o)).toEqual(['P-100', 'Studiebesök', 'övrigt', 1000, 1999, 2, 0, 1, 1, 1]);
    // Past the Program sheet's last row (INDEX is #REF! there): empty rows, down to the section's last.
    for (let r = 35; r <= 69; r++) expect(row(r, o)).toEqual(Array(10).fill(''));
    expect(o.values).toHaveLength(69);
  });
  test('a capacity already taken by yes answers alone leaves 0, and a free seat of an item with one yes and one offer', () => {
    const programRows = PROGRAM.map((r) => [...r]);
    programRows[1][P.capacity] = 1;
    programRows[2][P.capacity] = 5;
    const v = overview({ programRows });
    expect(row(30, v)[9]).toBe(0);
    expect(row(31, v)[9]).toBe(1);
  });
  test('more item rows: row k of the section still shows Program row k + 1, to the last', () => {
    const ids = Array.from({ length: 59 }, (_, i) => `P-${i + 1}`);
    const programRows = [PROGRAM[0], ...ids.map((id) => at({ [P.id]: id, [P.title]: `Punkt ${id}`, [P.category]: 'studiebesök' }))];
    const v = overview({ programRows, programGrid: 1000 }, overviewLayout(SRC, 60));
    expect(v.layout.rows.lastItem).toBe(89);
    expect(v.values).toHaveLength(89);
    const items = v.values.slice(29).map((r) => r[0]);
    expect(items).toEqual([...ids, '']);
    expect(row(89, v)).toEqual(Array(10).fill(''));
    expect(row(88, v).slice(0, 5)).toEqual(['P-59', 'Punkt P-59', 'studiebesök', 0, 20000]);
  });
});

describe('the sheet\'s formats, bold rows and chart cover the sections as laid out', () => {
  test('money, percent and threshold ranges; bold headers; the chart of allocated and booked per funder', () => {
    const o = overview();
    const l = o.layout;
    expect(l.formats).toEqual({ sek: ['B6:G16', 'B19:E27', 'D30:E69'], percent: ['H6:H16'], warn: ['I6:I15'] });
    expect(l.bold).toEqual(['A1', 'A2', 'A5:J5', 'A16:J16', 'A18:E18', 'A29:J29']);
    expect(l.chart).toEqual({ ranges: ['A5:A15', 'B5:B15', 'F5:F15'], row: 5, col: 12, title: 'Tilldelat och bokat per finansiär' });
    expect(l.width).toBe(10);
    expect(row(3, o)[0]).toMatch(/^Räknas av formler direkt från bladen Budget och Kostnader/);
  });
  test('column letters: Z, then two letters', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(colLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
