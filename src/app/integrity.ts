/**
 * What a change made outside the add-on means for the user: the words for an
 * unverified row ("Belopp 12 000,00 kr → 1 200,00 kr, ändrat utanför Summit
 * Planner") and the list of what waits for review. Shared by every use case
 * that refuses because of one, and by Granska ändringar.
 */
import { cellText, kr, krEn } from '../core/budget';
import { fromNumber } from '../core/money';
import { msg, UserError, type Msg } from '../core/msg';
import { TABLES, type ColumnFormat } from '../core/schema';
import { fromSnap, SEAL_SPECS, type SealedTable, type SnapValue } from '../core/seal';
import type { MissingRow, RowCheck, TableCheck } from './journal';
import { LockTimeoutError, type Ports } from './ports';

export const reviewHint = (): Msg => msg(
  'En person med rätt roll godkänner eller ångrar ändringen i Summit Planner → Granska ändringar.',
  'A person with the right role confirms or undoes the change in Summit Planner → Review changes.',
);

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
export const editLockBusyMsg = (): Msg => msg(
  'Summit Planner kunde inte kontrollera ändringen: någon annan sparar i arbetsboken just nu. Ändringen står kvar men räknas inte förrän den har granskats. Försök igen om en stund (skriv in den på nytt), eller godkänn den i Summit Planner → Granska ändringar.',
  'Summit Planner could not check the change: someone else is saving in the workbook right now. The change stays in the sheet but does not count until it has been reviewed. Try again in a moment (type it in once more), or confirm it in Summit Planner → Review changes.',
);

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
  if (value === '' || value === null || value === undefined) return lang === 'sv' ? '(tomt)' : '(empty)';
  const f = formatOf(table, header);
  if (f === 'sek' && typeof value === 'number') {
    const o = fromNumber(value);
    if (o.ok) return lang === 'en' ? krEn(o.value) : kr(o.value);
  }
  if (value instanceof Date && f === 'datetime') return `${cellText(value)} ${String(value.getHours()).padStart(2, '0')}:${String(value.getMinutes()).padStart(2, '0')}`;
  const text = cellText(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

const isPersonal = (table: SealedTable, h: string): boolean => SEAL_SPECS[table].personal.includes(h);

/** "Belopp 12 000,00 kr → 1 200,00 kr; E-post ändrad" (personal values only when `personal` is true). */
function fieldChanges(c: TableCheck, r: RowCheck, lang: 'sv' | 'en', personal: boolean): string {
  const row = c.t.snap.rows[r.index];
  return r.fields.map((h) => {
    if (!r.sealed || (!personal && isPersonal(c.table, h))) return `${h} ${lang === 'sv' ? 'ändrad' : 'changed'}`;
    const now = c.t.col[h] === undefined ? '' : row[c.t.col[h]];
    return `${h} ${shown(c.table, h, r.sealed[h], lang)} → ${shown(c.table, h, now, lang)}`;
  }).join('; ');
}

/**
 * Why a row is not verified, naming the sheet, row and key. With `personal`
 * false (anything that may be logged) personal values are left out.
 */
export function unverifiedMsg(c: TableCheck, r: RowCheck, personal = true): Msg {
  const sheet = TABLES[c.table].sheet;
  const id = r.key ? ` (${r.key.slice(0, 40)})` : '';
  const sv = `${sheet} rad ${r.sheetRow}${id}`;
  const en = `${sheet} row ${r.sheetRow}${id}`;
  switch (r.kind) {
    case 'changed':
      return msg(`${sv}: ändrad utanför Summit Planner (${fieldChanges(c, r, 'sv', personal)}).`, `${en}: changed outside Summit Planner (${fieldChanges(c, r, 'en', personal)}).`);
    case 'new':
      return msg(`${sv}: raden är inte skriven av Summit Planner (tillagd eller inklistrad för hand).`, `${en}: the row was not written by Summit Planner (added or pasted by hand).`);
    case 'forged':
      return msg(`${sv}: radens sigill är ändrat, så raden kan inte kontrolleras.`, `${en}: the row's seal was altered, so the row cannot be checked.`);
    case 'duplicate':
      return msg(`${sv}: en kopia av en annan rad med samma ID.`, `${en}: a copy of another row with the same ID.`);
    case 'stale':
      return msg(`${sv}: en äldre version av raden (inklistrad eller från en återställd version).`, `${en}: an older version of the row (pasted, or from a restored version).`);
    default:
      return msg(`${sv}.`, `${en}.`);
  }
}

export function missingMsg(c: TableCheck, m: MissingRow): Msg {
  const sheet = TABLES[c.table].sheet;
  return msg(
    `${sheet}: raden ${m.key || '(utan ID)'} har tagits bort utanför Summit Planner.`,
    `${sheet}: the row ${m.key || '(without ID)'} was removed outside Summit Planner.`,
  );
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
  return msg(
    `${what.sv} ${shownProblems.map((p) => p.sv).join(' ')}${more > 0 ? ` (+${more} till)` : ''} ${hint.sv}`,
    `${what.en} ${shownProblems.map((p) => p.en).join(' ')}${more > 0 ? ` (+${more} more)` : ''} ${hint.en}`,
  );
}
