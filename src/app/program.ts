/**
 * The programme sidebar's use cases: read the items with their guests'
 * answers; add or change an item (the project leader), decide its status
 * (the steering group: förslag → beslutad, or back), delete a proposal.
 * Every write is validated with zod, checked by role and by the rules of
 * src/core/program.ts (each refusal names its field), sealed and logged.
 * Granska ändringar judges a row changed on the sheet by the same rules
 * (judgeProgramChange).
 */
import * as z from 'zod/mini';
import { CATEGORIES } from '../core/schema';
import { UserError, type Msg } from '../core/msg';
import { programMsg } from '../core/messages/program';
import {
  byTime, changeProblem, checkItem, draftOf, itemCounts, itemValues, ITEM_STATUSES, nextItemId, ORGANISERS, PROGRAM_COLUMNS, PROGRAM_TYPES, TYPE_EN,
  type ConferenceDays, type ItemCounts, type ItemDraft, type ItemProblem, type ProgramItem,
} from '../core/program';
import type { Role } from '../core/settings';
import type { Holds, ProgramItemForm, ProgramRef, ProgramStatusForm, Same } from './contract';
import { loadFullContext, requireRole, type FullContext } from './context';
import { blockedBy, problemsOf } from './integrity';
import { guestRows } from './invite-rows';
import { checkTable, Tx, verifiedRows, type RowCheck, type TableCheck } from './journal';
import { readBudget } from './budget';
import { computeBudget } from '../core/budget';
import { itemCosts, itemKey, type ItemCost } from '../core/item-costs';
import type { Ore } from '../core/money';
import { LockTimeoutError, type Cell, type Ports } from './ports';
import { readProgram, type ProgramRead } from './program-rows';
import type { OfferChange } from '../core/item-answers';
import type { RsvpLinkFor, RsvpLinks } from './merge';
import { deadlineEnd } from './rsvp';
import { mailablePlan, mailOffers, offersOf, planWaitlists, putChanges } from './waitlist';

export const PROGRAM_LOCK_MS = 20_000;

export interface ProgramItemView extends ProgramItem {
  readonly counts: ItemCounts;
  /** Costs tied to the item (Kostnader → Programpunkt), and what its budget category has booked in all. */
  readonly cost: ItemCost & { readonly categoryBooked: Ore };
  /** The row waits for review: it counts as Summit Planner last wrote it. */
  readonly review: boolean;
}

export interface ProgramView {
  readonly user: string;
  readonly roles: readonly Role[];
  /** The project leader: adds, changes and deletes items. */
  readonly mayEdit: boolean;
  /** The steering group: decides the status. */
  readonly mayDecide: boolean;
  readonly items: readonly ProgramItemView[];
  readonly types: readonly { readonly value: string; readonly en: string }[];
  readonly organisers: readonly string[];
  readonly categories: readonly string[];
  readonly statuses: readonly string[];
  /** The conference's days (Evenemang), which study visits and workshops must fall on. */
  readonly startDate: string;
  readonly endDate: string;
  /** Ansvarig of a city-only item when none is given. */
  readonly projectLeader: string;
  /** Changes made on the Program sheet by hand that wait for review. */
  readonly review: readonly Msg[];
}

const projectLeaderOf = (ctx: FullContext): string => ctx.settings.roles.projektledare[0] ?? '';

/** Everyone may read the programme (the sheet is shared with them anyway). Four range reads. */
export function programView(
  ports: Ports, ctx: FullContext = loadFullContext(ports), check: TableCheck = checkTable(ctx.journal, 'guests'), program: ProgramRead = readProgram(ctx.journal),
): ProgramView {
  const guests = guestRows(check).map((r) => r.guest);
  const counts = itemCounts(program.items, guests, ports.clock.now());
  const costs = costsOf(ports, ctx);
  const items = program.items
    .map((it, i) => ({ ...it, counts: counts[i], cost: costs(it), review: program.unverified.has(it.id) }))
    .sort(byTime);
  return {
    user: ctx.email, roles: ctx.roles, mayEdit: ctx.roles.includes('projektledare'), mayDecide: ctx.roles.includes('styrgrupp'),
    items, types: PROGRAM_TYPES.map((t) => ({ value: t, en: TYPE_EN[t] })), organisers: [...ORGANISERS], categories: [...CATEGORIES],
    statuses: [...ITEM_STATUSES], startDate: ctx.settings.startDate, endDate: ctx.settings.endDate, projectLeader: projectLeaderOf(ctx),
    review: program.review,
  };
}

/** Each item's cost and its category's total, from one read of Budget and Kostnader (the funders' figures count the same rows). */
function costsOf(ports: Ports, ctx: FullContext): (it: ProgramItem) => ProgramItemView['cost'] {
  const snap = readBudget(ports, ctx.settings, ctx.journal);
  const state = computeBudget(snap.input);
  const byItem = itemCosts(state, snap.input.ledger.rows, snap.ledger.t.col['Programpunkt']);
  return (it) => ({
    ...(byItem.get(itemKey(it.id)) ?? { booked: 0, costs: 0 }),
    categoryBooked: state.categories.find((c) => c.category === it.category)?.consumed ?? 0,
  });
}

// ---------------------------------------------------------------------------
// Writing

const text = (max: number) => z.string().check(z.maxLength(max));
const buildSchemas = () => ({
  save: z.strictObject({
    id: z.optional(z.string().check(z.regex(/^P-\d{1,6}$/))),
    title: text(200), type: text(60), date: text(30), start: text(20), end: text(20),
    place: z.optional(text(200)), organiser: text(60), responsible: z.optional(text(200)),
    capacity: z.optional(z.union([text(20), z.number()])), category: z.optional(text(60)), note: z.optional(text(1000)),
  }),
  status: z.strictObject({ id: z.string().check(z.regex(/^P-\d{1,6}$/)), status: z.enum(ITEM_STATUSES) }),
  ref: z.strictObject({ id: z.string().check(z.regex(/^P-\d{1,6}$/)) }),
});
type Schemas = ReturnType<typeof buildSchemas>;
/** The pages' arguments (the contract) and these schemas agree both ways: neither can drift. */
export type ProgramSchemasAgree = Holds<Same<z.output<Schemas['save']>, ProgramItemForm>>
  & Holds<Same<z.output<Schemas['status']>, ProgramStatusForm>> & Holds<Same<z.output<Schemas['ref']>, ProgramRef>>;
let schemas: Schemas | undefined;
const programSchemas = (): Schemas => (schemas ??= buildSchemas());

/** The zod refusal, naming the field the page sent. */
function parse<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const p = schema.safeParse(input);
  if (p.success) return p.data;
  // A failed parse has at least one issue, and every issue a path ([] when the input itself is no object).
  const field = String(p.error.issues[0].path[0] ?? '');
  throw new UserError(programMsg.invalidInput(field), field || undefined);
}

/** All problems in one message; the first one's field is where the page puts it. */
const problemsError = (problems: readonly ItemProblem[]): UserError => new UserError(programMsg.nothingSaved(problems.map((p) => p.message)), problems[0].field);

const lockBusy = (): Msg => programMsg.lockBusy();

/** `after` runs once the transaction is committed, still under the lock (mailing the offers of freed seats). */
function withProgram<T>(ports: Ports, ctx: FullContext, fn: (c: TableCheck, tx: Tx) => T, after?: () => void): T {
  try {
    return ports.lock.withLock(PROGRAM_LOCK_MS, () => {
      ctx.journal.fresh();
      const check = checkTable(ctx.journal, 'program');
      const tx = new Tx(ctx.journal);
      const out = fn(check, tx);
      tx.commit();
      after?.();
      return out;
    });
  } catch (e) {
    throw e instanceof LockTimeoutError ? new UserError(lockBusy()) : e;
  }
}

/** Items already written are read without the conference-day rule (the days may have moved since). */
const ANY_DAY: ConferenceDays = { startDate: '0000-01-01', endDate: '9999-12-31' };

/** The verified row of item `id`, or a refusal that says why it can't be written now. */
function verifiedRow(c: TableCheck, id: string): RowCheck {
  const k = id.toLocaleLowerCase('sv');
  const r = c.rows.find((x) => x.key.toLocaleLowerCase('sv') === k);
  const gone = c.missing.some((m) => m.key.toLocaleLowerCase('sv') === k);
  if (!r && !gone) throw new UserError(programMsg.noSuchItem(id), 'id');
  if (!r || r.kind !== 'ok') {
    throw new UserError(blockedBy(programMsg.cannotChangeNow(id), problemsOf(c, false)), 'id');
  }
  return r;
}

const itemOfRow = (c: TableCheck, r: RowCheck): ProgramItem | null => {
  const values = Object.fromEntries(Object.entries(c.t.col).map(([h, i]) => [h, c.t.snap.rows[r.index][i]]));
  const p = checkItem(draftOf(values), r.key, ANY_DAY);
  return p.ok ? p.item : null;
};

/** yyyy-mm-dd → a date cell (local midnight in the script's zone, as the sheet keeps dates: see src/app/budget.ts). */
const dateCell = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};
/** The cells of an item: the date as a date cell, everything else as text (times "HH:MM") or a number. */
export const itemCells = (it: ProgramItem): Record<string, Cell> => ({ ...itemValues(it), [PROGRAM_COLUMNS.date]: dateCell(it.date) });

/** What Logg keeps of an item (no personal data: the responsible person is named by role, not logged). */
const audit = (it: ProgramItem): Record<string, unknown> => {
  const v: Record<string, unknown> = { ...itemValues(it) };
  delete v[PROGRAM_COLUMNS.responsible];
  delete v[PROGRAM_COLUMNS.note];
  return v;
};

/** Accepted guests of an item (a capacity may not go below them). */
function acceptedFor(ctx: FullContext, item: ProgramItem): number {
  const guests = guestRows(checkTable(ctx.journal, 'guests')).map((r) => r.guest);
  return itemCounts([item], guests)[0].yes;
}

const draftFrom = (f: z.output<Schemas['save']>, status: string): ItemDraft => ({
  title: f.title, type: f.type, date: f.date, start: f.start, end: f.end, place: f.place ?? '', organiser: f.organiser,
  responsible: f.responsible ?? '', capacity: f.capacity === undefined ? '' : String(f.capacity), category: f.category ?? '', status, note: f.note ?? '',
});

/**
 * Adds (no id) or changes an item (projektledare). Returns its ID. A changed
 * capacity settles the item's waiting list in the same transaction (a raised
 * one offers the freed seats to the first guests waiting, a removed one a seat
 * to everyone waiting; `links` makes their
 * personal links for the offer mail, src/app/waitlist.ts). `added` runs under
 * the same lock after a new item's row is written (Översikt grows its item
 * section when the programme outgrows it: src/gas/setup.ts, growOverview).
 */
export function saveProgramItem(ports: Ports, input: unknown, links?: RsvpLinks, added?: () => void): { id: string; message: Msg } {
  const f = parse(programSchemas().save, input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  // Before the lock: making the link key may take the lock itself (src/gas/invitations.ts).
  // Any change of an existing item may raise or remove its capacity (an empty capacity is none: a seat for everyone waiting).
  const linkFor = f.id && links ? links() : null;
  let offers: OfferChange[] = [];
  let isNew = false;
  return withProgram(ports, ctx, (c, tx) => {
    const row = f.id ? verifiedRow(c, f.id) : null;
    const before = row ? itemOfRow(c, row) : null;
    const id = row ? row.key : nextItemId([...c.rows.map((r) => r.key), ...c.missing.map((m) => m.key)]);
    // A change keeps the item's status; a new one gets checkItem's default (förslag).
    const checked = checkItem(draftFrom(f, before?.status ?? ''), id, ctx.settings, projectLeaderOf(ctx));
    if (!checked.ok) throw problemsError(checked.problems);
    const item = checked.item;
    const who = changeProblem(before, item, ctx.roles);
    if (who) throw problemsError([who]);
    if (before && item.capacity !== null) {
      const yes = acceptedFor(ctx, before);
      if (item.capacity < yes) {
        throw problemsError([{ field: 'capacity', message: programMsg.capacityBelowYes(yes, id, item.capacity) }]);
      }
    }
    tx.put(c, row ? row.index : null, itemCells(item), {
      action: before ? 'programpunkt.ändrad' : 'programpunkt.tillagd', object: id, ...(before ? { before: audit(before) } : {}), after: audit(item),
    });
    if (before && before.capacity !== item.capacity) offers = settleItem(ports, ctx, tx, item, linkFor);
    isNew = !before;
    return { id, message: before ? programMsg.saved(id) : programMsg.added(id) };
  }, () => {
    if (isNew) added?.();
    mailOffers(ports, ctx, offers, linkFor);
  });
}

/**
 * The waiting list of an item whose capacity changed, into `tx`; returns the offers to mail after the
 * commit. Without a working link (`linkFor`) no offers: the seats stay owed (src/app/waitlist.ts).
 */
function settleItem(ports: Ports, ctx: FullContext, tx: Tx, item: ProgramItem, linkFor: RsvpLinkFor | null): OfferChange[] {
  const check = checkTable(ctx.journal, 'guests');
  const rows = guestRows(check);
  const items = (ctx.parts().items ?? []).map((x) => (x.id === item.id ? item : x));
  const plan = mailablePlan(planWaitlists(ctx, rows, ports.clock.now(), deadlineEnd(ctx.settings.rsvpDeadline), new Map(), items), linkFor);
  putChanges(tx, check, rows, plan, items.map((x) => x.id));
  return offersOf(plan);
}

/** The steering group decides: förslag → beslutad, or back. */
export function decideProgramItem(ports: Ports, input: unknown): { message: Msg } {
  const f = parse(programSchemas().status, input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['styrgrupp']);
  return withProgram(ports, ctx, (c, tx) => {
    const row = verifiedRow(c, f.id);
    const before = itemOfRow(c, row);
    if (!before) throw new UserError(programMsg.unreadable(f.id), 'id');
    if (before.status === f.status) return { message: programMsg.alreadyStatus(f.id, f.status) };
    tx.put(c, row.index, { [PROGRAM_COLUMNS.status]: f.status }, { action: 'programpunkt.status', object: f.id, before: { Status: before.status }, after: { Status: f.status } });
    return { message: programMsg.nowStatus(f.id, f.status) };
  });
}

/** Why an item can't go: it is decided, or guests are invited to it. */
function removalProblem(ctx: FullContext, item: ProgramItem): Msg | null {
  if (item.status === 'beslutad') {
    return programMsg.decidedNotDeleted(item.id);
  }
  const tied = costsTiedTo(ctx, item.id);
  if (tied.length) {
    return programMsg.costsTied(item.id, tied);
  }
  const guests = guestRows(checkTable(ctx.journal, 'guests')).map((r) => r.guest);
  const invited = guests.filter((g) => itemCounts([item], [g])[0].invited > 0 || g.events.some((e) => e.trim().toLocaleLowerCase('sv') === item.id.toLocaleLowerCase('sv'))).length;
  return invited
    ? programMsg.invitedNotDeleted(item.id, invited)
    : null;
}

/** IDs of the costs (any status: a cancelled one still names it) tied to item `id`, as the journal has Kostnader. */
function costsTiedTo(ctx: FullContext, id: string): string[] {
  const k = itemKey(id);
  return verifiedRows(checkTable(ctx.journal, 'ledger')).filter((r) => itemKey(r.values['Programpunkt']) === k).map((r) => r.key);
}

/** Deletes a proposal nobody is invited to (projektledare). */
export function deleteProgramItem(ports: Ports, input: unknown): { message: Msg } {
  const f = parse(programSchemas().ref, input);
  const ctx = loadFullContext(ports);
  requireRole(ctx, ['projektledare']);
  return withProgram(ports, ctx, (c, tx) => {
    const row = verifiedRow(c, f.id);
    const item = itemOfRow(c, row);
    const why = item ? removalProblem(ctx, item) : null;
    if (why) throw new UserError(why, 'id');
    tx.remove(c, row.index, { action: 'programpunkt.borttagen', object: f.id, ...(item ? { before: audit(item) } : {}) });
    return { message: programMsg.deleted(f.id) };
  });
}

// ---------------------------------------------------------------------------
// Granska ändringar: a row changed or added on the sheet

/**
 * Judges the row as it now reads by the sidebar's rules, for the person
 * confirming it: a valid item (the conference-day rule included), a status
 * only the steering group sets, content only the project leader changes.
 * Returns the cells to seal (times as text, the date as a date cell).
 */
export function judgeProgramChange(ctx: FullContext, c: TableCheck, rc: RowCheck): { ok: true; values: Record<string, Cell> } | { ok: false; why: Msg } {
  const values = Object.fromEntries(Object.entries(c.t.col).map(([h, i]) => [h, c.t.snap.rows[rc.index][i]]));
  const typedId = String(values[PROGRAM_COLUMNS.id] ?? '').trim();
  const taken = (id: string) => c.rows.some((r) => r !== rc && r.kind === 'ok' && r.key.toLocaleLowerCase('sv') === id.toLocaleLowerCase('sv'));
  // A typed ID that isn't kept doesn't count towards the next one (a long one would push every new ID past what the calls take).
  const id = rc.sealed ? rc.key : /^P-\d{1,6}$/.test(typedId) && !taken(typedId) ? typedId : nextItemId(c.rows.filter((r) => r !== rc).map((r) => r.key));
  const checked = checkItem(draftOf(values), id, ctx.settings, projectLeaderOf(ctx));
  const fail = (ps: readonly ItemProblem[]) => ({ ok: false as const, why: programMsg.problems(ps.map((p) => p.message)) });
  if (!checked.ok) return fail(checked.problems);
  if (rc.sealed && typedId !== rc.key) return fail([{ field: 'id', message: programMsg.idFixed() }]);
  const before = rc.sealed ? checkItem(draftOf(Object.fromEntries(Object.entries(rc.sealed).map(([h, v]) => [h, typeof v === 'object' ? new Date(v.d * 1000) : v]))), rc.key, ANY_DAY) : null;
  const who = changeProblem(before?.ok ? before.item : null, checked.item, ctx.roles);
  if (who) return fail([who]);
  return { ok: true, values: itemCells(checked.item) };
}

/** A deleted item may be confirmed gone only when nobody is invited to it and it was not decided. */
export function programRemovalProblem(ctx: FullContext, key: string, values: Readonly<Record<string, unknown>>): Msg | null {
  const parsed = checkItem(draftOf(values), key, ANY_DAY);
  return parsed.ok ? removalProblem(ctx, parsed.item) : null;
}
