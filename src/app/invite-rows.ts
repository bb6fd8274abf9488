/**
 * Gäster as the journal has it. Each guest is read from the row the add-on
 * sealed: a row changed outside the add-on still counts as it was sealed
 * (its personal fields too: the seal keeps them), and carries the reason it
 * waits for review; nobody is approved, mailed or answered for while it does.
 */
import { cellText } from '../core/budget';
import { GUEST_COLUMNS, parseEventsCell, type Guest } from '../core/guests';
import type { Msg } from '../core/msg';
import { NOTE_LINE_MAX, splitNote, type NoteTag } from '../core/note-lines';
import { fromSnap } from '../core/seal';
import { missingMsg, unverifiedMsg } from './integrity';
import type { RowCheck, TableCheck } from './journal';
import type { Cell } from './ports';

export interface GuestRow {
  /** Index into the sheet's rows; null for a guest only the journal still has (the row was deleted). */
  readonly index: number | null;
  /** Sheet row (0 when the row is gone). */
  readonly sheetRow: number;
  /** The guest as the add-on last wrote it (for a hand-added row: as the sheet shows it). */
  readonly guest: Guest;
  /** Why this guest waits for review, or null when the row is verified. */
  readonly unverified: Msg | null;
  /** The row's check (null for a deleted row). */
  readonly check: RowCheck | null;
}

export function guestOf(value: (header: string) => unknown): Guest {
  const s = (h: string) => cellText(value(h));
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
    itemAnswers: s(GUEST_COLUMNS.itemAnswers),
  };
}

/** The guest as the sheet shows it now. */
export const currentGuest = (c: TableCheck, index: number): Guest => {
  const row = c.t.snap.rows[index];
  return guestOf((h) => (c.t.col[h] === undefined ? '' : row[c.t.col[h]]));
};

/** The guest of one checked row: as sealed (or as the journal last had it), or as the sheet shows it when it has no seal of its own. */
export function guestRowOf(c: TableCheck, r: RowCheck): GuestRow {
  const values = r.kind === 'stale' && r.latestValues ? r.latestValues : r.sealed;
  const guest = values && r.kind !== 'duplicate'
    ? guestOf((h) => (values[h] === undefined ? '' : fromSnap(values[h])))
    : currentGuest(c, r.index);
  return { index: r.index, sheetRow: r.sheetRow, guest, unverified: r.kind === 'ok' ? null : unverifiedMsg(c, r), check: r };
}

/** Every guest, in sheet order (guests only the journal has come last). */
export function guestRows(c: TableCheck): GuestRow[] {
  const out: GuestRow[] = c.rows.map((r) => guestRowOf(c, r));
  for (const m of c.missing) {
    out.push({ index: null, sheetRow: 0, guest: guestOf((h) => (m.values[h] === undefined ? '' : fromSnap(m.values[h]))), unverified: missingMsg(c, m), check: null });
  }
  return out;
}

/** The verified guest with this ID, undefined when there is none (or it waits for review). */
export const findGuestRow = (rows: readonly GuestRow[], id: string): GuestRow | undefined =>
  rows.find((r) => r.guest.id === id);

/** "Förnamn Efternamn". */
export const guestName = (g: Pick<Guest, 'firstName' | 'lastName'>): string => `${g.firstName} ${g.lastName}`.trim();

/** The row's cells by header, for a sealed rewrite of the whole row. */
export const rowCells = (c: TableCheck, index: number): Record<string, Cell> =>
  Object.fromEntries(Object.entries(c.t.col).map(([h, i]) => [h, c.t.snap.rows[index][i]]));

/** The reason in a note's `[Utskick]` line ('' when there is none). */
export const sendNoteOf = (note: string): string => taggedNoteOf(note, '[Utskick]');

/** Adds `[Utskick] reason` as the note's first line (replacing an earlier one); null removes it. */
export const withSendNote = (note: string, reason: string | null): string => withTaggedNote(note, '[Utskick]', reason);

/** The reminder's line in Anteckning: `[Påminnelse] omgång N: …` (the last reminder's trouble, src/app/remind.ts). */
export const REMINDER_TAG = '[Påminnelse]' satisfies NoteTag;

/**
 * Adds `tag reason` as the note's first line (replacing the server's earlier line with that tag); null removes it.
 * Only the server's own line goes (src/core/note-lines.ts): every line people typed stays, whatever its length.
 */
export function withTaggedNote(note: string, tag: NoteTag, reason: string | null): string {
  const server = splitNote(note).lines[tag];
  const lines = note.split('\n');
  const at = server === undefined ? -1 : lines.indexOf(server);
  const rest = lines.filter((_, i) => i !== at).join('\n').trim();
  if (!reason) return rest;
  return `${tag} ${reason.replace(/[\r\n]+/g, ' ').slice(0, NOTE_LINE_MAX)}${rest ? `\n${rest}` : ''}`;
}

/** The text after `tag` in the server's line with that tag ('' when there is none). */
export const taggedNoteOf = (note: string, tag: NoteTag): string => (splitNote(note).lines[tag] ?? '').slice(tag.length).trim();
