/**
 * Changes that reach the file from outside any script: a person deleting or
 * inserting rows, a Sheets API client, a version restore. None of them runs
 * onEdit: "Script executions and API requests do not cause triggers to run"
 * (developers.google.com/apps-script/guides/triggers/installable#restrictions),
 * onEdit "runs when a user changes a value in a spreadsheet"
 * (developers.google.com/apps-script/guides/triggers#onedite), and row
 * insertion/removal is reported only to installable onChange as INSERT_ROW /
 * REMOVE_ROW (developers.google.com/apps-script/guides/triggers/events#change),
 * and the add-on installs no triggers.
 */
import type { Emulator } from './runtime';
import { PROTECTED_MESSAGE, blockingInsert, blockingProtection, rejection, type Rect } from './protection';
import { checkCellInputs, deleteRowsAt, findValidation, getCell, inputSettings, insertRowsAt, setCell, validationAccepts, writeValue } from './spreadsheet';
import type { CellState, SheetState, StoreState } from './store';
import { CELL_TOO_LONG_MESSAGE, cellInputTooLong, isDateFormat, parseA1, parseInput, serialToDate, splitSheetA1, toA1 } from './values';

/** What a person or client is told when Sheets refuses the change (nothing changed then). */
export interface OutsideResult {
  rejected?: string;
}

export interface ApiWriteResult extends OutsideResult {
  /** A1 range written, sheet-qualified (as UpdateValuesResponse.updatedRange). */
  updatedRange?: string;
  updatedCells?: number;
}

export interface ApiWriteOptions {
  user?: string;
  /** RAW: "will not be parsed and will be stored as-is"; USER_ENTERED (default): "parsed as if the user typed them into the UI". */
  valueInputOption?: 'RAW' | 'USER_ENTERED';
}

/** One entry of File → Version history: the spreadsheet's content at a moment. */
export interface SpreadsheetVersion {
  takenAt: Date;
  spreadsheet: StoreState['spreadsheet'];
}

export function sheetNamed(emu: Emulator, name: string): SheetState {
  const st = emu.state.spreadsheet.sheets.find((s) => s.name === name);
  if (!st) throw new Error(`No sheet named ${name}`);
  return st;
}

/**
 * Why Sheets refuses a person's edit of `r`, or undefined: a
 * protection they may not edit (warning-only ones only warn, and the person
 * may go on), a value longer than a cell holds (Google's message, values.ts
 * MAX_CELL_CHARS), or a strict data validation the typed/pasted value fails,
 * read as the spreadsheet's locale and zone read it.
 */
export function personEditRejection(emu: Emulator, st: SheetState, user: string, r: Rect, values?: unknown[][]): string | undefined {
  const p = blockingProtection({ emu, user }, st, r);
  if (p) return rejection(p);
  if (!values) return undefined;
  if (values.some((row) => row.some(cellInputTooLong))) return CELL_TOO_LONG_MESSAGE;
  const ss = emu.state.spreadsheet;
  const input = inputSettings(emu);
  for (let i = 0; i < r.numRows; i++)
    for (let j = 0; j < r.numCols; j++) {
      const dv = findValidation(st, r.row + i, r.col + j);
      if (!dv || dv.rule.allowInvalid) continue;
      const v = parseInput(values[i][j], input).v;
      if (!validationAccepts(ss.sheets, dv.rule, v, ss.timeZone, ss.locale)) return `data validation: ${dv.rule.helpText ?? 'invalid value'}`;
    }
  return undefined;
}

/**
 * A person deletes rows row..row+count-1 (right-click → Delete rows): cells
 * shift up, range protections and validations move with their rows. Refused
 * when the rows touch a protection the person may not edit. No onEdit.
 */
export function deleteRowsAsPerson(emu: Emulator, sheet: string, row: number, count: number, user: string): OutsideResult {
  const st = sheetNamed(emu, sheet);
  if (!Number.isInteger(row) || !Number.isInteger(count) || row < 1 || count < 1 || row + count - 1 > st.maxRows) throw new Error('deleteRows: rows out of bounds');
  if (count >= st.maxRows) throw new Error('deleteRows: a sheet keeps at least one row');
  const why = personEditRejection(emu, st, user, { row, col: 1, numRows: count, numCols: st.maxCols });
  if (why) return { rejected: why };
  deleteRowsAt(st, row, count);
  emu.save();
  return {};
}

/** A person inserts `count` empty rows before `beforeRow` (Insert → Rows above). No onEdit. */
export function insertRowsAsPerson(emu: Emulator, sheet: string, beforeRow: number, count: number, user: string): OutsideResult {
  const st = sheetNamed(emu, sheet);
  if (!Number.isInteger(beforeRow) || !Number.isInteger(count) || beforeRow < 1 || count < 1 || beforeRow > st.maxRows + 1) throw new Error('insertRows: rows out of bounds');
  const p = blockingInsert({ emu, user }, st, 'row', beforeRow);
  if (p) return { rejected: rejection(p) };
  insertRowsAt(st, beforeRow, count);
  emu.save();
  return {};
}

/**
 * 'Sheet 1'!A1:B2 → the sheet and the rectangle, as values.update reads it; a bare sheet name ("Gäster",
 * "'My sheet'") is the whole sheet ("Sheet1 refers to all the cells in Sheet1",
 * developers.google.com/sheets/api/guides/concepts#cell); 400-style errors as Google words them.
 */
export function apiRange(emu: Emulator, range: string): { st: SheetState; r: Rect; qualified: string } {
  const ss = emu.state.spreadsheet;
  const bare = /^'((?:[^']|'')+)'$/.exec(range.trim())?.[1]?.replace(/''/g, "'") ?? range.trim();
  const whole = !range.includes('!') ? ss.sheets.find((s) => s.name === bare) : undefined;
  const { sheet, ref } = whole ? { sheet: whole.name, ref: `A1:${toA1(1, whole.maxCols).replace(/\d+$/, '')}${whole.maxRows}` } : splitSheetA1(range);
  const st = sheet === undefined ? ss.sheets[0] : ss.sheets.find((s) => s.name === sheet);
  const r = st && parseA1(ref, st.maxRows, st.maxCols);
  if (!st || !r) throw new Error(`Unable to parse range: ${range}`);
  const qualified = `${/^[A-Za-z0-9_]+$/.test(st.name) ? st.name : `'${st.name.replace(/'/g, "''")}'`}!${ref.toUpperCase()}`;
  if (r.row + r.numRows - 1 > st.maxRows || r.col + r.numCols - 1 > st.maxCols) {
    throw new Error(`Range (${qualified}) exceeds grid limits. Max rows: ${st.maxRows}, max columns: ${st.maxCols}`);
  }
  return { st, r, qualified };
}

/**
 * RAW keeps JSON values as they are: a string stays a string, "=1+2" and "12" included (still at most 50 000
 * characters). A number written into a cell formatted as a date is a date serial ("Dates, Times and DateTimes
 * are represented as doubles in SERIAL_NUMBER format", developers.google.com/sheets/api/guides/formats): the
 * emulator keeps such cells as Dates, as getValues() returns them.
 */
function writeRaw(st: SheetState, row: number, col: number, v: unknown, tz: string): void {
  const old = getCell(st, row, col);
  const dated = typeof v === 'number' && !!old?.fmt && isDateFormat(old.fmt);
  const cell: CellState = { ...(old ?? {}), v: dated ? serialToDate(v, tz) : typeof v === 'number' || typeof v === 'boolean' ? v : String(v) };
  delete cell.f;
  setCell(st, row, col, cell);
}

/**
 * spreadsheets.values.update as `opts.user`: the values start at the range's
 * top-left cell and must fit in it; null skips a cell. A write touching a
 * protection the caller may not edit is refused whole with Google's message
 * (returned as `rejected`, the API's 400). USER_ENTERED strings are read by
 * the spreadsheet's locale and zone; a value over 50 000 characters throws
 * Google's message (a 400 INVALID_ARGUMENT). Data validation is not applied:
 * the API stores invalid values and Sheets flags them (assumption, not
 * sourced). No onEdit (see the top of this file).
 */
export function apiUpdate(emu: Emulator, range: string, values: unknown[][], opts: ApiWriteOptions = {}): ApiWriteResult {
  const user = opts.user ?? emu.defaultUser;
  const { st, r, qualified } = apiRange(emu, range);
  const width = Math.max(0, ...values.map((row) => row.length));
  if (values.length > r.numRows && !(r.numRows === 1 && r.numCols === 1)) throw new Error(`Requested writing within range [${qualified}], but tried writing to row [${r.row + values.length - 1}]`);
  if (width > r.numCols && !(r.numRows === 1 && r.numCols === 1)) throw new Error(`Requested writing within range [${qualified}], but tried writing to column [${toA1(1, r.col + width - 1).replace(/\d+$/, '')}]`);
  const area: Rect = { row: r.row, col: r.col, numRows: Math.max(1, values.length), numCols: Math.max(1, width) };
  if (area.row + area.numRows - 1 > st.maxRows || area.col + area.numCols - 1 > st.maxCols) {
    throw new Error(`Range (${qualified}) exceeds grid limits. Max rows: ${st.maxRows}, max columns: ${st.maxCols}`);
  }
  if (blockingProtection({ emu, user }, st, area)) return { rejected: PROTECTED_MESSAGE };
  checkCellInputs(values); // a 400 for the whole request, nothing written
  const input = inputSettings(emu);
  let n = 0;
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null || v === undefined) return;
      if (opts.valueInputOption === 'RAW') writeRaw(st, area.row + i, area.col + j, v, emu.state.spreadsheet.timeZone);
      else writeValue(st, area.row + i, area.col + j, v, input);
      n++;
    }),
  );
  emu.save();
  return { updatedRange: qualified.replace(/!.*$/, `!${toA1(area.row, area.col, area.numRows, area.numCols)}`), updatedCells: n };
}

/** A deep copy of the file's content: sheets, cells, protections, validations, charts. */
export function snapshotVersion(emu: Emulator): SpreadsheetVersion {
  return { takenAt: emu.now(), spreadsheet: structuredClone(emu.state.spreadsheet) };
}

/**
 * File → Version history → Restore this version: the file's content becomes
 * the version's. What a version holds is an assumption (no Google help page
 * on it was found): the spreadsheet's content, with its protections and
 * validations; document and script properties, the cache and the outbox
 * live outside the file and stay. No onEdit.
 */
export function restoreVersion(emu: Emulator, v: SpreadsheetVersion): OutsideResult {
  emu.state.spreadsheet = structuredClone(v.spreadsheet);
  emu.save();
  return {};
}
