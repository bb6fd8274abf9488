/**
 * The RSVP page's use cases. The guest is anonymous: the token in their
 * personal link is the only authority, so it is checked (constant time)
 * before Gäster is read, and a bad token, an old link (its version moved on),
 * a deleted guest and an unknown one get the same neutral answer. A guest
 * sees only their own data, and after the answer deadline only their name.
 *
 * Personal data (GDPR): the page carries the privacy notice (controller,
 * purpose, legal basis, retention, the data-protection officer: settings);
 * dietary needs are health data (art. 9) and are stored only with the
 * guest's explicit consent, which is recorded and can be withdrawn.
 */
import * as z from 'zod/mini';
import { GUEST_COLUMNS, GUEST_LIMITS, isValidEmail, parseLanguage, type Guest } from '../core/guests';
import { join } from '../core/i18n';
import type { Lang, Msg } from '../core/msg';
import type { Settings } from '../core/settings';
import { addMonths, formatDate } from '../core/template';
import { loadFullContext, type FullContext } from './context';
import { guestOccurrences, guestSchedule } from './parts';
import { buildIcs } from '../core/ics';
import {
  decideAnswers, formatItemAnswers, guestItemState, offerHolds, overallStatus, parseItemAnswers, stockholmDateTime,
  type ItemAnswers, type ItemState,
} from '../core/item-answers';
import { itemCounts, itemOccurrence, matchParts, partName, type ProgramItem } from '../core/program';
import { rsvpMsg } from '../core/messages/rsvp';
import type { RsvpLinkFor } from './merge';
import { applyChanges, mailablePlan, mailOffers, offersOf, passOnSeats, planWaitlists, putChanges } from './waitlist';
import { acceptedOf, CONFIRM_TAG, confirmationDue, confirmationMail, confirmTroubleOf, mailConfirmation } from './confirm';
import { GUEST_LOCK_MS, guestAudit, linkVersionOf, parseInput } from './guests';
import { guestRows, withTaggedNote, type GuestRow } from './invite-rows';
import { checkTable, Tx, type TableCheck } from './journal';
import { LockTimeoutError, type CellIn, type Ports } from './ports';
import type { Holds, RsvpForm, Same } from './contract';

/** What a personal link carries: the workbook's tag ('' in links made before it existed), the guest, the link version, the token. */
export interface LinkKey { readonly w: string; readonly g: string; readonly v: number; readonly t: string }

/** Checks a link's token (constant time; the adapter holds the key and knows the workbook tags it made). */
export type Verify = (key: LinkKey) => boolean;

/** The one answer to a bad token, an old link and an unknown guest alike. */
export const neutralMsg = rsvpMsg.linkInvalid;

/** At most this many submissions per guest and hour (a link that leaks can't be used to flood the sheet or the log). */
export const RSVP_PER_HOUR = 20;

function buildSchemas() {
  const key = { w: z.optional(z.string().check(z.maxLength(40))), g: z.string().check(z.maxLength(40)), v: z.union([z.string().check(z.regex(/^[1-9]\d{0,5}$/)), z.int().check(z.gte(1))]), t: z.string().check(z.maxLength(100)) };
  return {
    key: z.object(key),
    answer: z.strictObject({
      ...key,
      // A guest invited to programme items answers each (answers); one invited to none, or to the old free-text parts, answers once (answer).
      answer: z.optional(z.enum(['ja', 'nej'])),
      answers: z.optional(z.record(z.string().check(z.regex(/^P-\d{1,6}$/)), z.enum(['ja', 'nej', 'vänta']))),
      diet: z.optional(z.string().check(z.maxLength(GUEST_LIMITS.diet))),
      consent: z.optional(z.boolean()),
    }),
  };
}
/** The RSVP page's argument (the contract) and the answer schema agree both ways: neither can drift. */
export type AnswerAgrees = Holds<Same<z.output<ReturnType<typeof buildSchemas>['answer']>, RsvpForm>>;
/**
 * The input schemas, built at each call (nothing runs at global scope). Not cached, as guests.ts's: building them
 * costs microseconds beside a service call, and built per call every answer runs its own schema's code, so each
 * test of a refused field answers for it (cached, only the first test to parse ran it: mutation runs credited
 * the schema to that one test alone).
 */
const schemas = (): ReturnType<typeof buildSchemas> => buildSchemas();

export interface PrivacyNotice {
  readonly controller: string;
  readonly purpose: string;
  readonly legalBasis: string;
  readonly retention: string;
  readonly dpo: string;
  /** The guest's rights (GDPR art. 13.2 b, d): access, rectification, erasure, restriction, objection, complaint to IMY. */
  readonly rights: string;
}

export interface RsvpView {
  readonly lang: Lang;
  /** The link's key, echoed so the page can send the answer with it. */
  readonly w: string;
  readonly g: string;
  readonly v: number;
  readonly t: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly eventName: string;
  readonly venue: string;
  readonly events: readonly RsvpLine[];
  /** The guest answers per item (events' ids); false: one answer for everything (no items, or the old free-text parts). */
  readonly perItem: boolean;
  readonly answer: '' | 'ja' | 'nej';
  /** The .ics of the items the guest accepted ('' when none), for the page's download link. */
  readonly calendar: string;
  readonly diet: string;
  /** The guest has consented to storing dietary needs. */
  readonly consent: boolean;
  /** 'Sista svarsdag' as written ("20 november 2009"). */
  readonly deadline: string;
  readonly replyTo: string;
  /** Why the guest can't answer here; '' when they can. After the deadline the view holds nothing personal but the name. */
  readonly closed: string;
  readonly privacy: PrivacyNotice;
}

/** One line of the guest's programme, with their answer to it. */
export interface RsvpLine {
  /** The item's ID ('' for an old free-text part: not answered on its own). */
  readonly id: string;
  readonly name: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly answer: '' | 'ja' | 'nej' | 'väntar' | 'erbjuden';
  /** No seat is left for this guest (yes is refused; the waiting list is offered). */
  readonly full: boolean;
  /** The item has a capacity (so it has a waiting list). */
  readonly limited: boolean;
  /** An open offer's deadline, as the guest reads it ('' when there is none). */
  readonly offerUntil: string;
}

export type RsvpPage = { ok: true; view: RsvpView } | { ok: false; message: Msg };
export type RsvpAnswer = { saved: boolean; view?: RsvpView; message: Msg };

/** The end of 'Sista svarsdag' in Stockholm (CET, or CEST from the last Sunday of March to the last Sunday of October). */
export function deadlineEnd(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const lastSunday = (month: number) => { const end = new Date(Date.UTC(y, month + 1, 0)); return end.getUTCDate() - end.getUTCDay(); };
  const day = Date.UTC(y, mo - 1, d);
  const summer = day >= Date.UTC(y, 2, lastSunday(2)) && day < Date.UTC(y, 9, lastSunday(9));
  return Date.UTC(y, mo - 1, d + 1) - (summer ? 2 : 1) * 3_600_000;
}

const pastDeadline = (s: Settings, now: Date): boolean => {
  const end = deadlineEnd(s.rsvpDeadline);
  return end !== null && now.getTime() >= end;
};

/** Why the guest's answer cannot be taken now, in both languages (null: it can). */
function closedReason(g: Guest, s: Settings, now: Date): Msg | null {
  const contact = isValidEmail(s.replyTo) ? rsvpMsg.contact(s.replyTo.trim()) : null;
  if (g.status !== 'Inbjuden' && g.status !== 'Tackat ja' && g.status !== 'Tackat nej') return join([rsvpMsg.closedStatus(), contact]);
  if (pastDeadline(s, now)) return join([rsvpMsg.deadlinePassed(s.rsvpDeadline), contact]);
  return null;
}

/** The notice a Swedish authority gives when it collects personal data (GDPR art. 13), in the guest's language. */
export function privacyNotice(s: Settings, lang: Lang): PrivacyNotice {
  const end = s.endDate ? addMonths(s.endDate, s.retentionMonths) : '';
  return {
    controller: s.controller,
    purpose: s.purpose || rsvpMsg.privacyPurpose(s.eventName)[lang],
    legalBasis: s.legalBasis || rsvpMsg.privacyLegalBasis()[lang],
    retention: (end ? rsvpMsg.privacyRetentionBy(end) : rsvpMsg.privacyRetentionAfterEvent())[lang],
    dpo: s.dpo,
    rights: rsvpMsg.privacyRights()[lang],
  };
}

/** The guest's programme items and answers (null: the old free-text parts, answered once). */
interface GuestItems {
  /** Invited items, programme order. */
  readonly items: readonly ProgramItem[];
  readonly answers: ItemAnswers;
  /** Seats the other guests leave per item (null: no limit). */
  readonly seatsLeft: (id: string) => number | null;
}

/** Reads nothing: Program and Gäster are already read (ctx.parts(), check). */
function guestItems(ctx: FullContext, check: TableCheck, r: GuestRow, now: Date): GuestItems | null {
  const parts = ctx.parts();
  if (!parts.items) return null;
  const ids = matchParts(r.guest.events, parts.items).ok;
  const items = parts.items.filter((it) => ids.includes(it.id));
  const others = guestRows(check).filter((x) => x.index !== r.index).map((x) => x.guest);
  const counts = new Map(itemCounts(items, others, now).map((c) => [c.id, c.seatsLeft]));
  // A free seat belongs to the waiting list first (first come, first served): a newcomer's yes gets only what the queue leaves.
  const queued = new Map<string, number>();
  for (const o of others) {
    for (const [id, st] of parseItemAnswers(o.itemAnswers ?? '') ?? []) if (st.kind === 'väntar' && o.status !== 'Återbud') queued.set(id, (queued.get(id) ?? 0) + 1);
  }
  const answers = parseItemAnswers(r.guest.itemAnswers ?? '') ?? new Map<string, ItemState>();
  const seatsLeft = (id: string): number | null => { const left = counts.get(id); return left === undefined || left === null ? null : Math.max(0, left - (queued.get(id) ?? 0)); };
  return { items, answers, seatsLeft };
}

/** The guest's state for an item as the page shows it. */
function lineAnswer(g: Guest, gi: GuestItems, id: string, now: Date): RsvpLine['answer'] {
  const st = guestItemState(g, gi.answers, id);
  if (st === null || st === 'ej svarat') return '';
  if (st.kind === 'erbjuds' || st.kind === 'erbjuden') return offerHolds(st, now) ? 'erbjuden' : 'väntar';
  return st.kind;
}

/** The calendar of what the guest accepted: the items they said yes to (the old parts: all, once they said yes). */
function acceptedCalendar(ctx: FullContext, g: Guest, gi: GuestItems | null, now: Date): string {
  const s = ctx.settings;
  const occ = gi
    ? gi.items.filter((it) => lineAnswer(g, gi, it.id, now) === 'ja').map((it) => itemOccurrence(it, s))
    : g.status === 'Tackat ja' ? guestOccurrences(ctx.parts(), g.events, s) : [];
  return occ.length ? buildIcs({ guestId: g.id, occurrences: occ, now }) : '';
}

/** Guest row `index`'s consent cell (when the guest consented to storing dietary needs); '' without consent or without the column. */
export function consentCell(check: TableCheck, index: number) {
  const c = check.t.col[GUEST_COLUMNS.consent];
  return c === undefined ? '' : check.t.snap.rows[index][c];
}

/**
 * The page of a row on the sheet (findGuest never gives a deleted one). `forStaff`: for the project leader's resend
 * of a confirmation (src/app/confirm-resend.ts), which shows the answers after the deadline too.
 */
function viewOf(r: GuestRow & { index: number }, check: TableCheck, ctx: FullContext, now: Date, key: LinkKey, forStaff = false): RsvpView {
  const s = ctx.settings;
  const g = r.guest;
  const lang = parseLanguage(g.language) ?? 'sv';
  const closed = closedReason(g, s, now);
  // Once the deadline has passed the page shows nothing personal but the name (the link may sit in an inbox for years).
  const discreet = !forStaff && pastDeadline(s, now);
  const consent = consentCell(check, r.index) !== '';
  const gi = discreet ? null : guestItems(ctx, check, r, now);
  const lines: RsvpLine[] = discreet ? [] : gi
    ? gi.items.map((it) => {
      const answer = lineAnswer(g, gi, it.id, now);
      const held = answer === 'ja' || answer === 'erbjuden';
      const offer = gi.answers.get(it.id);
      return {
        id: it.id, name: it.title, date: formatDate(it.date, lang), start: it.start, end: it.end, answer,
        full: !held && gi.seatsLeft(it.id) === 0, limited: it.capacity !== null,
        offerUntil: answer === 'erbjuden' && offer && 'until' in offer ? stockholmDateTime(offer.until, lang) : '',
      };
    })
    : guestSchedule(ctx.parts(), g.events, s).map((l) => ({ ...l, id: '', date: formatDate(l.date, lang), answer: '' as const, full: false, limited: false, offerUntil: '' }));
  return {
    lang, w: key.w, g: g.id, v: linkVersionOf(check, r.index), t: key.t, firstName: g.firstName, lastName: g.lastName,
    eventName: s.eventName, venue: discreet ? '' : s.venue,
    events: lines, perItem: gi !== null && gi.items.length > 0,
    answer: discreet ? '' : g.status === 'Tackat ja' ? 'ja' : g.status === 'Tackat nej' ? 'nej' : '',
    calendar: discreet ? '' : acceptedCalendar(ctx, g, gi, now),
    diet: discreet ? '' : g.diet, consent: !discreet && consent,
    deadline: formatDate(s.rsvpDeadline, lang), replyTo: isValidEmail(s.replyTo) ? s.replyTo.trim() : '',
    closed: closed ? closed[lang] : '', privacy: privacyNotice(s, lang),
  };
}

/** The guest's answers as their confirmation lists them (the view without the link's token), for the project leader's resend. */
export const confirmationView = (r: GuestRow & { index: number }, check: TableCheck, ctx: FullContext, now: Date): RsvpView =>
  viewOf(r, check, ctx, now, { w: '', g: r.guest.id, v: linkVersionOf(check, r.index), t: '' }, true);

interface Found { readonly ctx: FullContext; readonly check: TableCheck; readonly row: GuestRow & { index: number } }

/**
 * The guest behind a verified token, or null. The token is checked first (no
 * read at all for a bad one); then the row must exist, be verified (a row
 * changed outside the add-on waits for the project leader) and carry the
 * link's version (an older link was revoked).
 */
const tokenOk = (k: LinkKey, verify: Verify): boolean => !!k.g && Number.isSafeInteger(k.v) && verify(k);

const keyOf = (i: { w?: string; g: string; v: string | number; t: string }): LinkKey => ({ w: i.w ?? '', g: i.g, v: Number(i.v), t: i.t });

function findGuest(ports: Ports, key: LinkKey, verify: Verify): Found | null {
  if (!tokenOk(key, verify)) return null;
  const { g, v } = key;
  const ctx = loadFullContext(ports);
  const check = checkTable(ctx.journal, 'guests');
  // A row typed in with the same ID (waiting for review) must not hide the guest's own verified row.
  const matches = guestRows(check).filter((r) => r.guest.id === g);
  const row = matches.find((r) => !r.unverified) ?? matches[0];
  if (!row || row.unverified || row.index === null || linkVersionOf(check, row.index) !== v) return null;
  return { ctx, check, row: row as GuestRow & { index: number } };
}

/**
 * What the page shows: the guest's own data, or the neutral message. Three range reads, no write —
 * unless the waiting lists are owed something (a seat freed by an Återbud typed in Gäster, an offer
 * past its deadline: src/app/waitlist.ts), which this execution, able to mail, passes on first (as the
 * visitor's `gäst:<ID>`), then reads the guest again.
 */
export function viewRsvp(ports: Ports, input: unknown, verify: Verify, links?: RsvpLinkFor): RsvpPage {
  const k = schemas().key.safeParse(input);
  if (!k.success) return { ok: false, message: neutralMsg() };
  const key = keyOf(k.data);
  let found = findGuest(ports, key, verify);
  if (!found) return { ok: false, message: neutralMsg() };
  if (links && passedOn(ports, found, links, key)) found = findGuest(ports, key, verify);
  if (!found) return { ok: false, message: neutralMsg() };
  return { ok: true, view: viewOf(found.row, found.check, found.ctx, ports.clock.now(), key) };
}

/** Passes on what the waiting lists are owed; whatever goes wrong there, the guest still gets their page. */
function passedOn(ports: Ports, f: Found, links: RsvpLinkFor, key: LinkKey): boolean {
  try {
    return passOnSeats(ports, f.ctx, f.check, links, deadlineEnd(f.ctx.settings.rsvpDeadline), `gäst:${key.g}`);
  } catch {
    return false;
  }
}

/**
 * A busy lock, told to the guest in the guest's language: the staff's message (lockBusyMsg, "someone
 * else is saving in the workbook") would reach the page in the anonymous visitor's locale, Swedish,
 * and speak of a workbook the guest has never seen.
 */
export const busyForGuestMsg = rsvpMsg.busy;

/** Counts a submission for the guest; false when the hour's allowance is used up (best effort: the cache may forget). */
function withinRate(ports: Ports, link: LinkKey, now: Date): boolean {
  // Per workbook and guest: one add-on project may serve several workbooks, each with its own G-0001.
  const key = `rsvp:${link.w}:${link.g}:${Math.floor(now.getTime() / 3_600_000)}`;
  const n = Number(ports.cache.get(key) ?? '0') || 0;
  if (n >= RSVP_PER_HOUR) return false;
  ports.cache.put(key, String(n + 1), 3600);
  return true;
}

/**
 * Records the guest's answer: under the lock, re-reads Gäster and writes
 * Status, Svarad, Kost/allergier and Samtycke kost in one sealed row write,
 * then logs (user 'gäst:<id>'; that the diet changed, never what it says).
 * Dietary needs without consent are refused; withdrawing consent clears them.
 * An answer identical to the stored one writes nothing.
 */
export function answerRsvp(ports: Ports, input: unknown, verify: Verify, links?: RsvpLinkFor): RsvpAnswer {
  const a = parseInput(schemas().answer, input);
  const key = keyOf(a);
  if (!a.consent && (a.diet ?? '').trim() !== '') {
    return { saved: false, message: rsvpMsg.dietNeedsConsent() };
  }
  if (!tokenOk(key, verify)) return { saved: false, message: neutralMsg() };
  if (!withinRate(ports, key, ports.clock.now())) return { saved: false, message: rsvpMsg.tooMany() };
  try {
    return saveAnswer(ports, a, key, verify, links);
  } catch (e) {
    // A send batch holds the lock across its mails (up to half a minute for 25 guests, merge.ts);
    // the guest waits GUEST_LOCK_MS, then is asked to send again, with the form still filled in.
    if (e instanceof LockTimeoutError) return { saved: false, message: busyForGuestMsg() };
    throw e;
  }
}

type AnswerInput = z.infer<ReturnType<typeof schemas>['answer']>;

function saveAnswer(ports: Ports, a: AnswerInput, key: LinkKey, verify: Verify, links?: RsvpLinkFor): RsvpAnswer {
  return ports.lock.withLock(GUEST_LOCK_MS, () => {
    const found = findGuest(ports, key, verify);
    if (!found) return { saved: false, message: neutralMsg() };
    const { ctx, check, row } = found;
    const now = ports.clock.now();
    const g = row.guest;
    const consentAt = consentCell(check, row.index);
    const consentNow = consentAt !== '';
    const closed = closedReason(g, ctx.settings, now);
    // Withdrawing consent is as easy as giving it (art. 7.3): allowed even when answers are closed.
    if (closed && !a.consent && (consentNow || g.diet !== '')) return withdraw(ctx, check, row, now, key);
    if (closed) return { saved: false, message: closed, view: viewOf(row, check, ctx, now, key) };
    const decided = decide(ctx, check, row, a, now);
    if (!decided.ok) return { saved: false, message: decided.message, view: viewOf(row, check, ctx, now, key) };
    const { status } = decided;
    // A guest who is not coming needs no dietary data (minimisation); an absent field keeps what is stored.
    const keep = a.consent === true && status === 'Tackat ja';
    const diet = keep ? (a.diet === undefined ? g.diet : a.diet.trim()) : '';
    const thanks = decided.thanks;
    // The waiting lists as they will be after this answer: a seat it frees goes to the first guest waiting (src/app/waitlist.ts).
    const rows = guestRows(check);
    const order = (ctx.parts().items ?? []).map((it) => it.id);
    // Offers only from an execution that can mail them (a web app URL to link to); else the seats stay owed.
    const plan = mailablePlan(planWaitlists(ctx, rows, now, deadlineEnd(ctx.settings.rsvpDeadline), new Map([[g.id, { status, itemAnswers: decided.cell }]])), links);
    const own = plan.get(g.id);
    const cell = own ? applyChanges(decided.cell, own, order) : decided.cell;
    const same = g.status === status && g.diet === diet && consentNow === keep && (g.itemAnswers ?? '') === cell;
    if (same && plan.size === 0) return { saved: true, view: viewOf(row, check, ctx, now, key), message: thanks };
    const after = { ...row, guest: { ...g, status, diet, itemAnswers: cell } };
    // The confirmation (src/app/confirm.ts): only for a change of what is accepted, marked in the answer's sealed Logg row before the mail.
    const [was, will] = [viewOf(row, check, ctx, now, key), viewOf(after, check, ctx, now, key)];
    const confirm = links && confirmationDue(was, will);
    const values: Record<string, CellIn> = {
      [GUEST_COLUMNS.status]: status, [GUEST_COLUMNS.answeredAt]: now, [GUEST_COLUMNS.diet]: diet,
      [GUEST_COLUMNS.consent]: keep ? (consentNow ? consentAt as CellIn : now) : '',
      [GUEST_COLUMNS.itemAnswers]: cell,
    };
    // A failed confirmation of what the guest no longer accepts is over: its note line goes (the same row write).
    if (confirmTroubleOf(g.note) && acceptedOf(was).join('\n') !== acceptedOf(will).join('\n')) values[GUEST_COLUMNS.note] = withTaggedNote(g.note, CONFIRM_TAG, null);
    const tx = new Tx(ctx.journal, `gäst:${g.id}`);
    if (!same) tx.put(check, row.index, values, {
      action: 'gäst.svar', object: g.id,
      before: { Status: g.status, ...((g.itemAnswers ?? '') !== cell ? { [GUEST_COLUMNS.itemAnswers]: g.itemAnswers ?? '' } : {}) },
      after: {
        ...guestAudit({
          Status: status, ...((g.itemAnswers ?? '') !== cell ? { [GUEST_COLUMNS.itemAnswers]: cell } : {}),
          ...(diet !== g.diet ? { [GUEST_COLUMNS.diet]: diet } : {}), ...(consentNow !== keep ? { Samtycke: keep ? 'givet' : 'återkallat' } : {}),
        }),
        ...(confirm ? { bekräftelse: 'skickas' } : {}),
      },
    });
    putChanges(tx, check, rows, plan, order, g.id);
    tx.commit();
    mailOffers(ports, ctx, offersOf(plan), links ?? null, `gäst:${g.id}`);
    const view = viewOf(after, check, ctx, now, key);
    if (!confirm) return { saved: true, view, message: thanks };
    let link = '';
    try { link = links({ id: g.id, version: view.v }); } catch { /* no web app URL: the mail goes without the link */ }
    const mail = confirmationMail(view, g.email, ctx.settings, link);
    return { saved: true, view, message: join([thanks, mailConfirmation(ports, ctx, g.id, mail)]) };
  });
}

type Decided = { ok: true; status: 'Tackat ja' | 'Tackat nej'; cell: string; thanks: Msg } | { ok: false; message: Msg };

/**
 * The guest's answer as the row's new Status and Svar per punkt, or the
 * refusal (an item the guest is not invited to, one left unanswered, a yes
 * to an item whose last seat another guest took first). Under the lock, on
 * the Gäster just read: the seats are counted over every other guest.
 */
function decide(ctx: FullContext, check: TableCheck, row: GuestRow & { index: number }, a: AnswerInput, now: Date): Decided {
  const gi = guestItems(ctx, check, row, now);
  if (!gi || gi.items.length === 0) {
    if (a.answers && Object.keys(a.answers).length) return { ok: false, message: rsvpMsg.notInvited(Object.keys(a.answers)) };
    if (!a.answer) return { ok: false, message: rsvpMsg.oneAnswer() };
    const status = a.answer === 'ja' ? 'Tackat ja' : 'Tackat nej';
    return { ok: true, status, cell: row.guest.itemAnswers ?? '', thanks: rsvpMsg.thanksOne(a.answer === 'ja') };
  }
  // One answer without per-item answers (a page opened before the programme had items) answers every item alike.
  const chosen = a.answers ?? (a.answer ? Object.fromEntries(gi.items.map((it) => [it.id, a.answer!])) : {});
  const d = decideAnswers(gi.items, gi.answers, chosen, gi.seatsLeft, now);
  const byId = new Map((ctx.parts().items ?? []).map((it) => [it.id, it]));
  const names = (ids: readonly string[]) => ids.map((id) => { const it = byId.get(id); return it ? partName(it) : id; });
  if (!d.ok) {
    const m = { 'not-invited': rsvpMsg.notInvited, missing: rsvpMsg.missing, full: rsvpMsg.full, 'no-list': rsvpMsg.noList }[d.problem];
    return { ok: false, message: m(names(d.ids)) };
  }
  const ids = gi.items.map((it) => it.id);
  // Never null here: decideAnswers answered every invited item or refused ('missing'), and ids is not empty.
  const status = overallStatus(ids, d.answers)!;
  const yes = ids.filter((id) => d.answers.get(id)?.kind === 'ja');
  const waiting = ids.filter((id) => { const k = d.answers.get(id)?.kind; return k === 'väntar' || k === 'erbjuds' || k === 'erbjuden'; });
  return { ok: true, status, cell: formatItemAnswers(d.answers, ids), thanks: rsvpMsg.thanks(names(yes), names(waiting)) };
}

/** Clears the dietary needs and the consent (nothing else), logged as the guest. */
function withdraw(ctx: FullContext, check: TableCheck, row: GuestRow & { index: number }, now: Date, key: LinkKey): RsvpAnswer {
  const g = row.guest;
  const values: Record<string, CellIn> = { [GUEST_COLUMNS.diet]: '', [GUEST_COLUMNS.consent]: '' };
  new Tx(ctx.journal, `gäst:${g.id}`).put(check, row.index, values, { action: 'gäst.samtycke-återkallat', object: g.id, after: guestAudit({ ...values, Samtycke: 'återkallat' }) }).commit();
  return {
    saved: true, view: viewOf({ ...row, guest: { ...g, diet: '' } }, check, ctx, now, key),
    message: rsvpMsg.consentWithdrawn(),
  };
}
