/**
 * One contract for the table port (src/app/ports.ts TablePort), run with the same assertions against
 * both adapters: the Apps Script adapter (src/gas/adapters.ts SheetTable) over the emulator's Sheet, and
 * the Sheets API adapter (src/cli/sheets-port.ts) through the googleapis client against the sandbox's
 * Sheets API v4 endpoint (src/sandbox/sheets-api.ts) on the same kind of workbook.
 */
import { auth as googleAuth, sheets } from 'googleapis/build/src/apis/sheets';
import type { CellIn, TablePort } from '../../src/app/ports';
import { ApiWorkbook } from '../../src/cli/sheets-port';
import { SheetTable } from '../../src/gas/adapters';
import type { Emulator } from '../../src/sandbox/emulator';
import { Sheet } from '../../src/sandbox/emulator/spreadsheet';
import { newEmulator, setUpWorkbook } from '../support/bundle';
import { serveSheetsApi, type Endpoint } from '../support/sheets-endpoint';

interface Harness {
  /** The table as a command sees it at its start. */
  open(sheet: string): Promise<TablePort>;
  /** Makes the writes so far land (the API adapter commits them; Apps Script writes at once). */
  commit(): Promise<void>;
  emu: Emulator;
  close(): Promise<void>;
}

async function gasHarness(): Promise<Harness> {
  const emu = setUpWorkbook(newEmulator());
  const ctx = emu.newContext({ authMode: 'FULL', user: 'projektledare@example.org' });
  return {
    emu,
    open: async (name) => new SheetTable(new Sheet(ctx, emu.state.spreadsheet.sheets.find((s) => s.name === name)!.sheetId) as never),
    commit: async () => {}, // the emulator's default flush mode: each write lands at once
    close: async () => {},
  };
}

async function apiHarness(): Promise<Harness> {
  const emu = setUpWorkbook(newEmulator());
  const ep: Endpoint = await serveSheetsApi(emu);
  const auth = new googleAuth.OAuth2();
  auth.setCredentials({ access_token: 'sandbox:projektledare@example.org' });
  const api = sheets({ version: 'v4', auth, rootUrl: `${ep.url}/`, retry: false, fetchImplementation: fetch });
  const options = { endpoint: ep.url, spreadsheetId: emu.state.spreadsheet.id, tries: 1, baseDelayMs: 0, sleep: async () => {} };
  let wb: ApiWorkbook | null = null;
  return {
    emu,
    open: async (name) => {
      wb = await ApiWorkbook.load(api, emu.state.spreadsheet.id, [name], options);
      return wb.table(name)!;
    },
    commit: async () => { await wb?.commit(); },
    close: () => ep.close(),
  };
}

const TRICKY = ['=1+1', '+46 8 508 000 00', '2009-12-08', "'quoted", '-5', '@SUM(A1)', '1/2', '  spaced  ', 'Överståthållarämbetet'];

describe.each([['Apps Script (emulator)', gasHarness], ['Sheets API (googleapis → sandbox)', apiHarness]])('TablePort contract: %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => { h = await make(); });
  afterEach(() => h.close());

  test('read: the header trimmed, rows padded to its width, firstRow 2, lastRow the header on an empty table', async () => {
    const t = await h.open('Gäster');
    const s = t.read();
    expect(s.header.slice(0, 3)).toEqual(['ID', 'Förnamn', 'Efternamn']);
    expect(s.rows).toEqual([]);
    expect(s.firstRow).toBe(2);
    expect(t.lastRow()).toBe(1);
    expect(t.sheetName).toBe('Gäster');
  });

  test('write: strings stay literal text, numbers numbers, booleans booleans, dates instants', async () => {
    let t = await h.open('Gäster');
    const width = t.read().header.length;
    const skickad = t.read().header.indexOf('Skickad');
    const when = new Date('2009-12-08T14:30:00+01:00');
    const link = t.read().header.indexOf('Länkversion');
    const note = t.read().header.indexOf('Anteckning');
    const row: CellIn[] = Array.from({ length: width }, (_, i) => (i < TRICKY.length ? TRICKY[i] : ''));
    row[skickad] = when;
    row[link] = 7;
    row[note] = true;
    t.write(2, 0, [row]);
    await h.commit();
    t = await h.open('Gäster');
    const back = t.read().rows[0];
    expect(back.slice(0, TRICKY.length)).toEqual(TRICKY);
    expect((back[skickad] as Date).getTime()).toBe(when.getTime());
    expect(back[link]).toBe(7);
    expect(back[note]).toBe(true);
    expect(back).toHaveLength(width);
    const st = h.emu.state.spreadsheet.sheets.find((s) => s.name === 'Gäster')!;
    expect(st.rows[1]?.[0]?.f).toBeUndefined(); // "=1+1" was not made a formula
  });

  test('append: returns the first new row, lands below the last, one block', async () => {
    let t = await h.open('Gäster');
    const width = t.read().header.length;
    const mk = (n: string) => Array.from({ length: width }, (_, i) => (i === 1 ? n : ''));
    expect(t.append([mk('A'), mk('B')])).toBe(2);
    await h.commit();
    t = await h.open('Gäster');
    expect(t.lastRow()).toBe(3);
    expect(t.append([mk('C')])).toBe(4);
    await h.commit();
    t = await h.open('Gäster');
    expect(t.read().rows.map((r) => r[1])).toEqual(['A', 'B', 'C']);
    expect(t.lastRow()).toBe(4);
  });

  test('a table that grows past the grid: the append still lands whole', async () => {
    const st = h.emu.state.spreadsheet.sheets.find((s) => s.name === 'Program')!;
    st.maxRows = 3;
    let t = await h.open('Program');
    const width = t.read().header.length;
    const rows = Array.from({ length: 5 }, (_, i) => Array.from({ length: width }, (_, j) => (j === 4 ? `P${i}` : '')));
    expect(t.append(rows)).toBe(2);
    await h.commit();
    t = await h.open('Program');
    expect(t.read().rows.map((r) => r[4])).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
  });
});
