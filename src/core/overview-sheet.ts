/**
 * The Översikt sheet as live Sheets formulas (pure: the layout and formula
 * text; src/gas/setup.ts writes it at set-up, and rebuilds an existing sheet
 * whose add-on cells differ from the current layout: overviewDrift).
 *
 * Why formulas and not a script-written snapshot: a registration must cost
 * ≤ 2 range writes (Kostnader + Logg) and a direct edit in Kostnader must show
 * up without any script run. SUMIFS/COUNTIFS over whole columns of Kostnader
 * do both; the columns are located by header name at set-up time and Sheets
 * keeps the references right when columns or rows are moved, inserted or
 * deleted. The sidebar (Budgetöversikt) and every write still recompute the
 * budget from the rows (src/core/budget.ts): the sheet is a view, never an input.
 */
import { FLAG } from './budget-guard';
import { CATEGORIES } from './schema';
import { SETTING_KEYS } from './settings';

/** Funder rows on Översikt: Budget rows 2 … MAX_FUNDERS + 1. */
export const OVERVIEW_MAX_FUNDERS = 10;
/**
 * Item rows on Översikt: row k shows Program row k + 1, for as many Program rows as the programme
 * has plus room to spare (overviewItemRows); set-up and adding an item past the covered rows
 * (src/gas/setup.ts, growOverview) lay the sheet out again with more. At least 40 (the decision's
 * programme is a dozen items; room for the 2010 summit's too).
 */
export const OVERVIEW_MIN_ITEMS = 40;
/** Rows the item section grows by at a time, so that adding items rarely lays the sheet out again. */
export const OVERVIEW_ITEM_STEP = 20;
/** How many item rows Översikt needs for a Program sheet whose last row with content is `programLastRow`. */
export const overviewItemRows = (programLastRow: number): number =>
  Math.max(OVERVIEW_MIN_ITEMS, (Math.floor(Math.max(0, programLastRow - 1) / OVERVIEW_ITEM_STEP) + 1) * OVERVIEW_ITEM_STEP);
/** The header of the item section's first column: where an existing Översikt's table ends (overviewOldEnd). */
export const OVERVIEW_ITEM_HEADER = 'Programpunkt';

export const OVERVIEW_BALANCED = 'Budgeten är i balans.';
export const OVERVIEW_UNBALANCED = '⛔ Budgeten är inte i balans: se kolumnen Kontroll på bladet Kostnader och Budgetöversikten (Tillägg → Summit Planner).';
/** Row of Översikt's verification cell (column A): the add-on writes there what waits for review, '' when nothing does. */
export const OVERVIEW_STATUS_ROW = 4;

export const STATE_OVER = 'Överskriden';
export const STATE_WARN = 'Varning';

/** 0-based column indexes found by header name at set-up time. */
export interface OverviewSources {
  readonly ledger: { readonly funder: number; readonly amount: number; readonly status: number; readonly category: number; readonly check: number; readonly item: number };
  readonly program: { readonly id: number; readonly title: number; readonly category: number; readonly capacity: number };
  readonly guests: { readonly events: number; readonly status: number; readonly answers: number };
  readonly budget: { readonly funder: number; readonly allocation: number; readonly warn: number };
  readonly settings: { readonly key: number; readonly value: number };
}

/** A cell to write: text is literal, `formula` starts with "=". */
export type OverviewCell = { text: string } | { formula: string } | null;

export interface OverviewLayout {
  readonly cells: OverviewCell[][];
  readonly width: number;
  /** 1-based rows. */
  readonly rows: {
    status: number; header: number; firstFunder: number; lastFunder: number; total: number; categoryHeader: number; firstCategory: number; lastCategory: number;
    itemHeader: number; firstItem: number; lastItem: number;
  };
  /** A1 ranges (on Översikt) by number format. */
  readonly formats: { sek: string[]; percent: string[]; warn: string[] };
  readonly bold: string[];
  readonly chart: { ranges: string[]; row: number; col: number; title: string };
  readonly rules: { range: string; formula: string; background: string; fontColor: string }[];
}

export const colLetter = (i: number): string => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The chart's title in every layout so far ("förbrukat" until the figure was named "Bokat"): set-up replaces only these charts. */
export const OVERVIEW_CHART_TITLES: readonly string[] = ['Tilldelat och förbrukat per finansiär', 'Tilldelat och bokat per finansiär'];

/**
 * The add-on's cells of an existing Översikt that differ from `layout` (A1), read as `formulas`
 * (getFormulas) and `values` (getValues) of its first rows; none when the sheet has the current layout.
 * Cells the layout leaves empty are not compared: the verification line and the users' own notes.
 */
export function overviewDrift(layout: OverviewLayout, formulas: readonly (readonly string[])[], values: readonly (readonly unknown[])[]): string[] {
  const drift: string[] = [];
  layout.cells.forEach((row, r) => row.forEach((cell, c) => {
    if (cell === null) return;
    const f = formulas[r]?.[c] ?? '';
    const same = 'formula' in cell ? sameFormula(f, cell.formula) : f === '' && String(values[r]?.[c] ?? '') === cell.text;
    if (!same) drift.push(`${colLetter(c)}${r + 1}`);
  }));
  return drift;
}

/**
 * Formulas as Sheets may give them back: a sheet name with or without quotes, spaces, lower-case
 * function names. Text inside string literals is compared as written.
 */
function sameFormula(a: string, b: string): boolean {
  const norm = (f: string) => f.split('"').map((part, i) => (i % 2 ? part : part.replace(/['\s]/g, '').toUpperCase())).join('"');
  return norm(a) === norm(b);
}

/**
 * Where an older layout of Översikt ends (1-based row): the last row of its last section (the categories,
 * found by "Kategori" in column A; the items, by OVERVIEW_ITEM_HEADER and then every row whose column A is
 * a formula over Program, however many the sheet grew to); where the current layout ends when it has
 * neither. What lies below is the users'. `formulas`: column A's (getFormulas) of the same rows.
 */
export function overviewOldEnd(layout: OverviewLayout, values: readonly (readonly unknown[])[], formulas: readonly (readonly string[])[]): number {
  const header = (text: string) => values.findIndex((row) => row[0] === text);
  const categories = header('Kategori');
  const items = header(OVERVIEW_ITEM_HEADER);
  let itemEnd = items < 0 ? 0 : items + 1;
  while (itemEnd > 0 && /Program!/i.test(formulas[itemEnd]?.[0] ?? '')) itemEnd++;
  return Math.max(categories < 0 ? 0 : categories + 1 + CATEGORIES.length, itemEnd) || layout.cells.length;
}

/** How many item rows an existing Översikt has (its column A's formulas, getFormulas): 0 without an item section. */
export function overviewItemRowsOf(formulas: readonly (readonly string[])[], values: readonly (readonly unknown[])[]): number {
  const at = values.findIndex((row) => row[0] === OVERVIEW_ITEM_HEADER);
  if (at < 0) return 0;
  let n = 0;
  while (/Program!/i.test(formulas[at + 1 + n]?.[0] ?? '')) n++;
  return n;
}

/** The item section's answer columns (F–J), as the Program sidebar counts them (itemCounts in src/core/program.ts). */
export const ITEM_COUNT_HEADERS = ['Inbjudna', 'Tackat ja', 'Tackat nej', 'Ej svarat', 'Platser kvar'] as const;
/** What Platser kvar says of an item without a capacity. */
export const OVERVIEW_NO_LIMIT = 'obegränsat';

/**
 * Per item, from Gäster (Evenemang, Status, Svar per punkt) as guestItemState
 * (src/core/item-answers.ts) reads one guest for one item: invited = the
 * invitation is (or may be) mailed; a per-item answer counts when the guest
 * has one, else the overall status does (Tackat ja / nej); Återbud is a no
 * for every item. One difference, on the cautious side: the sheet can't
 * compare an offer's deadline with the clock, so every open offer holds its
 * seat until the add-on passes it on (the sidebar frees an expired one at once).
 *
 * Exact matching, with nothing but COUNTIFS (a wildcard "*P-1*" would count
 * P-10's and P-100's guests as P-1's): Evenemang is the item IDs joined by
 * "; " as the add-on writes them (formatEventsCell), so a guest is invited to
 * the item in exactly one of four disjoint ways: the cell is the ID, starts
 * with "ID; ", ends with "; ID" or holds "; ID; " (an ID appears once in a
 * cell). In Svar per punkt an entry is "ID: word" and "P-" only ever starts an
 * ID, so "*ID: word*" can't match a longer ID (P-1: is not inside P-11:).
 */
function itemCountFormulas(src: OverviewSources): (r: number, capacity: string) => string[] {
  const gc = (i: number) => `'Gäster'!$${colLetter(i)}:$${colLetter(i)}`;
  const ev = gc(src.guests.events);
  const st = gc(src.guests.status);
  const an = gc(src.guests.answers);
  const MAILED = ['Skickar', 'Inbjuden', 'Tackat ja', 'Tackat nej', 'Återbud', 'Osäker'];
  // Mailed, and not a cancellation (Återbud overrides any per-item answer).
  const live = ['Återbud', 'Föreslagen', 'Godkänd', 'Misslyckad', ''].map((x) => `${st},${q(`<>${x}`)}`).join(',');
  return (r, capacity) => {
    const id = `$A${r}`;
    const tokens = [id, `${id}&"; *"`, `"*; "&${id}`, `"*; "&${id}&"; *"`];
    /** Guests invited to the item who also meet `rest` (criteria pairs): the four ways summed. */
    const invitedAnd = (rest: string) => `(${tokens.map((t) => `COUNTIFS(${ev},${t},${rest})`).join('+')})`;
    const said = (word: string) => invitedAnd(`${an},"*"&${id}&": ${word}*",${live}`);
    const overall = (status: string) => invitedAnd(`${an},"",${st},${q(status)}`);
    const invited = MAILED.map((x) => invitedAnd(`${st},${q(x)}`)).join('+');
    const yes = `${said('ja')}+${overall('Tackat ja')}`;
    const no = `${invitedAnd(`${st},"Återbud"`)}+${said('nej')}+${overall('Tackat nej')}`;
    const left = `${capacity}-G${r}-${said('erbjud')}`;
    return [invited, yes, no, `F${r}-G${r}-H${r}`, `IF(${capacity}="",${q(OVERVIEW_NO_LIMIT)},MAX(0,${left}))`];
  };
}

/** Översikt over the columns `src`, with `itemRows` item rows (overviewItemRows of the Program sheet). */
export function overviewLayout(src: OverviewSources, itemRows: number = OVERVIEW_MIN_ITEMS): OverviewLayout {
  const L = (i: number) => colLetter(i);
  const col = (sheet: string, i: number) => `${sheet}!$${L(i)}:$${L(i)}`;
  const amount = col('Kostnader', src.ledger.amount);
  const funderCol = col('Kostnader', src.ledger.funder);
  const statusCol = col('Kostnader', src.ledger.status);
  const categoryCol = col('Kostnader', src.ledger.category);
  const checkCol = col('Kostnader', src.ledger.check);
  const setKey = `'Inställningar'!$${L(src.settings.key)}:$${L(src.settings.key)}`;
  const setVal = `'Inställningar'!$${L(src.settings.value)}:$${L(src.settings.value)}`;
  const setting = (key: string) => `SUMIFS(${setVal},${setKey},${q(key)})`;
  const sumStatus = (by: string, key: string, status: string) => `SUMIFS(${amount},${by},${key},${statusCol},${q(status)})`;

  const header = 5;
  const firstFunder = header + 1;
  const lastFunder = firstFunder + OVERVIEW_MAX_FUNDERS - 1;
  const total = lastFunder + 1;
  const categoryHeader = total + 2;
  const firstCategory = categoryHeader + 1;
  const lastCategory = firstCategory + CATEGORIES.length - 1;
  const itemHeader = lastCategory + 2;
  const firstItem = itemHeader + 1;
  const lastItem = firstItem + itemRows - 1;
  // "Bokat": planned + ordered + invoiced/paid, as the sidebars say ("Förbrukat" read as money spent; src/core/budget.ts).
  const headers = ['Finansiär', 'Tilldelning', 'Planerat', 'Beställt', 'Fakturerat/betalt', 'Bokat', 'Kvar', 'Bokat (%)', 'Varningsgräns (%)', 'Läge'];
  const width = headers.length;
  const cells: OverviewCell[][] = Array.from({ length: lastItem }, () => Array<OverviewCell>(width).fill(null));
  const put = (r: number, c: number, cell: OverviewCell) => {
    cells[r - 1][c] = cell;
  };

  put(1, 0, { text: 'Summit Planner – översikt' });
  const statusFormula = `=IF(COUNTIFS(${checkCol},${q(`${FLAG}*`)})+COUNTIFS($G$${firstFunder}:$G$${lastFunder},"<0")+IF(LEN($A$${OVERVIEW_STATUS_ROW})>0,1,0)`
    + `+IF(ROUND(SUM(Budget!$${L(src.budget.allocation)}:$${L(src.budget.allocation)})-${setting(SETTING_KEYS.totalBudget)},2)=0,0,1)>0,`
    + `${q(OVERVIEW_UNBALANCED)},${q(OVERVIEW_BALANCED)})`;
  put(2, 0, { formula: statusFormula });
  put(3, 0, { text: 'Räknas av formler direkt från bladen Budget och Kostnader (även direkta ändringar). Ändra inte formlerna här; kör Konfigurera arbetsboken om bladet tas bort.' });
  headers.forEach((h, c) => put(header, c, { text: h }));

  for (let k = 0; k < OVERVIEW_MAX_FUNDERS; k++) {
    const r = firstFunder + k;
    const b = 2 + k; // Budget row
    const bf = `Budget!$${L(src.budget.funder)}${b}`;
    const guard = (f: string) => ({ formula: `=IF($A${r}="","",${f})` });
    put(r, 0, { formula: `=IF(${bf}="","",${bf})` });
    put(r, 1, guard(`Budget!$${L(src.budget.allocation)}${b}`));
    put(r, 2, guard(sumStatus(funderCol, `$A${r}`, 'Planerad')));
    put(r, 3, guard(sumStatus(funderCol, `$A${r}`, 'Beställd')));
    put(r, 4, guard(`${sumStatus(funderCol, `$A${r}`, 'Fakturerad')}+${sumStatus(funderCol, `$A${r}`, 'Betald')}`));
    put(r, 5, guard(`C${r}+D${r}+E${r}`));
    put(r, 6, guard(`B${r}-F${r}`));
    put(r, 7, guard(`IFERROR(F${r}/B${r},IF(F${r}>0,1,0))`));
    const bw = `Budget!$${L(src.budget.warn)}${b}`;
    put(r, 8, guard(`IF(${bw}="",${setting(SETTING_KEYS.warnPercent)},IF(${bw}<=1,${bw}*100,${bw}))`));
    put(r, 9, guard(`IF(G${r}<0,${q(STATE_OVER)},IF(F${r}>0,IF(H${r}*100>=I${r},${q(STATE_WARN)},"OK"),"OK"))`));
  }
  put(total, 0, { text: 'Totalt' });
  for (let c = 1; c <= 6; c++) put(total, c, { formula: `=SUM(${L(c)}${firstFunder}:${L(c)}${lastFunder})` });
  put(total, 7, { formula: `=IFERROR(F${total}/B${total},0)` });

  ['Kategori', 'Planerat', 'Beställt', 'Fakturerat/betalt', 'Bokat'].forEach((h, c) => put(categoryHeader, c, { text: h }));
  CATEGORIES.forEach((cat, k) => {
    const r = firstCategory + k;
    put(r, 0, { text: cat });
    put(r, 1, { formula: `=${sumStatus(categoryCol, `$A${r}`, 'Planerad')}` });
    put(r, 2, { formula: `=${sumStatus(categoryCol, `$A${r}`, 'Beställd')}` });
    put(r, 3, { formula: `=${sumStatus(categoryCol, `$A${r}`, 'Fakturerad')}+${sumStatus(categoryCol, `$A${r}`, 'Betald')}` });
    put(r, 4, { formula: `=B${r}+C${r}+D${r}` });
  });

  // Per Program item: what the costs tied to it have booked, next to what its budget category has booked in all.
  const itemCol = col('Kostnader', src.ledger.item);
  [OVERVIEW_ITEM_HEADER, 'Rubrik', 'Kategori', 'Bokat för punkten', 'Bokat i kategorin', ...ITEM_COUNT_HEADERS].forEach((h, c) => put(itemHeader, c, { text: h }));
  const counts = itemCountFormulas(src);
  for (let k = 0; k < itemRows; k++) {
    const r = firstItem + k;
    const p = 2 + k; // Program row
    // INDEX over the whole column, not Program!$A2: a Program row deleted by hand would turn a direct reference into #REF!
    // (Sheets moves references with the rows), while the k-th row of the column is always there.
    const pc = (i: number) => `INDEX(Program!$${L(i)}:$${L(i)},${p})`;
    const guard = (f: string) => ({ formula: `=IF($A${r}="","",${f})` });
    // IFERROR: a row past the end of the Program sheet's grid is #REF! in INDEX, i.e. no item.
    put(r, 0, { formula: `=IFERROR(IF(${pc(src.program.id)}="","",${pc(src.program.id)}),"")` });
    put(r, 1, guard(pc(src.program.title)));
    put(r, 2, guard(pc(src.program.category)));
    const booked = ['Planerad', 'Beställd', 'Fakturerad', 'Betald'].map((st) => sumStatus(itemCol, `$A${r}`, st)).join('+');
    put(r, 3, guard(booked));
    put(r, 4, guard(`SUMIFS($E$${firstCategory}:$E$${lastCategory},$A$${firstCategory}:$A$${lastCategory},$C${r})`));
    counts(r, pc(src.program.capacity)).forEach((f, c) => put(r, 5 + c, guard(f)));
  }

  return {
    cells, width,
    rows: { status: 2, header, firstFunder, lastFunder, total, categoryHeader, firstCategory, lastCategory, itemHeader, firstItem, lastItem },
    formats: {
      sek: [`B${firstFunder}:G${total}`, `B${firstCategory}:E${lastCategory}`, `D${firstItem}:E${lastItem}`],
      percent: [`H${firstFunder}:H${total}`],
      warn: [`I${firstFunder}:I${lastFunder}`],
    },
    bold: [`A1`, `A2`, `A${header}:J${header}`, `A${total}:J${total}`, `A${categoryHeader}:E${categoryHeader}`, `A${itemHeader}:J${itemHeader}`],
    chart: { ranges: [`A${header}:A${lastFunder}`, `B${header}:B${lastFunder}`, `F${header}:F${lastFunder}`], row: header, col: width + 2, title: OVERVIEW_CHART_TITLES[OVERVIEW_CHART_TITLES.length - 1] },
    rules: [
      { range: `A${firstFunder}:J${lastFunder}`, formula: `=$J${firstFunder}=${q(STATE_OVER)}`, background: '#f4c7c3', fontColor: '#5c0011' },
      { range: `A${firstFunder}:J${lastFunder}`, formula: `=$J${firstFunder}=${q(STATE_WARN)}`, background: '#fce8b2', fontColor: '#4a2c00' },
      { range: 'A2', formula: `=$A$2<>${q(OVERVIEW_BALANCED)}`, background: '#f4c7c3', fontColor: '#5c0011' },
    ],
  };
}
