/**
 * The sandbox's two test switches (SandboxOptions.persist and .versions, used by the browser tests
 * through test/support/browser.ts): off, the workbook stays in memory and no version is kept;
 * by default (npm start) a change is in workbook.json at once and the content before it is a version.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/server';

const CODE = `
function write() {
  SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 1, 1).setValues([['skrivet']]);
  return 'ok';
}
`;

describe('sandbox persistence and version history', () => {
  jest.setTimeout(30000);
  let dir: string;
  const open: Sandbox[] = [];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-options-'));
    fs.mkdirSync(path.join(dir, 'build'));
    fs.writeFileSync(path.join(dir, 'build', 'Code.js'), CODE);
  });
  afterAll(async () => {
    for (const s of open) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A sandbox in its own data dir, after one menu call that writes a cell. */
  async function afterWrite(name: string, opts: Partial<SandboxOptions>) {
    const dataDir = path.join(dir, name);
    const s = await startSandbox({ port: 0, dataDir, buildDir: path.join(dir, 'build'), seed: false, quiet: true, ...opts });
    open.push(s);
    const res = await fetch(`${s.url.replace(/\/$/, '')}/api/run`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fn: 'write' }) });
    expect(await res.json()).toMatchObject({ ok: true });
    expect(s.emulator.sheetValues(s.emulator.sheetNames()[0])[0][0]).toBe('skrivet');
    const versions = (await (await fetch(`${s.url.replace(/\/$/, '')}/api/versions`)).json()) as { label: string }[];
    const file = path.join(dataDir, 'workbook.json');
    return { versions: versions.map((v) => v.label), saved: fs.existsSync(file) ? fs.readFileSync(file, 'utf8').includes('skrivet') : null };
  }

  test('by default the change is saved at once and the content before it is a version', async () => {
    expect(await afterWrite('default', {})).toEqual({ versions: ['Menyval write'], saved: true });
  });

  test('persist: false and versions: false keep nothing on disk and no version', async () => {
    expect(await afterWrite('memory', { persist: false, versions: false })).toEqual({ versions: [], saved: null });
  });

  test('persist: false starts from a fresh workbook even where one is saved', async () => {
    const dataDir = path.join(dir, 'default'); // saved by the first test
    const s = await startSandbox({ port: 0, dataDir, buildDir: path.join(dir, 'build'), seed: false, quiet: true, persist: false });
    open.push(s);
    expect(s.emulator.sheetValues(s.emulator.sheetNames()[0])[0]?.[0] ?? '').toBe('');
  });
});
