/** Reading tables by header name, with clear errors for a damaged workbook. */
import { msg, UserError } from '../core/msg';
import { columnIndex, TABLES, type TableKey } from '../core/schema';
import type { Cell, TablePort, TableSnapshot, WorkbookPort } from './ports';

export interface OpenTable {
  readonly port: TablePort;
  readonly snap: TableSnapshot;
  /** 0-based column index of each schema header. */
  readonly col: Readonly<Record<string, number>>;
}

export function missingSheetError(sheet: string): UserError {
  return new UserError(msg(
    `Bladet "${sheet}" saknas. Kör Summit Planner → Konfigurera arbetsboken.`,
    `The sheet "${sheet}" is missing. Run Summit Planner → Set up workbook.`,
  ));
}

export function headerError(sheet: string, missing: readonly string[], duplicate: readonly string[]): UserError {
  const parts: string[] = [];
  const partsEn: string[] = [];
  if (missing.length) {
    parts.push(`kolumnerna ${missing.map((m) => `"${m}"`).join(', ')} saknas (har rubrikerna ändrats?)`);
    partsEn.push(`the columns ${missing.map((m) => `"${m}"`).join(', ')} are missing (were the headers renamed?)`);
  }
  if (duplicate.length) {
    parts.push(`rubrikerna ${duplicate.map((m) => `"${m}"`).join(', ')} finns flera gånger`);
    partsEn.push(`the headers ${duplicate.map((m) => `"${m}"`).join(', ')} appear more than once`);
  }
  return new UserError(msg(
    `Bladet "${sheet}": ${parts.join('; ')}. Återställ rubrikraden; inget har ändrats.`,
    `Sheet "${sheet}": ${partsEn.join('; ')}. Restore the header row; nothing was changed.`,
  ));
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
