/**
 * Guest list use cases: add, edit, approve/unapprove (with the cap), resolve
 * uncertain or failed sends, import, and the guard for direct sheet edits.
 * Every write runs under the document lock, re-reads Gäster there, writes in
 * one range write and logs to Logg.
 */
import * as z from 'zod/mini';
import { cellText } from '../core/budget';
import {
  approveCapMsg, capMsg, checkGuestDraft, checkTransition, formatEventsCell, GUEST_COLUMNS, GUEST_LIMITS, holdsSlot,
  judgeCellEdit, matchEvents, MAX_GUESTS, normEmail, parseLanguage,
  type Guest, type GuestDraft, type KnownPart,
} from '../core/guests';
import { summariseAnswers, type AnswerSummary } from '../core/answers';
import { MAX_IMPORT_CHARS, previewImport, type ImportPreview } from '../core/invite-csv';
import { UserError, type Msg } from '../core/msg';
import { join, labelled } from '../core/i18n';
import { LANGUAGES, TABLES } from '../core/schema';
import { fromSnap, SEAL_SPECS } from '../core/seal';
import { roleRequiredMsg } from '../core/settings';
import { loadContext, loadFullContext, requireRole, type Context, type FullContext } from './context';
import { blockedBy, shown, unverifiedMsg, withEditLock } from './integrity';
import { currentGuest, findGuestRow, guestOf, guestRows, rowCells, withSendNote, type GuestRow } from './invite-rows';
import { requireCitation } from './register';
import { confirmTroubleOf, provesNothingLeft, type ConfirmTrouble } from './confirm';
import { deadlineEnd } from './rsvp';
import { offersOf, planWaitlists } from './waitlist';
import { checkTable, Tx, type RowCheck, type TableCheck } from './journal';
import { addMonths } from '../core/template';
import type { CellIn, Ports } from './ports';
import { guestsMsg } from '../core/messages/guests';
import { NOTE_CELL_MAX } from '../core/note-lines';

export const GUEST_LOCK_MS = 10_000;

// ---------------------------------------------------------------------------
// Input validation

function buildSchemas() {
  const text = (max: number) => z.string().check(z.maxLength(max));
  const id = z.string().check(z.minLength(1), z.maxLength(20), z.regex(/^[A-Za-z0-9_-]+$/));
  const language = z.enum(LANGUAGES);
  const required = {
    firstName: text(GUEST_LIMITS.firstName),
    lastName: text(GUEST_LIMITS.lastName),
    email: text(GUEST_LIMITS.email),
    language,
  };
  const optional = {
    title: z.optional(text(GUEST_LIMITS.title)),
    organisation: z.optional(text(GUEST_LIMITS.organisation)),
    country: z.optional(text(GUEST_LIMITS.country)),
    events: z.optional(z.array(text(100)).check(z.maxLength(20))),
    diet: z.optional(text(GUEST_LIMITS.diet)),
    // Anteckning as the sidebar sends it: the person's text (GUEST_LIMITS.note, judged with its figure by checkGuestDraft) and the server's lines.
    note: z.optional(text(NOTE_CELL_MAX)),
  };
  const row = z.int().check(z.gte(1), z.lte(100000));
  const column = z.int().check(z.gte(1), z.lte(200));
  const cell = z.optional(z.string().check(z.maxLength(50000)));
  return {
    id,
    add: z.strictObject({ ...required, ...optional }),
    edit: z.strictObject({
      id, firstName: z.optional(required.firstName), lastName: z.optional(required.lastName),
      email: z.optional(required.email), language: z.optional(language), ...optional,
    }),
    ids: z.strictObject({ ids: z.array(id).check(z.minLength(1), z.maxLength(2000)) }),
    approve: z.strictObject({ ids: z.array(id).check(z.minLength(1), z.maxLength(2000)), decision: z.string().check(z.maxLength(200)) }),
    resolve: z.strictObject({ id, to: z.enum(['Inbjuden', 'Godkänd']) }),
    import: z.strictObject({ text: z.string().check(z.maxLength(MAX_IMPORT_CHARS)), defaultLanguage: z.optional(language) }),
    /**
     * A direct edit of Gäster: first edited sheet row and column (1-based, as Range.getRow()/getColumn()),
     * the size, and for single-cell edits only e.oldValue / e.value (absent means empty).
     */
    sheetEdit: z.strictObject({ row, column, numRows: row, numColumns: column, oldValue: cell, value: cell }),
  };
}
/**
 * The input schemas, built at each call (nothing runs at global scope). Not cached: building them costs
 * microseconds beside a service call, and built per call each use case runs the code of its own schema,
 * so that use case's tests are the ones that answer for it (cached, only the first parse in an execution would).
 */
export const guestSchemas = (): ReturnType<typeof buildSchemas> => buildSchemas();

export function parseInput<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const where = r.error.issues.map((i) => i.path.join('.') || '(indata)').join(', ');
  throw new UserError(guestsMsg.invalidInput(where));
}

// ---------------------------------------------------------------------------
// Helpers

/** The problems of an input as one refusal, at the field of the first (the page shows it there). */
const problemsError = (problems: readonly Msg[], field?: string): UserError => new UserError(join([...problems]), field);

export const notFound = (id: string): UserError => new UserError(guestsMsg.guestNotList(id));

/** A guest whose row waits for review can't be changed by anything but the review. */
export const waitsForReview = (r: GuestRow): UserError =>
  new UserError(blockedBy(guestsMsg.guestCannotChangedNow(r.guest.id), [r.unverified!]));

const emailsExcept = (rows: readonly GuestRow[], id?: string): Map<string, string> => {
  const m = new Map<string, string>();
  for (const r of rows) if (r.guest.id !== id && r.guest.email) m.set(normEmail(r.guest.email), r.guest.id);
  return m;
};

/**
 * Slots taken, counted cautiously: a guest holds one when the journal says
 * so, and also when a change waiting for review says so (it may be confirmed).
 */
export function slotsTaken(c: TableCheck, rows: readonly GuestRow[]): number {
  // A verified row is on the sheet as sealed, so only a row waiting for review can differ; a row gone from the sheet
  // (index null) has only the journal's status.
  return rows.filter((r) => holdsSlot(r.guest.status) || (r.index !== null && holdsSlot(currentGuest(c, r.index).status))).length;
}

/** A guest as the sidebar gets it; dietary needs (health data) only for the project leader, who edits them. */
const publicGuest = (g: Guest, withDiet: boolean) => ({
  id: g.id, firstName: g.firstName, lastName: g.lastName, email: g.email, language: g.language,
  events: [...g.events], status: g.status, title: g.title, organisation: g.organisation, country: g.country,
  diet: withDiet ? g.diet : '', note: g.note,
});

/** A guest's cells as the add-on writes them (the CLI's import writes the same). */
export const guestCells = (d: GuestDraft, events: readonly KnownPart[]): Record<string, CellIn> => ({
  [GUEST_COLUMNS.firstName]: d.firstName.trim(),
  [GUEST_COLUMNS.lastName]: d.lastName.trim(),
  [GUEST_COLUMNS.title]: d.title.trim(),
  [GUEST_COLUMNS.organisation]: d.organisation.trim(),
  [GUEST_COLUMNS.country]: d.country.trim(),
  [GUEST_COLUMNS.email]: d.email.trim(),
  [GUEST_COLUMNS.language]: parseLanguage(d.language) ?? d.language,
  [GUEST_COLUMNS.events]: formatEventsCell(matchEvents(d.events, events).ok),
  [GUEST_COLUMNS.diet]: d.diet.trim(),
  [GUEST_COLUMNS.note]: d.note.trim(),
});

/**
 * What Logg may say about a guest's values: non-personal ones as they are,
 * personal ones by field name only (Logg can never be purged; GDPR art. 5, 9).
 */
export function guestAudit(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const personal = SEAL_SPECS.guests.personal;
  const out: Record<string, unknown> = {};
  const named: string[] = [];
  for (const [h, v] of Object.entries(values)) {
    if (personal.includes(h)) named.push(h);
    else out[h] = shown('guests', h, v);
  }
  return named.length ? { ...out, fält: named } : out;
}

interface GuestTx { readonly check: TableCheck; readonly rows: GuestRow[]; readonly tx: Tx }

/** Under the lock: Gäster read and checked, a transaction to fill, committed when fn returns. */
function withGuests<T>(ports: Ports, ctx: Context, fn: (g: GuestTx) => T, lock: <R>(f: () => R) => R = (f) => ports.lock.withLock(GUEST_LOCK_MS, f)): T {
  return lock(() => {
    const check = checkTable(ctx.journal.fresh(), 'guests');
    const tx = new Tx(ctx.journal);
    const out = fn({ check, rows: guestRows(check), tx });
    tx.commit();
    return out;
  });
}

/** The verified guest with this ID; a UserError when it is missing or waits for review. */
function verifiedGuest(rows: readonly GuestRow[], id: string): GuestRow & { index: number } {
  const r = findGuestRow(rows, id);
  if (!r) throw notFound(id);
  if (!isVerified(r)) throw waitsForReview(r);
  return r;
}

/** A verified row is on the sheet: a row gone from it (index null) always waits for review (src/app/invite-rows.ts guestRows). */
const isVerified = (r: GuestRow): r is GuestRow & { index: number } => r.unverified === null;

// ---------------------------------------------------------------------------
// Reading

export interface GuestListView {
  readonly cap: number;
  readonly slotsUsed: number;
  readonly guests: readonly (ReturnType<typeof publicGuest> & {
    overCap: boolean; review: Msg | null;
    /** A confirmation of the guest's answer that did not arrive (their note's [Bekräftelse] line), and whether it may be sent again. */
    confirmation: (ConfirmTrouble & { resend: boolean }) | null;
  })[];
  /** When personal data must go; the sidebar reminds once it has passed. */
  readonly retention: Retention;
  /** The answers in counts (per status, per programme part); no personal data, so for everyone who may read the list. */
  readonly summary: AnswerSummary;
}

/**
 * The list with the cap: proposals are numbered in sheet order after the
 * slots already taken; those that would not fit are shown as over the cap.
 * A guest waiting for review is shown as the sheet has it, with the reason.
 */
export function listGuests(ports: Ports, ctx: FullContext = loadFullContext(ports), check: TableCheck = checkTable(ctx.journal, 'guests')): GuestListView {
  const rows = guestRows(check);
  const used = slotsTaken(check, rows);
  const withDiet = ctx.roles.includes('projektledare');
  let queued = used;
  const guests = rows.map((r) => {
    const shownGuest = r.unverified && r.index !== null ? currentGuest(check, r.index) : r.guest;
    const overCap = r.guest.status === 'Föreslagen' && !r.unverified && ++queued > ctx.settings.inviteCap;
    const trouble = confirmTroubleOf(shownGuest.note);
    // Offered only where it can succeed; the server still checks Logg (src/app/confirm-resend.ts).
    const confirmation = trouble && { ...trouble, resend: provesNothingLeft(trouble.kind) && !r.unverified && r.guest.status === 'Tackat ja' };
    return { ...publicGuest(shownGuest, withDiet), overCap, review: r.unverified, confirmation };
  });
  return {
    cap: ctx.settings.inviteCap, slotsUsed: used, guests, retention: retentionOf(ctx.settings, rows, ports.clock.now()),
    // As the journal has the guests: a row waiting for review counts as it was logged.
    summary: summariseAnswers(rows.map((r) => r.guest), ctx.parts().known),
  };
}

// ---------------------------------------------------------------------------
// Add, edit

/** Adds a proposed guest (projektledare). Returns the new ID. */
export function addGuest(ports: Ports, input: unknown): { id: string } {
  const a = parseInput(guestSchemas().add, input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  const draft: GuestDraft = {
    firstName: a.firstName, lastName: a.lastName, title: a.title ?? '', organisation: a.organisation ?? '',
    country: a.country ?? '', email: a.email, language: a.language, events: a.events ?? [], diet: a.diet ?? '', note: a.note ?? '',
  };
  return withGuests(ports, ctx, ({ check, rows, tx }) => {
    if (rows.length >= MAX_GUESTS) throw new UserError(guestsMsg.listFull());
    const problems = checkGuestDraft(draft, { events: ctx.parts().known, others: emailsExcept(rows) });
    if (problems.length) throw problemsError(problems.map((p) => p.message), problems[0].field);
    // A new guest has given no consent: dietary needs (health data) come from the guest, on the RSVP page.
    if (draft.diet.trim() !== '') throw new UserError(guestsMsg.dietNeedsConsent(), 'diet');
    const [id] = tx.guestIds(rows.map((r) => r.guest.id), 1);
    const cells = { [GUEST_COLUMNS.id]: id, ...guestCells(draft, ctx.parts().known), [GUEST_COLUMNS.status]: 'Föreslagen', [GUEST_COLUMNS.linkVersion]: 1 };
    tx.put(check, null, cells, { action: 'gäst.tillagd', object: id, after: guestAudit(cells) });
    return { id };
  });
}

/** Edits a guest's details (projektledare). Status is changed only through the other use cases. */
export function editGuest(ports: Ports, input: unknown): void {
  const e = parseInput(guestSchemas().edit, input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  withGuests(ports, ctx, ({ check, rows, tx }) => {
    const r = verifiedGuest(rows, e.id);
    const g = r.guest;
    const draft: GuestDraft = {
      firstName: e.firstName ?? g.firstName, lastName: e.lastName ?? g.lastName, title: e.title ?? g.title,
      organisation: e.organisation ?? g.organisation, country: e.country ?? g.country, email: e.email ?? g.email,
      language: e.language ?? g.language, events: e.events ?? g.events, diet: e.diet ?? g.diet, note: e.note ?? g.note,
    };
    const problems = checkGuestDraft(draft, { events: ctx.parts().known, others: emailsExcept(rows, g.id) });
    if (problems.length) throw problemsError(problems.map((p) => p.message), problems[0].field);
    if (g.status === 'Skickar') {
      throw new UserError(guestsMsg.invitationGuestBeingSent());
    }
    const cells = guestCells(draft, ctx.parts().known);
    const before: Record<string, unknown> = {};
    const after: Record<string, CellIn> = {};
    for (const [h, v] of Object.entries(cells)) {
      // Every column guestCells writes is a required header (checkTable refuses a sheet without one).
      const old = check.t.snap.rows[r.index][check.t.col[h]];
      if (String(old) !== String(v)) { before[h] = old; after[h] = v; }
    }
    if (Object.keys(after).length === 0) return;
    // A changed address gets a new RSVP link: the old one may have gone to someone else.
    const link: Record<string, CellIn> = h(after, GUEST_COLUMNS.email) ? { [GUEST_COLUMNS.linkVersion]: linkVersionOf(check, r.index) + 1 } : {};
    tx.put(check, r.index, { ...after, ...link }, { action: 'gäst.ändrad', object: g.id, before: guestAudit(before), after: guestAudit({ ...after, ...link }) });
  });
}

const h = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The guest's RSVP link version (1 when the cell is empty or not a number). */
export function linkVersionOf(check: TableCheck, index: number): number {
  // A sheet without the column reads undefined here, which is no number either.
  const v = Number(check.t.snap.rows[index][check.t.col[GUEST_COLUMNS.linkVersion]]);
  return Number.isInteger(v) && v > 0 ? v : 1;
}

// ---------------------------------------------------------------------------
// Status changes

export interface StatusResult {
  readonly changed: readonly string[];
  /** IDs already in the target status (nothing to do). */
  readonly unchanged: readonly string[];
}

function changeStatus(
  ports: Ports, ctx: Context, ids: readonly string[], to: 'Godkänd' | 'Föreslagen' | 'Inbjuden', action: string, decisionRef?: string,
): StatusResult {
  return withGuests(ports, ctx, ({ check, rows, tx }) => {
    // An approval cites the steering group's decision on the invitation list, read under this lock.
    const decision = decisionRef === undefined ? null : requireCitation(ctx.journal, decisionRef, 'approval', 'decision');
    const picked: (GuestRow & { index: number })[] = [];
    const unchanged: string[] = [];
    const problems: Msg[] = [];
    for (const id of new Set(ids)) {
      const r = findGuestRow(rows, id);
      if (!r) { problems.push(notFound(id).userMessage); continue; }
      // (A row gone from the sheet, index null, always waits for review: guestRows says why.)
      if (r.unverified) { problems.push(waitsForReview(r).userMessage); continue; }
      if (r.guest.status === to) { unchanged.push(id); continue; }
      const c = checkTransition(r.guest.status, to, ctx.roles);
      if (!c.ok) problems.push(labelled(id, c.reason));
      else picked.push(r as GuestRow & { index: number });
    }
    if (problems.length) throw problemsError(problems);
    // Only a proposal takes a new place (only an approval moves one on; every other change here keeps its place).
    // Said in the sidebar's terms: the proposals ticked (a guest already approved needs no new place) and the places free.
    const newSlots = picked.filter((r) => !holdsSlot(r.guest.status)).length;
    const left = Math.max(0, ctx.settings.inviteCap - slotsTaken(check, rows));
    if (newSlots > left) throw new UserError(approveCapMsg(newSlots, left, ctx.settings.inviteCap));
    for (const r of picked) {
      const c: Record<string, CellIn> = { [GUEST_COLUMNS.status]: to };
      if (r.guest.status === 'Osäker' || r.guest.status === 'Misslyckad') {
        c[GUEST_COLUMNS.note] = withSendNote(r.guest.note, to === 'Inbjuden' ? `Bekräftad skickad av ${ctx.email}` : null);
        // Sent again: the link in the earlier (maybe misdirected) mail stops working.
        if (to === 'Godkänd') c[GUEST_COLUMNS.linkVersion] = linkVersionOf(check, r.index) + 1;
      }
      tx.put(check, r.index, c, { action, object: r.guest.id, before: { Status: r.guest.status }, after: { ...guestAudit(c), ...(decision ? { beslut: decision.id } : {}) } });
    }
    return { changed: picked.map((r) => r.guest.id), unchanged };
  });
}

/** The cap and the places taken, as the sidebar shows them ("N av 30"); what a refused approval brings along. */
export interface CapFigures { readonly cap: number; readonly slotsUsed: number }

export function capFigures(ports: Ports): CapFigures {
  const ctx = loadContext(ports);
  const check = checkTable(ctx.journal, 'guests');
  return { cap: ctx.settings.inviteCap, slotsUsed: slotsTaken(check, guestRows(check)) };
}

/**
 * Approves proposed guests (styrgrupp), citing the decision on the invitation list (`decision`: its ID in
 * Beslut). All or nothing: refuses if the decision can't be cited or they don't fit under the cap.
 */
export function approveGuests(ports: Ports, input: unknown): StatusResult {
  const { ids, decision } = parseInput(guestSchemas().approve, input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['styrgrupp']);
  return changeStatus(ports, ctx, ids, 'Godkänd', 'gäst.godkänd', decision);
}

/** Withdraws approval (styrgrupp): Godkänd or Misslyckad → Föreslagen. Mailed guests can't be unapproved. */
export function unapproveGuests(ports: Ports, input: unknown): StatusResult {
  const { ids } = parseInput(guestSchemas().ids, input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['styrgrupp']);
  return changeStatus(ports, ctx, ids, 'Föreslagen', 'gäst.ej-godkänd');
}

/**
 * A person's verdict on a send (projektledare): Osäker → Inbjuden (it was
 * sent: seen in Skickat) or → Godkänd (it was not; the next run sends it);
 * Misslyckad → Godkänd (address fixed, try again).
 */
export function resolveGuestSend(ports: Ports, input: unknown): StatusResult {
  const r = parseInput(guestSchemas().resolve, input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare']);
  return changeStatus(ports, ctx, [r.id], r.to, r.to === 'Inbjuden' ? 'gäst.bekräftad-skickad' : 'gäst.åter-i-kö');
}

// ---------------------------------------------------------------------------
// Import

function importContext(ctx: FullContext, check: TableCheck, rows: readonly GuestRow[], defaultLanguage?: 'sv' | 'en') {
  return {
    existing: emailsExcept(rows), events: ctx.parts().known, guestCount: rows.length,
    slotsUsed: slotsTaken(check, rows), cap: ctx.settings.inviteCap, defaultLanguage,
    proposals: rows.filter((r) => r.guest.status === 'Föreslagen').length,
  };
}

/** Parses and checks pasted/CSV text against the sheet (projektledare); writes nothing. */
export function previewGuestImport(ports: Ports, input: unknown): ImportPreview {
  const a = parseInput(guestSchemas().import, input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  const check = checkTable(ctx.journal, 'guests');
  return previewImport(a.text, importContext(ctx, check, guestRows(check), a.defaultLanguage));
}

/** Imports the valid rows as proposals in one append (projektledare); rows with errors are skipped and returned. */
export function importGuests(ports: Ports, input: unknown): { imported: string[]; preview: ImportPreview } {
  const a = parseInput(guestSchemas().import, input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  return withGuests(ports, ctx, ({ check, rows, tx }) => {
    const preview = previewImport(a.text, importContext(ctx, check, rows, a.defaultLanguage));
    if (preview.fileErrors.length) throw problemsError(preview.fileErrors, 'text');
    const ok = preview.rows.filter((r) => r.errors.length === 0);
    if (ok.length === 0) return { imported: [], preview };
    const ids = tx.guestIds(rows.map((r) => r.guest.id), ok.length);
    ok.forEach((r, i) => {
      const cells = { [GUEST_COLUMNS.id]: ids[i], ...guestCells(r.draft, ctx.parts().known), [GUEST_COLUMNS.status]: 'Föreslagen', [GUEST_COLUMNS.linkVersion]: 1 };
      tx.put(check, null, cells, { action: 'gäst.importerad', object: ids[i], after: guestAudit(cells) });
    });
    return { imported: ids, preview };
  });
}

// ---------------------------------------------------------------------------
// Direct edits of Gäster (called from the onEdit adapter)

/** `decision`: the taken decision an approval made on the sheet cites (confirmed in Granska ändringar). */
type GuestVerdict = { ok: true; values: Record<string, CellIn>; decision?: string } | { ok: false; why: Msg };

/**
 * May the Gäster row `rc` stand as it now reads, changed by someone with
 * `ctx.roles`? Every changed field is judged against the sealed value (never
 * against the edit event, which a paste leaves empty): the address valid and
 * unique, a known language and events, names present, the status change one
 * this person may make, and no approval beyond the cap. A new row must be a
 * complete proposal; it gets an ID.
 */
export function judgeGuestChange(ctx: FullContext, check: TableCheck, rows: readonly GuestRow[], rc: RowCheck, tx: Tx, cite?: string): GuestVerdict {
  const now = currentGuest(check, rc.index);
  // Every other row's address: this row's own (sealed or, for a new row, as typed) is no duplicate of itself.
  const others = emailsExcept(rows.filter((r) => r.check !== rc));
  if (rc.kind === 'new') {
    if (!ctx.roles.includes('projektledare')) return { ok: false, why: roleRequiredMsg(['projektledare']) };
    const problems = checkGuestDraft(now, { events: ctx.parts().known, others }).map((p) => p.message);
    if (now.status && now.status !== 'Föreslagen') problems.push(guestsMsg.newGuestFReslagen(now.status));
    if (now.id && rows.some((r) => r.guest.id === now.id && r.check !== rc)) problems.push(guestsMsg.idAlreadyExists(now.id));
    if (problems.length) return { ok: false, why: problems[0] };
    const values: Record<string, CellIn> = { [GUEST_COLUMNS.status]: 'Föreslagen', [GUEST_COLUMNS.linkVersion]: 1 };
    if (!now.id) values[GUEST_COLUMNS.id] = tx.guestIds(rows.map((r) => r.guest.id), 1)[0];
    return { ok: true, values };
  }
  if (rc.kind !== 'changed' || !rc.sealed) return { ok: false, why: unverifiedMsg(check, rc) };
  // As in the sidebar: a guest's details are the project leader's (an address changed by anyone else could redirect an invitation).
  if (rc.fields.some((h) => h !== GUEST_COLUMNS.status) && !ctx.roles.includes('projektledare')) {
    return { ok: false, why: guestsMsg.onlyProjectLeaderMay(rc.fields.filter((h) => h !== GUEST_COLUMNS.status)) };
  }
  const sealed = guestOf((h) => fromSnap(rc.sealed![h] ?? ''));
  for (const header of rc.fields) {
    const d = judgeCellEdit(
      { header, oldValue: String(fromSnap(rc.sealed[header] ?? '')), newValue: cellText(check.t.snap.rows[rc.index][check.t.col[header]]) },
      { roles: ctx.roles, events: ctx.parts().known, otherEmails: others },
    );
    if (d.action === 'revert') return { ok: false, why: d.reason };
  }
  if (!holdsSlot(sealed.status) && holdsSlot(now.status)) {
    // The places really taken, also when the cap was lowered below them (this row's own guest is as sealed, holding none).
    const taken = rows.filter((r) => holdsSlot(r.guest.status)).length;
    if (taken >= ctx.settings.inviteCap) return { ok: false, why: capMsg(ctx.settings.inviteCap, taken, 1) };
  }
  // As in the sidebar: an approval cites the steering group's decision on the invitation list. Typed in the cell there
  // is nothing to cite (the edit is put back); in Granska ändringar the note names the decision.
  let decision: string | undefined;
  if (sealed.status === 'Föreslagen' && now.status === 'Godkänd') {
    if (!cite?.trim()) return { ok: false, why: guestsMsg.approvalCitesDecision() };
    const d = requireCitation(ctx.journal, cite, 'approval', 'note');
    decision = d.reference ? `${d.id}, ${d.reference}` : d.id;
  }
  const values: Record<string, CellIn> = {};
  if (rc.fields.includes(GUEST_COLUMNS.email)) values[GUEST_COLUMNS.linkVersion] = linkVersionOf(check, rc.index) + 1;
  return { ok: true, values, ...(decision ? { decision } : {}) };
}

export interface GuestEditResult {
  readonly action: 'accept' | 'revert' | 'flag';
  readonly message?: Msg;
  readonly rows?: readonly { readonly row: number; readonly reasons: readonly Msg[] }[];
}

/**
 * Judges a direct edit of Gäster after it happened (the onEdit adapter).
 * Rows in the edited range that no longer match their seal are judged against
 * the journal: an acceptable change by the project leader or the steering
 * group is sealed and logged (field names only for personal data); a bad
 * single cell is put back to its sealed value; anything else stays flagged
 * and waits for review. Nothing is cleared.
 */
export function guardGuestEdit(ports: Ports, input: unknown): GuestEditResult {
  const e = parseInput(guestSchemas().sheetEdit, input);
  const ctx = loadFullContext(ports);
  return withGuests(ports, ctx, ({ check, rows, tx }) => {
    const last = e.row + e.numRows - 1;
    const header = check.t.snap.header[e.column - 1] ?? '';
    const single = e.numRows === 1 && e.numColumns === 1;
    const mayEdit = ctx.roles.includes('projektledare') || ctx.roles.includes('styrgrupp');
    const flagged: { row: number; reasons: Msg[] }[] = [];
    let reverted: Msg | null = null;
    const accepted = new Map<string, { status: string; itemAnswers: string }>();
    for (const rc of check.rows) {
      if (rc.kind === 'ok' || rc.sheetRow < e.row || rc.sheetRow > last) continue;
      const v: GuestVerdict = mayEdit ? judgeGuestChange(ctx, check, rows, rc, tx) : { ok: false, why: roleRequiredMsg(['projektledare', 'styrgrupp']) };
      if (v.ok) {
        const values = { ...rowCells(check, rc.index), ...v.values } as Record<string, CellIn>;
        accepted.set(cellText(values[GUEST_COLUMNS.id]), { status: cellText(values[GUEST_COLUMNS.status]), itemAnswers: cellText(values[GUEST_COLUMNS.itemAnswers] ?? '') });
        const changed = rc.kind === 'new' ? values : Object.fromEntries([...rc.fields, ...Object.keys(v.values)].map((f) => [f, values[f]]));
        tx.put(check, rc.index, values, {
          action: rc.kind === 'new' ? 'gäst.tillagd.direkt' : 'gäst.direktändring', object: cellText(values[GUEST_COLUMNS.id]),
          before: rc.sealed ? guestAudit(Object.fromEntries(rc.fields.map((f) => [f, fromSnap(rc.sealed![f])]))) : undefined,
          after: guestAudit(changed),
        });
        continue;
      }
      if (single && mayEdit && rc.kind === 'changed' && rc.sealed && rc.fields.length === 1 && rc.fields[0] === header) {
        const back = fromSnap(rc.sealed[header]);
        check.t.port.write(rc.sheetRow, e.column - 1, [[back as CellIn]]);
        tx.log({ action: 'gäst.ändring-återställd', object: rc.key, after: guestAudit({ [header]: back }) });
        reverted = guestsMsg.putBack(header, rc.sheetRow, v.why);
        continue;
      }
      flagged.push({ row: rc.sheetRow, reasons: [v.why] });
    }
    if (flagged.length) tx.log({ action: 'gäst.ändring-flaggad', object: flagged.map((f) => `rad ${f.row}`).join(', ').slice(0, 500), after: { rader: flagged.length } });
    if (reverted) return { action: 'revert', message: reverted };
    if (flagged.length) return { action: 'flag', rows: flagged };
    // A seat freed here (an Återbud typed in) can't be mailed from a simple trigger: say who passes it on.
    const owed = accepted.size ? offersOf(planWaitlists(ctx, rows, ports.clock.now(), deadlineEnd(ctx.settings.rsvpDeadline), accepted)).length : 0;
    return owed ? { action: 'accept', message: guestsMsg.seatsOwed(owed) } : { action: 'accept' };
  }, (f) => withEditLock(ports, f)); // onEdit: a bounded wait, and a busy lock says the edit waits for review
}

// ---------------------------------------------------------------------------
// After the event: purge personal data (GDPR art. 5.1 e, storage limitation)

export interface Retention {
  /** The last day personal data may be kept: Slutdatum + Lagringstid (months). */
  readonly until: string;
  readonly passed: boolean;
  /** Contact details or dietary needs are still on the list. */
  readonly personalLeft: number;
}

/** The purge removes these; names, organisation and answers stay (they are the record of who was invited and came). */
export const PURGED_FIELDS = [GUEST_COLUMNS.email, GUEST_COLUMNS.diet, GUEST_COLUMNS.consent, GUEST_COLUMNS.note] as const;

export function retentionOf(s: FullContext['settings'], rows: readonly GuestRow[], now: Date): Retention {
  const until = addMonths(s.endDate, s.retentionMonths);
  const personalLeft = rows.filter((r) => r.index !== null && (r.guest.email !== '' || r.guest.diet !== '' || r.guest.note !== '')).length;
  return { until, passed: until !== '' && isoDay(now) > until, personalLeft };
}

const tooEarlyToPurge = (until: string): Msg => until === ''
  ? guestsMsg.purgeCannotDoneSlutdatum()
  : guestsMsg.personalDataNeededUntil(until);

const isoDay = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Removes every guest's e-mail address, dietary needs (with the consent) and
 * note, and revokes every RSVP link (each link version moves on); the counts
 * per status stay. Projektledare or an administrator, with `{ confirm: true }`.
 * Refused before the retention period has passed (the list is working data
 * until then) and while any guest row waits for review (nothing is skipped
 * silently). One transaction; Logg says how many guests and which fields, nothing more.
 */
export function purgePersonalData(ports: Ports, input: unknown): { purged: number; message: Msg } {
  const ok = z.strictObject({ confirm: z.literal(true) }).safeParse(input);
  if (!ok.success) throw new UserError(guestsMsg.confirmPurgeFirstNothing());
  const ctx = loadFullContext(ports);
  if (!ctx.admin) requireRole(ctx, ['projektledare']);
  return withGuests(ports, ctx, ({ check, rows, tx }) => {
    const { until, passed } = retentionOf(ctx.settings, rows, ports.clock.now());
    if (!passed) throw new UserError(tooEarlyToPurge(until));
    const waiting = rows.filter((r) => r.unverified && r.index !== null);
    if (waiting.length) throw new UserError(blockedBy(guestsMsg.purgeCannotDoneYet(), waiting.map((r) => r.unverified!)));
    let purged = 0;
    for (const r of rows) {
      if (r.index === null) continue;
      const values: Record<string, CellIn> = Object.fromEntries(PURGED_FIELDS.map((h) => [h, '']));
      values[GUEST_COLUMNS.linkVersion] = linkVersionOf(check, r.index) + 1;
      tx.put(check, r.index, values, { action: 'gäst.gallrad', object: r.guest.id, after: guestAudit(values) });
      purged++;
    }
    tx.log({ action: 'personuppgifter.gallrade', object: TABLES.guests.sheet, after: { gäster: purged, fält: [...PURGED_FIELDS], svarslänkar: 'återkallade' } });
    return {
      purged,
      message: guestsMsg.personalDataPurgedGuests(purged),
    };
  });
}
