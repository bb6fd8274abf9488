/**
 * One contract for the table port (test/support/table-contract.ts), the same cases against both adapters:
 * the Apps Script adapter (src/gas/adapters.ts SheetTable) over the emulator's Sheet, and the Sheets API
 * adapter (src/cli/sheets-port.ts) through the googleapis client against the sandbox's Sheets API v4
 * endpoint (src/sandbox/sheets-api.ts). The same cases run against a real spreadsheet in npm run test:live.
 */
import assert from 'node:assert/strict';
import { auth as googleAuth, sheets } from 'googleapis/build/src/apis/sheets';
import { ApiWorkbook } from '../../src/cli/sheets-port';
import { SheetTable } from '../../src/gas/adapters';
import type { Emulator } from '../../src/sandbox/emulator';
import { Sheet } from '../../src/sandbox/emulator/spreadsheet';
import { newEmulator, PL, setUpWorkbook } from '../support/bundle';
import { serveSheetsApi } from '../support/sheets-endpoint';
import { CONTRACT, type Harness } from '../support/table-contract';

const sheetOf = (emu: Emulator, name: string) => emu.state.spreadsheet.sheets.find((s) => s.name === name)!;

async function gasHarness(emu: Emulator): Promise<Harness & { close(): Promise<void> }> {
  const ctx = emu.newContext({ authMode: 'FULL', user: PL });
  return {
    open: async (name) => new SheetTable(new Sheet(ctx, sheetOf(emu, name).sheetId) as unknown as GoogleAppsScript.Spreadsheet.Sheet),
    commit: async () => {}, // the emulator's default flush mode: each write lands at once
    setRowCount: async (name, n) => { sheetOf(emu, name).maxRows = n; },
    close: async () => {},
  };
}

async function apiHarness(emu: Emulator): Promise<Harness & { close(): Promise<void> }> {
  const ep = await serveSheetsApi(emu);
  const auth = new googleAuth.OAuth2();
  auth.setCredentials({ access_token: `sandbox:${PL}` });
  const api = sheets({ version: 'v4', auth, rootUrl: `${ep.url}/`, retry: false, fetchImplementation: fetch });
  const options = { endpoint: ep.url, spreadsheetId: emu.state.spreadsheet.id, tries: 1, baseDelayMs: 0, sleep: async () => {} };
  let wb: ApiWorkbook | null = null;
  return {
    open: async (name) => {
      wb = await ApiWorkbook.load(api, emu.state.spreadsheet.id, [name], options);
      return wb.table(name)!;
    },
    commit: async () => { await wb?.commit(); },
    setRowCount: async (name, n) => { sheetOf(emu, name).maxRows = n; },
    close: () => ep.close(),
  };
}

let base: Emulator;
beforeAll(() => { base = setUpWorkbook(newEmulator()); });

describe.each([['Apps Script adapter (emulator)', gasHarness], ['Sheets API adapter (googleapis → sandbox endpoint)', apiHarness]])('TablePort contract: %s', (_name, make) => {
  test.each(CONTRACT.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const h = await make(newEmulator({ initialState: base.state }));
    try {
      await c.run(h);
    } finally {
      await h.close();
    }
  });
});

// The adapter reads with Sheet.getSheetValues(1, 1, -1, -1) (one call; …/reference/spreadsheet/sheet#getsheetvalues…):
// every row up to the last with data, the one far below the others included. An empty sheet has no last row (the
// reference doesn't say what -1 gives then; the emulator refuses a range of no rows): the adapter reads the data range.
describe('Apps Script adapter: what a read reaches', () => {
  test('a row far below the others is read; an empty sheet reads as no header and no rows', async () => {
    const emu = newEmulator({ initialState: base.state });
    const h = await gasHarness(emu);
    const t = await h.open('Gäster');
    const width = t.read().header.length;
    t.write(40, 0, [Array.from({ length: width }, (_, i) => (i === 1 ? 'Långt ner' : ''))]);
    const s = t.read();
    assert.equal(s.rows.length, 39);
    assert.equal(s.rows[38][1], 'Långt ner');
    sheetOf(emu, 'Gäster').rows = [];
    assert.deepEqual(t.read(), { header: [''], rows: [], firstRow: 2 });
  });
});

// A send batch appends to Logg twice under one hold of the lock: the grid's row count is asked once per table and
// execution. Rows deleted by hand in between make the write throw (…/reference/spreadsheet/sheet: a range outside the
// sheet's dimensions), so the transaction fails as a death would, never writes elsewhere.
describe('Apps Script adapter: the grid size of an append', () => {
  const counted = (emu: Emulator, name: string) => {
    const calls: string[] = [];
    const ctx = emu.newContext({ authMode: 'FULL', user: PL });
    const sheet = new Sheet(ctx, sheetOf(emu, name).sheetId);
    const spy = new Proxy(sheet, { get: (o, k) => { const v = Reflect.get(o, k); return typeof v === 'function' ? (...a: unknown[]) => { calls.push(String(k)); return v.apply(o, a); } : v; } });
    return { table: new SheetTable(spy as unknown as GoogleAppsScript.Spreadsheet.Sheet), calls };
  };
  const row = (width: number, text: string) => Array.from({ length: width }, (_, i) => (i === 1 ? text : ''));

  test('asked once for two appends; the sheet still grows when the second needs room', () => {
    const emu = newEmulator({ initialState: base.state });
    sheetOf(emu, 'Gäster').maxRows = 4;
    const { table, calls } = counted(emu, 'Gäster');
    const width = table.read().header.length;
    expect(table.append([row(width, 'A'), row(width, 'B')])).toBe(2);
    expect(table.append([row(width, 'C'), row(width, 'D')])).toBe(4);
    expect(calls.filter((c) => c === 'getMaxRows')).toHaveLength(1);
    expect(table.read().rows.map((r) => r[1])).toEqual(['A', 'B', 'C', 'D']);
  });

  test('rows deleted by hand between two appends: the second throws, nothing written elsewhere', () => {
    const emu = newEmulator({ initialState: base.state });
    sheetOf(emu, 'Gäster').maxRows = 10;
    const { table } = counted(emu, 'Gäster');
    const width = table.read().header.length;
    table.append([row(width, 'A')]);
    sheetOf(emu, 'Gäster').maxRows = 2;
    expect(() => table.append([row(width, 'B')])).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(table.read().rows.map((r) => r[1])).toEqual(['A']);
  });
});
