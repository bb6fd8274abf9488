/**
 * What "Skicka inbjudningar" would do now, for the confirm step: who gets an
 * invitation, from which account, how much quota and cap room there is, who
 * is blocked and why, and which guests need a person (Osäker, Misslyckad).
 * Reads only; projektledare.
 */
import { isMailed, normEmail } from '../core/guests';
import { msg, type Msg } from '../core/msg';
import { loadContext, requireRole } from './context';
import { guestRows } from './invite-rows';
import { buildInvitation, loadTemplates, type BlockedGuest, type RsvpLinkFor } from './merge';
import type { Ports } from './ports';
import { openTable } from './tables';

export interface PlannedRecipient { readonly id: string; readonly name: string; readonly email: string; readonly language: string }
export interface AttentionGuest { readonly id: string; readonly name: string; readonly email: string; readonly status: string; readonly note: string }

export interface SendPlan {
  /** The account MailApp sends from (the user who presses send). */
  readonly account: string;
  readonly senderName: string;
  readonly replyTo: string;
  readonly quotaLeft: number;
  readonly capLeft: number;
  readonly cap: number;
  /** Approved guests ready to be mailed, in sending order (all of them; quota and cap may stop the run earlier). */
  readonly recipients: readonly PlannedRecipient[];
  readonly blocked: readonly BlockedGuest[];
  readonly attention: readonly AttentionGuest[];
}

const nameOf = (g: { firstName: string; lastName: string }): string => `${g.firstName} ${g.lastName}`.trim();

export function planSend(ports: Ports, rsvpLinkFor: RsvpLinkFor): SendPlan {
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare']);
  const s = ctx.settings;
  const rows = guestRows(openTable(ports.workbook, 'guests'));
  const set = loadTemplates(ports);
  const now = ports.clock.now();
  const used = new Map<string, string>();
  for (const r of rows) if (isMailed(r.guest.status) && r.guest.email) used.set(normEmail(r.guest.email), r.guest.id);
  const recipients: PlannedRecipient[] = [];
  const blocked: BlockedGuest[] = [];
  for (const r of rows) {
    const g = r.guest;
    if (g.status !== 'Godkänd') continue;
    const key = normEmail(g.email);
    const other = used.get(key);
    const reasons: Msg[] = other ? [msg(`Samma e-postadress som ${other}.`, `Same e-mail address as ${other}.`)] : [];
    if (!other) {
      const inv = buildInvitation(g, s, set, rsvpLinkFor, now);
      if (!inv.ok) reasons.push(...inv.reasons);
      if (key) used.set(key, g.id);
    }
    if (reasons.length) blocked.push({ id: g.id, name: nameOf(g), reasons });
    else recipients.push({ id: g.id, name: nameOf(g), email: g.email, language: g.language });
  }
  const attention = rows.filter((r) => r.guest.status === 'Osäker' || r.guest.status === 'Misslyckad').map((r) => ({
    id: r.guest.id, name: nameOf(r.guest), email: r.guest.email, status: r.guest.status,
    note: (r.guest.note.split('\n').find((l) => l.startsWith('[Utskick]')) ?? '').replace('[Utskick] ', ''),
  }));
  const mailed = rows.filter((r) => isMailed(r.guest.status)).length;
  return {
    account: ctx.email, senderName: s.senderName, replyTo: s.replyTo,
    quotaLeft: Math.max(0, Math.floor(ports.mailer.remainingDailyQuota())),
    capLeft: Math.max(0, s.inviteCap - mailed), cap: s.inviteCap, recipients, blocked, attention,
  };
}
