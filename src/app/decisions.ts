/**
 * Beslut: the steering group's decision register. Only the steering group
 * records or changes a decision (the role of Session.getActiveUser(), checked
 * here; Google's sheet protection says the same for typing); every write is
 * sealed and logged through the journal, so a decision typed, pasted, changed
 * or deleted on the sheet is found at the next read and waits in Granska
 * ändringar like any other change made outside the add-on (src/app/review.ts
 * judges it by the rules of src/core/decisions.ts). Transfers and approvals
 * cite a decision through `requireCitation`, inside their own lock.
 */
import * as z from 'zod/mini';
import { cellText, isoDate } from '../core/budget';
import {
  checkChange, checkDecision, checkNew, DECISION_HEADERS, DECISION_ID, DECISION_LIMITS, fieldName, nextDecisionId, parseStatus, parseSubject,
  type Decision, type DecisionField,
} from '../core/decisions';
import { UserError, type Msg } from '../core/msg';
import { decisionsMsg } from '../core/messages/decisions';
import { DECISION_STATUSES, DECISION_SUBJECTS, SHEETS } from '../core/schema';
import type { Role } from '../core/settings';
import { withBudgetLock } from './budget';
import { loadContext, requireRole, type Context } from './context';
import type { DecisionChangeForm, DecisionForm, Holds, Same } from './contract';
import { problemsOf } from './integrity';
import { checkTable, Tx, verifiedRows, type Journal, type TableCheck } from './journal';
import type { Cell, Ports } from './ports';
import { draftAt } from './register';

// ---------------------------------------------------------------------------
// The sidebar's view

export interface DecisionRow extends Decision {
  /** Why the row waits for review (empty when verified); its values are then as Summit Planner last wrote them. */
  readonly review: Msg | null;
}

export interface DecisionsView {
  readonly user: string;
  readonly roles: readonly Role[];
  /** The caller may record and change decisions (the steering group). */
  readonly mayRecord: boolean;
  /** yyyy-mm-dd, the script's time zone. */
  readonly today: string;
  readonly subjects: readonly string[];
  readonly statuses: readonly string[];
  readonly decisions: readonly DecisionRow[];
  /** Changes made on the sheet outside Summit Planner, waiting for review. */
  readonly pending: readonly Msg[];
}

/** Everything the Beslut sidebar shows. Anyone who can open the file may read it. */
export function decisionsView(ports: Ports): DecisionsView {
  const ctx = loadContext(ports);
  const check = checkTable(ctx.journal, 'decisions');
  return {
    user: ctx.email, roles: ctx.roles, mayRecord: ctx.roles.includes('styrgrupp'), today: isoDate(ports.clock.now()),
    subjects: DECISION_SUBJECTS, statuses: DECISION_STATUSES, decisions: decisionRows(check), pending: problemsOf(check, false),
  };
}

/** The register's rows, newest first, each with why it waits for review (if it does). */
export function decisionRows(check: TableCheck): DecisionRow[] {
  const flagged = new Map<string, Msg>();
  for (const p of check.rows) if (p.kind !== 'ok') flagged.set(p.key, decisionsMsg.rowWaits(p.sheetRow));
  for (const m of check.missing) flagged.set(m.key, decisionsMsg.rowRemovedWaits());
  return verifiedRows(check).map((r): DecisionRow => {
    const v = r.values;
    const get = (h: string) => cellText(v[h]);
    return {
      id: r.key, date: get(DECISION_HEADERS.date), subject: parseSubject(v[DECISION_HEADERS.subject]) ?? 'Övrigt', text: get(DECISION_HEADERS.text),
      reference: get(DECISION_HEADERS.reference), decidedBy: get(DECISION_HEADERS.decidedBy), status: parseStatus(v[DECISION_HEADERS.status]) ?? 'Förslag',
      note: get(DECISION_HEADERS.note), review: r.unverified ? (flagged.get(r.key) ?? decisionsMsg.waits()) : null,
    };
  }).sort((a, b) => (a.date === b.date ? b.id.localeCompare(a.id) : b.date.localeCompare(a.date)));
}

// ---------------------------------------------------------------------------
// Recording and changing (the steering group)

const FIELDS: readonly DecisionField[] = ['date', 'subject', 'text', 'reference', 'decidedBy', 'status', 'note'];

const buildSchemas = () => {
  const s = (max: number) => z.string().check(z.maxLength(max));
  const fields = {
    date: s(10), subject: s(40), text: s(DECISION_LIMITS.text), reference: z.optional(s(DECISION_LIMITS.reference)),
    decidedBy: s(DECISION_LIMITS.decidedBy), status: s(20), note: z.optional(s(DECISION_LIMITS.note)),
  };
  return { record: z.strictObject(fields), change: z.strictObject({ id: s(20), ...fields }) };
};
/** The pages' arguments (the contract) and these schemas agree both ways. */
export type DecisionFormAgrees = Holds<Same<z.output<ReturnType<typeof buildSchemas>['record']>, DecisionForm>>;
export type DecisionChangeAgrees = Holds<Same<z.output<ReturnType<typeof buildSchemas>['change']>, DecisionChangeForm>>;

/** A shape error as a refusal at the field it is about ("Beslut: för lång text (högst 2000 tecken)."). */
function parse<K extends 'record' | 'change'>(k: K, raw: unknown): z.output<ReturnType<typeof buildSchemas>[K]> {
  // Built per call (microseconds beside a service call): cached, only the first parse of an execution would run
  // the other schema's code, so its tests would not answer for it.
  const p = buildSchemas()[k].safeParse(raw);
  if (p.success) return p.data as z.output<ReturnType<typeof buildSchemas>[K]>;
  // A failed parse has an issue; a strict object of flat fields puts each at its field's key, or at none (not an
  // object, an unknown key), so the key is one of FIELDS, 'id' or absent.
  const issue = p.error.issues[0];
  const key = issue.path[0];
  const f = FIELDS.find((x) => x === key);
  if (!f) {
    if (key === 'id') throw new UserError(decisionsMsg.invalidInput('ID'), 'id');
    throw new UserError(decisionsMsg.invalidInput('(indata)'));
  }
  const name = fieldName(f);
  const why = issue.code === 'too_big'
    ? decisionsMsg.tooLong(String((issue as { maximum?: unknown }).maximum))
    : decisionsMsg.missingOrWrongType();
  throw new UserError(decisionsMsg.fieldProblem(name, why), f);
}

// A declaration typed `never` (not an arrow in a const), so the compiler knows nothing after a call to it runs.
function refuseField(p: { field: DecisionField; message: Msg }): never { throw new UserError(p.message, p.field); }

/** yyyy-mm-dd → a date cell (local midnight, as the sheet keeps dates). */
const dateCell = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};

/** The cells of a decision; user text is written as literal text by the adapter (never a formula). */
const cellsOf = (d: Decision): Record<string, Cell> => ({
  [DECISION_HEADERS.id]: d.id, [DECISION_HEADERS.date]: dateCell(d.date), [DECISION_HEADERS.subject]: d.subject, [DECISION_HEADERS.text]: d.text,
  [DECISION_HEADERS.reference]: d.reference, [DECISION_HEADERS.decidedBy]: d.decidedBy, [DECISION_HEADERS.status]: d.status, [DECISION_HEADERS.note]: d.note,
});

/** What Logg keeps of a decision: no wording, names or notes (they may name people), only that they changed. */
export const decisionAudit = (d: Partial<Decision>): Record<string, string> => {
  const out: Record<string, string> = {};
  if (d.date !== undefined) out['Datum'] = d.date;
  if (d.subject !== undefined) out['Ämne'] = d.subject;
  if (d.reference !== undefined) out['Referens'] = d.reference;
  if (d.status !== undefined) out['Status'] = d.status;
  for (const [k, h] of [['text', 'Beslut'], ['decidedBy', 'Beslutat av'], ['note', 'Anteckning']] as const) if (d[k] !== undefined) out[h] = '(ändrad)';
  return out;
};

export interface DecisionSaved { readonly id: string; readonly message: Msg }

function steeringContext(ports: Ports): Context {
  const ctx = loadContext(ports);
  requireRole(ctx, ['styrgrupp']);
  return ctx;
}

/** Records a decision (styrgrupp): `{ date, subject, text, reference?, decidedBy, status, note? }`. */
export function recordDecision(ports: Ports, raw: unknown): DecisionSaved {
  const ctx = steeringContext(ports);
  const input = parse('record', raw);
  const checked = checkDecision('', input);
  if (!checked.ok) refuseField(checked.problem);
  const fresh = checkNew(checked.value);
  if (fresh) refuseField(fresh);
  return withBudgetLock(ports, () => {
    const check = checkTable(ctx.journal.fresh(), 'decisions');
    // IDs are never reused: every key the sheet or the journal knows counts, reviewed or not.
    const id = nextDecisionId([...check.rows.map((r) => r.key), ...check.missing.map((m) => m.key)]);
    const d: Decision = { ...checked.value, id };
    new Tx(ctx.journal).put(check, null, cellsOf(d), { action: 'beslut.registrerat', object: id, after: decisionAudit(d) }).commit();
    return {
      id,
      message: decisionsMsg.recorded(id, d.subject, d.status),
    };
  });
}

/**
 * Changes a decision (styrgrupp): a proposal in any way, a taken decision
 * only to revoked (and its note). A row waiting for review is changed only
 * through the review.
 */
export function changeDecision(ports: Ports, raw: unknown): DecisionSaved {
  const ctx = steeringContext(ports);
  const { id, ...input } = parse('change', raw);
  const checked = checkDecision(id, input);
  if (!checked.ok) refuseField(checked.problem);
  return withBudgetLock(ports, () => {
    const check = checkTable(ctx.journal.fresh(), 'decisions');
    const want = id.trim().toLocaleLowerCase('sv');
    const rc = check.rows.find((r) => r.key.toLocaleLowerCase('sv') === want);
    if (!rc) {
      const gone = check.missing.some((m) => m.key.toLocaleLowerCase('sv') === want);
      throw new UserError(gone
        ? decisionsMsg.removedWaits(id)
        : decisionsMsg.noSuchDecision(id), 'id');
    }
    if (rc.kind !== 'ok') {
      throw new UserError(decisionsMsg.changedWaits(rc.key, rc.sheetRow), 'id');
    }
    const before = checkDecision(rc.key, draftAt(check, rc.index));
    const after: Decision = { ...checked.value, id: rc.key };
    if (before.ok) {
      const p = checkChange(before.value, after);
      if (p) refuseField(p);
    }
    const changed = before.ok ? diff(before.value, after) : after;
    if (Object.keys(changed).length === 0) return { id: rc.key, message: decisionsMsg.unchanged(rc.key) };
    new Tx(ctx.journal).put(check, rc.index, cellsOf(after), {
      action: after.status === 'Upphävt' && before.ok && before.value.status !== 'Upphävt' ? 'beslut.upphävt' : 'beslut.ändrat', object: rc.key,
      before: before.ok ? decisionAudit(pick(before.value, Object.keys(changed) as (keyof Decision)[])) : undefined, after: decisionAudit(changed),
    }).commit();
    return { id: rc.key, message: decisionsMsg.changed(rc.key, after.status) };
  });
}

const diff = (a: Decision, b: Decision): Partial<Decision> =>
  Object.fromEntries((Object.keys(b) as (keyof Decision)[]).filter((k) => a[k] !== b[k]).map((k) => [k, b[k]]));
const pick = (d: Decision, keys: readonly (keyof Decision)[]): Partial<Decision> => Object.fromEntries(keys.map((k) => [k, d[k]]));

// ---------------------------------------------------------------------------
// Set-up: carrying an older Beslut sheet over

/**
 * The first set-up of this version on a workbook whose Beslut sheet was a
 * plain table (no seals): every row already there is kept and becomes a
 * sealed decision, with what the older sheet had no column for filled in —
 * Ämne "Övrigt", Status "Fattat" (it was written down as decided), an ID
 * (B-0001 …) where it had none or a duplicate — and one Logg entry each
 * (`beslut.överfört`). A row that still isn't a sound decision (no wording, no
 * valid date) stays on the sheet as it is, unsealed, and waits in Granska
 * ändringar. Afterwards the anchor counts Beslut, so a later set-up never
 * adopts rows typed by hand. Call inside the lock; null when nothing was there.
 */
export function adoptDecisions(journal: Journal): Msg | null {
  const { state } = journal.require();
  if (state.t.decisions) return null;
  const check = checkTable(journal, 'decisions');
  const tx = new Tx(journal);
  const taken = new Set<string>();
  let adopted = 0;
  let left = 0;
  for (const r of check.rows) {
    if (r.kind !== 'new') continue;
    const typed = draftAt(check, r.index);
    const key = r.key.toUpperCase(); // keys are read trimmed (src/app/journal.ts keyText)
    const id = DECISION_ID.test(key) && !taken.has(key) ? key : nextDecisionId([...check.rows.map((x) => x.key), ...taken]);
    const d = checkDecision(id, {
      ...typed, subject: cellText(typed.subject) || 'Övrigt', status: cellText(typed.status) || 'Fattat', decidedBy: cellText(typed.decidedBy) || 'Styrgruppen',
    });
    if (!d.ok) { left++; continue; }
    taken.add(id);
    tx.put(check, r.index, cellsOf(d.value), { action: 'beslut.överfört', object: id, after: decisionAudit(d.value) });
    adopted++;
  }
  tx.commit();
  const now = journal.fresh().require().state;
  if (!now.t.decisions) journal.replace({ ...now, t: { ...now.t, decisions: { n: 0, s: 0 } } });
  if (adopted === 0 && left === 0) return null;
  return decisionsMsg.carried(SHEETS.decisions, adopted, left);
}
