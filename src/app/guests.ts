/**
 * Guest list use cases: add, edit, approve/unapprove (with the cap), resolve
 * uncertain or failed sends, import, and the guard for direct sheet edits.
 * Every write runs under the document lock, re-reads Gäster there, writes in
 * one range write and logs to Logg.
 */
import * as z from 'zod/mini';
import {
  capMsg, checkGuestDraft, checkTransition, formatEventsCell, GUEST_COLUMNS, GUEST_LIMITS, holdsSlot,
  judgeCellEdit, judgeRows, matchEvents, MAX_GUESTS, nextGuestIds, normEmail, parseLanguage, slotsLeft,
  type EditDecision, type Guest, type GuestDraft,
} from '../core/guests';
import { MAX_IMPORT_CHARS, previewImport, type ImportPreview } from '../core/invite-csv';
import { msg, UserError, type Msg } from '../core/msg';
import { LANGUAGES } from '../core/schema';
import { appendAudit, type AuditEntry } from './audit';
import { loadContext, requireRole, type Context } from './context';
import { guestRows, withSendNote, writeChanges, type GuestRow } from './invite-rows';
import type { CellIn, Ports } from './ports';
import { openTable, rowFor, type OpenTable } from './tables';

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
    note: z.optional(text(GUEST_LIMITS.note)),
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
    resolve: z.strictObject({ id, to: z.enum(['Inbjuden', 'Godkänd']) }),
    import: z.strictObject({ text: z.string().check(z.maxLength(MAX_IMPORT_CHARS)), defaultLanguage: z.optional(language) }),
    /**
     * A direct edit of Gäster: first edited sheet row and column (1-based, as Range.getRow()/getColumn()),
     * the size, and for single-cell edits only e.oldValue / e.value (absent means empty).
     */
    sheetEdit: z.strictObject({ row, column, numRows: row, numColumns: column, oldValue: cell, value: cell }),
  };
}
let built: ReturnType<typeof buildSchemas> | undefined;
/** The input schemas, built on first use (nothing runs at global scope). */
export const guestSchemas = () => (built ??= buildSchemas());

export function parseInput<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const where = r.error.issues.map((i) => i.path.join('.') || '(indata)').join(', ');
  throw new UserError(msg(`Ogiltiga uppgifter: ${where}.`, `Invalid input: ${where}.`));
}

// ---------------------------------------------------------------------------
// Helpers

const problemsError = (problems: readonly Msg[]): UserError =>
  new UserError(msg(problems.map((p) => p.sv).join(' '), problems.map((p) => p.en).join(' ')));

export const notFound = (id: string): UserError => new UserError(msg(`Gästen ${id} finns inte i listan.`, `Guest ${id} is not on the list.`));

const emailsExcept = (rows: readonly GuestRow[], id?: string): Map<string, string> => {
  const m = new Map<string, string>();
  for (const r of rows) if (r.guest.id !== id && r.guest.email) m.set(normEmail(r.guest.email), r.guest.id);
  return m;
};

const publicGuest = (g: Guest) => ({
  id: g.id, firstName: g.firstName, lastName: g.lastName, email: g.email, language: g.language,
  events: [...g.events], status: g.status, title: g.title, organisation: g.organisation, country: g.country,
  diet: g.diet, note: g.note,
});

const guestCells = (d: GuestDraft, events: readonly string[]): Record<string, CellIn> => ({
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

function withGuests<T>(ports: Ports, fn: (t: OpenTable, rows: GuestRow[]) => T): T {
  return ports.lock.withLock(GUEST_LOCK_MS, () => {
    const t = openTable(ports.workbook, 'guests');
    return fn(t, guestRows(t));
  });
}

// ---------------------------------------------------------------------------
// Reading

export interface GuestListView {
  readonly cap: number;
  readonly slotsUsed: number;
  readonly guests: readonly (ReturnType<typeof publicGuest> & { overCap: boolean })[];
}

/**
 * The list with the cap: proposals are numbered in sheet order after the
 * slots already taken; those that would not fit are shown as over the cap.
 */
export function listGuests(ports: Ports): GuestListView {
  const ctx = loadContext(ports);
  const rows = guestRows(openTable(ports.workbook, 'guests'));
  const used = rows.filter((r) => holdsSlot(r.guest.status)).length;
  let queued = used;
  const guests = rows.map((r) => {
    const overCap = r.guest.status === 'Föreslagen' && ++queued > ctx.settings.inviteCap;
    return { ...publicGuest(r.guest), overCap };
  });
  return { cap: ctx.settings.inviteCap, slotsUsed: used, guests };
}

// ---------------------------------------------------------------------------
// Add, edit

/** Adds a proposed guest (projektledare). Returns the new ID. */
export function addGuest(ports: Ports, input: unknown): { id: string } {
  const a = parseInput(guestSchemas().add, input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare']);
  const draft: GuestDraft = {
    firstName: a.firstName, lastName: a.lastName, title: a.title ?? '', organisation: a.organisation ?? '',
    country: a.country ?? '', email: a.email, language: a.language, events: a.events ?? [], diet: a.diet ?? '', note: a.note ?? '',
  };
  return withGuests(ports, (t, rows) => {
    if (rows.length >= MAX_GUESTS) throw new UserError(msg('Listan är full.', 'The list is full.'));
    const problems = checkGuestDraft(draft, { events: ctx.settings.events, others: emailsExcept(rows) });
    if (problems.length) throw problemsError(problems.map((p) => p.message));
    const [id] = nextGuestIds(rows.map((r) => r.guest.id), 1);
    const cells = { [GUEST_COLUMNS.id]: id, ...guestCells(draft, ctx.settings.events), [GUEST_COLUMNS.status]: 'Föreslagen' };
    t.port.append([rowFor(t, cells) as CellIn[]]);
    appendAudit(ports, [{ action: 'gäst.tillagd', object: id, after: cells }]);
    return { id };
  });
}

/** Edits a guest's details (projektledare). Status is changed only through the other use cases. */
export function editGuest(ports: Ports, input: unknown): void {
  const e = parseInput(guestSchemas().edit, input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare']);
  withGuests(ports, (t, rows) => {
    const r = rows.find((x) => x.guest.id === e.id);
    if (!r) throw notFound(e.id);
    const g = r.guest;
    const draft: GuestDraft = {
      firstName: e.firstName ?? g.firstName, lastName: e.lastName ?? g.lastName, title: e.title ?? g.title,
      organisation: e.organisation ?? g.organisation, country: e.country ?? g.country, email: e.email ?? g.email,
      language: e.language ?? g.language, events: e.events ?? g.events, diet: e.diet ?? g.diet, note: e.note ?? g.note,
    };
    const problems = checkGuestDraft(draft, { events: ctx.settings.events, others: emailsExcept(rows, g.id) });
    if (problems.length) throw problemsError(problems.map((p) => p.message));
    if (g.status === 'Skickar') {
      throw new UserError(msg('Inbjudan till gästen skickas just nu; försök igen om en stund.', 'The invitation to this guest is being sent; try again in a moment.'));
    }
    const cells = guestCells(draft, ctx.settings.events);
    const before: Record<string, string> = {};
    const after: Record<string, CellIn> = {};
    for (const [h, v] of Object.entries(cells)) {
      const old = String(t.snap.rows[r.index][t.col[h]] ?? '');
      if (old !== String(v)) { before[h] = old; after[h] = v; }
    }
    if (Object.keys(after).length === 0) return;
    writeChanges(t, new Map([[r.index, after]]));
    appendAudit(ports, [{ action: 'gäst.ändrad', object: g.id, before, after }]);
  });
}

// ---------------------------------------------------------------------------
// Status changes

export interface StatusResult {
  readonly changed: readonly string[];
  /** IDs already in the target status (nothing to do). */
  readonly unchanged: readonly string[];
}

function changeStatus(
  ports: Ports, ctx: Context, ids: readonly string[], to: 'Godkänd' | 'Föreslagen' | 'Inbjuden', action: string,
  extra?: (t: OpenTable, r: GuestRow) => void,
): StatusResult {
  return withGuests(ports, (t, rows) => {
    const byId = new Map(rows.map((r) => [r.guest.id, r]));
    const picked: GuestRow[] = [];
    const unchanged: string[] = [];
    const problems: Msg[] = [];
    for (const id of new Set(ids)) {
      const r = byId.get(id);
      if (!r) { problems.push(notFound(id).userMessage); continue; }
      if (r.guest.status === to) { unchanged.push(id); continue; }
      const c = checkTransition(r.guest.status, to, ctx.roles);
      if (!c.ok) problems.push(msg(`${id}: ${c.reason.sv}`, `${id}: ${c.reason.en}`));
      else picked.push(r);
    }
    if (problems.length) throw problemsError(problems);
    if (to === 'Godkänd') {
      const newSlots = picked.filter((r) => !holdsSlot(r.guest.status)).length;
      const left = slotsLeft(rows.map((r) => r.guest.status), ctx.settings.inviteCap);
      if (newSlots > left) {
        throw new UserError(capMsg(ctx.settings.inviteCap, ctx.settings.inviteCap - left, newSlots));
      }
    }
    const changes = new Map<number, Record<string, CellIn>>();
    const audit: AuditEntry[] = [];
    for (const r of picked) {
      const c: Record<string, CellIn> = { [GUEST_COLUMNS.status]: to };
      if (r.guest.status === 'Osäker' || r.guest.status === 'Misslyckad') {
        c[GUEST_COLUMNS.note] = withSendNote(r.guest.note, to === 'Inbjuden' ? `Bekräftad skickad av ${ctx.email}` : null);
      }
      changes.set(r.index, c);
      audit.push({ action, object: r.guest.id, before: { Status: r.guest.status }, after: { Status: to } });
      extra?.(t, r);
    }
    writeChanges(t, changes);
    appendAudit(ports, audit);
    return { changed: picked.map((r) => r.guest.id), unchanged };
  });
}

/** Approves proposed guests (styrgrupp). All or nothing: refuses if they don't fit under the cap. */
export function approveGuests(ports: Ports, input: unknown): StatusResult {
  const { ids } = parseInput(guestSchemas().ids, input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['styrgrupp']);
  return changeStatus(ports, ctx, ids, 'Godkänd', 'gäst.godkänd');
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

function importContext(ctx: Context, rows: readonly GuestRow[], defaultLanguage?: 'sv' | 'en') {
  return {
    existing: emailsExcept(rows), events: ctx.settings.events, guestCount: rows.length,
    slotsUsed: rows.filter((r) => holdsSlot(r.guest.status)).length, cap: ctx.settings.inviteCap, defaultLanguage,
  };
}

/** Parses and checks pasted/CSV text against the sheet (projektledare); writes nothing. */
export function previewGuestImport(ports: Ports, input: unknown): ImportPreview {
  const a = parseInput(guestSchemas().import, input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare']);
  const rows = guestRows(openTable(ports.workbook, 'guests'));
  return previewImport(a.text, importContext(ctx, rows, a.defaultLanguage));
}

/** Imports the valid rows as proposals in one append (projektledare); rows with errors are skipped and returned. */
export function importGuests(ports: Ports, input: unknown): { imported: string[]; preview: ImportPreview } {
  const a = parseInput(guestSchemas().import, input);
  const ctx = loadContext(ports);
  requireRole(ctx, ['projektledare']);
  return withGuests(ports, (t, rows) => {
    const preview = previewImport(a.text, importContext(ctx, rows, a.defaultLanguage));
    if (preview.fileErrors.length) throw problemsError(preview.fileErrors);
    const ok = preview.rows.filter((r) => r.errors.length === 0);
    if (ok.length === 0) return { imported: [], preview };
    const ids = nextGuestIds(rows.map((r) => r.guest.id), ok.length);
    const cells = ok.map((r, i) => ({ [GUEST_COLUMNS.id]: ids[i], ...guestCells(r.draft, ctx.settings.events), [GUEST_COLUMNS.status]: 'Föreslagen' }));
    t.port.append(cells.map((c) => rowFor(t, c) as CellIn[]));
    appendAudit(ports, [{ action: 'gäst.importerad', object: `${ids[0]}–${ids[ids.length - 1]}`, after: { antal: ids.length, ids } }]);
    return { imported: ids, preview };
  });
}

// ---------------------------------------------------------------------------
// Direct edits of Gäster (called from the onEdit adapter)

/**
 * Judges a direct edit of Gäster after it happened: a bad single cell is put
 * back (one write) with the reason returned; a multi-cell edit with problems
 * is reported (rows and reasons) for the adapter to show. Accepted manual
 * status changes are logged like any other.
 */
export function guardGuestEdit(ports: Ports, input: unknown): EditDecision {
  const e = parseInput(guestSchemas().sheetEdit, input);
  const ctx = loadContext(ports);
  return withGuests(ports, (t, rows) => {
    const first = e.row - t.snap.firstRow;
    const last = first + e.numRows - 1;
    if (last < 0) return { action: 'accept' } as EditDecision; // header row: openTable already checks headers
    if (e.numRows === 1 && e.numColumns === 1) {
      const header = t.snap.header[e.column - 1] ?? '';
      const r = rows.find((x) => x.index === first);
      if (!r) return { action: 'accept' } as EditDecision;
      const d = judgeCellEdit(
        { header, oldValue: e.oldValue ?? '', newValue: e.value ?? '' },
        { roles: ctx.roles, events: ctx.settings.events, otherEmails: emailsExcept(rows, r.guest.id) },
      );
      if (d.action === 'revert') {
        t.port.write(e.row, e.column - 1, [[d.value]]);
        appendAudit(ports, [{ action: 'gäst.ändring-återställd', object: r.guest.id, before: { [header]: e.value ?? '' }, after: { [header]: d.value } }]);
      } else if (header === GUEST_COLUMNS.status && (e.oldValue ?? '') !== (e.value ?? '')) {
        appendAudit(ports, [{ action: 'gäst.status-manuell', object: r.guest.id, before: { Status: e.oldValue ?? '' }, after: { Status: e.value ?? '' } }]);
      }
      return d;
    }
    const all = new Map<string, number>();
    for (const r of rows) if (r.guest.email) all.set(normEmail(r.guest.email), (all.get(normEmail(r.guest.email)) ?? 0) + 1);
    const touched = rows.filter((r) => r.index >= first && r.index <= last);
    const d = judgeRows(touched.map((r) => ({ row: r.sheetRow, guest: r.guest })), { roles: ctx.roles, events: ctx.settings.events, allEmails: all });
    if (d.action === 'flag') {
      appendAudit(ports, [{ action: 'gäst.ändring-flaggad', object: `rad ${e.row}–${e.row + e.numRows - 1}`, after: d.rows.map((x) => ({ rad: x.row, skäl: x.reasons.map((m) => m.sv) })) }]);
    }
    return d;
  });
}
