/**
 * Återbud recorded by the project leader in the Gäster sidebar (a guest who
 * tells her, not the RSVP page, that they can't come). Like a decline on the
 * page, the seats it frees go to the first guests waiting at once, exactly
 * once (src/app/waitlist.ts): the offers are sealed as `erbjuds` in the same
 * transaction as the new status, committed before any mail, then mailed and
 * marked `erbjuden`, all under the lock.
 */
import * as z from 'zod/mini';
import { GUEST_COLUMNS, checkTransition } from '../core/guests';
import { labelled } from '../core/i18n';
import { guestsMsg } from '../core/messages/guests';
import { UserError, type Msg } from '../core/msg';
import { loadFullContext, requireRole } from './context';
import type { CancelForm, Holds, Same } from './contract';
import { GUEST_LOCK_MS, guestAudit, guestSchemas, notFound, parseInput, waitsForReview } from './guests';
import { findGuestRow, guestRows } from './invite-rows';
import { checkTable, Tx } from './journal';
import type { RsvpLinks } from './merge';
import type { CellIn, Ports } from './ports';
import { consentCell, deadlineEnd } from './rsvp';
import { mailablePlan, mailOffers, offersOf, planWaitlists, putChanges } from './waitlist';

const buildCancel = () => z.strictObject({ id: guestSchemas().id });
/** The page's argument (the contract) and this schema agree both ways: neither can drift. */
export type CancelAgrees = Holds<Same<z.output<ReturnType<typeof buildCancel>>, CancelForm>>;
let schema: ReturnType<typeof buildCancel> | undefined;
const cancelSchema = () => (schema ??= buildCancel());

/**
 * Records Återbud for guest `id` (projektledare; from Inbjuden or Tackat ja,
 * checkTransition's rule). `links` makes the personal links of the offer
 * mails; called before the lock (making the key may take it). Returns what to
 * tell the project leader, with the number of seats offered.
 */
export function recordCancellation(ports: Ports, input: unknown, links?: RsvpLinks): { offers: number; message: Msg } {
  const { id } = parseInput(cancelSchema(), input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  const linkFor = links ? links() : null;
  return ports.lock.withLock(GUEST_LOCK_MS, () => {
    const check = checkTable(ctx.journal.fresh(), 'guests');
    const rows = guestRows(check);
    const r = findGuestRow(rows, id);
    if (!r) throw notFound(id);
    if (r.unverified || r.index === null) throw waitsForReview(r);
    const g = r.guest;
    if (g.status === 'Återbud') return { offers: 0, message: guestsMsg.alreadyCancelled(id) };
    const allowed = checkTransition(g.status, 'Återbud', ctx.roles);
    if (!allowed.ok) throw new UserError(labelled(id, allowed.reason), 'id');
    const tx = new Tx(ctx.journal);
    // A guest who is not coming needs no dietary data (minimisation), as a "no" on the RSVP page clears it.
    const hadDiet = g.diet !== '' || consentCell(check, r.index) !== '';
    const cleared: Record<string, CellIn> = hadDiet ? { [GUEST_COLUMNS.diet]: '', [GUEST_COLUMNS.consent]: '' } : {};
    tx.put(check, r.index, { [GUEST_COLUMNS.status]: 'Återbud', ...cleared }, {
      action: 'gäst.återbud', object: id, before: { Status: g.status },
      after: guestAudit({ Status: 'Återbud', ...cleared, ...(hadDiet ? { Samtycke: 'återkallat' } : {}) }),
    });
    // The waiting lists as they will be after the Återbud (every seat the guest held is free).
    const items = ctx.parts().items ?? [];
    // No offer this execution can't mail (the freed seats wait, owed, for one that can).
    const plan = mailablePlan(planWaitlists(ctx, rows, ports.clock.now(), deadlineEnd(ctx.settings.rsvpDeadline), new Map([[id, { status: 'Återbud', itemAnswers: g.itemAnswers ?? '' }]]), items), linkFor);
    putChanges(tx, check, rows, plan, items.map((it) => it.id), id);
    tx.commit();
    const offers = mailOffers(ports, ctx, offersOf(plan), linkFor);
    return { offers, message: guestsMsg.cancelled(id, offers) };
  });
}

