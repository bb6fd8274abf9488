/**
 * The sandbox runs doGet, and the google.script.run calls from the web app's page, as web app
 * executions; calls from a sidebar are not. Reference: ../shared/reference/apps-script-platform.md,
 * "Execution contexts" (a bound script's web app: no getUi(), getDocumentLock() null).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';

const CODE = `
function probe() {
  var ui;
  try { SpreadsheetApp.getUi(); ui = 'ui'; } catch (e) { ui = e.message; }
  return { docLock: LockService.getDocumentLock() !== null, ui: ui, active: SpreadsheetApp.getActiveSpreadsheet() !== null };
}
function doGet(e) {
  return HtmlService.createHtmlOutput('<p id="probe">' + JSON.stringify(probe()) + '</p>').setTitle('Probe');
}
`;

describe('sandbox web app executions', () => {
  jest.setTimeout(30000);
  let dir: string;
  let sandbox: Sandbox;
  let base: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webapp-server-'));
    const buildDir = path.join(dir, 'build');
    fs.mkdirSync(buildDir);
    fs.writeFileSync(path.join(buildDir, 'Code.js'), CODE);
    sandbox = await startSandbox({ port: 0, dataDir: path.join(dir, 'data'), buildDir, seed: false, quiet: true });
    base = sandbox.url.replace(/\/$/, '');
  });
  afterAll(async () => {
    await sandbox?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rpc = async (frameId?: string) => {
    const res = await fetch(`${base}/api/rpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fn: 'probe', args: [], frameId }) });
    return ((await res.json()) as { result: unknown }).result;
  };

  // Reference: apps-script-platform.md "Execution contexts"; the sandbox is a bound script whose
  // web app sees the container (EmulatorOptions defaults).
  test('doGet and calls from its page are web app executions; sidebar calls are not', async () => {
    expect(sandbox.emulator.deployment).toBe('bound');
    const page = await (await fetch(`${base}/exec`)).text();
    const frameId = /data-frame-id="([0-9a-f]+)"/.exec(page)?.[1];
    expect(frameId).toBeTruthy();
    const frame = await (await fetch(`${base}/frame/${frameId}`)).text();
    const webAppSeen = { docLock: false, ui: 'Cannot call SpreadsheetApp.getUi() from this context.', active: true };
    expect(JSON.parse(/<p id="probe">(.*?)<\/p>/.exec(frame)?.[1] ?? 'null')).toEqual(webAppSeen);
    expect(await rpc(frameId)).toEqual(webAppSeen);
    expect(await rpc()).toEqual({ docLock: true, ui: 'ui', active: true });
  });
});
