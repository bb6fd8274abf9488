/**
 * The sandbox's Sheets API subset (src/sandbox/sheets-api.ts) on a local port, over an emulator the test
 * owns: what `summit --endpoint` and the googleapis client talk to in the tests and the benchmark.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../../src/sandbox/emulator';
import { SheetsApi } from '../../src/sandbox/sheets-api';
import type { Io } from '../../src/cli/main';

export interface Endpoint {
  readonly url: string;
  readonly api: SheetsApi;
  close(): Promise<void>;
}

export async function serveSheetsApi(emu: Emulator): Promise<Endpoint> {
  const api = new SheetsApi(emu);
  const server = http.createServer((req, res) => {
    void api.handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')).then((done) => {
      if (!done) { res.writeHead(404); res.end(); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    api,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** An Io that keeps what the CLI printed; no real waiting between retries (the waits are recorded). */
export function memoryIo(env: Record<string, string | undefined> = {}): Io & { stdout: string; stderr: string; waits: number[]; counter: { requests: number } } {
  const io = {
    stdout: '', stderr: '', waits: [] as number[], counter: { requests: 0 }, env, backoffMs: 1000,
    out(s: string) { io.stdout += s; },
    err(s: string) { io.stderr += s; },
    sleep(ms: number) { io.waits.push(ms); return Promise.resolve(); },
  };
  return io;
}
