/**
 * npm run test:live — opt-in: the table port's contract (test/support/table-contract.ts) and `summit status`
 * against a real Google spreadsheet, through Google's own endpoint. Outside npm test: it needs a network,
 * credentials and a spreadsheet kept for it.
 *
 *   SUMMIT_LIVE_SPREADSHEET=<id>   a spreadsheet used only for this test: its title must start with
 *                                  "summit-live" (its sheets Gäster and Program are deleted and re-created)
 *   credentials                    GOOGLE_APPLICATION_CREDENTIALS (a service account's key file, the
 *                                  spreadsheet shared with it), gcloud's application default login, or
 *                                  SUMMIT_ACCESS_TOKEN
 *
 * Without SUMMIT_LIVE_SPREADSHEET it runs nothing and says so ("not run"), with exit code 0: a run that
 * did not happen is never reported as passed.
 */
import { sheets as sheetsApi, auth as googleAuth, type sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { ApiWorkbook, spreadsheetInfo } from '../../src/cli/sheets-port';
import { GOOGLE_ENDPOINT, main } from '../../src/cli/main';
import { TABLES } from '../../src/core/schema';
import { CONTRACT, type Harness } from '../support/table-contract';

const SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

async function client(): Promise<sheets_v4.Sheets> {
  const token = process.env.SUMMIT_ACCESS_TOKEN;
  if (token) {
    const c = new googleAuth.OAuth2();
    c.setCredentials({ access_token: token });
    return sheetsApi({ version: 'v4', auth: c, retry: false, fetchImplementation: fetch });
  }
  const auth = new googleAuth.GoogleAuth({ scopes: [SCOPE] });
  await auth.getClient();
  return sheetsApi({ version: 'v4', auth, retry: false, fetchImplementation: fetch });
}

const options = (id: string) => ({
  endpoint: GOOGLE_ENDPOINT, spreadsheetId: id, tries: 5, baseDelayMs: 2000,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), onRetry: (m: { en: string }) => console.log(`  ${m.en}`),
});

/** Deletes and re-creates Gäster and Program with the layout's header (one batchUpdate each way). */
async function fresh(api: sheets_v4.Sheets, id: string): Promise<void> {
  const info = await spreadsheetInfo(api, id, options(id));
  const old = info.sheets.filter((s) => s.title === 'Gäster' || s.title === 'Program');
  const requests: sheets_v4.Schema$Request[] = [];
  if (info.sheets.length === old.length) requests.push({ addSheet: { properties: { title: `keep-${Date.now()}` } } });
  for (const s of old) requests.push({ deleteSheet: { sheetId: s.sheetId } });
  for (const key of ['guests', 'program'] as const) {
    const sheetId = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    requests.push({ addSheet: { properties: { sheetId, title: TABLES[key].sheet } } });
    requests.push({ updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: [{ values: TABLES[key].columns.map((c) => ({ userEnteredValue: { stringValue: c.header } })) }], fields: 'userEnteredValue' } });
  }
  await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } });
}

function harness(api: sheets_v4.Sheets, id: string): Harness {
  let wb: ApiWorkbook | null = null;
  return {
    open: async (name) => {
      wb = await ApiWorkbook.load(api, id, [name], options(id));
      return wb.table(name)!;
    },
    commit: async () => { await wb?.commit(); },
    setRowCount: async (name, n) => {
      const info = await spreadsheetInfo(api, id, options(id));
      const s = info.sheets.find((x) => x.title === name)!;
      await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ updateSheetProperties: { properties: { sheetId: s.sheetId, gridProperties: { rowCount: n } }, fields: 'gridProperties.rowCount' } }] } });
    },
  };
}

async function run(): Promise<number> {
  const id = process.env.SUMMIT_LIVE_SPREADSHEET;
  if (!id) {
    console.log('live: NOT RUN (nothing was tested). Set SUMMIT_LIVE_SPREADSHEET to a test spreadsheet whose title starts with "summit-live", and credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, or SUMMIT_ACCESS_TOKEN).');
    return 0;
  }
  const api = await client();
  const info = await spreadsheetInfo(api, id, options(id));
  if (!info.title.startsWith('summit-live')) {
    console.log(`live: not run. The spreadsheet "${info.title}" is not a test spreadsheet: its title must start with "summit-live" (this test deletes its sheets Gäster and Program).`);
    return 1;
  }
  let passed = 0;
  let failed = 0;
  for (const c of CONTRACT) {
    await fresh(api, id);
    try {
      await c.run(harness(api, id));
      passed++;
      console.log(`  ✓ ${c.name}`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${c.name}\n    ${(e as Error).message.replace(/\n/g, '\n    ')}`);
    }
  }
  // The CLI end to end, read-only: it must answer (0), or name what the spreadsheet lacks (1), never crash.
  const code = await main(['status', '--spreadsheet', id, '--json', '--lang', 'en']);
  if (code === 0 || code === 1) { passed++; console.log(`  ✓ summit status answered (exit ${code})`); } else { failed++; console.log(`  ✗ summit status exit ${code}`); }
  console.log(`live: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

run().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(1); });
