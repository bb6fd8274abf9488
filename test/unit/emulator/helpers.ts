import { FormulaContext } from '../../../src/sandbox/emulator/formula';
import { getCell } from '../../../src/sandbox/emulator/spreadsheet';
import { Emulator, EmulatorOptions, ExecOptions, ExecutionResult, manualClock } from '../../../src/sandbox/emulator/runtime';
import type { CellState } from '../../../src/sandbox/emulator/store';
import { displayValue, parseA1 } from '../../../src/sandbox/emulator/values';

export function newEmu(opts: EmulatorOptions = {}): Emulator {
  return new Emulator({ clock: manualClock('2009-12-07T09:00:00Z'), ...opts });
}

/** Runs `body` as the body of a top-level function `t` and returns the result (throws on failure). */
export function run(emu: Emulator, body: string, opts: ExecOptions = {}): unknown {
  const r = exec(emu, body, opts);
  if (!r.ok) throw new Error(`${r.error?.name}: ${r.error?.message}`);
  return r.result;
}

export function exec(emu: Emulator, body: string, opts: ExecOptions = {}): ExecutionResult {
  return emu.runExecution(`function t() {\n${body}\n}`, 't', [], opts);
}

export const SHEET = "var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0];";

/**
 * The cells of `a1` on `sheet` as the state holds them, formulas evaluated as Range.getValues()
 * does (the add-on reads no more than that; these helpers look at what it doesn't read).
 */
function cellsOf(emu: Emulator, a1: string, sheet: string): (CellState | null)[][] {
  const st = emu.state.spreadsheet.sheets.find((s) => s.name === sheet);
  const r = st && parseA1(a1, st.maxRows, st.maxCols);
  if (!st || !r) throw new Error(`No range ${sheet}!${a1}`);
  const fx = new FormulaContext({ spreadsheet: emu.state.spreadsheet });
  return Array.from({ length: r.numRows }, (_, i) =>
    Array.from({ length: r.numCols }, (_, j) => {
      const c = getCell(st, r.row + i, r.col + j);
      return c && c.f !== undefined ? { ...c, v: fx.cellValue(st, r.row + i, r.col + j) } : c;
    }),
  );
}

/** What Sheets shows in each cell of `a1` (its number format, the spreadsheet's locale and zone): the sandbox grid's text. */
export function shown(emu: Emulator, a1: string, sheet = 'Blad1'): string[][] {
  const { timeZone, locale } = emu.state.spreadsheet;
  return cellsOf(emu, a1, sheet).map((row) => row.map((c) => displayValue(c, timeZone, locale)));
}

/** The cell's number format ('General' when it has none), formula ('' when none) and whether it is bold. */
export function cellStyle(emu: Emulator, a1: string, sheet = 'Blad1'): { fmt: string; formula: string; bold: boolean } {
  const st = emu.state.spreadsheet.sheets.find((s) => s.name === sheet);
  const r = st && parseA1(a1, st.maxRows, st.maxCols);
  if (!st || !r) throw new Error(`No cell ${sheet}!${a1}`);
  const c = getCell(st, r.row, r.col);
  return { fmt: c?.fmt ?? 'General', formula: c?.f ?? '', bold: !!c?.bold };
}

/** Script code setting one number format per cell of row `row` from column 1 (the add-on sets one per range). */
export function formatsInRow(row: number, formats: string[]): string {
  return formats.map((f, i) => `sh.getRange(${row}, ${i + 1}).setNumberFormat(${JSON.stringify(f)});`).join(' ');
}

/** A script function a1_(range) giving a range's A1 notation from what the add-on reads of it (columns A–Z). */
export const A1_FN = `function a1_(r) {
  var c = function (col, row) { return String.fromCharCode(64 + col) + row; };
  var tl = c(r.getColumn(), r.getRow());
  return r.getNumRows() === 1 && r.getNumColumns() === 1 ? tl : tl + ':' + c(r.getColumn() + r.getNumColumns() - 1, r.getRow() + r.getNumRows() - 1);
}`;
