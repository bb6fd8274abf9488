/**
 * "Skicka påminnelse" (projektledare): a reminder to every invited guest who has not answered,
 * through the invitation's pipeline (src/app/merge.ts): the same templates and rendering
 * (Mallar rows of Typ Påminnelse, buildInvitation), preview and test mail (previewMail and
 * sendTestMail with kind 'reminder'), the same single hold of the lock per batch, journal
 * protocol and sending loop (mailEach), quota handling and client-driven batches with progress.
 *
 * ROUNDS. Each press of the button starts a round: number n and its start (document property
 * ROUND_KEY, written under the lock and logged 'påminnelse.omgång'). A guest is reminded in
 * round n when their Påmind (Gäster, sealed) is at or after the round's start; a round can be
 * continued batch by batch and on another day (quota), and a guest gets at most one reminder of
 * it: the promise is per round, and the next round reminds whoever still has not answered.
 *
 * NEVER TWO REMINDERS OF ONE ROUND — like the invitations (merge.ts), with Påmind as the mark:
 *
 *   One hold of the lock a batch. Pick: settle the journal a dead batch left (below); start the
 *   round if asked; pick at most min(batchSize, quota) guests who await an answer (Inbjuden) and
 *   have no reminder of this round; write the reminder journal (REMIND_JOURNAL_KEY, its own key:
 *   an invitation send and a reminder round never read each other's entries) with each picked
 *   guest 'q' and their Påmind before, THEN claim them: Påmind = now (one transaction, flushed
 *   by its commit), so every later batch sees them as reminded in this round.
 *
 *   Send, still holding the lock (Gäster checked again in memory, as merge.ts's afterCommit
 *   says): for each picked guest still claimed: 'a' → one mail → outcome, as merge.ts's mailEach
 *   does. Then record every outcome (one transaction), delete the journal.
 *
 *   Settling an entry (after the send, or by the next batch after a death): 's' keeps the claim (logged
 *   'gäst.påmind'); 'q'/'n' (never attempted) give Påmind its value before back, so the guest
 *   waits for this round again; 'f:' (the mail was refused, nothing left) gives it back too and
 *   notes why in Anteckning, which keeps the guest out of this round (the next one tries
 *   again); 'a' or 'u:' (the mail may have gone) keep the claim and note it: never sent twice
 *   in the round, and a person can check Skickat.
 */
import * as z from 'zod/mini';
import { GUEST_COLUMNS } from '../core/guests';
import { remindMsg } from '../core/messages/remind';
import { UserError, type Msg } from '../core/msg';
import { join } from '../core/i18n';
import { loadFullContext, requireRole, type FullContext } from './context';
import { linkVersionOf, parseInput } from './guests';
import { blockedBy } from './integrity';
import { guestName, guestRows, REMINDER_TAG, taggedNoteOf, withTaggedNote, type GuestRow } from './invite-rows';
import { checkTable, Tx, type TableCheck } from './journal';
import {
  afterCommit, attemptingFirst, buildInvitation, freshToken, pickedRows, inviteSettings, loadTemplates, mailEach, MAX_BATCH, readJournal, settledJournal,
  type BlockedGuest, type Invitation, type InviteSettings, type RsvpLinkFor, type RsvpLinks, type SendJournal, type TemplateSet,
} from './merge';
import type { Cell, CellIn, Ports } from './ports';

const LOCK_MS = 30_000;
/** The reminder batches' journal (merge.ts's protocol; never the invitations' key). */
export const REMIND_JOURNAL_KEY = 'summit.remind.journal';
/** The latest round: `{"n":2,"start":"2009-11-20T09:00:00.000Z"}`. */
export const ROUND_KEY = 'summit.remind.round';

export interface Round { readonly n: number; readonly start: string }

export function readRound(ports: Ports): Round | null {
  try {
    const r = JSON.parse(ports.properties.get(ROUND_KEY) ?? 'null') as Round | null;
    return r && Number.isSafeInteger(r.n) && r.n > 0 && !Number.isNaN(Date.parse(r.start)) ? r : null;
  } catch {
    return null;
  }
}

/** The guests a reminder is for: invited, not yet answered. */
export const awaitsAnswer = (status: string): boolean => status === 'Inbjuden';

/** A sheet keeps date-times to the second: compare whole seconds. */
const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/** The Påmind cell of a row as the sheet holds it (a verified row: as sealed). */
const remindedCell = (check: TableCheck, r: GuestRow): Cell =>
  r.index === null ? '' : (check.t.snap.rows[r.index][check.t.col[GUEST_COLUMNS.remindedAt]] ?? '');

/** When the guest was last reminded, or null. */
export const remindedAt = (check: TableCheck, r: GuestRow): Date | null => {
  const v = remindedCell(check, r);
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v : null;
};

const inRound = (at: Date | null, round: Round): boolean => at !== null && seconds(at) >= seconds(new Date(round.start));

/** The note line of a round's trouble: "omgång 3: …" after the tag. */
const roundLine = (n: number, text: string): string => `omgång ${n}: ${text}`;
/** The mail service's reason of a round's failure, as written beside "misslyckades (…)" (the message adds its own words). */
const failedIn = (note: string, n: number): string | null => {
  const line = taggedNoteOf(note, REMINDER_TAG);
  const head = `omgång ${n}: misslyckades (`;
  return line.startsWith(head) && line.endsWith(')') ? line.slice(head.length, -1) : null;
};

// ---------------------------------------------------------------------------
// Planning

/** `inv` null: passes every check made without rendering, not rendered (past `renderUpTo`). */
interface Planned { readonly row: GuestRow; readonly inv: Invitation | null }

/**
 * The guests round `round` still has to remind, in sheet order, each with their reminder or why
 * they can't get it (a row waiting for review, a reminder of this round that failed, the
 * template). `remindedOf` is each guest's Påmind as it is now (after settling a dead batch).
 * Only the first `renderUpTo` are rendered: a batch renders only what it sends (O(n) a round).
 */
function planRound(
  check: TableCheck, rows: readonly GuestRow[], remindedOf: (r: GuestRow) => Date | null, round: Round | null,
  s: InviteSettings, set: TemplateSet, links: RsvpLinkFor, now: Date, renderUpTo = Infinity,
): Planned[] {
  const plans: Planned[] = [];
  let rendered = 0;
  for (const r of rows) {
    if (!awaitsAnswer(r.guest.status) || (round && inRound(remindedOf(r), round))) continue;
    if (r.unverified || r.index === null) {
      plans.push({ row: r, inv: { ok: false, reasons: [blockedBy(remindMsg.guestGetsNoReminder(), [r.unverified!])] } });
      continue;
    }
    const failed = round ? failedIn(r.guest.note, round.n) : null;
    if (failed !== null) {
      plans.push({ row: r, inv: { ok: false, reasons: [remindMsg.failedThisRound(round!.n, failed)] } });
      continue;
    }
    const inv = rendered < renderUpTo ? buildInvitation(r.guest, linkVersionOf(check, r.index), s, set, links, now) : null;
    if (inv?.ok) rendered++;
    plans.push({ row: r, inv });
  }
  return plans;
}

const blockedOf = (plans: readonly Planned[]): BlockedGuest[] =>
  plans.flatMap((p) => (!p.inv || p.inv.ok ? [] : [{ id: p.row.guest.id, name: guestName(p.row.guest), reasons: p.inv.reasons }]));

export interface ReminderRecipient {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly language: string;
  /** When the guest was last reminded (ISO), '' for never. */
  readonly lastReminded: string;
}

export interface ReminderPlan {
  readonly account: string;
  readonly senderName: string;
  readonly replyTo: string;
  readonly quotaLeft: number;
  /** The latest round (null before the first). */
  readonly round: Round | null;
  /** Who a new round reminds: every invited guest who has not answered, with their last reminder. */
  readonly recipients: readonly ReminderRecipient[];
  /** How many of them the latest round has not reminded yet (continuing it sends only to these). */
  readonly leftInRound: number;
  readonly blocked: readonly BlockedGuest[];
}

/** What "Skicka påminnelse" would do now, for the confirm step. Reads only; projektledare. */
export function planReminders(ports: Ports, links: RsvpLinks): ReminderPlan {
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  const s = inviteSettings(ctx);
  const check = checkTable(ctx.journal, 'guests');
  const rows = guestRows(check);
  const round = readRound(ports);
  const set = loadTemplates(ctx.journal, ctx.eventCheck, 'reminder');
  const plans = planRound(check, rows, (r) => remindedAt(check, r), null, s, set, links(), ports.clock.now());
  const recipients = plans.flatMap(({ row, inv }) => (inv?.ok ? [{
    id: row.guest.id, name: guestName(row.guest), email: row.guest.email, language: row.guest.language,
    lastReminded: remindedAt(check, row)?.toISOString() ?? '',
  }] : []));
  const leftInRound = round ? recipients.filter((r) => !r.lastReminded || seconds(new Date(r.lastReminded)) < seconds(new Date(round.start))).length : 0;
  return {
    account: ctx.email, senderName: s.senderName, replyTo: s.replyTo, quotaLeft: Math.max(0, Math.floor(ports.mailer.remainingDailyQuota())),
    round, recipients, leftInRound, blocked: blockedOf(plans),
  };
}

// ---------------------------------------------------------------------------
// Sending

export interface ReminderProgress {
  /** The round this batch sent in (the client continues it). */
  readonly round: number;
  readonly sent: number;
  readonly failed: number;
  /** Attempted in this call with an unknown outcome. */
  readonly uncertainNow: number;
  /** Guests this round still has to remind (not counting blocked ones). */
  readonly remaining: number;
  readonly blocked: readonly BlockedGuest[];
  readonly quotaLeft: number;
  readonly done: boolean;
  readonly message: Msg;
}

let batchArg: z.ZodMiniType<{ batchSize: number; round: number }> | undefined;
/** `round` 0 starts a new round; otherwise the round to continue (it must be the latest). */
const batchInput = () => (batchArg ??= z.strictObject({ batchSize: z.int().check(z.gte(1), z.lte(MAX_BATCH)), round: z.int().check(z.gte(0)) }));

/** What the pick left for the send: the guests, their claim, Gäster as checked and then claimed, the journal as written. */
interface Phase1 { round: Round; picked: string[]; at: ReadonlyMap<string, number>; claim: string; waiting: number; blocked: BlockedGuest[]; check: TableCheck; journal: SendJournal | null }

/**
 * One batch of "Skicka påminnelse" (projektledare). The client calls it again, with the round
 * the first call returned, while `done` is false.
 */
export function sendReminderBatch(ports: Ports, input: unknown, links: RsvpLinks): ReminderProgress {
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  const { batchSize, round: asked } = parseInput(batchInput(), input);
  const linkFor = links();
  const set = loadTemplates(ctx.journal, ctx.eventCheck, 'reminder');
  const quota = Math.max(0, Math.floor(ports.mailer.remainingDailyQuota()));
  const token = freshToken(ports.clock.now());

  // One hold for the batch: the claims' commit flushes, so they are in the sheet before any mail goes out.
  return ports.lock.withLock(LOCK_MS, () => {
    const p1 = pickReminders(ports, ctx, set, linkFor, token, batchSize, quota, asked);
    if (p1.picked.length && p1.journal) return sendPicked(ports, ctx, set, linkFor, p1, p1.journal, quota);
    const message = p1.waiting === 0 ? remindMsg.nobodyToRemind(p1.blocked.length) : remindMsg.quotaUsedUp(p1.waiting);
    return { round: p1.round.n, sent: 0, failed: 0, uncertainNow: 0, remaining: p1.waiting, blocked: p1.blocked, quotaLeft: quota, done: true, message };
  });
}

/** The round to send in: a new one (asked 0; logged), or the latest (anything else is refused). */
function roundFor(ports: Ports, ctx: FullContext, tx: Tx, check: TableCheck, rows: readonly GuestRow[], asked: number, now: Date): Round {
  const latest = readRound(ports);
  if (asked !== 0) {
    if (!latest || latest.n !== asked) throw new UserError(remindMsg.notLatestRound(asked, latest?.n ?? 0));
    return latest;
  }
  // After every reminder already in the sheet (another server's clock may be a little behind).
  const last = Math.max(0, ...rows.map((r) => remindedAt(check, r)?.getTime() ?? 0));
  const start = new Date(Math.max(seconds(now), Math.floor(last / 1000) + 1) * 1000);
  const round: Round = { n: (latest?.n ?? 0) + 1, start: start.toISOString() };
  ports.properties.set(ROUND_KEY, JSON.stringify(round));
  const waiting = rows.filter((r) => awaitsAnswer(r.guest.status)).length;
  tx.log({ action: 'påminnelse.omgång', object: `omgång ${round.n}`, after: { start: round.start, ej_svarat: waiting, av: ctx.email } });
  return round;
}

/**
 * Records how a reminder entry ended (after the send, or a dead batch's journal): see the file's
 * comment. Returns Påmind as it is afterwards.
 */
function settle(tx: Tx, check: TableCheck, r: GuestRow, o: string, before: string, round: number): Date | null {
  const id = r.guest.id;
  const was = before ? new Date(before) : null;
  const prev: CellIn = was ?? '';
  if (o === 's') {
    tx.log({ action: 'gäst.påmind', object: id, after: { omgång: round } });
    return remindedAt(check, r);
  }
  if (o === 'q' || o === 'n') {
    tx.put(check, r.index!, { [GUEST_COLUMNS.remindedAt]: prev }, { action: 'gäst.ej-påmind', object: id, after: { omgång: round } });
    return was;
  }
  if (o.startsWith('f:')) {
    const note = withTaggedNote(r.guest.note, REMINDER_TAG, roundLine(round, `misslyckades (${o.slice(2)})`));
    tx.put(check, r.index!, { [GUEST_COLUMNS.remindedAt]: prev, [GUEST_COLUMNS.note]: note },
      { action: 'gäst.påminnelse-misslyckad', object: id, after: { omgång: round, Skäl: o.slice(2) } });
    return was;
  }
  const why = o.startsWith('u:') ? `Gmail svarade med ett fel (${o.slice(2)})` : 'utskicket avbröts';
  const note = withTaggedNote(r.guest.note, REMINDER_TAG, roundLine(round, `${why} – okänt om påminnelsen gick iväg; kontrollera Skickat. Den skickas inte igen i samma omgång.`));
  tx.put(check, r.index!, { [GUEST_COLUMNS.note]: note }, { action: 'gäst.påminnelse-osäker', object: id, after: { omgång: round } });
  return remindedAt(check, r);
}

/** The pick, under the lock: settle a dead batch, the round, pick, journal 'q', THEN claim (Påmind = now). */
function pickReminders(ports: Ports, ctx: FullContext, set: TemplateSet, links: RsvpLinkFor, token: string, batchSize: number, quota: number, asked: number): Phase1 {
  const check = checkTable(ctx.journal.fresh(), 'guests');
  const rows = guestRows(check);
  const now = ports.clock.now();
  const tx = new Tx(ctx.journal);
  const round = roundFor(ports, ctx, tx, check, rows, asked, now);
  const old = readJournal(ports, REMIND_JOURNAL_KEY);
  const reminded = new Map<string, Date | null>();
  const carried: SendJournal = { token, at: now.toISOString(), r: round.n, s: {}, p: {} };
  const byId = new Map(rows.map((r) => [r.guest.id, r]));
  for (const [id, e] of Object.entries(old?.s ?? {})) {
    const r = byId.get(id);
    const before = old?.p?.[id] ?? '';
    // A row waiting for review (or gone) is never written: its entry waits for the next batch.
    if (!r || r.unverified || r.index === null) { carried.s[id] = e; carried.p![id] = before; continue; }
    reminded.set(id, settle(tx, check, r, e, before, old?.r ?? round.n));
  }
  const remindedOf = (r: GuestRow) => (reminded.has(r.guest.id) ? reminded.get(r.guest.id)! : remindedAt(check, r));
  const take = Math.min(batchSize, quota);
  const plans = planRound(check, rows, remindedOf, round, inviteSettings(ctx), set, links, now, take);
  const picked = plans.filter((p) => p.inv?.ok).slice(0, take).map((p) => p.row);
  for (const r of picked) { carried.s[r.guest.id] = 'q'; carried.p![r.guest.id] = remindedOf(r)?.toISOString() ?? ''; }
  const journal = Object.keys(carried.s).length ? carried : null;
  if (journal) tx.property(REMIND_JOURNAL_KEY, JSON.stringify(journal)); // before the claims: with the commit's pending anchor
  else if (old && Object.keys(old.s).length) ports.properties.delete(REMIND_JOURNAL_KEY);
  if (journal && picked.length) tx.afterward(REMIND_JOURNAL_KEY, attemptingFirst(journal, picked[0].guest.id)); // after them: with the committed anchor
  for (const r of picked) {
    tx.put(check, r.index!, { [GUEST_COLUMNS.remindedAt]: now }, { action: 'gäst.påminns', object: r.guest.id, after: { omgång: round.n } });
  }
  tx.commit();
  const waiting = plans.filter((p) => p.inv === null || p.inv.ok).length;
  return { round, picked: picked.map((r) => r.guest.id), at: new Map(picked.map((r) => [r.guest.id, r.index!])), claim: now.toISOString(), waiting, blocked: blockedOf(plans), check, journal };
}

/** The send, under the pick's hold of the lock: send to each guest still claimed, then record every outcome in one transaction. */
function sendPicked(ports: Ports, ctx: FullContext, set: TemplateSet, links: RsvpLinkFor, p1: Phase1, j: SendJournal, quota: number): ReminderProgress {
  const check = afterCommit(ctx.journal, p1.check);
  const base = { round: p1.round.n, blocked: p1.blocked, quotaLeft: quota };
  const byId = pickedRows(check, p1.picked, p1.at);
  const claim = seconds(new Date(p1.claim));
  const s = inviteSettings(ctx);
  const now = ports.clock.now();
  const { outcome, stop } = mailEach(ports, REMIND_JOURNAL_KEY, j, p1.picked, (id) => {
    const r = byId.get(id);
    const at = r ? remindedAt(check, r) : null;
    // Not as this batch's pick left it (a guard: nothing can write Gäster in between): not ours to send.
    if (!r || r.unverified || r.index === null || !at || seconds(at) !== claim) return 'skip';
    if (!awaitsAnswer(r.guest.status)) return null; // no longer waiting for an answer: nothing to remind of
    const inv = buildInvitation(r.guest, linkVersionOf(check, r.index), s, set, links, now);
    return inv.ok ? inv.message : null;
  });
  // Every outcome, journalled with the record's pending anchor: before Gäster is written.
  const tx = new Tx(ctx.journal).property(REMIND_JOURNAL_KEY, JSON.stringify(j));
  let sent = 0, failed = 0, unsure = 0;
  for (const [id, o] of outcome) {
    settle(tx, check, byId.get(id)!, o, j.p?.[id] ?? '', p1.round.n);
    if (o === 's') sent++;
    if (o.startsWith('f:')) failed++;
    if (o.startsWith('u:')) unsure++;
    delete j.s[id];
    delete j.p?.[id];
  }
  // Entries of rows that could not be settled (rows waiting for review) stay for the next batch.
  tx.afterward(REMIND_JOURNAL_KEY, settledJournal(j)).commit();
  const remaining = p1.waiting - sent - failed - unsure;
  const quotaLeft = stop ? 0 : Math.max(0, quota - sent);
  const done = remaining <= 0 || quotaLeft === 0;
  const counts = remindMsg.batchSent({ round: p1.round.n, sent, failed, unsure, remaining, blocked: p1.blocked.length });
  const message = remaining > 0 && quotaLeft === 0 ? join([counts, remindMsg.quotaUsedUp(remaining)]) : counts;
  return { ...base, sent, failed, uncertainNow: unsure, remaining, quotaLeft, done, message };
}
