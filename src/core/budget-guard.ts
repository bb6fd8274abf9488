/**
 * Guarding a direct edit of Kostnader (pure; used by onEdit through
 * app/budget.ts guardLedgerEdit). onEdit fires after the edit: we get the
 * sheet as it is now, the edited rectangle and, for a single cell only, its
 * old value (absent when the cell was empty).
 */
import {
  blockedReason, categoryIndex, cellOre, cellText, checkConsumption, computeBudget, funderIndex, isBlank, statusIndex,
  type BudgetInput, type BudgetState,
} from './budget';
import { msg, type Msg } from './msg';

export interface LedgerEdit {
  /** Sheet row (1-based) of the top-left edited cell. */
  readonly row: number;
  /** Sheet column (1-based) of the top-left edited cell; column A is header index 0. */
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
  /** e.oldValue: only for single-cell edits; absent when the cell was empty. */
  readonly oldValue?: unknown;
  /** e.value when known: lets us see that the cell changed again since (then we don't revert). */
  readonly value?: unknown;
}

export type GuardDecision =
  | { action: 'ok' }
  /** Write `value` back into the edited cell ('' clears it). */
  | { action: 'revert'; reason: Msg; value: string | number }
  /** Sheet rows to mark in Kontroll. */
  | { action: 'flag'; rows: number[]; reason: Msg };

export const FLAG = '⚠';

type Guarded = 'funder' | 'amount' | 'status' | 'category';
const header = (g: Guarded): string => ({ funder: 'Finansiär', amount: 'Belopp', status: 'Status', category: 'Kategori' })[g];

/** Decision plus the budget as it stands once the decision is applied (for the Kontroll column). */
export function decideLedgerEdit(
  input: BudgetInput, edit: LedgerEdit, opts: { notAllowed?: Msg } = {},
): { decision: GuardDecision; state: BudgetState } {
  const lc = input.ledger.col;
  const guarded: [Guarded, number][] = [['funder', lc.funder], ['amount', lc.amount], ['status', lc.status], ['category', lc.category]];
  const c0 = edit.column - 1;
  const c1 = c0 + Math.max(1, edit.numColumns) - 1;
  const r0 = Math.max(edit.row, input.ledger.firstRow);
  const r1 = edit.row + Math.max(1, edit.numRows) - 1;
  const hits = guarded.filter(([, c]) => c >= c0 && c <= c1);
  const after = computeBudget(input);
  if (hits.length === 0 || r1 < input.ledger.firstRow) return { decision: { action: 'ok' }, state: after };

  const single = edit.numRows === 1 && edit.numColumns === 1;
  const i = edit.row - input.ledger.firstRow;
  const rows = input.ledger.rows;
  if (single) {
    const [which, col] = hits[0];
    const cur = i < rows.length ? rows[i][col] : '';
    const changedSince = edit.value !== undefined && !sameCell(cur, edit.value);
    if (!changedSince) {
      if (i >= rows.length || after.rows.funder[i] === -2) return { decision: { action: 'ok' }, state: after };
      const old = revertValue(which, edit.oldValue);
      const beforeRow = rows[i].slice();
      beforeRow[col] = old;
      const before = computeBudget(input, { index: i, row: beforeRow });
      const bad = opts.notAllowed ?? cellProblem(which, cur, after);
      const reason = bad ?? checkConsumption(before, after, 'edit');
      if (reason) {
        const shown = old === '' ? msg('cellen töms', 'the cell is cleared') : msg(`det gamla värdet ${String(old)} är tillbaka`, `the old value ${String(old)} is restored`);
        return {
          decision: {
            action: 'revert', value: old,
            reason: msg(
              `Ändringen i ${header(which)} på rad ${edit.row} gjordes ogjord (${shown.sv}): ${reason.sv}`,
              `The change to ${header(which)} on row ${edit.row} was undone (${shown.en}): ${reason.en}`,
            ),
          },
          state: before,
        };
      }
      return { decision: { action: 'ok' }, state: after };
    }
  }

  // A paste, a multi-cell edit or a cell that can't be safely reverted: flag.
  const flagged: number[] = [];
  let first: Msg | null = null;
  const last = Math.min(r1, input.ledger.firstRow + rows.length - 1);
  for (let r = r0; r <= last; r++) {
    const k = r - input.ledger.firstRow;
    const fi = after.rows.funder[k];
    if (opts.notAllowed && fi !== -2) {
      flagged.push(r);
      first ??= opts.notAllowed;
    } else if (after.rows.bad[k]) {
      flagged.push(r);
      first ??= after.problems.find((p) => p.sheet === 'Kostnader' && p.row === r)?.message ?? null;
    } else if (fi >= 0 && after.funders[fi].overspent) {
      flagged.push(r);
      first ??= after.funders[fi].reasons[after.funders[fi].reasons.length - 1] ?? null;
    }
  }
  if (flagged.length === 0) return { decision: { action: 'ok' }, state: after };
  const why = first ?? blockedReason(after, -1) ?? msg('värdena stämmer inte', 'the values are not valid');
  const list = flagged.length > 10 ? `${flagged.slice(0, 10).join(', ')} …` : flagged.join(', ');
  return {
    decision: {
      action: 'flag', rows: flagged,
      reason: msg(
        `Budgeten är inte i balans efter ändringen: ${flagged.length === 1 ? 'raden' : 'raderna'} ${list} på bladet Kostnader är markerade i kolumnen Kontroll. ${why.sv}`,
        `The budget is not in balance after the change: ${flagged.length === 1 ? 'row' : 'rows'} ${list} on the Kostnader sheet are marked in the Kontroll column. ${why.en}`,
      ),
    },
    state: after,
  };
}

function cellProblem(which: Guarded, v: unknown, state: BudgetState): Msg | null {
  if (isBlank(v)) {
    return msg(
      `${header(which)} får inte tömmas. Vill du ta bort kostnaden: ändra status till Makulerad.`,
      `${header(which)} must not be emptied. To remove the cost, set its status to Makulerad.`,
    );
  }
  const shown = cellText(v).slice(0, 80);
  switch (which) {
    case 'funder':
      return funderIndex(state, v) >= 0 ? null : msg(
        `okänd finansiär "${shown}" (finansiärer: ${state.funders.map((f) => f.name).join(', ')}).`,
        `unknown funder "${shown}" (funders: ${state.funders.map((f) => f.name).join(', ')}).`,
      );
    case 'status':
      return statusIndex(v) >= 0 ? null : msg(`okänd status "${shown}".`, `unknown status "${shown}".`);
    case 'category':
      return categoryIndex(v) >= 0 ? null : msg(`okänd kategori "${shown}".`, `unknown category "${shown}".`);
    case 'amount': {
      const m = cellOre(v);
      if (m.error) return msg(`ogiltigt belopp "${shown}": ${m.error.sv}`, `invalid amount "${shown}": ${m.error.en}`);
      if (m.text) return msg(`beloppet "${shown}" är text; skriv ett tal.`, `the amount "${shown}" is text; enter a number.`);
      return null;
    }
  }
}

/** The value to write back: e.oldValue is a string; amounts go back as numbers. */
export function revertValue(which: Guarded | string, old: unknown): string | number {
  if (old === undefined || old === null) return '';
  if (typeof old === 'number') return old;
  const s = String(old);
  if (which === 'amount' && /^\d+(\.\d+)?$/.test(s.trim())) return Number(s.trim());
  return s;
}

function sameCell(cur: unknown, v: unknown): boolean {
  if (cur === v) return true;
  const a = cur instanceof Date ? cur.getTime() : cur;
  const b = v instanceof Date ? v.getTime() : v;
  if (typeof a === 'number' || typeof b === 'number') {
    const na = Number(a), nb = Number(b);
    if (String(a).trim() !== '' && String(b).trim() !== '' && na === nb) return true;
  }
  return String(a ?? '') === String(b ?? '');
}

/**
 * The Kontroll column after a guard pass: rows with problems get "⚠ reason",
 * rows in `extra` get theirs, stale "⚠" flags on rows that are fine now are
 * cleared (kept while their funder is still overspent); other text is left.
 * `changed` is false when nothing needs writing.
 */
export function kontrollColumn(
  state: BudgetState, current: readonly unknown[], extra: ReadonlyMap<number, Msg>,
): { values: string[]; changed: boolean } {
  const byRow = new Map<number, Msg>();
  for (const p of state.problems) if (p.sheet === 'Kostnader' && !byRow.has(p.row)) byRow.set(p.row, p.message);
  const values: string[] = [];
  let changed = false;
  for (let k = 0; k < current.length; k++) {
    const sheetRow = state.ledgerFirstRow + k;
    const cur = typeof current[k] === 'string' ? (current[k] as string) : current[k] === '' || current[k] === undefined || current[k] === null ? '' : String(current[k]);
    const fi = k < state.rows.count ? state.rows.funder[k] : -2;
    let next = cur;
    const own = extra.get(sheetRow) ?? (k < state.rows.count && state.rows.bad[k] ? byRow.get(sheetRow) : undefined);
    if (own) next = `${FLAG} ${own.sv}`;
    else if (cur.startsWith(FLAG)) next = fi >= 0 && state.funders[fi].overspent ? cur : '';
    if (next !== cur) changed = true;
    values.push(next);
  }
  return { values, changed };
}
