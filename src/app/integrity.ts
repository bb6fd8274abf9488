/**
 * What a change made outside the add-on means for the user: the words for an
 * unverified row ("Belopp 12 000,00 kr → 1 200,00 kr, ändrat utanför Summit
 * Planner") and the list of what waits for review. Shared by every use case
 * that refuses because of one, and by Granska ändringar.
 */
import { cellText } from '../core/budget';
import { fixed, fmtFor } from '../core/i18n';
import { fromNumber } from '../core/money';
import { UserError, type Msg } from '../core/msg';
import { TABLES, type ColumnFormat } from '../core/schema';
import { fromSnap, SEAL_SPECS, type SealedTable, type SnapValue } from '../core/seal';
import type { MissingRow, RowCheck, TableCheck } from './journal';
import { LockTimeoutError, type Ports } from './ports';
import { reviewMsg } from '../core/messages/review';

export const reviewHint = (): Msg => reviewMsg.reviewHint();

/**
 * How long an onEdit guard waits for the lock. onEdit is a simple trigger: it is killed at 30 s
 * (apps-script-platform.md "Limits"), whatever it is doing. It works for about a second before it
 * asks for the lock and two to three after (seven to nine on a slow day: test/support/latency.ts),
 * and the emulator counts neither the evaluation of the bundle nor the script's own work. With the
 * sidebars' 20 s (LOCK_TIMEOUT_MS) an edit that got the lock at the last moment ended at 29 s on a
 * slow day; with 10 s it ends by 19 s (test/bundle/latency.test.ts, "the worst case on a slow day").
 */
export const EDIT_LOCK_MS = 10_000;

/**
 * What onEdit says when the lock stays busy. Not the sidebars' "nothing was changed": the person's
 * edit is in the sheet already, unsealed, so the journal treats it as a change made outside the
 * add-on — it doesn't count and blocks what it touches until someone reviews it (or the same value
 * is typed again once the lock is free).
 */
export const editLockBusyMsg = (): Msg => reviewMsg.editLockBusy();

/** Runs an onEdit guard's fn under the lock, waiting at most `timeoutMs`; a busy lock becomes editLockBusyMsg. */
export function withEditLock<T>(ports: Ports, fn: () => T, timeoutMs = EDIT_LOCK_MS): T {
  try {
    return ports.lock.withLock(timeoutMs, fn);
  } catch (e) {
    throw e instanceof LockTimeoutError ? new UserError(editLockBusyMsg()) : e;
  }
}

const formatOf = (table: SealedTable, header: string): ColumnFormat =>
  TABLES[table].columns.find((c) => c.header === header)?.format ?? 'text';

/** A value as a person reads it in `lang`: kronor ("42 500,00 kr", "42,500.00 SEK"), dates, or text (cut at 60 characters); '(tomt)' for nothing. */
export function shown(table: SealedTable, header: string, v: unknown, lang: 'sv' | 'en' = 'sv'): string {
  const value = typeof v === 'object' && v !== null && !(v instanceof Date) ? fromSnap(v as SnapValue) : v;
  if (value === '' || value === null || value === undefined) return reviewMsg.emptyValue()[lang];
  const f = formatOf(table, header);
  if (f === 'sek' && typeof value === 'number') {
    const o = fromNumber(value);
    if (o.ok) return fmtFor(lang).money(o.value);
  }
  if (value instanceof Date && f === 'datetime') return `${cellText(value)} ${String(value.getHours()).padStart(2, '0')}:${String(value.getMinutes()).padStart(2, '0')}`;
  const text = cellText(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

const isPersonal = (table: SealedTable, h: string): boolean => SEAL_SPECS[table].personal.includes(h);

/** A value as each language writes it. */
const shownMsg = (table: SealedTable, header: string, v: unknown): Msg => fixed(shown(table, header, v, 'sv'), shown(table, header, v, 'en'));

/** "Belopp 12 000,00 kr → 1 200,00 kr", "E-post ändrad" (personal values only when `personal` is true). */
function fieldChanges(c: TableCheck, r: RowCheck, personal: boolean): Msg[] {
  const row = c.t.snap.rows[r.index];
  return r.fields.map((h) => {
    if (!r.sealed || (!personal && isPersonal(c.table, h))) return reviewMsg.fieldChanged(h);
    const now = c.t.col[h] === undefined ? '' : row[c.t.col[h]];
    return reviewMsg.fieldChange(h, shownMsg(c.table, h, r.sealed[h]), shownMsg(c.table, h, now));
  });
}

/**
 * Why a row is not verified, naming the sheet, row and key. With `personal`
 * false (anything that may be logged) personal values are left out.
 */
export function unverifiedMsg(c: TableCheck, r: RowCheck, personal = true): Msg {
  const sheet = TABLES[c.table].sheet;
  const where = reviewMsg.rowAt(sheet, r.sheetRow, r.key.slice(0, 40));
  switch (r.kind) {
    case 'changed':
      return reviewMsg.changedOutside(where, fieldChanges(c, r, personal));
    case 'new':
      return reviewMsg.rowNotWritten(where);
    case 'forged':
      return reviewMsg.sealAltered(where);
    case 'duplicate':
      return reviewMsg.duplicateRow(where);
    case 'stale':
      return reviewMsg.staleRow(where);
    default:
      return reviewMsg.otherRowProblem(where);
  }
}

export function missingMsg(c: TableCheck, m: MissingRow): Msg {
  const sheet = TABLES[c.table].sheet;
  return reviewMsg.rowRemoved(sheet, m.key);
}

/** Every problem of a check, in sheet order, with the review hint. */
export function problemsOf(c: TableCheck, personal = true): Msg[] {
  const out: Msg[] = [];
  if (c.problem) out.push(c.problem);
  for (const r of c.rows) if (r.kind !== 'ok') out.push(unverifiedMsg(c, r, personal));
  for (const m of c.missing) out.push(missingMsg(c, m));
  return out;
}

/** "X. Y. En person med rätt roll …" — a refusal built from the first few problems. */
export function blockedBy(what: Msg, problems: readonly Msg[]): Msg {
  const shownProblems = problems.slice(0, 3);
  const more = problems.length - shownProblems.length;
  const hint = reviewHint();
  return reviewMsg.blockedBy(what, shownProblems, more, hint);
}
