/**
 * Who may change which cells: protected sheets and ranges as Google enforces
 * them, shared by script writes (Range/Sheet methods), person edits
 * (Emulator.fireEdit/deleteRows/insertRows) and Sheets API writes.
 *
 * Reference: developers.google.com/apps-script/reference/spreadsheet/protection
 * (method texts as scraped into brucemcpherson/gas-fakes doccreation/gi.json).
 */
import type { Emulator } from './runtime';
import type { ProtectionState, SheetState } from './store';
import { parseA1 } from './values';

/**
 * What Sheets answers a write into a protected cell, worded the same in the
 * Sheets UI pop-up, the Sheets API (400 INVALID_ARGUMENT) and Apps Script:
 * quoted verbatim in theoephraim/node-google-spreadsheet PR #20 ("HTTP error
 * 400: Bad Request ...") and in setup guides that show the UI pop-up. Apps
 * Script throws it as an `Exception:` (same text after the prefix).
 */
export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export interface Rect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** Who is acting, against which file settings. */
export interface Actor {
  emu: Emulator;
  user: string;
}

function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

/** The owner's account, or null for a file in a shared drive (Spreadsheet.getOwner()). */
export function ownerOf(emu: Emulator): string | null {
  return emu.sharedDrive ? null : emu.owner;
}

/** The file's editors as Spreadsheet.getEditors() lists them: the owner first, then the sharing list. */
export function fileEditors(emu: Emulator): string[] {
  const owner = ownerOf(emu);
  return unique([...(owner ? [owner] : []), ...emu.editors]);
}

export function unique(list: string[]): string[] {
  return [...new Set(list.filter((x) => x !== ''))];
}

/**
 * May `user` edit inside `p`, ignoring warning-only? The owner always may
 * ("The spreadsheet owner is always able to edit protected ranges and sheets",
 * Protection.canEdit()); a protection that still mirrors the file blocks nobody.
 */
export function isProtectionEditor(a: Actor, p: ProtectionState): boolean {
  if (p.mirrorsFile) return true;
  const owner = ownerOf(a.emu);
  if (a.user !== '' && a.user === owner) return true;
  if (a.user !== '' && p.editors.includes(a.user)) return true;
  return !!p.domainEdit && a.user !== '' && domainOf(a.user) === domainOf(a.emu.owner);
}

/** Warning-only protection "means that every user can edit data in the area" (Protection.isWarningOnly()). */
export function mayWriteIn(a: Actor, p: ProtectionState): boolean {
  return p.warningOnly || isProtectionEditor(a, p);
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}

/** The cells a protection covers; a sheet protection covers every row and column, also ones added later. */
export function protectedRect(st: SheetState, p: ProtectionState): Rect | null {
  if (p.type === 'SHEET' || !p.a1) return { row: 1, col: 1, numRows: Number.MAX_SAFE_INTEGER, numCols: Number.MAX_SAFE_INTEGER };
  return parseA1(p.a1, st.maxRows, st.maxCols);
}

/**
 * The first protection on `st` that forbids `a` to change the cells of `r`,
 * or undefined. "If a cell is protected by multiple protected ranges and any
 * of them prevent a particular user from editing the cell, then that user is
 * not permitted to edit the cell" (Range.protect()).
 */
export function blockingProtection(a: Actor, st: SheetState, r: Rect): ProtectionState | undefined {
  return st.protections.find((p) => {
    if (mayWriteIn(a, p)) return false;
    const pr = protectedRect(st, p);
    return !!pr && overlaps(pr, r);
  });
}

/** A sheet protection `a` may not edit: it also guards the sheet itself (name, tab, frozen rows, charts). */
export function blockingSheetProtection(a: Actor, st: SheetState): ProtectionState | undefined {
  return st.protections.find((p) => p.type === 'SHEET' && !mayWriteIn(a, p));
}

/**
 * Inserting rows (or columns) before `at` is blocked by a sheet protection, or
 * by a range protection the new ones would land inside (it spans rows at-1 and
 * at). New rows at a range's edge are outside it, as in Sheets.
 */
export function blockingInsert(a: Actor, st: SheetState, dim: 'row' | 'col', at: number): ProtectionState | undefined {
  return st.protections.find((p) => {
    if (mayWriteIn(a, p)) return false;
    if (p.type === 'SHEET') return true;
    const pr = protectedRect(st, p);
    if (!pr) return false;
    const [start, size] = dim === 'row' ? [pr.row, pr.numRows] : [pr.col, pr.numCols];
    return start < at && at <= start + size - 1;
  });
}

/** Throws Google's error when a script running as `a` may not change `r` on `st`. */
export function guardCells(a: Actor, st: SheetState, r: Rect): void {
  if (blockingProtection(a, st, r)) throw new Error(PROTECTED_MESSAGE);
}

/** What a person is told when Sheets refuses their edit (the emulator's `rejected` text). */
export function rejection(p: ProtectionState): string {
  return `protected: ${p.description || p.type}`;
}
