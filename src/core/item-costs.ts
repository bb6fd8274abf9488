/**
 * What each Program item costs (pure): the ledger rows tied to it
 * (Kostnader → Programpunkt) that consume budget, i.e. every status but
 * Makulerad, counted the way the funders' figures count them
 * (src/core/budget.ts: a row whose amount isn't valid counts nothing here and
 * is a problem there). The Program sidebar, Beslutsunderlag and the tests
 * use this; Översikt computes the same sum with SUMIFS (src/core/overview-sheet.ts).
 */
import { cellText, type BudgetState, type RowCells } from './budget';
import { COST_STATUSES } from './schema';
import type { Ore } from './money';

const CANCELLED = COST_STATUSES.indexOf('Makulerad');

export interface ItemCost {
  /** Öre booked (planned + ordered + invoiced/paid). */
  readonly booked: Ore;
  /** Ledger rows tied to the item that consume budget. */
  readonly costs: number;
}

/** The key an item ID is matched by (IDs are written "P-003"; a typed "p-003" means the same item). */
export const itemKey = (v: unknown): string => cellText(v).toLocaleUpperCase('sv');

/**
 * Cost per item ID (upper case) over the ledger rows `rows` (the journal's
 * view, as computeBudget read them), whose Programpunkt is at column `col`.
 */
export function itemCosts(state: Pick<BudgetState, 'rows'>, rows: readonly RowCells[], col: number | undefined): Map<string, ItemCost> {
  const out = new Map<string, ItemCost>();
  if (col === undefined) return out;
  const n = Math.min(rows.length, state.rows.count);
  for (let i = 0; i < n; i++) {
    const key = itemKey(rows[i][col]);
    const st = state.rows.status[i];
    const amount = state.rows.amount[i];
    if (key === '' || st < 0 || st === CANCELLED || Number.isNaN(amount)) continue;
    const prev = out.get(key) ?? { booked: 0, costs: 0 };
    out.set(key, { booked: prev.booked + amount, costs: prev.costs + 1 });
  }
  return out;
}
