/** Reading tables by header name, with clear errors for a damaged workbook. */
import { UserError } from '../core/msg';
import { columnIndex, TABLES, type TableKey } from '../core/schema';
import { headerProblems } from '../core/setup';
import type { Cell, TablePort, TableSnapshot, WorkbookPort } from './ports';
import { reviewMsg } from '../core/messages/review';

export interface OpenTable {
  readonly port: TablePort;
  readonly snap: TableSnapshot;
  /** 0-based column index of each schema header. */
  readonly col: Readonly<Record<string, number>>;
}

export function missingSheetError(sheet: string): UserError {
  return new UserError(reviewMsg.sheetMissing(sheet));
}

export function headerError(sheet: string, missing: readonly string[], duplicate: readonly string[]): UserError {
  const p = headerProblems(missing, duplicate, { missing: reviewMsg.columnsMissing, duplicate: reviewMsg.headersTwice });
  return new UserError(reviewMsg.badHeader(sheet, p));
}

/** One range read; throws a UserError if the sheet or a required header is missing. */
export function openTable(workbook: WorkbookPort, key: TableKey): OpenTable {
  const def = TABLES[key];
  const port = workbook.table(def.sheet);
  if (!port) throw missingSheetError(def.sheet);
  const snap = port.read();
  const found = columnIndex(snap.header, def.columns.map((c) => c.header));
  if (!found.ok) throw headerError(def.sheet, found.missing, found.duplicate);
  return { port, snap, col: found.index };
}

/** The value of `header` in `row` ('' when the column is absent). */
export const cellOf = (t: OpenTable, row: readonly Cell[], header: string): Cell => {
  const i = t.col[header];
  return i === undefined ? '' : (row[i] ?? '');
};

/** A row with the schema's values placed at this sheet's column positions. */
export function rowFor(t: OpenTable, values: Readonly<Record<string, Cell>>): Cell[] {
  const row: Cell[] = Array(t.snap.header.length).fill('');
  for (const [h, v] of Object.entries(values)) {
    const i = t.col[h];
    if (i !== undefined) row[i] = v;
  }
  return row;
}

export const isBlankRow = (row: readonly Cell[]): boolean => row.every((v) => v === '' || v === null);
