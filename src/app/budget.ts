/**
 * Budget use cases over the ports. Every write: role check (one read of
 * Inställningar), input validation, then under the document lock a fresh read
 * of Budget + Kostnader, the rule check on the recomputed budget, the write(s)
 * and the audit row. Nothing is cached between calls.
 *
 * Entry points (src/gas) call these with the JSON the sidebar sends and the
 * user's language (amounts are read as that user types them); a refusal is a
 * thrown UserError whose userMessage is shown as is, naming the field it is
 * about by the key the page sent ('amount', 'allocations.2', 'total'). Every
 * save answers with the budget figures as they are after it (`overview`), so
 * the page shows what the server holds without asking again.
 */
import {
  allocationRefusal, availableFor, cellText, computeBudget, consumptionRefusal, crossedWarnings, funderIndex, funderView, kr,
  nextCostId, overviewOf, transferRefusal, unknownFunderMsg,
  type BudgetInput, type BudgetOverview, type BudgetState, type FunderState, type FunderView,
} from '../core/budget';
import { judgeLedgerRow, kontrollColumn, type LedgerEdit } from '../core/budget-guard';
import { citationText } from '../core/decisions';
import { requireCitation } from './register';
import { parseAllocate, parseCostChange, parseRegisterCost, parseTransfer } from '../core/budget-input';
import { toKronor, type Ore } from '../core/money';
import { UserError, type Lang, type Msg, type Result } from '../core/msg';
import { fixed, join } from '../core/i18n';
import { COST_STATUSES, type CostStatus } from '../core/schema';
import { fromSnap, type SealedTable } from '../core/seal';
import { roleRequiredMsg, SETTING_KEYS, type AdminSettings } from '../core/settings';
import { loadContext, readSettings, requireRole, type Context } from './context';
import { blockedBy, missingMsg, problemsOf, shown, unverifiedMsg, withEditLock } from './integrity';
import { checkTable, Journal, Tx, verifiedRows, type RowCheck, type TableCheck } from './journal';
import { LockTimeoutError, type Cell, type CellIn, type Ports } from './ports';
import { putSetting } from './settings-rows';
import { cellOf, rowFor } from './tables';
import { budgetMsg } from '../core/messages/budget';
import { itemKey } from '../core/item-costs';
import { readProgram } from './program-rows';

export const LOCK_TIMEOUT_MS = 20_000;

export type { LedgerEdit } from '../core/budget-guard';
export type { BudgetOverview, FunderView } from '../core/budget';

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new UserError(r.error, r.field);
  return r.value;
};

/** What a caller is told when the document lock stays busy (here and in src/gas/api.ts). */
export const lockBusyMsg = (): Msg => budgetMsg.lockBusy();

/** Runs fn under the document lock; a busy lock becomes a user-facing message. */
export function withBudgetLock<T>(ports: Ports, fn: () => T): T {
  try {
    return ports.lock.withLock(LOCK_TIMEOUT_MS, fn);
  } catch (e) {
    throw e instanceof LockTimeoutError ? new UserError(lockBusyMsg()) : e;
  }
}

/** One change made outside the add-on that blocks some funders (`names`, lower-case) or, with none, all of them. */
interface BlockItem { readonly table: SealedTable; readonly index: number | null; readonly names: readonly string[]; readonly why: Msg }

export interface BudgetBlocks { readonly items: readonly BlockItem[] }

export interface BudgetSnapshot {
  /** The journal's view: rows changed by hand count as the add-on wrote them, deleted rows still count. */
  readonly input: BudgetInput;
  readonly budget: TableCheck;
  readonly ledger: TableCheck;
  readonly blocks: BudgetBlocks;
}

/** A sheet's rows as the journal has them, as arrays in the sheet's column order (verified rows are the sheet's own). */
export function verifiedArrays(c: TableCheck): Cell[][] {
  const width = c.t.snap.header.length;
  const toArray = (values: Readonly<Record<string, unknown>>): Cell[] => {
    const a: Cell[] = Array(width).fill('');
    for (const [h, i] of Object.entries(c.t.col)) a[i] = (values[h] ?? '') as Cell;
    return a;
  };
  const out: Cell[][] = c.t.snap.rows.map((r, i) => (c.byIndex.get(i)?.kind === 'ok' ? r : Array(width).fill('')));
  for (const v of verifiedRows(c)) {
    if (v.index === null) out.push(toArray(v.values));
    else if (c.byIndex.get(v.index)?.kind !== 'ok') out[v.index] = toArray(v.values);
  }
  return out;
}

const nameKey = (v: unknown): string => cellText(v).replace(/\s+/g, ' ').toLowerCase();

function budgetBlocks(budget: TableCheck, ledger: TableCheck, funders: ReadonlySet<string>): BudgetBlocks {
  const items: BlockItem[] = [];
  const funderCol = 'Finansiär';
  for (const c of [budget, ledger]) {
    if (c.problem) items.push({ table: c.table, index: null, names: [], why: c.problem });
    for (const r of c.rows) {
      if (r.kind === 'ok') continue;
      const now = c.t.col[funderCol] === undefined ? '' : c.t.snap.rows[r.index][c.t.col[funderCol]];
      const names = [r.sealed?.[funderCol], r.latestValues?.[funderCol], now].map(nameKey);
      // A row that names no known funder may be anyone's money: with no names it blocks them all.
      const known = [...new Set(names.filter((k) => funders.has(k)))];
      items.push({ table: c.table, index: r.index, names: known, why: unverifiedMsg(c, r) });
    }
    for (const m of c.missing) {
      const k = nameKey(m.values[funderCol]);
      items.push({ table: c.table, index: null, names: funders.has(k) ? [k] : [], why: missingMsg(c, m) });
    }
  }
  return { items };
}

/** The problems that block `funder` (every one when `funder` is null), leaving out the row `except`. */
export function blockingProblems(snap: BudgetSnapshot, funder: string | null, except?: { table: SealedTable; index: number }): Msg[] {
  const k = funder === null ? null : nameKey(funder);
  return snap.blocks.items
    .filter((i) => k === null || i.names.length === 0 || i.names.includes(k))
    .filter((i) => !(except && i.table === except.table && i.index === except.index))
    .map((i) => i.why);
}

/** Why nothing may be consumed from (or moved away from) `funder` until someone reviews a change, or null. */
export function funderBlocked(snap: BudgetSnapshot, funder: string, except?: { table: SealedTable; index: number }): Msg | null {
  const problems = blockingProblems(snap, funder, except);
  if (problems.length === 0) return null;
  return blockedBy(budgetMsg.blockedUntilChangeMade(funder), problems);
}

/** What Översikt's verification cell says: '' when nothing waits for review (src/core/overview-sheet.ts counts it). */
export function overviewNote(snap: BudgetSnapshot, except?: ReadonlySet<number>): string {
  const n = snap.blocks.items.filter((i) => !(i.table === 'ledger' && i.index !== null && except?.has(i.index))).length;
  // The sheet speaks Swedish (its headers and cells are the workbook's), whatever the reader's locale.
  return n === 0 ? '' : budgetMsg.reviewWaitingNote(n).sv;
}

/** Two range reads (Budget and Kostnader), both checked against their seals. */
export function readBudget(ports: Ports, settings: Pick<AdminSettings, 'totalBudget' | 'warnPercent'>, journal = new Journal(ports)): BudgetSnapshot {
  const budget = checkTable(journal, 'budget');
  const ledger = checkTable(journal, 'ledger');
  const l = ledger.t.col;
  const b = budget.t.col;
  const input: BudgetInput = {
    total: settings.totalBudget,
    warnPercent: settings.warnPercent,
    budget: {
      rows: verifiedArrays(budget), firstRow: budget.t.snap.firstRow,
      col: { funder: b['Finansiär'], allocation: b['Tilldelning'], warn: b['Varningsgräns'] },
    },
    ledger: {
      rows: verifiedArrays(ledger), firstRow: ledger.t.snap.firstRow,
      col: {
        id: l['ID'], date: l['Datum'], funder: l['Finansiär'], category: l['Kategori'], description: l['Beskrivning'],
        amount: l['Belopp'], supplier: l['Leverantör'], reference: l['Referens'], status: l['Status'],
        by: l['Registrerad av'], at: l['Registrerad'],
      },
    },
  };
  const names = new Set(input.budget.rows.map((r) => nameKey(r[b['Finansiär']])).filter(Boolean));
  return { input, budget, ledger, blocks: budgetBlocks(budget, ledger, names) };
}

/** The budget as it stands (3 reads: Inställningar, Budget, Kostnader). */
export function currentBudget(ports: Ports, ctx: Context = loadContext(ports)): BudgetState {
  return computeBudget(readBudget(ports, ctx.settings, ctx.journal).input);
}

// --- Register a cost --------------------------------------------------------------

export interface CostResult {
  readonly id: string;
  readonly funder: FunderView;
  /** The budget as it is after the save: the figures the sidebars show. */
  readonly overview: BudgetOverview;
  readonly message: Msg;
}

/** yyyy-mm-dd → a date cell (local midnight, as the sheet keeps dates). */
const dateCell = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};

const refuseIf = (why: Msg | null, field?: string): void => {
  if (why) throw new UserError(why, field);
};

/** A message and, when the save made a funder cross its warning threshold, what it says about that. */
const withWarnings = (m: Msg, before: BudgetState, after: BudgetState): Msg => {
  const w = crossedWarnings(before, after);
  return w ? join([m, w]) : m;
};

/**
 * Registers a cost (role: ekonomi). Input: RegisterCostRaw
 * `{ funder, category, description, amount: string|number, date: 'yyyy-mm-dd', supplier?, reference?, status? }`.
 * Reads: Inställningar + (in the lock) Budget + Kostnader. Writes: Logg append + Kostnader append.
 */
export function registerCost(ports: Ports, raw: unknown, lang: Lang = 'sv'): CostResult {
  const ctx = loadContext(ports);
  requireRole(ctx, ['ekonomi']);
  const cost = unwrap(parseRegisterCost(raw, lang));
  return withBudgetLock(ports, () => {
    const snap = readBudget(ports, ctx.settings, ctx.journal.fresh());
    const before = computeBudget(snap.input);
    const fi = funderIndex(before, cost.funder);
    if (fi < 0) throw new UserError(unknownFunderMsg(before, cost.funder), 'funder');
    const funder = before.funders[fi].name;
    refuseIf(funderBlocked(snap, funder), 'funder');
    if (cost.item !== '') refuseIf(missingItem(ctx.journal, cost.item), 'item');
    const id = nextCostId(before);
    const values = {
      ID: id, Datum: dateCell(cost.date), Finansiär: funder, Kategori: cost.category, Beskrivning: cost.description,
      Belopp: toKronor(cost.amount), Leverantör: cost.supplier, Referens: cost.reference, Status: cost.status,
      'Registrerad av': ctx.email, Registrerad: ports.clock.now(), Kontroll: '', Programpunkt: cost.item,
    };
    const after = computeBudget(snap.input, { index: snap.input.ledger.rows.length, row: rowFor(snap.ledger.t, values) });
    const refused = consumptionRefusal(before, after, 'cost');
    if (refused) throw new UserError(refused.why, refused.field);
    new Tx(ctx.journal).overview(overviewNote(snap)).put(snap.ledger, null, values, {
      action: 'kostnad.registrerad', object: id,
      after: {
        funder, category: cost.category, description: cost.description, amount: kr(cost.amount), date: cost.date, supplier: cost.supplier,
        reference: cost.reference, status: cost.status, ...(cost.item ? { item: cost.item } : {}),
      },
    }).commit();
    const f = after.funders[fi];
    return {
      id, funder: funderView(f), overview: figures(snap, after),
      message: withWarnings(budgetMsg.costRegisteredLeft(id, cost.amount, funder, f.available), before, after),
    };
  });
}

/**
 * Why a cost can't be tied to item `id` (read under the caller's lock: one
 * range read of Program), or null. Only items the journal has count: a row
 * typed on Program by hand is no item until someone confirms it.
 */
export function missingItem(journal: Journal, id: string): Msg | null {
  const k = itemKey(id);
  return readProgram(journal).items.some((it) => itemKey(it.id) === k) ? null : budgetMsg.itemMissing(id);
}

// --- Change / cancel a cost ---------------------------------------------------------

export interface ChangeResult extends CostResult {
  readonly before: { readonly status: string; readonly amount: Ore | null };
  readonly after: { readonly status: CostStatus; readonly amount: Ore };
}

/** The one ledger row with this ID, verified; a UserError otherwise. */
function costRowIndex(snap: BudgetSnapshot, id: string): number {
  // By the sheet's own ID cells: two rows claiming one ID are refused whatever their seals say.
  const idCol = snap.ledger.t.col['ID'];
  const want = id.trim().toLocaleUpperCase('sv');
  const found = snap.ledger.t.snap.rows.flatMap((r, i) => (cellText(r[idCol]).toLocaleUpperCase('sv') === want ? [i] : []));
  if (found.length === 0) {
    throw new UserError(budgetMsg.costNotKostnaderDeleted(id), 'id');
  }
  if (found.length > 1) {
    const rows = found.map((i) => snap.ledger.t.snap.firstRow + i).join(', ');
    throw new UserError(budgetMsg.idAppearsSeveralRows(id, rows), 'id');
  }
  const rc = snap.ledger.byIndex.get(found[0]);
  if (rc && rc.kind !== 'ok') {
    throw new UserError(blockedBy(budgetMsg.costCannotChangedNow(id), [unverifiedMsg(snap.ledger, rc)]), 'id');
  }
  return found[0];
}

/**
 * Changes a cost's status and/or amount by ID (role: ekonomi); status
 * 'Makulerad' cancels it. Input: `{ id: 'K-0001', status?, amount?: string|number }`.
 * Cancelling and lowering are always allowed; anything that consumes more
 * (a higher amount, reviving a cancelled cost) must fit.
 * Reads: Inställningar + Budget + Kostnader. Writes: Logg + the row.
 */
export function changeCost(ports: Ports, raw: unknown, lang: Lang = 'sv'): ChangeResult {
  const ctx = loadContext(ports);
  requireRole(ctx, ['ekonomi']);
  const change = unwrap(parseCostChange(raw, lang));
  return withBudgetLock(ports, () => {
    const snap = readBudget(ports, ctx.settings, ctx.journal.fresh());
    const { input, ledger } = snap;
    const i = costRowIndex(snap, change.id);
    const cur = input.ledger.rows[i] as Cell[];
    const before = computeBudget(input);
    const oldStatus = String(cellOf(ledger.t, cur, 'Status')).trim();
    const oldAmount = before.rows.amount[i];
    const newStatus = change.status ?? (before.rows.status[i] >= 0 ? COST_STATUSES[before.rows.status[i]] : undefined);
    if (!newStatus) {
      throw new UserError(budgetMsg.costInvalidStatusGive(change.id, oldStatus), 'status');
    }
    const newAmount = change.amount ?? (Number.isNaN(oldAmount) ? undefined : oldAmount);
    if (newAmount === undefined) {
      throw new UserError(budgetMsg.costInvalidAmountGive(change.id), 'amount');
    }
    const values: Record<string, Cell> = {};
    if (oldStatus !== newStatus) values['Status'] = newStatus;
    if (cellOf(ledger.t, cur, 'Belopp') !== toKronor(newAmount)) values['Belopp'] = toKronor(newAmount);
    const next = cur.slice();
    for (const [h, v] of Object.entries(values)) next[ledger.t.col[h]] = v;
    const after = computeBudget(input, { index: i, row: next });
    const fi = after.rows.funder[i];
    const refused = consumptionRefusal(before, after, 'change');
    // What doesn't fit is the new amount, or (reviving a cancelled cost) the new status; a blocked funder is the cost's.
    if (refused) throw new UserError(refused.why, refused.field === 'amount' ? (change.amount !== undefined ? 'amount' : 'status') : 'id');
    if (fi >= 0 && after.funders[fi].consumed > before.funders[fi].consumed) refuseIf(funderBlocked(snap, after.funders[fi].name), 'id');
    const beforeVal = { status: oldStatus, amount: Number.isNaN(oldAmount) ? null : oldAmount };
    const afterVal = { status: newStatus, amount: newAmount };
    const funder = fi >= 0 ? funderView(after.funders[fi]) : null;
    if (Object.keys(values).length > 0) {
      new Tx(ctx.journal).overview(overviewNote(snap)).put(ledger, i, values, {
        action: newStatus === 'Makulerad' && oldStatus !== 'Makulerad' ? 'kostnad.makulerad' : 'kostnad.ändrad',
        object: change.id,
        before: { status: oldStatus, amount: beforeVal.amount === null ? String(cellOf(ledger.t, cur, 'Belopp')) : kr(beforeVal.amount) },
        after: { status: newStatus, amount: kr(newAmount) },
      }).commit();
    }
    const what = Object.keys(values).length === 0
      ? budgetMsg.costAlreadyLikeNothing(change.id)
      : newStatus === 'Makulerad'
        ? budgetMsg.costCancelled(change.id)
        : budgetMsg.costChanged(change.id, newStatus, newAmount);
    const left = funder ? budgetMsg.fundsLeft(funder.name, funder.available) : null;
    return {
      id: change.id, before: beforeVal, after: afterVal,
      funder: funder ?? emptyFunder(), overview: figures(snap, after),
      message: withWarnings(left ? join([what, left], '') : what, before, after),
    };
  });
}

const emptyFunder = (): FunderView => ({
  name: '', allocation: 0, planned: 0, committed: 0, actual: 0, consumed: 0, available: 0, percentUsed: 0, warnAt: 0,
  warning: false, overspent: false, outOfBalance: true, reasons: [],
});

// --- Transfers and allocation -------------------------------------------------------

export interface TransferResult {
  readonly id: string;
  readonly from: FunderView;
  readonly to: FunderView;
  /** The budget as it is after the transfer. */
  readonly overview: BudgetOverview;
  readonly message: Msg;
}

/** Budget's row index of a funder (its sheet row less the first data row). */
const budgetIndex = (snap: BudgetSnapshot, f: FunderState): number => f.row - snap.budget.t.snap.firstRow;

/**
 * Moves allocation between funders (role: styrgrupp). Input:
 * `{ from, to, amount: string|number, decisionRef, comment? }`.
 * Reads: Inställningar + Budget + Kostnader + Omfördelningar (for the ID).
 * Writes: Logg + Budget (one block) + Omfördelningar append.
 */
export function transferAllocation(ports: Ports, raw: unknown, lang: Lang = 'sv'): TransferResult {
  const ctx = loadContext(ports);
  requireRole(ctx, ['styrgrupp']);
  const t = unwrap(parseTransfer(raw, lang));
  return withBudgetLock(ports, () => {
    const snap = readBudget(ports, ctx.settings, ctx.journal.fresh());
    const transfers = checkTable(ctx.journal, 'transfers');
    const state = computeBudget(snap.input);
    const from = funderIndex(state, t.from);
    if (from < 0) throw new UserError(unknownFunderMsg(state, t.from), 'from');
    const to = funderIndex(state, t.to);
    if (to < 0) throw new UserError(unknownFunderMsg(state, t.to), 'to');
    const refused = transferRefusal(state, from, to, t.amount);
    if (refused) throw new UserError(refused.why, refused.field);
    const f = state.funders[from], g = state.funders[to];
    refuseIf(funderBlocked(snap, f.name), 'from');
    refuseIf(funderBlocked(snap, g.name), 'to');
    const recorded = problemsOf(transfers);
    if (recorded.length) throw new UserError(blockedBy(budgetMsg.transfersCannotRecordedNow(), recorded));
    // The decision it cites must be in the register, taken and about a budget transfer (read under this lock).
    const decision = requireCitation(ctx.journal, t.decisionRef, 'transfer', 'decisionRef');
    const cited = citationText(decision);
    const named = `${decision.id}${decision.reference ? `, ${decision.reference}` : ''}`;
    let max = 0;
    for (const r of verifiedRows(transfers)) {
      const m = /^O-(\d{1,9})$/.exec(cellText(r.values['ID']));
      if (m) max = Math.max(max, Number(m[1]));
    }
    const id = `O-${String(max + 1).padStart(4, '0')}`;
    const tx = new Tx(ctx.journal).overview(overviewNote(snap));
    for (const [x, alloc] of [[f, f.allocation - t.amount], [g, g.allocation + t.amount]] as const) {
      tx.put(snap.budget, budgetIndex(snap, x), { Tilldelning: toKronor(alloc) }, {
        action: 'budget.omfördelning', object: x.name, before: { Tilldelning: kr(x.allocation) }, after: { Tilldelning: kr(alloc), omfördelning: id },
      });
    }
    tx.put(transfers, null, {
      ID: id, Datum: ports.clock.now(), Från: f.name, Till: g.name, Belopp: toKronor(t.amount),
      Beslutsreferens: cited, Av: ctx.email, Kommentar: t.comment,
    }, { action: 'omfördelning.registrerad', object: id, after: { från: f.name, till: g.name, belopp: kr(t.amount), beslut: cited, kommentar: t.comment } });
    tx.commit();
    const allocations = state.funders.map((x, i) => (i === from ? x.allocation - t.amount : i === to ? x.allocation + t.amount : x.allocation));
    const after = withAllocations(snap, state, state.total, allocations);
    return {
      id, from: funderView(after.funders[from]), to: funderView(after.funders[to]), overview: figures(snap, after),
      message: withWarnings(budgetMsg.moved(t.amount, f.name, g.name, named), state, after),
    };
  });
}

export interface AllocateResult {
  readonly total: Ore;
  readonly funders: readonly FunderView[];
  /** The budget as it is after the allocation. */
  readonly overview: BudgetOverview;
  readonly message: Msg;
}

const totalIsAdminsMsg = (): Msg => budgetMsg.totalIsAdmins();

/**
 * Sets the funders' allocations (role: styrgrupp; the total too when the
 * caller is also an administrator). Input: `{ total?: string|number, allocations: { funder, amount }[] }`;
 * funders are the rows of the Budget sheet, a funder left out keeps its allocation.
 * Reads: Inställningar + Budget + Kostnader. Writes: Logg + Budget (one block) [+ Inställningar].
 */
export function allocateBudget(ports: Ports, raw: unknown, lang: Lang = 'sv'): AllocateResult {
  const ctx = loadContext(ports);
  requireRole(ctx, ['styrgrupp']);
  const a = unwrap(parseAllocate(raw, lang));
  if (a.total !== undefined && a.total !== ctx.settings.totalBudget && !ctx.admin) throw new UserError(totalIsAdminsMsg(), 'total');
  return withBudgetLock(ports, () => {
    const { check: settingsCheck, settings: fresh } = readSettings(ports, ctx.journal.fresh());
    const snap = readBudget(ports, fresh, ctx.journal);
    const state = computeBudget(snap.input);
    if (state.budgetSheetBroken) {
      const errors = state.problems.filter((p) => p.sheet === 'Budget' && p.blocking).map((p) => p.message);
      throw new UserError(budgetMsg.budgetSheetErrors(errors));
    }
    if (state.funders.length === 0) {
      throw new UserError(budgetMsg.budgetNoFundersEnter());
    }
    const pending = blockingProblems(snap, null);
    if (pending.length) throw new UserError(blockedBy(budgetMsg.budgetCannotReallocatedNow(), pending));
    const total = a.total ?? fresh.totalBudget;
    const allocations = state.funders.map((f) => f.allocation);
    /** Funder index → its row in what the page sent ('allocations.<k>' names that row's field). */
    const sent = new Map<number, number>();
    for (const [k, x] of a.allocations.entries()) {
      const fi = funderIndex(state, x.funder);
      if (fi < 0) {
        const unknown = unknownFunderMsg(state, x.funder);
        throw new UserError(budgetMsg.newFunderAddedBudget(unknown), `allocations.${k}`);
      }
      if (sent.has(fi)) throw new UserError(budgetMsg.appearsTwiceAllocation(state.funders[fi].name), `allocations.${k}`);
      sent.set(fi, k);
      allocations[fi] = x.amount;
    }
    const refused = allocationRefusal(state, total, allocations);
    if (refused) {
      const k = refused.at === 'total' ? undefined : sent.get(refused.at);
      throw new UserError(refused.why, refused.at === 'total' ? 'total' : k === undefined ? undefined : `allocations.${k}`);
    }
    const tx = new Tx(ctx.journal).overview(overviewNote(snap));
    state.funders.forEach((f, i) => {
      if (allocations[i] === f.allocation) return;
      tx.put(snap.budget, budgetIndex(snap, f), { Tilldelning: toKronor(allocations[i]) }, {
        action: 'budget.fördelning', object: f.name, before: { Tilldelning: kr(f.allocation) }, after: { Tilldelning: kr(allocations[i]) },
      });
    });
    if (total !== fresh.totalBudget) {
      putSetting(tx, settingsCheck, SETTING_KEYS.totalBudget, toKronor(total), { action: 'inställning.ändrad', object: SETTING_KEYS.totalBudget, before: kr(fresh.totalBudget), after: kr(total) });
    }
    tx.commit();
    const after = withAllocations(snap, state, total, allocations);
    return {
      total, funders: after.funders.map(funderView), overview: figures(snap, after),
      message: withWarnings(budgetMsg.budgetAllocatedAcrossFunders(total, state.funders.length), state, after),
    };
  });
}

// --- Read-outs ------------------------------------------------------------------------

/** Overview sidebar data. Reads: Inställningar (unless ctx given) + Budget + Kostnader. No lock, no role. */
export function budgetOverview(ports: Ports, ctx: Context = loadContext(ports)): BudgetOverview {
  const snap = readBudget(ports, ctx.settings, ctx.journal);
  return figures(snap, computeBudget(snap.input));
}

/**
 * The budget with these allocations (in state order) and total, as it reads once a save has written
 * them: computed from what was read, so a save answers with its figures without reading again.
 */
function withAllocations(snap: BudgetSnapshot, state: BudgetState, total: Ore, allocations: readonly Ore[]): BudgetState {
  const b = snap.input.budget;
  const rows = b.rows.map((r) => r.slice());
  state.funders.forEach((f, i) => { rows[f.row - b.firstRow][b.col.allocation] = toKronor(allocations[i]); });
  return computeBudget({ ...snap.input, total, budget: { ...b, rows } });
}

/** What the sidebars show of `state` (computed from `snap`, or as a save leaves it), with the changes waiting for review. */
function figures(snap: BudgetSnapshot, state: BudgetState): BudgetOverview {
  const o = overviewOf(state);
  const review = blockingProblems(snap, null);
  if (review.length === 0) return { ...o, review };
  const waiting = budgetMsg.changesWaitForReview(review.length);
  const status = o.balanced
    ? budgetMsg.budgetNotBalance(waiting)
    : join([o.status, waiting]);
  return { ...o, balanced: false, status, review: review.slice(0, 50) };
}

/** SUMMIT_AVAILABLE(funder) in kronor; throws a UserError for an unknown funder. */
export function summitAvailable(ports: Ports, funder: unknown): number {
  return unwrap(availableFor(currentBudget(ports), funder));
}

// --- Direct edits of Kostnader ----------------------------------------------------------

export interface GuardResult {
  readonly action: 'ok' | 'revert' | 'flag';
  /** What the adapter should toast (absent for a plain ok). */
  readonly message?: Msg;
  /** Sheet rows marked in Kontroll (flag). */
  readonly rows?: readonly number[];
}

type LedgerVerdict = { ok: true; values: Record<string, Cell> } | { ok: false; why: Msg };

/** The Program items a ledger row may name (upper-case IDs), read once and only when a row names one. */
export interface ItemLookup { has(key: string): boolean }
export function programItems(journal: Journal): ItemLookup {
  let ids: Set<string> | undefined;
  return { has: (key) => (ids ??= new Set(readProgram(journal).items.map((it) => itemKey(it.id)))).has(key) };
}

/**
 * May the ledger row `rc` stand as it now reads? It must be a complete, valid
 * cost that fits its funder, keep its ID (and, when new, take a fresh one),
 * and not add to a funder another unreviewed change blocks. On success, the
 * values to seal (a new row gets its ID, who registered it and when).
 */
export function judgeLedgerChange(snap: BudgetSnapshot, rc: RowCheck, by: string, now: Date, items: ItemLookup): LedgerVerdict {
  const t = snap.ledger.t;
  const cur = t.snap.rows[rc.index].slice();
  const values: Record<string, Cell> = {};
  // A typed Programpunkt must name an item the journal has, as the sidebar's must (the reason names the ID).
  // A new row's fields are all of them, so its Programpunkt is judged too.
  const item = cellText(cellOf(t, cur, 'Programpunkt'));
  if (item !== '' && rc.fields.includes('Programpunkt') && !items.has(itemKey(item))) {
    return { ok: false, why: budgetMsg.itemMissing(item) };
  }
  if (rc.kind === 'new') {
    const id = cellText(cellOf(t, cur, 'ID'));
    // The journal's view holds a new row as blank (verifiedArrays), so the row never finds its own ID.
    const taken = id !== '' && snap.input.ledger.rows.some((r) => cellText(r[t.col['ID']]).toUpperCase() === id.toUpperCase());
    if (taken) return { ok: false, why: budgetMsg.idAlreadyExistsNew(id) };
    values['ID'] = id || nextCostId(computeBudget(snap.input));
    if (cellText(cellOf(t, cur, 'Registrerad av')) === '') values['Registrerad av'] = by;
    if (cellOf(t, cur, 'Registrerad') === '') values['Registrerad'] = now;
  } else if (rc.kind !== 'changed') {
    return { ok: false, why: unverifiedMsg(snap.ledger, rc) };
  } else if (rc.fields.includes('ID')) {
    return { ok: false, why: budgetMsg.idSetSummitPlanner() };
  }
  for (const [h, v] of Object.entries(values)) cur[t.col[h]] = v;
  const why = judgeLedgerRow(snap.input, rc.index, cur);
  if (why) return { ok: false, why };
  const before = computeBudget(snap.input);
  const after = computeBudget(snap.input, { index: rc.index, row: cur });
  for (const f of after.funders) {
    const b = before.funders.find((x) => x.name === f.name);
    if (b && f.consumed > b.consumed) {
      const blocked = funderBlocked(snap, f.name, { table: 'ledger', index: rc.index });
      if (blocked) return { ok: false, why: blocked };
    }
  }
  return { ok: true, values };
}

/** The sealed values of a ledger row as they were before `rc` changed them (for the log: non-personal). */
const ledgerBefore = (snap: BudgetSnapshot, rc: RowCheck): Record<string, string> =>
  Object.fromEntries(rc.fields.map((h) => [h, rc.sealed ? shown('ledger', h, rc.sealed[h]) : '']));
const ledgerNow = (snap: BudgetSnapshot, rc: RowCheck, values: Record<string, Cell>): Record<string, string> =>
  Object.fromEntries([...rc.fields, ...Object.keys(values)].map((h) => [h, shown('ledger', h, values[h] ?? cellOf(snap.ledger.t, snap.ledger.t.snap.rows[rc.index], h))]));

/**
 * onEdit on Kostnader: `{ row, column (1-based), numRows, numColumns }` of the
 * edited range; the event's values are not used (a paste carries none).
 * Under the lock, every edited row that no longer matches its seal is judged
 * against the journal: finance staff's valid change is sealed and logged; a
 * bad single-cell change is put back to the sealed value (a date stays a
 * date); anything else is flagged in Kontroll and waits for review. Nothing
 * is ever cleared.
 */
export function guardLedgerEdit(ports: Ports, edit: LedgerEdit): GuardResult {
  const ctx = loadContext(ports);
  return withEditLock(ports, () => {
    const snap = readBudget(ports, ctx.settings, ctx.journal.fresh());
    const { ledger } = snap;
    const last = edit.row + Math.max(1, edit.numRows) - 1;
    const single = edit.numRows === 1 && edit.numColumns === 1;
    const header = ledger.t.snap.header[edit.column - 1] ?? '';
    const tx = new Tx(ctx.journal);
    const items = programItems(ctx.journal);
    const flags = new Map<number, Msg>();
    const accepted = new Set<number>();
    /** Rows that stand as sealed again: accepted (resealed) or put back. */
    const settled = new Set<number>();
    let reverted: Msg | null = null;
    for (const rc of ledger.rows) {
      if (rc.kind === 'ok' || rc.sheetRow < edit.row || rc.sheetRow > last) continue;
      const v: LedgerVerdict = ctx.roles.includes('ekonomi') ? judgeLedgerChange(snap, rc, ctx.email, ports.clock.now(), items) : { ok: false, why: roleRequiredMsg(['ekonomi']) };
      if (v.ok) {
        tx.put(ledger, rc.index, { ...cellsOf(ledger, rc.index), ...v.values }, {
          action: rc.kind === 'new' ? 'kostnad.registrerad.direkt' : 'kostnad.direktändring', object: cellText(v.values['ID'] ?? rc.key),
          before: rc.kind === 'new' ? undefined : ledgerBefore(snap, rc), after: ledgerNow(snap, rc, v.values),
        });
        accepted.add(rc.index);
        settled.add(rc.index);
        continue;
      }
      if (single && rc.kind === 'changed' && rc.sealed && rc.fields.length === 1 && rc.fields[0] === header) {
        const back = fromSnap(rc.sealed[header]);
        // What was typed, for the log: read before the snapshot takes the value put back.
        const typed = ledgerNow(snap, rc, {});
        ledger.t.port.write(rc.sheetRow, edit.column - 1, [[back as CellIn]]);
        ledger.t.snap.rows[rc.index][edit.column - 1] = back;
        reverted = budgetMsg.changeUndone(header, rc.sheetRow, fixed(shown('ledger', header, back), shown('ledger', header, back, 'en')), v.why);
        tx.log({ action: 'kostnad.direktändring.återställd', object: rc.key, before: typed, after: { [header]: shown('ledger', header, back) } });
        settled.add(rc.index);
        continue;
      }
      flags.set(rc.sheetRow, v.why);
    }
    tx.overview(overviewNote(snap, settled));
    if (flags.size) tx.log({ action: 'kostnad.direktändring.flaggad', object: [...flags.keys()].map((r) => `rad ${r}`).join(', ').slice(0, 500), after: { rader: flags.size } });
    tx.commit();
    writeKontroll(snap, accepted, settled, flags);
    if (reverted) return { action: 'revert', message: reverted };
    if (flags.size === 0) return { action: 'ok' };
    const rows = [...flags.keys()];
    const first = flags.get(rows[0])!;
    return {
      action: 'flag', rows,
      message: budgetMsg.rowsFlagged(rows, first),
    };
  });
}

const cellsOf = (c: TableCheck, index: number): Record<string, Cell> =>
  Object.fromEntries(Object.entries(c.t.col).map(([h, i]) => [h, c.t.snap.rows[index][i]]));

/**
 * Kontroll: "⚠ reason" on every row that is invalid or waits for review,
 * stale flags cleared; `accepted` rows now stand as written (the Tx updated
 * the snapshot in place). One write, only when anything changes.
 */
function writeKontroll(snap: BudgetSnapshot, accepted: ReadonlySet<number>, settled: ReadonlySet<number>, flags: ReadonlyMap<number, Msg>): void {
  const { ledger } = snap;
  const kc = ledger.t.col['Kontroll'];
  if (kc === undefined) return;
  const rows = snap.input.ledger.rows.map((r, i) => (accepted.has(i) ? ledger.t.snap.rows[i] : r));
  const state = computeBudget({ ...snap.input, ledger: { ...snap.input.ledger, rows } });
  const extra = new Map<number, Msg>(flags);
  for (const rc of ledger.rows) {
    if (rc.kind !== 'ok' && !settled.has(rc.index) && !extra.has(rc.sheetRow)) extra.set(rc.sheetRow, unverifiedMsg(ledger, rc));
  }
  const current = ledger.t.snap.rows.map((r) => r[kc]);
  const kontroll = kontrollColumn(state, current, extra);
  if (kontroll.changed) ledger.t.port.write(ledger.t.snap.firstRow, kc, kontroll.values.map((v) => [v]));
}
