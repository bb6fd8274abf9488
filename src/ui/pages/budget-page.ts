/**
 * What the Kostnader and Fördela budget sidebars share: showing a save's refusal where the user is looking together with
 * the figures the server sent along, so the page never contradicts the message.
 */
import type { BudgetOverview } from '../../core/budget';
import { showErrors, showRefusal, type Field } from '../form';
import { refusalOf } from '../rpc';


type Save = 'recordCost' | 'updateCost' | 'transferFunds' | 'allocate';

/**
 * A failed save: the figures its refusal brought go to `figures` first (they are the server's, as they
 * are now), then the message goes to the field it names or beside the button (`near`), focused.
 */
export function refused(fn: Save, e: unknown, fields: ReadonlyMap<string, Field>, near: HTMLElement, figures: (o: BudgetOverview) => void): void {
  const r = refusalOf(fn, e);
  if (r?.figures) figures(r.figures);
  showRefusal(e, fields, near);
}

/**
 * The page's own refusals (showErrors: each at its field, the first focused), with the first scrolled to
 * the middle of the sidebar as a server's refusal is: focus alone may leave it at the edge, its message
 * out of view. True when there were none.
 */
export function showFieldErrors(fields: readonly Field[], errors: Map<Field, string>): boolean {
  const none = showErrors(fields, errors);
  if (!none) (document.activeElement as HTMLElement | null)?.scrollIntoView({ block: 'center' });
  return none;
}
