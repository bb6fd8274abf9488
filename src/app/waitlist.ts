/**
 * The waiting list of an item with a capacity: when a seat frees (a guest
 * declines or lets an offer lapse, the project leader raises or removes the
 * capacity in Program or records an Återbud in Gäster, src/app/cancel.ts),
 * the first guest waiting gets an offer by mail at once, held for OFFER_HOURS.
 *
 * Exactly once, like the invitations (src/app/merge.ts): the offer is first
 * written as `erbjuds <until>` in the same sealed transaction as the change
 * that freed the seat (committed and flushed before any mail goes out), then
 * mailed, then marked `erbjuden <until>`. An execution that dies between
 * leaves `erbjuds`: the next one never mails it again (only `väntar` guests
 * are offered); it still holds the seat until its deadline, so a mail that
 * was lost delays the seat by at most OFFER_HOURS, and the project leader sees
 * `erbjuds` in Gäster → Svar per punkt for a person to check.
 *
 * Seats freed where no mail can go — an Återbud typed in Gäster (onEdit is a
 * simple trigger: it may not send mail), a change confirmed in Granska
 * ändringar (src/app/review.ts does not mail offers) — and
 * offers whose deadline passed (a decision, one rule for both): what the
 * waiting lists are owed is not stored anywhere, it follows from Gäster and
 * Program (a free seat and a guest `väntar`; an offer past its deadline), so
 * the next execution that may mail and reads Gäster anyway passes it on
 * (passOnSeats): an RSVP answer or a Program save as before, and now also any
 * guest opening their RSVP page and the project leader opening Gäster or
 * Program (the typed Återbud's toast tells her to). Exactly once by the same
 * protocol: planned again under the lock on a fresh read, `erbjuds` committed
 * before the mail, so two executions passing on together offer each seat once.
 * Not by a time-driven trigger: it would need the extra `script.scriptapp`
 * scope, an installation by a user whose authorisation it then runs on (an
 * editor add-on may have one per user per document), and it would mail from
 * that user's account while she is away; guests open their pages and the
 * project leader her sidebars steadily until the reply deadline, and an offer
 * can be taken up only until then. The offer's deadline itself is exact: a
 * yes after it is not given the held seat, whenever the seat is passed on.
 */
import { GUEST_COLUMNS, parseLanguage } from '../core/guests';
import {
  formatItemAnswers, parseItemAnswers, planOffers, stockholmDateTime, type AnswerItem, type ItemState, type OfferChange,
} from '../core/item-answers';
import { rsvpMsg } from '../core/messages/rsvp';
import { matchParts, partName, type ProgramItem } from '../core/program';
import { senderOf, textAsHtml } from './confirm';
import type { FullContext } from './context';
import { linkVersionOf } from './guests';
import { guestRows, type GuestRow } from './invite-rows';
import { checkTable, Tx, type TableCheck } from './journal';
import type { RsvpLinkFor, RsvpLinks } from './merge';
import { LockTimeoutError, type Ports } from './ports';

/** How long a freed seat is held for the guest it is offered to (cut at the reply deadline). */
export const OFFER_HOURS = 48;

/** The deadline of an offer made at `now`, or null when no offer can be made (`end`, the reply deadline's end, has passed). */
export function offerUntil(end: number | null, now: Date): string | null {
  const until = Math.min(now.getTime() + OFFER_HOURS * 3_600_000, end ?? Infinity);
  return until > now.getTime() ? new Date(until).toISOString() : null;
}

/** One guest's new Svar per punkt after the plan's changes for them. */
export const applyChanges = (cell: string, changes: readonly OfferChange[], order: readonly string[]): string => {
  const a = new Map<string, ItemState>(parseItemAnswers(cell) ?? []);
  for (const c of changes) a.set(c.itemId, c.to);
  return formatItemAnswers(a, order);
};

/**
 * Plans the waiting lists over Gäster as it will be after `pending` (the
 * caller's own changes, by guest ID: Status and Svar per punkt), and returns
 * the changes per guest. Reads nothing.
 */
export function planWaitlists(
  ctx: FullContext, rows: readonly GuestRow[], now: Date, replyEnd: number | null, pending: ReadonlyMap<string, { status: string; itemAnswers: string }> = new Map(),
  items: readonly ProgramItem[] = ctx.parts().items ?? [],
): Map<string, OfferChange[]> {
  // Items with a capacity, and any without one that a guest still waits for or holds an offer on (its capacity was removed).
  const queued = new Set(rows.flatMap((r) => [...(parseItemAnswers(pending.get(r.guest.id)?.itemAnswers ?? r.guest.itemAnswers ?? '') ?? [])]
    .filter(([, st]) => st.kind !== 'ja' && st.kind !== 'nej').map(([id]) => id)));
  const limited: AnswerItem[] = items.filter((it) => it.capacity !== null || queued.has(it.id));
  if (limited.length === 0) return new Map();
  const guests = rows.map((r) => {
    const p = pending.get(r.guest.id);
    return {
      id: r.guest.id, status: p?.status ?? r.guest.status, invited: matchParts(r.guest.events, items).ok,
      answers: parseItemAnswers(p?.itemAnswers ?? r.guest.itemAnswers ?? '') ?? new Map<string, ItemState>(),
      writable: r.unverified === null && r.index !== null,
    };
  });
  const out = new Map<string, OfferChange[]>();
  for (const c of planOffers(limited, guests, now, offerUntil(replyEnd, now))) out.set(c.guestId, [...(out.get(c.guestId) ?? []), c]);
  return out;
}

/** Puts the plan's changes to other guests' rows into `tx` (the caller's own row it folds into its own write). */
export function putChanges(tx: Tx, check: TableCheck, rows: readonly GuestRow[], plan: ReadonlyMap<string, OfferChange[]>, order: readonly string[], skip = ''): void {
  for (const [id, changes] of plan) {
    const r = rows.find((x) => x.guest.id === id);
    if (id === skip || !r || r.index === null) continue;
    const cell = applyChanges(r.guest.itemAnswers ?? '', changes, order);
    tx.put(check, r.index, { [GUEST_COLUMNS.itemAnswers]: cell }, {
      action: 'gäst.väntelista', object: id,
      before: { [GUEST_COLUMNS.itemAnswers]: r.guest.itemAnswers ?? '' }, after: { [GUEST_COLUMNS.itemAnswers]: cell },
    });
  }
}

/**
 * `links` if it makes a personal link now, else null (none given, or no web app URL to link to). Only
 * an execution with a working link may write an offer: an `erbjuds` is never mailed later, so an offer
 * written without one would hold the seat until its deadline for a guest never told of it.
 */
export function workingLinks(links: RsvpLinkFor | null | undefined): RsvpLinkFor | null {
  if (!links) return null;
  try {
    links({ id: 'G-0000', version: 1 });
    return links;
  } catch {
    return null;
  }
}

/**
 * The plan for an execution that can't mail (no working link): everything but the offers. The seats
 * they would have taken stay free with guests `väntar`, owed, for the next execution that can mail
 * (passOnSeats).
 */
export function withoutOffers(plan: ReadonlyMap<string, OfferChange[]>): Map<string, OfferChange[]> {
  const out = new Map<string, OfferChange[]>();
  for (const [id, changes] of plan) {
    const kept = changes.filter((c) => c.to.kind !== 'erbjuds');
    if (kept.length) out.set(id, kept);
  }
  return out;
}

/**
 * The plan an execution may commit: as planned, or without its offers when it has some and `links`
 * can't make a link now (the link is tried only then, as passOnSeats does).
 */
export const mailablePlan = (plan: Map<string, OfferChange[]>, links: RsvpLinkFor | null | undefined): Map<string, OfferChange[]> =>
  offersOf(plan).length === 0 || workingLinks(links) ? plan : withoutOffers(plan);

/** The offers a committed plan made (erbjuds), to mail. */
export const offersOf = (plan: ReadonlyMap<string, OfferChange[]>): OfferChange[] =>
  [...plan.values()].flat().filter((c) => c.to.kind === 'erbjuds');

/**
 * After the commit that wrote the offers as `erbjuds`: mails each (in the
 * guest's language, with their personal link and the deadline), then marks
 * the ones mailed `erbjuden` in one sealed write. Call inside the same lock.
 * A mail that fails leaves `erbjuds` (see the file's comment).
 */
export function mailOffers(ports: Ports, ctx: FullContext, offers: readonly OfferChange[], links: RsvpLinkFor | null, user?: string): number {
  if (offers.length === 0 || !links) return 0;
  const check = checkTable(ctx.journal.fresh(), 'guests');
  const rows = guestRows(check);
  const items = new Map((ctx.parts().items ?? []).map((it) => [it.id, it]));
  const order = [...items.keys()];
  const mailed: OfferChange[] = [];
  for (const o of offers) {
    const r = rows.find((x) => x.guest.id === o.guestId);
    const it = items.get(o.itemId);
    const now = parseItemAnswers(r?.guest.itemAnswers ?? '')?.get(o.itemId);
    // Changed meanwhile (by hand, or by another execution): not ours to mail.
    if (!r || r.unverified || r.index === null || !it || now?.kind !== 'erbjuds' || o.to.kind !== 'erbjuds' || now.until !== o.to.until) continue;
    try {
      ports.mailer.send(offerMail(ctx, r, it, now.until, links({ id: r.guest.id, version: linkVersionOf(check, r.index) })));
      mailed.push(o);
    } catch {
      // Not sent (quota, a bad address): stays erbjuds, holding the seat until its deadline, for a person to see.
    }
  }
  if (mailed.length === 0) return 0;
  // As whoever freed the seat (the web app's visitor has no e-mail: 'gäst:<ID>').
  const tx = new Tx(ctx.journal, user);
  const byGuest = new Map<string, OfferChange[]>();
  for (const o of mailed) {
    const until = o.to.kind === 'erbjuds' ? o.to.until : '';
    byGuest.set(o.guestId, [...(byGuest.get(o.guestId) ?? []), { ...o, to: { kind: 'erbjuden', until } }]);
  }
  putChanges(tx, check, rows, byGuest, order);
  tx.commit();
  return mailed.length;
}

function offerMail(ctx: FullContext, r: GuestRow, it: ProgramItem, until: string, link: string) {
  const lang = parseLanguage(r.guest.language) ?? 'sv';
  const s = ctx.settings;
  const body = rsvpMsg.offerBody(r.guest.firstName, partName(it), stockholmDateTime(until, lang), link)[lang];
  return { to: r.guest.email.trim(), subject: rsvpMsg.offerSubject(s.eventName, partName(it))[lang], textBody: body, htmlBody: textAsHtml(body, link), ...senderOf(s) };
}

/** The waiting lists are owed something in Gäster as `check` has it (an offer to make, or one past its deadline). Reads nothing. */
const owed = (ports: Ports, ctx: FullContext, check: TableCheck, replyEnd: number | null, items?: readonly ProgramItem[]): boolean =>
  planWaitlists(ctx, guestRows(check), ports.clock.now(), replyEnd, new Map(), items).size > 0;

/** How long an execution that only passes seats on waits for the lock (a busy lock: the next execution passes them on). */
export const PASS_ON_LOCK_MS = 5_000;

/**
 * Passes on what the waiting lists are owed now (see the file's comment), from an execution that may mail
 * (`links` makes the offer's personal link; checked first: without a working link nothing is written,
 * since an `erbjuds` is never mailed later). `check`: Gäster as the caller already read it, without the
 * lock; when it shows nothing owed (the usual case) nothing more is read or written. Otherwise under the
 * lock: Gäster read again, planned again, the changes committed (as `user`), the offers mailed.
 * Returns whether anything was written (the caller's view of Gäster is then stale).
 */
export function passOnSeats(ports: Ports, ctx: FullContext, check: TableCheck, links: RsvpLinkFor | null, replyEnd: number | null, user?: string): boolean {
  // Nothing owed (the usual case): no link made. No web app to link to: the offer waits for an execution that can mail it.
  if (!links || !owed(ports, ctx, check, replyEnd) || !workingLinks(links)) return false;
  try {
    return ports.lock.withLock(PASS_ON_LOCK_MS, () => {
      const fresh = checkTable(ctx.journal.fresh(), 'guests');
      const rows = guestRows(fresh);
      const plan = planWaitlists(ctx, rows, ports.clock.now(), replyEnd);
      if (plan.size === 0) return false;
      const tx = new Tx(ctx.journal, user);
      putChanges(tx, fresh, rows, plan, (ctx.parts().items ?? []).map((it) => it.id));
      tx.commit();
      mailOffers(ports, ctx, offersOf(plan), links, user);
      return true;
    });
  } catch (e) {
    if (e instanceof LockTimeoutError) return false;
    throw e;
  }
}

/**
 * Gäster for a sidebar that opens (Gäster, Program): read once, and when the caller is the project
 * leader, what the waiting lists are owed is passed on first (`links`: made only after that role check,
 * as every use case does). Anyone else's sidebar only reads. A failure to pass on never stops the
 * sidebar from opening: the next answer, save or opening passes the seats on and meets it again.
 */
export function guestsPassedOn(ports: Ports, ctx: FullContext, links: RsvpLinks | undefined, replyEnd: number | null, items?: readonly ProgramItem[]): TableCheck {
  const check = checkTable(ctx.journal, 'guests');
  // The links (script properties: service calls) only when something is owed; `items`: Program as the caller read it (no second read).
  if (!links || !ctx.roles.includes('projektledare') || !owed(ports, ctx, check, replyEnd, items)) return check;
  try {
    return passOnSeats(ports, ctx, check, links(), replyEnd) ? checkTable(ctx.journal, 'guests') : check;
  } catch {
    return check;
  }
}
