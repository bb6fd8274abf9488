/**
 * Mail merge: preview, test send and the real send in client-driven batches.
 *
 * NEVER A DUPLICATE — the design (see sendBatch). A batch holds the script lock once, from the
 * pick to the record, so any 'Skickar' another holder sees belongs to a dead execution:
 *
 *   Pick: read Gäster; recover every 'Skickar' row by its journal entry (below); pick at most
 *   min(batchSize, quota, cap room) approved guests; write the send journal (script property)
 *   with each picked guest 'q' (queued), THEN mark them 'Skickar' + Skickad, logged and sealed
 *   in one transaction, whose commit flushes: the marks are in the sheet before any mail goes out.
 *   (The journal goes in the same setProperties call as the commit's pending anchor, its first
 *   write, so still before the marks.)
 *
 *   Send: for each picked guest: journal 'a' (attempting; the same property write carries the
 *   previous guest's outcome; the first guest's 'a' goes with the pick's committed anchor, after the
 *   marks landed) → one mailer.send → outcome in memory. Then journal all outcomes
 *   (with the record's pending anchor, in one call), record Inbjuden / Misslyckad / Osäker / back
 *   to Godkänd (one transaction), the journal emptied with the record's committed anchor,
 *   release. Gäster is not read again between the two: nothing of the add-on's can write it while
 *   the lock is held, and the first commit left its snapshot as it wrote the sheet (rows, seals,
 *   anchor), so the rows are checked again in memory.
 *
 *   Recovery of a 'Skickar' row by its journal entry: 'q' → Godkänd (never
 *   attempted), 's' → Inbjuden, 'f:…' → Misslyckad, 'a' or no entry → Osäker
 *   (a person checks Skickat and resolves; never retried blindly). So only a
 *   death between the 'a' write and the next journal write leaves a guest
 *   Osäker — the one mail whose fate nobody can know.
 *
 * Properties writes are immediate (no flush needed); sheet writes land at the latest when a
 * transaction commits (it flushes before it writes the anchor as committed).
 *
 * WHAT IT COSTS: see README (Benchmark) and `npm run bench`. One journal write per guest is the
 * price of "at most one guest of unknown fate" (a write per batch would make a dead batch's every
 * guest Osäker); a batch holds the lock once and reads Gäster once; two sealed, logged commits a
 * batch (the marks, the outcomes) keep the sheet the journal's projection for everyone else.
 */
import * as z from 'zod/mini';
import { GUEST_COLUMNS, isMailed, isValidEmail, normEmail, parseLanguage, type Guest } from '../core/guests';
import { buildIcs } from '../core/ics';
import { guestOccurrences, guestSchedule, type Parts } from './parts';
import { cellText } from '../core/budget';
import { UserError, type Lang, type Msg } from '../core/msg';
import { join } from '../core/i18n';
import type { Settings } from '../core/settings';
import { checkTemplate, formatDate, renderTemplate, templateKind, type MailKind, type MergeValues, type Rendered, type Template } from '../core/template';
import { loadFullContext, requireRole, type FullContext } from './context';
import { guestSchemas, linkVersionOf, notFound, parseInput, waitsForReview } from './guests';
import { blockedBy, problemsOf, unverifiedMsg } from './integrity';
import { guestName, guestRowOf, guestRows, withSendNote, type GuestRow } from './invite-rows';
import { checkTable, recheckTable, Tx, type Journal, type TableCheck } from './journal';
import type { CellIn, MailAttachment, MailMessage, Ports } from './ports';
import { mergeMsg } from '../core/messages/merge';
import { remindMsg } from '../core/messages/remind';

const SEND_LOCK_MS = 30_000;
/** The most guests one batch mails (a sidebar's batch stays well inside the 6 minutes of an execution). */
export const MAX_BATCH = 25;
export const JOURNAL_KEY = 'summit.send.journal';

/** The personal RSVP link for a guest and link version (the web-app adapter builds it). */
export type RsvpLinkFor = (guest: { readonly id: string; readonly version: number }) => string;
/**
 * Makes the link builder. Called only after the role check (it may create the
 * link key) and outside the lock (creating the key takes the lock itself).
 */
export type RsvpLinks = () => RsvpLinkFor;

// ---------------------------------------------------------------------------
// Templates and rendering

export type { MailKind } from '../core/template';

export interface TemplateSet {
  readonly kind: MailKind;
  readonly templates: ReadonlyMap<Lang, Template>;
  /** Per-language problems (duplicate rows, broken templates): guests in that language are blocked. */
  readonly problems: ReadonlyMap<Lang, readonly Msg[]>;
}

/** The words of a kind's template problems. */
const TEMPLATE_WORDS: Readonly<Record<MailKind, { none: () => Msg; unusable: (l: string) => Msg; twice: (l: string) => Msg; missing: (l: string) => Msg }>> = {
  invitation: { none: mergeMsg.noInvitationsCanSent, unusable: mergeMsg.templateCannotUsed, twice: mergeMsg.thereMoreThanOne, missing: mergeMsg.thereNoTemplateMallar },
  reminder: { none: remindMsg.noRemindersCanBeSent, unusable: remindMsg.reminderTemplateCannotBeUsed, twice: remindMsg.moreThanOneReminder, missing: remindMsg.noReminderTemplate },
};

/**
 * One read of Mallar, checked against its seals: a template of `kind` changed outside
 * the add-on blocks its language until the project leader confirms it (a
 * changed body could carry someone else's link to every invited guest).
 * A row that waits for review blocks the language of every kind it names (as sealed and as the
 * sheet shows it: a hand edit of Typ could move a template from one kind to the other).
 * `event` is Evenemang's check: any change there blocks every language.
 */
export function loadTemplates(journal: Journal, event?: TableCheck, kind: MailKind = 'invitation'): TemplateSet {
  const c = checkTable(journal, 'templates');
  const words = TEMPLATE_WORDS[kind];
  const templates = new Map<Lang, Template>();
  const problems = new Map<Lang, Msg[]>();
  const add = (l: Lang, m: Msg) => problems.set(l, [...(problems.get(l) ?? []), m]);
  const eventProblems = event ? problemsOf(event) : [];
  if (eventProblems.length) {
    const why = blockedBy(words.none(), eventProblems);
    for (const l of ['sv', 'en'] as const) add(l, why);
  }
  if (c.problem) for (const l of ['sv', 'en'] as const) add(l, c.problem);
  for (const m of c.missing) {
    const l = parseLanguage(cellText(m.values['Språk']));
    if (l && templateKind(m.values['Typ']) === kind) add(l, blockedBy(words.unusable(l), problemsOf({ ...c, rows: [], missing: [m] })));
  }
  for (const r of c.rows) {
    const row = c.t.snap.rows[r.index];
    const at = (h: string) => (c.t.col[h] === undefined ? '' : row[c.t.col[h]]);
    const lang = parseLanguage(cellText(r.sealed?.['Språk'] ?? at('Språk')));
    const now = parseLanguage(cellText(at('Språk')));
    if (r.kind !== 'ok') {
      const kinds = new Set([templateKind(r.sealed?.['Typ'] ?? at('Typ')), templateKind(at('Typ'))]);
      if (kinds.has(kind)) for (const l of new Set([lang, now])) if (l) add(l, blockedBy(words.unusable(l), [unverifiedMsg(c, r)]));
      continue;
    }
    if (!lang || templateKind(at('Typ')) !== kind) continue;
    if (templates.has(lang)) {
      add(lang, words.twice(lang));
      continue;
    }
    const tpl: Template = { language: lang, subject: String(at('Ämne') ?? ''), body: String(at('Brödtext') ?? '') };
    templates.set(lang, tpl);
    for (const p of checkTemplate(tpl)) add(lang, p);
  }
  return { kind, templates, problems };
}

/** The settings an invitation is built from, with what guests are invited to. */
export type InviteSettings = Settings & { readonly parts: Parts };
export const inviteSettings = (ctx: FullContext): InviteSettings => ({ ...ctx.settings, parts: ctx.parts() });

/** "Representationsmiddag, 8 december 2009 19:00–23:00; …": the guest's items with dates and times. */
const scheduleText = (g: Guest, s: InviteSettings, lang: Lang): string =>
  guestSchedule(s.parts, g.events, s).map((l) => `${l.name}, ${formatDate(l.date, lang)} ${l.start}–${l.end}`).join('; ');

function mergeValues(g: Guest, s: InviteSettings, lang: Lang, rsvpLink: string): MergeValues {
  return {
    firstName: g.firstName, lastName: g.lastName, title: g.title, organisation: g.organisation, country: g.country,
    email: g.email, guestEvents: scheduleText(g, s, lang), eventName: s.eventName,
    startDate: formatDate(s.startDate, lang), endDate: formatDate(s.endDate, lang), venue: s.venue,
    rsvpDeadline: formatDate(s.rsvpDeadline, lang), sender: s.senderName, rsvpLink,
  };
}

export type Invitation = { ok: true; message: MailMessage; rendered: Rendered } | { ok: false; reasons: Msg[] };

/**
 * Why a guest can't get an invitation, from what is known without rendering (address, language,
 * the language's template): cheap, so a batch can check every waiting guest and render only the
 * ones it sends (rendering — link HMAC, template, .ics — is the costly part). `tpl` is absent when
 * the guest is blocked.
 */
function preflight(g: Guest, set: TemplateSet): { lang: Lang; tpl: Template } | { reasons: Msg[] } {
  const reasons: Msg[] = [];
  if (!isValidEmail(g.email)) reasons.push(mergeMsg.invalidEMailAddress(g.email));
  const lang = parseLanguage(g.language);
  if (!lang) return { reasons: [...reasons, mergeMsg.unknownLanguage(g.language)] };
  const tpl = set.templates.get(lang);
  // A template waiting for review (or two for one language) is why there is none to use: say that first.
  reasons.push(...(set.problems.get(lang) ?? []));
  if (!tpl) return { reasons: reasons.length ? reasons : [TEMPLATE_WORDS[set.kind].missing(lang)] };
  return reasons.length ? { reasons } : { lang, tpl };
}

/** Everything one guest gets, or why they can't get it. Pure given its inputs. */
export function buildInvitation(g: Guest, version: number, s: InviteSettings, set: TemplateSet, rsvpLinkFor: RsvpLinkFor, now: Date): Invitation {
  const pre = preflight(g, set);
  if (!('tpl' in pre)) return { ok: false, reasons: pre.reasons };
  const { lang, tpl } = pre;
  let link: string;
  try {
    link = rsvpLinkFor({ id: g.id, version });
  } catch (e) {
    return { ok: false, reasons: [e instanceof UserError ? e.userMessage : mergeMsg.rsvpLinkCouldNot()] };
  }
  const r = renderTemplate(tpl, mergeValues(g, s, lang, link));
  if (!r.ok) return { ok: false, reasons: r.reasons };
  const attachments: MailAttachment[] = [];
  const occ = guestOccurrences(s.parts, g.events, s);
  if (occ.length) {
    attachments.push({
      fileName: mergeMsg.icsFileName()[lang],
      mimeType: 'text/calendar',
      content: buildIcs({ guestId: g.id, occurrences: occ, now }),
    });
  }
  const message: MailMessage = {
    to: g.email.trim(), subject: r.subject, htmlBody: r.html, textBody: r.text,
    ...(s.senderName ? { name: s.senderName.replace(/[\r\n"]+/g, ' ') } : {}),
    ...(isValidEmail(s.replyTo) ? { replyTo: s.replyTo.trim() } : {}),
    ...(attachments.length ? { attachments } : {}),
  };
  return { ok: true, message, rendered: { subject: r.subject, html: r.html, text: r.text } };
}

// ---------------------------------------------------------------------------
// Preview and test

// Built on first use: nothing runs at global scope.
let guestIdArg: z.ZodMiniType<{ guestId: string; kind?: MailKind }> | undefined;
let batchArg: z.ZodMiniType<{ batchSize: number }> | undefined;
/** A guest, and which of their mails (the invitation unless `kind` says the reminder). */
const guestIdInput = () => (guestIdArg ??= z.strictObject({ guestId: guestSchemas().id, kind: z.optional(z.enum(['invitation', 'reminder'])) }));


export interface InvitationPreview {
  readonly guestId: string;
  readonly to: string;
  readonly blocked: readonly Msg[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly string[];
  /** The .ics text when there is one (to show or download). */
  readonly ics: string;
}

interface Previewable { readonly ctx: FullContext; readonly row: GuestRow; readonly version: number; readonly set: TemplateSet; readonly links: RsvpLinkFor }

/** Role check, then the guest (verified: a guest waiting for review is not previewed or tested), templates and links. */
function previewable(ports: Ports, input: unknown, links: RsvpLinks): Previewable {
  const { guestId, kind = 'invitation' } = parseInput(guestIdInput(), input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare', 'styrgrupp']);
  const check = checkTable(ctx.journal, 'guests');
  const row = guestRows(check).find((r) => r.guest.id === guestId);
  if (!row) throw notFound(guestId);
  if (row.unverified || row.index === null) throw waitsForReview(row);
  return { ctx, row, version: linkVersionOf(check, row.index), set: loadTemplates(ctx.journal, ctx.eventCheck, kind), links: links() };
}

/** Exactly what the guest will get (projektledare or styrgrupp). */
export function previewInvitation(ports: Ports, input: unknown, links: RsvpLinks): InvitationPreview {
  const { ctx, row, version, set, links: linkFor } = previewable(ports, input, links);
  const g = row.guest;
  const inv = buildInvitation(g, version, inviteSettings(ctx), set, linkFor, ports.clock.now());
  if (!inv.ok) return { guestId: g.id, to: g.email, blocked: inv.reasons, subject: '', html: '', text: '', attachments: [], ics: '' };
  const att = inv.message.attachments ?? [];
  return {
    guestId: g.id, to: inv.message.to, blocked: [], subject: inv.rendered.subject, html: inv.rendered.html, text: inv.rendered.text,
    attachments: att.map((a) => a.fileName), ics: att[0]?.content ?? '',
  };
}

/** Sends that guest's rendering to the current user only, subject prefixed "[TEST] "; logged. */
export function sendTestInvitation(ports: Ports, input: unknown, links: RsvpLinks): { to: string } {
  const { ctx, row, version, set, links: linkFor } = previewable(ports, input, links);
  if (!isValidEmail(ctx.email)) throw new UserError(mergeMsg.yourEMailAddress());
  const inv = buildInvitation(row.guest, version, inviteSettings(ctx), set, linkFor, ports.clock.now());
  const reminder = set.kind === 'reminder';
  if (!inv.ok) {
    throw new UserError(reminder ? remindMsg.reminderCannotBeSent(inv.reasons) : mergeMsg.invitationCannotBeSent(inv.reasons));
  }
  if (ports.mailer.remainingDailyQuota() < 1) throw new UserError(reminder ? remindMsg.quotaUsedUp(0) : quotaMsg(0));
  ports.mailer.send({ ...inv.message, to: ctx.email, subject: `[TEST] ${inv.message.subject}` });
  ports.lock.withLock(SEND_LOCK_MS, () => new Tx(ctx.journal.fresh()).log({ action: reminder ? 'påminnelse.test' : 'inbjudan.test', object: row.guest.id, after: { till: ctx.email } }).commit());
  return { to: ctx.email };
}

// ---------------------------------------------------------------------------
// Sending

export interface BlockedGuest { readonly id: string; readonly name: string; readonly reasons: readonly Msg[] }

export interface SendProgress {
  /** Sent in this call. */
  readonly sent: number;
  /** Failed in this call (now Misslyckad). */
  readonly failed: number;
  /** Attempted in this call with an unknown outcome (now Osäker): with `sent` and `failed`, every guest this call handled. */
  readonly uncertainNow: number;
  /** Approved guests still waiting (not counting blocked ones). */
  readonly remaining: number;
  /** Guests in Osäker (a person must check). */
  readonly uncertain: number;
  readonly blocked: readonly BlockedGuest[];
  readonly quotaLeft: number;
  /** How many more invitations the cap allows. */
  readonly capLeft: number;
  /** Nothing more can be sent now (all sent, or quota/cap exhausted, or only blocked guests). */
  readonly done: boolean;
  readonly message: Msg;
}

/**
 * Journal entry: q queued, a attempting, s sent, f:<reason> failed, u:<reason> unknown outcome,
 * n not sent (back to waiting). `p` and `r` are a reminder's: each guest's Påmind before the
 * batch claimed them (ISO, '' for none) and the round.
 */
export interface SendJournal { token: string; at: string; s: Record<string, string>; p?: Record<string, string>; r?: number }

export function readJournal(ports: Ports, key = JOURNAL_KEY): SendJournal | null {
  const raw = ports.properties.get(key);
  if (!raw) return null;
  try {
    const j = JSON.parse(raw) as SendJournal;
    return typeof j.token === 'string' && j.s && typeof j.s === 'object' ? j : null;
  } catch {
    return null;
  }
}

export const writeJournal = (ports: Ports, j: SendJournal, key = JOURNAL_KEY): void => ports.properties.set(key, JSON.stringify(j));

const isQuotaError = (m: string): boolean => /too many times|quota|kvot/i.test(m);

/**
 * MailApp's refusals of the message itself, raised while it checks the call, before anything
 * leaves: only these prove the guest got nothing, so only these make a guest Misslyckad (which
 * "Skicka igen" may resend). Any other error — a timeout, "Service error" — may come after Gmail
 * accepted the mail: the guest becomes Osäker, for a person to check in Sent.
 */
const NOT_SENT = /^(Invalid email|Invalid argument|Failed to send email: no recipient|Limit Exceeded: Email Recipients)/i;

/**
 * What an error of MailApp.sendEmail proves: `kvot` (the day's quota: refused before sending) and
 * `avvisad` (the address or message refused while checking it) prove nothing left; `osäker`
 * (anything else: a timeout, "Service error") may have come after Gmail accepted the mail.
 */
export type MailErrorKind = 'kvot' | 'avvisad' | 'osäker';
export const mailErrorKind = (why: string): MailErrorKind => (isQuotaError(why) ? 'kvot' : NOT_SENT.test(why) ? 'avvisad' : 'osäker');

/** The journal/outcome entry for an error of MailApp.sendEmail. */
const outcomeOfError = (why: string): string => ({ kvot: 'n', avvisad: `f:${why}`, osäker: `u:${why}` })[mailErrorKind(why)];

const quotaMsg = (waiting: number): Msg => mergeMsg.quotaUsedUp(waiting);

const UNCERTAIN_NOTE = 'Utskicket avbröts – okänt om mejlet gick iväg. Kontrollera Skickat och välj Bekräfta skickad eller Skicka igen.';
const uncertainNote = (why: string): string =>
  `Gmail svarade med ett fel (${why}) – okänt om mejlet gick iväg. Kontrollera Skickat och välj Bekräfta skickad eller Skicka igen.`;

export function freshToken(now: Date): string {
  return `${now.getTime().toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}

/** `inv` null: passes every check made without rendering, not rendered (past the plan's `renderUpTo`). */
export interface Planned { readonly row: GuestRow; readonly inv: Invitation | null }

/**
 * The approved guests (by `statusOf`) in sheet order, each with their
 * invitation or why they can't get one. An address that a mailed guest or an
 * earlier approved guest already has is blocked: one mail per address. A
 * guest whose row waits for review is blocked with the reason.
 *
 * Only the first `renderUpTo` sendable guests are rendered; the rest are
 * checked without rendering (inv null). A send batch needs only its own
 * guests rendered: rendering every waiting guest in every batch made a run
 * O(n²) (85 s of script time for 1 500 guests). A guest whose rendering fails
 * (a field value that breaks the template) is found blocked when a batch
 * reaches them; the confirm step (send-plan.ts) renders everyone once.
 */
export function planInvitations(
  check: TableCheck, rows: readonly GuestRow[], statusOf: (r: GuestRow) => string, s: InviteSettings, set: TemplateSet, rsvpLinkFor: RsvpLinkFor, now: Date,
  renderUpTo = Infinity,
): Planned[] {
  const used = new Map<string, string>();
  for (const r of rows) if (isMailed(statusOf(r)) && r.guest.email) used.set(normEmail(r.guest.email), r.guest.id);
  const plans: Planned[] = [];
  let rendered = 0;
  for (const r of rows) {
    if (statusOf(r) !== 'Godkänd') continue;
    if (r.unverified || r.index === null) {
      plans.push({ row: r, inv: { ok: false, reasons: [blockedBy(mergeMsg.guestGetsNoInvitation(), [r.unverified!])] } });
      continue;
    }
    const key = normEmail(r.guest.email);
    const other = used.get(key);
    if (!other && key) used.set(key, r.guest.id);
    if (other) {
      plans.push({ row: r, inv: { ok: false, reasons: [mergeMsg.sameEMailAddress(other)] } });
      continue;
    }
    const pre = preflight(r.guest, set);
    if (!('tpl' in pre)) {
      plans.push({ row: r, inv: { ok: false, reasons: pre.reasons } });
      continue;
    }
    const inv = rendered < renderUpTo ? buildInvitation(r.guest, linkVersionOf(check, r.index), s, set, rsvpLinkFor, now) : null;
    if (inv?.ok) rendered++;
    plans.push({ row: r, inv });
  }
  return plans;
}

export const blockedOf = (plans: readonly Planned[]): BlockedGuest[] =>
  plans.flatMap((p) => (!p.inv || p.inv.ok ? [] : [{ id: p.row.guest.id, name: guestName(p.row.guest), reasons: p.inv.reasons }]));

/** Gäster's new values for a guest whose send ended with outcome `o` in this execution. */
function settledValues(o: string, note: string, now: Date): Record<string, CellIn> {
  if (o === 's') return { [GUEST_COLUMNS.status]: 'Inbjuden', [GUEST_COLUMNS.sentAt]: now };
  if (o === 'n') return { [GUEST_COLUMNS.status]: 'Godkänd', [GUEST_COLUMNS.sentAt]: '' };
  if (o.startsWith('u:')) return { [GUEST_COLUMNS.status]: 'Osäker', [GUEST_COLUMNS.note]: withSendNote(note, uncertainNote(o.slice(2))) };
  return { [GUEST_COLUMNS.status]: 'Misslyckad', [GUEST_COLUMNS.note]: withSendNote(note, o.slice(2)) };
}

/** The outcome a journal entry records: how a 'Skickar' row is settled by the next lock holder. */
function recoveryOf(e: string): { to: string; note: string | null } {
  if (e === 'q' || e === 'n') return { to: 'Godkänd', note: null };
  if (e === 's') return { to: 'Inbjuden', note: null };
  if (e.startsWith('f:')) return { to: 'Misslyckad', note: e.slice(2) };
  if (e.startsWith('u:')) return { to: 'Osäker', note: uncertainNote(e.slice(2)) };
  return { to: 'Osäker', note: UNCERTAIN_NOTE };
}

/** What the pick left for the send: the guests, Gäster as checked and then marked, the journal as written. */
interface Phase1 {
  /** The picked guests' IDs, in the order they are mailed, and each one's index in Gäster's snapshot. */
  picked: string[]; at: ReadonlyMap<string, number>; capLeft: number; waiting: number; blocked: BlockedGuest[]; uncertain: number;
  check: TableCheck; journal: SendJournal | null;
}

/**
 * The pick, under the lock: settle every 'Skickar' row a dead execution left
 * (by its journal entry), pick at most `n` approved guests, journal them 'q',
 * THEN mark them 'Skickar' (Logg and Gäster in the same transaction). Rows
 * waiting for review are never written: their journal entries are carried.
 */
function pickBatch(ports: Ports, ctx: FullContext, set: TemplateSet, links: RsvpLinkFor, token: string, batchSize: number, quota: number): Phase1 {
  const s = inviteSettings(ctx);
  const check = checkTable(ctx.journal.fresh(), 'guests');
  const rows = guestRows(check);
  const now = ports.clock.now();
  const old = readJournal(ports);
  const tx = new Tx(ctx.journal);
  const carried: Record<string, string> = {};
  const status = new Map<string, string>();
  for (const r of rows) {
    status.set(r.guest.id, r.guest.status);
    if (r.guest.status !== 'Skickar') continue;
    const e = old?.s[r.guest.id] ?? '';
    if (e) carried[r.guest.id] = e;
    if (r.unverified || r.index === null) continue;
    const { to, note } = recoveryOf(e);
    const c: Record<string, CellIn> = { [GUEST_COLUMNS.status]: to, [GUEST_COLUMNS.note]: withSendNote(r.guest.note, note) };
    if (to === 'Godkänd') c[GUEST_COLUMNS.sentAt] = '';
    status.set(r.guest.id, to);
    delete carried[r.guest.id];
    tx.put(check, r.index, c, { action: to === 'Osäker' ? 'gäst.osäker' : 'gäst.återhämtad', object: r.guest.id, before: { Status: 'Skickar' }, after: { Status: to } });
  }
  // Room under the cap: everything that has (or may have) been mailed counts.
  const mailed = rows.filter((r) => isMailed(status.get(r.guest.id) ?? '')).length;
  const capLeft = Math.max(0, s.inviteCap - mailed);
  const take = Math.min(batchSize, quota, capLeft);
  const plans = planInvitations(check, rows, (r) => status.get(r.guest.id) ?? '', s, set, links, now, take);
  // Waiting: rendered fine, or not rendered yet (passes every check made without rendering).
  const ready = plans.filter((p) => p.inv === null || p.inv.ok);
  const picked = plans.filter((p) => p.inv?.ok).slice(0, take).map((p) => p.row);
  let journal: SendJournal | null = null;
  if (picked.length || Object.keys(carried).length) {
    const entries: Record<string, string> = { ...carried };
    for (const r of picked) entries[r.guest.id] = 'q';
    journal = { token, at: now.toISOString(), s: entries };
    tx.property(JOURNAL_KEY, JSON.stringify(journal)); // before the marks: with the commit's pending anchor
    if (picked.length) tx.afterward(JOURNAL_KEY, attemptingFirst(journal, picked[0].guest.id)); // after them: with the committed anchor
  } else if (old && Object.keys(old.s).length) ports.properties.delete(JOURNAL_KEY);
  for (const r of picked) {
    tx.put(check, r.index!, { [GUEST_COLUMNS.status]: 'Skickar', [GUEST_COLUMNS.sentAt]: now, [GUEST_COLUMNS.note]: withSendNote(r.guest.note, null) },
      { action: 'gäst.skickar', object: r.guest.id, before: { Status: 'Godkänd' }, after: { Status: 'Skickar' } });
  }
  tx.commit();
  return {
    picked: picked.map((r) => r.guest.id), at: new Map(picked.map((r) => [r.guest.id, r.index!])), capLeft, waiting: ready.length, blocked: blockedOf(plans),
    uncertain: rows.filter((r) => status.get(r.guest.id) === 'Osäker').length, check, journal,
  };
}

/**
 * The journal with the first picked guest 'a' (attempting), written with the pick's committed anchor,
 * after the marks have landed: the first mail's write-ahead entry without a call of its own (mailEach
 * is told so). A death between that write and the first mail leaves that one guest Osäker, as a death
 * between a write of its own and the mail would: still at most one guest of unknown fate.
 */
export const attemptingFirst = (j: SendJournal, first: string): string => JSON.stringify({ ...j, s: { ...j.s, [first]: 'a' } });

/**
 * The journal once the batch is recorded, written with the record's committed anchor: only the entries
 * of rows that could not be settled (rows waiting for review), for the next lock holder. A journal
 * without entries stands for none (a property can't be deleted in the anchor's setProperties call).
 */
export const settledJournal = (j: SendJournal): string => JSON.stringify({ ...j, token: '' });

/**
 * One batch of "Skicka inbjudningar" (projektledare). The client calls it
 * again while `done` is false. Sends to approved guests not yet invited, at
 * most `batchSize` (≤ 25) per call.
 */
export function sendBatch(ports: Ports, input: unknown, links: RsvpLinks): SendProgress {
  const { batchSize } = parseInput((batchArg ??= z.strictObject({ batchSize: z.int().check(z.gte(1), z.lte(MAX_BATCH)) })), input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  const s = inviteSettings(ctx);
  const linkFor = links();
  const set = loadTemplates(ctx.journal, ctx.eventCheck);
  const quota = Math.max(0, Math.floor(ports.mailer.remainingDailyQuota()));
  const token = freshToken(ports.clock.now());

  // One hold for the batch: the pick's commit flushes, so 'Skickar' is in the sheet before any mail goes out.
  return ports.lock.withLock(SEND_LOCK_MS, () => {
    const phase1 = pickBatch(ports, ctx, set, linkFor, token, batchSize, quota);
    if (phase1.picked.length && phase1.journal) return sendPicked(ports, ctx, set, linkFor, phase1, phase1.journal, quota);
    const message = phase1.waiting === 0
      ? (phase1.blocked.length
        ? mergeMsg.nothingSendApprovedGuests(phase1.blocked.length)
        : mergeMsg.everyApprovedGuestBeen())
      : quota === 0 ? quotaMsg(phase1.waiting)
        : mergeMsg.capInvitedReachedApproved(s.inviteCap, phase1.waiting);
    return {
      sent: 0, failed: 0, uncertainNow: 0, remaining: phase1.waiting, uncertain: phase1.uncertain, blocked: phase1.blocked,
      quotaLeft: quota, capLeft: phase1.capLeft, done: true, message,
    };
  });
}

/**
 * The sending loop (invitations and reminders), under the lock that picked the guests: for each picked
 * guest, journal 'a' (the same property write carries the previous guest's outcome; the first
 * guest's is already stored: the pick wrote it with its committed anchor, attemptingFirst), one
 * mailer.send, the outcome in memory; a quota error stops the loop (the rest 'n'). `build`
 * gives the guest's message, null when it can't be built now ('n': back to waiting), or 'skip'
 * when the row is no longer this batch's (no outcome: its entry stays for the next lock holder).
 * `j` comes as the pick journalled it (each picked guest 'q') and holds every outcome afterwards; the
 * caller writes it once more with the record's pending anchor (Tx.property), before the record.
 */
export function mailEach(
  ports: Ports, key: string, j: SendJournal, picked: readonly string[], build: (id: string) => MailMessage | null | 'skip',
): { outcome: Map<string, string>; stop: boolean } {
  const outcome = new Map<string, string>();
  let stop = false;
  for (const [i, id] of picked.entries()) {
    const message = build(id);
    // A skipped guest keeps `j`'s 'q': the next write puts it over the first guest's stored 'a' too.
    if (message === 'skip') continue;
    if (stop || message === null) { outcome.set(id, 'n'); j.s[id] = 'n'; continue; }
    j.s[id] = 'a';
    // The first guest's 'a' is already stored: the pick wrote it with its committed anchor (attemptingFirst).
    if (i > 0) writeJournal(ports, j, key); // carries the previous guest's outcome too
    let o: string;
    try {
      ports.mailer.send(message);
      o = 's';
    } catch (err) {
      o = outcomeOfError(String(err instanceof Error ? err.message : err).replace(/[\r\n]+/g, ' ').slice(0, 150));
    }
    outcome.set(id, o);
    j.s[id] = o;
    if (o === 'n') stop = true;
  }
  return { outcome, stop };
}

/**
 * Gäster as the pick's commit left it, checked again without a range read: the commit wrote the
 * snapshot's rows as it wrote the sheet (new seals included) and the anchor as committed, and the
 * lock is still held. Only the rows the commit wrote are checked again (recheckTable says why the
 * others' checks stand). (A row a person changed by hand meanwhile shows up at the next read.)
 */
export const afterCommit = (journal: Journal, check: TableCheck): TableCheck => recheckTable(journal, check);

/**
 * The picked guests' rows as `check` has them, by ID: only the batch's rows are read (not every
 * guest of Gäster again). A row that no longer holds that guest is left out.
 */
export function pickedRows(check: TableCheck, picked: readonly string[], at: ReadonlyMap<string, number>): Map<string, GuestRow> {
  const out = new Map<string, GuestRow>();
  for (const id of picked) {
    const rc = check.byIndex.get(at.get(id) ?? -1);
    const r = rc ? guestRowOf(check, rc) : undefined;
    if (r?.guest.id === id) out.set(id, r);
  }
  return out;
}

/** The send, under the pick's hold of the lock: journal 'a', send, journal the outcome; then record every outcome in one transaction. */
function sendPicked(ports: Ports, ctx: FullContext, set: TemplateSet, links: RsvpLinkFor, phase1: Phase1, j: SendJournal, quota: number): SendProgress {
  const check = afterCommit(ctx.journal, phase1.check);
  const byId = pickedRows(check, phase1.picked, phase1.at);
  const now = ports.clock.now();
  const s = inviteSettings(ctx);
  const { outcome, stop } = mailEach(ports, JOURNAL_KEY, j, phase1.picked, (id) => {
    const r = byId.get(id);
    // Not as this batch's pick left it (a guard: nothing can write Gäster in between): not ours to send.
    if (!r || r.unverified || r.index === null || r.guest.status !== 'Skickar') return 'skip';
    const inv = buildInvitation(r.guest, linkVersionOf(check, r.index), s, set, links, now);
    return inv.ok ? inv.message : null;
  });
  // Every outcome, journalled with the record's pending anchor: before Gäster is written.
  const tx = new Tx(ctx.journal).property(JOURNAL_KEY, JSON.stringify(j));
  let sent = 0, failed = 0, unsure = 0;
  for (const [id, o] of outcome) {
    const r = byId.get(id)!;
    const c = settledValues(o, r.guest.note, now);
    if (o === 's') sent++;
    if (o.startsWith('f:')) failed++;
    if (o.startsWith('u:')) unsure++;
    tx.put(check, r.index!, c, {
      action: o === 's' ? 'gäst.inbjuden' : o === 'n' ? 'gäst.ej-skickad' : o.startsWith('u:') ? 'gäst.osäker' : 'gäst.misslyckad', object: id,
      before: { Status: 'Skickar' }, after: { Status: c[GUEST_COLUMNS.status], ...(o[1] === ':' ? { Skäl: o.slice(2) } : {}) },
    });
    delete j.s[id];
  }
  // Entries of rows that could not be settled (rows waiting for review) stay for the next run.
  tx.afterward(JOURNAL_KEY, settledJournal(j)).commit();
  const remaining = phase1.waiting - sent - failed - unsure;
  const quotaLeft = stop ? 0 : Math.max(0, quota - sent);
  // An uncertain mail may have gone out: it takes its place under the cap, as the next pick counts it (isMailed).
  const capLeft = Math.max(0, phase1.capLeft - sent - unsure);
  const done = remaining <= 0 || quotaLeft === 0 || capLeft === 0;
  const blocked = phase1.blocked.length;
  const parts = mergeMsg.batchSent({ sent, failed, unsure, remaining, blocked });
  const message = remaining > 0 && quotaLeft === 0 ? join([parts, quotaMsg(remaining)]) : parts;
  return { sent, failed, uncertainNow: unsure, remaining, uncertain: phase1.uncertain + unsure, blocked: phase1.blocked, quotaLeft, capLeft, done, message };
}
