/**
 * The table port (src/app/ports.ts) over the Google Sheets API v4: a second adapter set beside the Apps
 * Script one (src/gas/adapters.ts), for the command-line tool.
 *
 * The ports are synchronous and batch-shaped; HTTP is neither. So a command first loads every sheet it
 * needs in two requests (spreadsheets.get for the sheets' names and sizes, one values.batchGet for their
 * values), runs the same use-case code over that snapshot, and then commits what the use case wrote in
 * one values.batchUpdate plus one values.append per table appended to: a constant number of requests
 * whatever the row count. Strings are written with valueInputOption RAW, which the API stores "as-is"
 * without parsing (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption): "=HYPERLINK(…)"
 * and "+46 8 …" stay text, as the Apps Script adapter's quote prefix keeps them.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { TABLES } from '../core/schema';
import type { Cell, CellIn, TablePort, TableSnapshot, WorkbookPort } from '../app/ports';
import { dateToSerial, serialToDate } from './time';
import { call, type CallOptions } from './http';

export interface SheetInfo {
  readonly sheetId: number;
  readonly title: string;
  readonly index: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly frozenRowCount: number;
}

export interface SpreadsheetInfo {
  readonly spreadsheetId: string;
  readonly title: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly sheets: readonly SheetInfo[];
}

/** A1 notation quotes sheet names with anything but letters, digits and "_" ('Gäster'!A1). */
export const quoteSheet = (name: string): string => (/^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

export const columnLetters = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Headers the layout formats as dates or times: the API gives their values as serial numbers. */
function dateHeaders(sheet: string): Set<string> {
  const def = Object.values(TABLES).find((t) => t.sheet === sheet);
  return new Set((def?.columns ?? []).filter((c) => c.format === 'date' || c.format === 'datetime' || c.format === 'time').map((c) => c.header.toLowerCase()));
}

interface PendingWrite { readonly range: string; readonly values: unknown[][] }

export class ApiTable implements TablePort {
  private snap: TableSnapshot;
  private last: number;
  readonly writes: PendingWrite[] = [];
  readonly appends: unknown[][] = [];
  private appendFirst = 0;
  constructor(readonly info: SheetInfo, values: readonly unknown[][], private readonly timeZone: string) {
    const header = (values[0] ?? []).map((h) => String(h ?? '').trim());
    const dated = dateHeaders(info.title);
    const dateCols = new Set(header.flatMap((h, i) => (dated.has(h.toLowerCase()) ? [i] : [])));
    const width = Math.max(header.length, ...values.map((r) => r.length));
    const rows = values.slice(1).map((r) => {
      const out: Cell[] = [];
      for (let i = 0; i < width; i++) {
        const v = r[i];
        out.push(v === undefined || v === null ? '' : typeof v === 'number' && dateCols.has(i) ? serialToDate(v, timeZone) : (v as Cell));
      }
      return out;
    });
    let last = rows.length;
    while (last > 0 && rows[last - 1].every((v) => v === '')) last--;
    this.snap = { header, rows: rows.slice(0, last), firstRow: 2 };
    this.last = values.length === 0 ? 0 : last + 1;
  }
  get sheetName(): string {
    return this.info.title;
  }
  read(): TableSnapshot {
    return this.snap;
  }
  write(sheetRow: number, col: number, rows: CellIn[][]): void {
    if (rows.length === 0 || rows[0].length === 0) return;
    const a1 = `${quoteSheet(this.info.title)}!${columnLetters(col + 1)}${sheetRow}:${columnLetters(col + rows[0].length)}${sheetRow + rows.length - 1}`;
    this.writes.push({ range: a1, values: rows.map((r) => r.map((v) => this.out(v))) });
    this.last = Math.max(this.last, sheetRow + rows.length - 1);
  }
  /** Queues rows for the table's one values.append; returns the sheet row the first lands on (if nobody appends meanwhile). */
  append(rows: CellIn[][]): number {
    const first = Math.max(this.last, 1) + 1;
    if (this.appends.length === 0) this.appendFirst = first;
    for (const r of rows) this.appends.push(r.map((v) => this.out(v)));
    this.last = first + rows.length - 1;
    return first;
  }
  lastRow(): number {
    return this.last;
  }
  /** The sheet row the queued appends were computed to start at. */
  get predictedFirstAppend(): number {
    return this.appendFirst;
  }
  /** RAW JSON: strings as they are, numbers and booleans as such, Dates as serial numbers in the sheet's zone. */
  private out(v: CellIn): unknown {
    return v instanceof Date ? dateToSerial(v, this.timeZone) : v;
  }
}

/** What a commit wrote: the range of the rows appended per sheet. */
export interface CommitResult {
  readonly requests: number;
  readonly appended: readonly { readonly sheet: string; readonly range: string; readonly rows: number }[];
}

export class ApiWorkbook implements WorkbookPort {
  private constructor(
    private readonly api: sheets_v4.Sheets,
    readonly info: SpreadsheetInfo,
    private readonly tables: Map<string, ApiTable>,
    private readonly options: CallOptions,
  ) {}

  /** Reads the spreadsheet's sheets and the values of those named (the ones that exist): two requests. */
  static async load(api: sheets_v4.Sheets, spreadsheetId: string, names: readonly string[], options: CallOptions): Promise<ApiWorkbook> {
    const info = await spreadsheetInfo(api, spreadsheetId, options);
    const present = info.sheets.filter((s) => names.includes(s.title));
    const tables = new Map<string, ApiTable>();
    if (present.length) {
      const res = await call(options, 'read', () => api.spreadsheets.values.batchGet({
        spreadsheetId, ranges: present.map((s) => quoteSheet(s.title)),
        valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER', majorDimension: 'ROWS',
      }));
      const ranges = res.data.valueRanges ?? [];
      present.forEach((s, i) => tables.set(s.title, new ApiTable(s, (ranges[i]?.values ?? []) as unknown[][], info.timeZone)));
    }
    return new ApiWorkbook(api, info, tables, options);
  }

  table(sheetName: string): ApiTable | null {
    return this.tables.get(sheetName) ?? null;
  }
  /** The Sheets API does not say who owns the file (that is the Drive API, another scope): unknown. */
  owner(): string {
    return '';
  }
  /** Writes go out in commit(); there is nothing to flush before it. */
  flush(): void {}

  /** Everything the use case wrote: one values.batchUpdate for the overwrites, one values.append per table. */
  async commit(onProgress?: (m: { sheet: string; rows: number }) => void): Promise<CommitResult> {
    let requests = 0;
    const writes = [...this.tables.values()].flatMap((t) => t.writes);
    if (writes.length) {
      await call(this.options, 'write', () => this.api.spreadsheets.values.batchUpdate({
        spreadsheetId: this.info.spreadsheetId, requestBody: { valueInputOption: 'RAW', data: writes.map((w) => ({ range: w.range, values: w.values })) },
      }));
      requests++;
    }
    const appended: { sheet: string; range: string; rows: number }[] = [];
    for (const t of this.tables.values()) {
      if (t.appends.length === 0) continue;
      onProgress?.({ sheet: t.sheetName, rows: t.appends.length });
      const res = await call(this.options, 'write', () => this.api.spreadsheets.values.append({
        spreadsheetId: this.info.spreadsheetId, range: `${quoteSheet(t.sheetName)}!A1`,
        valueInputOption: 'RAW', insertDataOption: 'INSERT_ROWS', requestBody: { values: t.appends },
      }));
      requests++;
      appended.push({ sheet: t.sheetName, range: res.data.updates?.updatedRange ?? '', rows: res.data.updates?.updatedRows ?? 0 });
    }
    return { requests, appended };
  }
}

export async function spreadsheetInfo(api: sheets_v4.Sheets, spreadsheetId: string, options: CallOptions): Promise<SpreadsheetInfo> {
  const res = await call(options, 'read', () => api.spreadsheets.get({
    spreadsheetId, fields: 'spreadsheetId,properties(title,timeZone,locale),sheets(properties(sheetId,title,index,gridProperties))',
  }));
  const d = res.data;
  return {
    spreadsheetId: d.spreadsheetId ?? spreadsheetId,
    title: d.properties?.title ?? '',
    timeZone: d.properties?.timeZone ?? 'Europe/Stockholm',
    locale: d.properties?.locale ?? 'sv_SE',
    sheets: (d.sheets ?? []).map((s, i) => ({
      sheetId: s.properties?.sheetId ?? 0, title: s.properties?.title ?? '', index: s.properties?.index ?? i,
      rowCount: s.properties?.gridProperties?.rowCount ?? 0, columnCount: s.properties?.gridProperties?.columnCount ?? 0,
      frozenRowCount: s.properties?.gridProperties?.frozenRowCount ?? 0,
    })),
  };
}
