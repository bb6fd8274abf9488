/**
 * The subset of the Google Sheets API v4 REST interface that `summit` (src/cli) uses, answered from the
 * same emulated workbook the add-on edits in the sandbox, so a change made in a sidebar shows in the CLI
 * and the other way round. Paths, parameters, bodies and error shapes follow the reference
 * (developers.google.com/sheets/api/reference/rest/v4/spreadsheets and …/spreadsheets.values):
 *
 *   GET  /v4/spreadsheets/{id}                          spreadsheets.get (properties, sheets' properties)
 *   POST /v4/spreadsheets/{id}:batchUpdate              addSheet, updateSheetProperties, updateCells,
 *                                                       repeatCell, appendDimension, updateDimensionProperties
 *   GET  /v4/spreadsheets/{id}/values/{range}           values.get
 *   GET  /v4/spreadsheets/{id}/values:batchGet          values.batchGet
 *   PUT  /v4/spreadsheets/{id}/values/{range}           values.update
 *   POST /v4/spreadsheets/{id}/values/{range}:append    values.append
 *   POST /v4/spreadsheets/{id}/values:batchUpdate       values.batchUpdate
 *
 * Writes through the API are outside edits: "Script executions and API requests do not cause triggers to
 * run" (developers.google.com/apps-script/guides/triggers/installable#restrictions), so no onEdit fires
 * here either; the add-on finds them by their seals (src/app/journal.ts). A request is applied whole or
 * not at all. Who calls: `Authorization: Bearer sandbox:<e-mail>` for one of the file's editors (the
 * sandbox has no OAuth server); anything else is Google's 401.
 */
import type * as http from 'node:http';
import { readJsonObject } from './json-body';
import type { Emulator } from './emulator/runtime';
import { apiRange, apiUpdate } from './emulator/outside';
import { blockingProtection, PROTECTED_MESSAGE, type Rect } from './emulator/protection';
import { lastRowOf, setCell, getCell, insertColumnsAt, setFormatBand } from './emulator/spreadsheet';
import { FormulaContext } from './emulator/formula';
import type { CellState, SheetState, StoreState } from './emulator/store';
import { dateToSerial, displayValue, isDate, toA1 } from './emulator/values';

const MAX_API_BODY = 20 * 1024 * 1024;

/** An error as Google's APIs send it: {"error": {"code", "message", "status"}}. */
export class ApiError extends Error {
  constructor(readonly code: number, readonly status: string, message: string) {
    super(message);
  }
}
const badRequest = (m: string) => new ApiError(400, 'INVALID_ARGUMENT', m);

type Around = <T>(label: string, user: string, change: () => T) => T;

export interface SheetsApiOptions {
  /** Wraps each write (the sandbox keeps a version from before it). */
  readonly around?: Around;
}

interface Query { get(k: string): string | null; getAll(k: string): string[] }

const quoteSheet = (name: string): string => (/^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

export class SheetsApi {
  /** Requests answered since start or the last reset (the benchmark counts them). */
  requests = 0;
  private failures: { status: number; left: number } | null = null;
  constructor(private readonly emu: Emulator, private readonly opts: SheetsApiOptions = {}) {}

  /** The next `count` requests answer `status` (429: Google's quota error) before anything is read or written. */
  failNext(count: number, status = 429): void {
    this.failures = { status, left: count };
  }

  /** Answers the request when it is one of the API's paths; false leaves it to the caller. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith('/v4/spreadsheets/')) return false;
    this.requests++;
    try {
      const out = await this.route(req, url);
      send(res, 200, out);
    } catch (e) {
      const err = e instanceof ApiError ? e : badRequest((e as Error).message);
      send(res, err.code, { error: { code: err.code, message: err.message, status: err.status } });
    }
    return true;
  }

  private async route(req: http.IncomingMessage, url: URL): Promise<unknown> {
    if (this.failures && this.failures.left > 0) {
      this.failures.left--;
      const s = this.failures.status;
      if (s === 429) throw new ApiError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.");
      throw new ApiError(s, s >= 500 ? 'UNAVAILABLE' : 'FAILED_PRECONDITION', 'The service is currently unavailable.');
    }
    const user = this.caller(req);
    // The path arrives percent-encoded (ranges hold quotes, "!" and non-ASCII sheet names).
    const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(url.pathname);
    if (!m) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    if (decodeURIComponent(m[1]) !== this.emu.state.spreadsheet.id) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const rest = m[2];
    const method = req.method ?? 'GET';
    const q = url.searchParams;
    if (rest === '' && method === 'GET') return this.spreadsheet();
    if (rest === ':batchUpdate' && method === 'POST') return this.write('Sheets API: spreadsheets.batchUpdate', user, readBody(req), (b) => this.batchUpdate(b, user));
    if (rest === '/values:batchGet' && method === 'GET') return this.batchGet(q.getAll('ranges'), q);
    if (rest === '/values:batchUpdate' && method === 'POST') return this.write('Sheets API: values.batchUpdate', user, readBody(req), (b) => this.valuesBatchUpdate(b, user));
    const v = /^\/values\/([^:]+)(:append)?$/.exec(rest);
    if (v) {
      const range = decodeURIComponent(v[1]);
      if (!v[2] && method === 'GET') return this.valueRange(range, q);
      if (!v[2] && method === 'PUT') return this.write(`Sheets API: values.update ${range}`, user, readBody(req), (b) => this.update(range, b, q, user));
      if (v[2] && method === 'POST') return this.write(`Sheets API: values.append ${range}`, user, readBody(req), (b) => this.append(range, b, q, user));
    }
    throw new ApiError(404, 'NOT_FOUND', `The sandbox does not answer ${method} ${url.pathname}.`);
  }

  /** The caller from the bearer token: an editor (or the owner) of the file. */
  private caller(req: http.IncomingMessage): string {
    const m = /^Bearer sandbox:(\S+@\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) {
      throw new ApiError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    const user = m[1].toLowerCase();
    if (user !== this.emu.owner && !this.emu.editors.includes(user)) throw new ApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
    return user;
  }

  /** A write: applied to a copy and swapped in only when all of it succeeded. */
  private async write(label: string, user: string, body: Promise<Record<string, unknown>>, fn: (b: Record<string, unknown>) => unknown): Promise<unknown> {
    const b = await body;
    const apply = () => {
      const before = structuredClone(this.emu.state.spreadsheet);
      try {
        return fn(b);
      } catch (e) {
        this.emu.state.spreadsheet = before;
        throw e;
      }
    };
    try {
      return this.opts.around ? this.opts.around(label, user, apply) : apply();
    } finally {
      this.emu.save();
    }
  }

  private spreadsheet() {
    const ss = this.emu.state.spreadsheet;
    return {
      spreadsheetId: ss.id,
      properties: { title: ss.name, locale: ss.locale, timeZone: ss.timeZone },
      sheets: ss.sheets.map((s, index) => ({
        properties: {
          sheetId: s.sheetId, title: s.name, index, sheetType: 'GRID',
          gridProperties: { rowCount: s.maxRows, columnCount: s.maxCols, ...(s.frozenRows ? { frozenRowCount: s.frozenRows } : {}) },
        },
      })),
    };
  }

  private batchGet(ranges: string[], q: Query) {
    if (ranges.length === 0) throw badRequest('Must specify at least one range.');
    return { spreadsheetId: this.emu.state.spreadsheet.id, valueRanges: ranges.map((r) => this.valueRange(r, q)) };
  }

  /** values.get: rows of the range that have content, trailing empty cells and rows left out, as Google does. */
  private valueRange(range: string, q: Query) {
    const { st, r, qualified } = this.range(range);
    const render = q.get('valueRenderOption') ?? 'FORMATTED_VALUE';
    const dates = q.get('dateTimeRenderOption') ?? 'SERIAL_NUMBER';
    if (!['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'].includes(render)) throw badRequest(`Invalid value at 'value_render_option' (${render})`);
    const ss = this.emu.state.spreadsheet;
    const fx = new FormulaContext(this.emu.state);
    const last = Math.min(r.row + r.numRows - 1, lastRowOf(st));
    const values: unknown[][] = [];
    for (let row = r.row; row <= last; row++) {
      const out: unknown[] = [];
      for (let col = r.col; col < r.col + r.numCols; col++) {
        const cell = getCell(st, row, col);
        out.push(cell ? shown(cell, fx.cellValue(st, row, col), render, dates, ss) : '');
      }
      while (out.length && out[out.length - 1] === '') out.pop();
      values.push(out);
    }
    while (values.length && values[values.length - 1].length === 0) values.pop();
    const res: { range: string; majorDimension: string; values?: unknown[][] } = { range: qualified, majorDimension: 'ROWS' };
    if (values.length) res.values = values;
    return res;
  }

  private range(range: string): { st: SheetState; r: Rect; qualified: string } {
    try {
      return apiRange(this.emu, range);
    } catch (e) {
      throw badRequest((e as Error).message);
    }
  }

  private update(range: string, b: Record<string, unknown>, q: Query, user: string) {
    const values = valuesOf(b.values);
    const r = this.put(range, values, inputOption(q.get('valueInputOption')), user);
    return { spreadsheetId: this.emu.state.spreadsheet.id, ...r };
  }

  private put(range: string, values: unknown[][], option: 'RAW' | 'USER_ENTERED', user: string) {
    const out = apiUpdate(this.emu, range, values, { user, valueInputOption: option });
    if (out.rejected) throw badRequest(out.rejected);
    const cols = Math.max(0, ...values.map((v) => v.length));
    return { updatedRange: out.updatedRange, updatedRows: values.length, updatedColumns: cols, updatedCells: out.updatedCells };
  }

  private valuesBatchUpdate(b: Record<string, unknown>, user: string) {
    const option = inputOption(typeof b.valueInputOption === 'string' ? b.valueInputOption : null);
    if (!Array.isArray(b.data)) throw badRequest("Invalid JSON payload: 'data' must be a list.");
    const responses = b.data.map((d: { range?: unknown; values?: unknown }) => {
      if (typeof d?.range !== 'string') throw badRequest('Invalid data[].range');
      return this.put(d.range, valuesOf(d.values), option, user);
    });
    const sum = (k: 'updatedRows' | 'updatedColumns' | 'updatedCells') => responses.reduce((n, r) => n + (r[k] ?? 0), 0);
    return {
      spreadsheetId: this.emu.state.spreadsheet.id, totalUpdatedRows: sum('updatedRows'), totalUpdatedColumns: sum('updatedColumns'),
      totalUpdatedCells: sum('updatedCells'), totalUpdatedSheets: new Set(responses.map((r) => r.updatedRange?.replace(/!.*$/, ''))).size, responses,
    };
  }

  /**
   * values.append: the rows go below the table the range starts (here: below the sheet's last row with
   * content, from the range's first column; the tables this tool appends to start at row 1). The grid grows
   * when the rows don't fit ("adding data to the end of the sheet will still insert new rows").
   */
  private append(range: string, b: Record<string, unknown>, q: Query, user: string) {
    const values = valuesOf(b.values);
    const option = inputOption(q.get('valueInputOption'));
    const { st, r } = this.range(range);
    const first = lastRowOf(st) + 1;
    const tableRange = `${quoteSheet(st.name)}!${toA1(1, r.col, Math.max(1, first - 1), Math.max(1, ...values.map((v) => v.length)))}`;
    if (values.length === 0) return { spreadsheetId: this.emu.state.spreadsheet.id, tableRange, updates: { updatedRows: 0, updatedCells: 0 } };
    const need = first + values.length - 1;
    if (need > st.maxRows) st.maxRows = need;
    const width = Math.max(...values.map((v) => v.length));
    if (r.col + width - 1 > st.maxCols) st.maxCols = r.col + width - 1;
    const updates = this.put(`${quoteSheet(st.name)}!${toA1(first, r.col, values.length, width)}`, values, option, user);
    return { spreadsheetId: this.emu.state.spreadsheet.id, tableRange, updates: { spreadsheetId: this.emu.state.spreadsheet.id, ...updates } };
  }

  private batchUpdate(b: Record<string, unknown>, user: string) {
    if (!Array.isArray(b.requests)) throw badRequest("Invalid JSON payload: 'requests' must be a list.");
    const replies = b.requests.map((request: Record<string, unknown>, i: number) => {
      const kinds = Object.keys(request ?? {});
      if (kinds.length !== 1) throw badRequest(`Invalid requests[${i}]: exactly one kind of request is expected.`);
      const kind = kinds[0];
      const body = request[kind] as Record<string, unknown>;
      const where = `Invalid requests[${i}].${kind}`;
      switch (kind) {
        case 'addSheet': return { addSheet: this.addSheet(body, where) };
        case 'updateSheetProperties': this.updateSheetProperties(body, where); return {};
        case 'updateCells': this.updateCells(body, where, user); return {};
        case 'repeatCell': this.repeatCell(body, where, user); return {};
        case 'appendDimension': this.appendDimension(body, where); return {};
        case 'updateDimensionProperties': this.updateDimension(body, where); return {};
        default: throw badRequest(`${where}: the sandbox does not answer this kind of request.`);
      }
    });
    return { spreadsheetId: this.emu.state.spreadsheet.id, replies };
  }

  private sheetById(id: unknown, where: string): SheetState {
    const st = this.emu.state.spreadsheet.sheets.find((s) => s.sheetId === id);
    if (!st) throw badRequest(`${where}: No grid with id: ${String(id)}`);
    return st;
  }

  private addSheet(b: Record<string, unknown>, where: string) {
    const p = (b?.properties ?? {}) as { sheetId?: unknown; title?: unknown; index?: unknown; gridProperties?: { rowCount?: number; columnCount?: number; frozenRowCount?: number } };
    const ss = this.emu.state.spreadsheet;
    // The caller may choose the ID ("If set, the ID must not conflict with any existing sheet ID"), so later requests of the same batch can name the sheet.
    if (p.sheetId !== undefined && (!Number.isInteger(p.sheetId) || (p.sheetId as number) < 0 || ss.sheets.some((s) => s.sheetId === p.sheetId))) {
      throw badRequest(`${where}: A sheet with the id ${String(p.sheetId)} already exists, or the id is invalid.`);
    }
    const title = typeof p.title === 'string' ? p.title : `Sheet${ss.sheets.length + 1}`;
    if (ss.sheets.some((s) => s.name.toLowerCase() === title.toLowerCase())) {
      throw badRequest(`${where}: A sheet with the name "${title}" already exists. Please enter another name.`);
    }
    const g = p.gridProperties ?? {};
    const st: SheetState = {
      name: title, sheetId: typeof p.sheetId === 'number' ? p.sheetId : ss.nextSheetId++, maxRows: g.rowCount ?? 1000, maxCols: g.columnCount ?? 26, rows: [],
      frozenRows: g.frozenRowCount ?? 0, dataValidations: [], protections: [], columnWidths: {},
    };
    ss.nextSheetId = Math.max(ss.nextSheetId, st.sheetId + 1);
    const index = typeof p.index === 'number' ? Math.max(0, Math.min(p.index, ss.sheets.length)) : ss.sheets.length;
    ss.sheets.splice(index, 0, st);
    return { properties: { sheetId: st.sheetId, title, index, sheetType: 'GRID', gridProperties: { rowCount: st.maxRows, columnCount: st.maxCols, frozenRowCount: st.frozenRows } } };
  }

  private updateSheetProperties(b: Record<string, unknown>, where: string) {
    const p = (b?.properties ?? {}) as { sheetId?: unknown; title?: unknown; gridProperties?: { frozenRowCount?: number } };
    const st = this.sheetById(p.sheetId, where);
    const fields = String(b.fields ?? '');
    if (fields.includes('gridProperties.frozenRowCount')) st.frozenRows = p.gridProperties?.frozenRowCount ?? 0;
    if (fields.split(',').includes('title') && typeof p.title === 'string') st.name = p.title;
  }

  private guard(st: SheetState, r: Rect, user: string) {
    if (blockingProtection({ emu: this.emu, user }, st, r)) throw badRequest(PROTECTED_MESSAGE);
  }

  /** updateCells with `start` or `range`: userEnteredValue (stringValue/numberValue/boolValue) and bold. */
  private updateCells(b: Record<string, unknown>, where: string, user: string) {
    const start = (b.start ?? b.range) as { sheetId?: unknown; rowIndex?: number; columnIndex?: number; startRowIndex?: number; startColumnIndex?: number } | undefined;
    const st = this.sheetById(start?.sheetId, where);
    const row0 = (start?.rowIndex ?? start?.startRowIndex ?? 0) + 1;
    const col0 = (start?.columnIndex ?? start?.startColumnIndex ?? 0) + 1;
    const rows = (Array.isArray(b.rows) ? b.rows : []) as { values?: CellData[] }[];
    const width = Math.max(1, ...rows.map((r) => r.values?.length ?? 0));
    if (row0 + rows.length - 1 > st.maxRows || col0 + width - 1 > st.maxCols) throw badRequest(`${where}: Range exceeds grid limits.`);
    this.guard(st, { row: row0, col: col0, numRows: Math.max(1, rows.length), numCols: width }, user);
    rows.forEach((r, i) => (r.values ?? []).forEach((c, j) => {
      const old = getCell(st, row0 + i, col0 + j);
      const u = c.userEnteredValue;
      const v = u ? (u.stringValue ?? u.numberValue ?? u.boolValue ?? '') : (old?.v ?? '');
      const cell: CellState = { ...(old ?? {}), v };
      if (u) delete cell.f;
      const bold = c.userEnteredFormat?.textFormat?.bold;
      if (bold !== undefined) cell.bold = bold;
      setCell(st, row0 + i, col0 + j, cell);
    }));
  }

  /** repeatCell of a number format over a GridRange (end indexes exclusive, absent = to the edge). */
  private repeatCell(b: Record<string, unknown>, where: string, user: string) {
    const g = (b.range ?? {}) as { sheetId?: unknown; startRowIndex?: number; endRowIndex?: number; startColumnIndex?: number; endColumnIndex?: number };
    const st = this.sheetById(g.sheetId, where);
    const r: Rect = {
      row: (g.startRowIndex ?? 0) + 1, col: (g.startColumnIndex ?? 0) + 1,
      numRows: (g.endRowIndex ?? st.maxRows) - (g.startRowIndex ?? 0), numCols: (g.endColumnIndex ?? st.maxCols) - (g.startColumnIndex ?? 0),
    };
    const pattern = (b.cell as CellData | undefined)?.userEnteredFormat?.numberFormat?.pattern;
    if (typeof pattern !== 'string') throw badRequest(`${where}: the sandbox answers repeatCell of a numberFormat pattern only.`);
    this.guard(st, r, user);
    setFormatBand(st, r, pattern);
  }

  private appendDimension(b: Record<string, unknown>, where: string) {
    const st = this.sheetById(b.sheetId, where);
    const n = Number(b.length);
    if (!Number.isInteger(n) || n < 1) throw badRequest(`${where}: length must be positive.`);
    if (b.dimension === 'ROWS') st.maxRows += n;
    else if (b.dimension === 'COLUMNS') insertColumnsAt(st, st.maxCols + 1, n);
    else throw badRequest(`${where}: dimension must be ROWS or COLUMNS.`);
  }

  private updateDimension(b: Record<string, unknown>, where: string) {
    const r = (b.range ?? {}) as { sheetId?: unknown; dimension?: unknown; startIndex?: number; endIndex?: number };
    const st = this.sheetById(r.sheetId, where);
    const size = (b.properties as { pixelSize?: unknown } | undefined)?.pixelSize;
    if (r.dimension !== 'COLUMNS' || typeof size !== 'number') throw badRequest(`${where}: the sandbox answers column widths only.`);
    for (let c = (r.startIndex ?? 0) + 1; c <= (r.endIndex ?? st.maxCols); c++) st.columnWidths[String(c)] = size;
  }
}

interface CellData {
  userEnteredValue?: { stringValue?: string; numberValue?: number; boolValue?: boolean };
  userEnteredFormat?: { textFormat?: { bold?: boolean }; numberFormat?: { type?: string; pattern?: string } };
}

/** A cell's value as the render options ask (…/rest/v4/ValueRenderOption, …/DateTimeRenderOption). */
function shown(cell: CellState, value: CellState['v'], render: string, dates: string, ss: StoreState['spreadsheet']): unknown {
  if (render === 'FORMULA' && cell.f !== undefined) return cell.f;
  if (render === 'FORMATTED_VALUE') return displayValue({ ...cell, v: value }, ss.timeZone, ss.locale);
  if (isDate(value)) return dates === 'FORMATTED_STRING' ? displayValue({ ...cell, v: value }, ss.timeZone, ss.locale) : dateToSerial(value, ss.timeZone);
  return value;
}

function inputOption(v: string | null): 'RAW' | 'USER_ENTERED' {
  if (v === 'RAW' || v === 'USER_ENTERED') return v;
  throw badRequest("'valueInputOption' is required but not specified");
}

function valuesOf(v: unknown): unknown[][] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((r) => Array.isArray(r) && r.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x)))) {
    throw badRequest("Invalid JSON payload: 'values' must be a list of lists of strings, numbers or booleans.");
  }
  return v as unknown[][];
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return readJsonObject(req, MAX_API_BODY, { tooLarge: () => new ApiError(413, 'INVALID_ARGUMENT', 'Request payload size exceeds the limit.'), invalid: () => badRequest('Invalid JSON payload received.') });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(body));
}
