/**
 * Budget control (pure). The budget is always recomputed from the Budget and
 * Kostnader rows: one linear pass, per-row results kept in typed arrays so
 * 100 000 rows cost a handful of allocations, not 100 000 objects.
 *
 * Rules (DESIGN.md §3): Σ allocations = total; every status but Makulerad
 * consumes the funder's allocation; no write may make available < 0. A funder
 * with invalid ledger rows, or whose consumed > allocation (possible only
 * through direct edits), is "ur balans" and blocks anything that would consume
 * more of it; a ledger row with an unknown funder (or a broken Budget sheet)
 * puts the whole budget "ur balans".
 *
 * "Bokat" (booked) is what a funder's costs take of its allocation: planned,
 * ordered and invoiced/paid, everything but Makulerad. The code calls it
 * `consumed` (ERP's "consumed budget"); people read "Förbrukat" as money
 * spent, which planned and ordered costs are not, so the sidebars, Översikt
 * and every message say "bokat" (English "booked") and, where it is shown
 * alone, what it holds.
 */
import { formatMoney, parseMoney, percentOf, type Ore } from './money';
import type { Msg } from './msg';
import { fixed } from './i18n';
import { CATEGORIES, COST_STATUSES } from './schema';
import { budgetMsg } from './messages/budget';

export type Category = (typeof CATEGORIES)[number];
export type RowCells = readonly unknown[];

/** 0-based column indexes of the Kostnader headers (from openTable). */
export interface LedgerCols {
  readonly id: number; readonly date: number; readonly funder: number; readonly category: number;
  readonly description: number; readonly amount: number; readonly supplier: number;
  readonly reference: number; readonly status: number; readonly by: number; readonly at: number;
}

/** 0-based column indexes of the Budget headers. */
export interface BudgetCols { readonly funder: number; readonly allocation: number; readonly warn: number }

export interface BudgetInput {
  readonly total: Ore;
  /** Default warning threshold in percent (settings). */
  readonly warnPercent: number;
  readonly budget: { readonly rows: readonly RowCells[]; readonly firstRow: number; readonly col: BudgetCols };
  readonly ledger: { readonly rows: readonly RowCells[]; readonly firstRow: number; readonly col: LedgerCols };
}

/** A hypothetical change to the ledger, applied during the pass (no copy of the rows). */
export interface LedgerOverride {
  /** Replace rows[index] by row (index may equal rows.length: an appended row). */
  readonly index: number;
  readonly row: RowCells;
}

export interface FunderState {
  readonly name: string;
  /** Sheet row on Budget. */
  readonly row: number;
  readonly allocation: Ore;
  readonly planned: Ore;
  readonly committed: Ore;
  readonly actual: Ore;
  readonly consumed: Ore;
  readonly available: Ore;
  readonly percentUsed: number;
  readonly warnAt: number;
  readonly warning: boolean;
  readonly overspent: boolean;
  /** Ledger rows of this funder that are invalid. */
  readonly problemRows: number;
  readonly outOfBalance: boolean;
  readonly reasons: readonly Msg[];
}

export interface CategoryTotals {
  readonly category: Category;
  readonly planned: Ore;
  readonly committed: Ore;
  readonly actual: Ore;
  readonly consumed: Ore;
}

export interface BudgetProblem {
  readonly sheet: 'Budget' | 'Kostnader';
  /** Sheet row, or 0 for a problem of the whole sheet. */
  readonly row: number;
  /** Canonical funder name when known. */
  readonly funder: string | null;
  readonly id: string;
  readonly message: Msg;
  /** Blocking problems make their funder (or the whole budget) ur balans. */
  readonly blocking: boolean;
}

export interface Totals { readonly planned: Ore; readonly committed: Ore; readonly actual: Ore; readonly consumed: Ore; readonly available: Ore }

/** Per ledger row results (index = position in rows; override/append included). */
export interface RowInfo {
  readonly count: number;
  /** Funder index, -1 unknown/blank funder, -2 blank row. */
  readonly funder: Int32Array;
  /** Öre, NaN when invalid. */
  readonly amount: Float64Array;
  /** Index in COST_STATUSES, -1 invalid. */
  readonly status: Int8Array;
  /** 1 when the row has a blocking problem. */
  readonly bad: Uint8Array;
}

export interface BudgetState {
  readonly total: Ore;
  readonly allocated: Ore;
  readonly funders: readonly FunderState[];
  readonly categories: readonly CategoryTotals[];
  readonly totals: Totals;
  readonly problems: readonly BudgetProblem[];
  /** Ledger rows with an unknown or missing funder. */
  readonly unassignedProblems: number;
  /** Duplicate funders or allocations without a funder on the Budget sheet. */
  readonly budgetSheetBroken: boolean;
  readonly wholeOutOfBalance: boolean;
  readonly wholeReasons: readonly Msg[];
  /** No blocking problem and no funder ur balans. */
  readonly balanced: boolean;
  readonly rows: RowInfo;
  readonly ledgerFirstRow: number;
  /** Highest number N among IDs "K-N". */
  readonly maxCostNumber: number;
}

// Indexes in COST_STATUSES.
const PLANNED_IX = 0;
const ORDERED_IX = 1;
const CANCELLED_IX = 4;

/** An amount as the log and Swedish messages write it: "12 000,50 kr". */
export const kr = (o: Ore): string => formatMoney(o);

/** A refusal by a rule and the input it is about: the key the page sent ('amount', 'allocations.2', …), when there is one. */
export interface RuleRefusal { readonly why: Msg; readonly field?: string }

/** A cell as trimmed text; a date cell as yyyy-mm-dd (the calendar date as written). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoDate(v);
  return String(v).trim();
}

/** yyyy-mm-dd of a Date in the script's time zone. */
export const isoDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Index of v in `list`: the exact spelling first (the common case), then trimmed and case-insensitive; -1 when unknown. */
function indexIn(list: readonly string[], v: unknown): number {
  if (typeof v !== 'string') return -1;
  const i = list.indexOf(v);
  if (i >= 0) return i;
  const k = v.trim().toLowerCase();
  return list.findIndex((x) => x.toLowerCase() === k);
}
export const statusIndex = (v: unknown): number => indexIn(COST_STATUSES, v);
export const categoryIndex = (v: unknown): number => indexIn(CATEGORIES, v);

/** A money cell: number (kronor) or parseable text. */
export function cellOre(v: unknown): { ore: number; text: boolean; error: Msg | null } {
  if (v === '' || v === null || v === undefined) return { ore: NaN, text: false, error: budgetMsg.amountMissing() };
  // A number is kronor; text is parsed the Swedish way; anything else (a date, a checkbox) has the wrong type.
  const r = parseMoney(v);
  const text = typeof v !== 'number';
  return r.ok ? { ore: r.value, text, error: null } : { ore: NaN, text, error: r.error };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  const dim = mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : DAYS[mo - 1];
  return d <= dim;
}

const dateOk = (v: unknown): boolean =>
  v instanceof Date ? !Number.isNaN(v.getTime()) : typeof v === 'string' && isValidIsoDate(v.trim());

function parseWarn(v: unknown, fallback: number): { value: number; error: boolean } {
  if (v === '' || v === null || v === undefined) return { value: fallback, error: false };
  let n: number;
  // A number up to 1 is a fraction (a cell formatted as percent); 0 and below are refused as they are.
  if (typeof v === 'number') n = v <= 1 ? v * 100 : v;
  else n = Number(String(v).trim().replace(/\s*%$/, '').replace(',', '.'));
  // Judged as it is shown, to one decimal: "0,04" would be a threshold of 0 % (every cost a warning).
  const value = Math.round(n * 10) / 10;
  if (!(value > 0 && value <= 100)) return { value: fallback, error: true };
  return { value, error: false };
}

const ID_RE = /^K-(\d{1,9})$/;

interface Acc { planned: number; committed: number; actual: number; problemRows: number; reasons: Msg[] }

/** Recomputes the budget from the two sheets (linear in the number of ledger rows). */
export function computeBudget(input: BudgetInput, override?: LedgerOverride): BudgetState {
  const problems: BudgetProblem[] = [];
  const wholeReasons: Msg[] = [];

  // --- Budget sheet -------------------------------------------------------
  const bc = input.budget.col;
  const funderIx = new Map<string, number>();
  const exactIx = new Map<string, number>();
  const names: string[] = [];
  const rowsOnSheet: number[] = [];
  const allocs: number[] = [];
  const warns: number[] = [];
  const accs: Acc[] = [];
  let budgetBroken = false;
  const problem = (row: number, funder: string | null, message: Msg, blocking = true) =>
    problems.push({ sheet: 'Budget', row, funder, id: '', blocking, message });
  input.budget.rows.forEach((r, i) => {
    const sheetRow = input.budget.firstRow + i;
    const name = cellText(r[bc.funder]).replace(/\s+/g, ' ');
    const allocCell = r[bc.allocation];
    if (!name) {
      if (allocCell !== '' && allocCell !== null && allocCell !== undefined) {
        budgetBroken = true;
        problem(sheetRow, null, budgetMsg.budgetAllocationWithoutFunder(sheetRow));
      }
      return;
    }
    const key = name.toLowerCase();
    if (funderIx.has(key)) {
      budgetBroken = true;
      problem(sheetRow, name, budgetMsg.budgetFunderAppearsMore(sheetRow, name));
      return;
    }
    const acc: Acc = { planned: 0, committed: 0, actual: 0, problemRows: 0, reasons: [] };
    let alloc = 0;
    if (allocCell !== '' && allocCell !== null && allocCell !== undefined) {
      // An allocation is a number cell: text (even "500") is refused, as a cost's amount is.
      const m = typeof allocCell === 'number' ? cellOre(allocCell) : { ore: NaN, error: budgetMsg.allocationText() };
      if (m.error) {
        acc.problemRows++;
        const mm = budgetMsg.budgetInvalidAllocation(sheetRow, name, m.error);
        acc.reasons.push(mm);
        problem(sheetRow, name, mm);
      } else alloc = m.ore;
    }
    const w = parseWarn(r[bc.warn], input.warnPercent);
    if (w.error) {
      problem(sheetRow, name, budgetMsg.budgetInvalidWarningThreshold(sheetRow, name, input.warnPercent), false);
    }
    funderIx.set(key, names.length);
    exactIx.set(name, names.length);
    names.push(name);
    rowsOnSheet.push(sheetRow);
    allocs.push(alloc);
    warns.push(w.value);
    accs.push(acc);
  });

  // --- Ledger ---------------------------------------------------------------
  const lc = input.ledger.col;
  const src = input.ledger.rows;
  const n = override && override.index >= src.length ? override.index + 1 : src.length;
  const rows: RowInfo = {
    count: n,
    funder: new Int32Array(n).fill(-2),
    amount: new Float64Array(n).fill(NaN),
    status: new Int8Array(n).fill(-1),
    bad: new Uint8Array(n),
  };
  const cat = CATEGORIES.map(() => [0, 0, 0]);
  const seenIds = new Map<string, number>();
  let unassigned = 0;
  let maxNo = 0;
  // Every column but Kontroll; the ones a cost always fills first, so a normal row stops at its funder.
  const dataCols = [lc.funder, lc.amount, lc.status, lc.id, lc.date, lc.category, lc.description, lc.supplier, lc.reference, lc.by, lc.at];
  for (let i = 0; i < n; i++) {
    const r = override && override.index === i ? override.row : src[i];
    if (!r || allBlank(r, dataCols)) continue;
    const fRaw = r[lc.funder], aRaw = r[lc.amount], sRaw = r[lc.status];

    // The exact spelling first (the common case, no string work), then trimmed and case-insensitive.
    const fi = exactIx.get(fRaw as string) ?? funderIx.get(normName(fRaw)) ?? -1;
    // A number must be well-formed; text is counted (conservative) but a problem. Read as the Budget
    // sheet's allocations are (cellOre), so a cell means the same on both sheets.
    const ore = cellOre(aRaw).ore;
    const amountOk = typeof aRaw === 'number' && !Number.isNaN(ore);
    const st = statusIndex(sRaw);
    const ci = categoryIndex(r[lc.category]);
    const idRaw = r[lc.id];
    const id = cellText(idRaw);
    const sheetRow = input.ledger.firstRow + i;
    // A blank ID is kept too: describeRow reports it as missing, never as another row's.
    const dupOf = seenIds.get(id) ?? 0;
    if (dupOf === 0) seenIds.set(id, sheetRow);
    const mm = ID_RE.exec(id);
    if (mm) maxNo = Math.max(maxNo, Number(mm[1]));
    const valid = fi >= 0 && amountOk && st >= 0 && ci >= 0 && id !== '' && dupOf === 0
      && dateOk(r[lc.date]) && !isBlank(r[lc.description]);

    rows.funder[i] = fi;
    rows.amount[i] = ore;
    rows.status[i] = st;
    // Count what is known, even on a row with problems (conservative).
    if (fi >= 0 && st >= 0 && st !== CANCELLED_IX && !Number.isNaN(ore)) {
      const a = accs[fi];
      if (st === PLANNED_IX) a.planned += ore;
      else if (st === ORDERED_IX) a.committed += ore;
      else a.actual += ore;
      if (ci >= 0) cat[ci][st === PLANNED_IX ? 0 : st === ORDERED_IX ? 1 : 2] += ore;
    }
    if (!valid) {
      rows.bad[i] = 1;
      const message = describeRow(r, lc, sheetRow, id, fi, st, ci, dupOf);
      if (fi >= 0) {
        accs[fi].problemRows++;
        if (accs[fi].reasons.length < 5) accs[fi].reasons.push(message);
      } else unassigned++;
      problems.push({ sheet: 'Kostnader', row: sheetRow, funder: fi >= 0 ? names[fi] : null, id, message, blocking: true });
    }
  }

  // --- Totals ---------------------------------------------------------------
  const funders: FunderState[] = names.map((name, i) => {
    const a = accs[i];
    const consumed = a.planned + a.committed + a.actual;
    const allocation = allocs[i];
    const available = allocation - consumed;
    const overspent = consumed > allocation;
    const reasons = a.reasons.slice();
    if (overspent) {
      reasons.push(budgetMsg.overspent(name, consumed, allocation, consumed - allocation));
    }
    const percentUsed = percentOf(consumed, allocation);
    return {
      name, row: rowsOnSheet[i], allocation, planned: a.planned, committed: a.committed, actual: a.actual,
      consumed, available, percentUsed, warnAt: warns[i], warning: consumed > 0 && percentUsed >= warns[i], overspent,
      problemRows: a.problemRows, outOfBalance: overspent || a.problemRows > 0, reasons,
    };
  });
  let allocated = 0;
  let consumedAll = 0;
  let planned = 0, committed = 0, actual = 0;
  for (const f of funders) {
    allocated += f.allocation; consumedAll += f.consumed;
    planned += f.planned; committed += f.committed; actual += f.actual;
  }
  if (!Number.isSafeInteger(consumedAll) || !Number.isSafeInteger(allocated)) {
    wholeReasons.push(budgetMsg.amountsUnreasonablyLarge());
  }
  if (names.length === 0) {
    wholeReasons.push(budgetMsg.budgetNoFunders());
  } else if (allocated !== input.total) {
    wholeReasons.push(budgetMsg.allocationsOffTotalSheet(allocated, input.total));
  }
  if (budgetBroken) wholeReasons.push(budgetMsg.budgetErrorsSeeProblem());
  if (unassigned > 0) {
    wholeReasons.push(budgetMsg.unassignedRows(unassigned));
  }
  const categories: CategoryTotals[] = CATEGORIES.map((category, i) => ({
    category, planned: cat[i][0], committed: cat[i][1], actual: cat[i][2], consumed: cat[i][0] + cat[i][1] + cat[i][2],
  }));
  const wholeOutOfBalance = wholeReasons.length > 0;
  return {
    total: input.total, allocated, funders, categories,
    totals: { planned, committed, actual, consumed: consumedAll, available: allocated - consumedAll },
    problems, unassignedProblems: unassigned, budgetSheetBroken: budgetBroken, wholeOutOfBalance, wholeReasons,
    // Every blocking problem puts its funder (a bad allocation or ledger row) or the whole budget (a broken
    // Budget sheet, a row without a known funder) out of balance, so these two say it all.
    balanced: !wholeOutOfBalance && !funders.some((f) => f.outOfBalance),
    rows, ledgerFirstRow: input.ledger.firstRow, maxCostNumber: maxNo,
  };
}

const allBlank = (r: RowCells, cols: readonly number[]): boolean => cols.every((c) => isBlank(r[c]));

/** The reason(s) a ledger row is invalid (slow path: only for bad rows). */
function describeRow(r: RowCells, lc: LedgerCols, sheetRow: number, id: string, fi: number, st: number, ci: number, dupOf: number): Msg {
  const sv: string[] = [];
  const en: string[] = [];
  const add = (s: string, e: string) => { sv.push(s); en.push(e); };
  /** "<what> saknas" for a blank cell, else "okänd <what> "<value>"". */
  const missingOrUnknown = (v: unknown, max: number, what: string, whatEn: string) => {
    const shown = cellText(v).slice(0, max);
    if (isBlank(v)) add(`${what} saknas`, `${whatEn} missing`);
    else add(`okänd ${what} "${shown}"`, `unknown ${whatEn} "${shown}"`);
  };
  if (fi < 0) missingOrUnknown(r[lc.funder], 80, 'finansiär', 'funder');
  const m = cellOre(r[lc.amount]);
  if (m.error) add(`belopp: ${lowerFirst(m.error.sv)}`, `amount: ${lowerFirst(m.error.en)}`);
  else if (m.text) add('beloppet är text, inte ett tal', 'the amount is text, not a number');
  if (st < 0) missingOrUnknown(r[lc.status], 40, 'status', 'status');
  if (ci < 0) missingOrUnknown(r[lc.category], 40, 'kategori', 'category');
  if (!id) add('ID saknas', 'ID missing');
  else if (dupOf) add(`ID ${id} finns också på rad ${dupOf}`, `ID ${id} also on row ${dupOf}`);
  if (!dateOk(r[lc.date])) {
    if (isBlank(r[lc.date])) add('datum saknas', 'date missing');
    else add('ogiltigt datum', 'invalid date');
  }
  if (isBlank(r[lc.description])) add('beskrivning saknas', 'description missing');
  return budgetMsg.costRowProblems(sheetRow, id.slice(0, 20), sv.map((x, i) => fixed(x, en[i])));
}

export const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('sv') + s.slice(1).replace(/\.$/, '');

/** Trimmed, white space collapsed, lower-cased. */
const normName = (v: unknown): string => cellText(v).replace(/\s+/g, ' ').toLowerCase();

/** Index of a funder by name (trimmed, case-insensitive), -1 when unknown. */
export function funderIndex(state: BudgetState, name: unknown): number {
  const k = normName(name);
  return state.funders.findIndex((f) => f.name.toLowerCase() === k);
}

/** Why nothing more may be consumed from funder `fi`, or null. */
export function blockedReason(state: BudgetState, fi: number): Msg | null {
  const why = [...state.wholeReasons, ...(fi >= 0 ? state.funders[fi].reasons : [])];
  if (why.length === 0) return null;
  const name = fi >= 0 ? state.funders[fi].name : '';
  return budgetMsg.notInBalanceFor(name, why);
}

export const nextCostId = (state: BudgetState): string => `K-${String(state.maxCostNumber + 1).padStart(4, '0')}`;

/**
 * The check every write that may consume more goes through: compares the
 * funders before and after a hypothetical change and returns the refusal, or
 * null. A funder whose consumption does not grow is never refused (cancelling,
 * lowering an amount, fixing a row are always allowed).
 */
export function checkConsumption(before: BudgetState, after: BudgetState, what: 'cost' | 'change' | 'edit'): Msg | null {
  return consumptionRefusal(before, after, what)?.why ?? null;
}

/**
 * checkConsumption's refusal with the input it is about: an amount that does not fit is the
 * 'amount' (the message says how much is missing); a funder that is out of balance is the 'funder'.
 * `before` and `after` are computed from the same Budget rows (only the ledger differs), so a
 * funder has the same index in both.
 */
export function consumptionRefusal(before: BudgetState, after: BudgetState, what: 'cost' | 'change' | 'edit'): RuleRefusal | null {
  for (let fi = 0; fi < after.funders.length; fi++) {
    const a = after.funders[fi];
    const b = before.funders[fi];
    const grew = a.consumed - b.consumed;
    if (grew <= 0) continue;
    if (a.overspent) {
      const left = Math.max(0, b.available);
      // What is missing for this to fit: the message's own two figures apart, so they add up.
      const short = grew - left;
      if (what === 'cost') {
        return {
          field: 'amount',
          why: budgetMsg.costDoesNotFit(a.name, left, grew, short),
        };
      }
      return {
        field: 'amount',
        why: budgetMsg.changeDoesNotFit(a.name, left, grew, short),
      };
    }
    const blocked = blockedReason(after, fi);
    if (blocked) return { field: 'funder', why: blocked };
  }
  return null;
}

/**
 * What saving says about the warning thresholds: each funder that was below its threshold and is
 * at or above it after the change ("STOKAB har passerat 90 %"), or null when none crossed.
 */
export function crossedWarnings(before: BudgetState, after: BudgetState): Msg | null {
  // The same funders in the same order (computed from the same Budget rows, only the allocations or the ledger differ).
  const crossed = after.funders.filter((a, i) => a.warning && !a.overspent && !before.funders[i].warning);
  if (crossed.length === 0) return null;
  return budgetMsg.warningCrossed(crossed);
}

// --- Allocation and transfers -------------------------------------------------

/** Refusal for a transfer, or null. Amount > 0 is checked by the caller. */
export function checkTransfer(state: BudgetState, from: number, to: number, amount: Ore): Msg | null {
  return transferRefusal(state, from, to, amount)?.why ?? null;
}

/** checkTransfer's refusal with the input it is about ('to', 'from' or 'amount'). */
export function transferRefusal(state: BudgetState, from: number, to: number, amount: Ore): RuleRefusal | null {
  if (from === to) return { field: 'to', why: budgetMsg.transferMustBetweenTwo() };
  const f = state.funders[from];
  if (f.problemRows > 0 || state.unassignedProblems > 0) {
    return {
      field: 'from',
      why: budgetMsg.transferRefusedWhatBooked(f.name),
    };
  }
  if (f.allocation - amount < f.consumed) {
    const most = maxTransfer(f);
    return {
      field: 'amount',
      why: budgetMsg.transferRefusedAllocationBooked(f.name, f.allocation, f.consumed, most, amount),
    };
  }
  return null;
}

/** The most that can be moved away from a funder: its allocation less what is booked to it (never below 0). */
export const maxTransfer = (f: { readonly allocation: Ore; readonly consumed: Ore }): Ore => Math.max(0, f.allocation - f.consumed);

/** Refusal for a new set of allocations (all funders, in state order), or null. */
export function checkAllocation(state: BudgetState, total: Ore, allocations: readonly Ore[]): Msg | null {
  return allocationRefusal(state, total, allocations)?.why ?? null;
}

/** checkAllocation's refusal and where it is: the total (they don't add up to it) or the funder (index in state order). */
export function allocationRefusal(state: BudgetState, total: Ore, allocations: readonly Ore[]): { why: Msg; at: 'total' | number } | null {
  let sum = 0;
  for (const a of allocations) sum += a;
  if (sum !== total) {
    return { at: 'total', why: budgetMsg.allocationsOffTotal(sum, total) };
  }
  for (let i = 0; i < state.funders.length; i++) {
    const f = state.funders[i];
    const next = allocations[i];
    if (next < f.consumed) {
      return {
        at: i,
        why: budgetMsg.cannotGetFunderAlready(f.name, next, f.consumed),
      };
    }
    if (next < f.allocation && (f.problemRows > 0 || state.unassignedProblems > 0)) {
      return {
        at: i,
        why: budgetMsg.allocationCannotBeLowered(f.name),
      };
    }
  }
  return null;
}

// --- Read-outs -------------------------------------------------------------------

/** SUMMIT_AVAILABLE(funder): available kronor for the funder. */
export function availableFor(state: BudgetState, funder: unknown): { ok: true; value: number } | { ok: false; error: Msg } {
  if (typeof funder !== 'string' || funder.trim() === '') {
    return { ok: false, error: budgetMsg.giveFunderExampleSummit() };
  }
  const fi = funderIndex(state, funder);
  if (fi < 0) return { ok: false, error: unknownFunderMsg(state, funder) };
  return { ok: true, value: state.funders[fi].available / 100 };
}

export function unknownFunderMsg(state: BudgetState, funder: unknown): Msg {
  return budgetMsg.unknownFunder(cellText(funder).slice(0, 80), state.funders.map((f) => f.name));
}

export interface FunderView {
  readonly name: string;
  readonly allocation: Ore; readonly planned: Ore; readonly committed: Ore; readonly actual: Ore;
  readonly consumed: Ore; readonly available: Ore; readonly percentUsed: number; readonly warnAt: number;
  readonly warning: boolean; readonly overspent: boolean; readonly outOfBalance: boolean; readonly reasons: readonly Msg[];
}

/** Everything the overview sidebar and the Översikt sheet show (JSON-safe: no Dates, no typed arrays). */
export interface BudgetOverview {
  readonly total: Ore;
  readonly allocated: Ore;
  readonly totals: Totals;
  readonly percentUsed: number;
  readonly funders: readonly FunderView[];
  readonly categories: readonly CategoryTotals[];
  readonly problems: readonly BudgetProblem[];
  /** How many problems there are in all (the list is capped). */
  readonly problemCount: number;
  readonly balanced: boolean;
  /** "Budgeten är i balans." / "Budgeten är inte i balans: …" */
  readonly status: Msg;
  /** Changes made outside the add-on that wait for review (src/app/integrity.ts); they block their funders. */
  readonly review: readonly Msg[];
}

export function funderView(f: FunderState): FunderView {
  const { row: _row, problemRows: _problemRows, ...view } = f;
  return view;
}

export function overviewOf(state: BudgetState, maxProblems = 200): BudgetOverview {
  const bad = state.funders.filter((f) => f.outOfBalance).map((f) => f.name);
  const status = state.balanced
    ? budgetMsg.budgetBalance()
    : budgetMsg.notInBalanceBecause(bad, state.wholeReasons);
  return {
    total: state.total, allocated: state.allocated, totals: state.totals,
    percentUsed: percentOf(state.totals.consumed, state.allocated),
    funders: state.funders.map(funderView), categories: state.categories,
    problems: state.problems.slice(0, maxProblems), problemCount: state.problems.length,
    balanced: state.balanced, status, review: [],
  };
}
