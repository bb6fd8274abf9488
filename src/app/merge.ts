/**
 * Mail merge: preview, test send and the real send in client-driven batches.
 *
 * NEVER A DUPLICATE — the design (see sendBatch):
 *
 *   Phase 1, under the document lock: read Gäster; recover every 'Skickar'
 *   row (a live sender holds the lock for the whole of its sending phase, so
 *   any 'Skickar' seen here belongs to a dead execution); pick at most
 *   min(batchSize, quota, cap room) approved guests; write the send journal
 *   (document property) with each picked guest 'q' (queued), THEN mark them
 *   'Skickar' + Skickad (one range write); release → the lock port flushes, so
 *   the marks are in the sheet before any mail goes out.
 *
 *   Phase 2, under the lock again: re-read Gäster and the journal; if the
 *   journal is no longer ours (another execution got the lock in between,
 *   recovered our rows and took them over) send nothing. Otherwise for each
 *   picked guest still 'Skickar': journal 'a' (attempting; the same property
 *   write carries the previous guest's outcome) → one mailer.send → outcome
 *   in memory. Then journal all outcomes, record Inbjuden / Misslyckad /
 *   back to Godkänd (one range write), log, delete the journal, release.
 *
 *   Recovery of a 'Skickar' row by its journal entry: 'q' → Godkänd (never
 *   attempted), 's' → Inbjuden, 'f:…' → Misslyckad, 'a' or no entry → Osäker
 *   (a person checks Skickat and resolves; never retried blindly). So only a
 *   death between the 'a' write and the next journal write leaves a guest
 *   Osäker — the one mail whose fate nobody can know.
 *
 * Properties writes are immediate (no flush needed); sheet writes land at
 * the latest when the lock is released.
 */
import * as z from 'zod/mini';
import { GUEST_COLUMNS, isMailed, isValidEmail, normEmail, parseLanguage, type Guest } from '../core/guests';
import { buildIcs, occurrencesFor } from '../core/ics';
import { cellText } from '../core/budget';
import { msg, UserError, type Lang, type Msg } from '../core/msg';
import type { Settings } from '../core/settings';
import { checkTemplate, formatDate, renderTemplate, type MergeValues, type Rendered, type Template } from '../core/template';
import { appendAudit, type AuditEntry } from './audit';
import { loadContext, requireRole } from './context';
import { guestSchemas, notFound, parseInput } from './guests';
import { findGuestRow, guestName, guestRows, withSendNote, writeChanges, type GuestRow } from './invite-rows';
import type { CellIn, MailAttachment, MailMessage, Ports } from './ports';
import { cellOf, isBlankRow, openTable } from './tables';

const SEND_LOCK_MS = 30_000;
const MAX_BATCH = 25;
export const JOURNAL_KEY = 'summit.send.journal';

/** The personal RSVP link for a guest (the web-app adapter builds it). */
export type RsvpLinkFor = (guest: { readonly id: string; readonly email: string }) => string;

// ---------------------------------------------------------------------------
// Templates and rendering

export interface TemplateSet {
  readonly templates: ReadonlyMap<Lang, Template>;
  /** Per-language problems (duplicate rows, broken templates): guests in that language are blocked. */
  readonly problems: ReadonlyMap<Lang, readonly Msg[]>;
}

/** One read of Mallar. */
export function loadTemplates(ports: Ports): TemplateSet {
  const t = openTable(ports.workbook, 'templates');
  const templates = new Map<Lang, Template>();
  const problems = new Map<Lang, Msg[]>();
  const add = (l: Lang, m: Msg) => problems.set(l, [...(problems.get(l) ?? []), m]);
  for (const row of t.snap.rows) {
    if (isBlankRow(row)) continue;
    const lang = parseLanguage(cellText(cellOf(t, row, 'Språk')));
    if (!lang) continue;
    if (templates.has(lang)) {
      add(lang, msg(`Det finns flera mallar för språket ${lang} på bladet Mallar; behåll en.`, `There is more than one template for ${lang} on the Mallar sheet; keep one.`));
      continue;
    }
    const tpl: Template = { language: lang, subject: String(cellOf(t, row, 'Ämne') ?? ''), body: String(cellOf(t, row, 'Brödtext') ?? '') };
    templates.set(lang, tpl);
    for (const p of checkTemplate(tpl)) add(lang, p);
  }
  return { templates, problems };
}

function mergeValues(g: Guest, s: Settings, lang: Lang, rsvpLink: string): MergeValues {
  return {
    firstName: g.firstName, lastName: g.lastName, title: g.title, organisation: g.organisation, country: g.country,
    email: g.email, guestEvents: g.events.join(', '), eventName: s.eventName,
    startDate: formatDate(s.startDate, lang), endDate: formatDate(s.endDate, lang), venue: s.venue,
    rsvpDeadline: formatDate(s.rsvpDeadline, lang), sender: s.senderName, rsvpLink,
  };
}

export type Invitation = { ok: true; message: MailMessage; rendered: Rendered } | { ok: false; reasons: Msg[] };

/** Everything one guest gets, or why they can't get it. Pure given its inputs. */
export function buildInvitation(g: Guest, s: Settings, set: TemplateSet, rsvpLinkFor: RsvpLinkFor, now: Date): Invitation {
  const reasons: Msg[] = [];
  if (!isValidEmail(g.email)) reasons.push(msg(`Ogiltig e-postadress "${g.email}".`, `Invalid e-mail address "${g.email}".`));
  const lang = parseLanguage(g.language);
  if (!lang) return { ok: false, reasons: [...reasons, msg(`Okänt språk "${g.language}".`, `Unknown language "${g.language}".`)] };
  const tpl = set.templates.get(lang);
  if (!tpl) return { ok: false, reasons: [...reasons, msg(`Det finns ingen mall för språket ${lang} (bladet Mallar).`, `There is no template for ${lang} (the Mallar sheet).`)] };
  reasons.push(...(set.problems.get(lang) ?? []));
  let link = '';
  try {
    link = rsvpLinkFor({ id: g.id, email: g.email });
  } catch (e) {
    reasons.push(e instanceof UserError ? e.userMessage : msg('Svarslänken kunde inte skapas.', 'The RSVP link could not be made.'));
  }
  if (reasons.length) return { ok: false, reasons };
  const r = renderTemplate(tpl, mergeValues(g, s, lang, link));
  if (!r.ok) return { ok: false, reasons: r.reasons };
  const attachments: MailAttachment[] = [];
  const occ = occurrencesFor(g.events, s);
  if (occ.length) {
    attachments.push({
      fileName: lang === 'sv' ? 'inbjudan.ics' : 'invitation.ics',
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
let guestIdArg: z.ZodMiniType<{ guestId: string }> | undefined;
let batchArg: z.ZodMiniType<{ batchSize: number }> | undefined;
const guestIdInput = () => (guestIdArg ??= z.strictObject({ guestId: guestSchemas().id }));

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

function findGuest(ports: Ports, id: string): Guest {
  const r = findGuestRow(openTable(ports.workbook, 'guests'), id);
  if (!r) throw notFound(id);
  return r.guest;
}

/** Exactly what the guest will get (projektledare or styrgrupp). */
export function previewInvitation(ports: Ports, input: unknown, rsvpLinkFor: RsvpLinkFor): InvitationPreview {
  const { guestId } = parseInput(guestIdInput(), input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare', 'styrgrupp']);
  const g = findGuest(ports, guestId);
  const inv = buildInvitation(g, ctx.settings, loadTemplates(ports), rsvpLinkFor, ports.clock.now());
  if (!inv.ok) return { guestId, to: g.email, blocked: inv.reasons, subject: '', html: '', text: '', attachments: [], ics: '' };
  const att = inv.message.attachments ?? [];
  return {
    guestId, to: inv.message.to, blocked: [], subject: inv.rendered.subject, html: inv.rendered.html, text: inv.rendered.text,
    attachments: att.map((a) => a.fileName), ics: att[0]?.content ?? '',
  };
}

/** Sends that guest's rendering to the current user only, subject prefixed "[TEST] "; logged. */
export function sendTestInvitation(ports: Ports, input: unknown, rsvpLinkFor: RsvpLinkFor): { to: string } {
  const { guestId } = parseInput(guestIdInput(), input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare', 'styrgrupp']);
  if (!isValidEmail(ctx.email)) throw new UserError(msg('Din e-postadress är okänd; testet kan inte skickas.', 'Your e-mail address is unknown; the test cannot be sent.'));
  const g = findGuest(ports, guestId);
  const inv = buildInvitation(g, ctx.settings, loadTemplates(ports), rsvpLinkFor, ports.clock.now());
  if (!inv.ok) {
    throw new UserError(msg(`Inbjudan kan inte skickas: ${inv.reasons.map((r) => r.sv).join(' ')}`, `The invitation cannot be sent: ${inv.reasons.map((r) => r.en).join(' ')}`));
  }
  if (ports.mailer.remainingDailyQuota() < 1) throw new UserError(quotaMsg(0));
  ports.mailer.send({ ...inv.message, to: ctx.email, subject: `[TEST] ${inv.message.subject}` });
  ports.lock.withLock(SEND_LOCK_MS, () => appendAudit(ports, [{ action: 'inbjudan.test', object: guestId, after: { till: ctx.email } }]));
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

/** Journal entry: q queued, a attempting, s sent, f:<reason> failed, n not sent (back to Godkänd). */
interface Journal { token: string; at: string; s: Record<string, string> }

function readJournal(ports: Ports): Journal | null {
  const raw = ports.properties.get(JOURNAL_KEY);
  if (!raw) return null;
  try {
    const j = JSON.parse(raw) as Journal;
    return typeof j.token === 'string' && j.s && typeof j.s === 'object' ? j : null;
  } catch {
    return null;
  }
}

const writeJournal = (ports: Ports, j: Journal): void => ports.properties.set(JOURNAL_KEY, JSON.stringify(j));

const isQuotaError = (m: string): boolean => /too many times|quota|kvot/i.test(m);

const quotaMsg = (waiting: number): Msg => msg(
  `Dagens e-postkvot är slut${waiting ? `; ${waiting} inbjudningar väntar` : ''}. Kvoten fylls på inom ett dygn – kör Skicka inbjudningar igen i morgon. Inget skickas dubbelt.`,
  `Today's e-mail quota is used up${waiting ? `; ${waiting} invitations are waiting` : ''}. It refills within 24 hours – run Send invitations again tomorrow. Nothing is sent twice.`,
);

const UNCERTAIN_NOTE = 'Utskicket avbröts – okänt om mejlet gick iväg. Kontrollera Skickat och välj Bekräfta skickad eller Skicka igen.';

function freshToken(now: Date): string {
  return `${now.getTime().toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}

export interface Planned { readonly row: GuestRow; readonly inv: Invitation }

/**
 * The approved guests (by `statusOf`) in sheet order, each with their
 * invitation or why they can't get one. An address that a mailed guest or an
 * earlier approved guest already has is blocked: one mail per address.
 */
export function planInvitations(
  rows: readonly GuestRow[], statusOf: (r: GuestRow) => string, s: Settings, set: TemplateSet, rsvpLinkFor: RsvpLinkFor, now: Date,
): Planned[] {
  const used = new Map<string, string>();
  for (const r of rows) if (isMailed(statusOf(r)) && r.guest.email) used.set(normEmail(r.guest.email), r.guest.id);
  const plans: Planned[] = [];
  for (const r of rows) {
    if (statusOf(r) !== 'Godkänd') continue;
    const key = normEmail(r.guest.email);
    const other = used.get(key);
    const inv: Invitation = other
      ? { ok: false, reasons: [msg(`Samma e-postadress som ${other}.`, `Same e-mail address as ${other}.`)] }
      : buildInvitation(r.guest, s, set, rsvpLinkFor, now);
    if (!other && key) used.set(key, r.guest.id);
    plans.push({ row: r, inv });
  }
  return plans;
}

export const blockedOf = (plans: readonly Planned[]): BlockedGuest[] =>
  plans.flatMap((p) => (p.inv.ok ? [] : [{ id: p.row.guest.id, name: guestName(p.row.guest), reasons: p.inv.reasons }]));

/**
 * One batch of "Skicka inbjudningar" (projektledare). The client calls it
 * again while `done` is false. Sends to approved guests not yet invited, at
 * most `batchSize` (≤ 25) per call.
 */
export function sendBatch(ports: Ports, input: unknown, rsvpLinkFor: RsvpLinkFor): SendProgress {
  const { batchSize } = parseInput((batchArg ??= z.strictObject({ batchSize: z.int().check(z.gte(1), z.lte(MAX_BATCH)) })), input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare']);
  const s = ctx.settings;
  const set = loadTemplates(ports);
  const quota = Math.max(0, Math.floor(ports.mailer.remainingDailyQuota()));
  const token = freshToken(ports.clock.now());

  // Phase 1: recover, pick, mark.
  const phase1 = ports.lock.withLock(SEND_LOCK_MS, () => {
    const t = openTable(ports.workbook, 'guests');
    const rows = guestRows(t);
    const now = ports.clock.now();
    const old = readJournal(ports);
    const changes = new Map<number, Record<string, CellIn>>();
    const audit: AuditEntry[] = [];
    const carried: Record<string, string> = {};
    const status = new Map<string, string>();
    for (const r of rows) {
      status.set(r.guest.id, r.guest.status);
      if (r.guest.status !== 'Skickar') continue;
      const e = old?.s[r.guest.id] ?? '';
      if (e) carried[r.guest.id] = e;
      const [to, note] = e === 'q' || e === 'n' ? ['Godkänd', null] as const
        : e === 's' ? ['Inbjuden', null] as const
          : e.startsWith('f:') ? ['Misslyckad', e.slice(2)] as const
            : ['Osäker', UNCERTAIN_NOTE] as const;
      const c: Record<string, CellIn> = { [GUEST_COLUMNS.status]: to, [GUEST_COLUMNS.note]: withSendNote(r.guest.note, note) };
      if (to === 'Godkänd') c[GUEST_COLUMNS.sentAt] = '';
      changes.set(r.index, c);
      status.set(r.guest.id, to);
      audit.push({ action: to === 'Osäker' ? 'gäst.osäker' : 'gäst.återhämtad', object: r.guest.id, before: { Status: 'Skickar' }, after: { Status: to, ...(note ? { Anteckning: note } : {}) } });
    }
    // Room under the cap: everything that has (or may have) been mailed counts.
    const mailed = rows.filter((r) => isMailed(status.get(r.guest.id) ?? '')).length;
    const capLeft = Math.max(0, s.inviteCap - mailed);
    // Candidates: approved, in sheet order; block addresses already used by another guest.
    const plans = planInvitations(rows, (r) => status.get(r.guest.id) ?? '', s, set, rsvpLinkFor, now);
    const ready = plans.filter((p) => p.inv.ok);
    const n = Math.min(batchSize, quota, capLeft, ready.length);
    const picked = ready.slice(0, n).map((p) => p.row);
    if (picked.length) {
      const entries: Record<string, string> = { ...carried };
      for (const r of picked) entries[r.guest.id] = 'q';
      writeJournal(ports, { token, at: now.toISOString(), s: entries }); // before the marks
      for (const r of picked) {
        changes.set(r.index, { [GUEST_COLUMNS.status]: 'Skickar', [GUEST_COLUMNS.sentAt]: now, [GUEST_COLUMNS.note]: withSendNote(r.guest.note, null) });
        audit.push({ action: 'gäst.skickar', object: r.guest.id, before: { Status: 'Godkänd' }, after: { Status: 'Skickar' } });
      }
    }
    writeChanges(t, changes);
    appendAudit(ports, audit);
    if (!picked.length && old) ports.properties.delete(JOURNAL_KEY);
    return {
      picked: picked.map((r) => r.guest.id), capLeft, waiting: ready.length, blocked: blockedOf(plans),
      uncertain: rows.filter((r) => status.get(r.guest.id) === 'Osäker').length,
    };
  }); // released: the lock port flushes, so 'Skickar' is in the sheet before any mail goes out

  if (phase1.picked.length === 0) {
    const done = true;
    const message = phase1.waiting === 0
      ? (phase1.blocked.length
        ? msg(`Inget att skicka: ${phase1.blocked.length} godkända gäster är blockerade (se skälen).`, `Nothing to send: ${phase1.blocked.length} approved guests are blocked (see the reasons).`)
        : msg('Alla godkända gäster har fått sin inbjudan.', 'Every approved guest has been invited.'))
      : quota === 0 ? quotaMsg(phase1.waiting)
        : msg(`Taket (${s.inviteCap} inbjudna) är nått; ${phase1.waiting} godkända gäster väntar.`, `The cap (${s.inviteCap} invited) is reached; ${phase1.waiting} approved guests are waiting.`);
    return { sent: 0, failed: 0, remaining: phase1.waiting, uncertain: phase1.uncertain, blocked: phase1.blocked, quotaLeft: quota, capLeft: phase1.capLeft, done, message };
  }

  // Phase 2: send and record, holding the lock (so a 'Skickar' anyone else sees is dead).
  return ports.lock.withLock(SEND_LOCK_MS, () => {
    const t = openTable(ports.workbook, 'guests');
    const rows = guestRows(t);
    const j = readJournal(ports);
    if (!j || j.token !== token) {
      return {
        sent: 0, failed: 0, remaining: phase1.waiting, uncertain: phase1.uncertain, blocked: phase1.blocked,
        quotaLeft: quota, capLeft: phase1.capLeft, done: false,
        message: msg('En annan utskick tog över; inget skickades i detta steg.', 'Another send took over; nothing was sent in this step.'),
      };
    }
    const byId = new Map(rows.map((r) => [r.guest.id, r]));
    const now = ports.clock.now();
    const outcome = new Map<string, string>();
    let stop = false;
    for (const id of phase1.picked) {
      const r = byId.get(id);
      if (!r || r.guest.status !== 'Skickar') continue; // changed meanwhile: not ours to send
      if (stop) { outcome.set(id, 'n'); j.s[id] = 'n'; continue; }
      const inv = buildInvitation(r.guest, s, set, rsvpLinkFor, now);
      if (!inv.ok) { outcome.set(id, 'n'); j.s[id] = 'n'; continue; }
      j.s[id] = 'a';
      writeJournal(ports, j); // carries the previous guest's outcome too
      try {
        ports.mailer.send(inv.message);
        outcome.set(id, 's');
      } catch (err) {
        const why = String(err instanceof Error ? err.message : err).replace(/[\r\n]+/g, ' ').slice(0, 150);
        if (isQuotaError(why)) { outcome.set(id, 'n'); stop = true; } else outcome.set(id, `f:${why}`);
      }
      j.s[id] = outcome.get(id) ?? 'a';
    }
    writeJournal(ports, j);
    const changes = new Map<number, Record<string, CellIn>>();
    const audit: AuditEntry[] = [];
    let sent = 0, failed = 0;
    for (const [id, o] of outcome) {
      const r = byId.get(id);
      if (!r) continue;
      const c: Record<string, CellIn> =
        o === 's' ? { [GUEST_COLUMNS.status]: 'Inbjuden', [GUEST_COLUMNS.sentAt]: now }
          : o === 'n' ? { [GUEST_COLUMNS.status]: 'Godkänd', [GUEST_COLUMNS.sentAt]: '' }
            : { [GUEST_COLUMNS.status]: 'Misslyckad', [GUEST_COLUMNS.note]: withSendNote(r.guest.note, o.slice(2)) };
      changes.set(r.index, c);
      if (o === 's') sent++;
      if (o.startsWith('f:')) failed++;
      audit.push({
        action: o === 's' ? 'gäst.inbjuden' : o === 'n' ? 'gäst.ej-skickad' : 'gäst.misslyckad', object: id,
        before: { Status: 'Skickar' }, after: { Status: c[GUEST_COLUMNS.status], ...(o.startsWith('f:') ? { Skäl: o.slice(2) } : {}) },
      });
    }
    writeChanges(t, changes);
    appendAudit(ports, audit);
    ports.properties.delete(JOURNAL_KEY);
    const remaining = phase1.waiting - sent - failed;
    const quotaLeft = stop ? 0 : Math.max(0, quota - sent);
    const capLeft = Math.max(0, phase1.capLeft - sent);
    const done = remaining <= 0 || quotaLeft === 0 || capLeft === 0;
    const parts = msg(
      `${sent} inbjudningar skickade${failed ? `, ${failed} misslyckades` : ''}; ${remaining} kvar.`,
      `${sent} invitations sent${failed ? `, ${failed} failed` : ''}; ${remaining} left.`,
    );
    const message = remaining > 0 && quotaLeft === 0 ? msg(`${parts.sv} ${quotaMsg(remaining).sv}`, `${parts.en} ${quotaMsg(remaining).en}`) : parts;
    return { sent, failed, remaining, uncertain: phase1.uncertain, blocked: phase1.blocked, quotaLeft, capLeft, done, message };
  });
}

