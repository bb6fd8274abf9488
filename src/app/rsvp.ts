/**
 * The RSVP page's use cases. The guest is anonymous: the token in their
 * personal link is the only authority, so it is checked (constant time)
 * before Gäster is read, and a bad token and an unknown guest get the same
 * neutral answer. A guest sees only their own data.
 */
import * as z from 'zod/mini';
import { GUEST_COLUMNS, GUEST_LIMITS, isValidEmail, parseLanguage, type Guest } from '../core/guests';
import { occurrencesFor } from '../core/ics';
import { msg, type Lang, type Msg } from '../core/msg';
import type { Settings } from '../core/settings';
import { formatDate } from '../core/template';
import { appendAudit } from './audit';
import { loadContext } from './context';
import { GUEST_LOCK_MS, parseInput } from './guests';
import { findGuestRow, writeChanges } from './invite-rows';
import type { Ports } from './ports';
import { openTable } from './tables';

/** Checks a token for a guest ID (constant time; the adapter holds the key). */
export type Verify = (guestId: string, token: string) => boolean;

/** The one answer to a bad token and to an unknown guest alike. */
export const neutralMsg = (): Msg => msg(
  'Länken fungerar inte. Använd hela länken i din inbjudan, eller svara arrangören via e-post.',
  'This link does not work. Use the whole link in your invitation, or reply to the organiser by e-mail.',
);

function buildSchemas() {
  const key = { g: z.string().check(z.maxLength(40)), t: z.string().check(z.maxLength(100)) };
  return {
    key: z.object(key),
    answer: z.strictObject({ ...key, answer: z.enum(['ja', 'nej']), diet: z.optional(z.string().check(z.maxLength(GUEST_LIMITS.diet))) }),
  };
}
let built: ReturnType<typeof buildSchemas> | undefined;
/** The input schemas, built on first use (nothing runs at global scope). */
const schemas = () => (built ??= buildSchemas());

export interface RsvpView {
  readonly lang: Lang;
  readonly g: string;
  readonly t: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly eventName: string;
  readonly venue: string;
  readonly events: readonly { name: string; date: string; start: string; end: string }[];
  readonly answer: '' | 'ja' | 'nej';
  readonly diet: string;
  /** 'Sista svarsdag' as written ("20 november 2009"). */
  readonly deadline: string;
  readonly replyTo: string;
  /** Why the guest can't answer here; '' when they can. */
  readonly closed: string;
}

export type RsvpPage = { ok: true; view: RsvpView } | { ok: false; message: Msg };
export type RsvpAnswer = { saved: true; view: RsvpView; message: Msg } | { saved: false; message: Msg; view?: RsvpView };

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

function closedReason(g: Guest, s: Settings, now: Date, lang: Lang): string {
  const contact = isValidEmail(s.replyTo) ? msg(` Kontakta ${s.replyTo.trim()}.`, ` Please contact ${s.replyTo.trim()}.`)[lang] : '';
  if (g.status !== 'Inbjuden' && g.status !== 'Tackat ja' && g.status !== 'Tackat nej') return msg('Svar kan inte tas emot för den här inbjudan just nu.', 'Replies cannot be taken for this invitation right now.')[lang] + contact;
  const end = deadlineEnd(s.rsvpDeadline);
  if (end !== null && now.getTime() >= end) {
    return msg(`Sista svarsdag (${formatDate(s.rsvpDeadline, 'sv')}) har passerat, så svaret kan inte ändras här.`,
      `The reply deadline (${formatDate(s.rsvpDeadline, 'en')}) has passed, so the reply can't be changed here.`)[lang] + contact;
  }
  return '';
}

function viewOf(g: Guest, s: Settings, now: Date, t: string): RsvpView {
  const lang = parseLanguage(g.language) ?? 'sv';
  return {
    lang, g: g.id, t, firstName: g.firstName, lastName: g.lastName, eventName: s.eventName, venue: s.venue,
    events: occurrencesFor(g.events, s).map((o) => ({ name: o.key.split('#')[0], date: formatDate(o.date, lang), start: o.start, end: o.end })),
    answer: g.status === 'Tackat ja' ? 'ja' : g.status === 'Tackat nej' ? 'nej' : '',
    diet: g.diet, deadline: formatDate(s.rsvpDeadline, lang), replyTo: isValidEmail(s.replyTo) ? s.replyTo.trim() : '',
    closed: closedReason(g, s, now, lang),
  };
}

/** What the page shows: the guest's own data, or the neutral message. Two range reads, no write. */
export function viewRsvp(ports: Ports, input: unknown, verify: Verify): RsvpPage {
  const k = schemas().key.safeParse(input);
  if (!k.success || !k.data.g || !verify(k.data.g, k.data.t)) return { ok: false, message: neutralMsg() };
  const { settings } = loadContext(ports);
  const r = findGuestRow(openTable(ports.workbook, 'guests'), k.data.g);
  return r ? { ok: true, view: viewOf(r.guest, settings, ports.clock.now(), k.data.t) } : { ok: false, message: neutralMsg() };
}

/**
 * Records the guest's answer: under the document lock, re-reads Gäster and
 * writes Status, Svarad and Kost/allergier in one range write, then logs
 * (user 'gäst:<id>'). Diet is stored as literal text by the table port.
 */
export function answerRsvp(ports: Ports, input: unknown, verify: Verify): RsvpAnswer {
  const a = parseInput(schemas().answer, input);
  if (!a.g || !verify(a.g, a.t)) return { saved: false, message: neutralMsg() };
  const { settings } = loadContext(ports);
  return ports.lock.withLock(GUEST_LOCK_MS, () => {
    const t = openTable(ports.workbook, 'guests');
    const r = findGuestRow(t, a.g);
    if (!r) return { saved: false, message: neutralMsg() };
    const now = ports.clock.now();
    const g = r.guest;
    const closed = closedReason(g, settings, now, 'sv');
    if (closed) return { saved: false, message: msg(closed, closedReason(g, settings, now, 'en')), view: viewOf(g, settings, now, a.t) };
    const status = a.answer === 'ja' ? 'Tackat ja' : 'Tackat nej';
    const diet = a.diet === undefined ? g.diet : a.diet.trim();
    writeChanges(t, new Map([[r.index, { [GUEST_COLUMNS.status]: status, [GUEST_COLUMNS.answeredAt]: now, [GUEST_COLUMNS.diet]: diet }]]));
    // Kost/allergier can be health data: the log says that it changed, not what it says.
    appendAudit({ ...ports, user: { email: () => `gäst:${g.id}` } }, [{
      action: 'gäst.svar', object: g.id,
      before: { Status: g.status }, after: { Status: status, ...(diet !== g.diet ? { 'Kost/allergier': 'ändrad' } : {}) },
    }]);
    const view = viewOf({ ...g, status, diet }, settings, now, a.t);
    return {
      saved: true, view,
      message: a.answer === 'ja'
        ? msg('Tack! Ditt svar är registrerat: du kommer.', 'Thank you! Your reply is registered: you will attend.')
        : msg('Tack! Ditt svar är registrerat: du kan inte komma.', 'Thank you! Your reply is registered: you cannot attend.'),
    };
  });
}
