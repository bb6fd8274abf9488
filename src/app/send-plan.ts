/**
 * What "Skicka inbjudningar" would do now, for the confirm step: who gets an
 * invitation, from which account, how much quota and cap room there is, who
 * is blocked and why, and which guests need a person (Osäker, Misslyckad).
 * Its places (slotsUsed of cap) are counted as Gäster counts them, so the
 * two sidebars never disagree. Reads only; projektledare.
 */
import { isMailed } from '../core/guests';
import { loadFullContext, requireRole } from './context';
import { slotsTaken } from './guests';
import { guestName, guestRows, sendNoteOf } from './invite-rows';
import { checkTable } from './journal';
import { blockedOf, inviteSettings, loadTemplates, planInvitations, type BlockedGuest, type RsvpLinks } from './merge';
import type { Ports } from './ports';

export interface PlannedRecipient { readonly id: string; readonly name: string; readonly email: string; readonly language: string }
export interface AttentionGuest { readonly id: string; readonly name: string; readonly email: string; readonly status: string; readonly note: string }

export interface SendPlan {
  /** The account MailApp sends from (the user who presses send). */
  readonly account: string;
  readonly senderName: string;
  readonly replyTo: string;
  readonly quotaLeft: number;
  /** How many more invitations the cap lets this run send: the cap less the guests invited (`invited`). */
  readonly capLeft: number;
  readonly cap: number;
  /** Invitation places in use, counted as Gäster counts them (listGuests: every guest from approval on). */
  readonly slotsUsed: number;
  /** Guests whose invitation has (or may have) been mailed: Skickar, Inbjuden, Osäker and the answers. */
  readonly invited: number;
  /** Approved guests ready to be mailed, in sending order (all of them; quota and cap may stop the run earlier). */
  readonly recipients: readonly PlannedRecipient[];
  readonly blocked: readonly BlockedGuest[];
  readonly attention: readonly AttentionGuest[];
}

export function planSend(ports: Ports, links: RsvpLinks): SendPlan {
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  const s = inviteSettings(ctx);
  const check = checkTable(ctx.journal, 'guests');
  const rows = guestRows(check);
  const plans = planInvitations(check, rows, (r) => r.guest.status, s, loadTemplates(ctx.journal, ctx.eventCheck), links(), ports.clock.now());
  const recipients = plans.flatMap(({ row: { guest: g }, inv }) => (inv?.ok ? [{ id: g.id, name: guestName(g), email: g.email, language: g.language }] : []));
  const attention = rows.filter((r) => r.guest.status === 'Osäker' || r.guest.status === 'Misslyckad').map(({ guest: g }) => ({
    id: g.id, name: guestName(g), email: g.email, status: g.status, note: sendNoteOf(g.note),
  }));
  const mailed = rows.filter((r) => isMailed(r.guest.status)).length;
  return {
    account: ctx.email, senderName: s.senderName, replyTo: s.replyTo,
    quotaLeft: Math.max(0, Math.floor(ports.mailer.remainingDailyQuota())),
    capLeft: Math.max(0, s.inviteCap - mailed), cap: s.inviteCap, slotsUsed: slotsTaken(check, rows), invited: mailed,
    recipients, blocked: blockedOf(plans), attention,
  };
}
