/**
 * Judging a direct edit of Kostnader (pure; used by onEdit and by Granska
 * ändringar through src/app/budget.ts). The before-value is never taken from
 * the edit event (a paste or fill carries none): it is the row as the add-on
 * sealed it, so every edit is judged against the journal.
 */
import { checkConsumption, computeBudget, type BudgetInput, type BudgetState } from './budget';
import type { Msg } from './msg';
import { budgetMsg } from './messages/budget';

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

export const FLAG = '⚠';
// Stryker disable next-line StringLiteral: never shown (see judgeLedgerRow); kept so a rule without a message still refuses
const INCOMPLETE = budgetMsg.incomplete();

/**
 * Is `row` (the ledger row at `index`, as it now reads) a cost the budget can
 * take? `input` is the journal's view of the budget (src/app/budget.ts
 * readBudget). Returns why not: the row's own problems (unknown funder,
 * amount as text, …), or the funder it would overspend; null when it fits.
 * A row whose consumption does not grow always fits (cancelling, lowering).
 */
export function judgeLedgerRow(input: BudgetInput, index: number, row: readonly unknown[]): Msg | null {
  const before = computeBudget(input);
  const after = computeBudget(input, { index, row });
  if (after.rows.bad[index]) {
    const sheetRow = input.ledger.firstRow + index;
    // Stryker disable next-line OptionalChaining: computeBudget records a Kostnader problem with every bad row, so one is found
    return after.problems.find((p) => p.sheet === 'Kostnader' && p.row === sheetRow)?.message ?? INCOMPLETE;
  }
  // Stryker disable next-line StringLiteral: an edit and a change get the same message (only a new cost's differs)
  return checkConsumption(before, after, 'edit');
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
    const v = current[k];
    // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path for text (the usual cell); String() would give the same
    const cur = typeof v === 'string' ? v
      : v === undefined || v === null ? '' : String(v);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: past the last row a typed array gives undefined, which fails fi >= 0 as -2 does
    const fi = k < state.rows.count ? state.rows.funder[k] : -2;
    let next = cur;
    // byRow holds reasons of bad rows only: computeBudget records a Kostnader problem exactly for each bad row.
    const own = extra.get(sheetRow) ?? byRow.get(sheetRow);
    if (own) next = `${FLAG} ${own.sv}`;
    else if (cur.startsWith(FLAG)) next = fi >= 0 && state.funders[fi].overspent ? cur : '';
    if (next !== cur) changed = true;
    values.push(next);
  }
  return { values, changed };
}
