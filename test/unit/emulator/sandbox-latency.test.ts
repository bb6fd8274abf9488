/**
 * `npm start` waits out each sidebar call's emulated latency in real time (SandboxOptions.latency),
 * so a send in batches shows its progress as in Google Sheets, and the sandbox clock stays real time
 * (the emulated time is taken back once it has been waited).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SANDBOX_LATENCY, startSandbox, type Sandbox } from '../../../src/sandbox/server';

const CODE = `
function slow() {
  var before = new Date().getTime();
  for (var i = 0; i < 3; i++) MailApp.sendEmail('gast' + i + '@example.org', 'Test', 'Hej');
  return { scriptSaw: new Date().getTime() - before };
}
`;

const started = async (latency: typeof SANDBOX_LATENCY | undefined): Promise<{ sandbox: Sandbox; dir: string }> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-latency-'));
  const buildDir = path.join(dir, 'build');
  fs.mkdirSync(buildDir);
  fs.writeFileSync(path.join(buildDir, 'Code.js'), CODE);
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(dir, 'data'), buildDir, seed: false, quiet: true, ...(latency ? { latency } : {}) });
  return { sandbox, dir };
};

async function call(sb: Sandbox): Promise<{ scriptSaw: number; waited: number; clockMoved: number }> {
  const clockBefore = sb.emulator.now().getTime();
  const t0 = Date.now();
  const res = await fetch(`${sb.url}api/rpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fn: 'slow', args: [] }) });
  const body = (await res.json()) as { result: { scriptSaw: number } };
  const waited = Date.now() - t0;
  return { scriptSaw: body.result.scriptSaw, waited, clockMoved: sb.emulator.now().getTime() - clockBefore - waited };
}

describe('the sandbox with latency', () => {
  jest.setTimeout(30000);

  test('a call answers after its emulated time, and the clock is not moved on twice', async () => {
    const { sandbox, dir } = await started(SANDBOX_LATENCY);
    try {
      const r = await call(sandbox);
      const mails = 3 * SANDBOX_LATENCY.byMethod!['MailApp.sendEmail'];
      expect(r.scriptSaw).toBeGreaterThanOrEqual(mails); // the script's own clock moved on by the latency
      expect(r.waited).toBeGreaterThanOrEqual(r.scriptSaw); // and the page waited that long for real
      // After the call the sandbox clock is real time again: at most a few ms apart, never the emulated time twice.
      expect(Math.abs(r.clockMoved)).toBeLessThan(mails / 2);
    } finally {
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without it (the browser tests), calls take only the real time they take', async () => {
    const { sandbox, dir } = await started(undefined);
    try {
      expect((await call(sandbox)).scriptSaw).toBeLessThan(3 * SANDBOX_LATENCY.byMethod!['MailApp.sendEmail']);
    } finally {
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
