/**
 * `npm start`'s sandbox answers the Sheets API subset on the workbook its sidebars edit: `summit --endpoint`
 * sees a cost registered in a sidebar, the sidebar sees guests the CLI imported (waiting for review, as any
 * outside edit), and each API write is a version in the sandbox's history. The bin runs from a clean
 * checkout (tsx), and says when there are no credentials.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { EKO, PL } from '../support/bundle';
import { memoryIo } from '../support/sheets-endpoint';

const ROOT = path.resolve(__dirname, '../..');
let sb: Sandbox;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summit-sb-'));
  sb = await startSandbox({ port: 0, dataDir: path.join(dir, 'data'), quiet: true });
}, 60_000);
afterAll(async () => {
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = async (p: string, body: unknown) => (await fetch(`${sb.url}${p.slice(1)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<{ ok: boolean; result?: { ok: boolean; data?: unknown; message?: string } }>;
const summit = async (args: string[]) => {
  const io = memoryIo();
  const code = await main([...args, '--spreadsheet', sb.emulator.state.spreadsheet.id, '--endpoint', sb.url], io);
  return { code, ...io };
};

test('a cost from the sidebar shows in summit status; guests from summit show in the sidebar, waiting for review', async () => {
  const before = JSON.parse((await summit(['status', '--json'])).stdout) as { budget: { consumed: number } };
  const cost = { funder: 'STOKAB', category: 'workshops', description: 'Lokal', amount: '2 000', date: '2009-11-01', status: 'Beställd' };
  const r = await post('/api/rpc', { fn: 'recordCost', args: [cost], user: EKO });
  expect(r.result?.ok).toBe(true);
  const after = JSON.parse((await summit(['status', '--json'])).stdout) as { budget: { consumed: number } };
  expect(after.budget.consumed - before.budget.consumed).toBe(200000);

  const csv = path.join(dir, 'g.csv');
  fs.writeFileSync(csv, 'First name,Last name,E-mail\nIngrid,Lund,ingrid.lund@example.org\n');
  expect((await summit(['guests', 'import', csv])).code).toBe(0);
  const review = await post('/api/rpc', { fn: 'getReview', args: [], user: PL });
  const items = (review.result?.data as { items: { table: string; kind: string; fields: { header: string; now: string }[] }[] }).items;
  expect(items.some((i) => i.table === 'guests' && i.kind === 'new' && i.fields.some((f) => f.now === 'Lund'))).toBe(true);
  const versions = await (await fetch(`${sb.url}api/versions`)).json() as { label: string }[];
  expect(versions[0].label).toMatch(/^Sheets API: values\.append 'Gäster'!A1$/);
  expect(sb.sheetsApi.requests).toBeGreaterThanOrEqual(7);
}, 30_000);

test('the bin: usage from a clean checkout; no credentials said plainly (exit 3)', async () => {
  const run = promisify(execFile);
  const help = await run(process.execPath, [path.join(ROOT, 'bin/summit.cjs'), '--help', '--lang', 'en'], { cwd: ROOT });
  expect(help.stdout).toMatch(/^Usage:\n {2}summit status \[--json\]/);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'summit-home-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, METADATA_SERVER_DETECTION: 'none' };
  const no = await run(process.execPath, [path.join(ROOT, 'bin/summit.cjs'), 'status', '--spreadsheet', 'abc'], { cwd: ROOT, env }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
  expect(no.code).toBe(3);
  expect(no.stderr).toMatch(/^Inga inloggningsuppgifter hittades\. Logga in med "gcloud auth application-default login"/);
}, 30_000);
