/** Gäster rows as Guest records, and block writes of changed cells (one range write). */
import { cellText } from '../core/budget';
import { GUEST_COLUMNS, parseEventsCell, type Guest } from '../core/guests';
import type { Cell, CellIn } from './ports';
import { cellOf, isBlankRow, type OpenTable } from './tables';

export interface GuestRow {
  /** Index into t.snap.rows. */
  readonly index: number;
  readonly sheetRow: number;
  readonly guest: Guest;
}

function guestOf(t: OpenTable, row: readonly Cell[]): Guest {
  const s = (h: string) => cellText(cellOf(t, row, h));
  return {
    id: s(GUEST_COLUMNS.id),
    firstName: s(GUEST_COLUMNS.firstName),
    lastName: s(GUEST_COLUMNS.lastName),
    title: s(GUEST_COLUMNS.title),
    organisation: s(GUEST_COLUMNS.organisation),
    country: s(GUEST_COLUMNS.country),
    email: s(GUEST_COLUMNS.email),
    language: s(GUEST_COLUMNS.language).toLowerCase(),
    events: parseEventsCell(s(GUEST_COLUMNS.events)),
    diet: s(GUEST_COLUMNS.diet),
    status: s(GUEST_COLUMNS.status),
    note: s(GUEST_COLUMNS.note),
  };
}

/** Non-blank rows of Gäster. */
export function guestRows(t: OpenTable): GuestRow[] {
  const out: GuestRow[] = [];
  t.snap.rows.forEach((r, i) => {
    if (!isBlankRow(r)) out.push({ index: i, sheetRow: t.snap.firstRow + i, guest: guestOf(t, r) });
  });
  return out;
}

/** The guest with this ID (one range read done by the caller), undefined when there is none. */
export const findGuestRow = (t: OpenTable, id: string): GuestRow | undefined => guestRows(t).find((r) => r.guest.id === id);

/** "Förnamn Efternamn". */
export const guestName = (g: Pick<Guest, 'firstName' | 'lastName'>): string => `${g.firstName} ${g.lastName}`.trim();

/**
 * Writes the changed cells in ONE range write: the block spanning the first
 * to last changed row and the leftmost to rightmost changed column, filled
 * with the snapshot's values elsewhere (we hold the lock, so they are current).
 * Mutates the snapshot so later reads of it see the new values.
 */
export function writeChanges(t: OpenTable, changes: ReadonlyMap<number, Readonly<Record<string, CellIn>>>): void {
  if (changes.size === 0) return;
  const idx = [...changes.keys()];
  const cols = new Set<number>();
  for (const c of changes.values()) for (const h of Object.keys(c)) if (t.col[h] !== undefined) cols.add(t.col[h]);
  if (cols.size === 0) return;
  const r0 = Math.min(...idx), r1 = Math.max(...idx);
  const c0 = Math.min(...cols), c1 = Math.max(...cols);
  for (const [i, c] of changes) {
    const row = t.snap.rows[i];
    for (const [h, v] of Object.entries(c)) if (t.col[h] !== undefined) row[t.col[h]] = v;
  }
  const block: CellIn[][] = [];
  for (let i = r0; i <= r1; i++) block.push(t.snap.rows[i].slice(c0, c1 + 1) as CellIn[]);
  t.port.write(t.snap.firstRow + r0, c0, block);
}

/** The reason in a note's `[Utskick]` line ('' when there is none). */
export const sendNoteOf = (note: string): string =>
  (note.split('\n').find((l) => l.startsWith('[Utskick]')) ?? '').replace('[Utskick] ', '');

/** Adds `[Utskick] reason` as the note's first line (replacing an earlier one); null removes it. */
export function withSendNote(note: string, reason: string | null): string {
  const rest = note.split('\n').filter((l) => !l.startsWith('[Utskick]')).join('\n').trim();
  if (!reason) return rest;
  return `[Utskick] ${reason.replace(/[\r\n]+/g, ' ').slice(0, 300)}${rest ? `\n${rest}` : ''}`;
}
