/**
 * "Skicka bekräftelsen igen" (projektledare, Gäster): a confirmation of a
 * guest's answer that failed (src/app/confirm.ts) is mailed again, on purpose
 * and logged, only when the failure proves nothing left.
 *
 * The authority is Logg, not the note: the guest's last confirmation entry
 * there must be `gäst.bekräftelse-misslyckad` with `skäl` kvot or avvisad
 * (MailApp refused before sending). A late error (`osäker`: the mail may have
 * gone) or a resend whose outcome was never recorded is never resent: the
 * guest can download the calendar file on the RSVP page. A note line typed by
 * hand therefore enables nothing.
 *
 * Exactly once, as the answer's own confirmation: under the lock, the resend
 * is logged (`gäst.bekräftelse-igen`, `bekräftelse: skickas`) and the note
 * says `skickas`, committed and flushed before the mail; then the outcome is
 * recorded (`gäst.bekräftelse-skickad` and the line removed, or a new failure).
 * An execution that dies in between leaves `skickas`: Logg's last entry is
 * then no failure, so nothing is sent again. The mail goes from the project
 * leader's account (the sidebar runs as her), the answer's own from the
 * account that deployed the RSVP page. "Markera som hanterad" removes the
 * note's line once she has dealt with it (dismissConfirmation).
 */
import * as z from 'zod/mini';
import { labelled } from '../core/i18n';
import { guestsMsg } from '../core/messages/guests';
import { UserError, type Msg } from '../core/msg';
import { acceptedOf, CONFIRM_TAG, confirmNoteLine, confirmationMail, confirmTroubleOf, noteConfirmation, provesNothingLeft, sendConfirmation, type ConfirmTroubleKind } from './confirm';
import { loadFullContext, requireRole, type FullContext } from './context';
import type { ConfirmResendForm, Holds, Same } from './contract';
import { GUEST_COLUMNS } from '../core/guests';
import { GUEST_LOCK_MS, guestSchemas, notFound, parseInput, waitsForReview } from './guests';
import { findGuestRow, guestRows, withTaggedNote, type GuestRow } from './invite-rows';
import { checkTable, readLog, Tx, type TableCheck } from './journal';
import type { RsvpLinks } from './merge';
import type { Ports } from './ports';
import { confirmationView } from './rsvp';

const buildSchema = () => z.strictObject({ id: guestSchemas().id });
/** The page's argument (the contract) and this schema agree both ways: neither can drift. */
export type ConfirmResendAgrees = Holds<Same<z.output<ReturnType<typeof buildSchema>>, ConfirmResendForm>>;
let schema: ReturnType<typeof buildSchema> | undefined;
const resendSchema = () => (schema ??= buildSchema());

/** The Logg actions that say what became of a guest's confirmation (a `gäst.svar` only when it carries the marker). */
const CONFIRM_ACTIONS = new Set(['gäst.bekräftelse-misslyckad', 'gäst.bekräftelse-igen', 'gäst.bekräftelse-skickad', 'gäst.bekräftelse-hanterad']);

const afterOf = (raw: string): Record<string, unknown> => {
  try { return (JSON.parse(raw || '{}') ?? {}) as Record<string, unknown>; } catch { return {}; }
};

/**
 * The Logg entries (1-based, from–to) of a dead execution's transaction whose Gäster write did not land,
 * as the journal sees it before the next commit settles it (which logs `journal.ej-genomförd`).
 */
function notLanded(ctx: FullContext, check: TableCheck): number[][] {
  const m = ctx.journal.anchor()?.t.guests;
  if (!m?.alt) return [];
  const stayed = check.counts.n === m.n && check.counts.s === m.s;
  const landed = check.counts.n === m.alt.n && check.counts.s === m.alt.s;
  return stayed && !landed ? [[m.alt.from, m.alt.to]] : [];
}

/**
 * Guest `id`'s last confirmation entry in Logg, as its action and `after` (null: none), leaving out the
 * entries of a transaction that died before its Gäster write landed (`journal.ej-genomförd` names them,
 * or the journal still holds them as pending): nothing was mailed after those, since the mail follows
 * the commit. One range read of Logg.
 */
export function lastConfirmation(ports: Ports, id: string, pending: readonly number[][] = []): { action: string; after: Record<string, unknown> } | null {
  const { rows } = readLog(ports);
  const undone = [...pending, ...rows.filter((r) => r.action === 'journal.ej-genomförd')
    .map((r) => /^(\d+)–(\d+)$/.exec(String(afterOf(r.after)['poster'] ?? ''))).filter((m) => m !== null).map((m) => [Number(m[1]), Number(m[2])])];
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i];
    if (r.object !== id || (r.action !== 'gäst.svar' && !CONFIRM_ACTIONS.has(r.action))) continue;
    if (undone.some(([from, to]) => i + 1 >= from && i + 1 <= to)) continue;
    const after = afterOf(r.after);
    if (r.action === 'gäst.svar' && after['bekräftelse'] === undefined) continue;
    return { action: r.action, after };
  }
  return null;
}

/** Why Logg allows no resend for guest `id` now (null: it does). */
function resendRefusal(ports: Ports, ctx: FullContext, check: TableCheck, id: string): Msg | null {
  const last = lastConfirmation(ports, id, notLanded(ctx, check));
  if (!last || last.action !== 'gäst.bekräftelse-misslyckad') return last?.action === 'gäst.bekräftelse-igen' ? guestsMsg.confirmMayHaveLeft(id) : guestsMsg.confirmNoFailure(id);
  const why = String(last.after['skäl']);
  return why === 'kvot' || why === 'avvisad' || why === 'osäker' ? (provesNothingLeft(why as ConfirmTroubleKind) ? null : guestsMsg.confirmMayHaveLeft(id)) : guestsMsg.confirmNoFailure(id);
}

/**
 * Mails guest `id`'s confirmation again (`{ id }`, projektledare): their answers as they are now, with
 * the .ics of what they accept. `links` makes the personal link (called before the lock, as cancel.ts).
 */
export function resendConfirmation(ports: Ports, input: unknown, links?: RsvpLinks): { message: Msg } {
  const { id } = parseInput(resendSchema(), input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  const linkFor = links ? links() : null;
  return ports.lock.withLock(GUEST_LOCK_MS, () => {
    const check = checkTable(ctx.journal.fresh(), 'guests');
    const r = findGuestRow(guestRows(check), id);
    if (!r) throw notFound(id);
    if (r.unverified || r.index === null) throw waitsForReview(r);
    const refused = resendRefusal(ports, ctx, check, id);
    if (refused) throw new UserError(refused, 'id');
    const row = r as GuestRow & { index: number };
    const now = ports.clock.now();
    const view = confirmationView(row, check, ctx, now);
    if (acceptedOf(view).length === 0 || view.calendar === '') throw new UserError(guestsMsg.confirmNothingAccepted(id), 'id');
    let link = '';
    try { link = linkFor ? linkFor({ id, version: view.v }) : ''; } catch { /* no web app URL: the mail goes without the link */ }
    const mail = confirmationMail(view, r.guest.email, ctx.settings, link);
    // The mark first, committed and flushed: a death after it never sends this confirmation again.
    const marked = withTaggedNote(r.guest.note, CONFIRM_TAG, confirmNoteLine({ kind: 'skickas', at: now.toISOString() }));
    new Tx(ctx.journal).put(check, row.index, { [GUEST_COLUMNS.note]: marked }, {
      action: 'gäst.bekräftelse-igen', object: id, after: { bekräftelse: 'skickas' },
    }).commit();
    const failed = sendConfirmation(ports, ctx, id, mail, ctx.email);
    if (failed !== null) return { message: labelled(id, guestsMsg.confirmNote(failed)) };
    noteConfirmation(ports, ctx, id, null, { action: 'gäst.bekräftelse-skickad', object: id, after: { bekräftelse: 'skickad' } }, ctx.email);
    return { message: guestsMsg.confirmResent(id) };
  });
}

/**
 * "Markera som hanterad" (`{ id }`, projektledare): the project leader has dealt with a confirmation that did
 * not arrive (checked Skickat after an unknown outcome, or told the guest herself): the note's line goes, and
 * Logg says so (`gäst.bekräftelse-hanterad`), which also ends any resend of it.
 */
export function dismissConfirmation(ports: Ports, input: unknown): { message: Msg } {
  const { id } = parseInput(resendSchema(), input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  return ports.lock.withLock(GUEST_LOCK_MS, () => {
    const check = checkTable(ctx.journal.fresh(), 'guests');
    const r = findGuestRow(guestRows(check), id);
    if (!r) throw notFound(id);
    if (r.unverified || r.index === null) throw waitsForReview(r);
    const trouble = confirmTroubleOf(r.guest.note);
    if (!trouble) throw new UserError(guestsMsg.confirmNothingToDismiss(id), 'id');
    new Tx(ctx.journal).put(check, r.index, { [GUEST_COLUMNS.note]: withTaggedNote(r.guest.note, CONFIRM_TAG, null) }, {
      action: 'gäst.bekräftelse-hanterad', object: id, after: { bekräftelse: 'hanterad', var: trouble.kind },
    }).commit();
    return { message: guestsMsg.confirmDismissed(id) };
  });
}
