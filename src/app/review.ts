/**
 * Granska ändringar: every change made outside the add-on, with the
 * before-value shown, for a person with the right role to confirm (the change
 * is judged by the same rules as the sidebar's own writes, then sealed and
 * logged) or undo (the journal's value is written back and logged). Until
 * then it blocks what it could corrupt (src/app/budget.ts, guests.ts, merge.ts).
 *
 * Who decides: Kostnader finance staff; Budget and Omfördelningar the
 * steering group; Gäster the project leader or the steering group (a status
 * change only by whoever may make it); Mallar and Evenemang the project
 * leader; Inställningar and the log's anchor an administrator.
 */
import * as z from 'zod/mini';
import { checkAllocation, computeBudget, funderIndex, kr } from '../core/budget';
import { parseLanguage } from '../core/guests';
import { fromNumber } from '../core/money';
import { UserError, type Msg } from '../core/msg';
import { SHEETS, TABLES } from '../core/schema';
import { fromSnap, SEAL_SPECS, sealedHeaders, type SealedTable, type SnapValue } from '../core/seal';
import { LIST_KEYS, roleNames, roleRequiredMsg, settingDefsOf, settingProblem, type Role } from '../core/settings';
import { verifyChain, addCheckpoints } from '../core/audit';
import { checkChange, checkDecision, checkNew, citationText, DECISION_ID, nextDecisionId } from '../core/decisions';
import { judgeLedgerChange, overviewNote, programItems, readBudget, withBudgetLock } from './budget';
import { draftAt, draftOf, requireCitation } from './register';
import { loadFullContext, requireAdmin, type FullContext } from './context';
import { guestAudit, judgeGuestChange } from './guests';
import { guestsMsg } from '../core/messages/guests';
import { judgeProgramChange, programRemovalProblem } from './program';
import { shown, unverifiedMsg, missingMsg, withEditLock } from './integrity';
import { guestRows } from './invite-rows';
import { checkTable, Journal, logCountMsg, readLog, Tx, type MissingRow, type RowCheck, type TableCheck } from './journal';
import type { Cell, Ports } from './ports';
import type { Holds, ReviewDecision, Same } from './contract';
import { reviewMsg } from '../core/messages/review';
import { TEMPLATE_TYPES, templateKind } from '../core/template';

export interface ReviewField { readonly header: string; readonly before: string; readonly now: string }

export interface ReviewItem {
  /** Identifies the item for resolveReview: "<table>:<sheet row>:<key>" ("<table>:0:<key>" for a row that is gone). */
  readonly id: string;
  readonly table: SealedTable;
  readonly sheet: string;
  readonly row: number;
  readonly key: string;
  readonly kind: Exclude<RowCheck['kind'], 'ok'> | 'missing';
  readonly message: Msg;
  readonly fields: readonly ReviewField[];
  /** Who may decide ("the steering group"). */
  readonly who: Msg;
  /** The caller may decide it. */
  readonly mayDecide: boolean;
  /** A confirm is possible at all (a copy or an older version can only be undone). */
  readonly canConfirm: boolean;
  /** Confirming needs a decision reference (allocations). */
  readonly needsNote: boolean;
  /** How many other items are decided with this one (the allocations must add up together, so they go as one). */
  readonly together: number;
}

export interface ReviewView {
  readonly user: string;
  readonly roles: readonly Role[];
  readonly admin: boolean;
  readonly items: readonly ReviewItem[];
  /** Logg's row count disagrees with its anchor: nothing can be written until an administrator accepts the log. */
  readonly log: Msg | null;
}

const DECIDERS: Readonly<Record<SealedTable, readonly Role[] | 'admin'>> = {
  settings: 'admin', event: ['projektledare'], budget: ['styrgrupp'], transfers: ['styrgrupp'],
  ledger: ['ekonomi'], guests: ['projektledare', 'styrgrupp'], templates: ['projektledare'],
  // Content by the project leader, the status by the steering group: judgeProgramChange says who may confirm what.
  program: ['projektledare', 'styrgrupp'],
  decisions: ['styrgrupp'],
};

/** Who may decide ("styrgruppen"). */
const whoMsg = (t: SealedTable): Msg => {
  const d = DECIDERS[t];
  return d === 'admin' ? reviewMsg.administrator() : roleNames(d);
};
const mayDecide = (ctx: FullContext, t: SealedTable): boolean => {
  const d = DECIDERS[t];
  return ctx.admin && (d === 'admin' || t === 'event') ? true : d !== 'admin' && d.some((r) => ctx.roles.includes(r));
};

const cellAt = (c: TableCheck, index: number, h: string): unknown => (c.t.col[h] === undefined ? '' : c.t.snap.rows[index][c.t.col[h]]);

function fieldsOf(c: TableCheck, r: RowCheck): ReviewField[] {
  const before = r.kind === 'stale' ? r.latestValues : r.sealed;
  const headers = r.kind === 'changed' ? r.fields : sealedHeaders(c.table);
  return headers
    .map((h) => ({ header: h, before: before ? shown(c.table, h, before[h]) : '', now: shown(c.table, h, cellAt(c, r.index, h)) }))
    .filter((f) => r.kind === 'changed' || f.before !== f.now);
}

function itemsOf(ctx: FullContext, c: TableCheck): ReviewItem[] {
  const waiting = c.rows.filter((r) => r.kind !== 'ok').length + c.missing.length;
  const base = {
    table: c.table, sheet: TABLES[c.table].sheet, who: whoMsg(c.table), mayDecide: mayDecide(ctx, c.table),
    needsNote: c.table === 'budget', together: c.table === 'budget' ? waiting - 1 : 0,
  };
  const out: ReviewItem[] = c.rows.filter((r) => r.kind !== 'ok').map((r) => ({
    ...base, id: `${c.table}:${r.sheetRow}:${r.key}`, row: r.sheetRow, key: r.key, kind: r.kind as ReviewItem['kind'],
    message: unverifiedMsg(c, r), fields: fieldsOf(c, r), canConfirm: r.kind === 'changed' || r.kind === 'new',
  }));
  for (const m of c.missing) {
    out.push({
      ...base, id: `${c.table}:0:${m.key}`, row: 0, key: m.key, kind: 'missing', message: missingMsg(c, m),
      fields: Object.entries(m.values).map(([h, v]) => ({ header: h, before: shown(c.table, h, v), now: '' })),
      canConfirm: c.table !== 'budget',
    });
  }
  return out;
}

const ALL: readonly SealedTable[] = ['settings', 'event', 'budget', 'transfers', 'ledger', 'guests', 'templates', 'program', 'decisions'];

/** Everything that waits for review (role holders and administrators only: it shows what changed). */
export function listReview(ports: Ports): ReviewView {
  const ctx = loadFullContext(ports);
  if (!ctx.admin && ctx.roles.length === 0) throw new UserError(roleRequiredMsg(['styrgrupp', 'projektledare', 'ekonomi']));
  const checks: TableCheck[] = [ctx.check, ctx.eventCheck, ...ALL.filter((t) => t !== 'settings' && t !== 'event').map((t) => checkTable(ctx.journal, t))];
  const lastRow = ports.workbook.table(SHEETS.log)?.lastRow() ?? 1;
  const anchor = ctx.journal.require().state;
  const found = Math.max(0, lastRow - 1);
  const log = found === anchor.n || found === anchor.alt?.n ? null : logCountMsg(anchor.n, found);
  return { user: ctx.email, roles: ctx.roles, admin: ctx.admin, items: checks.flatMap((c) => itemsOf(ctx, c)), log };
}

// ---------------------------------------------------------------------------
// Deciding

const buildResolve = () => z.strictObject({
  id: z.string().check(z.maxLength(300)), action: z.enum(['confirm', 'undo']), note: z.optional(z.string().check(z.maxLength(200))),
});
/** The page's argument (the contract) and this schema agree both ways: neither can drift. */
export type ResolveAgrees = Holds<Same<z.output<ReturnType<typeof buildResolve>>, ReviewDecision>>;
let schema: ReturnType<typeof buildResolve> | undefined;
const resolveSchema = () => (schema ??= buildResolve());

/** `table`: the sheet the change was on (a confirmed Program row may need more rows on Översikt: src/gas/setup.ts, growOverview). */
export interface Resolved { readonly message: Msg; readonly rolesChanged: boolean; readonly table: SealedTable }

const goneMsg = (): Msg => reviewMsg.gone();

function parseId(id: string): { table: SealedTable; row: number; key: string } {
  // (.*) with the s flag takes the rest, whatever it holds: no end anchor needed.
  const m = /^([a-z]+):(\d{1,7}):(.*)/s.exec(id);
  if (!m || !(ALL as readonly string[]).includes(m[1])) throw new UserError(goneMsg());
  return { table: m[1] as SealedTable, row: Number(m[2]), key: m[3] };
}

/** Confirms or undoes one item (a confirm of an allocation takes every changed Budget row together, with a decision reference). */
export function resolveReview(ports: Ports, input: unknown): Resolved {
  const p = resolveSchema().safeParse(input);
  if (!p.success) throw new UserError(reviewMsg.invalidInput());
  const { id, action, note } = p.data;
  const target = parseId(id);
  const ctx = loadFullContext(ports);
  if (!mayDecide(ctx, target.table)) {
    const d = DECIDERS[target.table];
    if (d === 'admin') requireAdmin(ctx);
    throw new UserError(roleRequiredMsg(d as Role[]));
  }
  return withBudgetLock(ports, () => {
    ctx.journal.fresh();
    const c = checkTable(ctx.journal, target.table);
    // A row that is gone is named with row 0, which no sheet row has (data starts at row 2).
    const rc = c.rows.find((r) => r.sheetRow === target.row && r.key === target.key && r.kind !== 'ok');
    const gone = target.row === 0 ? c.missing.find((m) => m.key === target.key) : undefined;
    if (!rc && !gone) throw new UserError(goneMsg());
    const tx = new Tx(ctx.journal);
    const message = action === 'undo'
      ? (rc ? undoRow(tx, c, rc) : restoreRow(tx, c, gone!))
      : (rc ? confirmRow(ports, ctx, tx, c, rc, note ?? '') : confirmGone(ctx, tx, c, gone!));
    tx.commit();
    // Översikt's verification cell follows what remains.
    if (c.table === 'budget' || c.table === 'ledger') new Tx(ctx.journal).overview(overviewNote(readBudget(ports, ctx.settings, ctx.journal))).commit();
    const rolesChanged = target.table === 'settings' && LIST_KEYS.some((k) => k.toLocaleLowerCase('sv') === target.key.toLocaleLowerCase('sv'));
    return { message, rolesChanged, table: target.table };
  });
}

const prefix: Readonly<Record<SealedTable, string>> = {
  settings: 'inställning', event: 'inställning', budget: 'budget', transfers: 'omfördelning', ledger: 'kostnad', guests: 'gäst', templates: 'mall',
  program: 'programpunkt',
  decisions: 'beslut',
};

/** What Logg may keep of values: personal ones by field name only. */
const loggable = (t: SealedTable, values: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  t === 'guests' ? guestAudit(values) : Object.fromEntries(Object.entries(values).map(([h, v]) => [h, isPersonal(t, h) ? '(ändrad)' : shown(t, h, v)]));
const isPersonal = (t: SealedTable, h: string): boolean => SEAL_SPECS[t].personal.includes(h);

const snapValues = (v: Readonly<Record<string, SnapValue>>): Record<string, Cell> =>
  Object.fromEntries(Object.entries(v).map(([h, x]) => [h, fromSnap(x) as Cell]));

const nowValues = (c: TableCheck, index: number, headers: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(headers.map((h) => [h, cellAt(c, index, h)]));

/** Puts the journal's values back (the sealed row, or the journal's latest for an older copy); clears rows the journal never had. */
function undoRow(tx: Tx, c: TableCheck, rc: RowCheck): Msg {
  const sheet = TABLES[c.table].sheet;
  const back = rc.kind === 'changed' ? rc.sealed : rc.kind === 'stale' ? rc.latestValues : rc.kind === 'forged' ? c.missing.find((m) => m.key === rc.key)?.values : undefined;
  if (!back) {
    tx.clear(c, rc.index, { action: `${prefix[c.table]}.ångrad`, object: `${sheet} rad ${rc.sheetRow}`, before: loggable(c.table, nowValues(c, rc.index, sealedHeaders(c.table))) });
    return reviewMsg.rowEmptied(rc.sheetRow, sheet);
  }
  const values = snapValues(back);
  // The journal keeps no personal data: for an older copy they stay as the sheet has them.
  if (rc.kind !== 'changed') for (const h of SEAL_SPECS[c.table].personal) delete values[h];
  const fields = rc.kind === 'changed' ? rc.fields : Object.keys(values);
  tx.put(c, rc.index, values, {
    action: `${prefix[c.table]}.ändring-ångrad`, object: rc.key,
    before: loggable(c.table, nowValues(c, rc.index, fields)), after: loggable(c.table, Object.fromEntries(fields.map((h) => [h, values[h] ?? cellAt(c, rc.index, h)]))),
  });
  return reviewMsg.rowRestored(sheet, rc.sheetRow, rc.key);
}

/** A deleted row comes back, appended, with the journal's values (Gäster: without personal data, which is not in the journal). */
function restoreRow(tx: Tx, c: TableCheck, m: MissingRow): Msg {
  const sheet = TABLES[c.table].sheet;
  tx.put(c, null, snapValues(m.values), { action: `${prefix[c.table]}.återställd`, object: m.key, after: loggable(c.table, m.values) });
  const personal = c.table === 'decisions'
    ? reviewMsg.decisionNotInLog()
    : SEAL_SPECS[c.table].personal.length > 0
      ? reviewMsg.contactNotInLog()
      : null;
  return reviewMsg.rowBack(m.key, sheet, personal);
}

function confirmGone(ctx: FullContext, tx: Tx, c: TableCheck, m: MissingRow): Msg {
  const sheet = TABLES[c.table].sheet;
  if (c.table === 'budget') {
    throw new UserError(reviewMsg.funderNotRemoved());
  }
  const why = c.table === 'program' ? programRemovalProblem(ctx, m.key, snapValues(m.values)) : null;
  if (why) throw new UserError(reviewMsg.restoreInstead(why));
  tx.forget(c, m, { action: `${prefix[c.table]}.borttagning-godkänd`, object: m.key, before: loggable(c.table, m.values) });
  return reviewMsg.removalConfirmed(m.key, sheet);
}

/** Judges the row as it now reads by the rules of its sheet; seals and logs it when it stands. */
function confirmRow(ports: Ports, ctx: FullContext, tx: Tx, c: TableCheck, rc: RowCheck, note: string): Msg {
  if (rc.kind !== 'changed' && rc.kind !== 'new') {
    throw new UserError(reviewMsg.onlyUndo(unverifiedMsg(c, rc)));
  }
  const extra = judge(ports, ctx, tx, c, rc, note);
  if (c.table === 'budget') return extra.message!;
  const values = { ...nowValues(c, rc.index, Object.keys(c.t.col)) as Record<string, Cell>, ...extra.values };
  const fields = rc.kind === 'changed' ? [...rc.fields, ...Object.keys(extra.values)] : sealedHeaders(c.table);
  tx.put(c, rc.index, values, {
    action: `${prefix[c.table]}.ändring-godkänd`, object: String(values[SEAL_SPECS[c.table].key] ?? rc.key),
    before: rc.sealed ? loggable(c.table, Object.fromEntries(rc.fields.map((h) => [h, fromSnap(rc.sealed![h])]))) : undefined,
    after: loggable(c.table, Object.fromEntries(fields.map((h) => [h, values[h]]))),
  });
  if (extra.message) return extra.message;
  const sheet = TABLES[c.table].sheet;
  return reviewMsg.changeConfirmed(sheet, rc.sheetRow);
}

const refuse = (why: Msg): never => { throw new UserError(why); };

/** The sheet's rules for a confirm; extra values to seal with the row (a new cost's ID, a guest's link version). */
function judge(ports: Ports, ctx: FullContext, tx: Tx, c: TableCheck, rc: RowCheck, note: string): { values: Record<string, Cell>; message?: Msg } {
  switch (c.table) {
    case 'ledger': {
      const snap = readBudget(ports, ctx.settings, ctx.journal);
      const v = judgeLedgerChange(snap, snap.ledger.rows.find((r) => r.index === rc.index)!, ctx.email, ports.clock.now(), programItems(ctx.journal));
      return v.ok ? { values: v.values } : refuse(v.why);
    }
    case 'guests': {
      const v = judgeGuestChange(ctx, c, guestRows(c), rc, tx, note);
      return v.ok ? { values: v.values as Record<string, Cell>, ...(v.decision ? { message: guestsMsg.approvedCiting(rc.sheetRow, v.decision) } : {}) } : refuse(v.why);
    }
    case 'settings': case 'event': {
      const key = String(cellAt(c, rc.index, 'Nyckel')).trim();
      if (!settingDefsOf(c.table).some(([k]) => k === key)) refuse(reviewMsg.notASetting(key.slice(0, 60), TABLES[c.table].sheet));
      if (rc.kind === 'new' && c.rows.some((r) => r !== rc && r.kind !== 'new' && r.key.toLocaleLowerCase('sv') === key.toLocaleLowerCase('sv'))) {
        refuse(reviewMsg.settingTwice(key));
      }
      const p = settingProblem(key, cellAt(c, rc.index, 'Värde'));
      return p ? refuse(p) : { values: {} };
    }
    case 'templates': {
      const lang = parseLanguage(String(cellAt(c, rc.index, 'Språk')));
      if (!lang) return refuse(reviewMsg.templateLanguage());
      // One template per language and kind, as the merge reads them (src/app/merge.ts: two make the language unusable).
      // A row waiting for review holds its place too (confirming beside it would seal a duplicate); a typed-in one does not.
      const kind = templateKind(cellAt(c, rc.index, 'Typ'));
      const named = (key: string) => {
        const [l, typ = ''] = key.split('/');
        return l.trim().toLowerCase() === lang && templateKind(typ) === kind;
      };
      if (c.rows.some((r) => r !== rc && r.kind !== 'new' && named(r.key))) {
        refuse(reviewMsg.templateTwice(kind === 'reminder' ? `${lang}/${TEMPLATE_TYPES.reminder}` : lang));
      }
      return { values: {} };
    }
    case 'transfers': {
      // A new row's fields are all of them, so it is refused here too.
      if (rc.fields.some((h) => h !== 'Kommentar')) {
        refuse(reviewMsg.transferOnlyInSidebar());
      }
      return { values: {} };
    }
    case 'budget':
      return { values: {}, message: confirmAllocations(ports, ctx, tx, c, note) };
    case 'program': {
      const v = judgeProgramChange(ctx, c, rc);
      return v.ok ? { values: v.values } : refuse(v.why);
    }
    case 'decisions':
      return judgeDecision(c, rc);
  }
}

/**
 * A decision typed or changed on Beslut stands only as the sidebar would let it: every field sound
 * (src/core/decisions.ts), a new row not revoked and given the next ID when it has none (or a taken
 * one), and a taken decision changed only to revoked.
 */
function judgeDecision(c: TableCheck, rc: RowCheck): { values: Record<string, Cell> } {
  const typedId = String(cellAt(c, rc.index, 'ID')).trim();
  const others = c.rows.filter((r) => r !== rc).map((r) => r.key);
  const clash = rc.kind === 'new' && (!DECISION_ID.test(typedId.toUpperCase()) || others.some((k) => k.toLocaleLowerCase('sv') === typedId.toLocaleLowerCase('sv')) || c.missing.some((m) => m.key.toLocaleLowerCase('sv') === typedId.toLocaleLowerCase('sv')));
  const id = rc.kind === 'new' ? (clash ? nextDecisionId([...c.rows.map((r) => r.key), ...c.missing.map((m) => m.key)]) : typedId.toUpperCase()) : rc.key;
  const now = checkDecision(id, draftAt(c, rc.index));
  if (!now.ok) return refuse(now.problem.message);
  if (rc.kind === 'new') {
    const p = checkNew(now.value);
    if (p) refuse(p.message);
  } else if (rc.sealed) {
    const sealed = rc.sealed;
    const before = checkDecision(rc.key, draftOf((h) => (sealed[h] === undefined ? '' : fromSnap(sealed[h]))));
    const p = before.ok ? checkChange(before.value, now.value) : null;
    if (p) refuse(p.message);
  }
  // The cells as the rules read them: a typed date as a date, the lists' spelling, the ID.
  return { values: { ID: id, Datum: dateCell(now.value.date), Ämne: now.value.subject, Status: now.value.status } };
}

const dateCell = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};

/**
 * Allocations typed on Budget are confirmed together, as the steering group's
 * reallocation: they must still add up to the total, none below what its
 * funder has consumed, and the decision reference is logged.
 */
function confirmAllocations(ports: Ports, ctx: FullContext, tx: Tx, c: TableCheck, note: string): Msg {
  if (!note.trim()) refuse(reviewMsg.transferNoteMissing());
  // As a transfer in Fördela budget: the reallocation cites a taken decision about a budget transfer in Beslut.
  const decision = requireCitation(ctx.journal, note, 'transfer', 'note');
  const cited = citationText(decision);
  const named = `${decision.id}${decision.reference ? `, ${decision.reference}` : ''}`;
  const snap = readBudget(ports, ctx.settings, ctx.journal);
  const pending = c.rows.filter((r) => r.kind !== 'ok');
  if (c.missing.length || pending.some((r) => r.kind !== 'changed' || r.fields.includes('Finansiär'))) {
    refuse(reviewMsg.onlyChangedAllocations());
  }
  const state = computeBudget(snap.input);
  const next = state.funders.map((f) => f.allocation);
  for (const r of pending) {
    const fi = funderIndex(state, cellAt(c, r.index, 'Finansiär'));
    const ore = fromNumber(Number(cellAt(c, r.index, 'Tilldelning')));
    if (fi < 0 || !ore.ok) refuse(unverifiedMsg(c, r));
    next[fi] = ore.ok ? ore.value : 0;
  }
  const why = checkAllocation(state, ctx.settings.totalBudget, next);
  if (why) refuse(why);
  for (const r of pending) {
    const fi = funderIndex(state, cellAt(c, r.index, 'Finansiär'));
    tx.put(c, r.index, nowValues(c, r.index, Object.keys(c.t.col)) as Record<string, Cell>, {
      action: 'budget.ändring-godkänd', object: state.funders[fi].name,
      before: { Tilldelning: kr(state.funders[fi].allocation) }, after: { Tilldelning: kr(next[fi]), beslut: cited },
    });
  }
  return reviewMsg.allocationsConfirmed(pending.length, named);
}

/**
 * An administrator accepts Logg as it stands after rows were added or
 * removed by hand (or an older version restored): the chain must hold
 * together; the anchor moves to it and the decision is logged. Rows removed
 * are not recovered here: restore them from the version history first.
 */
export function acceptLog(ports: Ports): Msg {
  const ctx = loadFullContext(ports);
  requireAdmin(ctx);
  return withBudgetLock(ports, () => {
    const journal = new Journal(ports);
    const { state } = journal.require();
    const { t, rows } = readLog(ports);
    const v = verifyChain(rows);
    if (!v.ok) return refuse(reviewMsg.logBrokenAt(t.snap.firstRow + v.index));
    if (rows.length === state.n && v.head === state.head) return reviewMsg.logAlreadyMatches();
    const hashes = rows.map((r) => r.hash.trim().toLowerCase());
    const next = { ...state, n: rows.length, head: v.head, cp: addCheckpoints([], 0, hashes), t: { ...state.t } };
    delete next.alt;
    journal.replace(next);
    // A sheet whose missing rows the accepted log can't name (a restored version lost their entries too)
    // is taken as it stands; rows the log can name stay listed for review, and changed rows stay unverified.
    const rebased: string[] = [];
    for (const table of ALL) {
      const c = checkTable(journal, table);
      if (!c.problem) continue;
      next.t[table] = { n: c.counts.n, s: c.counts.s };
      rebased.push(TABLES[table].sheet);
    }
    journal.replace(next);
    new Tx(journal).log({ action: 'logg.godkänd', object: SHEETS.log, before: { rader: state.n }, after: { rader: rows.length, blad: rebased } }).commit();
    return reviewMsg.logAccepted(rows.length, state.n, rebased);
  });
}

// ---------------------------------------------------------------------------
// Typing on the other guarded sheets (the onEdit adapter)

export interface SheetEditRange { readonly row: number; readonly column: number; readonly numRows: number; readonly numColumns: number }

const pendingMsg = (c: TableCheck, rc: RowCheck): Msg => {
  const where = unverifiedMsg(c, rc);
  const who = whoMsg(c.table);
  return c.table === 'settings'
    ? reviewMsg.settingsPending(where)
    : reviewMsg.changePending(where, who);
};

/**
 * onEdit on Mallar, Evenemang, Budget, Omfördelningar and Inställningar:
 * the project leader's valid change of a template or an event detail stands
 * (sealed and logged, as a confirm); a role or setting typed on Inställningar
 * is put back (roles change only in the sidebar); anything else waits for
 * review, and a change on Budget is shown in Översikt's verification cell.
 * Returns what to toast, or null.
 */
export function guardSheetEdit(ports: Ports, table: SealedTable, e: SheetEditRange): Msg | null {
  const ctx = loadFullContext(ports);
  return withEditLock(ports, () => {
    ctx.journal.fresh();
    const c = checkTable(ctx.journal, table);
    const header = c.t.snap.header[e.column - 1] ?? '';
    const single = e.numRows === 1 && e.numColumns === 1;
    const auto = (table === 'templates' || table === 'event') && mayDecide(ctx, table);
    const tx = new Tx(ctx.journal);
    const said: Msg[] = [];
    for (const rc of c.rows) {
      if (rc.kind === 'ok' || rc.sheetRow < e.row || rc.sheetRow > e.row + e.numRows - 1) continue;
      let why = pendingMsg(c, rc);
      if (auto && (rc.kind === 'changed' || rc.kind === 'new')) {
        try {
          confirmRow(ports, ctx, tx, c, rc, '');
          continue;
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          why = err.userMessage;
        }
      }
      const putBack = single && rc.kind === 'changed' && rc.sealed && rc.fields.length === 1 && rc.fields[0] === header && (auto || table === 'settings');
      if (putBack) {
        const back = fromSnap(rc.sealed![header]);
        c.t.port.write(rc.sheetRow, e.column - 1, [[back]]);
        tx.log({ action: `${prefix[table]}.ändring-återställd`, object: rc.key, before: { [header]: shown(table, header, cellAt(c, rc.index, header)) }, after: { [header]: shown(table, header, back) } });
        said.push(reviewMsg.putBack(header, rc.sheetRow, why));
        continue;
      }
      said.push(why);
    }
    if (table === 'budget') tx.overview(overviewNote(readBudget(ports, ctx.settings, ctx.journal)));
    tx.commit();
    return said[0] ?? null;
  });
}
