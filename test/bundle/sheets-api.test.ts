/**
 * The sandbox's Sheets API v4 subset (src/sandbox/sheets-api.ts) through Google's own client: a request is
 * applied whole or not at all (Google's reference: values.batchUpdate and spreadsheets.batchUpdate are
 * applied atomically, "if any request is not valid, then the entire request will fail and nothing will be
 * applied", developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate), protections hold
 * for API callers, and an API edit of a sealed row is an outside edit the add-on finds and blocks on.
 */
import { auth as googleAuth, sheets, type sheets_v4 } from 'googleapis/build/src/apis/sheets';
import type { Emulator } from '../../src/sandbox/emulator';
import { api, EKO, newEmulator, PL, setUpWorkbook, snapshot } from '../support/bundle';
import { serveSheetsApi, type Endpoint } from '../support/sheets-endpoint';

let emu: Emulator;
let ep: Endpoint;
const client = (user: string): sheets_v4.Sheets => {
  const auth = new googleAuth.OAuth2();
  auth.setCredentials({ access_token: `sandbox:${user}` });
  return sheets({ version: 'v4', auth, rootUrl: `${ep.url}/`, retry: false, fetchImplementation: fetch });
};
const status = (p: Promise<unknown>) => p.then(() => 200, (e: { status?: number; response?: { status: number; data: { error: { message: string } } } }) => [e.response?.status, e.response?.data.error.message]);

beforeAll(() => { emu = setUpWorkbook(newEmulator()); });
beforeEach(async () => { ep = await serveSheetsApi(emu); });
afterEach(() => ep.close());

test('values.batchUpdate with one range in a protected sheet changes nothing (400, Google\'s message)', async () => {
  const before = snapshot(emu, true);
  const id = emu.state.spreadsheet.id;
  // Finance staff may write Kostnader, not Budget: the first range alone would be written.
  const write = (data: { range: string; values: string[][] }[]) => status(client(EKO).spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'RAW', data } }));
  const r = await write([{ range: 'Kostnader!E50', values: [['x']] }, { range: 'Budget!A2', values: [['Ingen']] }]);
  expect(r).toEqual([400, expect.stringMatching(/^You are trying to edit a protected cell or object/)]);
  expect(snapshot(emu, true)).toBe(before);
  expect(await write([{ range: 'Kostnader!E50', values: [['x']] }])).toBe(200);
  expect(emu.sheetValues('Kostnader')[49][4]).toBe('x');
  const bad = await status(client(PL).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'Ny' } } }, { deleteSheet: { sheetId: 0 } }] } }));
  expect(bad).toEqual([400, 'Invalid requests[1].deleteSheet: the sandbox does not answer this kind of request.']);
  expect(emu.sheetNames()).not.toContain('Ny');
});

test('values.get renders as asked: unformatted numbers and date serials, or formatted text', async () => {
  const id = emu.state.spreadsheet.id;
  const c = client(PL);
  const raw = await c.spreadsheets.values.get({ spreadsheetId: id, range: 'Budget!A1:B2', valueRenderOption: 'UNFORMATTED_VALUE' });
  expect(raw.data.values).toEqual([['Finansiär', 'Tilldelning'], ['Kommunstyrelsen', 200000]]);
  const shown = await c.spreadsheets.values.get({ spreadsheetId: id, range: "'Budget'!B2" });
  expect(shown.data.values?.[0][0]).toMatch(/^200\s000,00 kr$/);
  expect(await status(client('').spreadsheets.values.get({ spreadsheetId: id, range: 'Budget' }))).toEqual([401, expect.stringMatching(/^Request had invalid authentication credentials/)]);
});

test('an amount changed through the API is found by the add-on: the funder waits for review, the figures stay the log\'s', async () => {
  const e = setUpWorkbook(newEmulator());
  await ep.close();
  ep = await serveSheetsApi(e);
  expect(api(e, 'recordCost', [{ funder: 'STOKAB', category: 'workshops', description: 'Lokal', amount: '1 000', date: '2009-11-01', status: 'Beställd' }], EKO).ok).toBe(true);
  const header = e.sheetValues('Kostnader')[0];
  const col = String.fromCharCode(65 + header.indexOf('Belopp'));
  await client(EKO).spreadsheets.values.update({ spreadsheetId: e.state.spreadsheet.id, range: `Kostnader!${col}2`, valueInputOption: 'RAW', requestBody: { values: [[1]] } });
  const ov = api<{ overview: { funders: { name: string; consumed: number }[]; review: unknown[] } }>(e, 'getOverview', [], EKO);
  if (!ov.ok) throw new Error(ov.message);
  expect(ov.data.overview.review.length).toBe(1);
  expect(ov.data.overview.funders.find((f) => f.name === 'STOKAB')?.consumed).toBe(100000);
});
