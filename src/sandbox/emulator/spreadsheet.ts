/**
 * SpreadsheetApp, Spreadsheet, Sheet, Range, data validation, protection, charts and conditional
 * formats: the methods the add-on calls (src/gas), and the few that tests use to act as a person
 * would (addEditor/removeEditor, Range.protect). Anything else is missing, as in services.ts.
 */
import { ExecContext, GasObject } from './exec';
import type { CellState, ChartState, ConditionalFormatState, DataValidationState, FormatBandState, ProtectionState, SheetState, SpreadsheetState, ValidationRuleState } from './store';
import { LOCALE_PATTERN, newSheetState } from './store';
import { CELL_TOO_LONG_MESSAGE, type InputSettings, cellInputTooLong, dateToSerial, displayValue, isDate, isValidTimeZone, parseA1, parseInput, serialToDate, splitSheetA1, toA1 } from './values';
import type { Emulator } from './runtime';
import { FormulaContext } from './formula';
import { GasUser, type Ui } from './services';
import { type Actor, type Rect, PROTECTED_MESSAGE, blockingInsert, blockingSheetProtection, fileEditors, guardCells, mayWriteIn, ownerOf, unique } from './protection';

const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
/** openById needs the full scope, not `spreadsheets.currentonly` (apps-script-platform.md "Execution contexts"). */
const OPEN_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
/**
 * What SpreadsheetApp.openById throws for an ID that names no file, or one the user can't open.
 * Sources disagree. This text is the most cited (GitHub issues and scripts that catch it for a
 * wrong or placeholder ID; the Apps Script fake brucemcpherson/gas-fakes throws it for a bad ID).
 * "You do not have permission to access the requested document." is also reported, mostly for a
 * file that exists but isn't shared with the user; the emulator can't tell the two apart.
 */
export const OPEN_BY_ID_FAILED = 'Unexpected error while getting the method or property openById on object SpreadsheetApp.';

function copyValue(v: CellState['v']): CellState['v'] {
  return isDate(v) ? new Date(v.getTime()) : v;
}

/**
 * A cell as Sheets holds it: its own content and format, or the number format of the latest format
 * band over it (SheetState.formats: a number format set over a range is kept as one band, not as a
 * format-only cell per row: set-up formats whole columns, and a thousand empty cells per column were
 * copied with every fork and scanned by every read). A cell inside a band is returned as a fresh
 * object carrying the band's format, as it read when such cells were materialised.
 */
export function getCell(sh: SheetState, r: number, c: number): CellState | null {
  const own = sh.rows[r - 1]?.[c - 1] ?? null;
  if (own?.fmt !== undefined || !sh.formats?.length) return own;
  const fmt = bandFormat(sh, r, c);
  return fmt === undefined ? own : { ...(own ?? { v: '' }), fmt };
}

/** The number format of the latest band over (r, c), if any. */
export function bandFormat(sh: SheetState, r: number, c: number): string | undefined {
  const bands = sh.formats;
  if (!bands) return undefined;
  for (let k = bands.length - 1; k >= 0; k--) {
    const b = bands[k];
    if (r >= b.row && r < b.row + b.numRows && c >= b.col && c < b.col + b.numCols) return b.fmt;
  }
  return undefined;
}

/**
 * Stores a cell. A format equal to the band's over it is not kept on the cell (the band gives it),
 * so a cleared cell in a formatted column is no cell at all, as before it was a format-only one.
 */
export function setCell(sh: SheetState, r: number, c: number, cell: CellState | null): void {
  if (cell?.fmt !== undefined && sh.formats?.length && bandFormat(sh, r, c) === cell.fmt) {
    cell = { ...cell };
    delete cell.fmt;
  }
  let row = sh.rows[r - 1];
  if (!row) {
    if (!cell) return;
    while (sh.rows.length < r - 1) sh.rows.push(null);
    row = [];
    sh.rows[r - 1] = row;
  }
  while (row.length < c - 1) row.push(null);
  const empty = !cell || (cell.v === '' && cell.f === undefined && !cell.fmt && !cell.bold);
  row[c - 1] = empty ? null : cell;
  // trim trailing nulls so the JSON stays small
  while (row.length && row[row.length - 1] === null) row.pop();
  if (row.length === 0) sh.rows[r - 1] = null;
  while (sh.rows.length && sh.rows[sh.rows.length - 1] === null) sh.rows.pop();
}

/**
 * Sets a number format over a rectangle: one band, the newest (it wins over older bands and over the
 * cells' own formats inside it, which are dropped). Bands the new one covers whole are dropped too.
 */
export function setFormatBand(sh: SheetState, r: Rect, fmt: string): void {
  const inside = (b: Rect) => b.row >= r.row && b.col >= r.col && b.row + b.numRows <= r.row + r.numRows && b.col + b.numCols <= r.col + r.numCols;
  sh.formats = [...(sh.formats ?? []).filter((b) => !inside(b)), { row: r.row, col: r.col, numRows: r.numRows, numCols: r.numCols, fmt }];
  const last = Math.min(sh.rows.length, r.row + r.numRows - 1);
  for (let i = r.row; i <= last; i++) {
    const row = sh.rows[i - 1];
    if (!row) continue;
    for (let j = r.col; j < Math.min(row.length + 1, r.col + r.numCols); j++) {
      const cell = row[j - 1];
      if (cell?.fmt !== undefined) {
        const rest = { ...cell };
        delete rest.fmt;
        setCell(sh, i, j, rest);
      }
    }
  }
}

export function hasContent(c: CellState | null): boolean {
  return !!c && (c.v !== '' || c.f !== undefined);
}

export function lastRowOf(sh: SheetState): number {
  for (let r = sh.rows.length; r >= 1; r--) if (sh.rows[r - 1]?.some(hasContent)) return r;
  return 0;
}
export function lastColOf(sh: SheetState): number {
  let m = 0;
  for (const row of sh.rows) if (row) for (let c = row.length; c > m; c--) if (hasContent(row[c - 1])) m = c;
  return m;
}

/** How the spreadsheet reads typed/written strings now: its own zone and locale (values.ts parseInput). */
export function inputSettings(emu: Emulator, ss: SpreadsheetState = emu.state.spreadsheet): InputSettings {
  const { timeZone, locale } = ss;
  return { timeZone, locale, now: emu.now() };
}

/** Throws Google's message when a value is longer than a cell holds (checked before anything is written). */
export function checkCellInputs(values: unknown[][]): void {
  for (const row of values) for (const v of row) if (cellInputTooLong(v)) throw new Error(CELL_TOO_LONG_MESSAGE);
}

/** Writes a user/script value into a cell, keeping the cell's format. */
export function writeValue(sh: SheetState, r: number, c: number, value: unknown, s: InputSettings): void {
  if (cellInputTooLong(value)) throw new Error(CELL_TOO_LONG_MESSAGE);
  const old = getCell(sh, r, c);
  const p = parseInput(value, s);
  const cell: CellState = { ...(old ?? {}), v: p.v };
  delete cell.f;
  if (p.f !== undefined) cell.f = p.f;
  if (p.fmt && !old?.fmt) cell.fmt = p.fmt;
  setCell(sh, r, c, cell);
}

function grid<T>(nr: number, nc: number, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < nr; i++) {
    const row: T[] = [];
    for (let j = 0; j < nc; j++) row.push(f(i, j));
    out.push(row);
  }
  return out;
}

// ---------------- SpreadsheetApp ----------------

export class SpreadsheetAppService extends GasObject {
  readonly _cls = 'SpreadsheetApp';
  readonly _service = 'SpreadsheetApp';
  readonly ProtectionType = { SHEET: 'SHEET', RANGE: 'RANGE' };
  constructor(
    ctx: ExecContext,
    private readonly ui: () => Ui,
  ) {
    super(ctx);
  }
  /** null in a web app without a container (ExecContext.hasContainer). */
  getActiveSpreadsheet(): Spreadsheet | null {
    this._ctx.requireAuth('SpreadsheetApp.getActiveSpreadsheet', ['LIMITED', 'FULL', 'CUSTOM_FUNCTION'], SHEETS_SCOPE);
    return this._ctx.hasContainer ? new Spreadsheet(this._ctx) : null;
  }
  /**
   * Opens the spreadsheet by ID; with or without a container, in either deployment. The emulator
   * holds one spreadsheet: any other ID is a file that doesn't exist or the user can't open.
   */
  openById(id: string): Spreadsheet {
    this._ctx.requireAuth('SpreadsheetApp.openById', ['FULL'], OPEN_SCOPE);
    const scopes = this._ctx.emu.scopes;
    if (scopes && !scopes.includes(OPEN_SCOPE)) {
      throw new Error(`You do not have permission to call SpreadsheetApp.openById. Required permissions: ${OPEN_SCOPE}`);
    }
    if (String(id) !== this._ctx.spreadsheet.id) throw new Error(OPEN_BY_ID_FAILED);
    return new Spreadsheet(this._ctx);
  }
  getUi(): Ui {
    // A bound script's web app can't use getUi() (apps-script-platform.md "Execution contexts");
    // nor can the add-on's, which has no container at all.
    if (this._ctx.authMode === 'CUSTOM_FUNCTION' || this._ctx.webApp) throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui();
  }
  /** Pending writes reach the shared spreadsheet (flush mode 'buffered'; nothing to do otherwise). */
  flush(): void {
    this._ctx.flushWrites();
  }
  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder(this._ctx);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this._ctx);
  }
}

// ---------------- Spreadsheet ----------------

export class Spreadsheet extends GasObject {
  readonly _cls = 'Spreadsheet';
  readonly _service = 'SpreadsheetApp';
  private get st() {
    return this._ctx.spreadsheet;
  }
  getId(): string {
    return this.st.id;
  }
  getName(): string {
    return this.st.name;
  }
  /**
   * The spreadsheet's own zone and locale (File → Settings), separate from the script's manifest
   * zone; "a frequent source of scripting bugs" is a mismatch between them
   * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet). The emulator's options
   * spreadsheetTimeZone/spreadsheetLocale give a new spreadsheet's values.
   */
  getSpreadsheetTimeZone(): string {
    return this.st.timeZone;
  }
  getSpreadsheetLocale(): string {
    return this.st.locale;
  }
  /**
   * "Sets the time zone for the spreadsheet" (Spreadsheet.setSpreadsheetTimeZone(timezone)). Cells
   * hold date serial numbers counted "using the time zone set in the spreadsheet"
   * (tmdean.blogspot.com/2015/06, "Working with time values in Google Sheets Apps Script"; likewise
   * googlesheets4.tidyverse.org/articles/dates-and-times: Sheets have no per-cell zone): a date keeps
   * its wall-clock reading and so names another instant afterwards. The message for an unknown
   * zone is not sourced.
   */
  setSpreadsheetTimeZone(timezone: string): void {
    this._settingsCheck('setSpreadsheetTimeZone');
    const tz = String(timezone);
    if (!isValidTimeZone(tz)) throw new Error('Invalid argument: timezone');
    const old = this.st.timeZone;
    if (tz === old) return;
    for (const sh of this.st.sheets)
      for (const row of sh.rows)
        row?.forEach((c) => {
          if (c && isDate(c.v) && !Number.isNaN(c.v.getTime())) c.v = serialToDate(dateToSerial(c.v, old), tz);
        });
    this.st.timeZone = tz;
  }
  /**
   * "Sets the spreadsheet locale" (Spreadsheet.setSpreadsheetLocale(locale)): how strings typed or
   * written afterwards are read, and how numbers display. Locales are written like en_US or sv
   * (Sheets API SpreadsheetProperties.locale); anything else is refused (message not sourced).
   */
  setSpreadsheetLocale(locale: string): void {
    this._settingsCheck('setSpreadsheetLocale');
    const l = String(locale);
    if (!LOCALE_PATTERN.test(l)) throw new Error('Invalid argument: locale');
    this.st.locale = l;
  }
  /** Not in AuthMode NONE; a custom function's refusal comes first, from exec.ts (a set*() method). */
  _settingsCheck(what: string): void {
    this._ctx.requireAuth(`Spreadsheet.${what}`, ['FULL', 'LIMITED'], SHEETS_SCOPE);
  }
  getSheets(): Sheet[] {
    return this.st.sheets.map((s) => new Sheet(this._ctx, s.sheetId));
  }
  getSheetByName(name: string): Sheet | null {
    const s = this.st.sheets.find((x) => x.name === String(name));
    return s ? new Sheet(this._ctx, s.sheetId) : null;
  }
  insertSheet(nameOrIndex?: string | number, index?: number): Sheet {
    this._writeCheck('insertSheet');
    let name: string;
    let idx: number | undefined = index;
    if (typeof nameOrIndex === 'number') {
      idx = nameOrIndex;
      name = '';
    } else name = nameOrIndex === undefined ? '' : String(nameOrIndex);
    if (!name) {
      let n = this.st.sheets.length + 1;
      while (this.st.sheets.some((s) => s.name === `Blad${n}`)) n++;
      name = `Blad${n}`;
    }
    if (this.st.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const id = this._ctx.genId(() => this.st.nextSheetId * 1000 + 7);
    this.st.nextSheetId = Math.max(this.st.nextSheetId, Math.floor(id / 1000) + 1);
    const sh = newSheetState(name, id);
    const at = idx === undefined ? this.st.sheets.length : Math.max(0, Math.min(idx, this.st.sheets.length));
    this.st.sheets.splice(at, 0, sh);
    this.st.activeSheetId = sh.sheetId;
    return new Sheet(this._ctx, sh.sheetId);
  }
  /** "The owner of the document, or null for a document in a shared drive" (Spreadsheet.getOwner()). */
  getOwner(): GasUser | null {
    const owner = ownerOf(this._ctx.emu);
    return owner ? new GasUser(this._ctx, owner) : null;
  }
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this._ctx.ui.toasts.push({ msg: String(msg), title: title === undefined ? '' : String(title), timeoutSeconds: timeoutSeconds ?? 5 });
  }
  _writeCheck(what: string): void {
    if (this._ctx.authMode === 'CUSTOM_FUNCTION') throw new Error(`You do not have permission to call ${what}`);
  }
}

// ---------------- Sheet ----------------

export class Sheet extends GasObject {
  readonly _cls = 'Sheet';
  readonly _service = 'SpreadsheetApp';
  constructor(
    ctx: ExecContext,
    readonly _id: number,
  ) {
    super(ctx);
  }
  _st(): SheetState {
    const s = this._ctx.spreadsheet.sheets.find((x) => x.sheetId === this._id);
    if (!s) throw new Error('Sheet not found (it may have been deleted).');
    return s;
  }
  _input(): InputSettings {
    return inputSettings(this._ctx.emu, this._ctx.spreadsheet);
  }
  _write(what: string): SheetState {
    if (this._ctx.authMode === 'CUSTOM_FUNCTION') throw new Error(`You do not have permission to call ${what}`);
    return this._st();
  }
  /** The script acts as its effective user: a protection that user can't edit refuses the write. */
  _actor(): Actor {
    return { emu: this._ctx.emu, user: this._ctx.effectiveUser };
  }
  /** A write to cells: checked against every protection before any effect. */
  _cellsW(what: string, r: Rect): SheetState {
    const st = this._write(what);
    guardCells(this._actor(), st, r);
    return st;
  }
  /** A change to the sheet itself (name, tab, layout, charts): only a sheet protection guards it. */
  _propsW(what: string): SheetState {
    const st = this._write(what);
    if (blockingSheetProtection(this._actor(), st)) throw new Error(PROTECTED_MESSAGE);
    return st;
  }
  getName(): string {
    return this._st().name;
  }
  activate(): Sheet {
    this._ctx.spreadsheet.activeSheetId = this._id;
    return this;
  }
  getRange(a: number | string, col?: number, numRows?: number, numCols?: number): Range {
    if (typeof a === 'string') return this._rangeA1(a);
    if (typeof a !== 'number' || typeof col !== 'number') {
      throw new Error('The parameters (' + [a, col].map((x) => typeof x).join(',') + ') don\'t match the method signature for SpreadsheetApp.Sheet.getRange.');
    }
    return this._range(a, col, numRows ?? 1, numCols ?? 1);
  }
  _range(row: number, col: number, nr: number, nc: number): Range {
    const st = this._st();
    if (row < 1) throw new Error('The starting row of the range is too small.');
    if (col < 1) throw new Error('The starting column of the range is too small.');
    if (nr < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (nc < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row + nr - 1 > st.maxRows || col + nc - 1 > st.maxCols) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new Range(this._ctx, this._id, Math.floor(row), Math.floor(col), Math.floor(nr), Math.floor(nc));
  }
  _rangeA1(a1: string): Range {
    const { sheet, ref } = splitSheetA1(a1);
    if (sheet !== undefined && sheet !== this.getName()) {
      const other = new Spreadsheet(this._ctx).getSheetByName(sheet);
      if (!other) throw new Error('Range not found');
      return other._rangeA1(ref);
    }
    const st = this._st();
    const p = parseA1(ref, st.maxRows, st.maxCols);
    if (!p) throw new Error('Range not found');
    return this._range(p.row, p.col, p.numRows, p.numCols);
  }
  getDataRange(): Range {
    const st = this._st();
    return this._range(1, 1, Math.max(1, lastRowOf(st)), Math.max(1, lastColOf(st)));
  }
  /**
   * "Returns the rectangular grid of values for this range starting at the given coordinates. A -1 value
   * given as the row or column position is equivalent to getting the very last row or column that has
   * data in the sheet." (…/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns).
   * So `getSheetValues(1, 1, -1, -1)` is the data range's values in one call, as scripts in the wild use it
   * (getSheetValues(2, 3, -1, 3): from row 2 to the last row with data, three columns). The reference
   * doesn't say what an empty sheet gives; here it is a range of no rows, refused as getRange refuses one.
   */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): CellState['v'][][] {
    const st = this._st();
    const nr = numRows === -1 ? lastRowOf(st) - startRow + 1 : numRows;
    const nc = numColumns === -1 ? lastColOf(st) - startColumn + 1 : numColumns;
    return this._range(startRow, startColumn, nr, nc).getValues();
  }
  getLastRow(): number {
    return lastRowOf(this._st());
  }
  getLastColumn(): number {
    return lastColOf(this._st());
  }
  getMaxRows(): number {
    return this._st().maxRows;
  }
  getMaxColumns(): number {
    return this._st().maxCols;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    const st = this._write('insertRowsAfter');
    if (afterPosition < 1 || afterPosition > st.maxRows) throw new Error('Those rows are out of bounds.');
    if (blockingInsert(this._actor(), st, 'row', afterPosition + 1)) throw new Error(PROTECTED_MESSAGE);
    insertRowsAt(st, afterPosition + 1, howMany);
    return this;
  }
  /**
   * Inserts columns after `afterPosition`: the cells right of it, range protections, validations
   * and column widths move right with their columns (as insertRowsAfter moves rows). The message
   * for a position outside the sheet follows the rows' one; it is not sourced.
   */
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    const st = this._write('insertColumnsAfter');
    if (afterPosition < 1 || afterPosition > st.maxCols) throw new Error('Those columns are out of bounds.');
    if (blockingInsert(this._actor(), st, 'col', afterPosition + 1)) throw new Error(PROTECTED_MESSAGE);
    insertColumnsAt(st, afterPosition + 1, howMany);
    return this;
  }
  setFrozenRows(rows: number): void {
    this._propsW('setFrozenRows').frozenRows = rows;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this._propsW('setColumnWidth').columnWidths[String(columnPosition)] = width;
    return this;
  }
  /**
   * "If the sheet is already protected, this method returns an object representing its existing
   * protection settings"; a new one mirrors the file's permissions, i.e. blocks nobody, until its
   * editors are changed (Sheet.protect(), developers.google.com/apps-script/reference/spreadsheet/sheet#protect()).
   */
  protect(): Protection {
    const st = this._write('protect');
    let p = st.protections.find((x) => x.type === 'SHEET');
    if (!p) {
      p = { id: newProtectionId(this._ctx), type: 'SHEET', description: '', warningOnly: false, editors: [], mirrorsFile: true };
      st.protections.push(p);
    }
    return new Protection(this._ctx, this._id, p.id);
  }
  newChart(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this._ctx, this._id);
  }
  insertChart(chart: EmbeddedChart): void {
    const st = this._propsW('insertChart');
    if (!(chart instanceof EmbeddedChart)) throw new Error("The parameters don't match the method signature for SpreadsheetApp.Sheet.insertChart.");
    // An id never used on the sheet, also after a removeChart.
    const next = 1 + Math.max(0, ...(st.charts ?? []).map((c) => Number(c.id.slice(1)) || 0));
    (st.charts ??= []).push({ ...chart._chart, id: `c${next}` });
  }
  /** "Returns an array of charts on this sheet." (developers.google.com/apps-script/reference/spreadsheet/sheet#getCharts()) */
  getCharts(): EmbeddedChart[] {
    return (this._st().charts ?? []).map((c) => new EmbeddedChart(this._ctx, { ...c, ranges: [...c.ranges], options: { ...c.options } }));
  }
  /** "Removes a chart from the parent sheet." (…/spreadsheet/sheet#removeChart(EmbeddedChart)); a chart built but never inserted is not there to remove. */
  removeChart(chart: EmbeddedChart): void {
    const st = this._propsW('removeChart');
    if (!(chart instanceof EmbeddedChart)) throw new Error("The parameters don't match the method signature for SpreadsheetApp.Sheet.removeChart.");
    st.charts = (st.charts ?? []).filter((c) => c.id !== chart._chart.id);
  }
  /** "Get all conditional format rules in this sheet." (…/spreadsheet/sheet#getConditionalFormatRules()) */
  getConditionalFormatRules(): ConditionalFormatRule[] {
    return (this._st().conditionalFormats ?? []).map((r) => new ConditionalFormatRule(this._ctx, { ...r, ranges: [...r.ranges] }, this._id));
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    const st = this._propsW('setConditionalFormatRules');
    st.conditionalFormats = rules.map((r) => ({ ...r._rule, ranges: [...r._rule.ranges] }));
  }
  getProtections(type: string): Protection[] {
    return this._st()
      .protections.filter((p) => p.type === String(type))
      .map((p) => new Protection(this._ctx, this._id, p.id));
  }
}

/** A new protection's id; replaying a buffered write gives back the one it made first. */
export function newProtectionId(ctx: ExecContext): string {
  return ctx.genId(() => `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`);
}

/**
 * Where a band of rows [row, row+numRows) ends up when `n` rows are inserted
 * before `at` (n > 0) or deleted from `at` on (n < 0); null when deleted whole.
 * Sheets moves protected ranges and validations with their rows and grows a
 * range when rows are inserted inside it. Columns move the same way.
 */
export function shiftBand(row: number, numRows: number, at: number, n: number): { row: number; numRows: number } | null {
  if (n > 0) {
    if (at <= row) return { row: row + n, numRows };
    if (at < row + numRows) return { row, numRows: numRows + n };
    return { row, numRows };
  }
  const delEnd = at - n - 1; // last deleted row
  const end = row + numRows - 1;
  if (end < at) return { row, numRows };
  if (row > delEnd) return { row: row + n, numRows };
  const kept = numRows - (Math.min(end, delEnd) - Math.max(row, at) + 1);
  return kept > 0 ? { row: Math.min(row, at), numRows: kept } : null;
}

/**
 * Moves range protections and data validations with inserted/deleted rows, or
 * inserted columns. Not moved (documented limits): conditional-format ranges,
 * chart ranges, and formulas' references.
 */
function shiftAnchors(st: SheetState, dim: 'row' | 'col', at: number, n: number): void {
  const move = (r: Rect): Rect | null => {
    const b = dim === 'row' ? shiftBand(r.row, r.numRows, at, n) : shiftBand(r.col, r.numCols, at, n);
    if (!b) return null;
    return dim === 'row' ? { ...r, row: b.row, numRows: b.numRows } : { ...r, col: b.row, numCols: b.numRows };
  };
  st.protections = st.protections.filter((p) => {
    if (p.type !== 'RANGE' || !p.a1) return true;
    const r = parseA1(p.a1, st.maxRows, st.maxCols);
    const m = r && move(r);
    if (m) p.a1 = toA1(m.row, m.col, m.numRows, m.numCols);
    return !!m;
  });
  st.dataValidations = st.dataValidations.filter((d) => {
    const m = move(d);
    if (m) Object.assign(d, { row: m.row, col: m.col, numRows: m.numRows, numCols: m.numCols, a1: toA1(m.row, m.col, m.numRows, m.numCols) });
    return !!m;
  });
}

/**
 * Moves the format bands as their cells move: inserted rows (or columns) are empty and unformatted,
 * as the emulator's inserted cells always were, so a band they cut is split in two; deleted ones
 * take their part of a band with them.
 */
function shiftFormats(st: SheetState, dim: 'row' | 'col', at: number, n: number): void {
  if (!st.formats?.length) return;
  const out: FormatBandState[] = [];
  for (const b of st.formats) {
    const [start, size] = dim === 'row' ? [b.row, b.numRows] : [b.col, b.numCols];
    const put = (s: number, z: number) => out.push(dim === 'row' ? { ...b, row: s, numRows: z } : { ...b, col: s, numCols: z });
    if (n > 0 && at > start && at < start + size) {
      put(start, at - start);
      put(at + n, start + size - at);
    } else {
      const m = shiftBand(start, size, at, n);
      if (m) put(m.row, m.numRows);
    }
  }
  st.formats = out;
}

/** Inserts `n` empty rows before row `at` (cells, size, protections, validations, formats). */
export function insertRowsAt(st: SheetState, at: number, n: number): void {
  if (st.rows.length >= at) st.rows.splice(at - 1, 0, ...Array.from({ length: n }, () => null));
  st.maxRows += n;
  shiftAnchors(st, 'row', at, n);
  shiftFormats(st, 'row', at, n);
}

/** Inserts `n` empty columns before column `at` (cells, size, column widths, protections, validations). */
export function insertColumnsAt(st: SheetState, at: number, n: number): void {
  for (const row of st.rows) if (row && row.length >= at) row.splice(at - 1, 0, ...Array.from({ length: n }, () => null));
  st.maxCols += n;
  const widths: Record<string, number> = {};
  for (const [k, w] of Object.entries(st.columnWidths)) widths[String(Number(k) >= at ? Number(k) + n : Number(k))] = w;
  st.columnWidths = widths;
  shiftAnchors(st, 'col', at, n);
  shiftFormats(st, 'col', at, n);
}

/** Deletes rows at..at+n-1 (cells, size, protections, validations). */
export function deleteRowsAt(st: SheetState, at: number, n: number): void {
  st.rows.splice(at - 1, n);
  while (st.rows.length && st.rows[st.rows.length - 1] === null) st.rows.pop();
  st.maxRows -= n;
  shiftAnchors(st, 'row', at, -n);
  shiftFormats(st, 'row', at, -n);
}

// ---------------- Range ----------------

export class Range extends GasObject {
  readonly _cls = 'Range';
  readonly _service = 'SpreadsheetApp';
  constructor(
    ctx: ExecContext,
    readonly _sheetId: number,
    readonly _row: number,
    readonly _col: number,
    readonly _nr: number,
    readonly _nc: number,
  ) {
    super(ctx);
  }
  _sheet(): Sheet {
    return new Sheet(this._ctx, this._sheetId);
  }
  _st(): SheetState {
    return this._sheet()._st();
  }
  /** Every mutating Range method comes through here: protections are checked before any effect. */
  _w(what: string): SheetState {
    return this._sheet()._cellsW(what, { row: this._row, col: this._col, numRows: this._nr, numCols: this._nc });
  }
  _input(): InputSettings {
    return inputSettings(this._ctx.emu, this._ctx.spreadsheet);
  }
  _cells<T>(f: (c: CellState | null, r: number, col: number) => T): T[][] {
    const st = this._st();
    return grid(this._nr, this._nc, (i, j) => f(getCell(st, this._row + i, this._col + j), this._row + i, this._col + j));
  }
  _checkDims(values: unknown, what: string): unknown[][] {
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) {
      throw new Error(`The parameters (${Array.isArray(values) ? 'number[]' : typeof values}) don't match the method signature for SpreadsheetApp.Range.${what}.`);
    }
    const rows = values as unknown[][];
    if (rows.length !== this._nr) {
      throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this._nr}.`);
    }
    for (const r of rows) {
      if (r.length !== this._nc) {
        throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${this._nc}.`);
      }
    }
    return rows;
  }
  /** Cells as read: formulas evaluated (src/sandbox/emulator/formula.ts), one consistent view per call. */
  _read<T>(f: (c: CellState | null) => T): T[][] {
    const st = this._st();
    const fx = new FormulaContext({ spreadsheet: this._ctx.spreadsheet });
    return this._cells((c, r, col) => f(c && c.f !== undefined ? { ...c, v: fx.cellValue(st, r, col) } : c));
  }
  getValues(): CellState['v'][][] {
    return this._read((c) => (c ? copyValue(c.v) : ''));
  }
  /**
   * "Returns the formulas (A1 notation) for the cells in the range. Entries in the 2D array are empty
   * strings for cells with no formula." (…/spreadsheet/range#getFormulas())
   */
  getFormulas(): string[][] {
    return this._cells((c) => c?.f ?? '');
  }
  setValues(values: unknown[][]): Range {
    const st = this._w('setValues');
    const rows = this._checkDims(values, 'setValues');
    checkCellInputs(rows);
    const input = this._input();
    rows.forEach((r, i) => r.forEach((v, j) => writeValue(st, this._row + i, this._col + j, v, input)));
    return this;
  }
  _style(what: string, f: (c: CellState, i: number, j: number) => void): Range {
    const st = this._w(what);
    for (let i = 0; i < this._nr; i++)
      for (let j = 0; j < this._nc; j++) {
        const cell: CellState = { ...(getCell(st, this._row + i, this._col + j) ?? { v: '' }) };
        f(cell, i, j);
        setCell(st, this._row + i, this._col + j, cell);
      }
    return this;
  }
  setNumberFormat(numberFormat: string): Range {
    const st = this._w('setNumberFormat');
    setFormatBand(st, { row: this._row, col: this._col, numRows: this._nr, numCols: this._nc }, String(numberFormat));
    return this;
  }
  setFontWeight(fontWeight: string | null): Range {
    return this._style('setFontWeight', (c) => {
      if (fontWeight === 'bold') c.bold = true;
      else delete c.bold;
    });
  }
  getRow(): number {
    return this._row;
  }
  getColumn(): number {
    return this._col;
  }
  getNumRows(): number {
    return this._nr;
  }
  getNumColumns(): number {
    return this._nc;
  }
  /** The range in A1 notation (what protections, validations and charts record). */
  _a1(): string {
    return toA1(this._row, this._col, this._nr, this._nc);
  }
  getSheet(): Sheet {
    return this._sheet();
  }
  setDataValidation(rule: DataValidation | null): Range {
    const st = this._w('setDataValidation');
    const inside = (d: DataValidationState) =>
      d.row >= this._row && d.col >= this._col && d.row + d.numRows <= this._row + this._nr && d.col + d.numCols <= this._col + this._nc;
    st.dataValidations = st.dataValidations.filter((d) => !inside(d));
    if (rule) {
      st.dataValidations.push({ a1: this._a1(), row: this._row, col: this._col, numRows: this._nr, numCols: this._nc, rule: { ...rule._rule } });
    }
    return this;
  }
  /**
   * A new protection, even over an existing one ("If the range is already protected, this method
   * creates a new protected range that overlaps the existing one"), that blocks nobody until its
   * editors are changed (Range.protect(), developers.google.com/apps-script/reference/spreadsheet/range#protect()).
   * Creating one is not itself checked against other protections (not sourced either way).
   */
  protect(): Protection {
    const st = this._sheet()._write('protect');
    const p: ProtectionState = { id: newProtectionId(this._ctx), type: 'RANGE', a1: this._a1(), description: '', warningOnly: false, editors: [], mirrorsFile: true };
    st.protections.push(p);
    return new Protection(this._ctx, this._sheetId, p.id);
  }
}

export function findValidation(st: SheetState, r: number, c: number): DataValidationState | undefined {
  for (let k = st.dataValidations.length - 1; k >= 0; k--) {
    const d = st.dataValidations[k];
    if (r >= d.row && r < d.row + d.numRows && c >= d.col && c < d.col + d.numCols) return d;
  }
  return undefined;
}

// ---------------- Data validation ----------------

/** A built rule, only handed to Range.setDataValidation. */
export class DataValidation extends GasObject {
  readonly _cls = 'DataValidation';
  readonly _service = 'SpreadsheetApp';
  constructor(
    ctx: ExecContext,
    readonly _rule: ValidationRuleState,
  ) {
    super(ctx);
  }
}

export class DataValidationBuilder extends GasObject {
  readonly _cls = 'DataValidationBuilder';
  readonly _service = 'SpreadsheetApp';
  _rule: ValidationRuleState | null = null;
  private allowInvalid = true;
  private helpText: string | undefined;
  requireValueInList(values: unknown[], showDropdown?: boolean): DataValidationBuilder {
    this._rule = { criteria: 'VALUE_IN_LIST', values: values.map(String), showDropdown: showDropdown ?? true, allowInvalid: true };
    return this;
  }
  requireValueInRange(range: Range, showDropdown?: boolean): DataValidationBuilder {
    const name = range._sheet().getName();
    const q = /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
    this._rule = { criteria: 'VALUE_IN_RANGE', sourceA1: `${q}!${range._a1()}`, showDropdown: showDropdown ?? true, allowInvalid: true };
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this.allowInvalid = !!allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): DataValidationBuilder {
    this.helpText = String(helpText);
    return this;
  }
  build(): DataValidation {
    if (!this._rule) throw new Error('You must specify a criterion for the data validation rule.');
    const rule: ValidationRuleState = { ...this._rule, allowInvalid: this.allowInvalid };
    if (this.helpText !== undefined) rule.helpText = this.helpText;
    return new DataValidation(this._ctx, rule);
  }
}

/** Values a validation accepts (for user edits). */
export function validationAccepts(ctxSheets: SheetState[], rule: ValidationRuleState, value: CellState['v'], tz: string, locale: string): boolean {
  if (value === '') return true;
  const text = displayValue({ v: value }, tz, locale);
  if (rule.criteria === 'VALUE_IN_LIST') return (rule.values ?? []).some((x) => x === text || x === String(value));
  const { sheet, ref } = splitSheetA1(rule.sourceA1 ?? '');
  const st = ctxSheets.find((s) => s.name === sheet);
  if (!st) return false;
  const p = parseA1(ref, st.maxRows, st.maxCols);
  if (!p) return false;
  for (let r = p.row; r < p.row + p.numRows; r++)
    for (let c = p.col; c < p.col + p.numCols; c++) {
      // An empty cell shows '' (and value is not ''): no need to read its format.
      if (!st.rows[r - 1]?.[c - 1]) continue;
      const cell = getCell(st, r, c);
      if (cell && displayValue(cell, tz, locale) === text) return true;
    }
  return false;
}

// ---------------- Protection ----------------

/** An email address from a string or a User object (the methods take either). */
function emailOf(u: unknown): string {
  return u instanceof GasUser ? u.getEmail() : String(u);
}

/**
 * A protected range or sheet. Permissions follow the reference
 * (developers.google.com/apps-script/reference/spreadsheet/protection): the
 * owner may always edit; a fresh protection mirrors the file until its
 * editors change; only someone who may edit it can read its editors or
 * change/remove it; the owner and the current user can't be removed.
 */
export class Protection extends GasObject {
  readonly _cls = 'Protection';
  readonly _service = 'SpreadsheetApp';
  constructor(
    ctx: ExecContext,
    readonly _sheetId: number,
    readonly _pid: string,
  ) {
    super(ctx);
  }
  _sheet(): Sheet {
    return new Sheet(this._ctx, this._sheetId);
  }
  _p(): ProtectionState {
    const p = this._sheet()._st().protections.find((x) => x.id === this._pid);
    if (!p) throw new Error('This protection has been removed.');
    return p;
  }
  /**
   * The protection, if the script's user may manage it. The reference says getEditors() and
   * canDomainEdit() throw "if the user does not have permission to edit the protected range or
   * sheet"; the wording of that exception is not sourced, so it reuses Google's protected-object text.
   * Warning-only protections may be managed by everyone (assumption: everyone may edit inside them).
   */
  _managed(what: string): ProtectionState {
    this._sheet()._write(what);
    const p = this._p();
    if (!mayWriteIn(this._sheet()._actor(), p)) throw new Error(PROTECTED_MESSAGE);
    return p;
  }
  /** Changing the editor list ends the mirroring: the list starts as the file's editors plus the current user. */
  _explicit(what: string): ProtectionState {
    const p = this._managed(what);
    if (p.mirrorsFile) {
      p.editors = this._mirrored();
      delete p.mirrorsFile;
    }
    return p;
  }
  _mirrored(): string[] {
    return unique([...fileEditors(this._ctx.emu), this._ctx.effectiveUser]);
  }
  setDescription(description: string): Protection {
    this._managed('setDescription').description = String(description);
    return this;
  }
  getDescription(): string {
    return this._p().description;
  }
  setWarningOnly(warningOnly: boolean): Protection {
    this._managed('setWarningOnly').warningOnly = !!warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    return this._p().warningOnly;
  }
  addEditor(emailAddress: string | GasUser): Protection {
    return this.addEditors([emailOf(emailAddress)]);
  }
  addEditors(emailAddresses: (string | GasUser)[]): Protection {
    const p = this._explicit('addEditors');
    p.editors = unique([...p.editors, ...emailAddresses.map(emailOf)]);
    return this;
  }
  removeEditor(emailAddress: string | GasUser): Protection {
    return this.removeEditors([emailOf(emailAddress)]);
  }
  /** "Neither the owner of the spreadsheet nor the current user can be removed": they stay, silently. */
  removeEditors(emailAddresses: (string | GasUser)[]): Protection {
    const p = this._explicit('removeEditors');
    const keep = new Set([ownerOf(this._ctx.emu) ?? '', this._ctx.effectiveUser]);
    const gone = new Set(emailAddresses.map(emailOf).filter((e) => !keep.has(e)));
    p.editors = p.editors.filter((e) => !gone.has(e));
    return this;
  }
  /** While mirroring, the editors are the file's (owner first) plus the current user. */
  getEditors(): GasUser[] {
    const p = this._managed('getEditors');
    return (p.mirrorsFile ? this._mirrored() : p.editors).map((e) => new GasUser(this._ctx, e));
  }
  canDomainEdit(): boolean {
    return !!this._managed('canDomainEdit').domainEdit;
  }
  /**
   * "Throws an exception if the spreadsheet does not belong to a Google Workspace domain (that is,
   * if it is owned by a gmail.com account)" (Protection.setDomainEdit()); the message is not sourced.
   */
  setDomainEdit(editable: boolean): Protection {
    const owner = this._ctx.emu.owner.toLowerCase();
    if (owner.endsWith('@gmail.com') || owner.endsWith('@googlemail.com')) {
      throw new Error('This spreadsheet does not belong to a Google Workspace domain.');
    }
    this._explicit('setDomainEdit').domainEdit = !!editable;
    return this;
  }
  remove(): void {
    this._managed('remove');
    const st = this._sheet()._st();
    st.protections = st.protections.filter((x) => x.id !== this._pid);
  }
}

// ---------------- Charts and conditional formats (recorded, not drawn) ----------------

export class EmbeddedChartBuilder extends GasObject {
  readonly _cls = 'EmbeddedChartBuilder';
  readonly _service = 'SpreadsheetApp';
  _chart: ChartState = { id: '', type: 'COLUMN', ranges: [], row: 1, col: 1, numHeaders: -1, options: {} };
  constructor(ctx: ExecContext, readonly _sheetId: number) {
    super(ctx);
  }
  asColumnChart(): EmbeddedChartBuilder {
    this._chart.type = 'COLUMN';
    return this;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    if (!(range instanceof Range)) throw new Error("The parameters don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.");
    if (range._sheetId !== this._sheetId) throw new Error('The chart range must be on the same sheet.');
    this._chart.ranges.push(range._a1());
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, _offsetX: number, _offsetY: number): EmbeddedChartBuilder {
    this._chart.row = anchorRowPos;
    this._chart.col = anchorColPos;
    return this;
  }
  setNumHeaders(headers: number): EmbeddedChartBuilder {
    this._chart.numHeaders = headers;
    return this;
  }
  setOption(option: string, value: string | number | boolean): EmbeddedChartBuilder {
    this._chart.options[String(option)] = value;
    return this;
  }
  build(): EmbeddedChart {
    if (this._chart.ranges.length === 0) throw new Error('The chart has no data.');
    return new EmbeddedChart(this._ctx, { ...this._chart, ranges: [...this._chart.ranges], options: { ...this._chart.options } });
  }
}

/** A built chart (handed to Sheet.insertChart) or one on a sheet (Sheet.getCharts, Sheet.removeChart). */
export class EmbeddedChart extends GasObject {
  readonly _cls = 'EmbeddedChart';
  readonly _service = 'SpreadsheetApp';
  constructor(ctx: ExecContext, readonly _chart: ChartState) {
    super(ctx);
  }
  /** "Returns the options for this chart, such as height, colors, and axes." (…/spreadsheet/embedded-chart#getOptions()) */
  getOptions(): ChartOptions {
    return new ChartOptions(this._ctx, { ...this._chart.options });
  }
}

export class ChartOptions extends GasObject {
  readonly _cls = 'ChartOptions';
  readonly _service = 'Charts';
  constructor(ctx: ExecContext, readonly _options: Record<string, string | number | boolean>) {
    super(ctx);
  }
  /** "Returns the configured value for the specified option." (…/charts/chart-options#get(String)); null when it isn't set. */
  get(option: string): string | number | boolean | null {
    return Object.prototype.hasOwnProperty.call(this._options, String(option)) ? this._options[String(option)] : null;
  }
}

export class ConditionalFormatRuleBuilder extends GasObject {
  readonly _cls = 'ConditionalFormatRuleBuilder';
  readonly _service = 'SpreadsheetApp';
  _rule: ConditionalFormatState = { ranges: [], formula: '' };
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilder {
    this._rule.formula = String(formula);
    return this;
  }
  setBackground(color: string | null): ConditionalFormatRuleBuilder {
    if (color) this._rule.background = String(color);
    else delete this._rule.background;
    return this;
  }
  setFontColor(color: string | null): ConditionalFormatRuleBuilder {
    if (color) this._rule.fontColor = String(color);
    else delete this._rule.fontColor;
    return this;
  }
  _sheetId?: number;
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder {
    this._rule.ranges = ranges.map((r) => r._a1());
    this._sheetId = ranges[0]?._sheetId;
    return this;
  }
  build(): ConditionalFormatRule {
    if (!this._rule.formula) throw new Error('The conditional format rule has no condition.');
    if (this._rule.ranges.length === 0) throw new Error('The conditional format rule has no ranges.');
    return new ConditionalFormatRule(this._ctx, { ...this._rule, ranges: [...this._rule.ranges] }, this._sheetId);
  }
}

/** A built rule (handed to Sheet.setConditionalFormatRules) or one read from a sheet (Sheet.getConditionalFormatRules). */
export class ConditionalFormatRule extends GasObject {
  readonly _cls = 'ConditionalFormatRule';
  readonly _service = 'SpreadsheetApp';
  /** The sheet its ranges are on (the builder's first range's). */
  constructor(ctx: ExecContext, readonly _rule: ConditionalFormatState, readonly _sheetId?: number) {
    super(ctx);
  }
  /** "Retrieves the ranges to which this conditional format rule is applied." (…/spreadsheet/conditional-format-rule#getRanges()) */
  getRanges(): Range[] {
    const id = this._sheetId ?? 0;
    return this._rule.ranges.map((a1) => new Sheet(this._ctx, id).getRange(a1));
  }
}
