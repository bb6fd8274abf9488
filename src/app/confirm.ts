/**
 * The confirmation of a guest's answer (issue 10): when a saved answer
 * changes what the guest accepted and they accept at least one item, one
 * mail in the guest's language lists their answers and carries the .ics of
 * the accepted items (one VEVENT each, the same file the RSVP page offers).
 *
 * Exactly once per saved change, without a write of its own on the way (the
 * RSVP page's reads and writes per answer stay constant, bench/rsvp.ts): the
 * decision to mail is made only by the execution whose transaction changed
 * the answer, and that transaction, sealed and flushed (src/app/journal.ts,
 * Tx.commit), carries the marker `bekräftelse: skickas` in the answer's Logg
 * row before the mail goes. A crash before the commit loses nothing (nothing
 * saved, nothing mailed: the guest sends again); a crash between the commit
 * and the mail leaves the answer saved and the marker logged, and the guest's
 * next save of the same answer changes nothing, so mails nothing. At most one
 * mail per change, as the waiting list's `erbjuds` (src/app/waitlist.ts); a
 * confirmation lost that way is not repeated, and the page still offers the
 * .ics. A mail that fails (the day's quota, a bad address) is logged as
 * `gäst.bekräftelse-misslyckad` and the guest is told at once.
 *
 * Where the project leader sees a failure: the guest's Anteckning in Gäster
 * gets a `[Bekräftelse]` line (what happened, when, what to do), sealed in the
 * failure's own transaction (a Gäster read and write on the failure path
 * only), and the Gäster sidebar lists it (src/app/confirm-resend.ts). Logg
 * stays the authority: "Skicka bekräftelsen igen" is allowed only when the
 * guest's last confirmation entry there is a failure that proves nothing left.
 *
 * From the catalogue (src/core/messages/rsvp.ts), not a Mallar template, like
 * the waiting list's offer: it is a receipt of the guest's own answer, not a
 * mailing the project leader writes and previews, and reading Mallar on every
 * answer would add a range read to it.
 */
import { GUEST_COLUMNS, isValidEmail } from '../core/guests';
import type { Msg } from '../core/msg';
import type { NoteTag } from '../core/note-lines';
import { guestsMsg } from '../core/messages/guests';
import { rsvpMsg } from '../core/messages/rsvp';
import type { Settings } from '../core/settings';
import { escapeHtml } from '../core/template';
import type { FullContext } from './context';
import { guestRows, taggedNoteOf, withTaggedNote } from './invite-rows';
import { checkTable, Tx, type AuditEntry } from './journal';
import { mailErrorKind, type MailErrorKind } from './merge';
import type { MailMessage, Ports } from './ports';
import type { RsvpView } from './rsvp';

/** What the guest has accepted as the page shows it: the items said yes to, or (the old free-text parts) every part once they said yes. */
export function acceptedOf(v: RsvpView): string[] {
  if (v.perItem) return v.events.filter((l) => l.answer === 'ja').map((l) => l.id);
  return v.answer === 'ja' ? v.events.map((l) => `${l.name} ${l.date} ${l.start}`) : [];
}

/** A confirmation is due: the guest accepts something now, and not the same as before this answer. */
export const confirmationDue = (before: RsvpView, after: RsvpView): boolean => {
  const now = acceptedOf(after);
  return now.length > 0 && after.calendar !== '' && now.join('\n') !== acceptedOf(before).join('\n');
};

/** A plain-text mail body as HTML: every character escaped, line breaks kept, the personal link (a line of its own) a link. */
export function textAsHtml(body: string, link: string): string {
  const l = escapeHtml(link);
  return escapeHtml(body).split('\n').map((x) => (link !== '' && x === l ? `<a href="${l}">${l}</a>` : x)).join('<br>');
}

/** Sender name and reply-to as every mail of the add-on has them (no line breaks or quotes in the name). */
export const senderOf = (s: Settings): Pick<MailMessage, 'name' | 'replyTo'> => ({
  ...(s.senderName ? { name: s.senderName.replace(/[\r\n"]+/g, ' ') } : {}),
  ...(isValidEmail(s.replyTo) ? { replyTo: s.replyTo.trim() } : {}),
});

/** The confirmation of the answer the view shows, to `to`, with the view's .ics attached. */
export function confirmationMail(v: RsvpView, to: string, s: Settings, link: string): MailMessage {
  const lang = v.lang;
  const answerOf = (a: RsvpView['events'][number]['answer']) => (v.perItem ? a : v.answer) || 'nej';
  const lines = v.events.map((l) => rsvpMsg.confirmLine(
    l.id ? `${l.name} (${l.id})` : l.name, `${l.date} ${l.start}–${l.end}`, answerOf(l.answer), l.offerUntil,
  )[lang]).join('\n');
  const body = rsvpMsg.confirmBody(v.firstName, v.eventName, lines, link)[lang];
  return {
    to: to.trim(), subject: rsvpMsg.confirmSubject(v.eventName)[lang].replace(/[\r\n]+/g, ' '), textBody: body, htmlBody: textAsHtml(body, link),
    attachments: [{ fileName: rsvpMsg.confirmFile()[lang], mimeType: 'text/calendar', content: v.calendar }],
    ...senderOf(s),
  };
}

/** The confirmation's line in Gäster → Anteckning: `[Bekräftelse] <kind> <ISO instant>: <what to do, in Swedish>`. */
export const CONFIRM_TAG = '[Bekräftelse]' satisfies NoteTag;

/** A failed confirmation (MailApp's verdict, src/app/merge.ts), or `skickas`: a resend was marked and its outcome never recorded. */
export type ConfirmTroubleKind = MailErrorKind | 'skickas';
export interface ConfirmTrouble { readonly kind: ConfirmTroubleKind; readonly at: string }

/** The note line of a trouble (the sheet's reader gets the Swedish advice; the sidebar words it per language). */
export const confirmNoteLine = (t: ConfirmTrouble): string => `${t.kind} ${t.at}: ${guestsMsg.confirmNote(t.kind).sv}`;

/** The trouble the note's `[Bekräftelse]` line records, or null (none, or a line edited out of shape). */
export function confirmTroubleOf(note: string): ConfirmTrouble | null {
  const m = /^(kvot|avvisad|osäker|skickas) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z)(?::|$)/.exec(taggedNoteOf(note, CONFIRM_TAG));
  return m ? { kind: m[1] as ConfirmTroubleKind, at: m[2] } : null;
}

/** Only a failure that proves nothing left may be followed by a resend (a late error may come after delivery). */
export const provesNothingLeft = (k: ConfirmTroubleKind): boolean => k === 'kvot' || k === 'avvisad';

/**
 * Puts `trouble` (null: none) into guest `guestId`'s note with `entry`, in one sealed transaction
 * as `user`, inside the caller's lock. A row waiting for review is not written: the entry alone is logged.
 */
export function noteConfirmation(ports: Ports, ctx: FullContext, guestId: string, trouble: ConfirmTrouble | null, entry: AuditEntry, user: string): void {
  const check = checkTable(ctx.journal.fresh(), 'guests');
  const r = guestRows(check).find((x) => x.guest.id === guestId && !x.unverified && x.index !== null);
  const tx = new Tx(ctx.journal, user);
  const note = r ? withTaggedNote(r.guest.note, CONFIRM_TAG, trouble && confirmNoteLine(trouble)) : null;
  if (r && note !== r.guest.note) tx.put(check, r.index!, { [GUEST_COLUMNS.note]: note! }, entry);
  else tx.log(entry);
  tx.commit();
}

const errorText = (e: unknown): string => String(e instanceof Error ? e.message : e).replace(/[\r\n]+/g, ' ').slice(0, 150);

/**
 * Sends `mail` and records a failure (Logg and the guest's note) as `user`. Returns the failure's kind, null when sent.
 * The reason (MailApp's text) may name the address: Logg gets only its kind.
 */
export function sendConfirmation(ports: Ports, ctx: FullContext, guestId: string, mail: MailMessage, user: string): MailErrorKind | null {
  try {
    ports.mailer.send(mail);
    return null;
  } catch (e) {
    const kind = mailErrorKind(errorText(e));
    try {
      noteConfirmation(ports, ctx, guestId, { kind, at: ports.clock.now().toISOString() }, {
        action: 'gäst.bekräftelse-misslyckad', object: guestId, after: { bekräftelse: kind === 'osäker' ? 'okänt om den gick iväg' : 'ej skickad', skäl: kind },
      }, user);
    } catch {
      // The answer is saved either way; the guest is told, and the marker of the answer's own row stays in Logg.
    }
    return kind;
  }
}

/**
 * Mails the confirmation, after the commit that saved the answer (with its
 * marker), inside the same lock. Returns what to tell the guest. A failed
 * send is logged as the guest and noted on their row; nothing is retried.
 */
export function mailConfirmation(ports: Ports, ctx: FullContext, guestId: string, mail: MailMessage): Msg {
  const failed = sendConfirmation(ports, ctx, guestId, mail, `gäst:${guestId}`);
  return failed === null ? rsvpMsg.confirmSent() : failed === 'osäker' ? rsvpMsg.confirmMaybeNotMailed() : rsvpMsg.confirmNotMailed();
}
