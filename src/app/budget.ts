/**
 * Budget use cases over the ports. Every write: role check (one read of
 * Inställningar), input validation, then under the document lock a fresh read
 * of Budget + Kostnader, the rule check on the recomputed budget, the write(s)
 * and the audit row. Nothing is cached between calls.
 *
 * Entry points (src/gas) call these with the JSON the sidebar sends; a refusal
 * is a thrown UserError whose userMessage is shown as is.
 */
import {
  availableFor, checkAllocation, checkConsumption, checkTransfer, computeBudget, funderIndex, funderView, kr,
  nextCostId, overviewOf, rowsWithId, unknownFunderMsg,
  type BudgetInput, type BudgetOverview, type BudgetState, type FunderView,
} from '../core/budget';
import { decideLedgerEdit, kontrollColumn, type LedgerEdit } from '../core/budget-guard';
import { parseAllocate, parseCostChange, parseRegisterCost, parseTransfer } from '../core/budget-input';
import { toKronor, type Ore } from '../core/money';
import { msg, UserError, type Msg, type Result } from '../core/msg';
import { COST_STATUSES, TABLES, type CostStatus } from '../core/schema';
import { roleRequiredMsg, settingDef, SETTING_KEYS, type Settings } from '../core/settings';
import { appendAudit } from './audit';
import { loadContext, readSettings, requireRole, type Context } from './context';
import { LockTimeoutError, type Cell, type Ports } from './ports';
import { cellOf, openTable, rowFor, type OpenTable } from './tables';

export const LOCK_TIMEOUT_MS = 20_000;

export type { LedgerEdit } from '../core/budget-guard';
export type { BudgetOverview, FunderView } from '../core/budget';

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new UserError(r.error);
  return r.value;
};

/** What a caller is told when the document lock stays busy (here and in src/gas/api.ts). */
export const lockBusyMsg = (): Msg => msg(
  'Någon annan sparar i arbetsboken just nu. Inget har ändrats; försök igen om en stund.',
  'Someone else is saving in the workbook right now. Nothing was changed; try again in a moment.',
);

/** Runs fn under the document lock; a busy lock becomes a user-facing message. */
export function withBudgetLock<T>(ports: Ports, fn: () => T): T {
  try {
    return ports.lock.withLock(LOCK_TIMEOUT_MS, fn);
  } catch (e) {
    throw e instanceof LockTimeoutError ? new UserError(lockBusyMsg()) : e;
  }
}

export interface BudgetSnapshot {
  readonly input: BudgetInput;
  readonly budget: OpenTable;
  readonly ledger: OpenTable;
}

/** Two range reads: Budget and Kostnader. */
export function readBudget(ports: Ports, settings: Pick<Settings, 'totalBudget' | 'warnPercent'>): BudgetSnapshot {
  const budget = openTable(ports.workbook, 'budget');
  const ledger = openTable(ports.workbook, 'ledger');
  const l = ledger.col;
  const input: BudgetInput = {
    total: settings.totalBudget,
    warnPercent: settings.warnPercent,
    budget: {
      rows: budget.snap.rows, firstRow: budget.snap.firstRow,
      col: { funder: budget.col['Finansiär'], allocation: budget.col['Tilldelning'], warn: budget.col['Varningsgräns'] },
    },
    ledger: {
      rows: ledger.snap.rows, firstRow: ledger.snap.firstRow,
      col: {
        id: l['ID'], date: l['Datum'], funder: l['Finansiär'], category: l['Kategori'], description: l['Beskrivning'],
        amount: l['Belopp'], supplier: l['Leverantör'], reference: l['Referens'], status: l['Status'],
        by: l['Registrerad av'], at: l['Registrerad'],
      },
    },
  };
  return { input, budget, ledger };
}

/** The budget as it stands (3 reads: Inställningar, Budget, Kostnader). */
export function currentBudget(ports: Ports, ctx: Context = loadContext(ports)): BudgetState {
  return computeBudget(readBudget(ports, ctx.settings).input);
}

// --- Register a cost --------------------------------------------------------------

export interface CostResult {
  readonly id: string;
  /** Sheet row on Kostnader (for information only: never reuse it). */
  readonly row: number;
  readonly funder: FunderView;
  readonly message: Msg;
}

/** yyyy-mm-dd → a date cell (local midnight, as the sheet keeps dates). */
const dateCell = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};

/**
 * Registers a cost (role: ekonomi). Input: RegisterCostRaw
 * `{ funder, category, description, amount: string|number, date: 'yyyy-mm-dd', supplier?, reference?, status? }`.
 * Reads: Inställningar + (in the lock) Budget + Kostnader. Writes: Kostnader append + Logg append.
 */
export function registerCost(ports: Ports, raw: unknown): CostResult {
  const ctx = loadContext(ports);
  requireRole(ctx, ['ekonomi']);
  const cost = unwrap(parseRegisterCost(raw));
  return withBudgetLock(ports, () => {
    const snap = readBudget(ports, ctx.settings);
    const before = computeBudget(snap.input);
    const fi = funderIndex(before, cost.funder);
    if (fi < 0) throw new UserError(unknownFunderMsg(before, cost.funder));
    const funder = before.funders[fi].name;
    const id = nextCostId(before);
    const values = {
      ID: id, Datum: dateCell(cost.date), Finansiär: funder, Kategori: cost.category, Beskrivning: cost.description,
      Belopp: toKronor(cost.amount), Leverantör: cost.supplier, Referens: cost.reference, Status: cost.status,
      'Registrerad av': ctx.email, Registrerad: ports.clock.now(), Kontroll: '',
    };
    const row = rowFor(snap.ledger, values);
    const after = computeBudget(snap.input, { index: snap.input.ledger.rows.length, row });
    const refusal = checkConsumption(before, after, 'cost');
    if (refusal) throw new UserError(refusal);
    const sheetRow = snap.ledger.port.append([row]);
    appendAudit(ports, [{
      action: 'kostnad.registrerad', object: id,
      after: { funder, category: cost.category, description: cost.description, amount: kr(cost.amount), date: cost.date, supplier: cost.supplier, reference: cost.reference, status: cost.status },
    }]);
    const f = after.funders[fi];
    return {
      id, row: sheetRow, funder: funderView(f),
      message: msg(
        `Kostnaden ${id} (${kr(cost.amount)}) är registrerad på ${funder}. Kvar: ${kr(f.available)}.`,
        `The cost ${id} (${kr(cost.amount)}) is registered to ${funder}. Left: ${kr(f.available)}.`,
      ),
    };
  });
}

// --- Change / cancel a cost ---------------------------------------------------------

export interface ChangeResult extends CostResult {
  readonly before: { readonly status: string; readonly amount: Ore | null };
  readonly after: { readonly status: CostStatus; readonly amount: Ore };
}

/**
 * Changes a cost's status and/or amount by ID (role: ekonomi); status
 * 'Makulerad' cancels it. Input: `{ id: 'K-0001', status?, amount?: string|number }`.
 * Cancelling and lowering are always allowed; anything that consumes more
 * (a higher amount, reviving a cancelled cost) must fit.
 * Reads: Inställningar + Budget + Kostnader. Writes: 1 per changed cell (≤ 2) + Logg.
 */
export function changeCost(ports: Ports, raw: unknown): ChangeResult {
  const ctx = loadContext(ports);
  requireRole(ctx, ['ekonomi']);
  const change = unwrap(parseCostChange(raw));
  return withBudgetLock(ports, () => {
    const snap = readBudget(ports, ctx.settings);
    const { input, ledger } = snap;
    const found = rowsWithId(input, change.id);
    if (found.length === 0) {
      throw new UserError(msg(
        `Kostnaden ${change.id} finns inte på bladet Kostnader (har raden tagits bort?). Inget har ändrats.`,
        `The cost ${change.id} is not on the Kostnader sheet (was the row deleted?). Nothing was changed.`,
      ));
    }
    if (found.length > 1) {
      const rows = found.map((i) => ledger.snap.firstRow + i).join(', ');
      throw new UserError(msg(
        `ID ${change.id} finns på flera rader (${rows}) på bladet Kostnader. Rätta dubbletten först; inget har ändrats.`,
        `ID ${change.id} appears on several rows (${rows}) of the Kostnader sheet. Fix the duplicate first; nothing was changed.`,
      ));
    }
    const i = found[0];
    const cur = ledger.snap.rows[i];
    const before = computeBudget(input);
    const oldStatus = String(cellOf(ledger, cur, 'Status')).trim();
    const oldAmount = before.rows.amount[i];
    const newStatus = change.status ?? (before.rows.status[i] >= 0 ? COST_STATUSES[before.rows.status[i]] : undefined);
    if (!newStatus) {
      throw new UserError(msg(
        `Kostnaden ${change.id} har ogiltig status "${oldStatus}". Ange en ny status.`,
        `The cost ${change.id} has an invalid status "${oldStatus}". Give a new status.`,
      ));
    }
    const newAmount = change.amount ?? (Number.isNaN(oldAmount) ? undefined : oldAmount);
    if (newAmount === undefined) {
      throw new UserError(msg(
        `Kostnaden ${change.id} har ogiltigt belopp. Ange ett nytt belopp.`,
        `The cost ${change.id} has an invalid amount. Give a new amount.`,
      ));
    }
    const next = cur.slice();
    const writes: [number, Cell][] = [];
    if (oldStatus !== newStatus) writes.push([ledger.col['Status'], newStatus]);
    if (cellOf(ledger, cur, 'Belopp') !== toKronor(newAmount)) writes.push([ledger.col['Belopp'], toKronor(newAmount)]);
    for (const [c, v] of writes) next[c] = v;
    const after = computeBudget(input, { index: i, row: next });
    const fi = after.rows.funder[i];
    const refusal = checkConsumption(before, after, 'change');
    if (refusal) throw new UserError(refusal);
    const sheetRow = ledger.snap.firstRow + i;
    const beforeVal = { status: oldStatus, amount: Number.isNaN(oldAmount) ? null : oldAmount };
    const afterVal = { status: newStatus, amount: newAmount };
    const funder = fi >= 0 ? funderView(after.funders[fi]) : null;
    if (writes.length > 0) {
      for (const [c, v] of writes) ledger.port.write(sheetRow, c, [[v]]);
      appendAudit(ports, [{
        action: newStatus === 'Makulerad' && oldStatus !== 'Makulerad' ? 'kostnad.makulerad' : 'kostnad.ändrad',
        object: change.id,
        before: { status: oldStatus, amount: beforeVal.amount === null ? String(cellOf(ledger, cur, 'Belopp')) : kr(beforeVal.amount) },
        after: { status: newStatus, amount: kr(newAmount) },
      }]);
    }
    const what = writes.length === 0
      ? msg(`Kostnaden ${change.id} är redan så; inget ändrades.`, `The cost ${change.id} is already like that; nothing changed.`)
      : newStatus === 'Makulerad'
        ? msg(`Kostnaden ${change.id} är makulerad.`, `The cost ${change.id} is cancelled.`)
        : msg(`Kostnaden ${change.id} är ändrad: ${newStatus}, ${kr(newAmount)}.`, `The cost ${change.id} was changed: ${newStatus}, ${kr(newAmount)}.`);
    const left = funder ? msg(` ${funder.name} har ${kr(funder.available)} kvar.`, ` ${funder.name} has ${kr(funder.available)} left.`) : msg('', '');
    return {
      id: change.id, row: sheetRow, before: beforeVal, after: afterVal,
      funder: funder ?? emptyFunder(),
      message: msg(what.sv + left.sv, what.en + left.en),
    };
  });
}

const emptyFunder = (): FunderView => ({
  name: '', allocation: 0, planned: 0, committed: 0, actual: 0, consumed: 0, available: 0, percentUsed: 0, warnAt: 0,
  warning: false, overspent: false, outOfBalance: true, reasons: [],
});

// --- Transfers and allocation -------------------------------------------------------

/** The Tilldelning column block (Budget rows first..last) with `next` for funders given by sheet row. */
function allocationColumn(budget: OpenTable, next: ReadonlyMap<number, Ore>): Cell[][] {
  const c = budget.col['Tilldelning'];
  return budget.snap.rows.map((r, k) => {
    const v = next.get(budget.snap.firstRow + k);
    return [v === undefined ? (r[c] ?? '') : toKronor(v)];
  });
}

export interface TransferResult {
  readonly id: string;
  readonly from: FunderView;
  readonly to: FunderView;
  readonly message: Msg;
}

/**
 * Moves allocation between funders (role: styrgrupp). Input:
 * `{ from, to, amount: string|number, decisionRef, comment? }`.
 * Reads: Inställningar + Budget + Kostnader + Omfördelningar (for the ID).
 * Writes: Budget allocation column (one block) + Omfördelningar append + Logg.
 */
export function transferAllocation(ports: Ports, raw: unknown): TransferResult {
  const ctx = loadContext(ports);
  requireRole(ctx, ['styrgrupp']);
  const t = unwrap(parseTransfer(raw));
  return withBudgetLock(ports, () => {
    const snap = readBudget(ports, ctx.settings);
    const transfers = openTable(ports.workbook, 'transfers');
    const state = computeBudget(snap.input);
    const from = funderIndex(state, t.from);
    if (from < 0) throw new UserError(unknownFunderMsg(state, t.from));
    const to = funderIndex(state, t.to);
    if (to < 0) throw new UserError(unknownFunderMsg(state, t.to));
    const refusal = checkTransfer(state, from, to, t.amount);
    if (refusal) throw new UserError(refusal);
    const f = state.funders[from], g = state.funders[to];
    const next = new Map<number, Ore>([[f.row, f.allocation - t.amount], [g.row, g.allocation + t.amount]]);
    let max = 0;
    for (const r of transfers.snap.rows) {
      const m = /^O-(\d{1,9})$/.exec(String(cellOf(transfers, r, 'ID')).trim());
      if (m) max = Math.max(max, Number(m[1]));
    }
    const id = `O-${String(max + 1).padStart(4, '0')}`;
    snap.budget.port.write(snap.budget.snap.firstRow, snap.budget.col['Tilldelning'], allocationColumn(snap.budget, next));
    transfers.port.append([rowFor(transfers, {
      ID: id, Datum: ports.clock.now(), Från: f.name, Till: g.name, Belopp: toKronor(t.amount),
      Beslutsreferens: t.decisionRef, Av: ctx.email, Kommentar: t.comment,
    })]);
    appendAudit(ports, [{
      action: 'budget.omfördelning', object: id,
      before: { [f.name]: kr(f.allocation), [g.name]: kr(g.allocation) },
      after: { [f.name]: kr(f.allocation - t.amount), [g.name]: kr(g.allocation + t.amount), beslut: t.decisionRef, kommentar: t.comment },
    }]);
    const view = (x: typeof f, alloc: Ore): FunderView => funderView({ ...x, allocation: alloc, available: alloc - x.consumed });
    return {
      id, from: view(f, f.allocation - t.amount), to: view(g, g.allocation + t.amount),
      message: msg(
        `${kr(t.amount)} är flyttat från ${f.name} till ${g.name} (${t.decisionRef}).`,
        `${kr(t.amount)} was moved from ${f.name} to ${g.name} (${t.decisionRef}).`,
      ),
    };
  });
}

export interface AllocateResult {
  readonly total: Ore;
  readonly funders: readonly FunderView[];
  readonly message: Msg;
}

/**
 * Sets the total and the funders' allocations (role: styrgrupp). Input:
 * `{ total?: string|number, allocations: { funder, amount }[] }`; funders are
 * the rows of the Budget sheet, a funder left out keeps its allocation.
 * Reads: Inställningar (role) + Budget + Kostnader + Inställningar (fresh total).
 * Writes: Budget allocation column + (if the total changed) the Totalbudget row + Logg.
 */
export function allocateBudget(ports: Ports, raw: unknown): AllocateResult {
  const ctx = loadContext(ports);
  requireRole(ctx, ['styrgrupp']);
  const a = unwrap(parseAllocate(raw));
  return withBudgetLock(ports, () => {
    const { table: settingsTable, settings: fresh } = readSettings(ports);
    const kc = settingsTable.col['Nyckel'], vc = settingsTable.col['Värde'];
    const snap = readBudget(ports, fresh);
    const state = computeBudget(snap.input);
    if (state.budgetSheetBroken) {
      const errors = state.problems.filter((p) => p.sheet === 'Budget' && p.blocking).map((p) => p.message);
      throw new UserError(msg(
        `Bladet Budget har fel som måste rättas först: ${errors.map((m) => m.sv).join(' ')}`,
        `The Budget sheet has errors to fix first: ${errors.map((m) => m.en).join(' ')}`,
      ));
    }
    if (state.funders.length === 0) {
      throw new UserError(msg('Bladet Budget har inga finansiärer. Skriv in dem i kolumnen Finansiär först.', 'The Budget sheet has no funders. Enter them in the Finansiär column first.'));
    }
    const total = a.total ?? fresh.totalBudget;
    const allocations = state.funders.map((f) => f.allocation);
    const given = new Set<number>();
    for (const x of a.allocations) {
      const fi = funderIndex(state, x.funder);
      if (fi < 0) {
        const unknown = unknownFunderMsg(state, x.funder);
        throw new UserError(msg(
          `${unknown.sv} En ny finansiär läggs till som en rad på bladet Budget.`,
          `${unknown.en} A new funder is added as a row on the Budget sheet.`,
        ));
      }
      if (given.has(fi)) throw new UserError(msg(`${state.funders[fi].name} finns två gånger i fördelningen.`, `${state.funders[fi].name} appears twice in the allocation.`));
      given.add(fi);
      allocations[fi] = x.amount;
    }
    const refusal = checkAllocation(state, total, allocations);
    if (refusal) throw new UserError(refusal);
    const next = new Map<number, Ore>(state.funders.map((f, i) => [f.row, allocations[i]]));
    snap.budget.port.write(snap.budget.snap.firstRow, snap.budget.col['Tilldelning'], allocationColumn(snap.budget, next));
    const totalChanged = total !== fresh.totalBudget;
    if (totalChanged) {
      const key = SETTING_KEYS.totalBudget.toLocaleLowerCase('sv');
      const k = settingsTable.snap.rows.findIndex((r) => String(r[kc] ?? '').trim().toLocaleLowerCase('sv') === key);
      if (k >= 0) settingsTable.port.write(settingsTable.snap.firstRow + k, vc, [[toKronor(total)]]);
      else settingsTable.port.append([rowFor(settingsTable, { Nyckel: SETTING_KEYS.totalBudget, Värde: toKronor(total), Beskrivning: settingDef(SETTING_KEYS.totalBudget)[2] })]);
    }
    const byName = (vals: readonly Ore[]) => Object.fromEntries(state.funders.map((f, i) => [f.name, kr(vals[i])]));
    appendAudit(ports, [{
      action: 'budget.fördelning', object: TABLES.budget.sheet,
      before: { total: kr(fresh.totalBudget), ...byName(state.funders.map((f) => f.allocation)) },
      after: { total: kr(total), ...byName(allocations) },
    }]);
    return {
      total,
      funders: state.funders.map((f, i) => funderView({ ...f, allocation: allocations[i], available: allocations[i] - f.consumed })),
      message: msg(
        `Budgeten är fördelad: ${kr(total)} på ${state.funders.length} finansiärer.`,
        `The budget is allocated: ${kr(total)} across ${state.funders.length} funders.`,
      ),
    };
  });
}

// --- Read-outs ------------------------------------------------------------------------

/** Overview sidebar + Översikt sheet data. Reads: Inställningar (unless ctx given) + Budget + Kostnader. No lock, no role. */
export function budgetOverview(ports: Ports, ctx?: Context): BudgetOverview {
  return overviewOf(currentBudget(ports, ctx ?? loadContext(ports)));
}

/** SUMMIT_AVAILABLE(funder) in kronor; throws a UserError for an unknown funder. */
export function summitAvailable(ports: Ports, funder: unknown): number {
  return unwrap(availableFor(currentBudget(ports), funder));
}

// --- Guarding direct edits of Kostnader ----------------------------------------------------

export interface GuardResult {
  readonly action: 'ok' | 'revert' | 'flag';
  /** What the adapter should toast (absent for a plain ok). */
  readonly message?: Msg;
  /** Sheet rows marked in Kontroll (flag). */
  readonly rows?: readonly number[];
}

/**
 * onEdit on Kostnader. Input: the edited range `{ row, column (1-based), numRows, numColumns, oldValue?, value? }`.
 * Under the lock: reads Budget + Kostnader (and Inställningar for roles/total),
 * reverts a bad single-cell edit (one write), rewrites the Kontroll column if
 * any flag changes (one write), logs (one append).
 */
export function guardLedgerEdit(ports: Ports, edit: LedgerEdit): GuardResult {
  const ctx = loadContext(ports);
  return withBudgetLock(ports, () => {
    const snap = readBudget(ports, ctx.settings);
    const { ledger } = snap;
    const notAllowed = ctx.roles.includes('ekonomi') ? undefined : roleRequiredMsg(['ekonomi']);
    const { decision, state } = decideLedgerEdit(snap.input, edit, { notAllowed });
    if (decision.action === 'revert') ledger.port.write(edit.row, edit.column - 1, [[decision.value]]);
    const extra = new Map<number, Msg>();
    if (decision.action === 'flag') {
      for (const r of decision.rows) {
        const k = r - ledger.snap.firstRow;
        const fi = state.rows.funder[k];
        if (!state.rows.bad[k]) extra.set(r, notAllowed ?? (fi >= 0 ? state.funders[fi].reasons[state.funders[fi].reasons.length - 1] : decision.reason) ?? decision.reason);
      }
    }
    const kc = ledger.col['Kontroll'];
    const current = ledger.snap.rows.map((r) => r[kc]);
    const kontroll = kontrollColumn(state, current, extra);
    if (kontroll.changed) ledger.port.write(ledger.snap.firstRow, kc, kontroll.values.map((v) => [v]));
    const ids: string[] = [];
    const top = Math.max(edit.row, ledger.snap.firstRow);
    for (let r = top; r < edit.row + edit.numRows && ids.length < 20; r++) {
      const row = ledger.snap.rows[r - ledger.snap.firstRow];
      if (row) ids.push(String(cellOf(ledger, row, 'ID')) || `rad ${r}`);
    }
    const where = `${TABLES.ledger.sheet}!R${edit.row}C${edit.column}${edit.numRows > 1 || edit.numColumns > 1 ? `:R${edit.row + edit.numRows - 1}C${edit.column + edit.numColumns - 1}` : ''}`;
    const action = decision.action === 'ok' ? 'kostnad.direktändring' : decision.action === 'revert' ? 'kostnad.direktändring.återställd' : 'kostnad.direktändring.flaggad';
    appendAudit(ports, [{
      action, object: `${where} ${ids.join(',')}`.trim(),
      before: edit.numRows === 1 && edit.numColumns === 1 ? edit.oldValue ?? '' : '',
      after: decision.action === 'ok' ? (edit.value ?? '') : { value: edit.value ?? '', ...(decision.action === 'flag' ? { rows: decision.rows } : {}), reason: decision.reason.sv },
    }]);
    if (decision.action === 'ok') return { action: 'ok' };
    if (decision.action === 'revert') return { action: 'revert', message: decision.reason };
    return { action: 'flag', message: decision.reason, rows: decision.rows };
  });
}
