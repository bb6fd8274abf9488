/**
 * One contract for the table port (test/support/table-contract.ts), the same cases against both adapters:
 * the Apps Script adapter (src/gas/adapters.ts SheetTable) over the emulator's Sheet, and the Sheets API
 * adapter (src/cli/sheets-port.ts) through the googleapis client against the sandbox's Sheets API v4
 * endpoint (src/sandbox/sheets-api.ts). The same cases run against a real spreadsheet in npm run test:live.
 */
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
